"""Reports as they are really found: crawler text, pdftotext raw order, PDF→Markdown fragments, OCR text,
HTML fragments and the mixed format (issue 11). Each layout is rendered from a report model by
``layouts`` and read back: no cell ever comes back wrong (right or unread), and the decoded cells are named.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import layouts
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.readers.text import parse_text
from gongkai.annualreport.rules import check

RENDERERS = {
    "crawler": layouts.crawler,
    "pdftotext_raw": layouts.pdftotext_raw,
    "markdown_fragments": layouts.markdown_fragments,
    "ocr_text": layouts.ocr_text,
    "html_fragment": layouts.html_fragment,
}
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def _report(seed: int) -> tuple[Report, random.Random]:
    rng = random.Random(seed)
    return layouts.random_report(rng, rng.choice(["2021", "2019"])), rng


def _nonzero_everywhere(report: Report) -> bool:
    return all(
        any(value for _, value in report.cells(*tables))
        for tables in (("proactive", "proactive_2019"), ("applications",), ("reviews",))
    )


@pytest.mark.parametrize("name", sorted(RENDERERS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=seeds)
def test_no_cell_ever_comes_back_wrong(name, seed):
    report, rng = _report(seed)
    assert _nonzero_everywhere(report)
    if name == "html_fragment":
        layouts.blank_totals(report, rng)  # the fragment prints those 总计 cells blank: None is right
    got = read(RENDERERS[name](report, rng))
    right, unread, wrong = layouts.cell_outcomes(report, got)
    assert wrong == []
    assert right > 0
    assert (got.agency, got.year, got.published_on) == (report.agency, report.year, report.published_on)


def _accuracy(name: str, count: int = 120) -> float:
    right = total = 0
    for seed in range(count):
        report, rng = _report(seed)
        got = read(RENDERERS[name](report, rng))
        ok, unread, wrong = layouts.cell_outcomes(report, got, "applications")
        assert wrong == []
        right += ok
        total += ok + unread + len(wrong)
    return right / total


@pytest.mark.parametrize("name", ["crawler", "pdftotext_raw"])
def test_at_least_95_percent_of_table3_cells_right(name):
    assert _accuracy(name) >= 0.95


# --- crawler text -------------------------------------------------------------------------------


def _one(seed: int = 4, fmt: str = "2021") -> Report:
    report = layouts.random_report(random.Random(seed), fmt)
    return report


def test_crawler_text_is_cut_into_sections_and_rows_and_splits_are_named():
    report = _one()
    text = layouts.crawler(report)
    assert text.count("\n") == 6  # the metadata lines, then the whole body on one line
    got = read(text)
    assert got.applications == report.applications
    assert got.reviews == report.reviews
    assert got.title == report.title and got.agency == report.agency and got.year == report.year
    assert got.published_on == report.published_on  # the 落款, never the page's 发布时间
    info = [p for p in got.problems if p.level == "info"]
    assert {p.where for p in info} >= {"applications.new", "applications.results.total", "reviews"}
    new = report.applications.new.values()
    digits = "".join(map(str, new))
    message = next(p.message for p in info if p.where == "applications.new")
    assert f"数字串“{digits}”按表格格式和勾稽关系拆分为 {' | '.join(map(str, new))}" in message
    assert got.sections.shortcomings == "政策解读形式较为单一，下一步将进一步规范公开内容，提高公开质量。"


def test_crawler_text_without_a_signed_date_has_no_date_and_a_finding():
    report = _one()
    report.published_on = None
    got = read(layouts.crawler(report))
    assert got.published_on is None  # not 2025-02-17 from "发布时间: 2025-02-17 09:12"
    assert any(p.where == "published_on" for p in got.problems)
    assert [f.rule for f in check(got, today=dt.date(2026, 6, 1)) if f.rule == "F10"] == ["F10"]


def test_crawler_text_in_the_2019_format():
    report = _one(5, "2019")
    got = read(layouts.crawler(report))
    assert got.format == "2019"
    assert got.applications == report.applications
    _, _, wrong = layouts.cell_outcomes(report, got)
    assert wrong == []


def test_crawler_table2_run_that_cannot_be_split_uniquely_is_named():
    report = _one()
    report.proactive.normative_documents.issued = 12
    report.proactive.normative_documents.repealed = 3
    report.proactive.normative_documents.in_force = 40
    got = read(layouts.crawler(report))
    assert got.proactive.normative_documents.issued is None
    messages = [p.message for p in got.problems if p.where == "proactive.normative_documents"]
    assert messages and messages[0].startswith("表二 行政规范性文件：数字串“12340”可拆分为多种组合")


def test_crawler_table2_settled_by_the_narrative():
    report = _one()
    nd = report.proactive.normative_documents
    nd.issued, nd.repealed, nd.in_force = 12, 3, 40
    text = layouts.crawler(report).replace(
        "均在法定期限内答复。", "均在法定期限内答复。本年制发行政规范性文件12件，现行有效规范性文件40件。"
    )
    got = read(text)
    assert (got.proactive.normative_documents.issued, got.proactive.normative_documents.repealed) == (12, 3)
    assert got.proactive.normative_documents.in_force == 40


# --- pdftotext without -layout --------------------------------------------------------------------


def test_pdftotext_raw_order_is_realigned_by_the_format_and_named():
    report = _one(8)
    text = layouts.pdftotext_raw(report, random.Random(8))
    got = read(text)
    assert got.applications == report.applications
    assert any(
        "按勾稽关系确定各列位置" in p.message or "按表格格式的行序对齐" in p.message for p in got.problems
    )
    assert all(p.level == "info" for p in got.problems if p.where.startswith("applications"))


def test_pdftotext_raw_with_a_stray_number_is_left_unread_not_shifted():
    report = _one(8)
    text = layouts.pdftotext_raw(report, random.Random(8))
    at = text.index("（七）总计") if "（七）总计" in text else text.index("四、结转下年度")
    got = read(text[:at] + "7\n" + text[at:])
    _, _, wrong = layouts.cell_outcomes(report, got)
    assert wrong == []


# --- PDF→Markdown fragments ---------------------------------------------------------------------


def test_markdown_fragments_with_detached_labels():
    report = _one(11)
    text = layouts.markdown_fragments(report, random.Random(11))
    assert "— 2 —" in text or "— 3 —" in text
    got = read(text)
    assert got.applications == report.applications
    _, _, wrong = layouts.cell_outcomes(report, got)
    assert wrong == []


def test_several_labels_run_together_lend_no_values():
    text = (
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n好。\n二、主动公开政府信息情况\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n\n"
        "规章行政规范性文件\n\n| | 5 | 0 | 3 |\n| | 2 | 1 | 15 |\n"
    )
    got = parse_text(text)
    assert got.proactive.rules.issued is None and got.proactive.normative_documents.issued is None


# --- OCR text ----------------------------------------------------------------------------------------


def test_ocr_text_columns_renamed_and_labels_misread():
    report = _one(13)
    text = layouts.ocr_text(report, random.Random(13), misread=0.0)
    assert "列1 列2" in text
    got = read(text)
    assert got.applications == report.applications  # every number confirmed by R1–R3
    assert got.reviews == report.reviews
    assert got.proactive.rules.issued is None  # table 2 has no identity: OCR numbers stay unread
    assert any("OCR识别的数字" in p.message for p in got.problems if p.where.startswith("proactive"))


def test_ocr_misread_digit_is_unread_not_wrong():
    report = _one(13)
    text = layouts.ocr_text(report, random.Random(13), misread=0.0)
    value = report.applications.results.granted.natural_person
    line = next(line for line in text.splitlines() if line.startswith("（一）予以"))
    parts = line.split(" ")
    parts[1] = str(value + 10)
    got = read(text.replace(line, " ".join(parts)))
    assert got.applications.results.granted.natural_person is None
    # its row-mates and column-mates now have one identity that holds instead of two: unread too
    assert got.applications.results.granted.commercial_enterprise is None
    _, _, wrong = layouts.cell_outcomes(report, got)
    assert wrong == []
    assert got.applications.new == report.applications.new
    assert any(
        p.where == "applications.results.granted.natural_person" and "OCR" in p.message for p in got.problems
    )


def test_ocr_misread_agency_takes_the_spelling_printed_more_often():
    report = _one(13)
    report.agency = "青云谱区政务服务数据管理局"
    report.title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    text = layouts.ocr_text(report, random.Random(13), misread=0.0)
    text = text.replace("青云谱区政务", "青云潽区政务", 1)  # the title misread once
    got = read(text)
    assert got.agency == "青云谱区政务服务数据管理局"


def test_parse_text_ocr_flag_for_readers_that_ocr_cells():
    report = _one(2)
    tab = layouts.mixed_format(report)  # tab-separated rows, as a reader OCR-ing each cell would give
    plain = parse_text(tab)
    ocr = parse_text(tab, ocr=True)
    assert plain.proactive.licensing.decisions == report.proactive.licensing.decisions
    assert ocr.proactive.licensing.decisions is None  # no identity confirms it
    assert ocr.applications.new == report.applications.new


# --- HTML fragments ---------------------------------------------------------------------------------


def test_html_fragment_without_html_or_body_and_blank_totals():
    report = _one(17)
    layouts.blank_totals(report, random.Random(1))
    html = layouts.html_fragment(report, random.Random(17))
    assert "<html" not in html and "&nbsp;" in html
    got = read(html.encode("utf-8"))
    assert got.applications == report.applications
    assert got.agency == report.agency and got.published_on == report.published_on


def test_html_fragment_with_a_long_narrative_before_the_first_table_is_html():
    report = _one(17)
    html = layouts.html_fragment(report, random.Random(17))
    long = "<p>" + "我局坚持以公开为常态、不公开为例外，及时、准确公开政府信息。" * 200 + "</p>\n"
    at = html.index("<p><strong>二、")
    got = read((html[:at] + long + html[at:]).encode("utf-8"))
    assert got.applications == report.applications


def test_word_saved_page_with_inline_css_on_every_cell():
    report = _one(19)
    html = layouts.html_fragment(report, random.Random(19), word_css=True)
    page = "<html><head><meta charset='utf-8'><style>p.MsoNormal{margin:0}</style></head><body>" + html
    page += "</body></html>"
    assert len(page.encode("utf-8")) > 100_000
    got = read(page.encode("utf-8"))
    assert got.applications == report.applications
    assert got.reviews == report.reviews


# --- mixed formats ----------------------------------------------------------------------------------


def test_mixed_format_other_as_one_row():
    report = _one(23)
    text = layouts.mixed_format(report)
    got = read(text)
    other = report.applications.results.other
    whole = [
        sum(getattr(r, c) for r in (other.no_correction, other.fee_unpaid, other.other))
        for c in layouts.APPLICANT_COLUMNS
    ]
    assert got.format == "2021"
    assert got.applications.results.other.other.values() == whole
    assert got.applications.results.other.no_correction is None
    assert got.applications.results.other.fee_unpaid is None
    assert got.applications.new == report.applications.new
    assert "F11" in {f.rule for f in check(got, today=dt.date(2026, 6, 1))}


# --- agency, year and date ---------------------------------------------------------------------


def test_short_name_resolved_to_the_full_name_the_text_gives():
    report = _one(29)
    text = layouts.crawler(report).replace(
        report.title, f"市机关事务局{report.year}年政府信息公开工作年度报告"
    )
    text = text.replace(f"发布机构: {report.agency}", "发布机构: 赣州市机关事务管理局")
    text = text.replace(report.agency, "赣州市机关事务管理局")
    got = read(text)
    assert got.agency == "赣州市机关事务管理局"


def test_short_name_kept_when_the_text_gives_no_full_name():
    text = "市机关事务局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项\n无。\n2024年1月5日\n"
    assert parse_text(text).agency == "市机关事务局"


@pytest.mark.parametrize(
    "title", ["某县民政局2023年度政府信息公开工作年度报告", "某县民政局2023 年政府信息公开工作年度报告"]
)
def test_year_written_with_du_or_a_space(title):
    text = (
        f"{title}\n一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项\n无。\n某县民政局\n2024年1月5日\n"
    )
    got = parse_text(text)
    assert (got.agency, got.year, got.published_on) == ("某县民政局", 2023, dt.date(2024, 1, 5))


def test_agency_from_the_page_metadata_when_the_body_names_none():
    text = (
        "标题: 2023年政府信息公开工作年度报告\n发布时间: 2024-01-20 09:12\n发布机构: 某县民政局\n"
        "2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项\n无。\n"
    )
    got = parse_text(text)
    assert got.agency == "某县民政局"
    assert got.published_on is None
    assert re.search("成文日期", next(p.message for p in got.problems if p.where == "published_on"))
