"""The annual report (政府信息公开工作年度报告) as data.

The classes mirror ``shared/spec/annual-report.schema.json`` key for key, so that ``to_dict`` is the
schema's JSON and ``from_dict`` reads it back. Every cell is ``int | None``: ``None`` means the source
left it blank (or the format has no such cell), which is not the same as a printed 0.

Two table formats exist:

* ``"2021"``: 国办公开办函〔2021〕30号, used from the 2021 reports on. Table 2 is ``proactive``.
* ``"2019"``: the trial format 国办公开办函〔2019〕60号 (2019 and 2020 reports). Table 2 is
  ``proactive_2019`` (shape below) and table 3 has a single （六）其他处理 row, stored in
  ``results.other.other`` with the two other sub-rows ``None``.
* ``"pre2019"``: reports under the 2007 regulations. They are recognised, but their tables are not
  forced into these classes: every table cell stays ``None``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class ReportFormat(StrEnum):
    """A report's table format; the values are the JSON strings (``"format": "2021"``)."""

    F2021 = "2021"  # 国办公开办函〔2021〕30号
    F2019 = "2019"  # 国办公开办函〔2019〕60号 (trial)
    PRE2019 = "pre2019"  # 2007年《条例》时期


FORMATS = tuple(ReportFormat)

# 申请人情况 columns of table 3, in the order the format prints them.
APPLICANT_COLUMNS = (
    "natural_person",  # 自然人
    "commercial_enterprise",  # 法人或其他组织·商业企业
    "research_institution",  # 法人或其他组织·科研机构
    "public_interest_org",  # 法人或其他组织·社会公益组织
    "legal_service_org",  # 法人或其他组织·法律服务机构
    "other_org",  # 法人或其他组织·其他
    "total",  # 总计
)
APPLICANT_COLUMN_LABELS = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "public_interest_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

Cell = int | None


def json_number(value: Any) -> Any:
    """A cell value for JSON: an amount (``Decimal``) as a number when a double holds it exactly (its
    shortest text has the same digits), else as a string of its digits, so that no reader of the JSON
    rounds it; everything else unchanged (ints are exact in JSON)."""
    if isinstance(value, Decimal):
        number = float(value)
        return number if Decimal(repr(number)) == value else str(value)
    return value


class _Node:
    """Shared (de)serialisation for the nested table classes."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            out[name] = value.to_dict() if isinstance(value, _Node) else json_number(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None):
        if data is None:
            return None
        kwargs = {}
        hints = _child_types(cls)
        for name in _field_names(cls):
            raw = data.get(name)
            child = hints.get(name)
            kwargs[name] = child.from_dict(raw) if child is not None else raw
        return cls(**kwargs)

    @classmethod
    def empty(cls):
        """All cells blank, all optional rows present (the 2021 shape with nothing read)."""
        kwargs = {}
        hints = _child_types(cls)
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            child = hints.get(f.name)
            kwargs[f.name] = child.empty() if child is not None else None
        return cls(**kwargs)


@functools.cache
def _field_names(cls) -> tuple[str, ...]:
    """The dataclass's field names, in order (`dataclasses.fields` builds its tuple on every call: the
    tables' walks ask it thousands of times per report)."""
    return tuple(f.name for f in dataclasses.fields(cls))


def _child_types(cls) -> dict[str, type[_Node]]:
    return getattr(cls, "_children", {})


@dataclass
class Row(_Node):
    """One row of table 3, by 申请人情况 column."""

    natural_person: Cell = None
    commercial_enterprise: Cell = None
    research_institution: Cell = None
    public_interest_org: Cell = None
    legal_service_org: Cell = None
    other_org: Cell = None
    total: Cell = None

    def values(self) -> list[Cell]:
        return [getattr(self, c) for c in APPLICANT_COLUMNS]


# --- table 2 (2021 format): 主动公开政府信息情况 -------------------------------------------------


@dataclass
class DocumentCounts(_Node):
    issued: Cell = None  # 本年制发件数
    repealed: Cell = None  # 本年废止件数
    in_force: Cell = None  # 现行有效件数


@dataclass
class Decisions(_Node):
    decisions: Cell = None  # 本年处理决定数量


@dataclass
class Fees(_Node):
    amount_wan_yuan: Decimal | int | None = None  # 本年收费金额（单位：万元）


