"""HTML as government sites publish it → text in the reader's contract (and into a report when merged)."""

from pathlib import Path

import pytest

from gongkai.annualreport.readers import read
from gongkai.annualreport.readers.html import decode, to_text

PAGE = Path(__file__).parents[1] / "fixtures" / "html" / "gov-page-gb2312.html"

# Table 3 of the page, typed from the page's markup: label(s) then 自然人…其他, 总计.
TABLE3 = [
    ["一、本年新收政府信息公开申请数量", "21", "3", "0", "1", "2", "0", "27"],
    ["二、上年结转政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2"],
    ["三、本年度办理结果", "（一）予以公开", "9", "1", "0", "0", "1", "0", "11"],
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "2", "0", "0", "0", "0", "0", "2"],
    ["（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
    ["2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"],
    ["3.危及“三安全一稳定”", "0", "0", "0", "0", "0", "0", "0"],
    ["4.保护第三方合法权益", "1", "1", "0", "0", "0", "0", "2"],
    ["5.属于三类内部事务信息", "0", "0", "0", "0", "0", "0", "0"],
    ["6.属于四类过程性信息", "1", "0", "0", "0", "0", "0", "1"],
    ["7.属于行政执法案卷", "0", "0", "0", "0", "0", "0", "0"],
    ["8.属于行政查询事项", "0", "0", "0", "0", "0", "0", "0"],
    ["（四）无法提供", "1.本机关不掌握相关政府信息", "5", "1", "0", "1", "1", "0", "8"],
    ["2.没有现成信息需要另行制作", "0", "0", "0", "0", "0", "0", "0"],
    ["3.补正后申请内容仍不明确", "1", "0", "0", "0", "0", "0", "1"],
    ["（五）不予处理", "1.信访举报投诉类申请", "1", "0", "0", "0", "0", "0", "1"],
    ["2.重复申请", "0", "0", "0", "0", "0", "0", "0"],
    ["3.要求提供公开出版物", "0", "0", "0", "0", "0", "0", "0"],
    ["4.无正当理由大量反复申请", "0", "0", "0", "0", "0", "0", "0"],
    ["5.要求行政机关确认或重新出具已获取信息", "0", "0", "0", "0", "0", "0", "0"],
    [
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
    ],
    [
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "0",
        "0",
        "",
        "0",
        "0",
        "0",
        "0",
    ],
    ["3.其他", "0", "0", "0", "0", "0", "0", "0"],
    ["（七）总计", "20", "2", "0", "1", "2", "0", "25"],
    ["四、结转下年度继续办理", "3", "1", "0", "0", "0", "0", "4"],
]
TABLE2 = [
    ["规 章", "0", "0", "0"],
    ["行政规范性文件", "2", "1", "15"],
    ["行政许可", "2038"],
    ["行政处罚", "156"],
    ["行政强制", "12"],
    ["行政事业性收费", ""],
]
TABLE4_VALUES = ["1", "1", "0", "0", "2", "0", "0", "0", "1", "1", "0", "", "0", "0", "0"]


def _lines():
    return to_text(PAGE.read_bytes()).splitlines()


def test_gb2312_page_is_decoded_from_its_meta_charset():
    data = PAGE.read_bytes()
    assert b"charset=gb2312" in data
    assert "九江市濂溪区自然资源局" in decode(data)


def test_every_row_of_table_3_is_one_line_with_spans_once_and_no_placeholders():
    lines = _lines()
    start = lines.index("\t".join(TABLE3[0]))
    assert [line.split("\t") for line in lines[start : start + len(TABLE3)]] == TABLE3


def test_table_3_header_rows_follow_the_spans():
    lines = _lines()
    i = lines.index("三、收到和处理政府信息公开申请情况")
    assert lines[i + 1].split("\t") == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
    ]
    assert lines[i + 2].split("\t") == ["自然人", "法人或其他组织", "总计"]  # 自<br>然<br>人 joined
    assert lines[i + 3].split("\t") == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_table_2_rows_with_colspans_nbsp_and_nested_font_tags():
    rows = [line.split("\t") for line in _lines()]
    for expected in TABLE2:
        assert expected in rows


def test_table_4_two_level_header_and_values_with_a_blank_cell():
    lines = _lines()
    i = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    assert lines[i + 1].split("\t") == ["行政复议", "行政诉讼"]
    assert lines[i + 2].split("\t") == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert lines[i + 3].split("\t") == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert lines[i + 4].split("\t") == TABLE4_VALUES


def test_paragraphs_are_lines_and_page_furniture_is_dropped():
    lines = _lines()
    text = "\n".join(lines)
    assert (
        "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息215条，受理依申请公开27件。"
        in lines
    )
    assert "在政府信息公开专栏发布规划计划、自然资源确权登记等信息。" in lines  # <br> ends a line
    assert "全年召开新闻发布会2场。" in lines
    assert "隐藏的编辑备注" not in text  # display:none
    assert "document.write" not in text and "_hmt" not in text  # scripts
    assert "互动交流" not in text  # <nav>
    assert (
        "当前位置" not in text and "打印本页" not in text and "ICP备" not in text
    )  # breadcrumb, share, footer
    assert "濂溪区人民政府</title>" not in text and lines.count("一、总体情况") == 1  # <head> and script text
    assert lines[-2:] == ["九江市濂溪区自然资源局", "2024年1月26日"]


def test_nested_layout_table_does_not_swallow_the_article():
    html = (
        "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>"
    )
    assert to_text(html) == "一、总体情况\n规章\t1\n"


def test_empty_input_gives_no_lines():
    assert to_text(b"") == ""
    assert to_text(b"<html><body><script>x()</script></body></html>") == ""


