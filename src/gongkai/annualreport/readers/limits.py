"""The reader's budget: every input is read or refused within a time and a memory budget.

``read()`` runs under a :class:`Guard` made from a :class:`Budget`: by default 2 s and 256 MB (what the read
may add to the process), set by ``GONGKAI_READ_SECONDS`` / ``GONGKAI_READ_MEMORY_MB`` or by
``read(..., budget=Budget(...))``. The memory budget is kept by the caps below, chosen so that no input
within them needs more, and checked against the process's resident size as the read goes.

The caps are counted while parsing, and the read stops as soon as one is passed (not after the page or the
tree is built): bytes and characters of the input, HTML tags, DOCX XML, and for PDF the pages, glyphs, path
segments, inflated stream bytes, content bytes per page and table cells. Every parser loop calls
:func:`check`, which also enforces the deadline. A refusal is a :class:`LimitExceeded` (an
``UnreadableError``) whose message names the cap, in Chinese; the CLI prints it and exits 2.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

MB = 1024 * 1024


class UnreadableError(Exception):
    """The input cannot be read at all; the message (Chinese) says why."""


class LimitExceeded(UnreadableError):
    """A cap of the budget was passed; ``cap`` is its name in :class:`Budget` ("seconds", "pdf_glyphs"…)."""

    def __init__(self, cap: str, message: str) -> None:
        super().__init__(message)
        self.cap = cap


@dataclass(frozen=True, slots=True)
class Budget:
    """What one read may cost. A real report is far inside every cap (figures in the comments)."""

    seconds: float = 2.0  # the whole read, from bytes to Report
    # Added for inputs that an external converter must process first (LibreOffice for .doc/.wps, Tesseract
    # for scanned PDFs): they run as subprocesses with timeouts of their own, and OCR takes seconds a page.
    converter_seconds: float = 180.0
    converters: bool = True  # False: refuse such inputs instead of starting the external program
    memory_mb: int = 256  # what the read may add to the process's resident size
    max_bytes: int = 50 * MB  # an input file; larger ones are refused before being read whole
    max_chars: int = 2_000_000  # text of any format; a report has 5–200 thousand characters
    max_lines: int = 100_000  # lines of text; a report has 1,000–5,000
    table_lines: int = 40_000  # lines read as table sections (each costs ~30 µs); a report has ~1,000
    html_bytes: int = 10 * MB  # a report page is well under 5 MB; the tree costs ~10× the page
    html_tags: int = 250_000  # a Word-exported report page has ~20,000 elements
    docx_xml_bytes: int = 8 * MB  # document.xml of a real report is well under 1 MB
    docx_entries: int = 5_000  # parts in the archive; a Word file has 10–100
    pdf_pages: int = 200
    pdf_glyphs: int = 200_000  # a long report has ~50,000
    pdf_page_segments: int = 20_000  # path elements on one page (a rectangle is 5); table 3 has ~3,000
    pdf_segments: int = 200_000
    pdf_stream_bytes: int = 32 * MB  # one inflated stream (an embedded CJK font can be ~15 MB)
    pdf_inflated_bytes: int = 96 * MB  # all streams of the document, inflated
    pdf_page_content_bytes: int = 2 * MB  # a page's content streams, inflated; a table page has ~100 KB
    pdf_table_cells: int = 20_000  # elementary cells of one ruled table; table 3 has ~300

    @classmethod
    def from_env(cls) -> Budget:
        """The default budget, with ``GONGKAI_READ_SECONDS`` and ``GONGKAI_READ_MEMORY_MB`` applied."""
        budget = cls()
        seconds = _env_number("GONGKAI_READ_SECONDS")
        memory = _env_number("GONGKAI_READ_MEMORY_MB")
        if seconds is not None:
            budget = replace(budget, seconds=seconds)
        if memory is not None:
            budget = replace(budget, memory_mb=int(memory))
        return budget


def _env_number(name: str) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise UnreadableError(f"环境变量 {name} 应为正数，实际为“{raw}”") from None
    if not value > 0 or value == float("inf"):
        raise UnreadableError(f"环境变量 {name} 应为正数，实际为“{raw}”")
    return value


# What each counted cap is called in a refusal.
CAP_NAMES = {
    "max_chars": "文字字符数",
    "max_lines": "文字行数",
    "table_lines": "表格部分行数",
    "docx_entries": "DOCX压缩包内文件数",
    "html_tags": "HTML标签数",
    "pdf_pages": "PDF页数",
    "pdf_glyphs": "PDF文字（字形）数",
    "pdf_page_segments": "PDF单页线条数",
    "pdf_segments": "PDF线条总数",
    "pdf_stream_bytes": "PDF单个数据流解压后字节数",
    "pdf_inflated_bytes": "PDF数据流解压后总字节数",
    "pdf_page_content_bytes": "PDF单页内容流字节数",
    "pdf_table_cells": "PDF表格单元格数",
}

_MEMORY_EVERY = 0.02  # s between two looks at the resident size
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """The process's resident size now (Linux ``/proc/self/statm``); None where it cannot be known."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class Guard:
    """One read's clock, memory baseline and counters."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = time.monotonic()
        self.deadline = self.started + budget.seconds
        self.baseline = resident_bytes()
        self.next_memory_check = self.started + _MEMORY_EVERY
        self.next_check = min(self.deadline, self.next_memory_check)  # when ``check()`` must look again
        self.counts: dict[str, int] = {}

    def extend(self, seconds: float) -> None:
        """Give the read ``seconds`` more (an external converter is about to run)."""
        self.deadline += seconds
        self.next_check = min(self.deadline, self.next_memory_check)

    def check(self) -> None:
        """Refuse when the deadline has passed or the read has grown the process past the memory budget."""
        now = time.monotonic()
        if now > self.deadline:
            raise LimitExceeded(
                "seconds",
                f"读取超时：超过时间上限 {self.budget.seconds:g} 秒（GONGKAI_READ_SECONDS），未读完，拒绝读取",
            )
        if now >= self.next_memory_check and self.baseline is not None:
            self.next_memory_check = now + _MEMORY_EVERY
            resident = resident_bytes()
            if resident is not None and resident - self.baseline > self.budget.memory_mb * MB:
                raise LimitExceeded(
                    "memory_mb",
                    f"读取占用内存超过上限 {self.budget.memory_mb} MB（GONGKAI_READ_MEMORY_MB），拒绝读取",
                )
        self.next_check = min(
            self.deadline, self.next_memory_check if self.baseline is not None else self.deadline
        )

    def count(self, cap: str, amount: int = 1) -> int:
        """Add ``amount`` to the counter ``cap`` (a :class:`Budget` field); refuse once it passes the cap."""
        total = self.counts.get(cap, 0) + amount
        self.counts[cap] = total
        limit = getattr(self.budget, cap)
        if total > limit:
            raise exceeded(cap, total)
        return total

    def limit(self, cap: str) -> int:
        return getattr(self.budget, cap)


def exceeded(cap: str, seen: int | None = None) -> LimitExceeded:
    """The refusal for cap ``cap`` of the current budget (``seen``: the count reached, when known)."""
    limit = current().limit(cap)
    unit = "字节" if cap.endswith("bytes") else ""
    shown = f"{limit // MB} MB" if unit and limit >= MB else f"{limit}{unit}"
    what = f"（已达 {seen}{unit}）" if seen is not None else ""
    return LimitExceeded(
        cap, f"超过读取上限：{CAP_NAMES.get(cap, cap)}上限 {shown}{what}，不像一份年度报告，拒绝读取"
    )


_CURRENT: ContextVar[Guard | None] = ContextVar("gongkai_read_guard", default=None)


@contextmanager
def guarded(budget: Budget | None = None) -> Iterator[Guard]:
    """Run a read under a guard: the current one if a read is already running, else a new one."""
    active = _CURRENT.get()
    if active is not None:
        yield active
        return
    guard = Guard(budget or Budget.from_env())
    token = _CURRENT.set(guard)
    try:
        yield guard
    finally:
        _CURRENT.reset(token)


def current() -> Guard:
    """The running read's guard (a fresh default one outside a read, e.g. when a test calls ``to_text``)."""
    return _CURRENT.get() or Guard(Budget.from_env())


def check() -> None:
    """Deadline and memory check for parser loops; nearly free (one clock read), nothing outside a read."""
    guard = _CURRENT.get()
    if guard is not None and time.monotonic() >= guard.next_check:
        guard.check()


def count(cap: str, amount: int = 1) -> None:
    """Count towards cap ``cap`` of the running read (outside a read: nothing is counted)."""
    guard = _CURRENT.get()
    if guard is not None:
        guard.count(cap, amount)


def cap(name: str) -> int:
    """The value of cap ``name`` in the running read's budget (the default budget outside a read)."""
    guard = _CURRENT.get()
    return getattr(guard.budget if guard is not None else Budget.from_env(), name)
