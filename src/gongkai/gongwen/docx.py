"""公文 DOCX (GB/T 9704-2012) with python-docx: the page, real styles, zh-CN, fonts, footers, metadata.

Use::

    from gongkai.gongwen import docx as gw

    document = gw.new_document(title="…", subject="某某局", creator="某某局")
    gw.add_title(document, ["某某局", "2023年政府信息公开工作年度报告"])
    gw.add_paragraph(document, "一、总体情况", gw.HEADING1)
    gw.add_paragraph(document, "正文……")
    gw.add_signature(document, "某某局", "2024年1月20日")
    data: bytes = gw.to_bytes(document)

Styles (``styles.xml``, so Word's navigation pane, PDF bookmarks and text staff add all follow them):
``Normal`` is the 正文 (仿宋 三号, 两端对齐, first line 2 characters, exact line pitch for 22 lines, 28
characters to the line); ``公文标题``; ``一级标题`` (黑体, outline level 1); ``二级标题`` (楷体, level 2);
``落款``; ``表格`` (五号, single spacing: also the size of the cells' paragraph marks); ``页码``.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.gongwen.standard import (
    CHAR_SPACING_PT,
    FACES,
    PAGE,
    TABLE_FACE,
    TABLE_SIZE_PT,
    Face,
    signature_indents,
)

NORMAL = "Normal"  # 正文
TITLE = "公文标题"
HEADING1 = "一级标题"
HEADING2 = "二级标题"
SIGNATURE = "落款"
TABLE = "表格"
PAGE_NUMBER = "页码"
LANG = "zh-CN"
APPLICATION = "gongkai"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Child order of the WordprocessingML property elements (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28,
# §17.4.42, §17.4.60): Word refuses a file whose property children are out of order.
_ORDER = {
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden",
}


def child(parent, tag: str, **attrs: str):
    """The ``w:tag`` child of a property element, created in schema order if missing; ``attrs`` are set
    as ``w:`` attributes (``val="both"``)."""
    local = tag.removeprefix("w:")
    order = _ORDER[etree_local(parent)].split()
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        rank = order.index(local)
        for i, existing in enumerate(parent):
            name = etree_local(existing)
            if name in order and order.index(name) > rank:
                parent.insert(i, element)
                break
        else:
            parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def etree_local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _twips(pt: float) -> str:
    return str(round(pt * 20))


def _set_fonts(rpr, face: Face) -> None:
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face.name)
    fonts.set(qn("w:hint"), "eastAsia")  # ambiguous characters (“”, ——) are set as Chinese


def _set_lang(rpr) -> None:
    child(rpr, "w:lang", val=LANG, eastAsia=LANG, bidi="ar-SA")


def _style(document, name: str, face: Face, size_pt: float, *, base: str | None = NORMAL):
    styles = document.styles
    style = styles[name] if name == NORMAL else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != NORMAL:
        style.base_style = styles[base]
        style.next_paragraph_style = styles[NORMAL]
    style.quick_style = True
    style.font.size = Pt(size_pt)
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, face)
    return style


def _char_spacing(style, pt: float) -> None:
    """Character spacing (w:spacing in the run properties, in twentieths of a point)."""
    child(style.element.get_or_add_rPr(), "w:spacing", val=_twips(pt))


def _spacing(style, *, line_pt: float | None, before: float = 0, after: float = 0) -> None:
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)


def _ppr_flag(style, tag: str, value: str | None = None) -> None:
    child(style.element.get_or_add_pPr(), tag, **({} if value is None else {"val": value}))


def _indent_chars(style, first_line_chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), with the twips equivalent for old readers."""
    child(
        style.element.get_or_add_pPr(),
        "w:ind",
        firstLine=_twips(first_line_chars * FACES["body"].size_pt),
        firstLineChars=str(first_line_chars * 100),
    )


