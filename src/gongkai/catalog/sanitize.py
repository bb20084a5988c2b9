"""Server-side sanitising of entry bodies with nh3 (ammonia), whatever the client sends.

A small allowed set: structure, lists, tables, emphasis, links (http, https, mailto only; rel="noopener
noreferrer nofollow") and images from the site itself. Scripts, styles, event attributes and `javascript:`
URLs are removed, with their content where they are containers of code.
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "hr", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def clean_html(raw: str) -> str:
    return nh3.clean(
        raw or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


def plain_text(cleaned: str) -> str:
    """The words of a cleaned body, for the search index and excerpts."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", cleaned or ""))).strip()
