"""Every action of the casework, and the refusals: state, permission, stale version, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from tests.applications.conftest import COMPANY, PERSON

from gongkai.applications.choices import AppealResult, EventKind, Status
from gongkai.applications.models import Application, ApplicationEvent, Document, EventImmutableError
from gongkai.applications.services import appeals, cases
from gongkai.applications.services.base import Refused
from gongkai.audit.models import AuditEvent
from gongkai.core.actors import MissingActorError

D = date


def kinds(case) -> list[str]:
    return list(ApplicationEvent.objects.filter(application=case).values_list("kind", flat=True))


def audited(case) -> list[str]:
    qs = AuditEvent.objects.filter(object_type="applications.application", object_id=str(case.pk))
    return sorted(qs.values_list("action", flat=True))


def test_staff_intake_in_person_is_received_the_day_submitted(region):
    case = cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "in_person", submitted_on=D(2026, 3, 2)
    )
    assert case.status == Status.OPEN
    assert case.received_on == D(2026, 3, 2)
    assert case.receipt_basis == "当面提交：以提交之日2026年3月2日为收到申请之日（第三十一条第（一）项）"
    assert case.number == "高机管依申〔2026〕1号"
    assert kinds(case) == [EventKind.REGISTERED, EventKind.CONFIRMED]
    assert audited(case) == ["application.confirmed", "application.registered"]
    assert {d.kind for d in case.documents.all()} == {"registration_form", "receipt"}


def test_registered_post_uses_the_day_signed_for(region):
    case = cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "registered_post", signed_on=D(2026, 3, 2)
    )
    assert case.receipt_basis.startswith("挂号信：以签收之日2026年3月2日为收到申请之日")


def test_registered_post_without_the_signing_date_names_the_field(region):
    with pytest.raises(ValidationError) as exc:
        cases.register(region.perms("clerk"), region.own, dict(PERSON), "registered_post")
    assert "signed_on" in exc.value.message_dict
    assert Application.objects.count() == 0


def test_letter_waits_for_confirmation_then_counts_from_it(region):
    case = cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "letter", submitted_on=D(2026, 3, 2)
    )
    assert case.status == Status.PENDING and case.received_on is None
    case = cases.confirm(region.perms("clerk"), case.pk, D(2026, 3, 3), issue_documents=False)
    assert case.received_on == D(2026, 3, 3)
    assert case.receipt_basis.startswith("平常信函：以与申请人确认之日2026年3月3日")


def test_online_submission_is_pending_with_a_query_code(region):
    case = cases.submit_online(region.own, dict(COMPANY))
    assert case.status == Status.PENDING
    assert len(case.query_code) == 12
    assert case.applicant.credit_code == COMPANY["credit_code"]
    assert audited(case) == ["application.submitted"]


def test_identity_number_is_encrypted_at_rest_and_found_by_keyed_hash(region, received_case):
    row = (
        Application.objects.filter(pk=received_case.pk)
        .values("applicant__id_number_encrypted", "applicant__id_number_hash")
        .get()
    )
    assert PERSON["id_number"] not in row["applicant__id_number_encrypted"]
    assert received_case.applicant.id_number == PERSON["id_number"]
    from gongkai.applications import crypto

    assert row["applicant__id_number_hash"] == crypto.lookup_hash(PERSON["id_number"].lower())
    assert len(row["applicant__id_number_hash"]) == 64


def test_numbers_are_consecutive_per_organ_and_year(region):
    numbers = [cases.submit_online(region.own, dict(PERSON)).number_seq for _ in range(3)]
    other = cases.submit_online(region.sibling, dict(PERSON))
    assert numbers == [1, 2, 3]
    assert other.number == "高财依申〔2026〕1号"


def test_correction_round_trip(region, received_case):
    perms = region.perms("clerk")
    case = cases.request_correction(
        perms, received_case.pk, D(2026, 9, 25), "请写明所需信息的年份", D(2026, 10, 16)
    )
    assert case.status == Status.CORRECTION
    assert case.documents.filter(kind="correction").count() == 1
    case = cases.receive_correction(perms, case.pk, D(2026, 10, 12))
    assert case.status == Status.OPEN
    with pytest.raises(Refused, match="补正告知只能发一次"):
        cases.request_correction(perms, case.pk, D(2026, 10, 13), "再补", D(2026, 10, 20))


def test_correction_lapses_only_after_the_set_date(region, received_case):
    perms = region.perms("clerk")
    cases.request_correction(
        perms, received_case.pk, D(2026, 9, 25), "请写明年份", D(2026, 10, 16), issue_documents=False
    )
    with pytest.raises(Refused, match="尚未届满"):
        cases.lapse_correction(perms, received_case.pk, D(2026, 10, 16))
    case = cases.lapse_correction(perms, received_case.pk, D(2026, 10, 19))
    assert (case.status, case.outcome, case.closed_on) == (
        Status.CLOSED,
        "other.no_correction",
        D(2026, 10, 19),
    )


def test_replied_case_refuses_a_correction_notice(region, received_case):
    perms = region.perms("clerk")
    cases.reply(
        perms, received_case.pk, D(2026, 10, 9), "granted", "36-2", "予以提供。", issue_documents=False
    )
    with pytest.raises(Refused) as exc:
        cases.request_correction(perms, received_case.pk, D(2026, 10, 10), "x", D(2026, 10, 20))
    assert str(exc.value) == "已答复的申请不能再发补正告知书"


def test_consultation_third_party_answered(region, received_case):
    perms = region.perms("clerk")
    case = cases.consult(perms, received_case.pk, D(2026, 9, 28), "third_party", "某某公司")
    assert case.status == Status.CONSULTING
    assert case.documents.get(kind="consult_third_party").body
    with pytest.raises(Refused, match="正在征求意见"):
        cases.reply(perms, case.pk, D(2026, 9, 29), "granted", "36-2", issue_documents=False)
    with pytest.raises(Refused, match="尚未届满"):
        cases.end_consultation(perms, case.pk, D(2026, 10, 9), answered=False)
    case = cases.end_consultation(perms, case.pk, D(2026, 10, 9), answered=True, opinion="不同意公开")
    assert case.status == Status.OPEN
    assert kinds(case)[-1] == EventKind.CONSULTATION_ANSWERED


def test_extension_needs_the_head(region, received_case):
    clerk, head = region.perms("clerk"), region.perms("head")
    cases.request_extension(clerk, received_case.pk, D(2026, 10, 12), 10, "需要调取档案")
    with pytest.raises(PermissionDenied, match="负责人"):
        cases.decide_extension(clerk, received_case.pk, D(2026, 10, 12), True)
    cases.decide_extension(head, received_case.pk, D(2026, 10, 13), True, issue_documents=False)
    ev = ApplicationEvent.objects.get(application=received_case, kind=EventKind.EXTENSION_APPROVED)
    assert ev.days == 10 and ev.note == "需要调取档案"
    with pytest.raises(Refused, match="只能延长一次"):
        cases.request_extension(clerk, received_case.pk, D(2026, 10, 14), 5, "再延")


def test_extension_refused_without_a_request(region, received_case):
    with pytest.raises(Refused, match="没有待审批的延期申请"):
        cases.decide_extension(region.perms("head"), received_case.pk, D(2026, 10, 13), True)


def test_extension_after_the_due_date_is_refused(region, received_case):
    # Received 2026-09-24, due 2026-10-29 (国庆 8 days off, 调休); asking on 11-02 is too late.
    with pytest.raises(Refused, match="答复期限已于2026-10-29届满"):
        cases.request_extension(region.perms("clerk"), received_case.pk, D(2026, 11, 2), 10, "太晚")


def test_reasons_request_and_answer(region, received_case):
    perms = region.perms("clerk")
    cases.request_reasons(perms, received_case.pk, D(2026, 9, 25), "本月已申请35件。", issue_documents=False)
    with pytest.raises(Refused, match="已经要求"):
        cases.request_reasons(perms, received_case.pk, D(2026, 9, 25), "x", issue_documents=False)
    cases.receive_reasons(perms, received_case.pk, D(2026, 9, 28), reasonable=False)
    case = cases.reply(
        perms, received_case.pk, D(2026, 9, 29), "not_handled.excessive", "35", issue_documents=False
    )
    assert case.outcome == "not_handled.excessive"


def test_fee_is_free_within_ten_applications_a_month(region, received_case):
    with pytest.raises(Refused, match="免费范围"):
        cases.fee_notice(region.perms("clerk"), received_case.pk, D(2026, 9, 25), "count")


def test_fee_by_count_prices_the_applicants_eleventh_application(region):
    perms = region.perms("clerk")
    last = None
    for day in range(1, 12):
        last = cases.register(
            perms, region.own, dict(PERSON), "in_person", submitted_on=D(2026, 9, day), issue_documents=False
        )
    quote = cases.quote_fee(last, "count")
    assert (quote.quantity, quote.amount) == (11, 100)
    case = cases.fee_notice(perms, last.pk, D(2026, 9, 14), "count")
    assert case.status == Status.FEE
    doc = case.documents.get(kind="fee_notice")
    assert "100元" in doc.body
    cases.fee_paid(perms, case.pk, D(2026, 9, 16))
    assert Application.objects.get(pk=case.pk).status == Status.OPEN


def test_fee_by_pages_and_lapse(region, received_case):
    perms = region.perms("clerk")
    case = cases.fee_notice(
        perms, received_case.pk, D(2026, 9, 25), "pages", pages=150, issue_documents=False
    )
    assert ApplicationEvent.objects.get(application=case, kind=EventKind.FEE_NOTICE).data["amount"] == 1700
    with pytest.raises(Refused, match="缴费期限"):
        cases.fee_lapsed(perms, case.pk, D(2026, 10, 20))
    case = cases.fee_lapsed(perms, case.pk, D(2026, 11, 2))
    assert (case.status, case.outcome) == (Status.CLOSED, "other.fee_unpaid")


def test_reply_type_must_agree_with_the_row(region, received_case):
    with pytest.raises(ValidationError) as exc:
        cases.reply(
            region.perms("clerk"), received_case.pk, D(2026, 10, 9), "granted", "36-4", issue_documents=False
        )
    assert "reply_type" in exc.value.message_dict
    assert Application.objects.get(pk=received_case.pk).status == Status.OPEN


def test_reply_with_partial_disclosure_issues_the_reply_and_emails_it(
    region, received_case, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = cases.reply(
            region.perms("clerk"),
            received_case.pk,
            D(2026, 10, 9),
            "partially_granted",
            "37",
            "部分内容涉及个人隐私。",
        )
    assert (case.outcome, case.reply_type) == ("partially_granted", "37")
    doc = case.documents.get(kind="reply")
    assert doc.number == "高机管依申答〔2026〕1号"
    assert "行政复议" in doc.body and "行政诉讼" in doc.body
    assert len(doc.pdf_sha256) == 64
    assert doc.pdf.read()[:5] == b"%PDF-"
    assert [m.to for m in mail.outbox] == [[PERSON["email"]]]
    assert mail.outbox[0].attachments[0][0] == "高机管依申答〔2026〕1号.pdf"
    assert Document.objects.get(pk=doc.pk).emailed_at is not None
    assert Document.objects.filter(application=case, kind="reply").count() == 1


def test_withdrawal_counts_as_other(region, received_case):
    case = cases.withdraw(region.perms("clerk"), received_case.pk, D(2026, 9, 30), "申请人来电撤回")
    assert (case.status, case.outcome) == (Status.WITHDRAWN, "other.other")
    with pytest.raises(Refused, match="已撤回的申请不能再作出答复"):
        cases.reply(region.perms("clerk"), case.pk, D(2026, 10, 1), "granted", "36-2")


def test_forward_within_the_region_closes_and_opens_a_linked_case(region, received_case):
    linked = cases.forward(
        region.perms("clerk"),
        received_case.pk,
        D(2026, 9, 28),
        region.sibling,
        consent=True,
        issue_documents=False,
    )
    source = Application.objects.get(pk=received_case.pk)
    assert (source.status, source.outcome, source.reply_type) == (Status.FORWARDED, "unable.not_held", "36-5")
    assert linked.organ == region.sibling and linked.status == Status.PENDING
    assert linked.forwarded_from == source and linked.number == "高财依申〔2026〕1号"
    assert linked.applicant.id_number == PERSON["id_number"]


def test_forward_needs_consent_and_the_same_region(region, received_case):
    perms = region.perms("clerk")
    with pytest.raises(ValidationError) as exc:
        cases.forward(perms, received_case.pk, D(2026, 9, 28), region.sibling, consent=False)
    assert "consent" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        cases.forward(perms, received_case.pk, D(2026, 9, 28), region.foreign, consent=True)
    assert "target" in exc.value.message_dict
    assert Application.objects.count() == 1


def test_appeal_corrected_reopens_for_a_new_reply_table3_keeps_the_first(region, received_case):
    perms = region.perms("clerk")
    cases.reply(
        perms, received_case.pk, D(2026, 10, 9), "denied.process_information", "36-3", issue_documents=False
    )
    appeal = appeals.file_appeal(
        perms, received_case.pk, "reconsideration", D(2026, 10, 20), "高安市人民政府", "高府复〔2026〕5号"
    )
    appeals.decide_appeal(perms, appeal.pk, AppealResult.CORRECTED, D(2026, 11, 20))
    case = Application.objects.get(pk=received_case.pk)
    assert case.status == Status.REOPENED
    case = cases.reply(perms, case.pk, D(2026, 11, 25), "granted", "36-2", issue_documents=False)
    assert (case.status, case.outcome, case.closed_on) == (
        Status.CLOSED,
        "denied.process_information",
        D(2026, 10, 9),
    )
    assert kinds(case)[-1] == EventKind.REPLIED
    with pytest.raises(Refused, match="已有结果"):
        appeals.decide_appeal(perms, appeal.pk, AppealResult.UPHELD, D(2026, 11, 21))


def test_appeal_before_a_reply_is_refused(region, received_case):
    with pytest.raises(Refused, match="尚未答复"):
        appeals.file_appeal(
            region.perms("clerk"), received_case.pk, "reconsideration", D(2026, 10, 20), "x", "y"
        )


def test_stale_version_is_refused(region, received_case):
    perms = region.perms("clerk")
    version = received_case.version
    cases.consult(
        perms,
        received_case.pk,
        D(2026, 9, 28),
        "co_organ",
        "高安市财政局",
        expected_version=version,
        issue_documents=False,
    )
    with pytest.raises(Refused, match="已被他人更新"):
        cases.reply(perms, received_case.pk, D(2026, 9, 29), "granted", "36-2", expected_version=version)


@pytest.mark.parametrize("user", ["reviewer", "supervisor", "nobody"])
def test_roles_that_only_read_or_see_nothing_cannot_act(region, received_case, user):
    error = Http404 if user == "nobody" else PermissionDenied
    with pytest.raises(error):
        cases.reply(region.perms(user), received_case.pk, D(2026, 10, 9), "granted", "36-2")


@pytest.mark.parametrize("user", ["sibling_clerk", "foreign_clerk"])
def test_other_organs_clerks_get_not_found(region, received_case, user):
    with pytest.raises(Http404):
        cases.confirm(region.perms(user), received_case.pk, D(2026, 10, 9))


def test_missing_actor_is_an_error(region, received_case):
    with pytest.raises(MissingActorError):
        cases.reply(None, received_case.pk, D(2026, 10, 9), "granted", "36-2")
    with pytest.raises(MissingActorError):
        cases.register(
            region.users["clerk"], region.own, dict(PERSON), "in_person", submitted_on=D(2026, 3, 2)
        )


def test_events_are_append_only(region, received_case):
    event = ApplicationEvent.objects.filter(application=received_case).first()
    event.note = "改"
    with pytest.raises(EventImmutableError):
        event.save()
    with pytest.raises(EventImmutableError):
        ApplicationEvent.objects.all().delete()


def test_dates_in_the_future_or_before_receipt_are_refused(region, received_case):
    with pytest.raises(ValidationError) as exc:
        cases.reply(region.perms("clerk"), received_case.pk, D(2026, 9, 1), "granted", "36-2")
    assert exc.value.message_dict["on"] == ["日期：不能早于收到申请之日（2026-09-24）"]
    with pytest.raises(ValidationError):
        cases.reply(region.perms("clerk"), received_case.pk, D(2099, 1, 1), "granted", "36-2")
