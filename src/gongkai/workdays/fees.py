"""信息处理费 (国办函〔2020〕109号) as data tiers (data/fees.json), marginal (超额累进), with a breakdown.

按件: per applicant per natural month, counted cumulatively — the Nth application of the month costs the
price of the band N falls in. 按量: per application, by pages. The two methods are never combined.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gongkai.workdays.errors import WorkdaysError


@dataclass(frozen=True)
class Band:
    first: int
    last: int | None  # None = open-ended
    price: int  # 元 per unit


@dataclass(frozen=True)
class FeeLine:
    """One line of the breakdown, e.g. 第11至30件：20件 × 100元 = 2000元."""

    first: int
    last: int
    price: int
    unit: str

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.quantity * self.price

    def text(self) -> str:
        span = (
            f"第{self.first}{self.unit}"
            if self.first == self.last
            else f"第{self.first}至{self.last}{self.unit}"
        )
        if self.price == 0:
            return f"{span}：{self.quantity}{self.unit}，免费"
        return f"{span}：{self.quantity}{self.unit} × {self.price}元 = {self.amount:,}元"


@dataclass(frozen=True)
class Fee:
    method: str  # 按件 or 按量
    quantity: int
    unit: str
    lines: tuple[FeeLine, ...]
    rule_title: str

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def summary(self) -> str:
        return f"{self.method}收费：{self.quantity}{self.unit}，合计 {self.total:,} 元（{self.rule_title}）"

    def to_dict(self) -> dict:
        return {"fee_yuan": self.total, "breakdown": [line.text() for line in self.lines]}


@lru_cache(maxsize=1)
def _fee_rules() -> dict:
    raw = json.loads((resources.files("gongkai.workdays") / "data" / "fees.json").read_text(encoding="utf-8"))
    return max(raw, key=lambda r: r["effective"])


def _bands(table: dict, quantity: int) -> list[Band]:
    """Explicit tiers, then (按件) further bands of `then_every` units, each `then_increment` dearer."""
    bands = [Band(a, b, p) for a, b, p in table["tiers"]]
    step = table.get("then_every")
    while step and bands[-1].last is not None and bands[-1].last < quantity:
        last = bands[-1]
        bands.append(Band(last.last + 1, last.last + step, last.price + table["then_increment"]))
    return bands


def _charge(method: str, table: dict, quantity: int, title: str) -> Fee:
    unit = table["unit"]
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise WorkdaysError(f"{method}收费的数量应为非负整数（收到 {quantity!r}）")
    lines = []
    for band in _bands(table, quantity):
        if band.first > quantity:
            break
        upper = quantity if band.last is None else min(band.last, quantity)
        lines.append(FeeLine(band.first, upper, band.price, unit))
    return Fee(method, quantity, unit, tuple(lines), title)


def fee_by_count(applications: int) -> Fee:
    """按件: fee for an applicant's `applications` applications in one natural month."""
    rules = _fee_rules()
    return _charge("按件", rules["per_application"], applications, rules["title"])


def fee_by_pages(pages: int) -> Fee:
    """按量: fee for one application of `pages` pages."""
    rules = _fee_rules()
    return _charge("按量", rules["per_page"], pages, rules["title"])
