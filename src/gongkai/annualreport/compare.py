"""Two reports side by side: every table cell with its difference, and the text's changed sentences.

Used by ``gongkai report compare A B`` and by the platform's comparison page (two years of one organ,
or two organs of one year). Copied text from year to year is a finding evaluators look for, so the
comparison also counts the sentences of B that stand word for word in A.

Pure Python: no Django, no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gongkai.annualreport.model import SECTION_KEYS, SECTION_TITLES, Report, cell_label, cell_paths

# A sentence ends at 。！？； or a line break; the mark stays with its sentence.
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_SPACE = re.compile(r"\s+")
# Sentences shorter than this (e.g. "无。") say nothing about copying and are not counted as copied.
MIN_COPIED_CHARS = 10
# Two sentences at this similarity or more are one sentence changed rather than one removed, one added.
CHANGED_RATIO = 0.5
TEXT_PARTS = ("preamble", *SECTION_KEYS)
PART_TITLES = {"preamble": "引言", **SECTION_TITLES}


@dataclass(frozen=True)
class CellDiff:
    path: str  # dotted cell path, e.g. applications.new.total
    label: str  # Chinese name of the cell
    a: int | None
    b: int | None

    @property
    def difference(self) -> int | None:
        """b − a, or None when either side is blank."""
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def differs(self) -> bool:
        return self.a != self.b

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "label": self.label,
            "a": self.a,
            "b": self.b,
            "difference": self.difference,
        }


@dataclass(frozen=True)
class SentenceChange:
    part: str  # a key of TEXT_PARTS
    kind: str  # "changed", "added" (only in B) or "removed" (only in A)
    a: str | None
    b: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "kind": self.kind, "a": self.a, "b": self.b}


@dataclass
class Comparison:
    a: Report
    b: Report
    cells: list[CellDiff] = field(default_factory=list)
    sentences: list[SentenceChange] = field(default_factory=list)
    copied: list[tuple[str, str]] = field(default_factory=list)  # (part, sentence) of B found in A
    counted: int = 0  # sentences of B long enough to count for copying

    @property
    def differing(self) -> list[CellDiff]:
        return [c for c in self.cells if c.differs]

    @property
    def copied_share(self) -> float:
        """The share of B's countable sentences that stand word for word in A (0.0 to 1.0)."""
        return len(self.copied) / self.counted if self.counted else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": _identity(self.a),
            "b": _identity(self.b),
            "cells": [c.to_dict() for c in self.cells],
            "differing_cells": len(self.differing),
            "sentences": [s.to_dict() for s in self.sentences],
            "copied_sentences": [{"part": p, "sentence": s} for p, s in self.copied],
            "countable_sentences": self.counted,
            "copied_share": round(self.copied_share, 4),
        }


def _identity(report: Report) -> dict[str, Any]:
    return {"agency": report.agency, "year": report.year, "format": report.format, "source": report.source}


def sentences(text: str | None) -> list[str]:
    """The sentences of a text, white space removed (PDF layouts break lines inside phrases)."""
    if not text:
        return []
    out = []
    for match in _SENTENCE.finditer(text):
        sentence = _SPACE.sub("", match.group())
        if sentence and sentence not in "。！？；!?;":
            out.append(sentence)
    return out


def _cell_paths(a: Report, b: Report) -> list[str]:
    """The cells of both formats, A's order first (two reports of one format: that format's cells)."""
    paths = cell_paths(a.format or "2021")
    seen = set(paths)
    paths += [p for p in cell_paths(b.format or "2021") if p not in seen]
    return paths


def _part_changes(part: str, old: list[str], new: list[str]) -> Iterator[SentenceChange]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        # Pair each removed sentence with the most similar added one; the rest are added or removed.
        used: set[int] = set()
        for sentence in removed:
            best, best_ratio = None, CHANGED_RATIO
            for k, candidate in enumerate(added):
                if k in used:
                    continue
                ratio = difflib.SequenceMatcher(a=sentence, b=candidate, autojunk=False).ratio()
                if ratio >= best_ratio:
                    best, best_ratio = k, ratio
            if best is None:
                yield SentenceChange(part, "removed", sentence, None)
            else:
                used.add(best)
                yield SentenceChange(part, "changed", sentence, added[best])
        for k, candidate in enumerate(added):
            if k not in used:
                yield SentenceChange(part, "added", None, candidate)


def compare(a: Report, b: Report) -> Comparison:
    """Compare report ``a`` (e.g. last year's) with report ``b`` (this year's)."""
    result = Comparison(a=a, b=b)
    for path in _cell_paths(a, b):
        result.cells.append(CellDiff(path, cell_label(path), _value(a, path), _value(b, path)))
    everything_in_a = set()
    for part in TEXT_PARTS:
        everything_in_a.update(sentences(getattr(a.sections, part)))
    for part in TEXT_PARTS:
        old, new = sentences(getattr(a.sections, part)), sentences(getattr(b.sections, part))
        result.sentences.extend(_part_changes(part, old, new))
        for sentence in new:
            if len(sentence) < MIN_COPIED_CHARS:
                continue
            result.counted += 1
            if sentence in everything_in_a:  # copied, wherever in A it stood
                result.copied.append((part, sentence))
    return result


def _value(report: Report, path: str) -> int | None:
    try:
        value = report.get(path)
    except AttributeError:  # a row the other format has and this one lacks
        return None
    return value if isinstance(value, int) else None
