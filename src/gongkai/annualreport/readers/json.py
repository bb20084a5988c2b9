"""Our own JSON (``Report.to_dict()``, the schema's shape) back into a ``Report``, checking every value.

A value of the wrong type is not guessed at: the cell stays None and a problem names the key path and what
was there (``applications.new.natural_person：应为非负整数，实际为 "5"``). Unknown keys are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from gongkai.annualreport.model import FORMATS, SECTION_KEYS, Problem, Report

_SIGNED_CELLS = ("change",)  # 本年增/减 may be negative
_AMOUNT_CELLS = ("amount_wan_yuan",)


def looks_like_report_json(text: str) -> bool:
    """Cheap sniff: an object that mentions "applications" near the top."""
    return text.lstrip()[:1] == "{" and '"applications"' in text


def parse_json(text: str, source: str | None = None) -> Report:
    """Never raises on a JSON object; raises ValueError when the text is not a JSON object at all."""
    data = json.loads(text, parse_float=Decimal)  # decimals exact; Infinity/NaN stay floats, refused below
    if not isinstance(data, dict):
        raise ValueError("JSON 顶层不是对象")
    return from_data(data, source)


def from_data(data: dict[str, Any], source: str | None = None) -> Report:
    problems: list[Problem] = []
    fmt = data.get("format")
    if fmt not in FORMATS:
        guessed = "2019" if isinstance(data.get("proactive_2019"), dict) else "2021"
        if fmt is not None:
            problems.append(
                Problem("format", f"format 应为 {'/'.join(FORMATS)}，实际为 {fmt!r}，按{guessed}处理")
            )
        fmt = guessed
    report = Report.blank(fmt)
    report.source = source if source is not None else _text(data, "source", problems)
    report.agency = _text(data, "agency", problems)
    report.title = _text(data, "title", problems)
    report.year = _year(data, problems)
    report.published_on = _date(data, problems)
    for path, _ in list(report.cells()):
        report.set(path, _cell(data, path, problems))
    sections = data.get("sections")
    if isinstance(sections, dict):
        for key in ("preamble", *SECTION_KEYS):  # 引言 and the six sections
            value = sections.get(key)
            if value is None or isinstance(value, str):
                setattr(report.sections, key, value)
            else:
                problems.append(
                    Problem(f"sections.{key}", f"sections.{key}：应为字符串或 null，实际为 {_show(value)}")
                )
    elif sections is not None:
        problems.append(Problem("sections", f"sections：应为对象，实际为 {_show(sections)}"))
    report.problems = _problems(data) + problems
    return report


def _show(value: Any) -> str:
    text = str(value) if isinstance(value, Decimal) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "…"


def _text(data: dict, key: str, problems: list[Problem]) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(Problem(key, f"{key}：应为字符串，实际为 {_show(value)}"))
    return None


def _year(data: dict, problems: list[Problem]) -> int | None:
    value = data.get("year")
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100):
        return value
    problems.append(Problem("year", f"year：应为年份整数，实际为 {_show(value)}"))
    return None


def _date(data: dict, problems: list[Problem]) -> dt.date | None:
    value = data.get("published_on")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(Problem("published_on", f"published_on：应为 YYYY-MM-DD 日期，实际为 {_show(value)}"))
    return None


def _lookup(data: dict, path: str) -> tuple[Any, str | None]:
    """(value, None) or (None, the first key path that is missing or not an object)."""
    node: Any = data
    walked = []
    for part in path.split("."):
        walked.append(part)
        if not isinstance(node, dict):
            return None, ".".join(walked[:-1])
        if part not in node:
            return None, ".".join(walked)
        node = node[part]
    return node, None


_AMOUNT_TEXT = re.compile(r"[0-9]{1,30}(?:\.[0-9]{1,30})?")  # how the writer puts an amount no double holds


def _cell(data: dict, path: str, problems: list[Problem]) -> int | Decimal | None:
    value, broken = _lookup(data, path)
    if broken is not None:
        if not any(p.where == broken for p in problems):
            problems.append(Problem(broken, f"{broken}：缺少或不是对象"))
        return None
    if value is None:
        return None
    leaf = path.rsplit(".", 1)[1]
    number_ok = isinstance(value, int) and not isinstance(value, bool)
    if leaf in _AMOUNT_CELLS:
        if isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value):
            value = Decimal(value) if "." in value else int(value)
        # a float here is only Infinity or NaN (parse_float gives Decimal): never a report's number
        number_ok = (number_ok or isinstance(value, Decimal) and value.is_finite()) and value >= 0
    elif leaf not in _SIGNED_CELLS:
        number_ok = number_ok and value >= 0
    if number_ok:
        return value
    wanted = "整数" if leaf in _SIGNED_CELLS else ("非负数" if leaf in _AMOUNT_CELLS else "非负整数")
    problems.append(Problem(path, f"{path}：应为{wanted}或 null，实际为 {_show(value)}"))
    return None


def _problems(data: dict) -> list[Problem]:
    """Problems recorded in the file itself are kept when well formed."""
    raw = data.get("problems")
    if not isinstance(raw, list):
        return []
    return [
        Problem(item["where"], item["message"], "info" if item.get("level") == "info" else "error")
        for item in raw
        if isinstance(item, dict)
        and isinstance(item.get("where"), str)
        and isinstance(item.get("message"), str)
    ]
