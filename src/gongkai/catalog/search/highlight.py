"""Highlighted matches for result pages: the text is escaped first, then each query token wrapped in
<mark>, so nothing from an entry can inject markup."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EXCERPT = 120


def _pattern(tokens: list[str]) -> re.Pattern | None:
    words = sorted({t for t in tokens if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def highlight(text: str, tokens: list[str]) -> SafeString:
    pattern = _pattern(tokens)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, tokens: list[str], size: int = EXCERPT) -> SafeString:
    """About `size` characters of `text` around the first match, highlighted."""
    pattern = _pattern(tokens)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - size // 3)
    piece = text[start : start + size]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return mark_safe(f"{prefix}{highlight(piece, tokens)}{suffix}")  # noqa: S308 - highlight escapes
