"""One 公文 page, two files: DOCX (python-docx) and PDF (WeasyPrint with Debian's fonts-noto-cjk).

Layout after GB/T 9704-2012 in outline: A4; the 发文机关标志 in red, centred; the 文号 below it and a red
rule; the title centred; the addressee; the body; the 落款 (organ) and the date at the right. Kept small and
behind `render_docx` / `render_pdf` so the shared page standard (documents-standard) can replace it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from html import escape

RED = (0xC0, 0x00, 0x00)
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
# WeasyPrint logs every layout step at INFO; only its warnings matter here.
for _name in ("weasyprint", "weasyprint.progress", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


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
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def para(text, size=16, bold=False, align=None, color=None, font=SERIF, indent=False, space_after=0):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        fmt = p.paragraph_format
        fmt.space_after = Pt(space_after)
        fmt.line_spacing = Pt(28)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = font
        run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        if color:
            run.font.color.rgb = RGBColor(*color)
        return p

    para(letter.issuer, 26, True, WD_ALIGN_PARAGRAPH.CENTER, RED, space_after=12)
    para(letter.number, 16, False, WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    para("—" * 22, 12, False, WD_ALIGN_PARAGRAPH.CENTER, RED, space_after=12)
    para(letter.title, 22, True, WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    if letter.addressee:
        para(letter.addressee)
    for text in letter.paragraphs:
        para(text, indent=True)
    para("", space_after=12)
    para(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.core_properties.title = letter.title
    doc.save(out)
    return out.getvalue()


PAGE_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: "{SERIF}"; font-size: 14pt; }} }}
body {{ font-family: "{SERIF}", serif; font-size: 16pt; line-height: 28pt; color: #000; }}
.issuer {{ color: #c00000; font-size: 26pt; font-weight: bold; text-align: center; letter-spacing: 2pt;
  margin: 0 0 12pt; line-height: 36pt; }}
.number {{ text-align: center; margin: 0; }}
.rule {{ border: 0; border-top: 2pt solid #c00000; margin: 4pt 0 20pt; }}
h1 {{ font-size: 22pt; text-align: center; font-weight: bold; line-height: 32pt; margin: 0 0 16pt; }}
p {{ margin: 0; }}
p.body {{ text-indent: 2em; text-align: justify; }}
.sign {{ text-align: right; margin-top: 28pt; }}
"""


def letter_html(letter: Letter) -> str:
    body = "".join(f'<p class="body">{escape(text)}</p>' for text in letter.paragraphs)
    addressee = f"<p>{escape(letter.addressee)}</p>" if letter.addressee else ""
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(letter.title)}</title>'
        f"<style>{PAGE_CSS}</style></head><body>"
        f'<p class="issuer">{escape(letter.issuer)}</p><p class="number">{escape(letter.number)}</p>'
        f'<hr class="rule"><h1>{escape(letter.title)}</h1>{addressee}{body}'
        f'<div class="sign"><p>{escape(letter.signature)}</p><p>{escape(letter.date_text)}</p></div>'
        "</body></html>"
    )


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()
