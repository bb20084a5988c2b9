"""Readers: any input into a ``Report``.

``read(source)`` takes a path (``pathlib.Path`` or any ``os.PathLike``), ``bytes`` (a file's content) or
``str`` (text content, e.g. what a writer produced). It sniffs the kind: our JSON, HTML, DOCX, PDF, else
text; HTML/DOCX/PDF are turned into text by ``readers.html/docx/pdf.to_text`` and then, like text, read by
``parse_text``.

It never raises on bad or foreign input: it returns what it could read, with ``problems``. The one
exception is ``UnreadableError``: the input cannot be read at all (missing, unreadable, empty, too large,
binary garbage, not a report). The CLI turns that into a message on stderr and a nonzero exit.
"""

from __future__ import annotations

import errno
import importlib
import os
from pathlib import Path

from gongkai.annualreport.model import Problem, Report
from gongkai.annualreport.readers import limits
from gongkai.annualreport.readers.json import looks_like_report_json, parse_json
from gongkai.annualreport.readers.limits import Budget, LimitExceeded, UnreadableError
from gongkai.annualreport.readers.text import parse_text

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "Budget",
    "LimitExceeded",
    "UnreadableError",
    "decode",
    "os_reason",
    "parse_text",
    "read",
]

MAX_BYTES = Budget().max_bytes  # larger inputs are refused before being read whole (bounded memory)
MAX_CHARS = Budget().max_chars  # a real report's text is 5–200 thousand characters; more is not a report
_SNIFF = 4096
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read(
    source: str | bytes | os.PathLike, *, name: str | None = None, budget: Budget | None = None
) -> Report:
    """A report from a path, bytes or text, within ``budget`` (see ``readers.limits``; by default 2 s and
    256 MB, or what ``GONGKAI_READ_SECONDS`` / ``GONGKAI_READ_MEMORY_MB`` say). Raises only
    ``UnreadableError`` (a ``LimitExceeded`` when a cap of the budget was passed)."""
    with limits.guarded(budget or Budget.from_env()):
        try:
            return _read(source, name)
        except ValueError as error:  # e.g. a digit run past Python's int-conversion limit (4,300 digits)
            if "Exceeds the limit" not in str(error):
                raise
            raise UnreadableError("文中有过长的数字串（数千位），不是年度报告的数字，拒绝读取") from None


def _read(source: str | bytes | os.PathLike, name: str | None) -> Report:
    if isinstance(source, os.PathLike):
        name = name or str(source)
        data: bytes | str = _read_file(Path(source))
    elif isinstance(source, bytes | bytearray | str):
        data = bytes(source) if isinstance(source, bytearray) else source
    else:
        raise UnreadableError(f"无法读取类型为 {type(source).__name__} 的输入")
    max_bytes = limits.cap("max_bytes")
    if len(data) > max_bytes:
        raise LimitExceeded("max_bytes", f"输入过大（超过 {max_bytes // (1024 * 1024)} MB），未读取")
    if isinstance(data, str):
        return _from_text(data, name, [])
    return _from_bytes(data, name)


# The OS's reasons (English strerror) in Chinese, by errno.
_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "是目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
    errno.EIO: "读写出错（磁盘或设备故障）",
}


def os_reason(error: OSError) -> str:
    """An OSError's reason in Chinese (the English strerror when the errno is not a common one)."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)


def _read_file(path: Path) -> bytes:
    max_bytes = limits.cap("max_bytes")
    too_large = LimitExceeded("max_bytes", f"文件过大（超过 {max_bytes // (1024 * 1024)} MB），未读取")
    try:
        if not path.is_file():
            raise UnreadableError("文件不存在" if not path.exists() else "不是普通文件")
        if path.stat().st_size > max_bytes:
            raise too_large
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableError(f"无法打开文件：{os_reason(error)}") from None
    if len(data) > max_bytes:
        raise too_large
    return data


def _from_bytes(data: bytes, name: str | None) -> Report:
    if not data.strip():
        raise UnreadableError("文件为空")
    head = data[:_SNIFF]
    if b"%PDF-" in head[:1024]:  # the header may follow some junk bytes
        from gongkai.annualreport.readers.pdf import NoTextLayerError

        try:
            return _convert("pdf", "PDF", data, name)
        except NoTextLayerError:  # a scan: OCR it when Tesseract is installed (readers.scan)
            return _convert("scan", "扫描PDF", data, name)
    if head.startswith(_OLE):  # Word 97–2003 .doc, WPS .wps: through LibreOffice (readers.office)
        return _convert("office", "DOC/WPS", data, name)
    if head.startswith(b"PK\x03\x04") and _is_ofd(data):
        return _convert("ofd", "OFD", data, name)
    if head.startswith(b"PK\x03\x04"):
        if b"word/" not in data[:65536] and b"[Content_Types].xml" not in data[:65536]:
            raise UnreadableError("是 ZIP 压缩文件，但不是 DOCX 文档")
        return _convert("docx", "DOCX", data, name)
    if _looks_html(head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")):
        return _convert("html", "HTML", data, name)  # the page's own bytes: it may declare its charset
    text, problems = decode(data)
    return _from_text(text, name, problems)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file


def _is_ofd(data: bytes) -> bool:
    from gongkai.annualreport.readers.ofd import is_ofd

    return is_ofd(data)


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """Text from bytes: a BOM decides; else UTF-8; else GB18030 (said in a problem, since it is a guess)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                raise UnreadableError(f"文件以 {codec} 标记开头，但无法按该编码解码") from None
    if _looks_binary(data[:_SNIFF]):
        raise UnreadableError("是二进制数据，不是文本、HTML、DOCX、PDF 或 JSON")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, [Problem("encoding", "文件编码无法识别，按 UTF-8 读取并替换了无法解码的字节")]
    return text, [Problem("encoding", "文件不是 UTF-8 编码，按 GB18030（GBK）解码")]


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) // 100


