"""From text lines to sections, and from a table section's lines to rows of cells.

The text contract (what every reader feeds ``parse_text``):

* paragraphs are lines;
* a table row is one line with cells separated by ``\\t``; or one cell per line, each line starting with a
  tab (``"\\t0"``; a lone ``"\\t"`` is an empty cell) and rows separated by blank lines, as Word's
  "copy as text" gives; or a GitHub pipe table ``| a | b |`` with ``---`` separator lines;
* a cell's text may be broken over several lines ("自\\n\\n然\\n\\n人", "结果\\n纠正"): a short bare line inside a
  table continues the cell before it;
* Markdown headings (``#``, ``**bold**``) are allowed anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.annualreport.model import SECTION_KEYS
from gongkai.annualreport.readers import limits
from gongkai.annualreport.readers.labels import MATCHERS, any_label, norm
from gongkai.annualreport.readers.values import clean

END = None  # row boundary in a token stream

_MARKUP = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*|__)?\s*|\s*(?:\*\*|__)?\s*$")
_NUMBERING = r"(?:第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．,，:：]?\s*"
_SECTION_PATTERNS = {  # loose on purpose: organs reword the titles ("政府信息公开总体工作情况")
    "overview": r".{0,12}总体(?:工作)?情况|.{0,8}概述|.{0,8}总体情况概述",
    "proactive": r".{0,8}主动公开政府信息(?:.{0,6}情况)?",
    "applications": r".{0,4}收到和处理政府信息公开申请(?:.{0,3}情况)?|.{0,4}依申请公开政府信息.{0,12}情况",
    "reviews": r".{0,20}行政复议.{0,8}行政诉讼(?:.{0,3}情况)?",
    "shortcomings": r".{0,12}(?:存在的)?主要问题.{0,12}",
    "other_matters": r".{0,4}其他需要报告的事项",
}
_HEADING = re.compile(
    rf"(?P<number>{_NUMBERING})?(?:"
    + "|".join(f"(?P<{key}>{pattern})" for key, pattern in _SECTION_PATTERNS.items())
    + r")[。:：]?"
)
_RUN_IN = re.compile(r"\s*[一二三四五六七]、")
_SENTENCE = re.compile(r"[，。；,;]")
_MAY_BE_HEADING = re.compile(
    r"情况|事项|问题|概述|政府信息|行政诉讼"
)  # cheap pre-filter: every heading has one
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_PAGE_NUMBER = re.compile(
    r"[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SHORT_HEADING = 40
_SHORT_FRAGMENT = 8
_LOOK_BACK = 40  # tokens looked back for the cell a piece continues (as ``_has_cells``)
_LONGEST_CELL = 200  # a broken label is rebuilt up to this length (the longest label has ~45 characters)


def strip_markup(line: str) -> str:
    """A line without Markdown heading/emphasis markers and outer whitespace."""
    return _MARKUP.sub("", line.strip())


def heading_key(line: str) -> str | None:
    """The section key if ``line`` is one of the six section headings (numbered or not)."""
    if not _MAY_BE_HEADING.search(line):
        return None
    text = strip_markup(line)
    if not text or len(text) > _SHORT_HEADING or text[0] in "(（":
        return None
    found = _HEADING.fullmatch(text)
    if found is None:
        return None
    if found.group("number") is None and (len(text) > 24 or _SENTENCE.search(text)):
        return None  # an unnumbered line must look like a title, not a sentence
    return found.lastgroup


@dataclass
class Document:
    """The text split at the six section headings; ``preamble`` is what precedes the first one."""

    preamble: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # section keys in the order they appeared


def split_sections(lines: list[str]) -> Document:
    """Headings are accepted only in the format's order, so a later mention of an earlier title is text."""
    doc = Document()
    current = doc.preamble
    last_index = -1
    for line in lines:
        limits.check()
        key, rest = heading_key(line) if len(line) <= 60 else None, None
        if key is None and _RUN_IN.match(line):
            key, rest = _run_in_heading(line)
        if key is not None and SECTION_KEYS.index(key) > last_index:
            last_index = SECTION_KEYS.index(key)
            current = doc.sections.setdefault(key, [])
            doc.order.append(key)
            if rest:
                current.append(rest)
            continue
        current.append(line)
    return doc


def _run_in_heading(line: str) -> tuple[str | None, str | None]:
    """A numbered heading followed by its text on the same line: "五、存在的主要问题及改进情况。一是…"."""
    text = line.strip()
    for index, char in enumerate(text[:_SHORT_HEADING]):
        if char in "。：:":
            key = heading_key(text[:index])
            if key is not None:
                return key, text[index + 1 :].strip() or None
    return None, None


