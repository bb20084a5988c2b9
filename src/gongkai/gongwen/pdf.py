"""HTML → PDF through WeasyPrint (pinned in requirements.lock), with Debian's ``fonts-noto-cjk`` as the
stand-in faces; the page layout is the print CSS of :mod:`gongkai.gongwen.html` (A4, 公文 margins,
page numbers, table headers repeated)."""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlparse

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc", ".woff", ".woff2")


def _fetcher():
    """A WeasyPrint fetcher that reads only installed font files (what ``@font-face { src: local(…) }``
    resolves to); the page itself refers to nothing outside."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file" and unquote(parsed.path).lower().endswith(FONT_SUFFIXES):
                return super().fetch(url, headers)
            raise ValueError(f"外部资源不被加载：{url}")

    return FontsOnly(allowed_protocols=("file",))


def html_to_pdf(html: str) -> bytes:
    """The PDF of a standalone page."""
    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):  # font subsetting chatter is not the caller's business
        logging.getLogger(name).setLevel(logging.ERROR)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
