"""Rule sets of the 政府信息公开条例, as data (data/rules.json), chosen by the date of receipt.

Why data: the day counts are law and change with revisions; an application is judged by the rules in force on
the day it was received, so old cases keep their old numbers after a revision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from gongkai.workdays.dates import cn_date
from gongkai.workdays.errors import WorkdaysError


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    effective: date
    reply_days: int  # 答复期限（工作日）
    extension_max: int  # 延长答复期限上限
    correction_notice_days: int | None  # 补正告知期限; None = the rules set none
    third_party_days: int | None  # 第三方答复期限
    co_organ_days: int | None  # 共同制作机关答复期限
    fee_payment_days: int | None  # 缴费期限
    fee_wait_stops_clock: bool  # 等待缴费期间是否中止答复期限
    note: str = ""


@lru_cache(maxsize=1)
def rule_sets() -> tuple[RuleSet, ...]:
    """All rule sets, oldest first."""
    raw = json.loads(
        (resources.files("gongkai.workdays") / "data" / "rules.json").read_text(encoding="utf-8")
    )
    items = [RuleSet(**{**item, "effective": date.fromisoformat(item["effective"])}) for item in raw]
    return tuple(sorted(items, key=lambda r: r.effective))


def rule_set_for(received: date) -> RuleSet:
    """The rule set in force on the day of receipt."""
    applicable = [r for r in rule_sets() if r.effective <= received]
    if not applicable:
        first = rule_sets()[0]
        raise WorkdaysError(
            f"收到申请日期 {cn_date(received, False)} 早于{first.title}施行日 {cn_date(first.effective, False)}"
        )
    return applicable[-1]
