"""Random 2021-format tables (numbers and blanks) rendered in each layout of the text contract read back
exactly, with no problems. The renderers here are deliberately independent of the writers: they mimic the
published layouts (tab rows; Word's one cell per line with placeholders; pipe tables)."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annualreport.model import SECTION_TITLES, SEGMENT_LABELS, Report, cell_label
from gongkai.annualreport.readers.text import parse_text

TABLE2_LABELS = {
    "rules": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
T3 = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("results.granted", "（一）予以公开"),
    ("results.partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
]
for group, keys in [
    ("denied", ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
                "internal_affairs", "process_information", "enforcement_case_file", "administrative_query"]),
    ("unable", ["not_held", "needs_creation", "still_unclear"]),
    ("not_handled", ["petition_complaint", "repeated", "publication", "excessive", "confirm_or_reissue"]),
    ("other", ["no_correction", "fee_unpaid", "other"]),
]:  # fmt: skip
    for key in keys:
        label = "3.其他" if key == "other" else SEGMENT_LABELS[key]
        T3.append((f"results.{group}.{key}", label))
T3 += [("results.total", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]

cell = st.one_of(st.none(), st.integers(0, 2000))


@st.composite
def reports(draw, fmt="2021"):
    report = Report.blank(fmt)
    for path, _ in list(report.cells()):
        if path.endswith("amount_wan_yuan"):
            value = draw(
                st.one_of(
                    st.none(), st.integers(0, 50), st.sampled_from(["0.5", "1.25", "12.8"]).map(Decimal)
                )
            )
        elif path.endswith(".change"):
            value = draw(st.one_of(st.none(), st.integers(-30, 30)))
        else:
            value = draw(cell)
        report.set(path, value)
    return report


def fmt(value) -> str:
    return "" if value is None else str(value)


def table_rows(report: Report):
    """(label, values) rows of table 2 in the printed order, after a header row."""
    top = "proactive_2019" if report.format == "2019" else "proactive"
    if report.format == "2019":
        yield ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"), None
    else:
        yield ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), None
    for key, node in vars(report.get(top)).items():
        yield (TABLE2_LABELS[key],), [fmt(value) for value in vars(node).values()]


def t3_values(report: Report, path: str) -> list[str]:
    return [fmt(v) for v in report.get(f"applications.{path}").values()]


def t4_values(report: Report) -> list[str]:
    return [fmt(report.get(f"reviews.{g}.{c}")) for g in ("reconsideration", "litigation_direct",
            "litigation_after_reconsideration") for c in ("upheld", "corrected", "other", "pending", "total")]  # fmt: skip


def render(report: Report, layout: str) -> str:
    year = 2020 if report.format == "2019" else 2023
    out = [
        f"某市统计局{year}年政府信息公开工作年度报告",
        SECTION_TITLES["overview"],
        f"{year}年，我局依法公开。",
    ]
    out.append(SECTION_TITLES["proactive"])

    def row(cells, placeholders=0):
        if layout == "tab":
            out.append("\t".join(cells))
        elif layout == "pipe":
            out.append("| " + " | ".join(cells) + " |")
        else:
            out.append("")
            out.extend(["\t"] * placeholders + ["\t" + c for c in cells])

    for labels, values in table_rows(report):
        row(list(labels) + (values or []))
    out.append(SECTION_TITLES["applications"])
    row(["申请人情况"])
    row(["自然人", "法人或其他组织", "总计"])
    for path, label in T3:
        if report.format == "2019" and path.startswith("results.other."):
            if path.endswith(".other"):
                row(["（六）其他处理", *t3_values(report, path)], placeholders=1)
            continue
        row([label, *t3_values(report, path)], placeholders=1 if path.startswith("results.") else 0)
    out.append(SECTION_TITLES["reviews"])
    row(["行政复议", "行政诉讼"])
    row(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    row(t4_values(report))
    out += [
        SECTION_TITLES["shortcomings"],
        "还有差距。",
        SECTION_TITLES["other_matters"],
        "无。",
        "2024年1月20日",
    ]
    return "\n".join(out) + "\n"


def check(report: Report, layout: str):
    read = parse_text(render(report, layout))
    assert read.format == report.format
    assert dict(read.cells()) == dict(report.cells())
    assert [(p.where, p.message) for p in read.problems] == []


@settings(max_examples=60, deadline=None)
@given(reports())
def test_tab_rows(report):
    check(report, "tab")


@settings(max_examples=60, deadline=None)
@given(reports())
def test_one_cell_per_line(report):
    check(report, "cells")


@settings(max_examples=60, deadline=None)
@given(reports())
def test_pipe_tables(report):
    check(report, "pipe")


@settings(max_examples=40, deadline=None)
@given(reports("2019"), st.sampled_from(["tab", "cells", "pipe"]))
def test_2019_format(report, layout):
    check(report, layout)


def test_cell_label_used_in_messages_names_every_row_in_chinese():
    labels = [cell_label(f"applications.{path}.natural_person") for path, _ in T3]
    assert len(set(labels)) == 25  # every row has its own name
    for label in labels:
        assert label.startswith("表三 ") and label.endswith(" 自然人")
        assert not re.search(r"[A-Za-z_]", label), label  # no model key leaks into a message


PIECES = [
    "\t", "\n", "\n\n", "|", " | ", "---", "0", "12", "—", "无", "3件", "１２", "-2", "0.5", "#", "**",
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "规章", "行政许可", "本年新收", "（七）总计", "3.其他",
    "（六）其他处理", "自", "然", "人", "结果", "纠正", "行政复议", "复议后起诉", "2023年", "二〇二四年一月二十日",
    "2024年2月30日", "某局", "报告", "政府信息公开工作年度报告", "本年新制作数量", "本年制发件数", "逾期不补正", "— 3 —",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=120))
def test_parse_text_never_raises_on_jumbled_input(pieces):
    report = parse_text("".join(pieces))
    assert report.format in ("2021", "2019", "pre2019")
    for problem in report.problems:
        assert problem.where and problem.message


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400), st.lists(st.sampled_from(PIECES), max_size=60).map(lambda p: "".join(p))
    )
)
def test_read_raises_only_unreadable_error(data):
    from gongkai.annualreport.readers import UnreadableError, read

    try:
        report = read(data)
    except UnreadableError as error:
        assert str(error)
    else:
        assert isinstance(report, Report)
