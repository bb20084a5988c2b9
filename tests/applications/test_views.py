"""The staff and public pages: they call the services, show Chinese errors naming the field, store nothing
half, keep personal data masked, and serve files only to those allowed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.applications.conftest import COMPANY, PERSON

from gongkai.applications.models import Application, Attachment, IntakeAttempt
from gongkai.applications.services import cases

D = date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def apply_url(region):
    return reverse("applications-public:apply", kwargs={"slug": region.own.slug})


def test_portal_form_renders_without_javascript_needs(client, region):
    page = client.get(apply_url(region))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html and "<script" not in html
    assert 'name="website"' in html  # the honeypot


def test_portal_submission_gives_a_query_code_and_receipt(client, region):
    upload = SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")
    response = client.post(apply_url(region), {**PERSON, "attachments": [upload]})
    assert response.status_code == 302
    case = Application.objects.get()
    assert case.status == "pending"
    receipt = client.get(response["Location"]).content.decode()
    assert case.query_code in receipt and "待确认" in receipt and case.number in receipt
    assert Attachment.objects.get().content_type == "application/pdf"


def test_portal_bad_input_names_the_field_and_stores_nothing(client, region):
    response = client.post(apply_url(region), {**PERSON, "id_number": "110105194912310021", "phone": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "证件号码：不是有效的18位居民身份证号码" in html
    assert "联系电话：格式不正确" in html
    assert Application.objects.count() == 0


def test_portal_attachment_type_is_checked_from_the_content(client, region):
    fake = SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(apply_url(region), {**PERSON, "attachments": [fake]})
    assert response.status_code == 400
    assert "不是PDF、PNG或JPEG文件" in response.content.decode()
    assert Application.objects.count() == 0 and Attachment.objects.count() == 0


def test_portal_honeypot_stores_nothing(client, region):
    response = client.post(apply_url(region), {**PERSON, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Application.objects.count() == 0


def test_portal_rate_limit_per_id_number(client, region, settings):
    settings.GONGKAI_INTAKE_LIMITS = {"address": (100, 3600), "id": (2, 86400)}
    for _ in range(2):
        assert client.post(apply_url(region), dict(PERSON)).status_code == 302
    response = client.post(apply_url(region), dict(PERSON))
    assert response.status_code == 429
    assert "同一证件号码24小时内最多可提交2件申请" in response.content.decode()
    assert Application.objects.count() == 2
    assert not IntakeAttempt.objects.filter(key__contains=PERSON["id_number"]).exists()


def test_portal_rate_limit_per_address(client, region, settings):
    settings.GONGKAI_INTAKE_LIMITS = {"address": (1, 3600), "id": (100, 86400)}
    assert client.post(apply_url(region), dict(PERSON)).status_code == 302
    response = client.post(apply_url(region), dict(COMPANY))
    assert response.status_code == 429
    assert "同一网络地址1小时内最多可提交1件申请" in response.content.decode()


def test_lookup_with_query_code_and_last_six(client, region, received_case):
    lookup = reverse("applications-public:lookup")
    wrong = client.post(lookup, {"query_code": received_case.query_code, "id_last6": "000000"})
    assert wrong.status_code == 404 and "不正确" in wrong.content.decode()
    ok = client.post(
        lookup, {"query_code": received_case.query_code.lower(), "id_last6": PERSON["id_number"][-6:].lower()}
    )
    assert ok.status_code == 302
    page = client.get(ok["Location"]).content.decode()
    assert "办理中" in page and "2026年10月29日" in page
    assert PERSON["id_number"] not in page and PERSON["name"] not in page
    receipt = received_case.documents.get(kind="receipt")
    pdf = client.get(
        reverse("applications-public:document", kwargs={"pk": received_case.pk, "doc_id": receipt.pk})
    )
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    internal = received_case.documents.get(kind="registration_form")
    assert (
        client.get(
            reverse("applications-public:document", kwargs={"pk": received_case.pk, "doc_id": internal.pk})
        ).status_code
        == 404
    )


def test_status_page_needs_the_lookup_first(client, received_case):
    assert (
        client.get(reverse("applications-public:status", kwargs={"pk": received_case.pk})).status_code == 404
    )


def case_url(region, case, name="applications:case", **extra):
    return reverse(name, kwargs={"slug": region.own.slug, "pk": case.pk, **extra})


def test_case_page_shows_the_clock_explanation_and_personal_data_to_the_clerk(client, region, received_case):
    client.force_login(region.users["clerk"])
    html = client.get(case_url(region, received_case)).content.decode()
    assert "当面提交：以提交之日2026年9月24日为收到申请之日" in html
    assert (
        "期间放假不计入：中秋节（2026年9月25日至9月27日，3天）；国庆节（2026年10月1日至10月7日，7天）" in html
    )
    assert PERSON["id_number"] in html and PERSON["phone"] in html


@pytest.mark.parametrize("user", ["reviewer", "supervisor", "admin", "clerk2"])
def test_case_page_masks_personal_data_for_everyone_else(client, region, received_case, user):
    client.force_login(region.users[user])
    html = client.get(case_url(region, received_case)).content.decode()
    assert PERSON["id_number"] not in html and PERSON["phone"] not in html and PERSON["email"] not in html
    assert "110105********002X" in html


def test_action_refusal_is_shown_and_nothing_changes(client, region, received_case):
    client.force_login(region.users["clerk"])
    url = case_url(region, received_case, "applications:act", action="reply")
    response = client.post(url, {"on": "2026-10-09", "outcome": "granted", "reply_type": "36-4"}, follow=True)
    assert "答复类型：" in response.content.decode()
    assert Application.objects.get(pk=received_case.pk).status == "open"
    bad_date = client.post(url, {"on": "10/09/2026", "outcome": "granted", "reply_type": "36-2"}, follow=True)
    assert "日期：请按YYYY-MM-DD填写有效日期" in bad_date.content.decode()


def test_action_through_the_page_replies(client, region, received_case):
    client.force_login(region.users["clerk"])
    url = case_url(region, received_case, "applications:act", action="reply")
    response = client.post(
        url,
        {"on": "2026-10-09", "outcome": "granted", "reply_type": "36-2", "version": received_case.version},
        follow=True,
    )
    assert "已作出答复" in response.content.decode()
    assert Application.objects.get(pk=received_case.pk).outcome == "granted"


def test_staff_intake_bad_input_names_the_field(client, region):
    client.force_login(region.users["clerk"])
    url = reverse("applications:intake", kwargs={"slug": region.own.slug})
    response = client.post(url, {**PERSON, "channel": "registered_post"})
    assert "签收之日：挂号信必须填写签收之日" in response.content.decode()
    assert Application.objects.count() == 0
    response = client.post(url, {**PERSON, "channel": "registered_post", "signed_on": "2026-03-02"})
    assert response.status_code == 302


def test_template_with_a_bad_line_is_refused_on_save(client, region):
    client.force_login(region.users["clerk"])
    url = reverse("applications:settings", kwargs={"slug": region.own.slug})
    response = client.post(url, {"kind": "reply", "body": "第一行\n{{ secret_key }}"})
    assert "第2行：未知字段“secret_key”" in response.content.decode()
    response = client.post(url, {"kind": "reply", "body": "{{ organ }}答复：{{ text }}"}, follow=True)
    assert "已保存" in response.content.decode()


def test_numbering_pattern_is_checked(client, region):
    client.force_login(region.users["head"])
    url = reverse("applications:settings", kwargs={"slug": region.own.slug})
    response = client.post(
        url, {"registration_pattern": "高机管依申{seq}号", "document_pattern": "{prefix}〔{year}〕{seq}号"}
    )
    assert "登记编号格式：必须包含 {year}" in response.content.decode()
    client.post(
        url,
        {
            "registration_pattern": "高机管依申〔{year}〕{seq}号",
            "document_pattern": "{prefix}{code}〔{year}〕{seq}号",
        },
    )
    case = cases.submit_online(region.own, dict(PERSON))
    assert case.number == "高机管依申〔2026〕1号"


def test_report_page_counts_and_drills_down(client, region, received_case):
    cases.reply(
        region.perms("clerk"), received_case.pk, D(2026, 10, 9), "granted", "36-2", issue_documents=False
    )
    client.force_login(region.users["reviewer"])
    url = reverse("applications:report", kwargs={"slug": region.own.slug, "year": 2026})
    html = client.get(url, {"row": "results.granted", "column": "natural_person"}).content.decode()
    assert received_case.number in html


def test_attachment_served_only_to_staff_of_the_organ(client, region):
    upload = SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")
    case = cases.submit_online(region.own, dict(PERSON), [upload])
    att = case.attachments.get()
    url = case_url(region, case, "applications:attachment", att_id=att.pk)
    client.force_login(region.users["sibling_clerk"])
    assert client.get(url).status_code == 404
    client.force_login(region.users["clerk"])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(url).status_code == 302
