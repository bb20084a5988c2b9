import lxml.html

from gongkai.annualreport.model import Report
from gongkai.annualreport.writers import write


def _page(report: Report):
    return lxml.html.document_fromstring(write(report, "html"))


def _cell(root, text: str):
    (cell,) = [c for c in root.iter("td", "th") if c.text_content() == text]
    return cell


def test_standalone_page_with_charset_language_and_inline_css():
    report = Report.blank("2021")
    report.title = "上饶市广信区教育体育局2023年政府信息公开工作年度报告"
    html = write(report, "html")
    root = lxml.html.document_fromstring(html)
    assert root.get("lang") == "zh-CN"
    assert root.find(".//meta").get("charset") == "utf-8"
    assert "border-collapse" in root.find(".//style").text
    assert root.find(".//link") is None and root.find(".//script") is None  # no outside resources
    assert root.find(".//h1").text_content() == report.title  # broken by <br> after the organ
    assert [h.text for h in root.iter("h2")][:3] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]


def test_table_3_spans_as_in_the_format():
    root = _page(Report.blank("2021"))
    assert _cell(root, "申请人情况").get("colspan") == "7"
    assert _cell(root, "法人或其他组织").get("colspan") == "5"
    assert _cell(root, "自然人").get("rowspan") == "2"
    assert _cell(root, "三、本年度办理结果").get("rowspan") == "22"
    assert _cell(root, "（三）不予公开").get("rowspan") == "8"
    assert _cell(root, "（四）无法提供").get("rowspan") == "3"
    assert _cell(root, "（五）不予处理").get("rowspan") == "5"
    assert _cell(root, "（六）其他处理").get("rowspan") == "3"
    assert _cell(root, "（一）予以公开").get("colspan") == "2"
    assert _cell(root, "一、本年新收政府信息公开申请数量").get("colspan") == "3"
    table3 = root.findall(".//table")[1]
    assert len(table3.findall(".//tr")) == 3 + 25


def test_table_4_two_level_header():
    root = _page(Report.blank("2021"))
    assert _cell(root, "行政复议").get("colspan") == "5"
    assert _cell(root, "行政诉讼").get("colspan") == "10"
    assert _cell(root, "未经复议直接起诉").get("colspan") == "5"
    assert _cell(root, "复议后起诉").get("colspan") == "5"
    table4 = root.findall(".//table")[2]
    first, second, third, values = table4.findall(".//tr")
    assert [c.get("rowspan") for c in second][:5] == ["2"] * 5
    assert len(third) == 10 and len(values) == 15


def test_blank_cell_is_empty_and_zero_is_zero():
    report = Report.blank("2021")
    report.applications.new.natural_person = 0
    report.applications.new.total = 7
    root = _page(report)
    row = _cell(root, "一、本年新收政府信息公开申请数量").getparent()
    assert [c.text_content() for c in row][1:] == ["0", "", "", "", "", "", "7"]


def test_2019_format_has_its_own_table_2_and_a_single_other_row():
    report = Report.blank("2019")
    report.proactive_2019.procurement.amount_wan_yuan = 12.5
    report.proactive_2019.fees.change = -2
    root = _page(report)
    texts = [c.text_content() for c in root.iter("td", "th")]
    assert "第二十条第（九）项" in texts and "本年新制作数量" in texts and "本年制发件数" not in texts
    assert _cell(root, "政府集中采购").getparent()[-1].text_content() == "12.5"
    assert _cell(root, "行政事业性收费").getparent()[2].text_content() == "-2"
    other = _cell(root, "（六）其他处理")
    assert other.get("colspan") == "2" and other.get("rowspan") is None
    assert "3.其他" not in texts
    assert _cell(root, "三、本年度办理结果").get("rowspan") == "20"


def test_pre2019_report_writes_text_and_says_tables_were_not_read():
    report = Report.blank("pre2019")
    report.sections.overview = "2017年，我局认真贯彻落实《政府信息公开条例》。"
    root = _page(report)
    assert root.find(".//table") is None
    assert "表格未按现行格式读取" in root.text_content()
    assert "2017年，我局认真贯彻落实《政府信息公开条例》。" in [p.text for p in root.iter("p")]


def test_text_is_escaped():
    report = Report.blank("2021")
    report.sections.overview = "<script>alert(1)</script> & 其他"
    html = write(report, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 其他" in html


def test_tables_are_accessible_and_scroll_on_a_phone():
    root = _page(Report.blank("2021"))
    tables = root.findall(".//table")
    assert [t.getparent().get("class") for t in tables] == ["table-scroll"] * 3
    assert [t.find("caption").text_content() for t in tables] == [
        "表二 主动公开政府信息情况",
        "表三 收到和处理政府信息公开申请情况",
        "表四 政府信息公开行政复议、行政诉讼情况",
    ]
    table3 = tables[1]
    assert len(table3.find("thead").findall("tr")) == 3  # repeated on each printed page
    assert (
        _cell(root, "申请人情况").get("scope") == "colgroup" and _cell(root, "自然人").get("scope") == "col"
    )
    assert (
        _cell(root, "三、本年度办理结果").tag == "th"
        and _cell(root, "三、本年度办理结果").get("scope") == "rowgroup"
    )
    assert _cell(root, "（一）予以公开").get("scope") == "row"


def test_a_report_without_title_names_organ_and_year_and_web_addresses_are_links():
    report = Report.blank("2021")
    report.agency, report.year = "高安市机关事务管理局", 2023
    report.sections.overview = "详见门户网站（http://www.gaoan.gov.cn/xxgk/1.html）专栏。"
    root = _page(report)
    assert root.find(".//title").text == "高安市机关事务管理局2023年政府信息公开工作年度报告"
    assert root.find(".//h1").text_content() == root.find(".//title").text
    assert "sr-only" in root.find(".//h1").get("class")
    (link,) = root.iter("a")
    assert (link.get("href"), link.text) == ("http://www.gaoan.gov.cn/xxgk/1.html",) * 2


def test_a_table_taller_than_a_page_prints_in_parts_with_header_and_merged_labels_again():
    report = Report.blank("2021")
    for path, _ in list(report.cells("applications")):
        report.set(path, 12_345_678)  # eight digits: three lines to a count cell, table 3 over two pages
    tables = _page(report).findall(".//table")
    parts = [t for t in tables if "表三" in t.find("caption").text_content()]
    assert [t.getparent().get("class") for t in parts] == ["table-scroll", "table-scroll continued"] + [
        "table-scroll continued"
    ] * (len(parts) - 2)
    for part in parts:
        assert [th.text_content() for th in part.find("thead").iter("th")][:2] == [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
        ]
    for part in parts[1:]:
        first = part.find("tbody").find("tr")
        assert first.find("th").text_content() == "三、本年度办理结果"
        assert int(first.find("th").get("rowspan")) == len(part.find("tbody").findall("tr")) - (
            1 if part is parts[-1] else 0
        )  # the last part ends with 四、结转下年度继续办理
    assert read_back_equal(report)


def read_back_equal(report: Report) -> bool:
    from gongkai.annualreport.readers import read

    return read(write(report, "html").encode()) == report