@dataclass
class Proactive(_Node):
    rules: DocumentCounts = field(default_factory=DocumentCounts)  # 规章
    normative_documents: DocumentCounts = field(default_factory=DocumentCounts)  # 行政规范性文件
    licensing: Decisions = field(default_factory=Decisions)  # 行政许可
    penalty: Decisions = field(default_factory=Decisions)  # 行政处罚
    coercion: Decisions = field(default_factory=Decisions)  # 行政强制
    fees: Fees = field(default_factory=Fees)  # 行政事业性收费

    _children = {
        "rules": DocumentCounts,
        "normative_documents": DocumentCounts,
        "licensing": Decisions,
        "penalty": Decisions,
        "coercion": Decisions,
        "fees": Fees,
    }


# --- table 2 (2019 trial format) -----------------------------------------------------------------
# Shape of ``proactive_2019`` (documented in docs/annual-report.md):
#   rules, normative_documents: {made 本年新制作数量, published 本年新公开数量, total 对外公开总数量}
#   licensing, other_services, penalty, coercion:
#       {previous 上一年项目数量, change 本年增/减, decisions 处理决定数量}
#   fees: {previous 上一年项目数量, change 本年增/减}
#   procurement: {projects 采购项目数量, amount_wan_yuan 采购总金额（万元）}


@dataclass
class Published2019(_Node):
    made: Cell = None  # 本年新制作数量
    published: Cell = None  # 本年新公开数量
    total: Cell = None  # 对外公开总数量


@dataclass
class Items2019(_Node):
    previous: Cell = None  # 上一年项目数量
    change: Cell = None  # 本年增/减 (may be negative)
    decisions: Cell = None  # 处理决定数量


@dataclass
class FeeItems2019(_Node):
    previous: Cell = None  # 上一年项目数量
    change: Cell = None  # 本年增/减


@dataclass
class Procurement2019(_Node):
    projects: Cell = None  # 采购项目数量
    amount_wan_yuan: Decimal | int | None = None  # 采购总金额


@dataclass
class Proactive2019(_Node):
    rules: Published2019 = field(default_factory=Published2019)  # 规章
    normative_documents: Published2019 = field(default_factory=Published2019)  # 规范性文件
    licensing: Items2019 = field(default_factory=Items2019)  # 行政许可
    other_services: Items2019 = field(default_factory=Items2019)  # 其他对外管理服务事项
    penalty: Items2019 = field(default_factory=Items2019)  # 行政处罚
    coercion: Items2019 = field(default_factory=Items2019)  # 行政强制
    fees: FeeItems2019 = field(default_factory=FeeItems2019)  # 行政事业性收费
    procurement: Procurement2019 = field(default_factory=Procurement2019)  # 政府集中采购

    _children = {
        "rules": Published2019,
        "normative_documents": Published2019,
        "licensing": Items2019,
        "other_services": Items2019,
        "penalty": Items2019,
        "coercion": Items2019,
        "fees": FeeItems2019,
        "procurement": Procurement2019,
    }


# --- table 3: 收到和处理政府信息公开申请情况 ------------------------------------------------------


@dataclass
class Denied(_Node):  # （三）不予公开
    state_secret: Row | None = field(default_factory=Row)  # 1.属于国家秘密
    prohibited_by_law: Row | None = field(default_factory=Row)  # 2.其他法律行政法规禁止公开
    security_stability: Row | None = field(default_factory=Row)  # 3.危及“三安全一稳定”
    third_party_rights: Row | None = field(default_factory=Row)  # 4.保护第三方合法权益
    internal_affairs: Row | None = field(default_factory=Row)  # 5.属于三类内部事务信息
    process_information: Row | None = field(default_factory=Row)  # 6.属于四类过程性信息
    enforcement_case_file: Row | None = field(default_factory=Row)  # 7.属于行政执法案卷
    administrative_query: Row | None = field(default_factory=Row)  # 8.属于行政查询事项

    _children = dict.fromkeys(
        (
            "state_secret",
            "prohibited_by_law",
            "security_stability",
            "third_party_rights",
            "internal_affairs",
            "process_information",
            "enforcement_case_file",
            "administrative_query",
        ),
        Row,
    )


@dataclass
class Unable(_Node):  # （四）无法提供
    not_held: Row | None = field(default_factory=Row)  # 1.本机关不掌握相关政府信息
    needs_creation: Row | None = field(default_factory=Row)  # 2.没有现成信息需要另行制作
    still_unclear: Row | None = field(default_factory=Row)  # 3.补正后申请内容仍不明确

    _children = dict.fromkeys(("not_held", "needs_creation", "still_unclear"), Row)


