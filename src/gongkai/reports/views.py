"""Staff pages of the annual report (/workspace/o/<slug>/reports/…) and its public list (/nianbao/<slug>/).
Every change goes through `services`, which checks the permission again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.annualreport.model import (
    APPLICANT_COLUMN_LABELS,
    REVIEW_COLUMN_LABELS,
    SECTION_TITLES,
    cell_label,
)
from gongkai.annualreport.writers import write
from gongkai.organs.models import Organ
from gongkai.organs.scope import for_request
from gongkai.reports import compile as compiling
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportVersion, WorkKind
from gongkai.reports.permissions import POLICY, Action, get_organ_or_404
from gongkai.reports.tables import table_rows

DOWNLOADS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "html": ("text/html; charset=utf-8", "html"),
    "json": ("application/json", "json"),
}


def _errors(request, exc: ValidationError) -> None:
    for field_errors in exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]:
        for message in field_errors:
            messages.error(request, message)


def _detail_url(organ, year, report=None):
    if report is not None:
        return _report_urls(report)["detail"]
    return reverse("reports:detail", kwargs={"slug": organ.slug, "year": year})


@login_required
@require_safe
def index(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    reports = AnnualReport.objects.filter(organ=organ).order_by("-year")
    return render(
        request,
        "reports/staff/index.html",
        {
            "organ": organ,
            "reports": reports,
            "default_year": timezone.localdate().year - 1,
            "can_compile": POLICY.allows(perms, Action.COMPILE, organ.pk),
            "can_region": organ.is_supervising and POLICY.allows(perms, Action.REGION, organ.pk),
            "region_reports": AnnualReport.regions.filter(office=organ).order_by("-year"),
            "work_kinds": WorkKind.choices,
            "work_log": organ.work_log.order_by("-happened_on")[:50],
        },
    )


def _posted_year(request) -> int | None:
    """The POSTed ``year`` (2008 to this year), or None with the Chinese error message set."""
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = None
    if year is None or not 2008 <= year <= timezone.localdate().year:
        messages.error(request, "年度：请填写2008年至今的年份")
        return None
    return year


@login_required
@require_POST
def compile_view(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.COMPILE)
    year = _posted_year(request)
    if year is None:
        return redirect("reports:index", slug=organ.slug)
    report = services.compile_report(perms, organ, year)
    if report.locked:
        messages.info(request, f"{year}年度报告已发布并锁定，数字保持发布时的快照")
    else:
        messages.success(request, f"已根据办理记录生成{year}年度报告")
    return redirect(_detail_url(organ, year))


def _report_or_404(perms, slug, year, action=Action.VIEW, region=False):
    """The organ's report of `year`; with `region`, the region's report of the office `slug` (seen by
    whoever may review in the office; changed only with REGION there)."""
    if not region:
        organ = get_organ_or_404(perms, slug, action)
        return get_object_or_404(AnnualReport.objects.select_related("organ"), organ=organ, year=year)
    office = get_organ_or_404(perms, slug, Action.REVIEW if action == Action.VIEW else Action.REGION)
    return get_object_or_404(AnnualReport.regions.select_related("organ", "office"), office=office, year=year)


def _report_urls(report) -> dict:
    """The report page's links: an organ's report under its slug, the region's under its office's."""
    if report.is_region:
        prefix, slug = "reports:region-", report.office.slug
    else:
        prefix, slug = "reports:", report.organ.slug
    urls = {
        name: reverse(prefix + name, kwargs={"slug": slug, "year": report.year})
        for name in ("detail", "edit", "explain", "publish", "reopen")
    }
    urls["index"] = reverse("reports:index", kwargs={"slug": slug})
    if not report.is_region:
        urls["return"] = reverse("reports:return", kwargs={"slug": slug, "year": report.year})
    urls["downloads"] = {
        v.number: [
            (
                fmt.upper(),
                reverse(
                    prefix + "download",
                    kwargs={"slug": slug, "year": report.year, "number": v.number, "fmt": fmt},
                ),
            )
            for fmt in ("docx", "pdf", "html", "json")
        ]
        for v in report.versions.all()
    }
    return urls


@login_required
@require_safe
def detail(request, slug, year, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, region=region)
    data = services.report_of(report)
    tables = table_rows(data)
    if report.is_region:  # a sum has no records behind it on this page: each organ's report has them
        for row in (r for rows in tables.values() for r in rows):
            for cell in row.cells:
                cell.drill = False
    if report.is_region:
        may_change = POLICY.allows(perms, Action.REGION, report.office_id)
        can_compile = can_publish = may_change
    else:
        can_compile = POLICY.allows(perms, Action.COMPILE, report.organ_id)
        can_publish = POLICY.allows(perms, Action.PUBLISH, report.organ_id)
    result = services.check_report(report)
    findings = [
        {
            "finding": f,
            "key": services.finding_key(f),
            "explanation": result.explanations.get(services.finding_key(f), ""),
        }
        for f in result.findings
    ]
    return render(
        request,
        "reports/staff/detail.html",
        {
            "organ": report.organ,
            "report": report,
            "data": data,
            "tables": tables,
            "urls": _report_urls(report),
            "table2_headers": ("本年制发件数／处理决定数／金额", "本年废止件数", "现行有效件数"),
            "applicant_labels": APPLICANT_COLUMN_LABELS,
            "review_labels": REVIEW_COLUMN_LABELS,
            "sections": [
                (k, SECTION_TITLES[k], getattr(data.sections, k) or "", k in report.edited)
                for k in SECTION_TITLES
            ],
            "moved": [(cell_label(p), p, old, new) for p, (old, new) in report.moved.items()],
            "findings": findings,
            "result": result,
            "versions": report.versions.order_by("-number"),
            "can_compile": can_compile and not report.locked,
            "can_publish": can_publish,
            "can_review": not report.is_region
            and POLICY.allows(perms, Action.REVIEW, report.organ_id)
            and not perms.roles_in(report.organ_id),
        },
    )


@login_required
@require_safe
def drill(request, slug, year, path):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year)
    try:
        rows = compiling.drill_rows(services.report_of(report), report.organ, year, path)
        label = cell_label(path)
    except (KeyError, ValueError, AttributeError) as exc:
        raise Http404("该单元格没有可追溯的记录") from exc
    value = services.report_of(report).get(path)
    return render(
        request,
        "reports/staff/drill.html",
        {
            "organ": report.organ,
            "report": report,
            "path": path,
            "label": label,
            "value": value,
            "rows": list(rows[:500]),
            "count": rows.count(),
        },
    )


@login_required
@require_POST
def edit_view(request, slug, year, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, Action.COMPILE, region)
    try:
        services.edit_section(perms, report, request.POST.get("section", ""), request.POST.get("text", ""))
        messages.success(request, "正文已保存；重新生成时保留您的修改")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(_detail_url(report.organ, year, report))


@login_required
@require_POST
def explain_view(request, slug, year, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, Action.COMPILE, region)
    try:
        services.explain_warning(
            perms, report, request.POST.get("key", ""), request.POST.get("explanation", "")
        )
        messages.success(request, "说明已保存")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(_detail_url(report.organ, year, report) + "#findings")


@login_required
@require_POST
def publish_view(request, slug, year, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, Action.PUBLISH, region)
    try:
        version = services.publish(perms, report, request.POST.get("change_note", ""))
        messages.success(request, f"已发布第{version.number}版")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(_detail_url(report.organ, year, report))


@login_required
@require_POST
def reopen_view(request, slug, year, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, Action.PUBLISH, region)
    services.reopen(perms, report)
    messages.info(request, "报告已重新打开，修改后请填写更正说明再发布")
    return redirect(_detail_url(report.organ, year, report))


@login_required
@require_POST
def return_view(request, slug, year):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, Action.REVIEW)
    try:
        services.return_for_correction(perms, report, request.POST.get("comment", ""))
        messages.success(request, "已退回该机关修改")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(_detail_url(report.organ, year, report))


@login_required
@require_POST
def worklog_view(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.COMPILE)
    try:
        services.log_work(
            perms,
            organ,
            happened_on=request.POST.get("happened_on", ""),
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
        )
        messages.success(request, "已登记")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("reports:index", slug=organ.slug)


def _download(version: ReportVersion, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404("不支持的格式")
    content_type, ext = DOWNLOADS[fmt]
    data = services.Report.from_dict(version.data)
    body = write(data, fmt)
    response = HttpResponse(body, content_type=content_type)
    kind = "-region" if version.report.is_region else ""
    name = f"{version.report.organ.slug}{kind}-{version.report.year}-v{version.number}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def download(request, slug, year, number, fmt, region=False):
    perms = for_request(request)
    report = _report_or_404(perms, slug, year, region=region)
    return _download(get_object_or_404(report.versions, number=number), fmt)


@login_required
@require_POST
def compile_region_view(request, slug):
    """The 主管部门 compiles the region's report (the sum of its organs) for a year."""
    perms = for_request(request)
    office = get_organ_or_404(perms, slug, Action.REGION)
    year = _posted_year(request)
    if year is None:
        return redirect("reports:index", slug=office.slug)
    try:
        report = services.compile_region_report(perms, office, year)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reports:index", slug=office.slug)
    if report.locked:
        messages.info(request, f"{year}年度本地区汇总报告已发布并锁定，数字保持发布时的快照")
    else:
        messages.success(request, f"已汇总所辖机关的{year}年度报告")
    return redirect("reports:region-detail", slug=office.slug, year=year)


