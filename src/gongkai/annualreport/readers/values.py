"""Reading one table cell's value, conservatively.

A wrong number presented as right is the worst outcome, so only clean forms are accepted:
``12``, ``１２`` (full-width), ``1,234``, ``12件`` (a count with its unit), ``-3`` / ``+3`` in a 本年增/减
cell, ``0.35`` / ``0.35万元`` in a money cell. A blank cell is ``None`` (not 0) and is not a problem here:
the checker reports blank cells. A dash, slash or 无 is ``None`` *with* a problem: it may mean zero or "not
applicable", and we do not guess. Anything else is ``None`` with a problem quoting what was seen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:件|个|条|项|次|人|家|宗)?")
_SIGNED = re.compile(r"([+-]|增加?|减少?)?(\d+)(?:件|个|条|项)?")  # "减2"/"增加3" as some 2019 reports wrote
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(?:万元|万)?")
DASH = re.compile(r"[-—–―‐‑−~～/\\_]+|无|空|不适用")
_LONGEST_VALUE = 16  # longer unknown text is a note or a paragraph, not a value


@dataclass(frozen=True, slots=True)
class Value:
    """A read cell: ``value`` (None when blank or unreadable) and, if unreadable, why (Chinese)."""

    value: int | float | None
    trouble: str | None = None


BLANK = Value(None)


def clean(cell: str) -> str:
    """NFKC and trimmed; inner spaces are kept on purpose ("1 0" must not become 10)."""
    if cell.isascii():
        return cell.strip()
    return unicodedata.normalize("NFKC", cell).strip().replace("\u3000", " ").strip()


def is_value_like(cell: str) -> bool:
    """Whether a cell that is not a label could be a value (short); long text ends a row instead."""
    return len(cell) <= _LONGEST_VALUE


def read_value(cell: str, kind: str = "int") -> Value:
    """The value of one cell of a given kind ("int", "signed", "amount")."""
    if cell.isdigit() and cell.isascii() and kind != "amount":
        return Value(int(cell))  # the common case, fast
    text = clean(cell)
    if not text:
        return BLANK
    if kind == "amount":
        found = _AMOUNT.fullmatch(text)
        if found:
            number = float(found.group(1))
            return Value(int(number) if number.is_integer() and "." not in found.group(1) else number)
    elif kind == "signed":
        found = _SIGNED.fullmatch(text.replace("−", "-"))
        if found:
            negative = found.group(1) is not None and found.group(1)[:1] in "-减"
            return Value(int(found.group(2)) * (-1 if negative else 1))
    else:
        found = _INT.fullmatch(text)
        if found:
            return Value(int(found.group(1).replace(",", "")))
    if DASH.fullmatch(text):
        return Value(None, f"填的是“{text}”，不能确定是0还是不适用，未读取")
    return Value(None, f"“{text}”不是规范的{_KIND_NAMES[kind]}，未读取")


_KIND_NAMES = {"int": "非负整数", "signed": "整数（增减数）", "amount": "金额"}
