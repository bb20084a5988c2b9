"""An independent check that the reader returns no number that is not in its input (finding M6).

The reader documents these normalisations of a number (``readers/values.py``, ``readers/meta.py``): NFKC
(full-width digits become ASCII), thousands separators removed, a unit or a sign word dropped (the sign is
compared apart: ``abs``), leading zeros, a year written in Chinese digits (二〇二三 → 2023), and for JSON
the number syntax (``1e2`` is 100). Every cell value, the year and the signing date's year must equal a
number written in the input after these, as a *whole* run of digits: 231 inside 20231 is not in it.

No code of the reader is used here, so the check cannot share the reader's mistakes. Used by
``bench/fuzz.py`` and the property tests.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys("零○OoΟ", "0")
_CN_YEAR = re.compile("[" + "".join(_CN_DIGIT) + "]{4}")
_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,4})?")


def numbers_in(text: str) -> set[Decimal]:
    """Every number written in ``text``, after the documented normalisations."""
    text = unicodedata.normalize("NFKC", text)
    text = _THOUSANDS.sub("", text)
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), text)
    found: set[Decimal] = set()
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        if len(token) > 4300:
            continue  # the reader refuses such runs; no value can come from them
        try:
            found.add(Decimal(token))
        except InvalidOperation:
            continue
        if "e" in token.lower():  # "1e5" is also the run "1" then "e5": both readings are written
            found.update(Decimal(part) for part in re.split(r"[eE][+-]?", token) if part)
    return found


def returned_numbers(report) -> list[tuple[str, object]]:
    """(where, number) for every number the report holds: cells, year, the signing date's year."""
    out = [(path, value) for path, value in report.cells() if value is not None]
    if report.year is not None:
        out.append(("year", report.year))
    if report.published_on is not None:
        out.append(("published_on", report.published_on.year))
    return out


def fabricated(report, text: str) -> list[str]:
    """The numbers of ``report`` not written in ``text`` ("where=value"), and any that is not finite."""
    written = numbers_in(text)
    bad = []
    for where, value in returned_numbers(report):
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            bad.append(f"{where}={value!r}")  # a float (or anything else) is not an exact number
            continue
        if isinstance(value, Decimal) and not value.is_finite():
            bad.append(f"{where}={value}")
            continue
        magnitude = (
            value.copy_abs() if isinstance(value, Decimal) else Decimal(abs(value))
        )  # abs() would round
        if magnitude not in written:
            bad.append(f"{where}={value}")
    return bad
