"""Compile an organ's annual report (2021 format) from the records, and draft its narrative.

Table 3 and table 4 come from `gongkai.applications.selectors`, table 2 from `gongkai.catalog.selectors`;
the narrative from the same figures plus the organ's work log. Nothing here writes: the services do.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, Q

from gongkai.annualreport.model import (
    REVIEW_GROUPS,
    Applications,
    Report,
    ReportFormat,
    Reviews,
    Sections,
)
from gongkai.applications import selectors as cases
from gongkai.applications.choices import Channel
from gongkai.catalog import selectors as catalog
from gongkai.reports.models import WorkKind, WorkLogEntry

REVIEW_GROUP_NAMES = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
}


# Table 3's rows, each counted with the applications app's own filter (`selectors._row_filter`).
TABLE3_ROWS = (
    "new",
    "carried_over",
    "carried_forward",
    "results.total",
    *(f"results.{p}" for p in cases.RESULT_ROWS),
)


def table3_by_organ(organ_ids, year: int) -> dict[int, dict]:
    """Table 3 of each organ in `organ_ids`, in one grouped query (one pass over the rows that can count
    for the year), equal to `applications.selectors.table3_counts` organ by organ."""
    return _fold_table3(organ_ids, _table3_rows(organ_ids, year))


def _table3_rows(organ_ids, year: int, *, by_channel: bool = False):
    """The grouped counts of every row of table 3 by organ and applicant kind (and channel: then the
    "new" count `c0` by channel is also the narrative's 申请方式, counted in the same pass)."""
    from gongkai.applications.models import Application

    first, last = date(year, 1, 1), date(year, 12, 31)
    counts = {f"c{i}": Count("id", filter=cases._row_filter(row, year)) for i, row in enumerate(TABLE3_ROWS)}
    return (
        Application.objects.filter(organ_id__in=list(organ_ids), received_on__isnull=False)
        .filter(received_on__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))  # every row of table 3 lies within
        .values("organ_id", "applicant_kind", *(("channel",) if by_channel else ()))
        .annotate(**counts)
        .order_by()
    )


def _fold_table3(organ_ids, rows) -> dict[int, dict]:
    cells: dict[int, dict[str, dict[str, int]]] = {
        pk: {row: dict.fromkeys(cases.COLUMNS, 0) for row in TABLE3_ROWS} for pk in organ_ids
    }
    for row in rows:
        kind = row["applicant_kind"]
        for i, name in enumerate(TABLE3_ROWS):
            by_kind = cells[row["organ_id"]][name]
            by_kind[kind] = by_kind.get(kind, 0) + row[f"c{i}"]
    out = {}
    for pk, by_row in cells.items():
        for counts_ in by_row.values():
            counts_["total"] = sum(counts_[c] for c in cases.COLUMNS)
        results: dict = {"total": by_row["results.total"]}
        for path in cases.RESULT_ROWS:
            group, _, leaf = path.partition(".")
            if leaf:
                results.setdefault(group, {})[leaf] = by_row[f"results.{path}"]
            else:
                results[group] = by_row[f"results.{path}"]
        out[pk] = {
            "new": by_row["new"],
            "carried_over": by_row["carried_over"],
            "results": results,
            "carried_forward": by_row["carried_forward"],
        }
    return out


def table4_by_organ(organ_ids, year: int) -> dict[int, dict]:
    """Table 4 of each organ in one grouped query, equal to `applications.selectors.table4_counts`."""
    from gongkai.annualreport.model import REVIEW_COLUMNS
    from gongkai.applications.models import Appeal

    counted, states = cases._appeal_state(year)
    columns = [c for c in REVIEW_COLUMNS if c != "total"]
    rows = (
        Appeal.objects.filter(application__organ_id__in=list(organ_ids))
        .filter(counted)
        .values("application__organ_id", "kind")
        .annotate(**{c: Count("id", filter=states[c]) for c in columns})
        .order_by()
    )
    out = {pk: {g: dict.fromkeys(REVIEW_COLUMNS, 0) for g in REVIEW_GROUPS} for pk in organ_ids}
    for row in rows:
        if row["kind"] in REVIEW_GROUPS:
            cells = out[row["application__organ_id"]][row["kind"]]
            cells.update({c: row[c] for c in columns})
            cells["total"] = sum(cells[c] for c in columns)
    return out


