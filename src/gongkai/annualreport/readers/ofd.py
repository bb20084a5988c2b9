"""OFD (GB/T 33190-2016, the Chinese fixed-layout format) → text in the reader's contract, natively.

An OFD file is a ZIP container: ``OFD.xml`` names the document root (``DocBody/DocRoot``, e.g.
``Doc_0/Document.xml``), which lists the pages (``Pages/Page/@BaseLoc`` → ``Pages/Page_0/Content.xml``).
A page's content holds layers of ``TextObject`` (``Boundary`` = x y w h of its box, ``Size`` = font size,
optional ``CTM``) with ``TextCode`` runs (``X``/``Y`` = the first glyph's baseline origin inside the box,
``DeltaX`` = the advances between glyphs, ``g N d`` meaning N times d) and ``PathObject`` drawings
(``AbbreviatedData``: ``M``/``S`` move, ``L`` line, ``B``/``Q``/``A`` curves, ``C`` close). Units are
millimetres, y grows downwards.

Glyphs and ruling segments are converted to the PDF reader's points (y up) and handed to its page logic
(``readers.pdf.page_lines``), so tables are rebuilt from the ruling lines exactly as for a PDF. Template
pages, annotations and signatures are not read (the report's text is in the page content).

The archive is checked before anything is inflated, as for DOCX: too many parts, a part declared or found
larger than its cap, or an absurd compression ratio (a zip bomb) is refused with an :class:`ExtractError`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from gongkai.annualreport.readers.extract import ExtractError

NS = "http://www.ofdspec.org/2016"
MAX_PARTS = 5_000  # a 30-page report has ~100 parts (pages, fonts, images, signatures)
MAX_PART_BYTES = 20 * 1024 * 1024  # a page's Content.xml is well under 1 MB
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # XML inflated in all
MAX_RATIO = 200  # real OFD XML deflates 5–30×; bombs deflate 1000× and more
MAX_PAGES = 200
MAX_GLYPHS = 1_000_000
PT_PER_MM = 72 / 25.4
_XML = etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Package:
    """The ZIP container, with every part's size checked before it is inflated."""

    def __init__(self, data: bytes):
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise ExtractError(f"OFD文件已损坏或不完整，无法打开（{exc}）") from exc
        infos = self.archive.infolist()
        if len(infos) > MAX_PARTS:
            raise ExtractError(f"OFD文件包含 {len(infos)} 个部件，超过上限 {MAX_PARTS}，拒绝读取")
        self.names = {info.filename.lstrip("/"): info for info in infos}
        self.inflated = 0

    def xml(self, name: str):
        info = self.names.get(name.lstrip("/"))
        if info is None:
            raise ExtractError(f"OFD文件中缺少部件 {name}，无法读取")
        if info.file_size > MAX_PART_BYTES:
            raise ExtractError(
                f"OFD部件 {name} 解压后达 {info.file_size} 字节，超过上限 {MAX_PART_BYTES} 字节，拒绝读取"
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            ratio = info.file_size // info.compress_size
            raise ExtractError(f"OFD部件 {name} 压缩比异常（{ratio}倍），疑为压缩炸弹，拒绝读取")
        try:
            with self.archive.open(info) as stream:
                raw = stream.read(MAX_PART_BYTES + 1)  # the declared size may lie: cap what we inflate
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ExtractError(f"OFD部件 {name} 无法解压，文件可能被截断（{exc}）") from exc
        if len(raw) > MAX_PART_BYTES:
            raise ExtractError(f"OFD部件 {name} 解压后超过上限 {MAX_PART_BYTES} 字节，拒绝读取")
        self.inflated += len(raw)
        if self.inflated > MAX_TOTAL_BYTES:
            raise ExtractError(f"OFD文件解压后超过上限 {MAX_TOTAL_BYTES} 字节，拒绝读取")
        try:
            return etree.fromstring(raw, parser=_XML)
        except etree.XMLSyntaxError as exc:
            raise ExtractError(f"OFD部件 {name} 的XML无法解析，文件可能被截断或损坏（{exc}）") from exc


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _box(text: str | None) -> tuple[float, float, float, float]:
    values = _numbers(text)
    return tuple(values[:4]) if len(values) >= 4 else (0.0, 0.0, 0.0, 0.0)  # type: ignore[return-value]


def _ctm(el) -> tuple[float, ...]:
    values = _numbers(el.get("CTM"))
    return tuple(values[:6]) if len(values) >= 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _apply(ctm: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


def deltas(text: str | None, count: int) -> list[float]:
    """``DeltaX``/``DeltaY`` expanded: ``"g 3 4.2 1"`` is ``[4.2, 4.2, 4.2, 1]``; padded with the last."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                repeat, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                break
            out += [value] * max(0, min(repeat, count - len(out)))
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            break
        i += 1
    return out


def _page_size(document, fallback=(210.0, 297.0)) -> tuple[float, float]:
    box = document.find(f"{_q('CommonData')}/{_q('PageArea')}/{_q('PhysicalBox')}")
    if box is None:
        return fallback
    _, _, w, h = _box(box.text)
    return (w, h) if w > 0 and h > 0 else fallback


def _objects(root):
    """Every TextObject and PathObject of a page, also inside PageBlocks, in drawing order."""
    return root.iter(_q("TextObject"), _q("PathObject"))


def _text_glyphs(obj, height: float, glyph):
    """The object's glyphs as ``glyph(text, x0, x1, y0, y1)`` in points, y up."""
    bx, by, _, _ = _box(obj.get("Boundary"))
    size = _numbers(obj.get("Size"))
    size = size[0] if size else 3.5
    ctm = _ctm(obj)
    scale = (abs(ctm[3]) or 1.0) * size
    for code in obj.iter(_q("TextCode")):
        text = code.text or ""
        chars = list(text)
        if not chars:
            continue
        x = float((_numbers(code.get("X")) or [0.0])[0])
        y = float((_numbers(code.get("Y")) or [0.0])[0])
        dx = deltas(code.get("DeltaX"), len(chars) - 1)
        dy = deltas(code.get("DeltaY"), len(chars) - 1)
        for i, ch in enumerate(chars):
            advance = dx[i] if i < len(dx) else (dx[-1] if dx else (size if ord(ch) > 0x2E7F else size / 2))
            if ch.strip():
                px, py = _apply(ctm, x, y)
                px, py = bx + px, by + py
                width = min(advance, size) if advance > 0 else size
                yield glyph(
                    ch,
                    px * PT_PER_MM,
                    (px + width * abs(ctm[0] or 1.0)) * PT_PER_MM,
                    (height - py) * PT_PER_MM,
                    (height - py + scale * 0.9) * PT_PER_MM,
                )
            x += advance
            y += dy[i] if i < len(dy) else 0.0


_PATH_OP = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def _path_segments(obj, width: float, height: float, seg):
    """Straight horizontal and vertical pieces of a path as ``seg(horizontal, at, a, b)`` in points."""
    bx, by, bw, bh = _box(obj.get("Boundary"))
    if bw > width * 0.9 and bh > height * 0.5:
        return  # a page frame or a background, not a ruling line
    data = obj.findtext(_q("AbbreviatedData")) or ""
    ctm = _ctm(obj)
    tokens = _PATH_OP.findall(data)
    points: list[tuple[float, float]] = []  # the current subpath
    i = 0

    def flush():
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            yield from _straight(x0, y0, x1, y1, height, seg)

    while i < len(tokens):
        op = tokens[i]
        i += 1
        if op not in _ARITY:
            continue
        args = []
        while len(args) < _ARITY[op] and i < len(tokens) and tokens[i] not in _ARITY:
            args.append(float(tokens[i]))
            i += 1
        if len(args) < _ARITY[op]:
            break
        if op in "MS":
            yield from flush()
            points = []
        if op == "C":
            if points:
                points.append(points[0])
            yield from flush()
            points = points[-1:]
            continue
        x, y = _apply(ctm, args[-2], args[-1])
        point = (bx + x, by + y)
        if op in "QBA" and points:  # a curve: not a ruling line; restart the subpath at its end
            yield from flush()
            points = [point]
            continue
        points.append(point)
    yield from flush()


def _straight(x0, y0, x1, y1, height, seg):
    tol = 0.3  # mm
    if abs(y1 - y0) <= tol and abs(x1 - x0) > tol:
        yield seg(
            True, (height - (y0 + y1) / 2) * PT_PER_MM, min(x0, x1) * PT_PER_MM, max(x0, x1) * PT_PER_MM
        )
    elif abs(x1 - x0) <= tol and abs(y1 - y0) > tol:
        yield seg(
            False,
            (x0 + x1) / 2 * PT_PER_MM,
            (height - max(y0, y1)) * PT_PER_MM,
            (height - min(y0, y1)) * PT_PER_MM,
        )


def _resolve(base: str, loc: str) -> str:
    loc = loc.strip()
    if loc.startswith("/"):
        return loc.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def to_text(data: bytes) -> str:
    """The OFD document's text in the reader's contract (lines, tab-separated table rows)."""
    from gongkai.annualreport.readers.pdf import Glyph, Seg, page_lines

    package = _Package(data)
    with package.archive:
        root = package.xml("OFD.xml")
        doc_root = root.findtext(f"{_q('DocBody')}/{_q('DocRoot')}")
        if not doc_root:
            raise ExtractError("OFD.xml 中没有 DocBody/DocRoot，不是有效的OFD文档")
        doc_path = _resolve("OFD.xml", doc_root)
        document = package.xml(doc_path)
        width, height = _page_size(document)
        pages = document.findall(f"{_q('Pages')}/{_q('Page')}")
        if len(pages) > MAX_PAGES:
            raise ExtractError(f"OFD超过 {MAX_PAGES} 页，不像一份年度报告，拒绝读取")
        out: list[str] = []
        count = 0
        for page in pages:
            loc = page.get("BaseLoc")
            if not loc:
                continue
            content = package.xml(_resolve(doc_path, loc))
            w, h = width, height
            area = content.find(f"{_q('Area')}/{_q('PhysicalBox')}")  # the page's own size, if set
            if area is not None:
                _, _, aw, ah = _box(area.text)
                w, h = (aw, ah) if aw > 0 and ah > 0 else (w, h)
            glyphs, segs = [], []
            for obj in _objects(content):
                if obj.tag == _q("TextObject"):
                    glyphs += _text_glyphs(obj, h, Glyph)
                else:
                    segs += _path_segments(obj, w, h, Seg)
            count += len(glyphs)
            if count > MAX_GLYPHS:
                raise ExtractError(f"OFD文字超过 {MAX_GLYPHS} 个字符，不像一份年度报告，拒绝读取")
            out += page_lines(glyphs, segs)
    if count == 0:
        raise ExtractError("OFD中没有文字（可能是扫描件图像），无法读取文字")
    return "".join(line + "\n" for line in out)


def is_ofd(data: bytes) -> bool:
    """A ZIP whose entry point is ``OFD.xml`` (looked up in the archive's directory, nothing inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.lstrip("/").lower() == "ofd.xml" for name in archive.namelist())
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        NotImplementedError,
    ):  # truncated: the first local header still names it
        return b"OFD.xml" in data[:1024]
