"""Format detection: the 2019 trial format (国办公开办函〔2019〕60号) and reports from before 2019.

tests/fixtures/reader/trial_2019.txt is a hand-written 2020 report of a 区 department in the 2019 format;
pre2019.txt a 2017 report under the 2007 regulations. Expected values are typed by hand.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from gongkai.annualreport.model import APPLICANT_COLUMNS, cell_paths
from gongkai.annualreport.readers import read
from gongkai.annualreport.readers.text import detect_format, parse_text
from gongkai.annualreport.rules import check

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reader"

TABLE2_2019 = {
    "rules": {"made": 0, "published": 0, "total": 0},
    "normative_documents": {"made": 3, "published": 3, "total": 12},
    "licensing": {"previous": 25, "change": -2, "decisions": 310},
    "other_services": {"previous": 8, "change": 1, "decisions": 46},
    "penalty": {"previous": 14, "change": 0, "decisions": 22},
    "coercion": {"previous": 3, "change": 0, "decisions": 1},
    "fees": {"previous": 2, "change": -1},
    "procurement": {"projects": 6, "amount_wan_yuan": Decimal("128.5")},
}
NONZERO_TABLE3_2019 = {
    "new": (5, 1, 0, 0, 0, 0, 6),
    "results.granted": (3, 1, 0, 0, 0, 0, 4),
    "results.partially_granted": (1, 0, 0, 0, 0, 0, 1),
    "results.unable.not_held": (1, 0, 0, 0, 0, 0, 1),
    "results.total": (5, 1, 0, 0, 0, 0, 6),
}


def test_2019_trial_format_every_cell():
    report = read(FIXTURES / "trial_2019.txt")
    assert report.format == "2019"
    assert report.proactive is None
    assert report.agency == "南昌市某区住房和城乡建设局"
    assert report.year == 2020
    assert report.published_on == dt.date(2021, 1, 25)
    expected = {path: 0 for path in cell_paths("2019")}
    for row, values in TABLE2_2019.items():
        expected.update({f"proactive_2019.{row}.{col}": v for col, v in values.items()})
    for row, values in NONZERO_TABLE3_2019.items():
        expected.update(
            {f"applications.{row}.{c}": v for c, v in zip(APPLICANT_COLUMNS, values, strict=True)}
        )
    expected["reviews.reconsideration.corrected"] = 1
    expected["reviews.reconsideration.total"] = 1
    assert dict(report.cells()) == expected
    assert report.problems == []
    # the single （六）其他处理 row is results.other.other; the 2021 sub-rows do not exist
    assert report.applications.results.other.no_correction is None
    assert report.applications.results.other.fee_unpaid is None
    assert report.applications.results.other.other.values() == [0] * 7


def test_2019_report_with_a_single_other_row_and_numbers():
    text = (FIXTURES / "trial_2019.txt").read_text("utf-8")
    text = text.replace("（六）其他处理\t0\t0\t0\t0\t0\t0\t0", "（六）其他处理\t1\t0\t0\t0\t0\t0\t1")
    assert parse_text(text).applications.results.other.other.values() == [1, 0, 0, 0, 0, 0, 1]


def test_a_2021_report_with_a_single_other_row_reads_it_as_the_2019_format_did():
    # Issue 11: （六）其他处理 printed as one row goes to results.other.other, the two 2021 sub-rows are
    # None (the report lacks them), an info problem names it and check's F11 reports the form.
    text = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    start = text.index("（六）其他处理")
    end = text.index("（七）总计")
    report = parse_text(text[:start] + "（六）其他处理\t0\t1\t0\t0\t0\t0\t1\n" + text[end:])
    assert report.format == "2021"
    assert report.applications.results.other.other.values() == [0, 1, 0, 0, 0, 0, 1]
    assert report.applications.results.other.no_correction is None
    assert report.applications.results.other.fee_unpaid is None
    assert [(p.where, p.level) for p in report.problems] == [("applications.results.other", "info")]
    findings = [f for f in check(report, today=dt.date(2024, 6, 1)) if f.rule == "F11"]
    assert [f.cells for f in findings] == [("applications.results.other",)]
    assert "2019年格式只填了一行" in findings[0].message


def test_a_2021_report_with_both_the_single_other_row_and_its_sub_rows_is_left_unread():
    text = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    at = text.index("（六）其他处理")
    report = parse_text(
        text[:at] + "（六）其他处理\t0\t1\t0\t0\t0\t0\t1\n" + text[at:].replace("（六）其他处理\t", "", 1)
    )
    assert report.applications.results.other.other.values() == [None] * 7
    assert any("既填了一行合计数" in p.message for p in report.problems)


def test_pre2019_report_is_recognised_and_not_forced_into_tables():
    report = read(FIXTURES / "pre2019.txt")
    assert report.format == "pre2019"
    assert report.proactive is None and report.proactive_2019 is None
    assert all(value is None for _, value in report.cells())
    assert report.agency == "某县民政局"
    assert report.year == 2017
    assert report.published_on == dt.date(2018, 3, 20)
    assert [p.where for p in report.problems] == ["format"]
    assert "2019年以前" in report.problems[0].message
    assert report.sections.overview == "2017年，县民政局认真贯彻落实《条例》，扎实推进政府信息公开工作。"
    assert report.sections.applications.startswith("2017年，我局共受理政府信息公开申请3件")
    assert report.sections.shortcomings == "信息公开的及时性有待加强。"


def test_detect_format_by_wording_then_year():
    assert detect_format("本年制发件数 本年新收", 2023) == ("2021", None)
    assert detect_format("本年新制作数量 本年新收", 2020) == ("2019", None)
    assert detect_format("本年新收 予以公开", 2020) == ("2019", None)
    assert detect_format("本年新收 予以公开 逾期不补正", 2020) == ("2021", None)
    assert detect_format("本年制发件数", 2016) == ("pre2019", None)
    assert detect_format("依申请公开政府信息的情况", None) == ("pre2019", None)
    fmt, why = detect_format("本年制发件数 本年新制作数量 逾期不补正", 2021)
    assert fmt == "2021" and "同时出现" in why


def test_title_and_date_variants():
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    for written, date in [
        ("2024-01-20", dt.date(2024, 1, 20)),
        ("2024.1.20", dt.date(2024, 1, 20)),
        ("二〇二四年一月二十日", dt.date(2024, 1, 20)),
        ("2024年 1月 20日", dt.date(2024, 1, 20)),
        ("某县交通运输局 2024年1月20日", dt.date(2024, 1, 20)),
    ]:
        report = parse_text(base.replace("某县交通运输局\n2024年1月18日", written))
        assert report.published_on == date, written
        assert report.sections.other_matters == "本年度未收取信息处理费。", written
    report = parse_text(base.replace("2024年1月18日", "2024年2月30日"))
    assert report.published_on is None
    assert [(p.where, p.message) for p in report.problems] == [
        ("published_on", "成文日期“2024年2月30日”不是有效日期")
    ]


def test_agency_from_the_introduction_when_the_title_has_none():
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    text = base.replace("某县交通运输局2023年政府信息公开工作年度报告", "2023年政府信息公开工作年度报告")
    text = text.replace("\n某县交通运输局\n2024年1月18日", "\n2024年1月18日")
    report = parse_text(text)
    assert report.title == "2023年政府信息公开工作年度报告"
    assert report.agency == "某县交通运输局办公室"  # "由某县交通运输局办公室编制"
    assert report.year == 2023


def test_missing_metadata_is_a_problem():
    body = "一、总体情况\n今年工作平稳。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
    report = parse_text(body)
    wheres = {p.where for p in report.problems}
    assert {"title", "year", "agency", "published_on", "sections.proactive", "reviews"} <= wheres
    assert report.agency is None and report.year is None and report.published_on is None


def test_web_page_furniture_is_not_title_and_release_date_is_never_the_report_date():
    # The page's 发布日期 is when the site posted it, not a date the report states (issue 11): a report
    # without a 落款 date has published_on None and a problem (F10 in check), never the page's date.
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    page = "首页 > 政务公开 > 年度报告\n索引号：11360900/2024-00012\n发布日期：2024-01-22 10:30\n"
    text = page + base.replace("\n某县交通运输局\n2024年1月18日", "")
    report = parse_text(text)
    assert report.title == "某县交通运输局2023年政府信息公开工作年度报告"
    assert report.published_on is None
    assert report.agency == "某县交通运输局"
    assert [(p.where, p.message) for p in report.problems] == [("published_on", "未找到成文日期（落款日期）")]


def test_title_broken_after_the_organ_name():
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    text = base.replace(
        "某县交通运输局2023年政府信息公开工作年度报告", "某县交通运输局\n2023年政府信息公开工作年度报告", 1
    )
    report = parse_text(text)
    assert report.title == "某县交通运输局2023年政府信息公开工作年度报告"
    assert report.agency == "某县交通运输局"


def test_agency_after_the_year_in_the_title():
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    text = base.replace(
        "某县交通运输局2023年政府信息公开工作年度报告", "2023年度某县交通运输局政府信息公开工作年度报告", 1
    )
    text = text.replace("由某县交通运输局办公室编制", "编制")
    assert parse_text(text).agency == "某县交通运输局"


def test_a_narrative_line_ending_with_a_date_is_not_the_signature():
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    text = base.replace("\n某县交通运输局\n2024年1月18日", "\n本报告统计截至2023年12月31日")
    report = parse_text(text)
    assert report.published_on is None
    assert report.sections.other_matters == "本年度未收取信息处理费。\n本报告统计截至2023年12月31日"
    text = base.replace("\n某县交通运输局\n2024年1月18日", "\n日期：2024年1月18日")
    assert parse_text(text).published_on == dt.date(2024, 1, 18)


def test_a_signature_set_over_two_lines_is_cut_whole():
    """An organ's name too long for one line, broken before its date ("…综合行政执法" / "大队"): both lines
    are the signature, not section text, and the joined name is the signer. A short line above a name is
    not part of it."""
    base = (FIXTURES / "tab_2021.txt").read_text("utf-8")
    base = base.replace("由某县交通运输局办公室编制", "编制")
    text = base.replace(
        "\n某县交通运输局\n2024年1月18日",
        "\n宜春市袁州区人力资源和社会保障局劳动保障监察综合行政执法\n大队\n2024年1月18日",
    )
    report = parse_text(text.replace("某县交通运输局2023年", "2023年", 1))
    assert report.published_on == dt.date(2024, 1, 18)
    assert report.sections.other_matters == "本年度未收取信息处理费。"
    assert report.agency == "宜春市袁州区人力资源和社会保障局劳动保障监察综合行政执法大队"
    text = base.replace("\n某县交通运输局\n2024年1月18日", "\n特此报告\n某县交通运输局\n2024年1月18日")
    report = parse_text(text.replace("某县交通运输局2023年", "2023年", 1))
    assert report.sections.other_matters == "本年度未收取信息处理费。\n特此报告"
    assert report.agency == "某县交通运输局"


def test_every_read_report_is_schema_valid_json():
    import json

    import jsonschema

    schema = json.loads((FIXTURES.parent / "annual-report.schema.json").read_text("utf-8"))
    paths = sorted(FIXTURES.glob("*")) + sorted((FIXTURES.parent / "seeds").glob("*.txt"))
    assert len(paths) == 10
    for path in paths:
        data = json.loads(json.dumps(read(path).to_dict(), ensure_ascii=False))
        jsonschema.validate(data, schema)


def test_agency_from_title_variants():
    from gongkai.annualreport.readers.meta import agency_from_title

    assert agency_from_title("某某县2023年政府信息公开工作年度报告") == "某某县"
    assert agency_from_title("关于某县2023年度政府信息公开工作年度报告") == "某县"
    assert agency_from_title("关于2023年度政府信息公开工作年度报告") is None
    assert agency_from_title("2023年政府信息公开工作年度报告") is None
    assert (
        agency_from_title("青云谱区政务服务数据管理局二〇二三年政府信息公开工作年度报告")
        == "青云谱区政务服务数据管理局"
    )


def test_format_in_force_by_year():
    from gongkai.annualreport.readers.text import format_for_year

    assert [format_for_year(y) for y in (2007, 2018, 2019, 2020, 2021, 2025, None)] == [
        "pre2019",
        "pre2019",
        "2019",
        "2019",
        "2021",
        "2021",
        None,
    ]
