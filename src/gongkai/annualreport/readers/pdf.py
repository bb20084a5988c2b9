"""PDF with a text layer → text in the reader's contract, using pdfminer.six without its layout analysis.

PDFs have no tables, only glyphs and drawn lines. Tables are rebuilt from the ruling lines: the distinct
x and y positions of the lines cut the table into elementary cells; neighbouring elementary cells with no
line between them are one merged cell. Each merged cell is printed once, on the row of its top edge, so a
rowspan label ("（三）不予公开") lands on its first row exactly as the contract wants, and a cell with no
glyphs is an empty (blank) cell, not a missing one. Text outside tables is grouped into lines by baseline,
and wrapped lines are joined back into paragraphs. A PDF without any glyph (a scan) is refused: 无文字层.

Bounded (``readers.limits``): a counting device (:class:`_Device`) keeps each glyph as a small
:class:`Glyph`, not pdfminer's ``LTChar``, and counts glyphs and path segments as the interpreter draws
them; every stream is inflated through a bounded decompressor; a page's content is measured before it is
interpreted; pdfminer's parsers check the deadline each time they read a buffer; tables are grouped
through a grid index, and their cells are capped before they are built.
"""

from __future__ import annotations

import bisect
import io
import re
import zlib
from dataclasses import dataclass

from gongkai.annualreport.markers import CARRIED_MARK, front_matter
from gongkai.annualreport.readers import limits
from gongkai.annualreport.readers.extract import ExtractError

MAX_PAGES = limits.Budget().pdf_pages
MAX_GLYPHS = limits.Budget().pdf_glyphs  # a long report has ~50,000; beyond this the file is not a report
TOL = 1.5  # pt: positions closer than this are the same line
_HEADING = re.compile(r"^(（?[一二三四五六七八九十]+[、）]|（\d+）|\d+[.、．])")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,3}(\s*页)?(\s*/\s*共?\s*\d{1,3}\s*页?)?[-—–\s]*$")


class NoTextLayerError(ExtractError):
    """The PDF has no glyph at all (a scan): ``readers.scan`` may OCR it."""


@dataclass(slots=True)
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


@dataclass(slots=True)
class Seg:
    """A ruling segment: horizontal (``y`` fixed, from ``a`` to ``b`` in x) or vertical (``x`` fixed)."""

    horizontal: bool
    at: float
    a: float
    b: float


def _page_segments(layout) -> list[Seg]:
    """The ruling segments of a page (its glyphs were kept by the device as they were drawn)."""
    from pdfminer.layout import LTContainer, LTCurve

    segs: list[Seg] = []
    width, height = layout.width, layout.height
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTCurve):  # LTLine and LTRect are curves too
            if obj.width < width * 0.9 or obj.height < height * 0.5:  # not a page frame or background
                segs += _edges(obj)
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return segs


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
    """Segments of one orientation bucketed by the clustered line they lie on (index into ``lines``): the
    first line in ``lines``' order within TOL (lines are more than TOL apart, so there are at most two)."""
    order = sorted(range(len(lines)), key=lambda i: lines[i])
    ascending = [lines[i] for i in order]
    out: dict[int, list[Seg]] = {}
    for s in segs:
        if s.horizontal == horizontal:
            start = bisect.bisect_left(ascending, s.at - TOL)
            near = [
                order[j] for j in range(start, min(start + 3, len(order))) if abs(s.at - ascending[j]) <= TOL
            ]
            if near:
                out.setdefault(min(near), []).append(s)
    return out


def _covered(on_line: list[Seg], a: float, b: float) -> bool:
    """Is the boundary between ``a`` and ``b`` drawn (a segment on that line covers its middle)?"""
    mid = (a + b) / 2
    return any(s.a - TOL <= mid <= s.b + TOL for s in on_line)


_GRID = 48.0  # pt: cell size of the index of group boxes in ``_tables``


