"""PDF with a text layer → text in the reader's contract, using pdfminer.six without its layout analysis.

PDFs have no tables, only glyphs and drawn lines. Tables are rebuilt from the ruling lines: the distinct
x and y positions of the lines cut the table into elementary cells; neighbouring elementary cells with no
line between them are one merged cell. Each merged cell is printed once, on the row of its top edge, so a
rowspan label ("（三）不予公开") lands on its first row exactly as the contract wants, and a cell with no
glyphs is an empty (blank) cell, not a missing one. Text outside tables is grouped into lines by baseline,
and wrapped lines are joined back into paragraphs. A PDF without any glyph (a scan) is refused: 无文字层.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from gongkai.annualreport.markers import CARRIED_MARK, front_matter
from gongkai.annualreport.readers.extract import ExtractError

MAX_PAGES = 200
MAX_GLYPHS = 1_000_000  # a long report has ~50,000; beyond this the file is not a report (bounded time)
TOL = 1.5  # pt: positions closer than this are the same line
_HEADING = re.compile(r"^(（?[一二三四五六七八九十]+[、）]|（\d+）|\d+[.、．])")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,3}(\s*页)?(\s*/\s*共?\s*\d{1,3}\s*页?)?[-—–\s]*$")


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Seg:
    """A ruling segment: horizontal (``y`` fixed, from ``a`` to ``b`` in x) or vertical (``x`` fixed)."""

    horizontal: bool
    at: float
    a: float
    b: float


def _page_objects(layout) -> tuple[list[Glyph], list[Seg]]:
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    glyphs: list[Glyph] = []
    segs: list[Seg] = []
    width, height = layout.width, layout.height
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text.strip() or text == " ":  # space glyphs are kept: they are the text's real spaces
                glyphs.append(Glyph(text, obj.x0, obj.x1, obj.y0, obj.y1))
        elif isinstance(obj, LTCurve):  # LTLine and LTRect are curves too
            if obj.width < width * 0.9 or obj.height < height * 0.5:  # not a page frame or background
                segs += _edges(obj)
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return _without_overprint(glyphs), segs


def _without_overprint(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs printed again a hair's breadth away: "fake bold" (the same text drawn twice with a small
    offset, common in titles of Chinese PDFs) would otherwise read "南南昌昌"."""
    kept: list[Glyph] = []
    last: dict[str, Glyph] = {}
    for g in sorted(glyphs, key=lambda g: (g.text, round(g.y0), g.x0)):
        prev = last.get(g.text)
        near_y = (g.y1 - g.y0) * 0.3
        near_x = min(near_y, (g.x1 - g.x0) * 0.5)  # "ll" in "full" sits one glyph width away: kept
        if prev is not None and abs(prev.x0 - g.x0) < near_x and abs(prev.y0 - g.y0) < near_y:
            continue
        last[g.text] = g
        kept.append(g)
    return kept


def _edges(obj) -> list[Seg]:
    x0, y0, x1, y1 = obj.x0, obj.y0, obj.x1, obj.y1
    if y1 - y0 <= TOL and x1 - x0 > TOL:
        return [Seg(True, (y0 + y1) / 2, x0, x1)]
    if x1 - x0 <= TOL and y1 - y0 > TOL:
        return [Seg(False, (x0 + x1) / 2, y0, y1)]
    if x1 - x0 > TOL and y1 - y0 > TOL and len(getattr(obj, "pts", ())) in (4, 5):  # a rectangle
        return [Seg(True, y0, x0, x1), Seg(True, y1, x0, x1), Seg(False, x0, y0, y1), Seg(False, x1, y0, y1)]
    return []


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _by_line(segs: list[Seg], horizontal: bool, lines: list[float]) -> dict[int, list[Seg]]:
    """Segments of one orientation bucketed by the clustered line they lie on (index into ``lines``)."""
    out: dict[int, list[Seg]] = {}
    for s in segs:
        if s.horizontal == horizontal:
            for i, at in enumerate(lines):
                if abs(s.at - at) <= TOL:
                    out.setdefault(i, []).append(s)
                    break
    return out


def _covered(on_line: list[Seg], a: float, b: float) -> bool:
    """Is the boundary between ``a`` and ``b`` drawn (a segment on that line covers its middle)?"""
    mid = (a + b) / 2
    return any(s.a - TOL <= mid <= s.b + TOL for s in on_line)


def _tables(segs: list[Seg]) -> list[list[Seg]]:
    """Group segments into tables: segments that touch each other, directly or through others, belong to
    the same table. Groups are merged until no two touch, so the order segments come in does not matter."""
    groups: list[tuple[list[float], list[Seg]]] = []
    for seg in sorted(segs, key=lambda s: -s.at if s.horizontal else -s.b):
        box, members = _box(seg), [seg]
        for g in [g for g in groups if _overlap(g[0], box)]:
            groups.remove(g)
            box = _union(box, g[0])
            members += g[1]
        groups.append((box, members))
    return [g[1] for g in groups if _cell_count(g[1]) >= 2]