@dataclass
class NotHandled(_Node):  # （五）不予处理
    petition_complaint: Row | None = field(default_factory=Row)  # 1.信访举报投诉类申请
    repeated: Row | None = field(default_factory=Row)  # 2.重复申请
    publication: Row | None = field(default_factory=Row)  # 3.要求提供公开出版物
    excessive: Row | None = field(default_factory=Row)  # 4.无正当理由大量反复申请
    confirm_or_reissue: Row | None = field(default_factory=Row)  # 5.要求行政机关确认或重新出具已获取信息

    _children = dict.fromkeys(
        ("petition_complaint", "repeated", "publication", "excessive", "confirm_or_reissue"), Row
    )


@dataclass
class OtherResults(_Node):  # （六）其他处理
    no_correction: Row | None = field(default_factory=Row)  # 1.逾期不补正
    fee_unpaid: Row | None = field(default_factory=Row)  # 2.逾期未缴费
    other: Row | None = field(default_factory=Row)  # 3.其他 (the whole （六） row in the 2019 format)

    _children = dict.fromkeys(("no_correction", "fee_unpaid", "other"), Row)


@dataclass
class Results(_Node):  # 三、本年度办理结果
    granted: Row | None = field(default_factory=Row)  # （一）予以公开
    partially_granted: Row | None = field(default_factory=Row)  # （二）部分公开
    denied: Denied = field(default_factory=Denied)  # （三）不予公开
    unable: Unable = field(default_factory=Unable)  # （四）无法提供
    not_handled: NotHandled = field(default_factory=NotHandled)  # （五）不予处理
    other: OtherResults = field(default_factory=OtherResults)  # （六）其他处理
    total: Row | None = field(default_factory=Row)  # （七）总计

    _children = {
        "granted": Row,
        "partially_granted": Row,
        "denied": Denied,
        "unable": Unable,
        "not_handled": NotHandled,
        "other": OtherResults,
        "total": Row,
    }

    def leaf_rows(self) -> Iterator[tuple[str, Row | None]]:
        """The 22 result rows (（一）…（六）), as (dotted path below ``results``, row)."""
        yield "granted", self.granted
        yield "partially_granted", self.partially_granted
        for group in ("denied", "unable", "not_handled", "other"):
            node = getattr(self, group)
            for f in dataclasses.fields(node):
                yield f"{group}.{f.name}", getattr(node, f.name)


@dataclass
class Applications(_Node):
    new: Row | None = field(default_factory=Row)  # 一、本年新收政府信息公开申请数量
    carried_over: Row | None = field(default_factory=Row)  # 二、上年结转政府信息公开申请数量
    results: Results = field(default_factory=Results)  # 三、本年度办理结果
    carried_forward: Row | None = field(default_factory=Row)  # 四、结转下年度继续办理

    _children = {"new": Row, "carried_over": Row, "results": Results, "carried_forward": Row}

    def rows(self) -> Iterator[tuple[str, Row]]:
        """Table 3's rows in printed order (一, 二, the result rows, （七）总计, 四), as (dotted path below
        ``applications``, row). Rows the report's format lacks are left out: 25 for 2021, 23 for 2019."""
        rows = [("new", self.new), ("carried_over", self.carried_over)]
        rows += [(f"results.{path}", row) for path, row in self.results.leaf_rows()]
        rows += [("results.total", self.results.total), ("carried_forward", self.carried_forward)]
        return ((path, row) for path, row in rows if row is not None)


# --- table 4: 政府信息公开行政复议、行政诉讼情况 ---------------------------------------------------

REVIEW_GROUPS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_COLUMN_LABELS = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


@dataclass
class ReviewGroup(_Node):
    upheld: Cell = None  # 结果维持
    corrected: Cell = None  # 结果纠正
    other: Cell = None  # 其他结果
    pending: Cell = None  # 尚未审结
    total: Cell = None  # 总计


@dataclass
class Reviews(_Node):
    reconsideration: ReviewGroup = field(default_factory=ReviewGroup)  # 行政复议
    litigation_direct: ReviewGroup = field(default_factory=ReviewGroup)  # 行政诉讼·未经复议直接起诉
    litigation_after_reconsideration: ReviewGroup = field(default_factory=ReviewGroup)  # 行政诉讼·复议后起诉

    _children = dict.fromkeys(REVIEW_GROUPS, ReviewGroup)


# --- the report --------------------------------------------------------------------------------

SECTION_KEYS = ("overview", "proactive", "applications", "reviews", "shortcomings", "other_matters")
SECTION_TITLES = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "reviews": "四、政府信息公开行政复议、行政诉讼情况",
    "shortcomings": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


