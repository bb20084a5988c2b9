"""A standalone HTML page laid out like the published tables (rowspan/colspan as in the format)."""

from __future__ import annotations

from html import escape

from gongkai.annualreport.markers import CARRIED_META
from gongkai.annualreport.model import Report
from gongkai.annualreport.writers.layout import Block, Cell, Table, blocks, cell_text, is_subheading

# Inline so the page is one self-contained file; fonts follow 公文 practice with common fallbacks.
CSS = """
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", serif; font-size: 16pt; line-height: 1.75;
  max-width: 210mm; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "方正小标宋简体", "SimSun", "宋体", serif; font-size: 22pt; text-align: center;
  font-weight: normal; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; margin: 1em 0 .5em; }
h3 { font-family: "楷体_GB2312", "KaiTi", "楷体", serif; font-size: 16pt; font-weight: normal; margin: .5em 0; }
p { text-indent: 2em; margin: 0; }
p.note { text-indent: 0; text-align: center; }
p.sign { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
td.label { text-align: left; }
td.value { min-width: 2.5em; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print { body { margin: 0; padding: 0; max-width: none; } table { page-break-inside: auto; }
  tr { page-break-inside: avoid; } }
"""


def _cell(cell: Cell, report: Report) -> str:
    tag = "th" if cell.header else "td"
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if not cell.header:
        attrs += ' class="value"' if cell.path else ' class="label"'
    return f"<{tag}{attrs}>{escape(cell_text(cell, report))}</{tag}>"


def _table(table: Table, report: Report) -> str:
    rows = ["<tr>" + "".join(_cell(c, report) for c in row) + "</tr>" for row in table.rows]
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _block(block: Block, report: Report) -> str:
    text = escape(block.text)
    if block.kind == "title":
        return f"<h1>{text}</h1>"
    if block.kind == "heading":
        return f"<h2>{text}</h2>"
    if block.kind == "table":
        return _table(block.table, report)
    if block.kind == "paragraph" and is_subheading(block.text):
        return f"<h3>{text}</h3>"
    css = {"note": "note", "sign": "sign"}.get(block.kind)
    return f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>"


def write(report: Report) -> str:
    """The whole page as text (UTF-8, declared in ``<meta charset>``)."""
    title = escape(report.title or "政府信息公开工作年度报告")
    body = "\n".join(_block(b, report) for b in blocks(report))
    carried = f'<meta name="{CARRIED_META}" content="{escape(report.agency)}">\n' if report.agency else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{carried}<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