def _cell_count(segs: list[Seg]) -> int:
    """Elementary cells of a segment group; a bordered box (one cell) is a frame, not a table."""
    columns = len(_cluster([s.at for s in segs if not s.horizontal])) - 1
    rows = len(_cluster([s.at for s in segs if s.horizontal])) - 1
    return max(columns, 0) * max(rows, 0)


def _union(a: list[float], b: list[float]) -> list[float]:
    return [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]


def _box(s: Seg) -> list[float]:
    return [s.a, s.at, s.b, s.at] if s.horizontal else [s.at, s.a, s.at, s.b]


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] - TOL <= b[2] and b[0] - TOL <= a[2] and a[1] - TOL <= b[3] and b[1] - TOL <= a[3]


def _find(parent: dict, k):
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def _table_rows(segs: list[Seg], glyphs: list[Glyph], explicit: bool) -> tuple[float, list[str], set[int]]:
    """The table's rows as tab-joined lines, its top y, and the ids of the glyphs it consumed."""
    xs = _cluster([s.at for s in segs if not s.horizontal])
    ys = _cluster([s.at for s in segs if s.horizontal])[::-1]  # top to bottom
    vertical, horizontal = _by_line(segs, False, xs), _by_line(segs, True, ys)
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if c + 1 < len(xs) - 1 and not _covered(vertical.get(c + 1, []), ys[r + 1], ys[r]):
                parent[_find(parent, (r, c + 1))] = _find(parent, (r, c))
            if r + 1 < len(ys) - 1 and not _covered(horizontal.get(r + 1, []), xs[c], xs[c + 1]):
                parent[_find(parent, (r + 1, c))] = _find(parent, (r, c))
    cells: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        cells.setdefault(_find(parent, key), []).append(key)
    texts: dict[tuple[int, int], list[Glyph]] = {}
    used: set[int] = set()
    for i, g in enumerate(glyphs):
        r = _index(ys, g.cy, descending=True)
        c = _index(xs, g.cx)
        if r is not None and c is not None:
            texts.setdefault(_find(parent, (r, c)), []).append(g)
            used.add(i)
    rows: dict[int, list[tuple[int, str]]] = {}
    for root, members in cells.items():
        top = min(r for r, _ in members)
        left = min(c for _, c in members)
        rows.setdefault(top, []).append((left, _join(texts.get(root, []), explicit)))
    lines = ["\t".join(t for _, t in sorted(rows[r])) for r in sorted(rows)]
    return ys[0], lines, used


def _index(edges: list[float], v: float, descending: bool = False) -> int | None:
    for i in range(len(edges) - 1):
        lo, hi = (edges[i + 1], edges[i]) if descending else (edges[i], edges[i + 1])
        if lo <= v <= hi:
            return i
    return None


def _lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (top to bottom), each line sorted left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.cy, g.x0)):
        if lines and abs(lines[-1][0].cy - g.cy) <= max(TOL, (g.y1 - g.y0) * 0.4):
            lines[-1].append(g)
        else:
            lines.append([g])
    out = []
    for line in lines:
        line = sorted(line, key=lambda g: g.x0)
        while line and line[0].text == " ":
            line.pop(0)
        while line and line[-1].text == " ":
            line.pop()
        if line:
            out.append(line)
    return out


def _join(glyphs: list[Glyph], explicit: bool = False) -> str:
    """A cell's text: its lines concatenated without breaks (the contract joins cell-internal breaks)."""
    return "".join(_line_text(line, explicit).replace("\t", " ") for line in _lines_of(glyphs)).strip()


def _line_text(line: list[Glyph], explicit: bool = False) -> str:
    """Glyphs of one baseline as text. A gap wider than 1.5 characters separates cells (``\t``): that is
    how a table without ruling lines shows its columns. When the PDF has space glyphs (``explicit``:
    Word, LibreOffice and WeasyPrint write them), they are the spaces, and a narrower gap is none (the
    extra space word processors put between 汉字 and digits is not text). Otherwise a narrower gap is a
    space only next to Latin letters or digits; Chinese text has no spaces, and justified lines spread
    its characters apart."""
    out = []
    prev = None
    space = False
    for g in line:
        if g.text == " ":
            space = True
            continue
        if prev is not None:
            gap, size = g.x0 - prev.x1, max(g.y1 - g.y0, prev.y1 - prev.y0)
            if gap > size * 1.5:
                out.append("\t")
            elif space or (
                not explicit and gap > size * 0.2 and (prev.text[-1:].isascii() or g.text[:1].isascii())
            ):
                out.append(" ")
        out.append(g.text)
        prev, space = g, False
    return "".join(out)


