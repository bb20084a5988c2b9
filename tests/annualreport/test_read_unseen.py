"""Reports shaped like real published ones that the reader was not written against.

tests/fixtures/unseen/ holds hand-written reports of other organs and years, in the layouts sites publish:
tab-separated text, text copied from a web page (one cell per line, no tabs; rows separated by spaces),
a 2020 report in the 2019 trial format, a 政府信息公开平台 HTML page exported from Word, a DOCX with Word's
merged cells and a PDF with a ruled table broken over a page. The binary ones are made by
tests/fixtures/unseen/make_unseen.py (needs the WenQuanYi Zen Hei font; the generated files are committed).
Every figure is non-zero where a real report would have one and satisfies the 勾稽 rules, so a shifted or
misread cell shows. Expected values are typed by hand below, row by row as printed.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from table_rows import TABLE3_ROWS_2019, TABLE3_ROWS_2021

from gongkai.annualreport.cli import main
from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, cell_paths
from gongkai.annualreport.readers import read

UNSEEN = Path(__file__).parents[1] / "fixtures" / "unseen"

REVIEW_GROUPS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")

# Data A: a county 人民政府, 2023, national format 2021. Table 3 as printed, row by row (7 columns).
COUNTY_2023_TABLE2 = {
    "proactive.rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "proactive.normative_documents": {"issued": 12, "repealed": 3, "in_force": 87},
    "proactive.licensing": {"decisions": 1562},
    "proactive.penalty": {"decisions": 2345},
    "proactive.coercion": {"decisions": 67},
    "proactive.fees": {"amount_wan_yuan": Decimal("0.35")},
}
COUNTY_2023_TABLE3 = [
    (46, 9, 1, 2, 3, 1, 62),
    (3, 1, 0, 0, 0, 0, 4),
    (18, 4, 1, 0, 1, 0, 24),
    (5, 1, 0, 0, 0, 0, 6),
    (1, 0, 0, 0, 0, 0, 1),
    (0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 0, 1),
    (2, 1, 0, 0, 0, 0, 3),
    (1, 0, 0, 0, 0, 0, 1),
    (2, 0, 0, 0, 0, 0, 2),
    (1, 0, 0, 0, 0, 0, 1),
    (0, 0, 0, 0, 1, 0, 1),
    (7, 1, 0, 1, 1, 0, 10),
    (2, 0, 0, 0, 0, 0, 2),
    (1, 0, 0, 0, 0, 0, 1),
    (2, 0, 0, 0, 0, 0, 2),
    (1, 0, 0, 0, 0, 0, 1),
    (0, 1, 0, 0, 0, 0, 1),
    (1, 0, 0, 0, 0, 0, 1),
    (0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 1, 2),
    (0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 1, 0, 0, 2),
    (47, 8, 1, 2, 3, 1, 62),
    (2, 2, 0, 0, 0, 0, 4),
]
COUNTY_2023_TABLE4 = [(3, 1, 0, 1, 5), (2, 0, 1, 1, 4), (1, 0, 0, 0, 1)]


def expected_cells(fmt, table2, table3, table4):
    """Every cell path of the format mapped to the value typed above (a path left out is a test bug)."""
    rows = TABLE3_ROWS_2021 if fmt == "2021" else TABLE3_ROWS_2019
    expected = {}
    for row, values in table2.items():
        expected.update({f"{row}.{col}": v for col, v in values.items()})
    for row, values in zip(rows, table3, strict=True):
        expected.update(
            {f"applications.{row}.{c}": v for c, v in zip(APPLICANT_COLUMNS, values, strict=True)}
        )
    for group, values in zip(REVIEW_GROUPS, table4, strict=True):
        expected.update({f"reviews.{group}.{c}": v for c, v in zip(REVIEW_COLUMNS, values, strict=True)})
    assert set(expected) == set(cell_paths(fmt))
    return expected


def assert_report(report, *, fmt, agency, year, published_on, cells):
    assert report.problems == []
    assert report.format == fmt
    assert report.agency == agency
    assert report.year == year
    assert report.published_on == published_on
    assert dict(report.cells()) == cells


COUNTY_2023 = expected_cells("2021", COUNTY_2023_TABLE2, COUNTY_2023_TABLE3, COUNTY_2023_TABLE4)


def test_county_government_tabs_with_wild_label_variants():
    # no 一、/二、 before the first rows, half-width brackets, ASCII quotes, 法人或其它组织, table 4's header
    # one cell per line, a signature in Chinese numerals
    report = read(UNSEEN / "county-gov-2023-tabs.txt")
    assert_report(
        report,
        fmt="2021",
        agency="安远县人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 15),
        cells=COUNTY_2023,
    )
    assert report.title == "安远县人民政府2023年政府信息公开工作年度报告"


def test_total_column_printed_first_is_read_by_its_header():
    # the same figures, with 总计 printed as the first column: the header decides the order
    report = read(UNSEEN / "county-gov-2023-total-first.txt")
    assert_report(
        report,
        fmt="2021",
        agency="寻乌县人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 15),
        cells=COUNTY_2023,
    )


def test_total_column_first_with_an_incomplete_header_is_decoded_by_the_identities():
    # The header does not name every column, so it cannot say where 总计 is; R1–R3 can: only the
    # total-first order makes every identity hold. Each row is named at info level, every cell is right.
    text = (UNSEEN / "county-gov-2023-total-first.txt").read_text("utf-8")
    text = text.replace(
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他", "商业\t科研\t公益\t法律\t其他"
    )
    report = read(text)
    assert {p.level for p in report.problems} == {"info"}
    assert len(report.problems) == 25
    assert "表头列名错乱，按勾稽关系确定各列位置为 46 | 9 | 1 | 2 | 3 | 1 | 62" in report.problems[0].message
    assert {path: value for path, value in report.cells() if path.startswith("applications.")} == {
        path: value for path, value in COUNTY_2023.items() if path.startswith("applications.")
    }
    assert report.reviews.reconsideration.total == 5


def test_total_column_first_with_an_incomplete_header_and_a_broken_identity_is_left_unread():
    text = (UNSEEN / "county-gov-2023-total-first.txt").read_text("utf-8")
    text = text.replace(
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他", "商业\t科研\t公益\t法律\t其他"
    )
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("（一）予以公开") or "予以公开\t" in line)
    lines[at] = lines[at].replace("\t18\t", "\t19\t", 1)  # an organ's slip: R3 and R2 no longer hold
    report = read("\n".join(lines))
    assert [(p.where, p.message) for p in report.problems] == [
        (
            "applications",
            "表三：表头中“总计”列不在最后，且未能读出全部列名，无法确定各列位置，未读取",
        )
    ]
    assert {path: value for path, value in report.cells() if path.startswith("applications.")} == {
        path: None for path in cell_paths("2021") if path.startswith("applications.")
    }


# Data B: a 镇 (town) government, 2023, copied from its web page: one cell per line without tabs,
# some digits full width, "件" after some totals, page chrome (来源/发布时间/上一篇/下一篇).
Z = (0, 0, 0, 0, 0, 0, 0)
TOWN_2023 = expected_cells(
    "2021",
    {
        "proactive.rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "proactive.normative_documents": {"issued": 2, "repealed": 0, "in_force": 9},
        "proactive.licensing": {"decisions": 35},
        "proactive.penalty": {"decisions": 12},
        "proactive.coercion": {"decisions": 0},
        "proactive.fees": {"amount_wan_yuan": 0},
    },
    [
        (8, 2, 0, 0, 1, 0, 11),
        (1, 0, 0, 0, 0, 0, 1),
        (4, 1, 0, 0, 1, 0, 6),
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        Z,
        Z,
        (2, 1, 0, 0, 0, 0, 3),
        Z,
        Z,
        Z,
        Z,
        Z,
        Z,
        Z,
        Z,
        Z,
        Z,
        (8, 2, 0, 0, 1, 0, 11),
        (1, 0, 0, 0, 0, 0, 1),
    ],
    [(1, 0, 0, 0, 1), (0, 0, 0, 1, 1), (0, 0, 0, 0, 0)],
)


def test_town_report_copied_from_a_web_page_one_cell_per_line():
    report = read(UNSEEN / "town-2023-web-copy.txt")
    assert_report(
        report,
        fmt="2021",
        agency="梅林镇人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 18),
        cells=TOWN_2023,
    )
    assert report.sections.other_matters == "本年度我镇未收取信息处理费。"


# Data C: a 区 department, 2023 (title says 2023年度, split over two lines), pasted from a PDF: rows
# separated by spaces, money printed as 1.20, an ISO signing date.
DISTRICT_EDU_2023 = expected_cells(
    "2021",
    {
        "proactive.rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "proactive.normative_documents": {"issued": 3, "repealed": 1, "in_force": 14},
        "proactive.licensing": {"decisions": 412},
        "proactive.penalty": {"decisions": 8},
        "proactive.coercion": {"decisions": 0},
        "proactive.fees": {"amount_wan_yuan": Decimal("1.2")},
    },
    [
        (21, 4, 0, 1, 2, 0, 28),
        (2, 0, 0, 0, 0, 0, 2),
        (9, 2, 0, 1, 1, 0, 13),
        (3, 0, 0, 0, 0, 0, 3),
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        (1, 1, 0, 0, 0, 0, 2),
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        (4, 1, 0, 0, 1, 0, 6),
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        (22, 4, 0, 1, 2, 0, 29),
        (1, 0, 0, 0, 0, 0, 1),
    ],
    [(2, 1, 0, 0, 3), (1, 0, 0, 1, 2), (0, 1, 0, 0, 1)],
)


def test_district_bureau_pasted_from_pdf_with_space_separated_rows():
    report = read(UNSEEN / "district-edu-2023-spaces.txt")
    assert_report(
        report,
        fmt="2021",
        agency="赣州市南康区教育体育局",
        year=2023,
        published_on=dt.date(2024, 1, 18),
        cells=DISTRICT_EDU_2023,
    )
    assert report.title == "赣州市南康区教育体育局2023年度政府信息公开工作年度报告"


# Data D: a 市 department's 2020 report in the 2019 trial format (国办公开办函〔2019〕60号).
MARKET_2020 = expected_cells(
    "2019",
    {
        "proactive_2019.rules": {"made": 0, "published": 0, "total": 0},
        "proactive_2019.normative_documents": {"made": 5, "published": 5, "total": 41},
        "proactive_2019.licensing": {"previous": 48, "change": -2, "decisions": 1203},
        "proactive_2019.other_services": {"previous": 15, "change": 3, "decisions": 260},
        "proactive_2019.penalty": {"previous": 37, "change": 0, "decisions": 89},
        "proactive_2019.coercion": {"previous": 6, "change": -1, "decisions": 4},
        "proactive_2019.fees": {"previous": 4, "change": -2},
        "proactive_2019.procurement": {"projects": 9, "amount_wan_yuan": Decimal("125.6")},
    },
    [
        (14, 3, 0, 0, 1, 1, 19),
        (1, 0, 0, 0, 0, 0, 1),
        (6, 2, 0, 0, 1, 0, 9),
        (2, 0, 0, 0, 0, 0, 2),
        Z,
        Z,
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        (2, 1, 0, 0, 0, 0, 3),
        Z,
        (1, 0, 0, 0, 0, 0, 1),
        Z,
        Z,
        Z,
        Z,
        Z,
        (0, 0, 0, 0, 0, 1, 1),  # the single （六）其他处理 row
        (14, 3, 0, 0, 1, 1, 19),
        (1, 0, 0, 0, 0, 0, 1),
    ],
    [(1, 0, 1, 0, 2), (0, 0, 0, 1, 1), (0, 0, 0, 0, 0)],
)


def test_2020_report_in_the_2019_trial_format_text():
    report = read(UNSEEN / "city-market-2020-trial.txt")
    assert_report(
        report,
        fmt="2019",
        agency="瑞金市市场监督管理局",
        year=2020,
        published_on=dt.date(2021, 1, 28),
        cells=MARKET_2020,
    )
    assert report.proactive is None
    assert report.applications.results.other.no_correction is None
    assert report.applications.results.other.fee_unpaid is None


def test_2020_trial_format_docx_made_with_python_docx_merged_cells():
    report = read(UNSEEN / "trial-2020.docx")
    assert_report(
        report,
        fmt="2019",
        agency="瑞金市自然资源局",
        year=2020,
        published_on=dt.date(2021, 1, 28),
        cells=MARKET_2020,
    )


def test_government_platform_html_page_word_export():
    report = read(UNSEEN / "gov-platform-2023.html")
    assert_report(
        report,
        fmt="2021",
        agency="会昌县人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 22),
        cells=COUNTY_2023,
    )
    assert report.title == "会昌县人民政府2023年政府信息公开工作年度报告"
    assert (
        report.sections.overview
        == "2023年，会昌县人民政府主动公开政府信息4562条，受理政府信息公开申请62件，上年结转4件。"
    )
    assert report.sections.other_matters == "本年度未收取信息处理费。"


def test_ruled_pdf_with_table_3_broken_over_a_page():
    report = read(UNSEEN / "ruled-2023.pdf")
    assert_report(
        report,
        fmt="2021",
        agency="于都县卫生健康委员会",
        year=2023,
        published_on=dt.date(2024, 1, 18),
        cells=DISTRICT_EDU_2023,
    )


COUNTY_TITLE = "安远县人民政府2023年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "title",
    [
        "安远县人民政府政府信息公开工作年度报告（2023年）",  # the year after the report's name
        "安远县人民政府 2023年政府信息公开工作年度报告",  # a space before the year
        "安远县人民政府\n2023年政府信息公开\n工作年度报告",  # the title broken over three lines
        "2023年度安远县人民政府政府信息公开工作年度报告",
        "关于安远县人民政府2023年政府信息公开工作年度报告",
        "【年度报告】安远县人民政府2023年政府信息公开工作年度报告",  # a site's tag before the title
        "“安远县人民政府2023年政府信息公开工作年度报告”",
        "安远县人民政府2023年政府信息公开年报",
        "安远县人民政府办公室关于印发安远县人民政府2023年政府信息公开工作年度报告的通知",
    ],
)
def test_agency_from_title_shapes(title):
    # the introduction names the 办公室 that compiled the report; the title's organ wins
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8").replace(COUNTY_TITLE, title)
    report = read(text)
    assert (report.agency, report.year, report.problems) == ("安远县人民政府", 2023, [])
    assert dict(report.cells()) == COUNTY_2023


def test_title_over_three_lines_is_joined():
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8")
    report = read(text.replace(COUNTY_TITLE, "安远县人民政府\n2023年政府信息公开\n工作年度报告"))
    assert report.title == COUNTY_TITLE


def test_rows_separated_by_nbsp_as_copied_from_a_web_page():
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8").replace("\t", "\u00a0\u00a0")
    report = read(text)
    assert_report(
        report,
        fmt="2021",
        agency="安远县人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 15),
        cells=COUNTY_2023,
    )


def test_web_copy_with_a_blank_line_after_every_cell():
    # each cell of the page copied as its own paragraph: blank lines say nothing about rows
    text = (UNSEEN / "town-2023-web-copy.txt").read_text("utf-8").replace("\n", "\n\n")
    report = read(text)
    assert_report(
        report,
        fmt="2021",
        agency="梅林镇人民政府",
        year=2023,
        published_on=dt.date(2024, 1, 18),
        cells=TOWN_2023,
    )


def test_web_copy_with_a_blank_line_after_every_cell_and_an_empty_cell():
    # the empty cell leaves only blank lines: the row has 6 values for 7 columns and is not guessed
    text = (UNSEEN / "town-2023-web-copy.txt").read_text("utf-8")
    before = "（一）予以公开\n４\n1\n０\n0\n１\n0\n６件\n"
    assert before in text
    text = text.replace(before, "（一）予以公开\n４\n1\n\n0\n１\n0\n６件\n").replace("\n", "\n\n")
    report = read(text)
    assert [(p.where, p.message) for p in report.problems] == [
        (
            "applications.results.granted",
            "表三 （一）予以公开：应有7个数值，读到6个（４ | 1 | 0 | １ | 0 | ６件），无法确定各列位置，未读取",
        )
    ]
    expected = dict(TOWN_2023) | {f"applications.results.granted.{c}": None for c in APPLICANT_COLUMNS}
    assert dict(report.cells()) == expected


def test_pdf_paste_with_a_label_wrapped_above_its_values():
    text = (UNSEEN / "district-edu-2023-spaces.txt").read_text("utf-8")
    row = "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 3 0 0 0 0 0 3"
    assert row in text
    report = read(
        text.replace(row, "（二）部分公开（区分处理的，只计这\n一情形，不计其他情形） 3 0 0 0 0 0 3")
    )
    assert (report.problems, dict(report.cells())) == ([], DISTRICT_EDU_2023)


def test_pdf_paste_wrapped_label_with_a_missing_value_is_not_guessed():
    text = (UNSEEN / "district-edu-2023-spaces.txt").read_text("utf-8")
    row = "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 3 0 0 0 0 0 3"
    report = read(text.replace(row, "（二）部分公开（区分处理的，只计这\n一情形，不计其他情形） 3 0 0 0 0 3"))
    assert [p.where for p in report.problems] == ["applications.results.partially_granted"]
    assert report.applications.results.partially_granted.values() == [None] * 7


@pytest.mark.parametrize(
    ("printed", "value"), [("-1", -1), ("减1", -1), ("－1", -1), ("增加2", 2), ("+2", 2)]
)
def test_2019_change_column_forms(printed, value):
    text = (UNSEEN / "city-market-2020-trial.txt").read_text("utf-8")
    report = read(text.replace("行政强制\t6\t-1\t4", f"行政强制\t6\t{printed}\t4"))
    assert (report.problems, report.proactive_2019.coercion.change) == ([], value)


def test_2019_change_column_dash_is_named_not_guessed():
    text = (UNSEEN / "city-market-2020-trial.txt").read_text("utf-8")
    report = read(text.replace("行政强制\t6\t-1\t4", "行政强制\t6\t—\t4"))
    assert [(p.where, p.message) for p in report.problems] == [
        (
            "proactive_2019.coercion.change",
            "表二 行政强制 本年增/减：填的是“—”，不能确定是0还是不适用，未读取",
        )
    ]
    assert dict(report.cells()) == MARKET_2020 | {"proactive_2019.coercion.change": None}


SECTION_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@pytest.mark.parametrize(
    "style",
    [
        lambda n, title: f"第{n}部分 {title[2:]}",
        lambda n, title: f"{n}． {title[2:]}",
        lambda n, title: title.replace("、", "、 ", 1),
    ],
    ids=["第一部分", "full-width-dot", "space-after-comma"],
)
def test_section_heading_styles(style):
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8")
    for number, heading in zip("一二三四五六", SECTION_HEADINGS, strict=True):
        text = text.replace(f"\n{heading}\n", f"\n{style(number, heading)}\n", 1)
    report = read(text)
    assert (report.problems, dict(report.cells())) == ([], COUNTY_2023)
    assert report.sections.shortcomings.startswith("2023年，我县政府信息公开工作取得了一定成效")
    assert report.sections.other_matters == (
        "（一）收取信息处理费情况\n2023年，我县未收取信息处理费。\n（二）人大代表建议和政协提案办理结果公开情况\n"
        "2023年共承办人大代表建议121件、政协提案156件，办理结果均已公开。"
    )


def test_table4_with_复议后起诉_printed_before_直接起诉_follows_the_header():
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8")
    text = text.replace("总计\n未经复议直接起诉\n复议后起诉", "总计\n复议后起诉\n未经复议直接起诉")
    values = "3\t1\t0\t1\t5\t2\t0\t1\t1\t4\t1\t0\t0\t0\t1"
    assert values in text
    report = read(text.replace(values, "3\t1\t0\t1\t5\t1\t0\t0\t0\t1\t2\t0\t1\t1\t4"))
    assert (report.problems, dict(report.cells())) == ([], COUNTY_2023)


def test_table4_with_行政诉讼_printed_before_行政复议_follows_the_header():
    text = (UNSEEN / "district-edu-2023-spaces.txt").read_text("utf-8")
    text = text.replace("行政复议 行政诉讼\n", "行政诉讼 行政复议\n").replace(
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        "未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计",
    )
    report = read(text.replace("2 1 0 0 3 1 0 0 1 2 0 1 0 0 1", "1 0 0 1 2 0 1 0 0 1 2 1 0 0 3"))
    assert (report.problems, dict(report.cells())) == ([], DISTRICT_EDU_2023)


def test_organ_named_in_a_现将_introduction_when_the_title_is_generic():
    text = (
        (UNSEEN / "county-gov-2023-tabs.txt")
        .read_text("utf-8")
        .replace(COUNTY_TITLE, "2023年政府信息公开工作年度报告")
    )
    intro = text.split("\n")[2]
    assert intro.startswith("本报告根据")
    report = read(text.replace(intro, "现将安远县林业局2023年政府信息公开工作情况报告如下。"))
    assert (report.agency, report.year, report.problems) == ("安远县林业局", 2023, [])


CLI_EXPECTED = {
    "city-market-2020-trial.txt": ("瑞金市市场监督管理局", 2020, "2019", "2021-01-28", MARKET_2020),
    "county-gov-2023-tabs.txt": ("安远县人民政府", 2023, "2021", "2024-01-15", COUNTY_2023),
    "county-gov-2023-total-first.txt": ("寻乌县人民政府", 2023, "2021", "2024-01-15", COUNTY_2023),
    "district-edu-2023-spaces.txt": ("赣州市南康区教育体育局", 2023, "2021", "2024-01-18", DISTRICT_EDU_2023),
    "town-2023-web-copy.txt": ("梅林镇人民政府", 2023, "2021", "2024-01-18", TOWN_2023),
    "gov-platform-2023.html": ("会昌县人民政府", 2023, "2021", "2024-01-22", COUNTY_2023),
    "trial-2020.docx": ("瑞金市自然资源局", 2020, "2019", "2021-01-28", MARKET_2020),
    "ruled-2023.pdf": ("于都县卫生健康委员会", 2023, "2021", "2024-01-18", DISTRICT_EDU_2023),
    "borderless-2023.pdf": ("于都县卫生健康委员会", 2023, "2021", "2024-01-18", DISTRICT_EDU_2023),
}


def _json_cells(data: dict, fmt: str) -> dict:
    out = {}
    for path in cell_paths(fmt):
        node = data
        for key in path.split("."):
            node = node[key]
        out[path] = node
    return out


def test_cli_read_json_lines_over_every_unseen_report(capsys):
    files = [str(UNSEEN / name) for name in CLI_EXPECTED]
    assert main(["read", *files, "--json"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == len(files)
    for line in lines:
        data = json.loads(line, parse_float=Decimal)  # amounts exactly as printed
        agency, year, fmt, published_on, cells = CLI_EXPECTED[Path(data["source"]).name]
        assert (data["agency"], data["year"], data["format"], data["published_on"]) == (
            agency,
            year,
            fmt,
            published_on,
        )
        assert data["problems"] == []
        assert _json_cells(data, fmt) == cells


@pytest.mark.parametrize("spacing", ["\n", "\n\n"], ids=["single", "double-spaced"])
def test_web_copy_with_labels_broken_into_short_pieces(spacing):
    # a <br> inside a narrow cell: "（七）" / "总计", "1．属于国家" / "秘密", "4．保护第三方" / "合法权益"
    text = (UNSEEN / "town-2023-web-copy.txt").read_text("utf-8")
    for label, broken in [
        ("（三）不予公开", "（三）不予\n公开"),
        ("1．属于国家秘密", "1．属于国家\n秘密"),
        ("4．保护第三方合法权益", "4．保护第三方\n合法权益"),
        ("三、本年度办理结果", "三、本年度\n办理结果"),
        ("自然人", "自\n然\n人"),
        ("（七）总计", "（七）\n总计"),
        ("四、结转下年度继续办理", "四、结转下年度继\n续办理"),
    ]:
        assert label in text
        text = text.replace(label, broken)
    report = read(text.replace("\n", spacing))
    assert (report.problems, dict(report.cells())) == ([], TOWN_2023)


def test_borderless_pdf_with_wrapped_header_words():
    # no table lines: cells are cut at gaps; table 4's narrow header words wrap ("结果维" / "持") and a long
    # label's tail ("、行政机关不再处理其政府信息公开申请") sits on the line of its group's label
    report = read(UNSEEN / "borderless-2023.pdf")
    assert_report(
        report,
        fmt="2021",
        agency="于都县卫生健康委员会",
        year=2023,
        published_on=dt.date(2024, 1, 18),
        cells=DISTRICT_EDU_2023,
    )


def test_spanning_header_printed_above_自然人_does_not_reorder_columns():
    # text from a PDF without table lines puts 法人或其他组织 (vertically higher) before 自然人 and 总计
    text = (UNSEEN / "county-gov-2023-tabs.txt").read_text("utf-8")
    assert "\n自然人\t法人或其它组织\t总计\n" in text
    report = read(text.replace("\n自然人\t法人或其它组织\t总计\n", "\n法人或其它组织\n自然人\t总计\n"))
    assert (report.problems, dict(report.cells())) == ([], COUNTY_2023)
