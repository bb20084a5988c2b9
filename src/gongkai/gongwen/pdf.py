"""HTML → PDF through WeasyPrint (pinned in requirements.lock), with Debian's ``fonts-noto-cjk`` as the
stand-in faces; the page layout is the print CSS of :mod:`gongkai.gongwen.html` (A4, 公文 margins,
page numbers, table headers repeated)."""

from __future__ import annotations

import logging


def html_to_pdf(html: str) -> bytes:
    """The PDF of a standalone page (no outside resources are fetched)."""
    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):  # font subsetting chatter is not the caller's business
        logging.getLogger(name).setLevel(logging.ERROR)

    def no_fetch(url: str, *args, **kwargs):
        raise ValueError(f"外部资源不被加载：{url}")

    return HTML(string=html, url_fetcher=no_fetch).write_pdf()
