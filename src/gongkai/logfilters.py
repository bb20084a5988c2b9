"""Logging filter that masks personal data before any handler writes a record.

Logs end up in files, terminals and log collectors that are not protected like the database, so ID
numbers (居民身份证号码), phone numbers, e-mail addresses and street addresses never leave the process in
clear. The patterns err on the side of masking: a false positive costs a log line's readability, a false
negative leaks an applicant's data.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

# Order matters: the 18-character ID number before the shorter phone patterns that could match inside it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("id_number", re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")),
    ("id_number_15", re.compile(r"(?<!\d)[1-9]\d{14}(?!\d)")),
    ("mobile", re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")),
    ("landline", re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[- ]?)\d{7,8}(?!\d)")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "address",
        re.compile(
            r"[\u4e00-\u9fff]{0,12}(?:省|市|区|县|镇|乡|街道)[\u4e00-\u9fff0-9]{0,20}"
            r"(?:路|街|巷|道|村|弄|大道|小区)[\u4e00-\u9fff0-9\-－]{0,12}?\d+[\-－\d]*(?:号|栋|幢|室|弄)"
            r"(?:[\d\-－]+(?:号|栋|幢|室|单元))*"
        ),
    ),
)


def mask_personal_data(text: str) -> str:
    """Return `text` with every ID number, phone, e-mail and street address replaced by ***."""
    for _name, pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


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
