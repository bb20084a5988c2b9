"""HTML pages as government sites publish them → text in the reader's contract (``readers.text``).

The contract: paragraphs are lines; a table row is one line with its cells separated by ``\\t``; a spanned
cell's text appears once, at its first position, with no placeholder cells; line breaks inside a cell are
dropped (a label broken as "结果<br>纠正" reads "结果纠正"). Pages are messy: layout tables wrap the article,
cells nest ``<span>/<p>/<font>``, ``&nbsp;`` pads text, and scripts, styles and navigation surround it.
"""

from __future__ import annotations

import re

from lxml import etree

from gongkai.annualreport.markers import CARRIED_META, front_matter
from gongkai.annualreport.readers.extract import ExtractError

# Elements whose content is never part of the report.
DROP = ("script", "style", "noscript", "template", "nav", "iframe", "select", "button", "head", "object")
# Elements that start a new line in the text (the rest are inline).
BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "body",
        "html",
        "title",
    ]
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Site furniture by class/id (breadcrumbs, menus, share bars, footers), dropped unless it holds report content.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|footer|foot|share|sidebar|"
    r"toolbar|copyright|print|search|login)(?:$|[\s_-])",
    re.I,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BREAK_SPACE = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")
MAX_HTML_BYTES = 20 * 1024 * 1024  # a report page is well under 5 MB; the tree costs ~10× the page in memory
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def decode(data: bytes) -> str:
    """Bytes → str: BOM, then strict UTF-8, then ``<meta charset>``, then GB18030 (superset of GBK/GB2312).

    Valid UTF-8 wins over the declared charset: the dispatcher hands us a page it already decoded and
    re-encoded as UTF-8, and GBK bytes are almost never valid UTF-8 by accident.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("gb18030", "replace")


def cell_text(cell) -> str:
    """A table cell's text on one line: inner line breaks vanish, other whitespace runs become one space.

    ``<br>`` and nested ``<p>`` inside a cell are joined with nothing ("自<br>然<br>人" reads 自然人), so the
    text serialisation of lxml (fast, in C) is all we need.
    """
    text = etree.tostring(cell, method="text", encoding="unicode", with_tail=False)
    return _SPACES.sub(" ", _BREAK_SPACE.sub("", text)).strip()


class _Lines:
    """Accumulates text into lines.

    A line break in the markup inside a paragraph is layout, not text: Chinese has no spaces between words,
    so it is dropped; other whitespace runs collapse to single spaces.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text)

    def newline(self) -> None:
        if self.buf:
            line = _SPACES.sub(" ", _BREAK_SPACE.sub("", "".join(self.buf))).strip()
            if line:
                self.lines.append(line)
            self.buf = []

    def row(self, cells: list[str]) -> None:
        self.newline()
        if cells:  # an all-blank row is kept: its blank cells are data (None), not noise
            self.lines.append("\t".join(cells))


def _is_layout_table(table) -> bool:
    """A table used for page layout, not data: its cells are read as blocks, not as one row.

    It wraps other tables or headings, or it is a single cell (sites put the whole article in one).
    """
    if next(table.iterdescendants("table", "h1", "h2", "h3", "h4", "h5", "h6"), None) is not None:
        return True
    cells = table.iterdescendants("td", "th")
    return next(cells, None) is not None and next(cells, None) is None


def _rows(table):
    """The table's own rows, in order, including those inside thead/tbody/tfoot but not nested tables."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _walk(el, out: _Lines) -> None:
    tag = el.tag
    if tag == "table" and not _is_layout_table(el):
        for caption in el.iterchildren("caption"):
            out.newline()
            out.add(cell_text(caption))
            out.newline()
        for tr in _rows(el):
            out.row([cell_text(td) for td in tr if td.tag in ("td", "th")])
        return
    if tag == "br" or tag in BLOCK or tag in ("table", "tr", "td", "th"):
        out.newline()
    out.add(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, out)
        out.add(child.tail)
    if tag in BLOCK or tag in ("table", "tr", "td", "th"):
        out.newline()


_DOOMED = etree.XPath(
    " | ".join(f"//{tag}" for tag in DROP)
    + " | //comment() | //processing-instruction() | //*[@style] | //*[@class] | //*[@id]"
)


def _clean(root) -> None:
    """Drop what is never report text: scripts, styles, navigation, hidden elements, comments."""
    for el in _DOOMED(root):
        if not isinstance(el.tag, str) or el.tag in DROP or _HIDDEN.search(el.get("style", "")):
            pass
        elif el.tag not in _FURNITURE_TAGS or not _is_furniture(el):
            continue
        if el.getparent() is not None:
            _drop(el)


def _drop(el) -> None:
    """Remove ``el`` but keep its tail text (what follows it belongs to the parent)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


_FURNITURE_TAGS = frozenset(("div", "ul", "span", "p", "section", "aside", "header", "footer"))


def _is_furniture(el) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}".strip()
    if not names or not _FURNITURE.search(names):
        return False
    return next(el.iter("table", "h1", "h2"), None) is None


def to_text(data: bytes | str) -> str:
    """The page's text in the reader's contract (see the module docstring)."""
    if len(data) > MAX_HTML_BYTES:
        raise ExtractError(f"HTML页面超过 {MAX_HTML_BYTES // (1024 * 1024)} MB，不像一份年度报告，拒绝读取")
    text = decode(data) if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ""
    # Plain lxml.etree elements (not lxml.html's): no per-element class lookup, several times faster.
    root = etree.fromstring(text.encode("utf-8"), _PARSER)
    if root is None:
        return ""
    carried = _carried(root)
    _clean(root)
    out = _Lines()
    _walk(root, out)
    out.newline()
    return "".join(line + "\n" for line in front_matter(carried) + out.lines)


def _carried(root) -> dict[str, str]:
    """{"agency": …} from our writer's <meta> (a fact the report's text may not state)."""
    for element in root.iter("meta"):
        if element.get("name") == CARRIED_META and (element.get("content") or "").strip():
            return {"agency": element.get("content").strip()}
    return {}
