"""The annual report's actions: compile, edit, explain, check, publish, return. Each checks permission,
writes in one transaction and appends the audit event (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from gongkai.annualreport.model import SECTION_KEYS, Report
from gongkai.annualreport.rules import Finding, check
from gongkai.annualreport.rules.finding import Severity
from gongkai.audit.services import record, record_many
from gongkai.core.actors import actor_user, require_actor
from gongkai.reports import compile as compiling
from gongkai.reports.models import AnnualReport, ReportVersion, Status, WorkLogEntry
from gongkai.reports.permissions import POLICY, Action
from gongkai.reports.verbs import ReportVerb

DENIED = "您没有执行此操作的权限"
# Rules on the 落款 date (F8 late, F9 in the future, F10 missing): the platform dates the report when it
# publishes it, and the supervisor's status shows a late publication; the organ has nothing to fix.
DATED_BY_THE_PLATFORM = frozenset({"F8", "F9", "F10"})
# The report's tables, in the order of its cells (`Report.cells`).
TABLES = ("proactive", "proactive_2019", "applications", "reviews")


def _require(actor, action: Action, organ_id: int) -> None:
    require_actor(actor)
    if not POLICY.allows(actor, action, organ_id):
        raise PermissionDenied(DENIED)


def _require_report(actor, report: AnnualReport, action: Action) -> None:
    """An organ's report asks `action` in its organ; the region's report asks REGION in its office."""
    if report.is_region:
        _require(actor, Action.REGION, report.office_id)
    else:
        _require(actor, action, report.organ_id)


def finding_key(finding: Finding) -> str:
    """A warning's stable key: its rule and cells (its explanation is kept under it)."""
    return f"{finding.rule}:{','.join(finding.cells)}"


def report_of(report) -> Report:
    """The toolkit's Report of an AnnualReport or a ReportVersion."""
    return Report.from_dict(report.data)


def compile_report(actor, organ, year: int) -> AnnualReport:
    """Compile (or recompile) `organ`'s report for `year`. A published year is locked: its snapshot is
    returned unchanged. Sections staff edited stay as they wrote them; `moved` lists the cells that
    changed since the last compilation."""
    _require(actor, Action.COMPILE, organ.pk)
    with transaction.atomic():
        report, _ = AnnualReport.objects.select_for_update().get_or_create(organ=organ, year=year)
        if report.locked:
            return report
        return _store(actor, report, compiling.compiled(organ, year))


def compile_reports(actor, organs, year: int) -> list[AnnualReport]:
    """`compile_report` for many organs (returned in the order given), set-based: the permission for every
    organ first, then in one transaction one row-lock query for all the reports (those missing created in
    one INSERT), everything counted for all the open ones at once (`compile.counted_many`), their rows
    written by one UPDATE statement executed for all (`_write`; a second one for the reports whose JSON is
    unchanged) and their audit events in one INSERT (`audit.services.record_many`). Each report and audit event is the one `compile_report` would write:
    a published year returns its snapshot, edited sections are kept, the moved cells listed."""
    organs = list(organs)
    for organ in organs:
        _require(actor, Action.COMPILE, organ.pk)
    by_pk = {organ.pk: organ for organ in organs}
    with transaction.atomic():
        reports = _lock_reports(by_pk, year)
        open_ = [reports[pk] for pk in by_pk if not reports[pk].locked]
        counted = compiling.counted_many([r.organ_id for r in open_], year)
        now = timezone.now()
        events, changed, unchanged = [], [], []
        for report in open_:
            stored = report.data
            fresh = compiling.compiled(by_pk[report.organ_id], year, counted=counted[report.organ_id])
            events.append((report.organ, report, _restamp(report, fresh, now)))
            (unchanged if report.data == stored else changed).append(report)
        _write(changed, ("data", "moved", "status", "compiled_at"))
        # An unchanged JSON is not sent again (PostgreSQL then keeps its stored, TOASTed value as it is).
        _write(unchanged, ("moved", "status", "compiled_at"))
        record_many(ReportVerb.COMPILED, events, actor=actor_user(actor))
    return [reports[organ.pk] for organ in organs]


def _lock_reports(organs: dict, year: int) -> dict[int, AnnualReport]:
    """The organs' reports for `year`, locked (SELECT … FOR UPDATE), those missing created first, keyed by
    organ id; each with its organ object (no query per report for it)."""

    def locked(ids) -> dict[int, AnnualReport]:
        rows = AnnualReport.objects.select_for_update().filter(organ_id__in=list(ids), year=year)
        return {r.organ_id: r for r in rows.order_by("pk")}

    reports = locked(organs)
    missing = [pk for pk in organs if pk not in reports]
    if missing:
        # A report another transaction creates meanwhile is left alone (ignore_conflicts), then locked.
        AnnualReport.objects.bulk_create(
            [AnnualReport(organ=organs[pk], year=year) for pk in missing], ignore_conflicts=True
        )
        reports.update(locked(missing))
    for pk, report in reports.items():
        report.organ = organs[pk]
    return reports