@login_required
@require_safe
def supervise(request, slug, year):
    """The 主管部门's view of the organs it supervises: status per organ for `year`."""
    from gongkai.reports.region import status_rows

    perms = for_request(request)
    office = get_organ_or_404(perms, slug, Action.REVIEW)
    rows = status_rows(perms, year)
    from gongkai.reports.indicators import chart_data, figures, record_charts

    shown = [figures(r.organ.name, services.report_of(r.report)) for r in rows if r.report and r.report.data]
    charts = chart_data(shown) if shown else {}
    charts |= record_charts([r.organ for r in rows], year)
    return render(
        request,
        "reports/staff/supervise.html",
        {"organ": office, "year": year, "rows": rows, "charts": charts, "figures": shown},
    )


@login_required
@require_safe
def scorecard_view(request, slug, year):
    """The scorecard (考核) of the supervised organs for `year`, and the office's indicator settings."""
    from gongkai.reports import scorecard
    from gongkai.reports.region import status_rows

    perms = for_request(request)
    office = get_organ_or_404(perms, slug, Action.REVIEW)
    indicators, rows = scorecard.scorecard(office, [r.organ for r in status_rows(perms, year)], year)
    return render(
        request,
        "reports/staff/scorecard.html",
        {
            "organ": office,
            "year": year,
            "indicators": indicators,
            "settings": scorecard.indicators_for(office),
            "rows": sorted(rows, key=lambda r: (-r.score, r.organ.name)),
            "full": sum(i.points for i in indicators),
        },
    )


