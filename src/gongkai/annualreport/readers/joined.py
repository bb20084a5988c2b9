"""Crawler text: a report's body on one or a few lines, table cells joined with no separator.

Pages copied by crawlers keep the page's metadata first (``标题: …``, ``发布时间: …``, ``发布机构: …``,
``栏目: …``, ``原文链接: …``), then the whole body with every paragraph break and table cell gone::

    …年度报告本报告依据…一、总体情况…二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数…规章000…
    三、收到和处理政府信息公开申请情况…一、本年新收政府信息公开申请数量12520000127二、上年结转…

``unjoin`` turns such lines back into the text contract: the title, the preamble and each section on its
own line (cut at the six numbered headings, in the format's order), the signature apart, and each table
row as ``label<TAB>digits``. The digits stay run together: ``decoding`` splits them by the identities.
Lines that are not joined are returned unchanged.
"""

from __future__ import annotations

import re

_JOINED_ROW = re.compile(
    r"(?:本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理|予以公开|国家秘密)\s*\d{5,}"
)
_LONG = 150
_HEADINGS = (
    r"一、(?:[^、\d。]{0,12}?总体(?:工作)?情况|概述)",
    r"二、[^、\d。]{0,6}?主动公开政府信息(?:[^、\d。]{0,4}?情况)?",
    r"三、[^、\d。]{0,4}?收到和处理政府信息公开申请(?:[^、\d。]{0,3}?情况)?",
    r"四、[^\d。]{0,12}?行政复议[、和及]?行政诉讼(?:[^、\d。]{0,3}?情况)?",
    r"五、[^、\d。]{0,14}?主要问题[^、\d。]{0,2}?及[^、\d。]{0,4}?改进(?:情况|措施)?",
    r"六、[^、\d。]{0,4}?其他需要报告的事项",
)
_HEADING_RES = [re.compile(h) for h in _HEADINGS]
_TITLE_END = re.compile(r"^.{4,80}?(?:工作年度报告|年度报告|工作报告)(?:[（(]\d{4}年度?[）)])?")
_SIGNATURE = re.compile(
    r"(?P<signer>[^\s。；！]{2,40}?)?(?P<date>(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零○一二三四五六七八九]{4}年[〇零○一二三四五六七八九十]{1,2}月[〇零○一二三四五六七八九十]{1,3}日))$"
)
_NUMBER = re.compile(r"([+\-−]?\d+(?:\.\d+)?)")  # a sign belongs to its number (2019's 本年增/减)
_TABLE_SECTIONS = (1, 2, 3)  # 二、三、四
# Where a table's own text starts, in each table section (its first header or label word).
_TABLE_START = {
    1: re.compile(r"第二十条|信息内容|规\s*章"),
    2: re.compile(r"[（(]本列数据|申请人情况|一、本年新收"),
    3: re.compile(r"行政复议行政诉讼|行政复议结果|行政复议"),
}
# A table-3 row label starts at its numbering: "一、", "（一）", "1.".
_T3_MARK = re.compile(r"[一二三四]、|[（(][一二三四五六七][）)]|\d[.．、]")
_T2_LABELS = (
    "规章",
    "规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
)


def is_joined(lines: list[str]) -> bool:
    """Whether the text is crawler text: a long line holding a table row's label and its joined digits."""
    return any(len(line) > _LONG and _JOINED_ROW.search(line) for line in lines)


def unjoin(lines: list[str]) -> list[str]:
    """The lines with each joined body line cut back into title, sections, table rows and signature."""
    out: list[str] = []
    found = 0  # sections found so far (headings are accepted in the format's order only)
    for line in lines:
        if len(line) <= _LONG:
            out.append(line)
            continue
        pieces, found = _cut_sections(line.strip(), found)
        for section, text in pieces:
            out.extend(_section_lines(section, text))
    return out