def _write(reports: list[AnnualReport], names: tuple[str, ...]) -> None:
    """Save fields `names` of every report: one UPDATE by primary key sent for all of them at once
    (`executemany`, pipelined by psycopg), each value prepared by its model field as `save` does. Like
    `bulk_update` it sends no save signals (none are connected to reports); `bulk_update` itself builds a
    CASE per field and row, which costs more than writing the rows."""
    fields = [AnnualReport._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(AnnualReport._meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in fields)
        + f" WHERE {quote(AnnualReport._meta.pk.column)} = %s"
    )
    rows = [[f.get_db_prep_save(getattr(r, f.attname), connection) for f in fields] + [r.pk] for r in reports]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def compile_region_report(actor, office, year: int) -> AnnualReport:
    """The region's report (汇总) for `year`, compiled by its 主管部门 `office`: every cell the sum of the
    reports of the organs in the region (the current published version of each, else its draft; see
    `region.region_tables`), the narrative drafted from the sums. Checked, explained, published and
    corrected like an organ's report; a published year is locked."""
    from gongkai.organs.models import subtree_ids
    from gongkai.reports import region

    _require(actor, Action.REGION, office.pk)
    if not office.is_supervising:
        raise ValidationError({"office": [f"{office.name}不是政务公开主管部门，不能汇总本地区年度报告"]})
    root = office.supervised_root()
    with transaction.atomic():
        report, _ = AnnualReport.regions.select_for_update().get_or_create(
            office=office, year=year, defaults={"organ": root}
        )
        if report.locked:
            return report
        total, parts = region.region_tables(actor, year, organ_ids=subtree_ids([root.pk]))
        total.agency, total.year = root.name, year
        total.title = f"{root.name}{year}年政府信息公开工作年度报告"
        total.sections = region.draft_region_sections(total, root, year, len(parts))
        return _store(actor, report, total)


def _store(actor, report: AnnualReport, fresh: Report) -> AnnualReport:
    moved = _restamp(report, fresh, timezone.now())
    report.save()
    record(
        ReportVerb.COMPILED,
        actor=actor_user(actor),
        organ=report.office if report.is_region else report.organ,
        obj=report,
        changes=moved,
    )
    return report


def _restamp(report: AnnualReport, fresh: Report, now) -> dict[str, list]:
    """Put the freshly compiled `fresh` into `report` (not saved): the sections staff edited kept, the
    cells that changed since the last compilation in `moved` (returned: the audit event's changes)."""
    for key, text in report.edited.items():
        setattr(fresh.sections, key, text)
    data = fresh.to_dict()
    moved = _moved(report.data, fresh, data) if report.data else {}
    report.data = data
    report.moved = moved
    report.status = Status.DRAFT
    report.compiled_at = now
    return dict(moved)


def _moved(stored: dict, fresh: Report, data: dict) -> dict[str, list]:
    """{path: [stored value, fresh value]} of every cell of the stored report (its JSON `stored`) that
    `fresh` (whose JSON is `data`) has with another value, in the report's cell order. A table whose JSON
    is unchanged has no such cell (a report reads back from its JSON equal), so it is not walked."""
    moved = {}
    for table in TABLES:
        if stored.get(table) == data.get(table):
            continue
        previous = dict(Report.cells_of(stored, table))
        for path, value in fresh.cells(table):
            if path in previous and previous[path] != value:
                moved[path] = [previous[path], value]
    return moved


def edit_section(actor, report: AnnualReport, key: str, text: str) -> AnnualReport:
    """Replace one section's text; the edit is kept across recompiles."""
    _require_report(actor, report, Action.COMPILE)
    if key not in SECTION_KEYS:
        raise ValidationError({"section": [f"没有“{key}”这一部分"]})
    if report.locked:
        raise ValidationError({"section": ["报告已发布，不能修改；如需更正，请发布更正版本"]})
    text = text.strip()
    if not text:
        raise ValidationError({"text": ["正文不能为空"]})
    with transaction.atomic():
        data = report_of(report)
        old = getattr(data.sections, key)
        setattr(data.sections, key, text)
        report.data = data.to_dict()
        report.edited = {**report.edited, key: text}
        report.status = Status.DRAFT
        report.save()
        record(
            ReportVerb.EDITED,
            actor=actor_user(actor),
            organ=report.organ,
            obj=report,
            changes={key: [old, text]},
        )
    return report


def previous_report(organ, year: int, office=None) -> Report | None:
    """The previous year as published on the platform (its current version), else as imported from where
    the organ published it (`imports.imported_report`), or None. With `office`: the region's report the
    office published the year before."""
    from gongkai.reports.imports import imported_report

    if office is not None:
        before = AnnualReport.regions.filter(office=office, year=year - 1).first()
        version = before.current_version() if before else None
        return Report.from_dict(version.data) if version else None
    before = AnnualReport.objects.filter(organ=organ, year=year - 1).first()
    version = before.current_version() if before else None
    return Report.from_dict(version.data) if version else imported_report(organ, year - 1)


