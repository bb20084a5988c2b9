"""The date of 清明 (the solar term at apparent solar longitude 15°), computed astronomically.

Why: a year without a State Council arrangement still has a 清明 holiday, and its date moves between 4 and 6
April. We use the low-accuracy solar coordinates of Meeus, *Astronomical Algorithms* ch. 25 (error about
0.01°, i.e. under 15 minutes of time), convert Terrestrial Time to UT with an approximate ΔT, and take the
calendar date in Beijing time (UTC+8). Tests compare the result with chinese-calendar for 1901–2099.
"""

from __future__ import annotations

import math
from datetime import date

J2000 = 2451545.0
TROPICAL_YEAR = 365.2422
QINGMING_LONGITUDE = 15.0  # 清明: the sun at apparent ecliptic longitude 15°
BEIJING_OFFSET_DAYS = 8 / 24


def apparent_solar_longitude(jde: float) -> float:
    """Apparent geocentric longitude of the sun in degrees [0, 360) at Julian Ephemeris Day `jde`."""
    t = (jde - J2000) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    anomaly = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    omega = math.radians(125.04 - 1934.136 * t)
    return (mean_longitude + centre - 0.00569 - 0.00478 * math.sin(omega)) % 360


def delta_t_seconds(year: float) -> float:
    """TT − UT, polynomial fits of Espenak & Meeus; only matters when a term falls near midnight."""
    if year < 1900:
        return 0.0
    if year < 1920:
        t = year - 1900
        return -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    if year < 1941:
        t = year - 1920
        return 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    if year < 1961:
        t = year - 1950
        return 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    if year < 1986:
        t = year - 1975
        return 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    if year < 2005:
        t = year - 2000
        return 63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3 + 0.000651814 * t**4
    if year < 2050:
        t = year - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t**2
    return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)


def julian_day(day: date) -> float:
    """Julian Day at 0h UT of a Gregorian date."""
    return day.toordinal() + 1721424.5


def solar_term_date(year: int, longitude: float, guess: date) -> date:
    """Beijing-time calendar date on which the sun reaches `longitude` near `guess`."""
    jde = julian_day(guess)
    for _ in range(50):
        diff = (longitude - apparent_solar_longitude(jde) + 180) % 360 - 180
        jde += diff * TROPICAL_YEAR / 360
        if abs(diff) < 1e-7:
            break
    jd_ut = jde - delta_t_seconds(year) / 86400
    beijing = jd_ut + BEIJING_OFFSET_DAYS + 0.5  # +0.5: Julian days start at noon
    return date.fromordinal(int(math.floor(beijing - 1721425)))


def qingming(year: int) -> date:
    """Date of 清明 in `year` (4, 5 or 6 April)."""
    return solar_term_date(year, QINGMING_LONGITUDE, date(year, 4, 5))
