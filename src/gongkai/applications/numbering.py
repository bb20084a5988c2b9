"""Gap-free numbers per organ, year and sequence (registration numbers, each document kind's 文号).

The counter row is bumped with one UPDATE … SET value = value + 1 inside the caller's transaction: on
PostgreSQL the row lock holds every other bump of the same sequence until commit, on SQLite the write lock
does. A rolled-back transaction gives its number back, so numbers are consecutive and never repeat.
"""

from __future__ import annotations

import string

from django.db import transaction
from django.db.models import F

from gongkai.applications.models import CaseSettings, Counter

REGISTRATION = "registration"
PATTERN_FIELDS = {"prefix", "year", "seq", "code"}


def next_value(organ, year: int, sequence: str) -> int:
    """The next number of `sequence`; must run inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value must run inside a transaction")
    bumped = Counter.objects.filter(organ=organ, year=year, sequence=sequence).update(value=F("value") + 1)
    if not bumped:
        Counter.objects.bulk_create(
            [Counter(organ=organ, year=year, sequence=sequence, value=0)], ignore_conflicts=True
        )
        Counter.objects.filter(organ=organ, year=year, sequence=sequence).update(value=F("value") + 1)
    return Counter.objects.values_list("value", flat=True).get(organ=organ, year=year, sequence=sequence)


def settings_for(organ) -> CaseSettings:
    found = CaseSettings.objects.filter(organ=organ).first()
    return found or CaseSettings(organ=organ)


def prefix_for(organ, case_settings: CaseSettings | None = None) -> str:
    case_settings = case_settings or settings_for(organ)
    return case_settings.prefix or organ.short_name or organ.name


def format_number(pattern: str, *, prefix: str, year: int, seq: int, code: str = "") -> str:
    return pattern.format(prefix=prefix, year=year, seq=seq, code=code)


def pattern_errors(pattern: str, field_label: str) -> list[str]:
    """Problems of a number pattern, in Chinese naming the field."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        return [f"{field_label}：花括号不成对"]
    errors = []
    unknown = names - PATTERN_FIELDS
    if unknown:
        errors.append(f"{field_label}：未知占位符 {'、'.join('{' + n + '}' for n in sorted(unknown))}")
    for needed in ("year", "seq"):
        if needed not in names:
            errors.append(f"{field_label}：必须包含 {{{needed}}}")
    return errors