@login_required
@require_POST
def scorecard_configure(request, slug, year):
    from gongkai.reports import scorecard

    perms = for_request(request)
    office = get_organ_or_404(perms, slug, Action.REVIEW)
    try:
        points = int(request.POST.get("points", ""))
        threshold = int(request.POST.get("threshold", ""))
    except ValueError:
        messages.error(request, "分值和达标值：请填写整数")
    else:
        try:
            row = scorecard.configure(
                perms,
                office,
                request.POST.get("key", ""),
                points=points,
                threshold=threshold,
                active=request.POST.get("active") == "on",
            )
            messages.success(request, f"已更新考核指标“{row.label}”")
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("reports:scorecard", slug=office.slug, year=year)


@login_required
@require_safe
def export_xlsx(request, slug, year):
    """Every supervised organ's status and every cell of its report for `year`, as one XLSX sheet."""
    from io import BytesIO

    from openpyxl import Workbook

    from gongkai.annualreport.model import cell_paths
    from gongkai.reports.region import status_rows

    perms = for_request(request)
    get_organ_or_404(perms, slug, Action.REVIEW)
    paths = cell_paths("2021")
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年度"
    sheet.append(["机关", "状态", "报送期限", *[cell_label(p) for p in paths]])
    for row in status_rows(perms, year):
        data = services.report_of(row.report) if row.report and row.report.data else None
        sheet.append(
            [row.organ.name, row.label, row.due.isoformat(), *[data.get(p) if data else None for p in paths]]
        )
    out = BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="reports-{year}.xlsx"'
    return response


