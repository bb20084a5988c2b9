"""PDF: the HTML writer's page, printed by WeasyPrint (:mod:`gongkai.gongwen.pdf`). Laid out like the
DOCX: A4, 公文 margins, page numbers, tables kept whole (header rows repeated if one must continue)."""

from __future__ import annotations

from gongkai.annualreport.model import Report
from gongkai.annualreport.writers import html
from gongkai.gongwen.pdf import html_to_pdf


def write(report: Report) -> bytes:
    """The report as a PDF file's bytes."""
    return html_to_pdf(html.write(report))