def _leading_word(line: list[Glyph]) -> float:
    """Width of the run of ASCII letters, digits and URL marks a line starts with (0 when none)."""
    end = None
    for g in line:
        if g.text == " " or not g.text.isascii():
            break
        end = g.x1
    return 0.0 if end is None else end - line[0].x0


_CLOSING = frozenset("，。、；：？！”’）》〉」』】〕…—")


def _paragraphs(
    lines: list[list[Glyph]], left: float, right: float, explicit: bool = False
) -> list[tuple[float, str]]:
    """Join wrapped lines: a line that runs to the right margin continues on the next unindented line.

    "Runs to the margin" allows one character and a half of room; two and a half when the next line
    starts with a character and a closing mark ("力，"), which line breaking keeps together; the width of
    the next line's first number or Latin word more when it starts with one (it did not fit: "341000")."""
    out: list[tuple[float, str]] = []
    gap = None
    for line in lines:
        text = _line_text(line, explicit).strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        size = line[0].y1 - line[0].y0
        if "\t" in text:  # a row of a table drawn without lines: never part of a paragraph
            out.append((line[0].cy, text))
            gap = None
            continue
        indented = line[0].x0 - left > size * 1.5
        room = size * (2.5 if text[1:2] in _CLOSING else 1.5)
        lead = _leading_word(line)
        if lead:  # the line broke before a number, web address or Latin word that did not fit
            room = max(room, lead + size * 1.5)
        carry = gap is not None and gap < room
        if carry and out and not indented and not _HEADING.match(text):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line[0].cy, text))
        gap = right - line[-1].x1
    return out


def _page_lines(glyphs: list[Glyph], segs: list[Seg]) -> list[str]:
    blocks: list[tuple[float, str]] = []
    used: set[int] = set()
    explicit = any(g.text == " " for g in glyphs)
    for table in _tables(segs):
        top, rows, taken = _table_rows(table, glyphs, explicit)
        used |= taken
        blocks += [(top - i * 0.001, row) for i, row in enumerate(rows)]
    free = [g for i, g in enumerate(glyphs) if i not in used and g.text != " "]
    if free:
        left = min(g.x0 for g in free)
        right = max(g.x1 for g in free)
        spaced = [g for i, g in enumerate(glyphs) if i not in used]
        blocks += _paragraphs(_lines_of(spaced), left, right, explicit)
    return [text for _, text in sorted(blocks, key=lambda b: -b[0])]


_CID = re.compile(r"\(cid:\d+\)")


def check_decodable(lines: list[str]) -> None:
    """Refuse text whose fonts had no Unicode map: pdfminer prints such glyphs as ``(cid:N)``."""
    text = "".join(lines)
    undecoded = sum(len(m) for m in _CID.findall(text))
    if text and undecoded > len(text) * 0.2:
        raise ExtractError(
            "PDF文字层无法解码（字体缺少Unicode映射，文字显示为 (cid:N)），无法读取；请提供可复制文字的PDF"
        )


def to_text(data: bytes) -> str:
    """The PDF's text in the reader's contract; :class:`ExtractError` when it has no text layer."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    out: list[str] = []
    glyph_count = 0
    try:
        for n, page in enumerate(PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES + 1)):
            if n >= MAX_PAGES:
                raise ExtractError(f"PDF超过 {MAX_PAGES} 页，不像一份年度报告，拒绝读取")
            interpreter.process_page(page)
            glyphs, segs = _page_objects(device.get_result())
            glyph_count += len(glyphs)
            if glyph_count > MAX_GLYPHS:
                raise ExtractError(f"PDF文字超过 {MAX_GLYPHS} 个字符，不像一份年度报告，拒绝读取")
            out += _page_lines(glyphs, segs)
    except ExtractError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise ExtractError(f"PDF文件已损坏、被截断或加密，无法读取（{type(exc).__name__}）") from exc
    if glyph_count == 0:
        raise ExtractError(
            "PDF无文字层（可能是扫描件），无法读取文字；请提供文字版PDF或先进行文字识别（OCR）"
        )
    check_decodable(out)
    return "".join(line + "\n" for line in front_matter(_carried(data)) + out)


def _carried(data: bytes) -> dict[str, str]:
    """{"agency": …} from the document info of a PDF made from our DOCX or by our PDF writer: Keywords
    holds our mark, Subject the organ (LibreOffice's export keeps both from the DOCX core properties)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    def text(value) -> str:
        value = resolve1(value)
        return (decode_text(value) if isinstance(value, bytes) else str(value or "")).strip()

    try:
        infos = PDFDocument(PDFParser(io.BytesIO(data))).info
        for info in infos:
            keywords = re.split(r"[\s,;，；]+", text(info.get("Keywords")))
            subject = text(info.get("Subject"))
            if CARRIED_MARK in keywords and subject:
                return {"agency": subject}
    except Exception:  # noqa: BLE001 - metadata is optional; the text was read already
        return {}
    return {}