def _cut_sections(line: str, found: int) -> tuple[list[tuple[int | None, str]], int]:
    """(section index or None, text) pieces of one long line, cut at the numbered headings in order."""
    pieces: list[tuple[int | None, str]] = []
    current: int | None = found - 1 if found else None
    pos = 0
    while found < len(_HEADING_RES):
        match = _HEADING_RES[found].search(line, pos)
        if match is None:
            break
        if match.start() > pos:
            pieces.append((current, line[pos : match.start()]))
        pieces.append((None, match.group(0)))  # the heading itself, a line of its own
        current, pos, found = found, match.end(), found + 1
    pieces.append((current, line[pos:]))
    return [(s, t) for s, t in pieces if t.strip()], found


def _section_lines(section: int | None, text: str) -> list[str]:
    if section is None:
        title = _TITLE_END.match(text)
        if title and not title.group(0).startswith(("一、", "本报告")):
            return [title.group(0), *_sentences_and_signature(text[title.end() :])]
        return _sentences_and_signature(text)
    if section in _TABLE_SECTIONS:
        return _table_lines(section, text)
    return _sentences_and_signature(text)


def _sentences_and_signature(text: str) -> list[str]:
    """Narrative as one line, with a trailing signature ("…。某局2024年1月20日") cut onto its own lines."""
    if not text.strip():
        return []
    head, _, tail = text.rpartition("。")
    signature = _SIGNATURE.search(tail) if tail else None
    if signature and len(tail) <= 60:
        lines = [head + "。"] if head else []
        if signature.group("signer"):
            lines.append(signature.group("signer"))
        return [*lines, signature.group("date")]
    return [text]


def _table_lines(section: int, text: str) -> list[str]:
    """Narrative before the table, then one row per label and its run of digits, then narrative after."""
    start = _TABLE_START[section].search(text)
    if start is None:
        return _sentences_and_signature(text)
    before_end = text.rfind("。", 0, start.start()) + 1
    before, table = text[:before_end], text[before_end:]
    after = ""
    last_digit = max((m.end() for m in _NUMBER.finditer(table)), default=0)
    if "。" in table[last_digit:]:
        table, after = table[:last_digit], table[last_digit:]
    lines = [before] if before.strip() else []
    lines.extend(_rows(section, table))
    lines.extend(_sentences_and_signature(after))
    return lines


def _rows(section: int, table: str) -> list[str]:
    parts = _NUMBER.split(table)  # text, digits, text, digits, …
    texts, numbers = parts[0::2], parts[1::2]
    for i, number in enumerate(numbers):  # "…0000000" + "2.其他法律…": the "2" is the next label's
        following = texts[i + 1]
        if following[:1] and following[0] in ".．、" and not following[1:2].isdigit() and "." not in number:
            numbers[i], texts[i + 1] = number[:-1], number[-1] + following
    lines: list[str] = []
    pending_text = ""
    for i, text in enumerate(texts):
        text = pending_text + text
        number = numbers[i] if i < len(numbers) else ""
        if not number:
            pending_text = text
            continue
        pending_text = ""
        if not text and lines and i:  # two numbers with nothing between ("12" "-3"): the same row
            lines[-1] += f"\t{number}"
            continue
        header, label = _split_label(section, text)
        if header.strip():
            lines.append(header + "\t")
        lines.append(f"{label}\t{number}")
    if pending_text.strip():
        lines.append(pending_text + "\t")
    return lines


def _split_label(section: int, text: str) -> tuple[str, str]:
    """(header words before it, the row label): the text's last label."""
    if section == 2:
        marks = list(_T3_MARK.finditer(text))
        at = marks[-1].start() if marks else 0
    elif section == 1:
        at = max((text.rfind(label) for label in _T2_LABELS), default=-1)
        at = 0 if at < 0 else at
        if text[max(0, at - 2) : at] == "行政" and text[at:].startswith("规范性文件"):
            at -= 2
    else:
        return text, ""
    return text[:at], text[at:]
