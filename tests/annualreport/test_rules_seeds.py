"""The findings on the five real seeds, worked out by hand from their text first.

* 000 高安市机关事务管理局 2023: consistent (56 = 55 + 1 and 55 = 10 + 12 + 32 + 1; "受理申请数为0件"
  with table 3 all zero). No title (READ), year taken from the text (READ), no date (F10).
* 000, 001, 002 and 004 print no signing date (F10): their timeliness cannot be checked.
* 001 叶集区机关事务管理服务中心 2023: consistent ("未收到依申请公开", "未引发行政复议、行政诉讼", tables zero).
* 002 高安市人民政府办公室 2022: the text says "共受理依申请公开37件" but table 3 is all zero (T1); the text
  has "现行有效的行政规范性文件48个" against 43 in table 2 (T4) and "清理废止类文件3个" against 0 (T5).
* 003 赣州经开区机关事务管理中心 2023: signed "2023年1月29日", before the year reported ended (F7).
* 004 青云谱区政务服务数据管理局 2023: consistent (34 ≥ 25 + 9 with an unnumbered part and "等").
"""

import datetime as dt
from pathlib import Path

import pytest

from gongkai.annualreport.readers import read
from gongkai.annualreport.rules import check

SEEDS = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))
TODAY = dt.date(2026, 11, 22)
NO_DATE = ("F10", "warning", ("published_on",), "报告未写明落款（成文）日期，无法核对是否按期公布")

EXPECTED = {
    "000": [
        NO_DATE,
        ("READ", ("year",)),
        ("READ", ("title",)),
    ],
    "001": [NO_DATE],
    "002": [
        (
            "T1",
            "error",
            ("applications.new.total", "sections.overview"),
            "正文“2022年我市共受理依申请公开37件，其中书面申请6件，通过信息公开平台申请31件，已全部办理完成”为37件，"
            "表三 一、本年新收政府信息公开申请数量 总计=0，二、上年结转 总计=0",
        ),
        (
            "T4",
            "warning",
            ("proactive.normative_documents.in_force", "sections.overview"),
            "正文“整理出现行有效的行政规范性文件48个”为48个，表二 行政规范性文件 现行有效件数=43",
        ),
        (
            "T5",
            "warning",
            ("proactive.normative_documents.repealed", "sections.overview"),
            "正文“48个规范性文件进行了有效性标注，清理废止类文件3个”为3个，表二 行政规范性文件 本年废止件数=0",
        ),
        NO_DATE,
    ],
    "003": [
        (
            "F7",
            "error",
            ("published_on", "year"),
            "落款日期2023年1月29日早于2023年度结束，应在2024年1月1日之后",
        ),
    ],
    "004": [NO_DATE],
}


def summary(finding):
    """READ findings by cell only: their wording is the reader's, not the rules'."""
    if finding.rule == "READ":
        return finding.rule, finding.cells
    return finding.rule, finding.severity, finding.cells, finding.message


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_findings_exactly(path):
    report = read(path)
    assert [summary(f) for f in check(report, today=TODAY)] == EXPECTED[path.name[:3]]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_tables_are_arithmetically_clean(path):
    findings = check(read(path), today=TODAY)
    assert [f for f in findings if f.rule in {"R1", "R2", "R3", "R4", "F1"}] == []


def test_seed_002_checked_against_itself_as_previous_year():
    report = read(SEEDS[2])
    findings = check(report, read(SEEDS[2]), today=TODAY)
    x = [(f.rule, f.message) for f in findings if f.rule.startswith("X")]
    assert x[0] == ("X3", "本报告年度为2022年，所给上年报告年度为2022年，应为2021年")
    assert {rule for rule, _ in x[1:]} == {"X4"}
    assert [m for _, m in x[1:]] == [
        "“一、总体情况”与上年报告相同（仅年份不同或完全相同），疑为照搬",
        "“五、存在的主要问题及改进情况”与上年报告相同（仅年份不同或完全相同），疑为照搬",
    ]  # 六 is shorter than COPIED_MIN_CHARS once whitespace is removed: the same every year for good reason
