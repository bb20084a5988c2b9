"""The casework in the admin: cases, events, documents and appeals read-only, personal data masked, the
deadline computed from the events; settings and wording saved through the services (checked, audited)."""

from __future__ import annotations

import pytest

from gongkai.applications.clock import case_clock
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    CaseSettings,
    Document,
    DocumentTemplate,
)
from gongkai.applications.services.base import today
from gongkai.audit.models import AuditEvent

MODELS = ("application", "applicationevent", "document", "appeal", "counter", "intakeattempt")


@pytest.fixture
def admin_client(client, region):
    client.force_login(region.users["admin"])
    return client


@pytest.mark.parametrize("model", [*MODELS, "casesettings", "documenttemplate"])
def test_every_casework_model_is_listed_for_the_system_administrator(admin_client, received_case, model):
    assert admin_client.get(f"/admin/applications/{model}/").status_code == 200


def test_case_page_in_admin_is_masked_and_shows_the_clock_of_the_events(admin_client, received_case):
    page = admin_client.get(f"/admin/applications/application/{received_case.pk}/change/").content.decode()
    assert received_case.number in page
    assert "11010519491231002X" not in page and "13812345678" not in page and "张三" not in page
    assert "110105********002X" in page and "138****5678" in page
    case = Application.objects.get(pk=received_case.pk)
    clock = case_clock(case, case.events.all(), today())
    assert f"{clock.due:%Y-%m-%d}" in page
    labels = [event.get_kind_display() for event in case.events.all()]
    assert labels and all(f">{label}<" in page for label in labels), labels


@pytest.mark.parametrize("model", ["application", "applicationevent", "document"])
def test_append_only_and_case_records_cannot_be_added_changed_or_deleted(admin_client, received_case, model):
    objects = {
        "application": Application.objects.filter(pk=received_case.pk),
        "applicationevent": ApplicationEvent.objects.filter(application=received_case),
        "document": Document.objects.filter(application=received_case),
    }[model]
    obj = objects.first()
    assert obj is not None
    assert admin_client.get(f"/admin/applications/{model}/add/").status_code == 403
    assert admin_client.get(f"/admin/applications/{model}/{obj.pk}/delete/").status_code == 403
    before = objects.count()
    posted = admin_client.post(f"/admin/applications/{model}/{obj.pk}/change/", {"note": "改动"})
    assert posted.status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    admin_client.post(f"/admin/applications/{model}/", bulk)
    assert objects.count() == before


def test_template_saved_in_admin_goes_through_the_service(admin_client, region):
    url = "/admin/applications/documenttemplate/add/"
    bad = admin_client.post(url, {"organ": region.own.pk, "kind": "receipt", "body": "第一行\n{{ 不存在 }}"})
    assert bad.status_code == 200
    assert "第2行" in bad.content.decode()
    assert not DocumentTemplate.objects.exists()
    good = admin_client.post(
        url, {"organ": region.own.pk, "kind": "receipt", "body": "本机关已收到您的申请。"}
    )
    assert good.status_code == 302
    template = DocumentTemplate.objects.get(organ=region.own, kind="receipt")
    assert (template.body, template.updated_by) == ("本机关已收到您的申请。", region.users["admin"])
    event = AuditEvent.objects.get(action="application.template_saved")
    assert (event.actor_username, event.changes) == ("admin", {"kind": [None, "receipt"]})
    assert admin_client.get(f"/admin/applications/documenttemplate/{template.pk}/delete/").status_code == 403


def test_settings_saved_in_admin_go_through_the_service(admin_client, region):
    url = "/admin/applications/casesettings/add/"
    data = {
        "organ": region.own.pk,
        "registration_pattern": "{prefix}依申〔{year}〕号",
        "document_pattern": "{prefix}依申{code}〔{year}〕{seq}号",
        "prefix": "高机管",
        "reconsideration_body": "高安市人民政府",
        "court": "高安市人民法院",
    }
    bad = admin_client.post(url, data)
    assert bad.status_code == 200 and "登记编号格式" in bad.content.decode()
    assert not CaseSettings.objects.exists() and not AuditEvent.objects.filter(
        action="application.settings_saved"
    )
    good = admin_client.post(url, {**data, "registration_pattern": "{prefix}依申〔{year}〕{seq}号"})
    assert good.status_code == 302
    saved = CaseSettings.objects.get(organ=region.own)
    assert (saved.registration_pattern, saved.court) == ("{prefix}依申〔{year}〕{seq}号", "高安市人民法院")
    event = AuditEvent.objects.get(action="application.settings_saved")
    assert event.actor_username == "admin" and event.changes["court"] == [None, "高安市人民法院"]
