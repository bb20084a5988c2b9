"""The same report (某县交通运输局 2023) in each layout of the text contract, plus layout hazards.

tests/fixtures/reader/{tab_2021.txt, cells_2021.txt, pipe_2021.md} hold one set of hand-typed figures,
laid out in each layout by a throwaway script (the files are committed as they are, not regenerated);
EXPECTED below is that set, typed by hand again, independently of the files. cells_2021.txt also carries the hazards of real Word
text: broken labels ("自\\n\\n然\\n\\n人", "商业\\n企业", "结果\\n纠正"), "规   章", a page break that repeats the
table 3 header in the middle of the 4.保护第三方合法权益 row, full-width digits and "3件".
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, cell_label
from gongkai.annualreport.readers import read
from gongkai.annualreport.readers.text import parse_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reader"
LAYOUTS = ["tab_2021.txt", "cells_2021.txt", "pipe_2021.md"]

TABLE2 = {
    "proactive.rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "proactive.normative_documents": {"issued": 2, "repealed": 1, "in_force": 15},
    "proactive.licensing": {"decisions": 136},
    "proactive.penalty": {"decisions": 27},
    "proactive.coercion": {"decisions": 4},
    "proactive.fees": {"amount_wan_yuan": Decimal("0.35")},
}
# 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
TABLE3 = {
    "new": (12, 3, 0, 1, 0, 2, 18),
    "carried_over": (1, 0, 0, 0, 0, 0, 1),
    "results.granted": (5, 1, 0, 0, 0, 1, 7),
    "results.partially_granted": (2, 0, 0, 0, 0, 0, 2),
    "results.denied.state_secret": (0, 0, 0, 0, 0, 0, 0),
    "results.denied.prohibited_by_law": (0, 0, 0, 0, 0, 0, 0),
    "results.denied.security_stability": (1, 0, 0, 0, 0, 0, 1),
    "results.denied.third_party_rights": (1, 1, 0, 0, 0, 0, 2),
    "results.denied.internal_affairs": (0, 0, 0, 0, 0, 0, 0),
    "results.denied.process_information": (1, 0, 0, 0, 0, 0, 1),
    "results.denied.enforcement_case_file": (0, 0, 0, 0, 0, 0, 0),
    "results.denied.administrative_query": (0, 0, 0, 0, 0, 0, 0),
    "results.unable.not_held": (2, 0, 0, 1, 0, 0, 3),
    "results.unable.needs_creation": (0, 0, 0, 0, 0, 0, 0),
    "results.unable.still_unclear": (0, 0, 0, 0, 0, 0, 0),
    "results.not_handled.petition_complaint": (0, 0, 0, 0, 0, 0, 0),
    "results.not_handled.repeated": (0, 0, 0, 0, 0, 0, 0),
    "results.not_handled.publication": (0, 0, 0, 0, 0, 0, 0),
    "results.not_handled.excessive": (0, 0, 0, 0, 0, 0, 0),
    "results.not_handled.confirm_or_reissue": (0, 0, 0, 0, 0, 0, 0),
    "results.other.no_correction": (0, 1, 0, 0, 0, 0, 1),
    "results.other.fee_unpaid": (0, 0, 0, 0, 0, 0, 0),
    "results.other.other": (0, 0, 0, 0, 0, 0, 0),
    "results.total": (12, 3, 0, 1, 0, 1, 17),
    "carried_forward": (1, 0, 0, 0, 0, 1, 2),
}
# 结果维持, 结果纠正, 其他结果, 尚未审结, 总计
TABLE4 = {
    "reconsideration": (1, 0, 0, 1, 2),
    "litigation_direct": (0, 1, 0, 0, 1),
    "litigation_after_reconsideration": (1, 0, 0, 0, 1),
}


def expected_cells() -> dict:
    out = {}
    for row, values in TABLE2.items():
        out.update({f"{row}.{col}": v for col, v in values.items()})
    for row, values in TABLE3.items():
        out.update({f"applications.{row}.{c}": v for c, v in zip(APPLICANT_COLUMNS, values, strict=True)})
    for group, values in TABLE4.items():
        out.update({f"reviews.{group}.{c}": v for c, v in zip(REVIEW_COLUMNS, values, strict=True)})
    return out


EXPECTED = expected_cells()


def text_of(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def wrong_cells(report, expected=EXPECTED) -> dict:
    got = dict(report.cells())
    assert set(got) == set(expected)
    return {path: (got[path], want) for path, want in expected.items() if got[path] != want}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_cell_in_every_layout(name):
    report = read(FIXTURES / name)
    assert wrong_cells(report) == {}
    assert report.problems == []
    assert report.format == "2021"
    assert report.agency == "某县交通运输局"
    assert report.year == 2023
    assert report.title == "某县交通运输局2023年政府信息公开工作年度报告"
    assert report.published_on == dt.date(2024, 1, 18)


@pytest.mark.parametrize("name", LAYOUTS)
def test_sections_in_every_layout(name):
    sections = read(FIXTURES / name).sections
    assert sections.overview == (
        "2023年，我局共主动公开政府信息326条，受理政府信息公开申请18件。\n"
        "（一）主动公开\n"
        "我局通过县政府门户网站主动公开政府信息326条。"
    )
    assert sections.proactive is None  # only the table
    assert sections.applications == "2023年共收到政府信息公开申请18件。"  # text beside the table
    assert sections.reviews is None
    assert (
        sections.shortcomings
        == "一是公开内容还不够全面；二是政策解读形式较单一。\n下一步，我局将进一步加强政策解读。"
    )
    assert sections.other_matters == "本年度未收取信息处理费。"  # signature and date are not section text


def test_cell_per_line_hazards_are_really_in_the_fixture():
    text = text_of("cells_2021.txt")
    assert "\t自\n\n然\n\n人" in text and "\t商业\n企业" in text and "\t结果\n纠正" in text
    assert "\t规   章" in text and "\t１２" in text and "\t3件" in text
    third_party = text.split("4.保护第三方合法权益")[1]
    assert third_party.index("申请人情况") < third_party.index("5.属于三类内部事务信息")
    assert "二〇二四年一月十八日" in text


# --- a blank cell is None, not 0, in each layout -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "path"),
    [
        (
            "tab_2021.txt",
            "行政规范性文件\t2\t1\t15",
            "行政规范性文件\t2\t\t15",
            "proactive.normative_documents.repealed",
        ),
        (
            "tab_2021.txt",
            "（七）总计\t12\t3\t0\t1\t0\t1\t17",
            "（七）总计\t12\t3\t0\t1\t0\t1\t",
            "applications.results.total.total",
        ),
        ("tab_2021.txt", "\n1\t0\t0\t1\t2\t0", "\n\t0\t0\t1\t2\t0", "reviews.reconsideration.upheld"),
        (
            "cells_2021.txt",
            "不计其他情形）\n\t2\n\t0\n",
            "不计其他情形）\n\t2\n\t\n",
            "applications.results.partially_granted.commercial_enterprise",
        ),
        ("cells_2021.txt", "\t行政许可\n\t136\n", "\t行政许可\n\t\n", "proactive.licensing.decisions"),
        ("pipe_2021.md", "| 行政许可 | 136 |", "| 行政许可 |  |", "proactive.licensing.decisions"),
        (
            "pipe_2021.md",
            "| 2.重复申请 | 0 | 0 |",
            "| 2.重复申请 | 0 |  |",
            "applications.results.not_handled.repeated.commercial_enterprise",
        ),
    ],
)
def test_blank_cell_is_none_not_zero(name, old, new, path):
    text = text_of(name)
    assert text.count(old) == 1
    report = parse_text(text.replace(old, new))
    expected = dict(EXPECTED, **{path: None})
    assert wrong_cells(report, expected) == {}
    assert report.problems == []  # a blank is read correctly; the checker reports blanks


# --- garbled or ambiguous cells: None plus a problem naming the cell ---------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "seen"),
    [
        ("tab_2021.txt", "行政处罚\t27", "行政处罚\tl2", "proactive.penalty.decisions", "l2"),
        ("tab_2021.txt", "行政强制\t4", "行政强制\t—", "proactive.coercion.decisions", "—"),
        (
            "tab_2021.txt",
            "二、上年结转政府信息公开申请数量\t1\t",
            "二、上年结转政府信息公开申请数量\t1 0\t",
            "applications.carried_over.natural_person",
            "1 0",
        ),
        (
            "cells_2021.txt",
            "\t行政许可\n\t136\n",
            "\t行政许可\n\t无\n",
            "proactive.licensing.decisions",
            "无",
        ),
        ("pipe_2021.md", "| 行政强制 | 4 |", "| 行政强制 | -4 |", "proactive.coercion.decisions", "-4"),
        (
            "pipe_2021.md",
            "| 1.属于国家秘密 | 0 |",
            "| 1.属于国家秘密 | 0.5 |",
            "applications.results.denied.state_secret.natural_person",
            "0.5",
        ),
    ],
)
def test_garbled_cell_is_none_with_a_problem(name, old, new, path, seen):
    text = text_of(name)
    assert text.count(old) == 1
    report = parse_text(text.replace(old, new))
    assert wrong_cells(report, dict(EXPECTED, **{path: None})) == {}
    assert [p.where for p in report.problems] == [path]
    message = report.problems[0].message
    assert message.startswith(cell_label(path)) and f"“{seen}”" in message


def test_row_with_a_missing_value_is_left_unread_and_named():
    text = text_of("tab_2021.txt")
    old = "2.重复申请\t0\t0\t0\t0\t0\t0\t0"
    report = parse_text(text.replace(old, "2.重复申请\t0\t0\t0\t0\t0\t0"))
    row = "applications.results.not_handled.repeated"
    expected = dict(EXPECTED, **{f"{row}.{c}": None for c in APPLICANT_COLUMNS})
    assert wrong_cells(report, expected) == {}
    assert [(p.where, p.message) for p in report.problems] == [
        (
            row,
            "表三 （五）不予处理 2.重复申请：应有7个数值，读到6个（0 | 0 | 0 | 0 | 0 | 0），无法确定各列位置，未读取",
        )
    ]


def test_placeholder_cells_with_a_blank_are_ambiguous_not_shifted():
    # seed 003 style: an empty placeholder after the label and a trailing tab. With one value missing we
    # cannot tell which column is blank, so nothing is read rather than shifting the numbers.
    text = text_of("tab_2021.txt")
    old = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t0\t2\t18"
    report = parse_text(text.replace(old, "一、本年新收政府信息公开申请数量\t\t12\t3\t0\t1\t0\t2\t\t"))
    assert report.get("applications.new.natural_person") is None
    assert report.get("applications.new.total") is None
    assert [p.where for p in report.problems] == ["applications.new"]


def test_placeholder_cells_without_blanks_are_aligned():
    text = text_of("tab_2021.txt")
    old = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t0\t2\t18"
    report = parse_text(text.replace(old, "一、本年新收政府信息公开申请数量\t\t12\t3\t0\t1\t0\t2\t18\t"))
    assert wrong_cells(report) == {}
    assert report.problems == []


# --- broken labels, page breaks, tables split across pages -------------------------------------


def test_row_labels_broken_across_lines():
    text = text_of("cells_2021.txt")
    text = text.replace("\t2.重复申请\n", "\t2.重复\n\n申请\n").replace("\t（七）总计\n", "\t（七）总\n计\n")
    report = parse_text(text)
    assert wrong_cells(report) == {}
    assert report.problems == []


def test_table_split_across_pages_with_repeated_headers_and_page_numbers():
    text = text_of("tab_2021.txt")
    page_break = (
        "\n\n— 3 —\n\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
        "三、本年度办理结果\n"
    )
    anchor = "5.属于三类内部事务信息"
    assert text.count(anchor) == 1
    report = parse_text(text.replace(anchor, page_break.lstrip("\n") + anchor))
    assert wrong_cells(report) == {}
    assert report.problems == []
    assert report.sections.applications == "2023年共收到政府信息公开申请18件。"


def test_row_split_by_a_page_break_is_joined_only_when_counts_add_up():
    text = text_of("cells_2021.txt")
    report = parse_text(text)
    assert report.get("applications.results.denied.third_party_rights.total") == 2
    # drop one of the continued values: 3 + 3 != 7, so the row is not guessed
    broken = text.replace("申请人情况", "申请人情况", 1)
    second_header = broken.index("\t三、本年度办理结果", broken.index("4.保护第三方合法权益"))
    values_at = broken.index("\t0\n\t0\n\t0\n\t2\n", second_header)
    broken = broken[:values_at] + broken[values_at + len("\t0\n") :]
    report = parse_text(broken)
    row = "applications.results.denied.third_party_rights"
    assert report.get(f"{row}.natural_person") is None
    assert [p.where for p in report.problems] == [row]


def test_full_width_digits_and_units_are_read():
    report = read(FIXTURES / "cells_2021.txt")
    assert report.applications.new.natural_person == 12  # "１２"
    assert report.applications.new.commercial_enterprise == 3  # "3件"


def test_markdown_headings_and_bold_are_not_text():
    report = read(FIXTURES / "pipe_2021.md")
    assert "#" not in report.sections.overview and "**" not in report.sections.overview


def test_seed_003_placeholder_row_missing_a_value_is_not_shifted():
    seed = Path(__file__).parents[1] / "fixtures" / "seeds" / "003_898f82200a7ede38.txt"
    text = seed.read_text("utf-8")
    old = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t\n"
    assert text.count(old) == 1
    # placeholder + six values, trailing tabs lost: positions would shift by one column
    report = parse_text(text.replace(old, "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\n"))
    assert report.applications.new.values() == [None] * 7
    assert "applications.new" in [p.where for p in report.problems]
    assert report.applications.carried_over.values() == [0] * 7


def test_label_wrapped_onto_the_row_with_the_values():
    # PDF text: the long （六）1 label wraps, and its values sit on the second line
    text = text_of("tab_2021.txt")
    old = "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t1\t0\t0\t0\t0\t1"
    new = "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再\n处理其政府信息公开申请\t0\t1\t0\t0\t0\t0\t1"
    assert text.count(old) == 1
    report = parse_text(text.replace(old, new))
    assert wrong_cells(report) == {}
    assert report.problems == []


def test_group_label_and_row_label_in_one_cell():
    text = text_of("tab_2021.txt")
    old = "三、本年度办理结果\t（一）予以公开\t"
    assert text.count(old) == 1
    report = parse_text(text.replace(old, "三、本年度办理结果（一）予以公开\t"))
    assert wrong_cells(report) == {}


def test_review_table_written_row_by_row():
    text = text_of("tab_2021.txt")
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    table4 = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        "行政复议\t1\t0\t0\t1\t2\n"
        "行政诉讼（未经复议直接起诉）\t0\t1\t0\t0\t1\n"
        "行政诉讼（复议后起诉）\t1\t0\t0\t0\t1\n"
    )
    report = parse_text(text[:start] + table4 + text[end:])
    assert wrong_cells(report) == {}
    assert report.problems == []


def test_review_values_of_the_wrong_count_are_not_guessed():
    text = text_of("tab_2021.txt")
    old = "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t1\t0\t0\t0\t1"
    report = parse_text(text.replace(old, "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t1\t0\t0\t0"))
    assert all(report.get(f"reviews.reconsideration.{c}") is None for c in REVIEW_COLUMNS)
    assert [p.where for p in report.problems] == ["reviews"]
    assert report.problems[0].message.startswith("表四：应有15个数值，读到14个")


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("一、总体情况", "overview"),
        ("1、 总体情况", "overview"),
        ("## 一、总体情况", "overview"),
        ("一、政府信息公开总体工作情况", "overview"),
        ("二、主动公开政府信息情况", "proactive"),
        ("### 三、收到和处理政府信息公开申请情况", "applications"),
        ("#### 四、政府信息公开行政复议、行政诉讼情况", "reviews"),
        ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "reviews"),
        ("5、 存在的主要问题及改进情况", "shortcomings"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "shortcomings"),
        ("**六、其他需要报告的事项**", "other_matters"),
        ("二、主动公开政府信息", "proactive"),
        ("四、政府信息公开行政复议、行政诉讼", "reviews"),
        ("（一）主动公开情况", None),
        ("本年度无需要说明的主要问题。", None),
        ("2023年，我局主动公开政府信息情况良好。", None),
    ],
)
def test_section_headings(line, key):
    from gongkai.annualreport.readers.layout import heading_key

    assert heading_key(line) == key


def test_space_separated_rows_as_pasted_from_a_pdf():
    text = text_of("tab_2021.txt").replace("\t", "  ")
    text = text.replace("1.属于国家秘密", "1. 属于国家秘密").replace("规章  0", "规   章  0")
    report = parse_text(text)
    assert wrong_cells(report) == {}
    assert report.problems == []
    assert report.sections.applications == "2023年共收到政府信息公开申请18件。"
    assert report.sections.reviews is None  # the spaced header rows are table, not text


def test_space_separated_row_missing_a_value_is_not_guessed():
    text = text_of("tab_2021.txt").replace("\t", " ")
    text = text.replace("4.保护第三方合法权益 1 1 0 0 0 0 2", "4.保护第三方合法权益 1 1 0 0 0 2")
    report = parse_text(text)
    row = "applications.results.denied.third_party_rights"
    assert report.get(f"{row}.natural_person") is None
    assert [p.where for p in report.problems] == [row]


def test_bare_other_under_group_six_is_its_third_row():
    text = text_of("tab_2021.txt").replace("\n3.其他\t0\t0\t0\t0\t0\t0\t0", "\n其他\t0\t2\t0\t0\t0\t0\t2")
    report = parse_text(text)
    assert report.applications.results.other.other.values() == [0, 2, 0, 0, 0, 0, 2]
    assert report.problems == []


def test_review_table_with_two_different_value_rows_is_not_guessed():
    text = text_of("tab_2021.txt")
    row = "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t1\t0\t0\t0\t1"
    report = parse_text(text.replace(row, row + "\n" + row.replace("1", "3")))
    assert all(report.get(f"reviews.litigation_direct.{c}") is None for c in REVIEW_COLUMNS)
    assert [p.where for p in report.problems] == ["reviews"]
    assert "不止一组" in report.problems[0].message
    # the same row repeated (a header and its values re-printed after a page break) is fine
    report = parse_text(text.replace(row, row + "\n" + row))
    assert wrong_cells(report) == {}


def test_pipe_rows_without_outer_pipes():
    text = text_of("pipe_2021.md")
    lines = [line.strip().strip("|").strip() if line.startswith("|") else line for line in text.split("\n")]
    report = parse_text("\n".join(lines))
    assert wrong_cells(report) == {}
    assert report.problems == []
    assert report.sections.reviews is None  # "行政复议 | 行政诉讼" is a table row, not text


def test_run_in_heading_with_its_text_on_the_same_line():
    text = text_of("tab_2021.txt").replace(
        "五、存在的主要问题及改进情况\n一是公开内容", "五、存在的主要问题及改进情况：一是公开内容"
    )
    report = parse_text(text)
    assert (
        report.sections.shortcomings
        == "一是公开内容还不够全面；二是政策解读形式较单一。\n下一步，我局将进一步加强政策解读。"
    )
    assert report.problems == []


def test_pdf_wrapped_label_pieces_are_neither_cells_nor_text():
    text = text_of("tab_2021.txt")
    old = "2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"
    report = parse_text(text.replace(old, "2.其他法律行政法规禁止\t0\t0\t0\t0\t0\t0\t0\n公开"))
    assert wrong_cells(report) == {}
    assert report.problems == []
    assert report.sections.applications == "2023年共收到政府信息公开申请18件。"
    # values printed on the label's second line
    report = parse_text(text.replace(old, "2.其他法律行政法规禁止\n公开\t0\t0\t0\t0\t0\t0\t0"))
    assert wrong_cells(report) == {}
    assert report.problems == []


def test_a_sentence_mentioning_a_label_stays_text():
    text = text_of("tab_2021.txt").replace(
        "2023年共收到政府信息公开申请18件。", "本年新收政府信息公开申请18件。\n上年结转1件。"
    )
    report = parse_text(text)
    assert wrong_cells(report) == {}
    assert report.sections.applications == "本年新收政府信息公开申请18件。\n上年结转1件。"