def table2_by_organ(organ_ids, year: int) -> dict[int, object]:
    """Table 2 (`Proactive`) of each organ in two queries, equal to `catalog.selectors.table2_counts`: the
    register counted with the catalogue's own definitions (issued in the year, repealed in the year, in
    force on 31 December: `selectors.in_force_on`), decisions and fees from the entered figures."""
    from gongkai.annualreport.model import Decisions, DocumentCounts, Fees, Proactive
    from gongkai.catalog.choices import DocumentKind, RegisterEventKind
    from gongkai.catalog.models import NormativeDocument, YearFigures

    end = date(year, 12, 31)
    cells = {
        "issued": Q(issued_on__year=year),
        "repealed": Q(ended_by=RegisterEventKind.REPEALED, ended_on__year=year),
        "in_force": Q(issued_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end)),
    }
    counts = {(pk, kind): dict.fromkeys(cells, 0) for pk in organ_ids for kind in DocumentKind.values}
    rows = (
        NormativeDocument.objects.filter(organ_id__in=list(organ_ids))
        .values("organ_id", "kind")
        .annotate(**{c: Count("id", filter=q) for c, q in cells.items()})
        .order_by()
    )
    for row in rows:
        counts[(row["organ_id"], row["kind"])] = {c: row[c] for c in cells}
    figures = {f.organ_id: f for f in YearFigures.objects.filter(organ_id__in=list(organ_ids), year=year)}
    out = {}
    for pk in organ_ids:
        f = figures.get(pk)
        out[pk] = Proactive(
            rules=DocumentCounts(**counts[(pk, DocumentKind.RULE)]),
            normative_documents=DocumentCounts(**counts[(pk, DocumentKind.NORMATIVE)]),
            licensing=Decisions(f.licensing if f else None),
            penalty=Decisions(f.penalty if f else None),
            coercion=Decisions(f.coercion if f else None),
            fees=Fees(float(f.fees_wan_yuan) if f else None),
        )
    return out


def log_by_organ(organ_ids, year: int) -> dict[int, dict[str, list[str]]]:
    out = {pk: {k: [] for k in WorkKind.values} for pk in organ_ids}
    for entry in WorkLogEntry.objects.filter(organ_id__in=list(organ_ids), happened_on__year=year):
        out[entry.organ_id][entry.kind].append(entry.text.rstrip("。；;，,"))
    return out


def compile_tables(organ, year: int, table3=None, table4=None, table2=None) -> Report:
    """The report's tables for `organ` and `year`, every cell counted from the records (`table3`/`table4`:
    the organ's tables already counted with many others, see `counted_many`)."""
    report = Report(format=ReportFormat.F2021, agency=organ.name, year=year)
    report.title = f"{organ.name}{year}年政府信息公开工作年度报告"
    report.applications = Applications.from_dict(table3 or table3_by_organ([organ.pk], year)[organ.pk])
    report.reviews = Reviews.from_dict(table4 or table4_by_organ([organ.pk], year)[organ.pk])
    report.proactive = table2 if table2 is not None else catalog.table2_counts(organ, year).proactive
    return report


def drill_rows(report: Report, organ, year: int, path: str):
    """The records behind the cell at `path` ("applications.new.total", "reviews.reconsideration.pending",
    "proactive.rules.in_force"); raises ValueError/KeyError for a cell that has no records behind it."""
    top, _, rest = path.partition(".")
    if top == "applications":
        row, _, column = rest.rpartition(".")
        return cases.table3_cases(organ, year, row, column)
    if top == "reviews":
        group, _, column = rest.partition(".")
        return cases.table4_cases(organ, year, group, column)
    if top == "proactive":
        return catalog.table2_entries(organ, year, rest)
    raise KeyError(path)


def _channels(organ, year: int) -> Counter:
    rows = cases.table3_cases(organ, year, "new").order_by().values_list("channel").annotate(n=Count("id"))
    return Counter(dict(rows))


def _log(organ, year: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in WorkKind.values}
    for entry in WorkLogEntry.objects.filter(organ=organ, happened_on__year=year):
        out[entry.kind].append(entry.text.rstrip("。；;，,"))
    return out


