"""One 公文 letter, two files: DOCX and PDF, laid out through the shared 公文 standard `gongkai.gongwen`
(GB/T 9704-2012: the page, type area, faces with their Noto CJK stand-ins, line grid, page numbers and
the 落款 rule are its data, the same the annual-report writers use).

What a letter adds to the standard's page is its 版头 (GB/T 9704 §7.2): the 发文机关标志 centred in red in
the title face, the 文号 centred below it, and the red 分隔线 across the type area; then the title
(`standard.title_lines`), the addressee 顶格, the body (正文 style), and the 落款 and date
(`standard.signature_indents`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape

from gongkai.gongwen import docx as gw
from gongkai.gongwen.html import page, signature_html, stack
from gongkai.gongwen.pdf import html_to_pdf
from gongkai.gongwen.standard import PAGE, title_lines

RED_HEX = "C00000"  # 发文机关标志 and 分隔线 (GB/T 9704 §7.2.2, §7.2.5: 红色)
ISSUER_SIZE_PT = 26.0  # the 发文机关标志 is set smaller than the 22 mm mark (§7.2.2 leaves the size open)
RULE_PT = 2.0  # the red 分隔线 under the 文号
# WeasyPrint logs every layout step at INFO; only its warnings matter here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Letter:
    issuer: str  # 发文机关标志, e.g. 高安市机关事务管理局
    number: str  # 文号
    title: str
    addressee: str  # 主送, e.g. 张三：
    paragraphs: tuple[str, ...]
    signature: str  # 落款
    date_text: str  # 2026年3月2日


def render_docx(letter: Letter) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = gw.new_document(
        title=letter.title, subject=letter.issuer, creator=letter.issuer, identifier=letter.number
    )
    issuer = gw.add_paragraph(document, "", gw.TITLE)
    run = issuer.add_run(letter.issuer)
    run.font.size = Pt(ISSUER_SIZE_PT)
    run.font.color.rgb = RGBColor.from_string(RED_HEX)
    issuer.paragraph_format.space_after = Pt(0)
    number = gw.add_paragraph(document, letter.number)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _flush(number)
    # 分隔线: a red bottom border on the 文号's paragraph, across the type area (w:pBdr in schema order).
    borders = gw.child(number._p.get_or_add_pPr(), "w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(int(RULE_PT * 8))), ("space", "8"), ("color", RED_HEX)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    gw.add_paragraph(document, "")
    gw.add_title(document, _title_lines(letter))
    if letter.addressee:
        _flush(gw.add_paragraph(document, letter.addressee))  # 主送 顶格
    for text in letter.paragraphs:
        gw.add_paragraph(document, text)
    gw.add_signature(document, letter.signature, letter.date_text)
    return gw.to_bytes(document)


def _flush(paragraph) -> None:
    """No first-line indent: the 正文 style indents two characters (w:firstLineChars), so both are reset."""
    gw.child(paragraph._p.get_or_add_pPr(), "w:ind", firstLine="0", firstLineChars="0")


def _title_lines(letter: Letter) -> list[str]:
    return title_lines(letter.title, letter.issuer)


def letter_html(letter: Letter) -> str:
    """The letter as the standard's page (screen and print CSS), with the 版头 on top."""
    head = (
        f'<p class="issuer" style="text-indent: 0; text-align: center; color: #{RED_HEX}; '
        f"font-family: {escape(stack('title'))}; font-size: {ISSUER_SIZE_PT}pt; "
        f'line-height: {PAGE.line_pitch_pt * 1.3:.2f}pt">{escape(letter.issuer)}</p>'
        f'<p class="note">{escape(letter.number)}</p>'
        f'<hr style="border: 0; border-top: {RULE_PT}pt solid #{RED_HEX}; '
        f'margin: 4pt 0 {PAGE.line_pitch_pt}pt">'
    )
    heading = "<br>".join(escape(line) for line in _title_lines(letter))
    addressee = f'<p style="text-indent: 0">{escape(letter.addressee)}</p>' if letter.addressee else ""
    body = "".join(f"<p>{escape(text)}</p>" for text in letter.paragraphs)
    sign = "".join(signature_html(letter.signature, letter.date_text))
    return page(
        title=letter.title,
        body=f"{head}<h1>{heading}</h1>{addressee}{body}{sign}",
        metas={"author": letter.issuer, "description": letter.number, "generator": "gongkai"},
    )


def render_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter))
