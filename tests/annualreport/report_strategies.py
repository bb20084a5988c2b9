"""Hypothesis strategies: random but consistent annual reports (R1–R4 hold before some cells are blanked)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from gongkai.annualreport.model import APPLICANT_COLUMNS, REVIEW_COLUMNS, SECTION_KEYS, Report

AGENCIES = [
    "高安市机关事务管理局",
    "南昌市青山湖区市场监督管理局",
    "九江市濂溪区自然资源局",
    "赣州经开区机关事务管理中心",
    "上饶市广信区教育体育局",
    "景德镇市昌江区卫生健康委员会",
    "宜春市袁州区人力资源和社会保障局",
    "萍乡市湘东区住房和城乡建设局",
]
SENTENCES = [
    "我局坚持以公开为常态、不公开为例外，及时、准确公开政府信息。",
    "全年主动公开政府信息56条，其中决策公开信息10条、执行公开信息12条。",
    "一是加强信息审核，实行信息发布“三审”制，严格保护个人信息安全。",
    "依托政府门户网站信息公开专栏，及时更新机构职能、政策文件等信息。",
    "严格执行“谁公开、谁审查、谁负责”，确保公开信息准确、全面。",
    "政策解读形式较为单一，图文、视频等解读占比不高。",
    "下一步，我们将进一步规范公开内容，提高公开质量。",
    "本年度未收取信息处理费。",
    "认真办理人大代表建议和政协委员提案，办理结果按规定公开。",
    "积极参加政务公开工作培训会，主动查找问题短板，认真整改提升质量。",
]
SUBHEADINGS = [
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
]

count = st.integers(min_value=0, max_value=30)


@st.composite
def preambles(draw, report: Report) -> str:
    """An introduction (引言) as reports write it: legal basis, statistical period, contact."""
    year = report.year
    sentences = [
        "本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）要求编制。",
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        f"如对本报告有任何疑问，请与{report.agency}联系（电话：0795-5212315，邮编：330800）。",
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。",
    ]
    chosen = draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=4, unique=True))
    split = draw(st.booleans())  # one paragraph or one per sentence
    return "\n".join(chosen) if split else "".join(chosen)


@st.composite
def paragraphs(draw, headings: bool = False) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        if headings and draw(st.booleans()):
            lines.append(draw(st.sampled_from(SUBHEADINGS)))
        lines.append("".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))))
    return "\n".join(lines)


@st.composite
def _rows(draw, names: list[str]) -> dict[str, list[int]]:
    """Leaf rows by applicant column (the last, 总计, is the sum of the six: R3)."""
    out = {}
    for name in names:
        six = [draw(count) for _ in range(6)]
        out[name] = [*six, sum(six)]
    return out


def _fill_table3(draw, report: Report) -> None:
    leaves = [path for path, row in report.applications.results.leaf_rows() if row is not None]
    rows = draw(_rows(leaves))
    total = [sum(rows[p][i] for p in leaves) for i in range(7)]  # R2
    carried_forward = draw(_rows(["cf"]))["cf"]
    over = [draw(st.integers(0, total[i] + carried_forward[i])) for i in range(6)]
    carried_over = [*over, sum(over)]
    new = [total[i] + carried_forward[i] - carried_over[i] for i in range(7)]  # R1
    base = "applications"
    for path, values in [
        *((f"results.{p}", rows[p]) for p in leaves),
        ("results.total", total),
        ("carried_forward", carried_forward),
        ("carried_over", carried_over),
        ("new", new),
    ]:
        for col, value in zip(APPLICANT_COLUMNS, values, strict=True):
            report.set(f"{base}.{path}.{col}", value)


def _fill_table4(draw, report: Report) -> None:
    for group in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        four = [draw(st.integers(0, 5)) for _ in range(4)]
        for col, value in zip(REVIEW_COLUMNS, [*four, sum(four)], strict=True):  # R4
            report.set(f"reviews.{group}.{col}", value)


amounts = st.one_of(st.integers(0, 500), st.decimals(0, 999, places=2))  # amounts are Decimal


def _fill_table2(draw, report: Report) -> None:
    for path, _ in list(report.cells()):
        if not path.startswith("proactive"):
            continue
        if path.endswith("amount_wan_yuan"):
            value = draw(amounts)
        elif path.endswith(".change"):
            value = draw(st.integers(-20, 20))
        else:
            value = draw(st.integers(0, 3000))
        report.set(path, value)


@st.composite
def reports(draw, formats=("2021", "2019")) -> Report:
    fmt = draw(st.sampled_from(formats))
    report = Report.blank(fmt)
    report.agency = draw(st.sampled_from(AGENCIES))
    report.year = draw(st.integers(2021, 2025) if fmt == "2021" else st.integers(2019, 2020))
    # Titles name the organ, or not (then the writers print it in an opening sentence); some have no date.
    title = f"{report.year}年政府信息公开工作年度报告"
    report.title = draw(st.sampled_from([report.agency + title, title, report.agency + title]))
    dates = st.dates(dt.date(report.year + 1, 1, 2), dt.date(report.year + 1, 3, 31))
    report.published_on = draw(st.one_of(st.none(), dates, dates))
    _fill_table2(draw, report)
    _fill_table3(draw, report)
    _fill_table4(draw, report)
    paths = [path for path, _ in report.cells()]
    for path in draw(st.lists(st.sampled_from(paths), max_size=4, unique=True)):  # some blank cells
        report.set(path, None)
    report.sections.preamble = draw(st.one_of(st.none(), preambles(report), preambles(report)))
    report.sections.overview = draw(paragraphs(headings=True))
    for key in SECTION_KEYS[1:]:
        if key in ("shortcomings", "other_matters") or draw(st.booleans()):
            report.sections.__setattr__(key, draw(paragraphs()))
    return report


# long organ names, within what the readers take for an organ (≤ 40 characters, ending like one); the
# first ones fit a title line (20 characters of 二号), the last wraps there
LONG_AGENCIES = [
    "景德镇市昌江区人力资源和社会保障局",
    "南昌市青山湖区行政审批局",
    "宜春市袁州区人力资源和社会保障局劳动保障监察综合行政执法大队",
]
big = st.integers(min_value=1, max_value=99_999_999)  # large and never 0: a lost or shifted cell shows


@st.composite
def long_reports(draw, agencies=tuple(LONG_AGENCIES)) -> Report:
    """Reports with long organ names and titles, long paragraphs with numbers and web addresses, and
    large non-zero numbers in every cell (no arithmetic: the round trip must carry any value)."""
    report = draw(reports(formats=("2021",)))
    report.agency = draw(st.sampled_from(agencies))
    report.title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    for path, _ in list(report.cells()):
        report.set(path, draw(big))
    report.proactive.fees.amount_wan_yuan = draw(st.decimals(1, 99999, places=2))
    sentence = "全年累计发布信息{n}条，详见门户网站（http://www.example.gov.cn/xxgk/{n}.html）专栏。"
    long_text = "".join(sentence.format(n=draw(big)) for _ in range(draw(st.integers(3, 8))))
    report.sections.overview = report.sections.overview + "\n" + long_text
    return report
