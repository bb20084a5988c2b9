"""What the HTML, DOCX and PDF extractors (``readers.html/docx/pdf.to_text``) share."""

from __future__ import annotations

from gongkai.annualreport.readers import UnreadableError


class ExtractError(UnreadableError, ValueError):
    """The file cannot be turned into text at all (corrupt, truncated, a zip bomb, a scan without text…).

    It is an ``UnreadableError``, so ``read()`` passes the message (Chinese, naming the format) unchanged
    and the CLI exits nonzero with it.
    """
