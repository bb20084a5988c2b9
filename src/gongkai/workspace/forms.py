"""Workspace forms. Validation messages are Chinese and name the field they concern."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from gongkai.core.textinput import use_control_character_validators
from gongkai.organs.models import Organ
from gongkai.organs.services import STAFF_EDITABLE_FIELDS


class OrganForm(forms.ModelForm):
    """The organ details its own staff maintain; saving goes through `services.update_organ`."""

    class Meta:
        model = Organ
        fields = STAFF_EDITABLE_FIELDS
        widgets = {"office_hours": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_control_character_validators(self, multiline=Organ.MULTILINE_FIELDS)

    def _post_clean(self):
        # Model validation runs in the service (full_clean there); here only the fields' own validators.
        pass

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class AuditSearchForm(forms.Form):
    organ = forms.ModelChoiceField(
        label="机关",
        queryset=Organ.objects.none(),
        required=False,
        empty_label="全部可见机关",
        to_field_name="slug",
        error_messages={"invalid_choice": "机关：请选择您有权查看的机关"},
    )
    user = forms.CharField(label="操作人用户名", required=False, max_length=150)
    date_from = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "起始日期格式不正确，应为YYYY-MM-DD"},
    )
    date_to = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "截止日期格式不正确，应为YYYY-MM-DD"},
    )

    def __init__(self, *args, organs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs if organs is not None else Organ.objects.none()

    # The audit trail starts with the platform; dates far outside it (0001-01-01) cannot even be turned
    # into UTC on SQLite, so they are refused with a message rather than searched.
    EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            value = data.get(name)
            if value and not self.EARLIEST <= value <= self.LATEST:
                self.add_error(
                    name, f"{self.fields[name].label}超出范围：应在2000年1月1日至2100年12月31日之间"
                )
                data.pop(name, None)
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期")
        return data

    def filter(self, events):
        data = self.cleaned_data
        if data.get("organ"):
            events = events.filter(organ=data["organ"])
        if data.get("user"):
            events = events.filter(actor_username__iexact=data["user"].strip())
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            events = events.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tz))
        if data.get("date_to"):
            events = events.filter(created_at__lte=datetime.combine(data["date_to"], time.max, tz))
        return events