def _tables(segs: list[Seg]) -> list[list[Seg]]:
    """Group segments into tables: segments that touch each other, directly or through others, belong to
    the same table. Groups are merged until no two touch, so the order segments come in does not matter.
    A grid index over the groups' boxes finds the groups a segment may touch (not every group)."""
    groups: dict[int, tuple[list[float], list[Seg]]] = {}
    grid: dict[tuple[int, int], set[int]] = {}
    for number, seg in enumerate(sorted(segs, key=lambda s: -s.at if s.horizontal else -s.b)):
        if number % 256 == 0:
            limits.check()
        box = _box(seg)
        near = {gid for key in _grid_keys(box) for gid in grid.get(key, ())}
        hits = [gid for gid in near if _overlap(groups[gid][0], box)]
        if not hits:
            groups[number] = (box, [seg])
            for key in _grid_keys(box):
                grid.setdefault(key, set()).add(number)
            continue
        keep = max(hits, key=lambda gid: len(groups[gid][1]))  # the largest absorbs the others
        kept_box, members = groups[keep]
        members.append(seg)
        box = _union(box, kept_box)
        for gid in hits:
            if gid != keep:
                old_box, old_members = groups.pop(gid)
                for key in _grid_keys(old_box):
                    grid[key].discard(gid)
                members += old_members
                box = _union(box, old_box)
        groups[keep] = (box, members)
        if box != kept_box:
            for key in _grid_keys(box):
                grid.setdefault(key, set()).add(keep)
    return [g[1] for g in groups.values() if _cell_count(g[1]) >= 2]


def _grid_keys(box: list[float]) -> list[tuple[int, int]]:
    """The grid cells a box (widened by TOL) lies on; coordinates are clamped to a sheet larger than A3, so
    a segment drawn far off the page costs a few cells (clamping keeps every overlap: both boxes of an
    overlap share a clamped cell)."""
    x0, y0, x1, y1 = (_grid_index(v) for v in (box[0] - TOL, box[1] - TOL, box[2] + TOL, box[3] + TOL))
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _grid_index(value: float) -> int:
    return int(min(max(value, -_GRID), 1_800.0) // _GRID)


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
    limits.count("pdf_table_cells", max(len(ys) - 1, 0) * max(len(xs) - 1, 0))
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
    descending = [-y for y in ys]
    for i, g in enumerate(glyphs):
        r = _index(descending, -g.cy)
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


def _index(edges: list[float], v: float) -> int | None:
    """The first ``i`` with ``edges[i] <= v <= edges[i + 1]`` (``edges`` ascending), by bisection."""
    i = max(bisect.bisect_left(edges, v) - 1, 0)
    if i + 1 < len(edges) and edges[i] <= v <= edges[i + 1]:
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
_OPENING = frozenset("“‘（《〈「『【〔")
_QUOTES = frozenset("“”‘’")  # UAX #14 class QU: no break on either side


def _leading_unit(text: str) -> int:
    """Characters at the start of a line that line breaking keeps together: a character with the closing
    marks after it ("力，"), what an opening mark holds to, and both neighbours of a curly quote ("审”制，")."""
    n = 1
    while n < len(text) and (
        text[n] in _CLOSING or text[n] in _QUOTES or text[n - 1] in _OPENING or text[n - 1] in _QUOTES
    ):
        n += 1
    return n


def _is_heading(text: str) -> bool:
    """A heading starts the line (``六、``, ``（一）``, ``1.``); a number followed by ASCII after its mark
    ("1.html", "2.5") is the rest of a web address or a decimal that did not fit the line above."""
    match = _HEADING.match(text)
    if not match:
        return False
    after = text[match.end() : match.end() + 1]
    return not (match.group(0)[-1] in ".．" and after and after.isascii())


def _paragraphs(
    lines: list[list[Glyph]], left: float, right: float, explicit: bool = False
) -> list[tuple[float, str]]:
    """Join wrapped lines: a line that runs to the right margin continues on the next unindented line.

    "Runs to the margin" allows half a character more room than the characters the next line starts with
    and line breaking keeps together (one and a half for "审", two and a half for "力，", four and a half
    for "审”制，": renderers that justify only at spaces, such as WeasyPrint, leave that gap); the width
    of the next line's first number or Latin word more when it starts with one (it did not fit: "341000").
    A line that starts like a heading is not joined, unless its "1." is followed by ASCII (a web address
    broken after "/": "…/xxgk/" + "511.html）")."""
    out: list[tuple[float, str]] = []
    gap = None
    pitch = _line_pitch(lines)
    above = None
    for line in lines:
        text = _line_text(line, explicit).strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        size = line[0].y1 - line[0].y0
        if above is not None and pitch and above - line[0].cy > pitch * 1.6:
            gap = None  # blank lines between: a new block (the signature after the last paragraph)
        above = line[0].cy
        if "\t" in text:  # a row of a table drawn without lines: never part of a paragraph
            out.append((line[0].cy, text))
            gap = None
            continue
        indented = line[0].x0 - left > size * 1.5
        room = size * (_leading_unit(text) + 0.5)
        lead = _leading_word(line)
        if lead:  # the line broke before a number, web address or Latin word that did not fit
            room = max(room, lead + size * 1.5)
        carry = gap is not None and gap < room
        if carry and out and not indented and not _is_heading(text):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line[0].cy, text))
        gap = right - line[-1].x1
    return out


