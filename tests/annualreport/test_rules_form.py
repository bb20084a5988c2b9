"""F1–F10 and READ: form, dates and what the reader could not read."""

import datetime as dt

import pytest
from rules_sample import TODAY, sample

from gongkai.annualreport.formats import expected_format
from gongkai.annualreport.model import Problem, Report
from gongkai.annualreport.rules import check
from gongkai.annualreport.rules.form import is_government_report
from gongkai.annualreport.rules.params import deadline_rule


def of(rule_id, report):
    return [(f.severity, f.cells, f.message) for f in check(report, today=TODAY) if f.rule == rule_id]


def test_f1_blank_cells_one_finding_per_table():
    report = sample()
    report.set("applications.new.natural_person", None)
    report.set("applications.results.granted.total", None)
    report.set("reviews.reconsideration.total", None)
    assert of("F1", report) == [
        (
            "error",
            ("applications.new.natural_person", "applications.results.granted.total"),
            "表三 单元格空白（空白不等于0，无数据应填0）：一、本年新收政府信息公开申请数量（自然人）；（一）予以公开（总计），共2个",
        ),
        (
            "error",
            ("reviews.reconsideration.total",),
            "表四 单元格空白（空白不等于0，无数据应填0）：行政复议（总计），共1个",
        ),
    ]


def test_f1_lists_five_labels_then_counts():
    report = sample()
    for path, _ in list(report.cells()):
        if path.startswith("reviews."):
            report.set(path, None)
    ((severity, cells, message),) = of("F1", report)
    assert len(cells) == 15
    assert message.endswith(
        "：行政复议（结果维持、结果纠正、其他结果、尚未审结、总计）；行政诉讼（未经复议直接起诉）（结果维持、"
        "结果纠正、其他结果、尚未审结、总计）；行政诉讼（复议后起诉）（结果维持、结果纠正、其他结果、尚未审结、总计），共15个"
    )


def test_f1_lists_five_rows_then_etc():
    report = sample()
    for path, _ in list(report.cells()):
        if path.startswith("applications.results.denied."):
            report.set(path, None)
    ((severity, cells, message),) = of("F1", report)
    assert len(cells) == 8 * 7
    assert message.endswith(
        "（三）不予公开 5.属于三类内部事务信息（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）等，共56个"
    )


def test_f1_leaves_unread_cells_to_read_rule():
    report = sample()
    report.set("applications.new.natural_person", None)
    report.problems.append(
        Problem("applications.new.natural_person", "表三 一、本年新收 自然人：无法识别“5？”")
    )
    assert of("F1", report) == []
    assert of("READ", report) == [
        ("warning", ("applications.new.natural_person",), "表三 一、本年新收 自然人：无法识别“5？”")
    ]


def test_f1_does_not_apply_to_pre2019_reports_whose_tables_are_not_read():
    report = Report.blank("pre2019")
    report.year, report.agency, report.published_on = 2017, "某某局", dt.date(2018, 3, 20)
    assert check(report, today=TODAY) == []


def test_f2_missing_sections():
    report = sample()
    report.sections.shortcomings = None
    report.sections.other_matters = None
    assert of("F2", report) == [
        (
            "warning",
            ("sections.shortcomings", "sections.other_matters"),
            "未找到以下部分：五、存在的主要问题及改进情况、六、其他需要报告的事项",
        )
    ]


def test_f3_f4_agency_and_year_missing():
    report = sample()
    report.agency = " "
    report.year = None
    report.problems.append(Problem("agency", "未找到报告机关名称"))  # said once, by F3
    assert of("READ", report) == []
    assert of("F3", report) == [("warning", ("agency",), "报告未写明发布机关名称")]
    assert of("F4", report) == [("warning", ("year",), "报告未写明所报告的年度")]


def test_f5_title_year_differs():
    report = sample()
    report.title = "某某市某某局2022年政府信息公开工作年度报告"
    assert of("F5", report) == [
        (
            "error",
            ("title", "year"),
            "标题“某某市某某局2022年政府信息公开工作年度报告”中的年度2022年与报告年度2023年不一致",
        )
    ]


def test_f5_statistical_period_differs():
    report = sample()
    report.sections.overview = report.sections.overview.replace(
        "统计期限自2023年1月1日", "统计期限自2022年1月1日"
    )
    assert of("F5", report) == [
        (
            "error",
            ("year", "sections.overview"),
            "统计期限“统计期限自2022年1月1日起至2023年12月31日”与报告年度2023年（2023年1月1日至12月31日）不一致",
        )
    ]


