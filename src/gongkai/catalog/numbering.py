"""索引号 from the organ's pattern, unique and gap-free: the counter row is locked (select_for_update) while
the next number is taken, inside the transaction that publishes the entry."""

from __future__ import annotations

from django.db import transaction

from gongkai.catalog.models import IndexCounter

FIELDS = ("credit_code", "year", "seq")


def format_index(pattern: str, *, credit_code: str, year: int, seq: int) -> str:
    try:
        return pattern.format(credit_code=credit_code, year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"索引号格式无效：{pattern}（可用 {{credit_code}}、{{year}}、{{seq:05d}}）") from exc


def validate_pattern(pattern: str) -> None:
    """A pattern must contain {seq…} so numbers differ, and format without error."""
    if "{seq" not in pattern:
        raise ValueError("索引号格式须包含流水号 {seq}（如 {seq:05d}）")
    format_index(pattern, credit_code="X", year=2000, seq=1)


def next_index(organ, year: int, pattern: str) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_index must run inside the publishing transaction")
    IndexCounter.objects.get_or_create(organ=organ, year=year)
    counter = IndexCounter.objects.select_for_update().get(organ=organ, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_index(pattern, credit_code=organ.credit_code, year=year, seq=counter.last)
