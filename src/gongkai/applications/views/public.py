"""Public pages of the casework: the online form (no JavaScript needed), the receipt, the lookup with
查询码 + the last 6 characters of the ID number, and the applicant's documents."""

from __future__ import annotations

import hmac

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.applications import crypto, throttle
from gongkai.applications.clock import case_clock
from gongkai.applications.forms import LookupForm, PortalIntakeForm
from gongkai.applications.models import Application
from gongkai.applications.services import cases
from gongkai.applications.services.base import today
from gongkai.applications.services.documents import ATTACHMENT_MAX_COUNT
from gongkai.applications.verbs import NOTES
from gongkai.audit.services import client_ip
from gongkai.organs.models import Organ

SESSION_CASES = "gongkai_applicant_cases"  # case ids this browser proved it may see
SESSION_RECEIPT = "gongkai_receipt"


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, slug):
    organ = get_object_or_404(Organ, slug=slug)
    form = PortalIntakeForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("attachments")
        if form.cleaned_data.get("website"):
            # A bot filled the hidden field: answer like a success, store nothing.
            return redirect("applications-public:received", slug=organ.slug)
        if len(files) > ATTACHMENT_MAX_COUNT:
            form.add_error(None, f"附件：最多{ATTACHMENT_MAX_COUNT}个")
        else:
            limited = throttle.check("address", client_ip(request) or "") or throttle.check(
                "id", form.cleaned_data.get("id_number") or form.cleaned_data.get("credit_code") or ""
            )
            if limited:
                form.add_error(None, limited)
                status = 429
            else:
                try:
                    case = cases.submit_online(organ, form.intake_data(), files)
                except ValidationError as exc:
                    form.attach(exc)
                else:
                    request.session[SESSION_RECEIPT] = case.pk
                    _remember(request, case)
                    return redirect("applications-public:received", slug=organ.slug)
    if form.errors and status == 200:
        status = 400
    context = {"organ": organ, "form": form, "notes": NOTES}
    return render(request, "applications/public/apply.html", context, status=status)


@require_safe
def received(request, slug):
    """The printable 申请接收回执 right after submitting (shown to this browser only)."""
    organ = get_object_or_404(Organ, slug=slug)
    case = Application.objects.filter(pk=request.session.get(SESSION_RECEIPT), organ=organ).first()
    return render(request, "applications/public/received.html", {"organ": organ, "case": case})


def _remember(request, case) -> None:
    seen = set(request.session.get(SESSION_CASES, []))
    seen.add(case.pk)
    request.session[SESSION_CASES] = sorted(seen)


def _last6(case) -> str:
    applicant = case.applicant
    value = applicant.id_number if applicant.id_number_encrypted else applicant.credit_code
    return crypto.normalise_id(value)[-6:]


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    case = None
    status = 200
    if request.method == "POST" and form.is_valid():
        limited = throttle.check("address", client_ip(request) or "")
        code = form.cleaned_data["query_code"].strip().upper()
        found = Application.objects.select_related("applicant", "organ").filter(query_code=code).first()
        given = crypto.normalise_id(form.cleaned_data["id_last6"])
        if limited:
            form.add_error(None, limited.replace("提交", "查询"))
            status = 429
        elif found is None or not hmac.compare_digest(_last6(found), given):
            form.add_error(None, "查询码或证件号码后6位不正确，请核对后重试。")
            status = 404
        else:
            _remember(request, found)
            return redirect("applications-public:status", pk=found.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "applications/public/lookup.html", {"form": form, "case": case}, status=status)


def _session_case(request, pk):
    if pk not in request.session.get(SESSION_CASES, []):
        raise Http404("未找到该申请")
    return get_object_or_404(Application.objects.select_related("organ"), pk=pk)


@require_safe
def status(request, pk):
    case = _session_case(request, pk)
    clock = case_clock(case, case.events.all(), today())
    documents = case.documents.filter(to_applicant=True)
    return render(
        request, "applications/public/status.html", {"case": case, "clock": clock, "documents": documents}
    )


@require_safe
def document(request, pk, doc_id):
    case = _session_case(request, pk)
    found = case.documents.filter(pk=doc_id, to_applicant=True).first()
    if found is None:
        raise Http404("未找到该文书")
    return FileResponse(found.pdf.open("rb"), as_attachment=True, filename=f"{found.number}.pdf")