@pytest.mark.parametrize(
    ("fmt", "year", "expected"),
    [
        (
            "2019",
            2021,
            "2021年度报告应使用国办公开办函〔2021〕30号（2021年度起），本报告使用的是国办公开办函〔2019〕60号（2019、2020年度报告）",
        ),
        (
            "2021",
            2020,
            "2020年度报告应使用国办公开办函〔2019〕60号（2019、2020年度报告），本报告使用的是国办公开办函〔2021〕30号（2021年度起）",
        ),
        (
            "pre2019",
            2019,
            "2019年度报告应使用国办公开办函〔2019〕60号（2019、2020年度报告），本报告使用的是2007年《条例》时期的报告格式",
        ),
    ],
)
def test_f6_format_outdated_or_early_for_the_year(fmt, year, expected):
    report = sample(fmt if fmt != "pre2019" else "2021", year)
    report.format = fmt
    assert of("F6", report) == [("warning", ("format", "year"), expected)]


def test_f6_silent_when_format_fits():
    assert expected_format(2020).format == "2019"
    assert of("F6", sample("2019", 2020)) == [] and of("F6", sample()) == []


def test_f7_signed_before_the_year_ended():
    report = sample()
    report.published_on = dt.date(2023, 1, 29)
    assert of("F7", report) == [
        ("error", ("published_on", "year"), "落款日期2023年1月29日早于2023年度结束，应在2024年1月1日之后")
    ]


def test_f8_department_late_after_31_january():
    report = sample()
    report.published_on = dt.date(2024, 2, 1)
    assert of("F8", report) == [
        (
            "error",
            ("published_on",),
            "落款日期2024年2月1日晚于部门年度报告的公布期限2024年1月31日（2019年《条例》第四十九条：部门1月31日前，本级政府年度报告3月31日前）",
        )
    ]
    report.published_on = dt.date(2024, 1, 31)
    assert of("F8", report) == []


def test_f8_government_report_due_31_march_but_not_its_office():
    report = sample()
    report.published_on = dt.date(2024, 3, 31)
    report.agency = "某某市人民政府"
    assert of("F8", report) == []
    report.agency = "某某市人民政府办公室"
    assert len(of("F8", report)) == 1
    assert is_government_report("某某县人民政府") and is_government_report("某某镇人民政府")
    assert is_government_report("青云谱区")  # a report named after the region is the government's
    assert not is_government_report("青云谱区政务服务数据管理局")
    assert not is_government_report("某某市人民政府办公厅")


def test_f8_deadline_is_dated_data_2007_rules_before_2019():
    assert deadline_rule(2018).department == (3, 31)
    assert deadline_rule(2019).department == (1, 31)
    report = sample(year=2018)
    report.format = "pre2019"
    report.published_on = dt.date(2019, 3, 1)
    assert of("F8", report) == []


def test_f9_date_in_the_future():
    report = sample()
    report.published_on = dt.date(2024, 7, 1)
    assert of("F9", report) == [("error", ("published_on",), "落款日期2024年7月1日晚于今天（2024年6月1日）")]


def test_f2_section_present_as_its_table_is_not_missing():
    report = sample()
    report.sections.applications = None  # no sentence beside table 3, but table 3 was read
    report.problems.append(Problem("sections.applications", "缺少“三、收到和处理政府信息公开申请情况”部分"))
    assert of("F2", report) == [] and of("READ", report) == []
    for path, _ in list(report.cells()):
        if path.startswith("applications."):
            report.set(path, None)
    assert of("F2", report) == [
        ("warning", ("sections.applications",), "未找到以下部分：三、收到和处理政府信息公开申请情况")
    ]
    assert of("READ", report) == []  # said once, by F2


@pytest.mark.parametrize(
    ("period", "finding"),
    [
        ("本年度报告中所列数据统计期限为2023年1月1日至12月31日。", False),
        ("本报告统计数据从2023年1月1日至2023年12月31日止。", False),
        ("本报告中所列数据的统计时限自2022年1月1日至12月31日。", True),
        ("本报告统计期限为2023年6月1日至2023年12月31日。", False),  # an organ set up mid-year
        ("本报告统计期限为2023年1月1日至2024年1月31日。", True),
    ],
)
def test_f5_period_wordings(period, finding):
    report = sample()
    report.sections.overview = period
    assert [f[0] for f in of("F5", report)] == (["error"] if finding else [])


def test_f10_date_missing_replaces_the_readers_note():
    report = sample()
    report.published_on = None
    report.problems.append(Problem("published_on", "未找到成文日期（落款日期）"))
    assert of("F10", report) == [
        ("warning", ("published_on",), "报告未写明落款（成文）日期，无法核对是否按期公布")
    ]
    assert of("READ", report) == []
