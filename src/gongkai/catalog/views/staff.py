"""Staff pages of the catalogue, under /workspace/o/<slug>/catalog/. Each loads the organ or entry through
`permissions` (unseen: 404) and calls a service for every change; the service checks the action again."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.catalog import forms, selectors
from gongkai.catalog.choices import CleanupDecision, EntryStatus, StepKind
from gongkai.catalog.choices import VersionState as S
from gongkai.catalog.models import CatalogColumn, Entry, EntryVersion, NormativeDocument, YearFigures
from gongkai.catalog.permissions import Action, can, get_entry_or_404, get_organ_or_404
from gongkai.catalog.services import columns as column_services
from gongkai.catalog.services import entries as entry_services
from gongkai.catalog.services import figures as figure_services
from gongkai.catalog.services import register as register_services
from gongkai.catalog.workflow import Refused
from gongkai.organs.scope import for_request

PAGE = 50


def _url(name, organ, **kwargs):
    return reverse(f"catalog:{name}", kwargs={"slug": organ.slug, **kwargs})


def _errors(request, exc: ValidationError) -> None:
    for field_errors in exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]:
        for message in field_errors:
            messages.error(request, message)


def _base(request, organ, **extra):
    perms = for_request(request)
    return {
        "organ": organ,
        "can_draft": can(perms, Action.DRAFT, organ),
        "can_review": can(perms, Action.REVIEW, organ),
        "can_manage": can(perms, Action.MANAGE, organ),
        "settings": selectors.catalog_settings(organ),
        **extra,
    }


@login_required
@require_safe
def home(request, slug):
    organ = get_organ_or_404(for_request(request), slug)
    rows, withheld = selectors.queue(organ)
    needed = selectors.interpretation_needed(organ).select_related("published_version")[:50]
    returned = [r for r in rows if r.version.state == S.RETURNED]
    return render(
        request,
        "catalog/staff/home.html",
        _base(request, organ, rows=rows, withheld=withheld, needed=needed, returned=returned),
    )


@login_required
@require_POST
def setup(request, slug):
    organ = get_organ_or_404(for_request(request), slug, Action.MANAGE)
    column_services.setup_catalog(for_request(request), organ)
    messages.success(request, "已按默认栏目建立本机关政府信息公开目录")
    return redirect(_url("home", organ))


@login_required
@require_safe
def entry_list(request, slug):
    organ = get_organ_or_404(for_request(request), slug)
    entries = Entry.objects.filter(organ=organ).select_related("published_version", "column").order_by("-id")
    status = request.GET.get("status", "")
    if status in EntryStatus.values:
        entries = entries.filter(status=status)
    page = Paginator(entries, PAGE).get_page(request.GET.get("page"))
    titles = dict(
        EntryVersion.objects.filter(entry_id__in=[e.pk for e in page], number=1).values_list(
            "entry_id", "title"
        )
    )
    for item in page:
        item.display_title = (
            item.published_version.title if item.published_version else titles.get(item.pk, "")
        )
    return render(
        request,
        "catalog/staff/entry_list.html",
        _base(request, organ, page=page, status=status, statuses=EntryStatus.choices),
    )


def _entry_fields(form: forms.EntryForm, organ) -> tuple[CatalogColumn, dict, Entry | None, str]:
    data = dict(form.cleaned_data)
    column = CatalogColumn.objects.filter(organ=organ, pk=data.pop("column")).first()
    index = data.pop("interprets").strip()
    interprets = None
    if index:
        interprets = Entry.objects.filter(index_number=index).first()
        if interprets is None:
            raise ValidationError({"interprets": f"找不到索引号为“{index}”的已发布信息"})
    form_kind = data.pop("interpretation_form")
    return column, data, interprets, form_kind


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.DRAFT)
    columns = selectors.flat_columns(organ)
    form = forms.EntryForm(request.POST or None, columns=columns, initial={"publisher": organ.name})
    if request.method == "POST" and form.is_valid():
        try:
            column, fields, interprets, form_kind = _entry_fields(form, organ)
            if column is None:
                raise ValidationError({"column": "请选择栏目"})
            version = entry_services.create_entry(
                perms, organ, column, interprets=interprets, interpretation_form=form_kind, **fields
            )
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, "草稿已保存")
            return redirect(_url("entry", organ, pk=version.entry_id))
    return render(request, "catalog/staff/entry_form.html", _base(request, organ, form=form, entry=None))


def _add_form_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, slug, pk):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    entry = get_entry_or_404(perms, pk, Action.DRAFT, organ)
    version = entry_services.open_version(entry)
    if version is None or version.state not in (S.DRAFT, S.RETURNED):
        messages.error(request, "该信息当前没有可编辑的草稿")
        return redirect(_url("entry", organ, pk=entry.pk))
    columns = selectors.flat_columns(organ)
    initial = {name: getattr(version, name) for name in entry_services.CONTENT_FIELDS}
    initial.update(
        column=str(entry.column_id),
        interprets=entry.interprets.index_number if entry.interprets_id else "",
        interpretation_form=entry.interpretation_form,
    )
    form = forms.EntryForm(request.POST or None, columns=columns, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            column, fields, _interprets, _form_kind = _entry_fields(form, organ)
            entry_services.update_draft(perms, version, column=column, **fields)
        except (ValidationError, Refused) as exc:
            if isinstance(exc, Refused):
                messages.error(request, str(exc))
            else:
                _add_form_errors(form, exc)
        else:
            messages.success(request, "草稿已保存")
            return redirect(_url("entry", organ, pk=entry.pk))
    return render(request, "catalog/staff/entry_form.html", _base(request, organ, form=form, entry=entry))


@login_required
@require_safe
def entry_detail(request, slug, pk):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    entry = get_entry_or_404(perms, pk, Action.VIEW, organ)
    versions = list(entry.versions.select_related("author").prefetch_related("steps", "attachments"))
    current = entry_services.open_version(entry)
    steps = entry_services.round_steps(current) if current else []
    p = selectors.params()
    due = None
    if current is not None:
        due = selectors.workflow.publication_due(
            current.generated_on,
            timezone.localdate(),
            workdays=p.publication_workdays,
            soon=p.due_soon_workdays,
        )
    chain = entry_services.chain_for(organ)
    approvals = [s for s in steps if s.kind == StepKind.APPROVED]
    context = _base(
        request,
        organ,
        entry=entry,
        versions=versions,
        current=current,
        steps=steps,
        due=due,
        chain=chain,
        next_label=chain[len(approvals)].label if current and len(approvals) < len(chain) else "",
        secrecy_done=any(s.kind == StepKind.SECRECY for s in steps),
        can_withdraw=can(perms, Action.WITHDRAW, entry),
        needs_interpretation=entry.status == EntryStatus.PUBLISHED and selectors.needs_interpretation(entry),
        reason_form=forms.ReasonForm(),
    )
    return render(request, "catalog/staff/entry_detail.html", context)


ACTIONS = {
    "submit": lambda perms, entry, version, data: entry_services.submit(perms, version),
    "secrecy": lambda perms, entry, version, data: entry_services.attest_secrecy(perms, version, data.get("note", "")),
    "approve": lambda perms, entry, version, data: entry_services.approve(perms, version, data.get("note", "")),
    "return": lambda perms, entry, version, data: entry_services.return_to_author(perms, version, data.get("reason", "")),
    "withdraw": lambda perms, entry, version, data: entry_services.withdraw(perms, entry, data.get("reason", "")),
    "correct": lambda perms, entry, version, data: entry_services.start_correction(perms, entry, data.get("reason", "")),
    "keep_withheld": lambda perms, entry, version, data: entry_services.review_withheld(
        perms, entry, keep_withheld=True, note=data.get("reason", "")
    ),
}  # fmt: skip
DONE = {
    "submit": "已提交审核",
    "secrecy": "已记录保密审查",
    "approve": "审核通过",
    "return": "已退回起草人修改",
    "withdraw": "信息已撤回",
    "correct": "已建立更正版本",
    "keep_withheld": "已记录复查结论",
}


@login_required
@require_POST
def entry_action(request, slug, pk, action):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    entry = get_entry_or_404(perms, pk, Action.VIEW, organ)
    handler = ACTIONS.get(action)
    if handler is None:
        from django.http import Http404

        raise Http404("没有这个操作")
    version = entry_services.open_version(entry)
    if version is None and action in ("submit", "secrecy", "approve", "return"):
        messages.error(request, "该信息当前没有待处理的版本")
        return redirect(_url("entry", organ, pk=entry.pk))
    try:
        handler(perms, entry, version, request.POST)
    except Refused as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        _errors(request, exc)
    except PermissionDenied:
        raise
    else:
        messages.success(request, DONE[action])
    return redirect(_url("entry", organ, pk=entry.pk))


@login_required
@require_POST
def attachment_upload(request, slug, pk):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    entry = get_entry_or_404(perms, pk, Action.DRAFT, organ)
    version = entry_services.open_version(entry)
    upload = request.FILES.get("attachment")
    if version is None or upload is None:
        messages.error(request, "请选择要上传的附件（仅草稿可上传）")
    else:
        try:
            entry_services.add_attachment(perms, version, upload)
        except (ValidationError, Refused) as exc:
            _errors(request, exc) if isinstance(exc, ValidationError) else messages.error(request, str(exc))
        else:
            messages.success(request, "附件已上传")
    return redirect(_url("entry", organ, pk=entry.pk))


@login_required
@require_http_methods(["GET", "POST"])
def columns(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    flat = selectors.flat_columns(organ, active_only=False)
    form = forms.ColumnForm(columns=flat)
    if request.method == "POST":
        try:
            if request.POST.get("op") == "add":
                form = forms.ColumnForm(request.POST, columns=flat)
                if form.is_valid():
                    parent_id = form.cleaned_data["parent"]
                    parent = (
                        CatalogColumn.objects.filter(organ=organ, pk=parent_id).first() if parent_id else None
                    )
                    column_services.add_column(
                        perms,
                        organ,
                        key=form.cleaned_data["key"],
                        title=form.cleaned_data["title"],
                        parent=parent,
                    )
                    messages.success(request, "栏目已新增")
                    return redirect(_url("columns", organ))
            else:
                column = CatalogColumn.objects.filter(organ=organ, pk=request.POST.get("column")).first()
                if column is None:
                    raise ValidationError({"column": "请选择栏目"})
                column_services.change_column(
                    perms,
                    column,
                    title=request.POST.get("title"),
                    sort_order=request.POST.get("sort_order"),
                    is_active=request.POST.get("is_active") == "on",
                )
                messages.success(request, f"栏目“{column.title}”已保存")
                return redirect(_url("columns", organ))
        except ValidationError as exc:
            _errors(request, exc)
    return render(
        request,
        "catalog/staff/columns.html",
        _base(request, organ, rows=[("　" * d, c) for d, c in flat], form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    current = selectors.catalog_settings(organ)
    if current is None:
        return render(request, "catalog/staff/settings.html", _base(request, organ, form=None))
    initial = {
        "index_pattern": current.index_pattern,
        "review_levels": "\n".join(f"{level['label']},{level['role']}" for level in current.review_chain),
        "withheld_review_months": current.withheld_review_months,
        "interpretation_required_genres": current.interpretation_required_genres,
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chain = []
        for line in data["review_levels"].splitlines():
            if line.strip():
                label, _, role = line.replace("，", ",").partition(",")
                chain.append({"label": label.strip(), "role": role.strip()})
        try:
            column_services.update_settings(
                perms,
                organ,
                index_pattern=data["index_pattern"],
                review_chain=chain,
                withheld_review_months=data["withheld_review_months"],
                interpretation_required_genres=data["interpretation_required_genres"],
            )
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, "目录设置已保存")
            return redirect(_url("settings", organ))
    return render(request, "catalog/staff/settings.html", _base(request, organ, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    current = selectors.catalog_settings(organ)
    if current is None:
        return render(request, "catalog/staff/guide.html", _base(request, organ, form=None))
    form = forms.GuideForm(request.POST or None, initial={"body": current.guide_body})
    if request.method == "POST" and form.is_valid():
        column_services.update_guide(perms, organ, form.cleaned_data["body"])
        messages.success(request, "政府信息公开指南已保存")
        return redirect(_url("guide", organ))
    return render(request, "catalog/staff/guide.html", _base(request, organ, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def register_list(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug)
    form = forms.DocumentForm(request.POST or None)
    if request.method == "POST":
        get_organ_or_404(perms, slug, Action.MANAGE)
        if form.is_valid():
            data = form.cleaned_data
            entry = None
            if data["entry_index"]:
                entry = Entry.objects.filter(organ=organ, index_number=data["entry_index"].strip()).first()
            try:
                if data["entry_index"] and entry is None:
                    raise ValidationError({"entry_index": "找不到本机关该索引号的目录条目"})
                register_services.register_document(
                    perms,
                    organ,
                    kind=data["kind"],
                    title=data["title"],
                    doc_number=data["doc_number"],
                    issued_on=data["issued_on"],
                    entry=entry,
                )
            except ValidationError as exc:
                _add_form_errors(form, exc)
            else:
                messages.success(request, "已登记")
                return redirect(_url("register", organ))
    today = timezone.localdate()
    documents = selectors.register(organ).order_by("-issued_on", "-id")
    page = Paginator(documents, PAGE).get_page(request.GET.get("page"))
    rows = [(d, selectors.register_validity(d, today)) for d in page]
    return render(
        request,
        "catalog/staff/register.html",
        _base(request, organ, page=page, rows=rows, form=form, event_form=forms.RegisterEventForm()),
    )


@login_required
@require_POST
def register_event(request, slug, pk):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    document = NormativeDocument.objects.filter(organ=organ, pk=pk).first()
    if document is None:
        from django.http import Http404

        raise Http404("未找到该文件")
    form = forms.RegisterEventForm(request.POST)
    if form.is_valid():
        try:
            register_services.record_event(perms, document, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "已登记")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_url("register", organ))


@login_required
@require_http_methods(["GET", "POST"])
def cleanup_new(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    today = timezone.localdate()
    documents = list(selectors.in_force_on(selectors.register(organ), today).order_by("-issued_on"))
    form = forms.CleanupForm(request.POST or None, initial={"decided_on": today})
    if request.method == "POST" and form.is_valid():
        decisions = []
        for document in documents:
            decision = request.POST.get(f"d-{document.pk}", "")
            if decision in CleanupDecision.values:
                decisions.append((document, decision, request.POST.get(f"n-{document.pk}", "")))
        try:
            register_services.record_cleanup(perms, organ, decisions=decisions, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"清理结果已登记（{len(decisions)}件）")
            return redirect(_url("register", organ))
    return render(
        request,
        "catalog/staff/cleanup.html",
        _base(request, organ, form=form, documents=documents, choices=forms.CLEANUP_CHOICES),
    )


@login_required
@require_http_methods(["GET", "POST"])
def figures(request, slug):
    perms = for_request(request)
    organ = get_organ_or_404(perms, slug, Action.MANAGE)
    form = forms.FiguresForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    import_form = forms.FiguresImportForm()
    import_errors: list[str] = []
    if request.method == "POST" and request.POST.get("op") == "import":
        import_form = forms.FiguresImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                result = figure_services.import_figures(perms, upload.name, upload.read())
            except ValidationError as exc:
                import_errors = [m for ms in exc.message_dict.values() for m in ms]
            else:
                messages.success(request, f"已导入{len(result.saved)}行")
                return redirect(_url("figures", organ))
    elif request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            figure_services.save_figures(perms, organ, data.pop("year"), **data)
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect(_url("figures", organ))
    rows = YearFigures.objects.filter(organ=organ).order_by("-year")
    return render(
        request,
        "catalog/staff/figures.html",
        _base(request, organ, form=form, import_form=import_form, import_errors=import_errors, rows=rows),
    )


@login_required
@require_safe
def yearly(request, slug):
    organ = get_organ_or_404(for_request(request), slug)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    year = min(max(year, 2008), 2100)
    counts = selectors.yearly_counts(organ, year)
    table2 = selectors.table2_counts(organ, year)
    drill = request.GET.get("drill", "")
    drill_rows = None
    if drill in selectors.DRILL_KEYS:
        drill_rows = selectors.table2_entries(organ, year, drill).order_by("issued_on")[:500]
    column_key = request.GET.get("column", "")
    column_rows = None
    if column_key:
        column = CatalogColumn.objects.filter(organ=organ, key=column_key).first()
        if column is not None:
            column_rows = selectors.yearly_entries(organ, year, column=column)[:500]
    return render(
        request,
        "catalog/staff/yearly.html",
        _base(
            request,
            organ,
            year=year,
            counts=counts,
            table2=table2,
            drill=drill,
            drill_rows=drill_rows,
            column_key=column_key,
            column_rows=column_rows,
            years=range(date.today().year, 2015, -1),
        ),
    )
