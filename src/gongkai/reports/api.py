"""The annual report in /api/v1/reports/ (mounted from `ReportsConfig.ready`), with the staff pages' rules:
an organ the user may not see is 404, an action they may not take 403.

POST /api/v1/reports/{slug}/{year}/compile/   compile (or return the locked snapshot)
GET  /api/v1/reports/{slug}/{year}/           the report's JSON (schema keys) and status
GET  /api/v1/reports/{slug}/{year}/check/     findings (rule, severity, cells, message, explanation)
POST /api/v1/reports/{slug}/{year}/publish/   publish a new version ({"change_note": …} for a correction)
GET  /api/v1/reports/region/{year}/           the supervised organs' status and the region's sum
POST /api/v1/reports/region/{office}/{year}/compile/   the 主管部门 compiles the region's report (汇总)
GET  /api/v1/reports/region/{office}/{year}/           the region's report; …/check/, POST …/publish/ as above
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gongkai.organs.scope import for_request
from gongkai.reports import region as regions
from gongkai.reports import services
from gongkai.reports.models import AnnualReport
from gongkai.reports.permissions import Action, get_organ_or_404

router = Router(tags=["年度报告"])


class ReportOut(Schema):
    organ: str
    year: int
    status: str
    version: int | None
    report: dict


class FindingOut(Schema):
    rule: str
    severity: str
    cells: list[str]
    message: str
    explanation: str


class CheckOut(Schema):
    publishable: bool
    findings: list[FindingOut]


class PublishIn(Schema):
    change_note: str = ""


class StatusOut(Schema):
    organ: str
    status: str
    due: str


class RegionOut(Schema):
    year: int
    organs: list[StatusOut]
    total: dict


def _out(report: AnnualReport) -> dict:
    version = report.current_version()
    return {
        "organ": report.organ.slug,
        "year": report.year,
        "status": report.status,
        "version": version.number if version else None,
        "report": report.data,
    }


def _report(request, slug: str, year: int, action: Action = Action.VIEW) -> AnnualReport:
    organ = get_organ_or_404(for_request(request), slug, action)
    return get_object_or_404(AnnualReport.objects.select_related("organ"), organ=organ, year=year)


@router.post("/{slug}/{int:year}/compile/", response=ReportOut, summary="根据记录生成年度报告")
def compile_report(request, slug: str, year: int):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.COMPILE)
    return _out(services.compile_report(perms, organ, year))


@router.get("/region/{int:year}/", response=RegionOut, summary="所辖机关年度报告情况及汇总")
def region_view(request, year: int):
    perms = for_request(request)
    rows = regions.status_rows(perms, year)
    total, _parts = regions.region_tables(perms, year)
    return {
        "year": year,
        "organs": [{"organ": r.organ.slug, "status": r.status, "due": r.due.isoformat()} for r in rows],
        "total": total.to_dict(),
    }


def _region_report(request, office: str, year: int, action: Action = Action.VIEW) -> AnnualReport:
    from gongkai.reports.views import _report_or_404

    return _report_or_404(for_request(request), office, year, action, region=True)


@router.post("/region/{office}/{int:year}/compile/", response=ReportOut, summary="汇总本地区年度报告")
def region_compile(request, office: str, year: int):
    perms = for_request(request)
    organ = get_organ_or_404(perms, office, Action.REGION)
    return _out(services.compile_region_report(perms, organ, year))


@router.get("/region/{office}/{int:year}/", response=ReportOut, summary="本地区汇总年度报告")
def region_detail(request, office: str, year: int):
    return _out(_region_report(request, office, year))


@router.get("/region/{office}/{int:year}/check/", response=CheckOut, summary="校验本地区汇总年度报告")
def region_check(request, office: str, year: int):
    return _check(_region_report(request, office, year))


@router.post("/region/{office}/{int:year}/publish/", response=ReportOut, summary="发布本地区汇总年度报告")
def region_publish(request, office: str, year: int, payload: PublishIn):
    return _publish(request, _region_report(request, office, year, Action.REGION), payload)


def _publish(request, report: AnnualReport, payload: PublishIn) -> dict:
    """A new published version of an organ's or a region's report (the service checks permission again)."""
    services.publish(for_request(request), report, payload.change_note)
    report.refresh_from_db()
    return _out(report)


def _check(report: AnnualReport) -> dict:
    result = services.check_report(report)
    findings = [
        {**f.to_dict(), "explanation": result.explanations.get(services.finding_key(f), "")}
        for f in result.findings
    ]
    return {"publishable": result.publishable, "findings": findings}


@router.get("/{slug}/{int:year}/", response=ReportOut, summary="年度报告")
def report_detail(request, slug: str, year: int):
    return _out(_report(request, slug, year))


@router.get("/{slug}/{int:year}/check/", response=CheckOut, summary="校验年度报告")
def report_check(request, slug: str, year: int):
    return _check(_report(request, slug, year))


@router.post("/{slug}/{int:year}/publish/", response=ReportOut, summary="发布年度报告")
def report_publish(request, slug: str, year: int, payload: PublishIn):
    return _publish(request, _report(request, slug, year, Action.PUBLISH), payload)
