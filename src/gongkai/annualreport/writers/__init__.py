"""Write a :class:`~gongkai.annualreport.model.Report` as JSON, Markdown, HTML, DOCX or PDF.

Every writer lays the report out the same way (``layout.blocks``), so that reading any output back with
``gongkai.annualreport.readers.read`` gives the same report: ``read(write(r, fmt)) == r``.
"""

from __future__ import annotations

import importlib

from gongkai.annualreport.model import Report

FORMATS = {"json": "json", "md": "markdown", "html": "html", "docx": "docx", "pdf": "pdf"}


def write(report: Report, fmt: str) -> bytes | str:
    """The report in ``fmt`` (json/md/html/docx/pdf): ``str`` for the text formats, ``bytes`` for DOCX and PDF."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的输出格式：{fmt}（可用：{'、'.join(FORMATS)}）")
    module = importlib.import_module(f"gongkai.annualreport.writers.{FORMATS[fmt]}")
    return module.write(report)


__all__ = ["FORMATS", "write"]
