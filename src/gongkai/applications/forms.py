"""Forms that only render and carry values; every rule (and every message) lives in the services and
`intake.clean_intake`, so the portal, the staff pages and the API refuse the same things the same way."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from gongkai.applications import legal
from gongkai.applications.choices import (
    AppealKind,
    AppealResult,
    ApplicantKind,
    Channel,
    ConsultParty,
    Delivery,
    FeeMethod,
    IdType,
    Status,
    WantedForm,
)
from gongkai.applications.intake import LABELS


def _choices(choices, blank="请选择"):
    return [("", blank), *choices.choices]


class IntakeForm(forms.Form):
    """The application's content (portal and staff intake)."""

    applicant_kind = forms.ChoiceField(
        label=LABELS["applicant_kind"], choices=_choices(ApplicantKind), required=False
    )
    name = forms.CharField(label=LABELS["name"], required=False, max_length=100)
    id_type = forms.ChoiceField(label=LABELS["id_type"], choices=_choices(IdType), required=False)
    id_number = forms.CharField(label=LABELS["id_number"], required=False, max_length=30)
    credit_code = forms.CharField(label=LABELS["credit_code"], required=False, max_length=18)
    legal_representative = forms.CharField(
        label=LABELS["legal_representative"], required=False, max_length=50
    )
    contact_person = forms.CharField(label=LABELS["contact_person"], required=False, max_length=50)
    phone = forms.CharField(label=LABELS["phone"], required=False, max_length=40)
    email = forms.CharField(label=LABELS["email"], required=False, max_length=254)
    address = forms.CharField(label=LABELS["address"], required=False, max_length=200)
    postcode = forms.CharField(label=LABELS["postcode"], required=False, max_length=6)
    description = forms.CharField(
        label=LABELS["description"], required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    document_hint = forms.CharField(label=LABELS["document_hint"], required=False, max_length=200)
    wanted_form = forms.ChoiceField(label=LABELS["wanted_form"], choices=_choices(WantedForm), required=False)
    delivery = forms.ChoiceField(label=LABELS["delivery"], choices=_choices(Delivery), required=False)

    PERSON_ONLY = ("id_type", "id_number")
    ORGANISATION_ONLY = ("credit_code", "legal_representative", "contact_person")

    def intake_data(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in LABELS}

    def attach(self, exc: ValidationError) -> None:
        for field, errors in exc.message_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class PortalIntakeForm(IntakeForm):
    """Attachments are read from request.FILES by the view (several files in one input) and checked by the
    service; the honeypot is hidden from people and labelled so, filled only by bots."""

    website = forms.CharField(label="请勿填写此项", required=False)


class StaffIntakeForm(IntakeForm):
    channel = forms.ChoiceField(
        label="申请方式",
        choices=[("", "请选择"), *[(c.value, c.label) for c in Channel if c != Channel.ONLINE]],
        required=False,
    )
    submitted_on = forms.DateField(
        label="提交日期（当面提交、平常信函）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_on = forms.DateField(
        label="签收日期（挂号信）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    confirmed_on = forms.DateField(
        label="与申请人确认日期（平常信函、传真、电子邮件；未确认可留空）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    field_order = ["channel", "submitted_on", "signed_on", "confirmed_on"]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", choices=[("", "办理中（全部未办结）"), *Status.choices], required=False
    )
    outcome = forms.ChoiceField(
        label="办理结果", choices=[("", "全部"), *legal.outcome_choices()], required=False
    )
    clerk = forms.TypedChoiceField(label="承办人", coerce=int, empty_value=None, required=False, choices=[])
    channel = forms.ChoiceField(label="申请方式", choices=[("", "全部"), *Channel.choices], required=False)
    received_from = forms.DateField(
        label="收到日期自", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, clerks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clerk"].choices = [
            ("", "全部"),
            *[(u.pk, f"{u.last_name}{u.first_name}" or u.username) for u in clerks],
        ]


class LookupForm(forms.Form):
    query_code = forms.CharField(label="查询码", max_length=16)
    id_last6 = forms.CharField(label="证件号码（或统一社会信用代码）后6位", min_length=6, max_length=6)


def parse_date(raw: str, field: str, label: str) -> date:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        raise ValidationError({field: f"{label}：请按YYYY-MM-DD填写有效日期"}) from None


def parse_int(raw: str, field: str, label: str) -> int:
    try:
        return int((raw or "").strip())
    except ValueError:
        raise ValidationError({field: f"{label}：应为整数"}) from None


CONSULT_CHOICES = ConsultParty.choices
FEE_CHOICES = FeeMethod.choices
APPEAL_KIND_CHOICES = AppealKind.choices
APPEAL_RESULT_CHOICES = [c for c in AppealResult.choices if c[0] != AppealResult.PENDING]