def _join(items: list[str], empty: str) -> str:
    return "；".join(items) + "。" if items else empty


def draft_sections(report: Report, organ, year: int, channels=None, log=None, yearly=None) -> Sections:
    """Section 一's five parts, the text of sections 二 to 四 and section 六, from the figures (`channels`,
    `log`, `yearly`: this organ's part of `counted_many`, else counted here)."""
    apps = report.applications
    new, done, forward = apps.new.total, apps.results.total.total, apps.carried_forward.total
    granted, partly = apps.results.granted.total, apps.results.partially_granted.total
    yearly = catalog.yearly_counts(organ, year) if yearly is None else yearly
    channels = _channels(organ, year) if channels is None else channels
    by_channel = "、".join(f"{Channel(c).label}{n}件" for c, n in sorted(channels.items()) if n)
    log = _log(organ, year) if log is None else log
    fees = report.proactive.fees.amount_wan_yuan if report.proactive else None
    reviews = report.reviews
    appeals = sum(getattr(reviews, g).total or 0 for g in REVIEW_GROUPS)
    corrected = sum(getattr(reviews, g).corrected or 0 for g in REVIEW_GROUPS)

    overview = "\n".join(
        [
            f"{year}年，{organ.name}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。",
            f"（一）主动公开。{yearly.sentence()}",
            f"（二）依申请公开。本年度新收政府信息公开申请{new}件"
            + (f"，其中{by_channel}。" if by_channel else "。")
            + f"办结{done}件，其中予以公开{granted}件、部分公开{partly}件。结转下年度继续办理{forward}件。",
            "（三）政府信息管理。"
            + _join(log[WorkKind.GUIDE_CHANGE] + log[WorkKind.TRAINING], "持续规范政府信息管理。"),
            "（四）平台建设。"
            + _join(log[WorkKind.PLATFORM], "依托政府门户网站政府信息公开专栏发布政府信息。"),
            "（五）监督保障。"
            + _join(
                log[WorkKind.INSPECTION] + log[WorkKind.RECTIFICATION] + log[WorkKind.ACCOUNTABILITY],
                "落实政务公开工作责任。",
            ),
        ]
    )
    review_text = (
        f"本年度因政府信息公开被申请行政复议、提起行政诉讼共{appeals}件，其中被纠错{corrected}件。"
        if appeals
        else "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"
    )
    fee_text = f"本年度收取信息处理费{fees}万元。" if fees else "本年度未收取信息处理费。"
    return Sections(
        overview=overview,
        proactive="主动公开政府信息情况见下表。",
        applications="收到和处理政府信息公开申请情况见下表。",
        reviews=review_text + "具体情况见下表。",
        shortcomings="（请填写本年度政府信息公开工作存在的主要问题及改进情况。）",
        other_matters=fee_text,
    )


def compiled(organ, year: int, today: date | None = None, counted: dict | None = None) -> Report:
    """Tables and drafted sections together (`counted`: this organ's part of `counted_many`)."""
    counted = counted or {}
    report = compile_tables(organ, year, counted.get("table3"), counted.get("table4"), counted.get("table2"))
    report.sections = draft_sections(
        report, organ, year, counted.get("channels"), counted.get("log"), counted.get("yearly")
    )
    report.published_on = today
    return report


def counted_many(organ_ids, year: int) -> dict[int, dict]:
    """Everything `compiled` counts, counted for many organs at once: table 3 and the channels in one
    pass over the applications, table 4, table 2 (two queries), the work log, the catalogue's yearly
    counts (`catalog.yearly_counts_many`, three queries)."""
    ids = list(dict.fromkeys(organ_ids))
    rows = list(_table3_rows(ids, year, by_channel=True))
    channels: dict[int, Counter] = {pk: Counter() for pk in ids}
    for row in rows:
        if row["c0"]:  # TABLE3_ROWS[0] is "new"
            channels[row["organ_id"]][row["channel"]] += row["c0"]
    parts = {
        "table3": _fold_table3(ids, rows),
        "table4": table4_by_organ(ids, year),
        "table2": table2_by_organ(ids, year),
        "channels": channels,
        "log": log_by_organ(ids, year),
        "yearly": catalog.yearly_counts_many(ids, year),
    }
    return {pk: {name: part[pk] for name, part in parts.items()} for pk in ids}
