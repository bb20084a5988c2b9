"""Reading one table cell's value, conservatively.

A wrong number presented as right is the worst outcome, so only clean forms are accepted:
``12``, ``１２`` (full-width), ``1,234``, ``12件`` (a count with its unit), ``-3`` / ``+3`` in a 本年增/减
cell, ``0.35`` / ``0.35万元`` in a money cell. A blank cell is ``None`` (not 0) and is not a problem here:
the checker reports blank cells. A dash, slash or 无 is ``None`` *with* a problem: it may mean zero or "not
applicable", and we do not guess. Anything else is ``None`` with a problem quoting what was seen.

Numbers are exact: counts are ``int``; an amount is an ``int`` when written without a decimal point and a
``Decimal`` (its digits as written: "0.350" stays 0.350) when written with one, never a float. Only ASCII
digits count, after NFKC (which maps full-width digits to ASCII); other scripts' digits (٣, ३) are not
read. A run of more than ``_LONGEST_NUMBER`` digits is refused with a problem, not rounded. So every number
read occurs in the cell after these normalisations: NFKC, thousands separators removed, a unit (件, 万元…)
or a sign word (增/减) dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_INT = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:件|个|条|项|次|人|家|宗)?")
_SIGNED = re.compile(
    r"([+-]|增加?|减少?)?([0-9]+)(?:件|个|条|项)?"
)  # "减2"/"增加3" as some 2019 reports wrote
_AMOUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?)(?:万元|万)?")
DASH = re.compile(r"[-—–―‐‑−~～/\\_]+|无|空|不适用")
_LONGEST_VALUE = 16  # longer unknown text is a note or a paragraph, not a value
_LONGEST_NUMBER = 30  # digits; a count or an amount in 万元 of more is a misprint (and int() caps at 4300)


@dataclass(frozen=True, slots=True)
class Value:
    """A read cell: ``value`` (None when blank or unreadable) and, if unreadable, why (Chinese)."""

    value: int | Decimal | None
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
    if cell.isdigit() and cell.isascii() and kind != "amount" and len(cell) <= _LONGEST_NUMBER:
        return Value(int(cell))  # the common case, fast
    text = clean(cell)
    if not text:
        return BLANK
    digits = sum(char.isdigit() for char in text)
    if digits > _LONGEST_NUMBER:
        return Value(None, f"“{_quote(text)}”有{digits}位数字，不是规范的{_KIND_NAMES[kind]}，未读取")
    if kind == "amount":
        found = _AMOUNT.fullmatch(text)
        if found:
            number = found.group(1)
            return Value(Decimal(number) if "." in number else int(number))
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
    return Value(None, f"“{_quote(text)}”不是规范的{_KIND_NAMES[kind]}，未读取")


_KIND_NAMES = {"int": "非负整数", "signed": "整数（增减数）", "amount": "金额"}


def _quote(text: str) -> str:
    return text if len(text) <= 40 else text[:20] + "…" + text[-8:]
