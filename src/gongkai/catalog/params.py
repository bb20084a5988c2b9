"""The catalogue's legal and practice parameters and its default column sets, read from versioned data files
(`data/params.json`, `data/columns.json`). Each set carries the date it took effect; callers ask for the set
in force on a date. Nothing here touches the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class ReviewLevel:
    label: str  # 初审 / 复审 / 终审
    role: str  # organs.Role value that may take this level


@dataclass(frozen=True)
class Params:
    id: str
    effective: date
    publication_workdays: int  # 第二十六条
    due_soon_workdays: int
    withheld_review_months: int  # 第十八条 (period: practice default)
    review_chain: tuple[ReviewLevel, ...]
    index_pattern: str
    interpretation_required_genres: tuple[str, ...]
    attachment_max_bytes: int
    attachment_types: tuple[str, ...]


def _sets(name: str) -> list[dict[str, Any]]:
    raw = json.loads((DATA / name).read_text(encoding="utf-8"))["sets"]
    return sorted(raw, key=lambda s: s["effective"])


def _in_force(sets, on: date | None, effective=lambda s: date.fromisoformat(s["effective"])):
    """The last of `sets` (sorted by effective date) that took effect on or before `on` (today)."""
    on = on or date.today()
    chosen = sets[0]
    for candidate in sets:
        if effective(candidate) <= on:
            chosen = candidate
    return chosen


@cache
def _all_params() -> tuple[Params, ...]:
    out = []
    for raw in _sets("params.json"):
        out.append(
            Params(
                id=raw["id"],
                effective=date.fromisoformat(raw["effective"]),
                publication_workdays=int(raw["publication_workdays"]),
                due_soon_workdays=int(raw["due_soon_workdays"]),
                withheld_review_months=int(raw["withheld_review_months"]),
                review_chain=tuple(ReviewLevel(**level) for level in raw["review_chain"]),
                index_pattern=raw["index_pattern"],
                interpretation_required_genres=tuple(raw["interpretation_required_genres"]),
                attachment_max_bytes=int(raw["attachment_max_bytes"]),
                attachment_types=tuple(raw["attachment_types"]),
            )
        )
    return tuple(out)


def params(on: date | None = None) -> Params:
    """The parameter set in force on `on` (today by default)."""
    return _in_force(_all_params(), on, effective=lambda p: p.effective)


def column_set(on: date | None = None) -> dict[str, Any]:
    """The default column set in force on `on`: {"id", "effective", "columns": [tree]}."""
    return _in_force(_sets("columns.json"), on)
