"""The 公文 document standard (gongkai.gongwen): parameters, DOCX setup and metadata, as files say them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from gongkai.gongwen import docx as gw
from gongkai.gongwen import html as gwhtml
from gongkai.gongwen.standard import PAGE, signature_indents, title_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def _sample() -> bytes:
    document = gw.new_document(title="测试", subject="某某局", creator="某某局", keywords="gongkai")
    gw.add_title(document, ["某某局", "2023年政府信息公开工作年度报告"])
    gw.add_paragraph(document, "一、总体情况", gw.HEADING1)
    gw.add_paragraph(document, "正文“引号”。")
    gw.add_signature(document, "某某局", "2024年1月20日")
    return gw.to_bytes(document)


def test_line_pitch_gives_22_lines_and_28_characters_fit_the_type_area():
    assert PAGE.type_width_mm == 156 and PAGE.type_height_mm == 225
    assert PAGE.line_pitch_pt == 28.95
    assert 22 * PAGE.line_pitch_pt <= 225 / 25.4 * 72 < 23 * PAGE.line_pitch_pt
    assert 28 * (16 - 0.25) <= 156 / 25.4 * 72 < 29 * (16 - 0.25)


def test_title_breaks_after_the_organ_or_before_the_year_never_inside_a_word():
    organ = "宜春市袁州区人力资源和社会保障局"
    assert title_lines(f"{organ}2023年政府信息公开工作年度报告", organ) == [
        organ,
        "2023年政府信息公开工作年度报告",
    ]
    assert title_lines("高安市人民政府办公室2022年政府信息公开工作年度报告") == [
        "高安市人民政府办公室",
        "2022年政府信息公开工作年度报告",
    ]
    assert title_lines("2023年政府信息公开工作年度报告") == ["2023年政府信息公开工作年度报告"]
    # an organ's name longer than a line breaks after its leading part that is an organ itself
    long = "景德镇市昌江区人力资源和社会保障局劳动保障监察综合执法大队"
    assert title_lines(f"{long}2022年政府信息公开工作年度报告", long) == [
        "景德镇市昌江区人力资源和社会保障局",
        "劳动保障监察综合执法大队",
        "2022年政府信息公开工作年度报告",
    ]


def test_signature_indents_follow_gbt9704_7_3_5_3():
    width = 156 / 25.4 * 72
    organ, date = "高安市机关事务管理局", "2023年1月29日"
    organ_left, date_left = signature_indents(organ, date)
    assert round(width - (organ_left + len(organ) * 15.75), 2) == 32  # 署名右空二字
    assert date_left - organ_left == 32  # the date's first character two characters further right
    # a date longer than the organ: the date is 右空二字, the organ keeps the offset to its left
    organ_left, date_left = signature_indents("某局", "2024年12月31日")
    assert date_left - organ_left == 32 and date_left + 7 * 15.75 + 6 * 0.55 * 16 - 6 * 16 < width - 32 + 1
    # a name longer than the line starts at the left margin (and wraps), never outside the type area
    assert signature_indents(
        "宜春市袁州区人力资源和社会保障局劳动保障监察综合行政执法大队", "2024年1月2日"
    ) == (0, 32)


def test_docx_is_tagged_zh_cn_with_a_font_table_entry_for_every_face():
    data = _sample()
    styles = _xml(data, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults//{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("zh-CN", "zh-CN")
    theme_lang = _xml(data, "word/settings.xml").find(f"{W}themeFontLang")
    assert theme_lang.get(f"{W}eastAsia") == "zh-CN"
    theme = zipfile.ZipFile(io.BytesIO(data)).read("word/theme/theme1.xml").decode()
    assert '<a:ea typeface="宋体"/>' in theme and '<a:ea typeface=""/>' not in theme
    fonts = {f.get(f"{W}name"): f for f in _xml(data, "word/fontTable.xml")}
    for name, alt in (("方正小标宋简体", "FZXiaoBiaoSong-B05S"), ("仿宋_GB2312", "仿宋"), ("黑体", "SimHei")):
        assert fonts[name].find(f"{W}altName").get(f"{W}val") == alt
        assert fonts[name].find(f"{W}charset").get(f"{W}val") == "86"
    assert "楷体_GB2312" in fonts and "宋体" in fonts and "ＭＳ 明朝" not in fonts


def test_docx_styles_have_outline_levels_and_the_gongwen_spacing():
    styles = {s.get(f"{W}styleId"): s for s in _xml(_sample(), "word/styles.xml").iter(f"{W}style")}
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.values()}
    assert by_name["一级标题"].find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert by_name["二级标题"].find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "1"
    normal = by_name["Normal"]
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule"), spacing.get(f"{W}after")) == (
        "579",
        "exact",
        "0",
    )
    assert normal.find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
    assert normal.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert normal.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"
    table = by_name["表格"]
    assert table.find(f"{W}rPr/{W}sz").get(f"{W}val") == "21"  # 五号 paragraph marks in cells
    title = by_name["公文标题"].find(f"{W}pPr/{W}spacing")
    assert title.get(f"{W}after") == "579"  # 标题下空一行


def test_docx_metadata_is_honest_and_has_no_template_thumbnail():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = _sample()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names
    import docx

    props = docx.Document(io.BytesIO(data)).core_properties
    assert (props.author, props.last_modified_by, props.comments, props.language) == (
        "某某局",
        "某某局",
        "",
        "zh-CN",
    )
    assert props.created >= before and props.modified == props.created
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>gongkai</Application>" in app and "Template" not in app and "Macintosh" not in app


def test_page_numbers_odd_right_even_left_7mm_under_the_type_area():
    import docx

    document = docx.Document(io.BytesIO(_sample()))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert (
        section.footer.paragraphs[0].alignment == 2 and section.even_page_footer.paragraphs[0].alignment == 0
    )
    top_of_number_mm = section.footer_distance.mm + 14 / 72 * 25.4
    assert round(PAGE.bottom_mm - top_of_number_mm, 1) == 7.0


def test_html_font_faces_try_the_gongwen_font_first_and_a_distinct_stand_in_last():
    css = gwhtml.css()
    assert '@font-face { font-family: "GW 标题"; src: local("方正小标宋简体")' in css
    assert 'local("Noto Serif CJK SC Bold")' in css and 'local("Noto Sans CJK SC Bold")' in css
    assert gwhtml.stack("body").startswith('"GW 正文", "仿宋_GB2312"') and gwhtml.stack("body").endswith(
        "serif"
    )
