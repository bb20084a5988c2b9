"""The whole path in Chromium: a citizen applies online (JavaScript off); the clerk confirms, sends a 补正,
receives the corrected application, consults a third party, records the answer and replies 部分公开; the
citizen looks the case up with 查询码 + the last 6 characters of the ID number and downloads the reply PDF.
Screenshots go to artifacts/screenshots/applications-*.png (the reply PDF too, as a page image)."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from gongkai.applications.models import Application

pytestmark = pytest.mark.browser

ID_NUMBER = "11010519491231002X"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"


def _sign_in(page, base_url, username, password):
    page.goto(base_url + "/workspace/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def _submit(page, form_id):
    page.locator(f"#{form_id} button[type=submit]").click()
    page.wait_for_load_state()


def _open(page, summary):
    page.locator("summary", has_text=summary).first.click()


def test_citizen_to_clerk_to_partial_disclosure_to_pdf(
    live_server, region, clerk, tab, tab_without_js, settings, tmp_path
):
    settings.GONGKAI_PRIVATE_DIR = tmp_path / "private"
    base = live_server.url
    citizen = tab_without_js.page

    # 1. The citizen applies online, without JavaScript.
    citizen.goto(f"{base}/organs/gaoan-jgsw/apply/new/")
    citizen.select_option("#id_applicant_kind", "natural_person")
    citizen.fill("#id_name", "张三")
    citizen.select_option("#id_id_type", "resident_id")
    citizen.fill("#id_id_number", ID_NUMBER)
    citizen.fill("#id_phone", "13812345678")
    citizen.fill("#id_email", "zhangsan@example.com")
    citizen.fill("#id_description", "2025年本局公务用车购置和运行维护费用明细")
    citizen.select_option("#id_wanted_form", "electronic")
    citizen.select_option("#id_delivery", "download")
    tab_without_js.screenshot("applications-portal-form")
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_load_state()
    assert "政府信息公开申请接收回执" in citizen.locator("h1").inner_text()
    code = citizen.locator("#query-code").inner_text().strip()
    assert len(code) == 12 and "待确认" in citizen.locator("main").inner_text()
    tab_without_js.screenshot("applications-portal-receipt")
    assert tab_without_js.contrast_problems() == []
    case = Application.objects.get(query_code=code)

    # 2. The clerk works the case.
    page = tab.page
    _sign_in(page, base, clerk.username, clerk.raw_password)
    page.goto(f"{base}/workspace/o/gaoan-jgsw/applications/")
    assert case.number in page.locator("main").inner_text()
    tab.screenshot("applications-queue")
    assert tab.contrast_problems() == []
    page.click(f"text={case.number}")
    page.wait_for_load_state()
    tab.screenshot("applications-case-pending")
    _submit(page, "form-confirm")
    assert "已确认收到申请" in page.locator(".messages").inner_text()
    assert "网上申请：以双方确认之日" in page.locator("#receipt-basis").inner_text()

    _open(page, "发出补正告知书")
    page.fill("#rc-items", "请写明所需信息的年份和车辆范围")
    page.fill("#rc-by", (timezone.localdate() + timedelta(days=10)).isoformat())
    _submit(page, "form-request_correction")
    assert page.locator("#case-status").inner_text() == "待补正"
    _submit(page, "form-receive_correction")
    assert page.locator("#case-status").inner_text() == "办理中"

    _open(page, "征求意见")
    page.fill("#c-addressee", "江西锦程物流有限公司")
    _submit(page, "form-consult")
    assert page.locator("#case-status").inner_text() == "征求意见中"
    tab.screenshot("applications-case-consulting")
    page.fill("#ec-opinion", "不同意公开涉及本公司报价的部分")
    _submit(page, "form-end_consultation")

    page.select_option("#r-outcome", "partially_granted")
    page.select_option("#r-type", "37")
    page.fill("#r-text", "您申请的信息中涉及第三方商业秘密的部分不予公开，其余部分予以公开。")
    _submit(page, "form-reply")
    assert "已作出答复" in page.locator(".messages").inner_text()
    assert "（二）部分公开" in page.locator("#case-outcome").inner_text()
    assert "答复期限" in page.locator("main").inner_text()
    tab.screenshot("applications-case-replied")
    assert tab.contrast_problems() == []
    assert tab.errors == []
    assert [k for k in case.documents.values_list("kind", flat=True)] == [
        "registration_form",
        "receipt",
        "correction",
        "consult_third_party",
        "reply",
    ]

    # 3. The citizen looks it up and downloads the reply.
    citizen.goto(f"{base}/apply/lookup/")
    citizen.fill("#id_query_code", code)
    citizen.fill("#id_id_last6", ID_NUMBER[-6:])
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_load_state()
    assert citizen.locator("#case-status").inner_text() == "已答复"
    assert ID_NUMBER not in citizen.content() and "张三" not in citizen.content()
    tab_without_js.screenshot("applications-portal-status")
    with citizen.expect_download() as download:
        citizen.locator("a", has_text="政府信息公开申请答复书").click()
    pdf = tmp_path / "reply.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    reply = case.documents.get(kind="reply")
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == reply.pdf_sha256  # what was sent never changes
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert reply.number in text and "部分公开" in text and "行政复议" in text
    out = SCREENSHOTS / "applications-reply-pdf"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(out)], check=True)