def _styles(document) -> None:
    pitch = PAGE.line_pitch_pt
    body = FACES["body"]
    normal = _style(document, NORMAL, body, body.size_pt, base=None)
    _spacing(normal, line_pt=pitch)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _char_spacing(normal, CHAR_SPACING_PT)  # 28 characters to the line
    normal.paragraph_format.widow_control = True
    # A paragraph is not split across pages: a text PDF exported from the file then reads back with the
    # paragraph whole (a reader cannot tell a page's last line from a paragraph's end).
    normal.paragraph_format.keep_together = True
    _indent_chars(normal, 2)
    _ppr_flag(normal, "w:autoSpaceDE", "0")  # no quarter-em between 汉字 and digits (also in the styles:
    _ppr_flag(normal, "w:autoSpaceDN", "0")  # LibreOffice does not take it from the document defaults)
    # w:overflowPunct="1" is Word's default (a line-end "，" may hang into the margin). LibreOffice 7.4 reads
    # the attribute inverted: with "1" it does not hang, and it must not, since with justified lines it
    # then drops the hanging "，" from the page. Written explicitly so both keep every mark.
    _ppr_flag(normal, "w:overflowPunct", "1")
    _set_lang(normal.element.get_or_add_rPr())

    title = _style(document, TITLE, FACES["title"], FACES["title"].size_pt)
    _spacing(title, line_pt=pitch * 1.2, after=pitch)  # 标题下空一行
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    _char_spacing(title, 0)
    title.paragraph_format.keep_with_next = True

    for name, face, level in ((HEADING1, FACES["heading1"], 0), (HEADING2, FACES["heading2"], 1)):
        heading = _style(document, name, face, face.size_pt)
        heading.paragraph_format.keep_with_next = True  # a heading never ends a page
        heading.paragraph_format.keep_together = True
        _ppr_flag(heading, "w:outlineLvl", str(level))

    sign = _style(document, SIGNATURE, body, body.size_pt)
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # at the indents signature_indents gives
    sign.paragraph_format.first_line_indent = Pt(0)
    sign.paragraph_format.keep_together = True

    table = _style(document, TABLE, TABLE_FACE, TABLE_SIZE_PT)
    _spacing(table, line_pt=None)
    table.paragraph_format.first_line_indent = Pt(0)
    table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.paragraph_format.keep_together = False
    _char_spacing(table, 0)
    _ppr_flag(table, "w:snapToGrid", "0")

    number = _style(document, PAGE_NUMBER, FACES["page_number"], FACES["page_number"].size_pt)
    _spacing(number, line_pt=FACES["page_number"].size_pt)
    number.paragraph_format.first_line_indent = Pt(0)
    _char_spacing(number, 0)


def _doc_defaults(document) -> None:
    """Document defaults: 仿宋 三号, zh-CN; no spacing after (python-docx's template has 10 pt, 1.15)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    body = FACES["body"]
    xml = (
        f'<w:docDefaults xmlns:w="{_W}"><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{body.name}" w:hAnsi="{body.name}" w:eastAsia="{body.name}" w:cs="{body.name}"'
        ' w:hint="eastAsia"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{round(body.size_pt * 2)}"/><w:szCs w:val="{round(body.size_pt * 2)}"/>'
        f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        # no extra space between 汉字 and digits/Latin (Word's and LibreOffice's default adds a quarter em,
        # which also puts spaces into the text of an exported PDF: "2023 年")
        '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    from docx.oxml import parse_xml

    styles.replace(defaults, parse_xml(xml))


def _settings(document) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    document.settings.odd_and_even_pages_header_footer = True  # GB/T 9704 §7.5: odd right, even left


def _part(document, partname: str):
    return next((p for p in document.part.package.iter_parts() if str(p.partname) == partname), None)


def _theme(document) -> None:
    """The theme's East Asian fonts: 宋体 for Simplified Chinese (the template's are empty/Japanese)."""
    part = _part(document, "/word/theme/theme1.xml")
    if part is None:
        return
    xml = part.blob.decode("utf-8")
    xml = xml.replace('<a:ea typeface=""/>', f'<a:ea typeface="{FACES["page_number"].name}"/>')
    part._blob = xml.encode("utf-8")


def font_table_xml() -> str:
    """A ``w:font`` entry for each face the document uses (ECMA-376 §17.8.3.10), with its alternate name
    (§17.8.3.1), GB2312 charset, family, pitch and panose, so that Word and WPS find a substitute."""
    entries = []
    faces = {f.name: f for f in FACES.values()}
    for face in faces.values():
        entries.append(
            f'<w:font w:name="{escape(face.name)}"><w:altName w:val="{escape(face.alt_names[0])}"/>'
            f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="86"/><w:family w:val="{face.family}"/>'
            f'<w:pitch w:val="{face.pitch}"/></w:font>'
        )
    entries.append(
        '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{_W}">' + "".join(entries) + "</w:fonts>"
    )


def _font_table(document) -> None:
    part = _part(document, "/word/fontTable.xml")
    if part is not None:
        part._blob = font_table_xml().encode("utf-8")


def _app_properties(document) -> None:
    part = _part(document, "/docProps/app.xml")
    if part is not None:
        part._blob = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
        ).encode()


def _drop_template_parts(document) -> None:
    """No stale template thumbnail (a blank 2013 image) and no Word 2010 stylesWithEffects copy."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rid]


def _page_field(paragraph) -> None:
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("1")
    field.append(run._element)  # the run moves inside the field: Word shows the page number there
    paragraph._p.append(field)
    paragraph.add_run(" —")


def _footers(document) -> None:
    """Page number "— 3 —", 宋体 四号, 7 mm below the type area; odd pages right, even pages left, 空一字."""
    section = document.sections[0]
    size = FACES["page_number"].size_pt
    # w:footer is the distance from the page's bottom edge to the bottom of the footer's line box.
    section.footer_distance = Mm(PAGE.bottom_mm - PAGE.page_number_gap_mm) - Pt(size)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[PAGE_NUMBER]
        paragraph.alignment = align
        indent = Pt(size)  # 空一字
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        _page_field(paragraph)