def clean_lines(text: str) -> list[str]:
    """Lines with Windows/Mac ends unified, a BOM and Word bookmark residue removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    lines = text.split("\n")
    limits.count("max_lines", len(lines))
    return lines


def is_page_number(text: str) -> bool:
    """A page footer such as "— 3 —" or "第3页 共10页" (PDF and Word text keep them)."""
    return len(text) <= 16 and _PAGE_NUMBER.fullmatch(text) is not None


def paragraphs(lines: list[str]) -> str | None:
    """Section text: paragraphs stripped of whitespace and markup, empty ones dropped, joined by \\n."""
    limits.check()
    kept = [strip_markup(line) for line in lines]
    kept = [line for line in kept if line and not is_page_number(line)]
    return "\n".join(kept) if kept else None


# --- table sections -------------------------------------------------------------------------------


def _is_cell_line(text: str) -> bool:
    """A bare line that is a table cell (a value or a known label), not a paragraph."""
    if len(text) > 60 or "。" in text:
        return False  # a sentence mentioning a label ("本年新收政府信息公开申请5件。") is text
    if _VALUE_TOKEN.fullmatch(clean(text)):
        return True
    return any_label(norm(text))


_VALUE_TOKEN = re.compile(r"[+\-]?\d+(?:[.,]\d+)*(?:件|个|条|项|次|万元|万)?|[-—–―/／]+|无|空")


_SPACE = re.compile(r"\s")  # any space: " ", "\u3000", and "\xa0" (&nbsp;) in text copied from a web page


def split_spaced(line: str) -> list[str] | None:
    """Cells of a space-separated table row: a label followed by values, only values, or only headers.

    The label's own spaces ("1. 属于国家秘密", "规   章") are removed; None when the line is not such a row.
    """
    parts = line.split()
    if len(parts) < 2:
        return None
    split_at = len(parts)
    while split_at > 0 and _VALUE_TOKEN.fullmatch(unicodedata.normalize("NFKC", parts[split_at - 1])):
        split_at -= 1
    head, values = parts[:split_at], parts[split_at:]
    if not head:
        return values
    if values:
        label = "".join(head)
        return [label, *values] if any_label(norm(label)) else None
    return parts if all(any_label(norm(part)) for part in parts) else None


def _two_cells(line: str) -> bool:
    """ "行政复议 | 行政诉讼": a two-cell pipe row without outer pipes (both cells known words or values)."""
    if line.count("|") != 1:
        return False
    return all(cell.strip() and _is_cell_line(cell.strip()) for cell in line.split("|"))


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in inner.split("|")]


def _continue_cell(tokens: list[str | None], fragment: str) -> bool:
    """Append a broken label's next piece to the cell before it, across blank lines; False if none."""
    index = len(tokens) - 1
    stop = max(index - _LOOK_BACK, -1)  # a bounded look back, so that a run of row ends costs nothing
    while index > stop and tokens[index] is END:
        index -= 1
    if index <= stop:
        return False
    previous = tokens[index]
    if not previous or len(previous) > _LONGEST_CELL:
        return False  # no label is that long: growing it line by line would cost the square of the text
    if _is_cell_line(previous) and not any_label(norm(previous + fragment)):
        return False
    del tokens[index + 1 :]
    tokens[index] = previous + fragment
    return True


def tokenize(lines: list[str]) -> tuple[list[str | None], list[str]]:
    """A table section's cells (``END`` between rows) and its remaining paragraphs."""
    limits.count("table_lines", len(lines))
    tokens: list[str | None] = []
    text: list[str] = []
    double_spaced = _double_spaced(lines)
    pending: str | None = None  # stray short pieces of a label broken over lines ("（七）" / "总计")
    for raw in lines:
        limits.check()
        line = raw.rstrip("\r\n ")  # trailing tabs are empty cells: keep them
        stripped = line.strip()
        if stripped and stripped[0] in "-—–－第" and is_page_number(stripped):
            continue
        if not stripped and double_spaced and "\t" not in line:
            continue
        if not stripped:
            tabs = line.count("\t")
            if tabs == 1 and line.startswith("\t"):
                tokens.append("")  # one cell per line: an empty cell
                continue
            if tabs > 1:
                tokens.extend([""] * (tabs + 1))  # a tab row whose cells are all empty
            tokens.append(END)
            if not tabs:
                continue  # a blank line: a broken label's pieces may continue after it
        elif "-" in stripped and _PIPE_SEPARATOR.match(stripped):
            tokens.append(END)
        elif stripped.startswith("|") or stripped.count("|") >= 2 or _two_cells(stripped):
            if tokens and tokens[-1] is not END:
                tokens.append(END)  # a pipe row starts a row: a label line above is no part of it
            tokens.extend(_pipe_cells(stripped))
            tokens.append(END)
        elif "\t" in line:
            cells = line.split("\t")
            if len(cells) == 2 and not cells[0].strip():
                tokens.append(cells[-1].strip())  # one cell per line, indented by a tab
            else:
                tokens.extend(cell.strip() for cell in cells)
                tokens.append(END)
        else:
            pending = _bare_line(tokens, text, stripped, pending)
            continue
        pending = None
    return tokens, text