# --- public -----------------------------------------------------------------------------------------


@require_safe
def public_list(request, slug):
    organ = get_object_or_404(Organ, slug=slug)
    versions = (
        ReportVersion.objects.filter(report__organ=organ)
        .select_related("report")
        .order_by("-report__year", "-number")
    )
    return render(request, "reports/public/list.html", {"organ": organ, "versions": versions})


@require_safe
def public_download(request, slug, year, number, fmt, region=False):
    """A published version; with `region`, of the region's report (汇总) of the government `slug`."""
    organ = get_object_or_404(Organ, slug=slug)
    version = get_object_or_404(
        ReportVersion.objects.select_related("report__organ"),
        report__organ=organ,
        report__office__isnull=not region,
        report__year=year,
        number=number,
    )
    return _download(version, fmt)


@login_required
@require_safe
def compare_view(request, slug):
    """Two reports side by side: `?a=<year>&b=<year>` of this organ, or `&other=<slug>` for another organ's
    report of year b. Every cell with its difference, and the text's changed and copied sentences."""
    from gongkai.annualreport.compare import compare

    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    try:
        year_a = int(request.GET.get("a", ""))
        year_b = int(request.GET.get("b", year_a))
    except ValueError:
        year_a = year_b = None
    other_slug = request.GET.get("other") or slug
    other = get_organ_or_404(perms, other_slug)
    context = {"organ": organ, "other": other, "year_a": year_a, "year_b": year_b}
    if year_a is not None:
        a = AnnualReport.objects.filter(organ=organ, year=year_a).exclude(data={}).first()
        b = AnnualReport.objects.filter(organ=other, year=year_b).exclude(data={}).first()
        if a is None or b is None:
            messages.error(request, "所选年度尚未生成报告")
        else:
            context["comparison"] = compare(services.report_of(a), services.report_of(b))
    return render(request, "reports/staff/compare.html", context)


# --- import of reports published elsewhere (the 主管部门) -------------------------------------------


