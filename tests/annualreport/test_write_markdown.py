import datetime

from gongkai.annualreport.model import Report
from gongkai.annualreport.writers import write


def _report() -> Report:
    report = Report.blank("2021")
    report.title = "高安市机关事务管理局2023年政府信息公开工作年度报告"
    report.agency = "高安市机关事务管理局"
    report.published_on = datetime.date(2024, 1, 20)
    report.sections.overview = "第一段。\n第二段。"
    report.applications.results.denied.state_secret.natural_person = 3
    report.reviews.reconsideration.upheld = 1
    report.proactive.fees.amount_wan_yuan = 0.35
    return report


def test_title_and_section_headings():
    lines = write(_report(), "md").splitlines()
    assert lines[:3] == ["---", "机关: 高安市机关事务管理局", "---"]  # front matter: metadata, not text
    assert lines[4] == "# 高安市机关事务管理局2023年政府信息公开工作年度报告"
    assert "## 一、总体情况" in lines and "## 四、政府信息公开行政复议、行政诉讼情况" in lines
    assert "## 五、存在的主要问题及改进情况" not in lines  # missing section stays missing
    assert lines[lines.index("## 一、总体情况") + 2] == "第一段。"
    assert lines[-3:] == ["高安市机关事务管理局", "", "2024年1月20日"]  # the signature


def test_pipe_tables_keep_rows_columns_and_blank_cells():
    lines = write(_report(), "md").splitlines()
    assert "| （三）不予公开 1.属于国家秘密 | 3 |  |  |  |  |  |  |" in lines
    assert "| 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |" in lines
    assert "| 行政事业性收费 | 0.35 |" in lines
    header = next(line for line in lines if line.startswith("| 行政复议·结果维持"))
    assert header.count("|") == 16
    values = lines[lines.index(header) + 2]
    assert values == "| 1 |" + "  |" * 14


def test_2019_table_2_blocks():
    report = Report.blank("2019")
    report.proactive_2019.other_services.change = -3
    text = write(report, "md")
    assert "**第二十条第（九）项**" in text
    assert "| 其他对外管理服务事项 |  | -3 |  |" in text
    assert "| （六）其他处理 |  |  |  |  |  |  |  |" in text


def test_amounts_print_positionally_and_blank_is_empty():
    from gongkai.annualreport.writers.layout import format_value

    assert [format_value(v) for v in (None, 0, 12, 0.35, 2.0, 1e-05, 1234567.5)] == [
        "",
        "0",
        "12",
        "0.35",
        "2",
        "0.00001",
        "1234567.5",
    ]
