"""Logging filter that masks personal data before any handler writes a record.

Logs end up in files, terminals and log collectors that are not protected like the database, so ID
numbers (居民身份证号码), phone numbers, e-mail addresses and street addresses never leave the process in
clear. The patterns err on the side of masking: a false positive costs a log line's readability, a false
negative leaks an applicant's data.
"""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
from urllib.parse import unquote_plus

MASK = "***"

# Separators people and URLs put between phone digit groups: hyphen, space, dot, and "+" (a space in a
# percent-encoded query). Digits are ASCII here: full-width and other digits are folded to ASCII first.
_SEP = r"[-+ .]?"
# Order matters: the 18-character ID number before the shorter phone patterns that could match inside it.
# Only digits bound an ID number: letters glued to it ("sfz110101199003071234") must not hide it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("id_number", re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")),
    ("id_number_15", re.compile(r"(?<![0-9])[1-9][0-9]{14}(?![0-9])")),
    (
        "mobile",
        re.compile(rf"(?<![0-9])(?:\+?86{_SEP})?1[3-9][0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}}(?![0-9])"),
    ),
    ("landline", re.compile(rf"(?<![0-9])(?:\(?0[0-9]{{2,3}}\)?{_SEP})[0-9]{{7,8}}(?![0-9])")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "address",
        re.compile(
            r"[\u4e00-\u9fff]{0,12}(?:省|市|区|县|镇|乡|街道)[\u4e00-\u9fff0-9]{0,20}"
            r"(?:路|街|巷|道|村|弄|大道|小区)[\u4e00-\u9fff0-9\-－]{0,12}?[0-9]+[\-－0-9]*(?:号|栋|幢|室|弄)"
            r"(?:[0-9\-－]+(?:号|栋|幢|室|单元))*"
        ),
    ),
)
# Text that hides its characters: percent-encoding (URLs in request lines) and the \uXXXX escapes with
# which Django writes non-ASCII paths into "Not Found:" lines.
# A run is one path segment or query value, so that masking keeps the rest of the path readable.
_PERCENT_RUN = re.compile(r"[^\s\"'<>/?&=]*%[0-9A-Fa-f]{2}[^\s\"'<>/?&=]*")
_ESCAPED_CHAR = r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}"
_ESCAPE_RUN = re.compile(
    rf"(?:{_ESCAPED_CHAR}|[^\s\\\"'<>/?&=])*(?:{_ESCAPED_CHAR})(?:{_ESCAPED_CHAR}|[^\s\\\"'<>/?&=])*"
)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
# Every decimal digit of Unicode other than ASCII (full-width １, Arabic-Indic ٣ …).
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


def _mask_plain(text: str) -> str:
    folded = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), text)
    if folded != text and any(p.search(folded) for _n, p in _PATTERNS):
        # Mask on the folded text; positions are the same, since each digit folds to one character.
        text = folded
    for _name, pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    char = chr(code)
    # Keep the escape for what must stay escaped in a log (control characters, surrogates).
    return char if char.isprintable() and not 0xD800 <= code <= 0xDFFF else match.group()


def _mask_hidden(run: str, decode) -> str:
    """Mask a run of encoded text as a whole when its decoded form holds personal data."""
    decoded = decode(run)
    return MASK if decoded != run and _mask_plain(decoded) != decoded else _mask_plain(run)


def mask_personal_data(text: str) -> str:
    """Return `text` with every ID number, phone, e-mail and street address replaced by ***, also when it
    is percent-encoded, \\u-escaped or written with non-ASCII digits."""
    text = _PERCENT_RUN.sub(
        lambda m: _mask_hidden(m.group(), lambda r: unquote_plus(r, errors="replace")), text
    )
    text = _ESCAPE_RUN.sub(lambda m: _mask_hidden(m.group(), lambda r: _ESCAPE.sub(_unescape, r)), text)
    return _mask_plain(text)


class MaskPersonalDataFilter(logging.Filter):
    """Rewrite the record's message (with its arguments merged in) and any exception text, masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed format string still must not leak its arguments
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True


def glogging_logger_base():
    """gunicorn's Logger class, or a stand-in where gunicorn is not installed (the toolkit-only install)."""
    try:
        from gunicorn.glogging import Logger
    except ImportError:  # pragma: no cover - the platform extra brings gunicorn
        return object
    return Logger


class GunicornLogger(glogging_logger_base()):  # type: ignore[misc]
    """gunicorn's logger with the masking filter on its access and error logs.

    gunicorn puts the request path into the access log as WSGI gives it: UTF-8 bytes read as Latin-1.
    The path is decoded back to text first, so that Chinese addresses in it can be recognised and masked.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            log.addFilter(MaskPersonalDataFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r", "q"):
            value = atoms.get(key)
            if isinstance(value, str):
                with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                    atoms[key] = value.encode("latin-1").decode("utf-8")
        return atoms