def _office_batch(perms, slug, batch):
    from gongkai.reports.models import ImportBatch

    office = get_organ_or_404(perms, slug, Action.REVIEW)
    return office, get_object_or_404(ImportBatch.objects.select_related("office"), pk=batch, office=office)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_index(request, slug):
    """The upload form (many files, ZIPs) and the office's earlier imports."""
    from gongkai.reports import imports
    from gongkai.reports.models import ImportBatch
    from gongkai.reports.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, Upload

    perms = for_request(request)
    office = get_organ_or_404(perms, slug, Action.REVIEW)
    if request.method == "POST":
        from django.core.exceptions import TooManyFilesSent

        try:
            posted = request.FILES.getlist("files")
        except TooManyFilesSent:  # Django's own cap (DATA_UPLOAD_MAX_NUMBER_FILES), before ours
            posted = None
        if posted is None:
            messages.error(request, f"一次最多导入{MAX_FILES}个报告文件（含压缩包内的文件），请分批上传")
            return render(
                request,
                "reports/staff/import_index.html",
                {"organ": office, "batches": ImportBatch.objects.filter(office=office)[:50]},
                status=400,
            )
        # Files past the caps are refused by their size, before they are read into memory.
        files, total, too_much = [], 0, None
        for f in posted:
            total += f.size
            if total > MAX_TOTAL_BYTES:
                too_much = f.name
                break
            files.append(Upload(f.name, f.read() if f.size <= MAX_FILE_BYTES else b"", f.size))
        try:
            if too_much is not None:
                raise ValidationError(
                    {
                        "files": [
                            f"文件“{too_much}”：本次导入超过总量上限{MAX_TOTAL_BYTES // (1024 * 1024)} MB，请分批上传"
                        ]
                    }
                )
            batch = imports.start_import(perms, office, files)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"已上传{batch.total}个文件，正在后台读取")
            return redirect("reports:import-batch", slug=office.slug, batch=batch.pk)
    return render(
        request,
        "reports/staff/import_index.html",
        {"organ": office, "batches": ImportBatch.objects.filter(office=office)[:50]},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def import_batch(request, slug, batch):
    """The batch's progress and files. htmx polls it (the fragment only) until every file is read; without
    JavaScript a reload shows the same."""
    perms = for_request(request)
    office, batch = _office_batch(perms, slug, batch)
    files = batch.files.select_related("organ").defer("content", "data")
    context = {"organ": office, "batch": batch, "files": files, "finished": batch.status == "done"}
    if request.headers.get("HX-Request"):
        return render(request, "reports/staff/_import_progress.html", context)
    return render(request, "reports/staff/import_batch.html", context)


def _imported_or_404(perms, slug, file):
    from gongkai.reports.models import ImportedFile

    office = get_organ_or_404(perms, slug, Action.REVIEW)
    imported = get_object_or_404(
        ImportedFile.objects.select_related("batch", "organ").defer("content"), pk=file, batch__office=office
    )
    return office, imported


@login_required
@require_safe
def import_file(request, slug, file):
    """One imported report: every cell as read (unread cells shown as such), problems, findings, match."""
    from gongkai.reports import imports

    perms = for_request(request)
    office, imported = _imported_or_404(perms, slug, file)
    data = services.Report.from_dict(imported.data) if imported.data else None
    choices = imports.candidates(imported.batch).order_by("name")
    return render(
        request,
        "reports/staff/import_file.html",
        {
            "organ": office,
            "imported": imported,
            "data": data,
            "tables": table_rows(data) if data else None,
            "unread": sum(1 for _, v in data.cells() if v is None) if data else 0,
            "table2_headers": ("本年制发件数／处理决定数／金额", "本年废止件数", "现行有效件数"),
            "applicant_labels": APPLICANT_COLUMN_LABELS,
            "review_labels": REVIEW_COLUMN_LABELS,
            "organs": choices,
        },
    )


@login_required
@require_POST
def import_confirm(request, slug, file):
    from gongkai.reports import imports

    perms = for_request(request)
    office, imported = _imported_or_404(perms, slug, file)
    try:
        organ = imports.candidates(imported.batch).filter(pk=int(request.POST.get("organ", "0"))).first()
        year = int(request.POST["year"]) if request.POST.get("year", "").strip() else None
    except ValueError:
        organ, year = None, None
        messages.error(request, "机关或年度填写有误")
    if organ is None:
        messages.error(request, f"文件“{imported.name}”：请选择所属机关")
    else:
        try:
            imports.confirm_match(perms, imported, organ, year)
            messages.success(request, f"已确认“{imported.name}”为{organ.name}的报告")
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("reports:import-file", slug=office.slug, file=imported.pk)
