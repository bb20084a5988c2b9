"""Shared helpers for rules that read the report's own words (title, introduction and the six sections)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from gongkai.annualreport.model import SECTION_KEYS, Report

_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")
_CLAUSE_BREAK = "，。；,;！？\n"
QUOTE_MAX = 80


def narrative(report: Report) -> Iterator[tuple[str, str]]:
    """(where, text) for the title, the introduction (引言) and each section present, in reading order.

    The introduction is where reports state their statistical period, so period checks must see it."""
    if report.title:
        yield "title", report.title
    for key in ("preamble", *SECTION_KEYS):
        text = getattr(report.sections, key)
        if text:
            yield f"sections.{key}", text


# Text laid out by a PDF: a line wrapped inside a sentence ("共受理政府信息\n公开申请 23 件"), spaces between
# characters. A line break after a long line that does not end a sentence continues it; a space beside a
# Chinese character is layout, not meaning (a space between two digits is kept: "1 0" is not 10).
_WRAPPED = re.compile(r"(?<=[^\n。！？!?；;：:]{10})\n(?=[^\n（(一二三四五六七八九十\d])")
_LAYOUT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[\u4e00-\u9fff])")


def unwrap(text: str) -> str:
    """The narrative as written: wrapped lines joined, layout spaces beside Chinese characters removed."""
    return _LAYOUT_SPACE.sub("", _WRAPPED.sub("", text))


def sentences(report: Report) -> Iterator[tuple[str, str]]:
    """(where, sentence) over the narrative, unwrapped; a sentence ends at 。！？ or a line break."""
    for where, text in narrative(report):
        for part in _SENTENCE_END.split(unwrap(text)):
            part = part.strip()
            if part:
                yield where, part


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ，；。) that holds ``sentence[start:end]``."""
    left = max(sentence.rfind(ch, 0, start) for ch in _CLAUSE_BREAK) + 1
    rights = [i for i in (sentence.find(ch, end) for ch in _CLAUSE_BREAK) if i >= 0]
    return left, min(rights) if rights else len(sentence)


def quote(sentence: str, start: int = 0, end: int | None = None) -> str:
    """The sentence, or when it is long the clause around the match, without its end mark."""
    text = sentence.rstrip("。！？!?\n ")
    if len(text) <= QUOTE_MAX or end is None:
        return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX] + "…"
    left, right = clause_bounds(sentence, start, end)
    return sentence[left:right].strip()


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