def _from_text(text: str, name: str | None, problems: list[Problem]) -> Report:
    if not text.strip():
        raise UnreadableError("文件为空")
    _check_length(text)
    stripped = text.lstrip()
    if looks_like_report_json(stripped):
        try:
            report = parse_json(stripped, name)
        except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError; deep nesting
            raise UnreadableError(f"JSON 无法解析：{error}") from None
    elif _looks_html(stripped):
        return _convert("html", "HTML", text.encode("utf-8"), name, problems)
    else:
        report = parse_text(text, name)
        _refuse_non_report(report)
    report.problems[:0] = problems
    return report


def _check_length(text: str) -> None:
    max_chars = limits.cap("max_chars")
    if len(text) > max_chars:
        raise LimitExceeded(
            "max_chars", f"文字过多（{len(text)} 字符，上限 {max_chars}），不像一份年度报告，未读取"
        )


def _looks_html(text: str) -> bool:
    head = text[:_SNIFF].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if head.startswith(("<p>", "<p ", "<div", "<table", "<span", "<h1", "<h2", "<section")):
        return True  # an HTML fragment (a page's body copied without <html>/<body>)
    return (head.startswith("<?xml") and "<html" in head) or "<table" in head


# Readers that hand the file to another program (with its own timeout) and get more time for it.
EXTERNAL_CONVERTERS = ("scan", "office")


def _convert(module: str, kind: str, data: bytes, name: str | None, problems=None) -> Report:
    """Hand binary formats to their ``to_text`` (lazily imported), then to ``parse_text``."""
    try:
        extractor = importlib.import_module(f"gongkai.annualreport.readers.{module}")
        to_text = extractor.to_text
    except (ImportError, AttributeError):
        raise UnreadableError(f"暂不支持读取 {kind}") from None
    if module in EXTERNAL_CONVERTERS:
        guard = limits.current()
        if not guard.budget.converters:
            raise UnreadableError(f"{kind} 需要外部转换程序，本次读取已停用外部转换程序")
        guard.extend(guard.budget.converter_seconds)
    try:
        text = to_text(data)
    except UnreadableError:
        raise
    except RecursionError:
        raise UnreadableError(f"{kind} 嵌套过深，无法读取") from None
    except MemoryError:
        raise LimitExceeded("memory_mb", f"{kind} 读取时内存不足，拒绝读取") from None
    except Exception as error:  # a foreign file may break a parser in any way; never a traceback
        raise UnreadableError(f"{kind} 无法读取：{error}") from None
    if not text or not text.strip():
        raise UnreadableError(f"{kind} 中没有可读取的文字")
    _check_length(text)
    # OCR'd text (readers.scan): every number must be confirmed by an identity (readers.decoding)
    report = parse_text(text, name, ocr=getattr(extractor, "OCR", False))
    _refuse_non_report(report)
    finish = getattr(extractor, "finish", None)  # e.g. the agency said to be OCR'd
    if finish is not None:
        finish(report)
    report.problems[:0] = problems or []
    return report


def _refuse_non_report(report: Report) -> None:
    """Text with no section heading, no table cell and no title is not an annual report."""
    if report.title or any(
        getattr(report.sections, key) for key in ("overview", "shortcomings", "other_matters")
    ):
        return
    if any(value is not None for _, value in report.cells()):
        return
    raise UnreadableError("未识别出政府信息公开工作年度报告的标题、章节或表格")