@dataclass
class CheckResult:
    findings: list[Finding]
    explanations: dict[str, str]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def unexplained(self) -> list[Finding]:
        return [f for f in self.warnings if not self.explanations.get(finding_key(f))]

    @property
    def publishable(self) -> bool:
        return not self.errors and not self.unexplained


def check_report(report: AnnualReport) -> CheckResult:
    """Every rule of the toolkit, the cross-year rules against the previous year included."""
    data = report_of(report)
    # The date of publication is the platform's own record (published late shows in the supervisor's
    # status), not something the organ can fix in the text: the form rule on it is not asked here.
    data.published_on = None
    findings = [
        f
        for f in check(data, previous_report(report.organ, report.year, report.office))
        if f.rule not in DATED_BY_THE_PLATFORM
    ]
    return CheckResult(findings, dict(report.explanations))


def explain_warning(actor, report: AnnualReport, key: str, text: str) -> AnnualReport:
    _require_report(actor, report, Action.COMPILE)
    text = text.strip()
    if not text:
        raise ValidationError({"explanation": ["请填写对该警告的说明"]})
    keys = {finding_key(f) for f in check_report(report).warnings}
    if key not in keys:
        raise ValidationError({"explanation": ["该警告已不存在，请重新校验"]})
    with transaction.atomic():
        old = report.explanations.get(key)
        report.explanations = {**report.explanations, key: text}
        report.save(update_fields=["explanations"])
        record(
            ReportVerb.EXPLAINED,
            actor=actor_user(actor),
            organ=report.organ,
            obj=report,
            changes={key: [old, text]},
        )
    return report


def publish(actor, report: AnnualReport, change_note: str = "") -> ReportVersion:
    """Lock the report as a new version. Refused while an error or an unexplained warning remains; a
    correction (a second version) needs a change note, and supersedes the version before."""
    _require_report(actor, report, Action.PUBLISH)
    with transaction.atomic():
        report = AnnualReport.every.select_for_update().get(pk=report.pk)
        result = check_report(report)
        if result.errors:
            raise ValidationError(
                {
                    "report": [
                        f"存在{len(result.errors)}项错误，不能发布："
                        + "；".join(f.message for f in result.errors)
                    ]
                }
            )
        if result.unexplained:
            raise ValidationError({"report": [f"还有{len(result.unexplained)}项警告未作说明，不能发布"]})
        before = report.current_version()
        if before is not None and not change_note.strip():
            raise ValidationError({"change_note": ["更正已发布的报告，请填写更正说明"]})
        data = report_of(report)
        # A correction keeps the date the report was first published (the 落款 of the original).
        first = report.versions.order_by("number").first()
        data.published_on = report_of(first).published_on if first else timezone.localdate()
        if before is not None:
            before.superseded = True
            before.save(update_fields=["superseded"])
        version = ReportVersion.objects.create(
            report=report,
            number=(before.number + 1) if before else 1,
            data=data.to_dict(),
            explanations={finding_key(f): report.explanations[finding_key(f)] for f in result.warnings},
            change_note=change_note.strip(),
            published_at=timezone.now(),
            published_by=actor_user(actor),
        )
        report.data = data.to_dict()
        report.status = Status.PUBLISHED
        report.return_comment = ""
        report.save()
        record(
            ReportVerb.PUBLISHED,
            actor=actor_user(actor),
            organ=report.organ,
            obj=report,
            changes={"version": [before.number if before else None, version.number]},
        )
    return version


def reopen(actor, report: AnnualReport) -> AnnualReport:
    """Unlock a published report for a correction (the published version stays until the next one)."""
    _require_report(actor, report, Action.PUBLISH)
    with transaction.atomic():
        report.status = Status.DRAFT
        report.save(update_fields=["status"])
        record(
            ReportVerb.EDITED,
            actor=actor_user(actor),
            organ=report.organ,
            obj=report,
            changes={"status": ["published", "draft"]},
        )
    return report


def return_for_correction(actor, report: AnnualReport, comment: str) -> AnnualReport:
    """The 主管部门 sends the report back with a comment; the organ sees it in its queue."""
    if report.is_region:
        raise ValidationError({"comment": ["本地区汇总报告由主管部门自行修改，不能退回"]})
    _require(actor, Action.REVIEW, report.organ_id)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": ["请填写退回意见"]})
    with transaction.atomic():
        old = report.status
        report.status = Status.RETURNED
        report.return_comment = comment
        report.save(update_fields=["status", "return_comment"])
        record(
            ReportVerb.RETURNED,
            actor=actor_user(actor),
            organ=report.organ,
            obj=report,
            changes={"status": [old, report.status], "comment": [None, comment]},
        )
    return report


def log_work(actor, organ, *, happened_on, kind: str, text: str) -> WorkLogEntry:
    _require(actor, Action.COMPILE, organ.pk)
    entry = WorkLogEntry(organ=organ, happened_on=happened_on, kind=kind, text=text.strip())
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        record(
            ReportVerb.WORK_LOGGED,
            actor=actor_user(actor),
            organ=organ,
            obj=entry,
            changes={"text": [None, entry.text]},
        )
    return entry
