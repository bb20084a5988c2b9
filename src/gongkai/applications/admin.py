"""The casework in the admin (system administrators only, like every admin page).

Cases, their events, documents, appeals, number counters and intake attempts are read-only here: events and
sent documents are append-only, and every change of a case is an action of `services.cases` (permission,
one transaction, an event and an audit record), taken on the case page or through the API. The two things
an organ configures, its settings (number patterns, 复议机关, court) and its document wording, are saved
here through the same services as the settings page, so they are checked and audited the same way.

Personal data: the applicant is shown as `presenters.applicant_view` shows it to the administrator, i.e.
masked; `Applicant` is not registered on its own (its raw columns hold the encrypted ID number and the
contact details), and attachments are listed by name, type and size only: their files are served by the
case page alone, to the people allowed to see the case.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from gongkai.applications import numbering
from gongkai.applications.clock import case_clock
from gongkai.applications.documents import wording
from gongkai.applications.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Attachment,
    CaseSettings,
    Counter,
    Document,
    DocumentTemplate,
    IntakeAttempt,
)
from gongkai.applications.permissions import CaseAction, cases_for
from gongkai.applications.presenters import applicant_view, outcome_text
from gongkai.applications.services import documents
from gongkai.applications.services.base import today
from gongkai.organs.permissions import Action as OrganAction
from gongkai.organs.permissions import organs_for
from gongkai.organs.scope import for_request


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = readonly_fields = ("on", "kind", "days", "note", "actor_name", "created_at")
    ordering = ("on", "id")


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = readonly_fields = (
        "number",
        "kind",
        "title",
        "issued_on",
        "to_applicant",
        "pdf_sha256",
        "emailed_at",
    )


class AppealInline(ReadOnlyInline):
    model = Appeal
    fields = readonly_fields = ("kind", "filed_on", "body", "case_number", "result", "decided_on")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = readonly_fields = ("original_name", "content_type", "size", "sha256")


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = (
        "number",
        "organ",
        "status",
        "channel",
        "applicant_kind",
        "received_on",
        "outcome",
        "closed_on",
    )
    list_filter = ("status", "channel", "applicant_kind", "organ")
    list_select_related = ("organ",)
    search_fields = ("number",)
    date_hierarchy = "received_on"
    fields = readonly_fields = (
        "number",
        "organ",
        "status",
        "channel",
        "applicant_kind",
        "applicant_masked",
        "submitted_at",
        "received_on",
        "receipt_basis",
        "description",
        "document_hint",
        "wanted_form",
        "delivery",
        "clerk",
        "outcome_shown",
        "closed_on",
        "forwarded_from",
        "deadline",
        "version",
    )
    inlines = [EventInline, DocumentInline, AppealInline, AttachmentInline]

    def get_queryset(self, request):
        return cases_for(for_request(request), CaseAction.VIEW).select_related("organ", "applicant", "clerk")

    @admin.display(description="申请人（已遮蔽）")
    def applicant_masked(self, obj):
        shown = applicant_view(None, obj)  # nobody handles a case in the admin: always masked
        labels = (
            ("name", "姓名或名称"),
            ("id_number", "证件号码"),
            ("phone", "联系电话"),
            ("email", "电子邮箱"),
        )
        return format_html_join(
            "", "<div>{}：{}</div>", ((label, shown[key] or "—") for key, label in labels)
        )

    @admin.display(description="办理结果")
    def outcome_shown(self, obj):
        return outcome_text(obj) or "—"

    @admin.display(description="答复期限（由办理记录计算）")
    def deadline(self, obj):
        clock = case_clock(obj, obj.events.all(), today())
        if clock.due is None:
            return clock.error or "—"
        if clock.overdue:
            state = f"已逾期{clock.days_late}个工作日"
        elif clock.running:
            state = f"剩余{clock.clock.left}个工作日"
        else:
            state = "已答复"
        return format_html(
            "{}（{}）{}", f"{clock.due:%Y-%m-%d}", state, "（暂定）" if clock.provisional else ""
        )


@admin.register(ApplicationEvent)
class EventAdmin(ReadOnly):
    list_display = ("application", "on", "kind", "days", "actor_name", "created_at")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("application__number",)
    exclude = ("data",)  # the typed details are shown on the case page, never raw here

    def get_queryset(self, request):
        return super().get_queryset(request).filter(application__in=cases_for(for_request(request)))


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ("number", "kind", "application", "issued_on", "to_applicant", "emailed_at")
    list_filter = ("kind", "to_applicant")
    list_select_related = ("application",)
    search_fields = ("number", "application__number")
    exclude = ("docx", "pdf")  # files only through the case page, to those who may see the case

    def get_queryset(self, request):
        return super().get_queryset(request).filter(application__in=cases_for(for_request(request)))


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ("case_number", "kind", "application", "body", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
    list_select_related = ("application",)
    search_fields = ("case_number", "application__number")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(application__in=cases_for(for_request(request)))


@admin.register(Counter)
class CounterAdmin(ReadOnly):
    """The last number of each sequence: numbers are gap-free, so nobody sets a counter by hand."""

    list_display = ("organ", "year", "sequence", "value")
    list_filter = ("year", "sequence")
    list_select_related = ("organ",)


@admin.register(IntakeAttempt)
class IntakeAttemptAdmin(ReadOnly):
    """Online submissions counted by the rate limits (keyed hashes only, no address or ID number)."""

    list_display = ("key", "created_at")
    date_hierarchy = "created_at"


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CaseSettings
        fields = (
            "organ",
            "registration_pattern",
            "document_pattern",
            "prefix",
            "reconsideration_body",
            "court",
        )

    def clean(self):
        data = super().clean()
        errors = {}
        for name, label in (("registration_pattern", "登记编号格式"), ("document_pattern", "文书文号格式")):
            problems = numbering.pattern_errors(data.get(name) or "", label)
            if problems:
                errors[name] = problems
        if errors:
            raise ValidationError(errors)
        return data


def _configurable(request):
    return organs_for(for_request(request), OrganAction.VIEW)


@admin.register(CaseSettings)
class CaseSettingsAdmin(admin.ModelAdmin):
    """Saved through `services.documents.save_settings` (checked, audited as application.settings_saved)."""

    form = SettingsForm
    list_display = ("organ", "registration_pattern", "document_pattern", "prefix", "reconsideration_body")
    list_select_related = ("organ",)

    def get_readonly_fields(self, request, obj=None):
        return ("organ",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False  # the defaults apply when there is no row; a change is a save, audited

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organ":
            kwargs["queryset"] = _configurable(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        documents.save_settings(for_request(request), obj.organ, form.cleaned_data)
        obj.refresh_from_db()


class TemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ("organ", "kind", "body")

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        problems = wording.check(body)
        if problems:
            raise ValidationError(problems)
        return body


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """An organ's own wording, saved through `services.documents.save_template` (sandbox-checked with the
    line at fault, audited as application.template_saved). Deleting one would silently restore the default
    wording without an audit record, so it is not offered: save the default text instead."""

    form = TemplateForm
    list_display = ("organ", "kind", "updated_at", "updated_by")
    list_filter = ("kind",)
    list_select_related = ("organ", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def get_readonly_fields(self, request, obj=None):
        return ("organ", "kind", "updated_at", "updated_by") if obj else ("updated_at", "updated_by")

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organ":
            kwargs["queryset"] = _configurable(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = documents.save_template(for_request(request), obj.organ, obj.kind, form.cleaned_data["body"])
        obj.pk = saved.pk
        obj.refresh_from_db()
