"""The outcome mapping as versioned data (data/outcomes.json): table-3 leaf row ↔ 第三十六条 type ↔ basis.

An outcome is one leaf row of table 3 (the schema's dotted key below `applications.results`, e.g.
`denied.third_party_rights`) together with the reply type that led to it; the pair must be allowed by the
version in force on the application's date of receipt. A test checks that the rows are exactly the schema's
22 leaf rows (`gongkai.annualreport.model.Results.leaf_rows`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from gongkai.annualreport.model import SEGMENT_LABELS

_OTHER_LEAVES = {"other": "3.其他"}


@dataclass(frozen=True)
class OutcomeRow:
    key: str  # e.g. "denied.third_party_rights"
    types: tuple[str, ...]  # allowed reply types, keys of TYPES
    basis: str  # the legal basis a reply cites
    practice: bool  # the row is filled by practice, not by a sentence of the statute

    @property
    def label(self) -> str:
        return outcome_label(self.key)


@dataclass(frozen=True)
class OutcomeVersion:
    id: str
    effective: date
    title: str
    rows: dict[str, OutcomeRow]


@lru_cache(maxsize=1)
def _data() -> dict:
    text = (resources.files("gongkai.applications") / "data" / "outcomes.json").read_text(encoding="utf-8")
    return json.loads(text)


def reply_types() -> dict[str, str]:
    """Reply type code → its Chinese description (第三十六条（一）…（七）, 第三十七条, …)."""
    return dict(_data()["types"])


@lru_cache(maxsize=1)
def versions() -> tuple[OutcomeVersion, ...]:
    out = []
    for raw in _data()["versions"]:
        rows = {
            key: OutcomeRow(key, tuple(row["types"]), row["basis"], bool(row.get("practice")))
            for key, row in raw["rows"].items()
        }
        out.append(OutcomeVersion(raw["id"], date.fromisoformat(raw["effective"]), raw["title"], rows))
    return tuple(sorted(out, key=lambda v: v.effective))


def version_for(received: date | None) -> OutcomeVersion:
    """The mapping in force on the date of receipt (the latest one for a case not yet received)."""
    applicable = [v for v in versions() if received is None or v.effective <= received]
    return applicable[-1] if applicable else versions()[0]


def outcome_label(key: str) -> str:
    """“（三）不予公开·4.保护第三方合法权益”-style label from the annual-report vocabulary."""
    parts = key.split(".")
    if parts[0] == "other":  # （六）其他处理: "other" is ambiguous in the shared vocabulary
        words = ["（六）其他处理", *(_OTHER_LEAVES.get(p) or SEGMENT_LABELS.get(p, p) for p in parts[1:])]
    else:
        words = [SEGMENT_LABELS.get(p, p) for p in parts]
    return "·".join(words)


def check_outcome(received: date | None, row: str, reply_type: str) -> OutcomeRow:
    """The outcome row if `reply_type` may lead to `row` under the version in force; ValueError otherwise."""
    version = version_for(received)
    found = version.rows.get(row)
    if found is None:
        raise ValueError(f"办理结果：“{row}”不是年度报告表三的结果行")
    if reply_type not in found.types:
        allowed = "、".join(reply_types()[t] for t in found.types)
        raise ValueError(
            f"答复类型：“{reply_types().get(reply_type, reply_type)}”与办理结果“{found.label}”不一致，"
            f"应为：{allowed}"
        )
    return found


def outcome_choices(received: date | None = None) -> list[tuple[str, str]]:
    return [(key, row.label) for key, row in version_for(received).rows.items()]
