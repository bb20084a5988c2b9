"""``parse_text``: the heart of every reader (text, HTML, DOCX and PDF all end here).

The steps: split the text at the six section headings; detect the format from the table wording and the
year; read each table from its section, label-driven (see ``tables``); take title, agency, year and
signing date from the first and last lines (see ``meta``); keep each section's paragraphs.

Section text: paragraphs stripped and joined with "\\n"; a table section keeps only its text outside the
table (None when it has none); the signature (organ and date) after section 六 is not section text.
"""

from __future__ import annotations

import re

from gongkai.annualreport.formats import format_for_year
from gongkai.annualreport.model import SECTION_KEYS, SECTION_TITLES, Problem, Report
from gongkai.annualreport.readers import joined, meta
from gongkai.annualreport.readers.decoding import narrative_hints
from gongkai.annualreport.readers.layout import (
    Document,
    clean_lines,
    paragraphs,
    rows,
    split_sections,
    tokenize,
)
from gongkai.annualreport.readers.tables import TableReader

TABLE_SECTIONS = ("proactive", "applications", "reviews")
_OPENING = 600  # characters of an opening paragraph searched for the organ and the year
_WORDING_2019 = re.compile(
    r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|采购项目数量|采购总金额"
)
_WORDING_2021 = re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年收费金额")
_WORDING_TABLE3 = re.compile(r"本年新收|上年结转|予以公开")
_SUB_ROWS_2021 = re.compile(r"逾期不补正|逾期未按收费")
_WORDING_PRE2019 = re.compile(
    r"主动公开政府信息的情况|依申请公开政府信息(?:和不予公开政府信息)?的?情况|"
    r"政府信息公开的收费及减免情况|因政府信息公开申请(?:提起)?行政复议"
)


def parse_text(text: str, source: str | None = None, *, ocr: bool = False) -> Report:
    """Read a report from text in the reader's contract. Never raises; what it cannot read is a problem.

    ``ocr``: the text comes from OCR, so every number must be confirmed by an identity (``decode``); it is
    also assumed when the table's columns carry OCR's generic names (列1, 列2, …).
    """
    ocr = ocr or _OCR_COLUMNS.search(text) is not None
    carried, lines = meta.split_front_matter(clean_lines(text))
    if joined.is_joined(lines):
        lines = joined.unjoin(lines)  # crawler text: body on one line, cells joined
    doc = split_sections(lines)
    report = Report(source=source)
    _read_meta(report, doc)
    report.agency = carried.get("agency") or report.agency  # our writers' metadata, not report text
    fmt, why = detect_format(text, report.year)
    blank = Report.blank(fmt)
    report.format, report.proactive, report.proactive_2019 = fmt, blank.proactive, blank.proactive_2019
    report.applications = blank.applications
    if why:
        report.problems.append(Problem("format", why))
    tokens = {
        key: tokenize(doc.sections[key]) for key in TABLE_SECTIONS if key in doc.sections and fmt != "pre2019"
    }
    _read_sections(report, doc, tokens)
    if not carried.get("agency"):
        agency = meta.resolve_agency(report.agency, text, ocr=ocr)
        if agency != report.agency:
            report.problems[:] = [p for p in report.problems if p.where != "agency"]
            report.agency = agency
    if fmt == "pre2019":
        report.problems.append(
            Problem("format", "2019年以前的报告格式（2007年条例），表格不按现行格式读取，各单元格均为空")
        )
    else:
        _read_tables(report, tokens, lines, ocr)
    return report


_OCR_COLUMNS = re.compile(r"列\s*1[\s|]+列\s*2[\s|]+列\s*3")


def detect_format(text: str, year: int | None) -> tuple[str, str | None]:
    """("2021" | "2019" | "pre2019", a problem message when the evidence conflicts or is thin)."""
    has_2019 = _WORDING_2019.search(text) is not None
    has_2021 = _WORDING_2021.search(text) is not None
    has_table3 = _WORDING_TABLE3.search(text) is not None
    by_year = format_for_year(year)
    if by_year == "pre2019":
        return "pre2019", None
    if has_2019 != has_2021:
        return ("2019" if has_2019 else "2021"), None
    if has_2019:
        fmt = "2021" if _SUB_ROWS_2021.search(text) else "2019"
        return fmt, f"表二同时出现2019年和2021年格式的栏目，按表三判断为{fmt}年格式"
    if has_table3:
        if _SUB_ROWS_2021.search(text):
            return "2021", None
        return ("2019" if by_year == "2019" else "2021"), None
    if _WORDING_PRE2019.search(text):
        return "pre2019", None
    return ("2019" if by_year == "2019" else "2021"), None


def _read_meta(report: Report, doc: Document) -> None:
    report.title = meta.find_title(doc.preamble)
    intro = _first_paragraphs(doc.preamble, 10)
    overview = _first_paragraphs(doc.sections.get("overview", []), 4)
    report.agency = meta.agency_from_title(report.title) or meta.agency_from_intro(intro + overview)
    report.year = meta.year_from_title(report.title)
    if report.year is None:
        report.year, inferred = meta.year_from_text(intro + overview)
        if inferred:
            report.problems.append(Problem("year", f"标题中没有年份，按正文推断为{report.year}年"))
    if report.title is None:
        report.problems.append(Problem("title", "未找到报告标题"))
    if report.year is None:
        report.problems.append(Problem("year", "未找到报告年度"))


def _first_paragraphs(lines: list[str], count: int) -> list[str]:
    """The first non-empty lines, each cut to its opening (the organ and year are named early)."""
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line[:_OPENING])
            if len(out) == count:
                break
    return out


def _read_sections(report: Report, doc: Document, tokens: dict) -> None:
    last_key = doc.order[-1] if doc.order else None
    if last_key:
        tail = doc.sections[last_key]
        date, signer, cut, trouble = meta.find_signature(tail)
        report.published_on = date
        if trouble:
            report.problems.append(Problem("published_on", trouble))
        if cut:
            del tail[len(tail) - cut :]
        if report.agency is None and signer:
            report.agency = signer
    if report.published_on is None and not any(p.where == "published_on" for p in report.problems):
        report.problems.append(Problem("published_on", "未找到成文日期（落款日期）"))
    if report.agency is None:
        report.problems.append(Problem("agency", "未找到报告机关名称"))
    for key in SECTION_KEYS:
        lines = doc.sections.get(key)
        if lines is None:
            if report.format != "pre2019":
                report.problems.append(Problem(f"sections.{key}", f"缺少“{SECTION_TITLES[key]}”部分"))
            continue
        if key in tokens:
            lines = tokens[key][1]
        setattr(report.sections, key, paragraphs(lines))
    report.sections.preamble = meta.preamble_text(doc)


def _read_tables(report: Report, tokens: dict, lines: list[str], ocr: bool = False) -> None:
    """Each table from its own section; tables 2 and 3 from the whole text if their heading is missing."""
    reader = TableReader(report, ocr=ocr, hints=narrative_hints(report))
    whole: list[list[str]] | None = None
    for key in TABLE_SECTIONS:
        if key not in tokens and key == "reviews":
            report.problems.append(Problem("reviews", "表四：未找到该部分，未读取"))
            continue
        if key in tokens:
            table_rows = rows(tokens[key][0])
        else:
            whole = whole if whole is not None else rows(tokenize(lines)[0])
            table_rows = whole
        if key == "proactive":
            reader.table2(table_rows, report.format)
        elif key == "applications":
            reader.table3(table_rows, report.format)
        else:
            reader.table4(table_rows)