_DOUBLE_SPACED_MIN = 10  # non-empty lines needed before a blank after every line means nothing


def _double_spaced(lines: list[str]) -> bool:
    """Whether a blank line follows every line (each web-page cell copied as its own paragraph).

    Then blank lines do not separate rows and are dropped; the labels still delimit the rows.
    """
    filled, adjacent, previous = 0, 0, False
    for line in lines:
        current = bool(line.strip()) or "\t" in line
        filled += current
        adjacent += current and previous
        previous = current
    return filled >= _DOUBLE_SPACED_MIN and adjacent * 20 <= filled  # a few stray pairs tolerated


def _bare_line(tokens: list[str | None], text: list[str], line: str, pending: str | None) -> str | None:
    """A line without tabs or pipes: spaced row, lone cell, broken label, table debris or paragraph.

    Returns the stray pieces seen so far when the line is one ("1．属于国家" before "秘密"), so that the
    next piece can complete the label; None otherwise.
    """
    if pending and len(line) <= _SHORT_FRAGMENT and any_label(norm(pending + line)):
        tokens.append(pending + line)  # "（七）" + "总计", "1．属于国家" + "秘密"
        return None
    if _SPACE.search(line) and (spaced := split_spaced(line)):
        tokens.extend(spaced)  # a row pasted from a PDF: cells separated by spaces
        tokens.append(END)
    elif _SPACE.search(line) and (values := _wrapped_label_values(tokens, line)):
        tokens.extend(values)  # "（二）部分公开（区分处理的，只计这" / "一情形，不计其他情形） 3 0 0 …"
        tokens.append(END)
    elif _is_cell_line(line):
        tokens.append(line)
    elif len(line) <= _SHORT_FRAGMENT and tokens and _continue_cell(tokens, line):
        return None
    elif len(line) <= _SHORT_FRAGMENT and not line.endswith(("。", "；", "！")) and _has_cells(tokens):
        tokens.append(END)  # a stray piece of a wrapped cell inside the table ("公开"): not section text
        joined = (pending or "") + line
        return joined if len(joined) <= 2 * _SHORT_FRAGMENT else line
    else:
        text.append(line)
        tokens.append(END)
    return None


def _row_label(normalised: str) -> bool:
    """A row's label (not a column header, which takes no values)."""
    names = (match(normalised) for match in MATCHERS.values())
    return any(name and not name.startswith("h_") for name in names)


def _wrapped_label_values(tokens: list[str | None], line: str) -> list[str] | None:
    """The values of a spaced row whose label began on the line above, alone (the label was wrapped).

    Only when the line above is a known label with no value yet, and what precedes the values here is
    text without digits (the rest of that label); the row's count is checked later like any other.
    """
    if not tokens or not tokens[-1] or not _row_label(norm(tokens[-1])):
        return None
    parts = line.split()
    split_at = len(parts)
    while split_at > 0 and _VALUE_TOKEN.fullmatch(unicodedata.normalize("NFKC", parts[split_at - 1])):
        split_at -= 1
    head, values = "".join(parts[:split_at]), parts[split_at:]
    if not head or not values or any(ch.isdigit() for ch in head) or len(head) > _SHORT_FRAGMENT * 3:
        return None
    return values


def _has_cells(tokens: list[str | None]) -> bool:
    """Whether the table has begun (looks back a little: cells are dense once a table starts)."""
    return any(tokens[-40:])


def rows(tokens: list[str | None]) -> list[list[str]]:
    """The token stream cut at ``END`` into rows; empty rows dropped."""
    out: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token is END:
            if current:
                out.append(current)
            current = []
        else:
            current.append(token)
    if current:
        out.append(current)
    return out