def test_gov_page_reads_into_every_cell():
    report = read(PAGE.read_bytes())
    assert report.agency == "九江市濂溪区自然资源局"
    assert report.year == 2023
    assert str(report.published_on) == "2024-01-26"
    assert report.title == "九江市濂溪区自然资源局2023年政府信息公开工作年度报告"
    assert report.problems == []
    assert report.sections.other_matters == "本年度未收取信息处理费。"
    a = report.applications
    nonzero = {
        "new": [21, 3, 0, 1, 2, 0, 27],
        "carried_over": [2, 0, 0, 0, 0, 0, 2],
        "results.granted": [9, 1, 0, 0, 1, 0, 11],
        "results.partially_granted": [2, 0, 0, 0, 0, 0, 2],
        "results.denied.third_party_rights": [1, 1, 0, 0, 0, 0, 2],
        "results.denied.process_information": [1, 0, 0, 0, 0, 0, 1],
        "results.unable.not_held": [5, 1, 0, 1, 1, 0, 8],
        "results.unable.still_unclear": [1, 0, 0, 0, 0, 0, 1],
        "results.not_handled.petition_complaint": [1, 0, 0, 0, 0, 0, 1],
        "results.other.no_correction": [1, 0, 0, 0, 0, 0, 1],
        "results.other.fee_unpaid": [0, 0, None, 0, 0, 0, 0],
        "results.total": [20, 2, 0, 1, 2, 0, 25],
        "carried_forward": [3, 1, 0, 0, 0, 0, 4],
    }
    rows = list(a.rows())
    assert len(rows) == 25
    for path, row in rows:  # every row of table 3; rows not listed above are all zeros on the page
        assert row.values() == nonzero.get(path, [0] * 7), path
    assert report.proactive.to_dict() == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 15},
        "licensing": {"decisions": 2038},
        "penalty": {"decisions": 156},
        "coercion": {"decisions": 12},
        "fees": {"amount_wan_yuan": None},
    }
    reviews = [value for path, value in report.cells() if path.startswith("reviews.")]
    assert reviews == [1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 0, None, 0, 0, 0]


WORD_EXPORT = Path(__file__).parents[1] / "fixtures" / "html" / "word-export-2019.html"


def test_word_saved_html_of_a_2019_format_report_reads_every_cell():
    """Word's "Save as HTML": o:p tags, mso styles, conditional comments, a spacer row, thead/tbody."""
    report = read(WORD_EXPORT)
    assert report.problems == []
    assert (report.format, report.agency, report.year) == ("2019", "萍乡市湘东区住房和城乡建设局", 2020)
    assert report.title == "萍乡市湘东区住房和城乡建设局2020年政府信息公开工作年度报告"
    assert str(report.published_on) == "2021-01-25"
    assert report.proactive is None
    p = report.proactive_2019.to_dict()
    assert p == {
        "rules": {"made": 0, "published": 0, "total": 0},
        "normative_documents": {"made": 1, "published": 1, "total": 6},
        "licensing": {"previous": 9, "change": -2, "decisions": 57},
        "other_services": {"previous": 3, "change": 0, "decisions": 12},
        "penalty": {"previous": 6, "change": 1, "decisions": 18},
        "coercion": {"previous": 0, "change": 0, "decisions": 0},
        "fees": {"previous": 2, "change": 0},
        "procurement": {"projects": 4, "amount_wan_yuan": None},
    }
    a = report.applications
    nonzero = {
        "new": [7, 2, 0, 0, 0, 1, 10],
        "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "results.granted": [4, 1, 0, 0, 0, 0, 5],
        "results.partially_granted": [1, 0, 0, 0, 0, 0, 1],
        "results.denied.third_party_rights": [0, 1, 0, 0, 0, 0, 1],
        "results.unable.not_held": [2, 0, 0, 0, 0, 1, 3],
        "results.other.other": [1, 0, 0, 0, 0, 0, 1],
        "results.total": [8, 2, 0, 0, 0, 1, 11],
    }
    assert len(list(a.rows())) == 23  # the 2019 format's single （六） row
    for path, row in a.rows():
        assert row.values() == nonzero.get(path, [0] * 7), path
    assert a.results.other.no_correction is None and a.results.other.fee_unpaid is None
    reviews = [v for _, v in report.cells() if _.startswith("reviews.")]
    assert reviews == [0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert report.sections.shortcomings == "主要问题是信息公开的及时性有待提高。"


def test_oversized_page_is_refused_before_parsing():
    import time

    from gongkai.annualreport.readers.extract import ExtractError
    from gongkai.annualreport.readers.html import MAX_HTML_BYTES

    huge = b"<html><body>" + b"<p>x</p>" * (MAX_HTML_BYTES // 8 + 1) + b"</body></html>"
    start = time.perf_counter()
    with pytest.raises(ExtractError, match=f"HTML页面超过 {MAX_HTML_BYTES // 2**20} MB"):
        to_text(huge)
    assert time.perf_counter() - start < 10  # refused before parsing; a generous bound against a hang


def test_deeply_nested_markup_is_bounded():
    page = ("<html><body>" + "<div>" * 50000 + "一、总体情况" + "</div>" * 50000 + "</body></html>").encode()
    assert to_text(page) in ("", "一、总体情况\n")  # libxml2 stops at its depth limit; never a crash


def test_article_wrapped_in_a_one_cell_table_keeps_its_paragraphs():
    html = (
        "<table width='100%'><tr><td class='content'><p>一、总体情况</p><p>第一段。</p>"
        "<p>第二段。</p></td></tr></table><table><tr><td>规章</td><td>1</td></tr></table>"
    )
    assert to_text(html).splitlines() == ["一、总体情况", "第一段。", "第二段。", "规章\t1"]