def _line_pitch(lines: list[list[Glyph]]) -> float | None:
    """The page's usual distance between baselines (the median), or None with too few lines to tell."""
    tops = [line[0].cy for line in lines if line]
    steps = sorted(a - b for a, b in zip(tops, tops[1:], strict=False) if a - b > 0)
    return steps[len(steps) // 2] if len(steps) >= 3 else None


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


page_lines = _page_lines  # public: the OFD and scanned-PDF readers rebuild their pages with it


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
    with limits.guarded():
        return _to_text(data)


def read_pages(data: bytes) -> list[list[str]]:
    """Each page's lines as the reader rebuilds them (table rows tab-separated), page by page: what the
    rendering tests check page breaks against. :class:`ExtractError` as :func:`to_text`."""
    with limits.guarded():
        return _pages(data)


def _to_text(data: bytes) -> str:
    out = [line for page in _pages(data) for line in page]
    check_decodable(out)
    return "".join(line + "\n" for line in front_matter(_carried(data)) + out)


def _pages(data: bytes) -> list[list[str]]:
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    _install_bounds()
    manager = PDFResourceManager(caching=True)
    device = _device(manager)
    interpreter = PDFPageInterpreter(manager, device)
    out: list[list[str]] = []
    glyph_count = 0
    try:
        for n, page in enumerate(PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES + 1)):
            limits.count("pdf_pages")
            if n >= MAX_PAGES:
                raise ExtractError(f"PDF超过 {MAX_PAGES} 页，不像一份年度报告，拒绝读取")
            _measure_content(page)
            interpreter.process_page(page)
            glyphs = _without_overprint(device.glyphs)
            device.glyphs = []
            glyph_count += len(glyphs)
            out.append(_page_lines(glyphs, _page_segments(device.get_result())))
    except ExtractError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise ExtractError(f"PDF文件已损坏、被截断或加密，无法读取（{type(exc).__name__}）") from exc
    except (zlib.error, EOFError) as exc:
        raise ExtractError(f"PDF数据流无法解压，文件已损坏或被截断（{type(exc).__name__}）") from exc
    if glyph_count == 0:
        raise NoTextLayerError(
            "PDF无文字层（可能是扫描件），无法读取文字；请提供文字版PDF或先进行文字识别（OCR）"
        )
    return out


def _measure_content(page) -> None:
    """Inflate the page's content streams (bounded) and refuse a page whose content is past its cap, before
    the interpreter parses any of it; the interpreter then reuses the inflated data."""
    from pdfminer.pdftypes import resolve1, stream_value

    total = 0
    limit = limits.cap("pdf_page_content_bytes")
    for ref in page.contents or ():
        stream = stream_value(resolve1(ref))
        total += len(stream.get_data())
        if total > limit:
            raise limits.exceeded("pdf_page_content_bytes", total)


_DEVICE = None


