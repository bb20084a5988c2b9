"""公文 HTML: one CSS for the screen (phones included) and for print/PDF, laid out like the DOCX.

Classes the CSS knows: ``h1`` title (``<br>`` where ``standard.title_lines`` breaks it), ``h2`` 一级标题,
``h3`` 二级标题, ``p`` 正文, ``p.note`` centred note, ``p.sign`` 落款 lines (right indent inline, from
``standard.signature_indents``), ``div.table-scroll`` around each table (scrolls sideways on a phone),
``table.gw`` with ``thead``/``th scope``, ``td.label``/``td.value``, ``.sr-only`` (screen readers only,
hidden in print).

Fonts: each role is an ``@font-face`` family ("GW 正文" …) whose ``src`` tries the 公文 font, its other
names, then the free stand-in (Noto CJK SC) by ``local()``, so the title, headings and body keep distinct
faces where the commercial fonts are missing; the stacks end in the generic family and the page is
``lang="zh-CN"`` (Simplified glyph forms).
"""

from __future__ import annotations

from html import escape

from gongkai.gongwen.standard import (
    CHAR_SPACING_PT,
    FACES,
    PAGE,
    TABLE_SIZE_PT,
    Face,
)

ROLE_FAMILIES = {
    "title": "GW 标题",
    "body": "GW 正文",
    "heading1": "GW 一级标题",
    "heading2": "GW 二级标题",
    "page_number": "GW 页码",
}


def _font_face(family: str, face: Face) -> str:
    names = [face.name, *face.alt_names, *face.stand_in]
    src = ", ".join(f'local("{n}")' for n in names)
    return f'@font-face {{ font-family: "{family}"; src: {src}; }}'


def stack(role: str) -> str:
    """The CSS font-family list for a role: our @font-face family, the 公文 names, the stand-in, generic."""
    face = FACES[role]
    names = [ROLE_FAMILIES[role], face.name, *face.alt_names, face.stand_in[0]]
    return ", ".join(f'"{n}"' for n in names) + f", {face.generic}"


def css() -> str:
    """The stylesheet: screen first, then ``@media print`` and ``@page`` (A4, 公文 margins, page numbers
    7 mm below the type area, odd pages right and even pages left)."""
    pitch = PAGE.line_pitch_pt
    number = FACES["page_number"]
    faces = "\n".join(_font_face(ROLE_FAMILIES[r], FACES[r]) for r in ROLE_FAMILIES)
    page_number = (
        f'content: "— " counter(page) " —"; font-family: {stack("page_number")}; font-size: {number.size_pt}pt;'
        f" vertical-align: top; padding-top: {PAGE.page_number_gap_mm}mm; letter-spacing: 0; line-height: 1;"
    )
    return f"""
{faces}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ font-family: {stack("body")}; font-size: {FACES["body"].size_pt}pt; line-height: {pitch}pt;
  max-width: {PAGE.type_width_mm + 20}mm; margin: 1em auto; padding: 0 1em; color: #000;
  text-align: justify; }}
h1 {{ font-family: {stack("title")}; font-size: {FACES["title"].size_pt}pt; line-height: {pitch * 1.2:.2f}pt;
  text-align: center; font-weight: normal; margin: 0 0 {pitch}pt; }}
h2 {{ font-family: {stack("heading1")}; font-size: 1em; font-weight: normal; margin: 0; text-indent: 2em; }}
h3 {{ font-family: {stack("heading2")}; font-size: 1em; font-weight: normal; margin: 0; text-indent: 2em; }}
h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
p {{ text-indent: 2em; margin: 0; overflow-wrap: anywhere; }}
p.note {{ text-indent: 0; text-align: center; }}
p.sign {{ text-indent: 0; text-align: left; }}
p.sign.first {{ margin-top: {pitch}pt; }}
a {{ color: inherit; }}
.table-scroll {{ overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0 0 .5em; }}
table.gw {{ border-collapse: collapse; table-layout: fixed; width: {PAGE.type_width_mm}mm;
  font-size: {TABLE_SIZE_PT}pt; line-height: 1.3; text-align: center; text-indent: 0; }}
table.gw th, table.gw td {{ border: 0.5pt solid #000; padding: 0.3mm 0.5mm; vertical-align: middle;
  font-weight: normal; text-align: center; overflow-wrap: anywhere; }}
table.gw .label {{ text-align: left; padding: 0.3mm 1.5mm; }}
table.gw tr {{ break-inside: avoid; page-break-inside: avoid; }}
/* a table with what precedes it: on one page when it fits, else split between rows under a repeated thead */
.keep {{ break-inside: avoid; page-break-inside: avoid; }}
/* a later part of a table taller than a page (writers' page_parts): on a new page, kept whole */
.continued {{ break-before: page; page-break-before: always; }}
.continued table.gw {{ break-inside: avoid; page-break-inside: avoid; }}
.sr-only {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }}
@media screen {{ p.sign {{ text-align: right; padding-left: 0 !important; padding-right: 2em; }} }}
@page {{ size: A4; margin: {PAGE.top_mm}mm {PAGE.right_mm}mm {PAGE.bottom_mm}mm {PAGE.left_mm}mm; }}
@page :right {{ @bottom-right {{ {page_number} padding-right: 1em; text-align: right; }} }}
@page :left {{ @bottom-left {{ {page_number} padding-left: 1em; text-align: left; }} }}
@media print {{
  body {{ margin: 0; padding: 0; max-width: none; letter-spacing: {CHAR_SPACING_PT}pt; }}
  h1, table.gw {{ letter-spacing: 0; }}
  p {{ break-inside: avoid; page-break-inside: avoid; word-break: break-all; }}
  .table-scroll {{ overflow: visible; }}
  .sr-only {{ display: none; }}
  a {{ text-decoration: none; }}  /* no underline: a drawn line would read as a table rule in the PDF */
}}
"""


def page(*, title: str, body: str, metas: dict[str, str] | None = None, lang: str = "zh-CN") -> str:
    """A standalone page (no scripts, no outside files): ``body`` is trusted HTML, the rest is escaped.
    ``metas`` become ``<meta name content>`` (WeasyPrint takes author, description, keywords, generator,
    dcterms.created into the PDF's document information)."""
    meta = "".join(
        f'<meta name="{escape(k)}" content="{escape(v)}">\n' for k, v in (metas or {}).items() if v
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{meta}<title>{escape(title)}</title>\n<style>{css()}</style>\n</head>\n<body>\n<main>\n{body}\n"
        "</main>\n</body>\n</html>\n"
    )


def signature_html(organ: str | None, date: str) -> list[str]:
    """The 落款 lines as ``<p class="sign">`` with the GB/T 9704 §7.3.5.3 right indents."""
    from gongkai.gongwen.standard import signature_indents

    organ_indent, date_indent = signature_indents(organ, date)
    out = []
    for text, indent in ((organ, organ_indent), (date, date_indent)):
        if text:
            first = " first" if not out else ""
            out.append(f'<p class="sign{first}" style="padding-left: {indent:.2f}pt">{escape(text)}</p>')
    return out
