"""The introduction (引言, ``sections.preamble``) and the organ carried as metadata, not as invented text."""

import datetime as dt
from pathlib import Path

import pytest

from gongkai.annualreport.model import SECTION_KEYS, Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.rules import check
from gongkai.annualreport.writers import write

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_155da6e1a3ee7016.txt"
SEED_002 = SEEDS / "002_1ef18909bb7a5b6c.txt"
PERIOD_2022 = "统计期限自2022年1月1日起至2022年12月31日止"
PERIOD_WRONG = "统计期限自2021年1月1日起至2022年12月31日止"
TODAY = dt.date(2026, 11, 22)


def test_period_in_the_preamble_is_checked_by_f5():
    text = SEED_002.read_text(encoding="utf-8")
    assert text.count(PERIOD_2022) == 1
    report = read(text.replace(PERIOD_2022, PERIOD_WRONG))
    assert report.year == 2022 and PERIOD_WRONG in report.sections.preamble
    f5 = [f for f in check(report, today=TODAY) if f.rule == "F5"]
    assert [(f.severity, f.cells, f.message) for f in f5] == [
        (
            "error",
            ("year", "sections.preamble"),
            "统计期限“统计期限自2021年1月1日起至2022年12月31日”与报告年度2022年（2022年1月1日至12月31日）不一致",
        )
    ]


def test_seed_002_as_published_has_no_f5():
    report = read(SEED_002)
    assert PERIOD_2022 in report.sections.preamble
    assert [f for f in check(report, today=TODAY) if f.rule == "F5"] == []


def test_preamble_is_not_one_of_the_six_sections():
    report = read(SEED_002)
    assert "preamble" not in SECTION_KEYS and len(SECTION_KEYS) == 6
    report.sections.preamble = None
    assert [f for f in check(report, today=TODAY) if f.rule == "F2"] == []  # F2 never demands a preamble
    assert report.to_dict()["sections"]["preamble"] is None


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx"])
def test_preamble_is_written_and_read_back(fmt):
    report = read(SEED_002)
    back = read(write(report, fmt))
    assert back.sections.preamble == report.sections.preamble
    assert "0795-5212315" in back.sections.preamble


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_preamble_printed_between_title_and_first_heading(fmt):
    out = write(read(SEED_002), fmt)
    title, intro, heading = (out.index(s) for s in ("公开工作年度报告", "本报告依据", "一、总体情况"))
    assert title < intro < heading


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_no_sentence_is_invented_for_seed_000(fmt):
    report = read(SEED_000)
    assert report.title is None and report.agency == "高安市机关事务管理局"
    out = write(report, fmt)
    text = out if isinstance(out, str) else out.decode("latin-1")
    assert "本报告由" not in text
    back = read(out)
    assert back.agency == "高安市机关事务管理局" and back == report
    assert all("本报告由" not in (getattr(back.sections, k) or "") for k in ("preamble", *SECTION_KEYS))


def test_markdown_carries_the_organ_in_a_comment_renderers_do_not_show():
    report = read(SEED_000)
    lines = write(report, "md").splitlines()
    # not "---" front matter: CommonMark renders that as a rule over a setext heading (review M1)
    assert lines[:2] == ["<!-- 机关: 高安市机关事务管理局 -->", ""]
    assert read("\n".join(lines)).agency == "高安市机关事务管理局"
    assert read("<!-- layout: post -->\n2023年政府信息公开工作年度报告\n一、总体情况\n无。\n").agency is None


def test_html_and_docx_carry_the_organ_as_metadata():
    import io

    import docx

    report = Report.blank("2021")
    report.agency, report.year = "九江市濂溪区自然资源局", 2023
    report.title = "2023年政府信息公开工作年度报告"  # names no organ; no date, so no signature either
    report.sections.overview = "全年主动公开政府信息56条。"
    html = write(report, "html")
    assert '<meta name="gongkai-agency" content="九江市濂溪区自然资源局">' in html
    # only in the metadata (<meta>: ours, and author/description for the PDF), never in the page's text
    assert "九江市濂溪区自然资源局" not in html.split("<body>")[1]
    properties = docx.Document(io.BytesIO(write(report, "docx"))).core_properties
    assert (properties.identifier, properties.subject) == ("gongkai", "九江市濂溪区自然资源局")
    for fmt in ("md", "html", "docx"):
        assert read(write(report, fmt)) == report, fmt


def test_front_matter_is_only_recognised_at_the_top_with_known_keys():
    body = "\n2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息56条。\n"
    assert read("---\n机关: 某县教育局\n---" + body).agency == "某县教育局"
    foreign = read("---\nlayout: post\n---" + body)
    assert foreign.agency is None and foreign.title == "2023年政府信息公开工作年度报告"  # not metadata for us
    assert read("前言\n---\n机关: 某县教育局\n---" + body).agency is None


def test_pre2019_note_of_our_writers_is_not_read_as_preamble():
    report = Report.blank("pre2019")
    report.agency, report.year = "上饶市广信区教育体育局", 2017
    report.title = "上饶市广信区教育体育局2017年政府信息公开工作年度报告"
    report.sections.overview = "2017年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。"
    for fmt in ("md", "html", "docx"):
        assert read(write(report, fmt)).sections.preamble is None, fmt


def test_web_page_lines_around_the_title_are_not_the_introduction():
    report = read(Path(__file__).parents[1] / "fixtures" / "html" / "gov-page-gb2312.html")
    # above the title: 索引号/发布机构; below it: "发布时间：2024-01-26 浏览次数：". None of it is the report's.
    assert report.title == "九江市濂溪区自然资源局2023年政府信息公开工作年度报告"
    assert report.sections.preamble is None
    text = "索引号：123\n某县教育局2023年政府信息公开工作年度报告\n【字体：大 中 小】\n本报告依据条例编制。\n一、总体情况\n无。\n"
    assert read(text).sections.preamble == "本报告依据条例编制。"
