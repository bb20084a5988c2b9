"""DOCX → text in the reader's contract, reading ``word/document.xml`` directly (zipfile + lxml, fast).

Merged cells: a ``w:gridSpan`` cell is one cell (no placeholders); a ``w:vMerge`` continuation cell (no
``w:val="restart"``) is skipped, so a vertically merged label appears once, on its first row. Line breaks
inside a cell are joined away. The archive is checked before anything is inflated: a DOCX zip bomb (huge
declared size, absurd compression ratio, or a stream that inflates past its declared size) is refused with
an :class:`ExtractError`, in bounded time and memory.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from gongkai.annualreport.markers import CARRIED_MARK, front_matter
from gongkai.annualreport.readers import limits
from gongkai.annualreport.readers.extract import ExtractError
from gongkai.annualreport.readers.html import check_characters

MAX_XML_BYTES = limits.Budget().docx_xml_bytes  # document.xml of a real report is well under 1 MB
MAX_RATIO = 200  # real Word XML deflates 5–30×; bombs deflate 1000× and more
DOCUMENT = "word/document.xml"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc"))
_T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "cr"))
_VMERGE, _HMERGE, _VAL = f"{{{W}}}vMerge", f"{{{W}}}hMerge", f"{{{W}}}val"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Text that is not in the document as shown: text boxes' duplicate (mc:Fallback) and tracked moves' origin.
_FALLBACKS = etree.XPath("//mc:Fallback | //w:moveFrom", namespaces={"mc": MC, "w": W})
_CONTAINERS = frozenset(f"{{{W}}}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "body"))
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def _document_xml(data: bytes) -> bytes:
    max_xml = limits.cap("docx_xml_bytes")
    entries = data.count(b"PK\x01\x02")  # central directory headers, counted before zipfile parses them all
    if entries > limits.cap("docx_entries"):
        raise limits.exceeded("docx_entries", entries)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ExtractError(f"DOCX文件已损坏或不完整，无法打开（{exc}）") from exc
    with archive:
        try:
            info = archive.getinfo(DOCUMENT)
        except KeyError:
            raise ExtractError(f"DOCX文件中没有正文部分 {DOCUMENT}，不是Word文档") from None
        if info.file_size > max_xml:
            raise ExtractError(f"DOCX正文解压后达 {info.file_size} 字节，超过上限 {max_xml} 字节，拒绝读取")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            ratio = info.file_size // info.compress_size
            raise ExtractError(f"DOCX正文压缩比异常（{ratio}倍），疑为压缩炸弹，拒绝读取")
        try:
            with archive.open(info) as stream:
                xml = stream.read(max_xml + 1)  # the declared size may lie: cap what we inflate
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ExtractError(f"DOCX正文无法解压，文件可能被截断（{exc}）") from exc
    if len(xml) > max_xml:
        raise ExtractError(f"DOCX正文解压后超过上限 {max_xml} 字节，拒绝读取")
    return xml


def _run_text(el, cell: bool) -> str:
    """Text of a paragraph: ``w:t`` runs; a tab is a space; a break is a newline (joined away in cells)."""
    parts = []
    for node in el.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        elif not cell:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    text = "".join(_run_text(p, cell=True) for p in tc.iter(_P))
    return _SPACES.sub(" ", text).strip()


def _is_continuation(tc) -> bool:
    """A merged cell after its first: ``<w:vMerge/>`` below its first row, or an old-style ``<w:hMerge/>``
    (files converted from .doc) right of its first column; neither has ``w:val="restart"``."""
    props = tc.find(f"{{{W}}}tcPr")
    if props is None:
        return False
    for tag in (_VMERGE, _HMERGE):
        merge = props.find(tag)
        if merge is not None and merge.get(_VAL, "continue") != "restart":
            return True
    return False


def _table_lines(tbl, out: list[str]) -> None:
    for tr in tbl.iter(_TR):
        limits.check()
        if tr.getparent() is not tbl and tr.getparent().getparent() is not tbl:
            continue  # a row of a nested table: its text is already part of the outer cell
        cells = [tc for tc in tr if tc.tag == _TC or tc.tag in _CONTAINERS]
        texts = [_cell_text(tc) for tc in _own_cells(cells) if not _is_continuation(tc)]
        if texts:
            out.append("\t".join(texts))


def _own_cells(children):
    for child in children:
        if child.tag == _TC:
            yield child
        else:  # cells wrapped in a content control
            yield from child.iter(_TC)


def _is_layout_table(tbl) -> bool:
    """A table used for layout (a frame around the document): it holds other tables, or has one cell."""
    if next(tbl.iterdescendants(_TBL), None) is not None:
        return True
    cells = tbl.iterdescendants(_TC)
    return next(cells, None) is not None and next(cells, None) is None


def _block_lines(parent, out: list[str]) -> None:
    for child in parent:
        limits.check()
        if child.tag == _P:
            for line in _run_text(child, cell=False).split("\n"):
                line = _SPACES.sub(" ", line).strip()
                if line:
                    out.append(line)
        elif child.tag == _TBL and _is_layout_table(child):
            for tc in child.iter(_TC):
                if tc.getparent().getparent() is child or tc.getparent().getparent().getparent() is child:
                    _block_lines(tc, out)  # the cell's paragraphs and tables, read as blocks
        elif child.tag == _TBL:
            _table_lines(child, out)
        elif child.tag in _CONTAINERS:
            _block_lines(child, out)


def to_text(data: bytes) -> str:
    """The document's text in the reader's contract (paragraph lines, tab-separated table rows).

    Bounded: the archive is checked before anything is inflated, and the text's characters are counted
    right after parsing (in C), before the tree is walked."""
    with limits.guarded():
        return _to_text(data)


def _to_text(data: bytes) -> str:
    xml = _document_xml(data)
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise ExtractError(f"DOCX正文XML无法解析，文件可能被截断或损坏（{exc}）") from exc
    for fallback in _FALLBACKS(root):  # text boxes are stored twice (mc:Choice, mc:Fallback): keep one
        fallback.getparent().remove(fallback)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise ExtractError("DOCX正文中没有 w:body，无法读取")
    check_characters(body)
    out: list[str] = front_matter(_carried(data))
    _block_lines(body, out)
    return "".join(line + "\n" for line in out)


CORE = "docProps/core.xml"
MAX_CORE_BYTES = 64 * 1024
_DC = "http://purl.org/dc/elements/1.1/"


def _carried(data: bytes) -> dict[str, str]:
    """{"agency": …} from the core properties our writer sets (a fact the report's text may not state)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(CORE)
            if info.file_size > MAX_CORE_BYTES:
                return {}
            with archive.open(info) as stream:
                xml = stream.read(MAX_CORE_BYTES + 1)  # the declared size may lie: cap what we inflate
        if len(xml) > MAX_CORE_BYTES:
            return {}
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    except (
        KeyError,
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        etree.XMLSyntaxError,
    ):
        return {}
    if (root.findtext(f"{{{_DC}}}identifier") or "").strip() != CARRIED_MARK:
        return {}
    agency = (root.findtext(f"{{{_DC}}}subject") or "").strip()
    return {"agency": agency} if agency else {}