def _device(manager):
    """A pdfminer layout device that counts glyphs and path segments as they are drawn.

    Each glyph is kept as a small :class:`Glyph` (what the table and paragraph code needs) instead of
    pdfminer's ``LTChar`` (about 1 KB each), so memory grows with the glyph cap, not with the page.
    Curves still go to the page layout (at most ``pdf_page_segments`` of them)."""
    global _DEVICE
    if _DEVICE is None:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LTChar
        from pdfminer.pdffont import PDFUnicodeNotDefined

        class Device(PDFPageAggregator):
            def __init__(self, manager) -> None:
                super().__init__(manager, laparams=None)
                self.guard = limits.current()
                self.glyphs: list[Glyph] = []
                self.page_segments = 0

            def begin_page(self, page, ctm) -> None:
                super().begin_page(page, ctm)
                self.glyphs, self.page_segments = [], 0

            def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
                if self.guard.count("pdf_glyphs") % 1024 == 0:
                    self.guard.check()
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = self.handle_undefined_char(font, cid)
                item = LTChar(
                    matrix,
                    font,
                    fontsize,
                    scaling,
                    rise,
                    text,
                    font.char_width(cid),
                    font.char_disp(cid),
                    ncs,
                    graphicstate,
                )
                if text.strip() or text == " ":  # space glyphs are the text's real spaces
                    self.glyphs.append(Glyph(text, item.x0, item.x1, item.y0, item.y1))
                return item.adv

            def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
                self.page_segments += len(path)
                if self.page_segments > self.guard.limit("pdf_page_segments"):
                    raise limits.exceeded("pdf_page_segments", self.page_segments)
                self.guard.count("pdf_segments", len(path))
                self.guard.check()
                super().paint_path(gstate, stroke, fill, evenodd, path)

        _DEVICE = Device
    return _DEVICE(manager)


_INSTALLED = False


def _install_bounds() -> None:
    """Bound pdfminer where it has no bound of its own (once per process; the same behaviour otherwise).

    * every Flate stream is inflated by :func:`_inflate` (a cap per stream and per document), and the
      damaged-stream fallback by :func:`_inflate_damaged` (linear, bounded); LZW likewise;
    * the file and content parsers check the deadline each time they read a new buffer (4 KB), so a huge
      comment or object soup stops on time.
    """
    global _INSTALLED
    if _INSTALLED:
        return
    from pdfminer import pdfinterp, pdftypes, psparser
    from pdfminer.lzw import LZWDecoder

    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _inflate_damaged
    pdftypes.lzwdecode = lambda data: _bounded_join(LZWDecoder(io.BytesIO(data)).run())
    for parser in (psparser.PSBaseParser, pdfinterp.PDFContentParser):
        parser.fillbuf = _checking(parser.fillbuf)
    _INSTALLED = True


def _checking(fillbuf):
    def checked(self) -> bool:
        if self.charpos >= len(self.buf):
            limits.check()
        return fillbuf(self)

    return checked


def _bounded_join(chunks) -> bytes:
    limit, out, size = limits.cap("pdf_stream_bytes"), [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise limits.exceeded("pdf_stream_bytes")
        out.append(chunk)
    limits.count("pdf_inflated_bytes", size)
    return b"".join(out)


def _inflate(data: bytes) -> bytes:
    """``zlib.decompress`` with the per-stream cap; raises ``zlib.error`` on a damaged stream as it does."""
    limit = limits.cap("pdf_stream_bytes")
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise limits.exceeded("pdf_stream_bytes")
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    limits.count("pdf_inflated_bytes", len(out))
    limits.check()
    return out


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's fallback for a damaged stream, linear and bounded: what inflates before the damage when
    the damage is in the last 3 bytes (the checksum), else ``zlib.error``. Fed in 4 KB chunks; the chunk
    that fails is fed again one byte at a time from a copy of the state before it."""
    limit = limits.cap("pdf_stream_bytes")
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size, pos, step = 0, 0, 4096
    while pos < len(data):
        saved = inflater.copy()
        try:
            piece = inflater.decompress(data[pos : pos + step])
        except zlib.error:
            if step == 1:
                if pos < len(data) - 3:
                    raise
                break
            inflater, step = saved, 1
            continue
        size += len(piece)
        if size > limit:
            raise limits.exceeded("pdf_stream_bytes")
        out.append(piece)
        pos += step
        limits.check()
    limits.count("pdf_inflated_bytes", size)
    return b"".join(out)


class _BoundedZlib:
    """What ``pdfminer.pdftypes`` uses of the ``zlib`` module, bounded."""

    error = zlib.error
    decompress = staticmethod(_inflate)
    decompressobj = staticmethod(zlib.decompressobj)


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