def _page(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
    section.top_margin, section.bottom_margin = Mm(PAGE.top_mm), Mm(PAGE.bottom_mm)
    section.left_margin, section.right_margin = Mm(PAGE.left_mm), Mm(PAGE.right_mm)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:linePitch"), _twips(PAGE.line_pitch_pt))  # documents the 22-line pitch; no snapping


def _core(
    document, *, title: str, subject: str, creator: str, keywords: str, identifier: str, created
) -> None:
    props = document.core_properties
    now = created or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = title
    props.subject = subject
    props.author = creator
    props.last_modified_by = creator
    props.created = props.modified = now
    props.comments = ""
    props.keywords = keywords
    props.identifier = identifier
    props.language = LANG
    props.revision = 1
    props.category = ""
    props.content_status = ""


def new_document(
    *,
    title: str = "",
    subject: str = "",
    creator: str = "",
    keywords: str = "",
    identifier: str = "",
    created: dt.datetime | None = None,
):
    """An empty 公文 document: page, styles, language, fonts, footers and honest metadata.

    ``creator`` is who issued the document (the organ), never the library; ``created``/``modified`` are
    now (UTC) unless given; Application is "gongkai"; no template thumbnail."""
    document = Document()
    _doc_defaults(document)
    _styles(document)
    _settings(document)
    _theme(document)
    _font_table(document)
    _app_properties(document)
    _drop_template_parts(document)
    _page(document)
    _footers(document)
    _core(
        document,
        title=title,
        subject=subject,
        creator=creator,
        keywords=keywords,
        identifier=identifier,
        created=created,
    )
    return document


def add_paragraph(document, text: str, style: str = NORMAL, *, keep_with_next: bool = False):
    paragraph = document.add_paragraph(style=document.styles[style])
    if text:
        paragraph.add_run(text)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_title(document, lines: list[str]):
    """The title, centred, broken only where ``lines`` break it (a line break, one paragraph)."""
    paragraph = document.add_paragraph(style=document.styles[TITLE])
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def add_signature(document, organ: str | None, date: str) -> None:
    """落款 after GB/T 9704 §7.3.5.3: one blank line under the text, 署名 右空二字, the date below it with
    its first character two characters right of the 署名's (``standard.signature_indents``)."""
    organ_indent, date_indent = signature_indents(organ, date)
    first = True
    for text, indent in ((organ, organ_indent), (date, date_indent)):
        if not text:
            continue
        paragraph = add_paragraph(document, text, SIGNATURE)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(indent)
        if first:
            fmt.space_before = Pt(PAGE.line_pitch_pt)  # 正文下空一行
            fmt.keep_with_next = True
            first = False


def add_page_break(document):
    """A page break between two tables (Word joins tables that touch): an empty paragraph that starts a
    new page, one point high, in the 表格 style."""
    paragraph = document.add_paragraph(style=document.styles[TABLE])
    fmt = paragraph.paragraph_format
    fmt.page_break_before = True
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    return paragraph


# --- tables --------------------------------------------------------------------------------------


def _tr_flag(row, tag: str) -> None:
    child(row._tr.get_or_add_trPr(), tag)


def rows_never_split(table) -> None:
    """No row breaks across pages (``w:cantSplit``): a wrapped label never leaves a row of blanks."""
    for row in table.rows:
        _tr_flag(row, "w:cantSplit")


def repeat_header_rows(table, count: int) -> None:
    """The first ``count`` rows repeat at the top of each page the table continues on (``w:tblHeader``)."""
    for row in table.rows[:count]:
        _tr_flag(row, "w:tblHeader")


def keep_together(table, *, until: int | None = None) -> None:
    """Keep rows on one page with the next (``w:keepNext`` on their paragraphs): the whole table when
    ``until`` is None, else the rows before index ``until``. The last row is free, as Word wants."""
    rows = list(table.rows)
    last = len(rows) - 1 if until is None else until
    for row in rows[:last]:
        for tc in row._tr.tc_lst:
            for p in tc.iter(qn("w:p")):
                child(p.get_or_add_pPr(), "w:keepNext")


def cell_margins(table, *, left_mm: float, right_mm: float, top_mm: float = 0, bottom_mm: float = 0) -> None:
    margins = child(table._tbl.tblPr, "w:tblCellMar")
    for side, value in (("top", top_mm), ("left", left_mm), ("bottom", bottom_mm), ("right", right_mm)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(value / 25.4 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def table_paragraphs(table, document) -> None:
    """Every paragraph in the table (also the empty ones left in merged cells) in the 表格 style, so a
    blank cell's paragraph mark is 五号 and does not make its row taller."""
    style_id = document.styles[TABLE].style_id
    for p in table._tbl.iter(qn("w:p")):
        ppr = p.get_or_add_pPr()
        ppr.style = style_id


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
