import datetime
from decimal import Decimal

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.writers import write


def _report() -> Report:
    report = Report.blank("2021")
    report.title = "高安市机关事务管理局2023年政府信息公开工作年度报告"
    report.agency = "高安市机关事务管理局"
    report.published_on = datetime.date(2024, 1, 20)
    report.sections.overview = "第一段。\n第二段。"
    report.applications.results.denied.state_secret.natural_person = 3
    report.reviews.reconsideration.upheld = 1
    report.proactive.fees.amount_wan_yuan = Decimal("0.35")  # amounts are Decimal, as the reader returns them
    return report


def test_title_and_section_headings():
    lines = write(_report(), "md").splitlines()
    assert lines[0] == "<!-- 机关: 高安市机关事务管理局 -->"  # metadata, not text, and not shown
    assert lines[2] == "# 高安市机关事务管理局2023年政府信息公开工作年度报告"
    assert "## 一、总体情况" in lines and "## 四、政府信息公开行政复议、行政诉讼情况" in lines
    assert "## 五、存在的主要问题及改进情况" not in lines  # missing section stays missing
    assert lines[lines.index("## 一、总体情况") + 2] == "第一段。"
    assert lines[-3:] == ["高安市机关事务管理局", "", "2024年1月20日"]  # the signature


def test_pipe_tables_keep_rows_columns_and_blank_cells():
    lines = write(_report(), "md").splitlines()
    assert "| （三）不予公开 1.属于国家秘密 | 3 |  |  |  |  |  |  |" in lines
    assert (
        "| （三）不予公开 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |" in lines
    )  # sub-rows name the group
    assert "| （六）其他处理 3.其他 |  |  |  |  |  |  |  |" in lines
    assert "| 三、本年度办理结果 （一）予以公开 |  |  |  |  |  |  |  |" in lines  # no row of blanks for 三、
    assert lines[lines.index("| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  |") - 2].startswith(
        "| （本列数据的勾稽关系为"
    )  # the corner note heads the label column, not 申请人情况
    assert "| 行政事业性收费 | 0.35 |" in lines
    # table 4: one row per group under the five result columns (readable, unlike 15 composite headers)
    header = lines.index("| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |")
    assert lines[header + 2 : header + 5] == [
        "| 行政复议 | 1 |  |  |  |  |",
        "| 行政诉讼·未经复议直接起诉 |  |  |  |  |  |",
        "| 行政诉讼·复议后起诉 |  |  |  |  |  |",
    ]
    assert dict(read("\n".join(lines)).cells()) == dict(_report().cells())


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
