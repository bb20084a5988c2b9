"""The casework letters are laid out through the shared 公文 standard (`gongkai.gongwen`): its page, styles
and 落款 rule in the DOCX, its page CSS in the PDF, with the letter's red 版头 on top."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from gongkai.applications.documents.render import RED_HEX, Letter, render_docx, render_pdf
from gongkai.gongwen.standard import PAGE, signature_indents

LETTER = Letter(
    issuer="高安市机关事务管理局",
    number="高机管依申答〔2026〕1号",
    title="政府信息公开申请答复书",
    addressee="张三：",
    paragraphs=(
        "您于2026年9月24日提出的政府信息公开申请收悉。",
        "如对本答复不服，可以在60日内申请行政复议。",
    ),
    signature="高安市机关事务管理局",
    date_text="2026年10月9日",
)


def test_docx_uses_the_standard_page_styles_and_signature_rule():
    document = Document(io.BytesIO(render_docx(LETTER)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (PAGE.top_mm, PAGE.left_mm)
    rows = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert rows == [
        ("公文标题", LETTER.issuer),
        ("Normal", LETTER.number),
        ("公文标题", LETTER.title),
        ("Normal", LETTER.addressee),
        *[("Normal", text) for text in LETTER.paragraphs],
        ("落款", LETTER.signature),
        ("落款", LETTER.date_text),
    ]
    issuer = document.paragraphs[0]
    flush = [p for p in document.paragraphs if p.text in (LETTER.number, LETTER.addressee)]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [p._p.pPr.find(f"{w}ind").get(f"{w}firstLineChars") for p in flush] == ["0", "0"]
    assert document.paragraphs[1]._p.pPr.find(f"{w}pBdr/{w}bottom").get(f"{w}color") == RED_HEX
    assert str(issuer.runs[0].font.color.rgb) == RED_HEX
    signs = [p for p in document.paragraphs if p.style.name == "落款"]
    expected = signature_indents(LETTER.signature, LETTER.date_text)
    assert [round(p.paragraph_format.left_indent.pt, 1) for p in signs] == [
        round(Pt(x).pt, 1) for x in expected
    ]
    assert document.core_properties.title == LETTER.title
    assert document.core_properties.identifier == LETTER.number


def test_pdf_is_a4_with_the_standard_faces_and_the_letter_in_order():
    reader = PdfReader(io.BytesIO(render_pdf(LETTER)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")
    order = [
        LETTER.issuer,
        LETTER.number,
        LETTER.title,
        LETTER.addressee,
        *LETTER.paragraphs,
        LETTER.date_text,
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    # the standard's @font-face roles (公文 font, else its Noto CJK stand-in): title and body stay distinct
    assert {name.split("+", 1)[1] for name in fonts} >= {"GW-正文", "GW-标题-Bold"}, fonts
    assert "—1—" in text  # the standard's page number between 一字线