@dataclass
class Sections(_Node):
    """The text of the six sections; ``None`` where the section is missing from the source.

    ``preamble`` (引言) is the text between the title and 一、总体情况 (legal basis, statistical period,
    contact): not one of the six sections (``SECTION_KEYS``), but the report's own words, kept so that
    checks can read it and writers can print it back.
    """

    preamble: str | None = None  # 引言: text before 一、总体情况, without the title
    overview: str | None = None  # 一、总体情况
    proactive: str | None = None  # 二、主动公开政府信息情况 (text around the table)
    applications: str | None = None  # 三、收到和处理政府信息公开申请情况
    reviews: str | None = None  # 四、政府信息公开行政复议、行政诉讼情况
    shortcomings: str | None = None  # 五、存在的主要问题及改进情况
    other_matters: str | None = None  # 六、其他需要报告的事项


@dataclass
class Problem:
    """Something a reader could not read. ``where`` is a dotted cell path or a part's name."""

    where: str
    message: str  # Chinese, names the cell/part and what was found
    level: str = "error"  # "info": read, but decoded (split, realigned) rather than as printed; check it

    def to_dict(self) -> dict[str, str]:
        out = {"where": self.where, "message": self.message}
        if self.level != "error":
            out["level"] = self.level
        return out


@dataclass
class Report:
    """One annual report. Equality ignores ``problems`` and ``source`` (how it was read, not what)."""

    format: ReportFormat | str | None = ReportFormat.F2021
    agency: str | None = None
    year: int | None = None
    title: str | None = None
    published_on: dt.date | None = None  # signing / publication date printed in the report
    proactive: Proactive | None = field(default_factory=Proactive)
    proactive_2019: Proactive2019 | None = None
    applications: Applications = field(default_factory=Applications)
    reviews: Reviews = field(default_factory=Reviews)
    sections: Sections = field(default_factory=Sections)
    problems: list[Problem] = field(default_factory=list, compare=False)
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.format in FORMATS:  # a known format string becomes the enum (equal to the string)
            self.format = ReportFormat(self.format)

    @classmethod
    def blank(cls, fmt: str = "2021") -> Report:
        """An empty report shaped for ``fmt``: every cell None, rows the format lacks None."""
        report = cls(format=fmt)
        if fmt == "2019":
            report.proactive = None
            report.proactive_2019 = Proactive2019()
            other = report.applications.results.other
            other.no_correction = None
            other.fee_unpaid = None
        elif fmt == "pre2019":
            report.proactive = None
        return report

    # --- JSON -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The schema's JSON, with the extra top-level keys the schema allows."""
        return {
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "title": self.title,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "proactive": self.proactive.to_dict() if self.proactive else None,
            "proactive_2019": self.proactive_2019.to_dict() if self.proactive_2019 else None,
            "applications": self.applications.to_dict(),
            "reviews": self.reviews.to_dict(),
            "sections": self.sections.to_dict(),
            "problems": [p.to_dict() for p in self.problems],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        published = data.get("published_on")
        return cls(
            format=data.get("format", "2021"),
            agency=data.get("agency"),
            year=data.get("year"),
            title=data.get("title"),
            published_on=dt.date.fromisoformat(published) if published else None,
            proactive=Proactive.from_dict(data.get("proactive")),
            proactive_2019=Proactive2019.from_dict(data.get("proactive_2019")),
            applications=Applications.from_dict(data.get("applications")) or Applications.empty(),
            reviews=Reviews.from_dict(data.get("reviews")) or Reviews.empty(),
            sections=Sections.from_dict(data.get("sections")) or Sections(),
            problems=[
                Problem(p["where"], p["message"], p.get("level", "error")) for p in data.get("problems") or []
            ],
            source=data.get("source"),
        )

    # --- cells ----------------------------------------------------------------------------
    def cells(self, *tables: str) -> Iterator[tuple[str, Any]]:
        """Every table cell the report's format has, as (dotted path, value), in format order.

        Rows that the format lacks (``None``) yield nothing, so "blank" checks see only real cells.
        ``tables`` (e.g. ``"reviews"``) limits the walk to those parts, for callers that need one table.
        """
        for top in tables or ("proactive", "proactive_2019", "applications", "reviews"):
            node = getattr(self, top)
            if node is not None:
                yield from _walk(node, top)

    @staticmethod
    def cells_of(data: dict[str, Any], *tables: str) -> Iterator[tuple[str, Any]]:
        """``Report.from_dict(data).cells(*tables)`` read straight from the JSON, without building the
        report: what a recompile compares with every fresh cell (the stored report's cells)."""
        for top in tables or ("proactive", "proactive_2019", "applications", "reviews"):
            raw = data.get(top)
            if raw is not None:
                yield from _walk_data(_TABLES[top], raw, top)
            elif top in ("applications", "reviews"):  # from_dict reads a missing table as an empty one
                yield from _walk(_TABLES[top].empty(), top)

    def get(self, path: str) -> Any:
        """The value at a dotted path such as ``applications.new.natural_person``."""
        node: Any = self
        for part in path.split("."):
            if node is None:
                return None
            node = getattr(node, part)
        return node

    def set(self, path: str, value: Any) -> None:
        parent_path, _, name = path.rpartition(".")
        parent = self.get(parent_path) if parent_path else self
        if parent is None:
            raise KeyError(f"{path}: the report's format has no such row")
        if not hasattr(parent, name):
            raise KeyError(path)
        setattr(parent, name, value)


def _walk(node: _Node, prefix: str) -> Iterator[tuple[str, Any]]:
    children = _child_types(type(node))
    for name in _field_names(type(node)):
        value = getattr(node, name)
        path = f"{prefix}.{name}"
        if isinstance(value, _Node):
            yield from _walk(value, path)
        elif value is None and name in children:
            continue  # a row the format does not have
        else:
            yield path, value


def _walk_data(cls: type[_Node], raw: dict[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
    """`_walk` of ``cls.from_dict(raw)``: a child that is None is a row the format does not have."""
    children = _child_types(cls)
    for name in _field_names(cls):
        value = raw.get(name)
        child = children.get(name)
        if child is None:
            yield f"{prefix}.{name}", value
        elif value is not None:
            yield from _walk_data(child, value, f"{prefix}.{name}")


_TABLES: dict[str, type[_Node]] = {
    "proactive": Proactive,
    "proactive_2019": Proactive2019,
    "applications": Applications,
    "reviews": Reviews,
}


def cell_paths(fmt: str = "2021") -> list[str]:
    """All cell paths of a format, in order (the columns of `gongkai report table`)."""
    return [path for path, _ in Report.blank(fmt).cells()]


# --- Chinese labels for cells (used in messages, writers and table headers) -------------------

TABLE_OF = {"proactive": "表二", "proactive_2019": "表二", "applications": "表三", "reviews": "表四"}
SEGMENT_LABELS = {
    # table 2
    "rules": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "other_services": "其他对外管理服务事项",
    "procurement": "政府集中采购",
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_wan_yuan": "金额（万元）",
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "previous": "上一年项目数量",
    "change": "本年增/减",
    "projects": "采购项目数量",
    # table 3 rows
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results": "三、本年度办理结果",
    "carried_forward": "四、结转下年度继续办理",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied": "（三）不予公开",
    "state_secret": "1.属于国家秘密",
    "prohibited_by_law": "2.其他法律行政法规禁止公开",
    "security_stability": "3.危及“三安全一稳定”",
    "third_party_rights": "4.保护第三方合法权益",
    "internal_affairs": "5.属于三类内部事务信息",
    "process_information": "6.属于四类过程性信息",
    "enforcement_case_file": "7.属于行政执法案卷",
    "administrative_query": "8.属于行政查询事项",
    "unable": "（四）无法提供",
    "not_held": "1.本机关不掌握相关政府信息",
    "needs_creation": "2.没有现成信息需要另行制作",
    "still_unclear": "3.补正后申请内容仍不明确",
    "not_handled": "（五）不予处理",
    "petition_complaint": "1.信访举报投诉类申请",
    "repeated": "2.重复申请",
    "publication": "3.要求提供公开出版物",
    "excessive": "4.无正当理由大量反复申请",
    "confirm_or_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "no_correction": "1.申请人无正当理由逾期不补正",
    "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用",
    # table 4
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
    **{k: v for k, v in REVIEW_COLUMN_LABELS.items() if k != "other"},
}


def cell_label(path: str) -> str:
    """A Chinese name for a cell path, e.g. ``表三 一、本年新收政府信息公开申请数量 自然人``."""
    parts = path.split(".")
    words = [TABLE_OF.get(parts[0], parts[0])]
    for i, part in enumerate(parts[1:], start=1):
        parent = parts[i - 1]
        if parts[0] == "applications" and i == len(parts) - 1 and part in APPLICANT_COLUMN_LABELS:
            words.append(APPLICANT_COLUMN_LABELS[part])
        elif part == "other" and parent == "results":
            words.append("（六）其他处理")
        elif part == "other" and parent == "other":
            words.append("3.其他")
        elif part == "other" and parts[0] == "reviews":
            words.append("其他结果")
        elif part == "total" and parent == "results":
            words.append("（七）总计")
        elif part == "results" and i < len(parts) - 1:
            continue  # the row label is specific enough
        else:
            words.append(SEGMENT_LABELS.get(part, part))
    return " ".join(words)
