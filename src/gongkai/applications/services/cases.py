"""Every action on a case. Each checks permission, changes state in one transaction, appends the case event
and writes the audit event; refusals say why in Chinese (`Refused`), bad input names the field
(`ValidationError`). Views, the API, the admin and the demo loader all call these.
"""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from gongkai.applications import legal, numbering, receipt
from gongkai.applications.choices import (
    ConsultParty,
    DocumentKind,
    EventKind,
    FeeMethod,
    Status,
)
from gongkai.applications.clock import case_clock
from gongkai.applications.intake import APPLICANT_FIELDS, clean_intake
from gongkai.applications.models import Applicant, Application
from gongkai.applications.permissions import CaseAction, can, require
from gongkai.applications.services import documents
from gongkai.applications.services.base import (
    Refused,
    append,
    audit,
    check_date,
    locked_case,
    move,
    save,
    today,
)
from gongkai.applications.transitions import Action
from gongkai.core.actors import actor_user, require_actor
from gongkai.organs.scope import Permissions
from gongkai.workdays import fee_by_count, fee_by_pages

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(12))


# --- intake ------------------------------------------------------------------------------------


def _create(
    organ, cleaned: dict, channel: str, *, status: str, submitted_at=None, clerk=None, forwarded_from=None
):
    """The case, its applicant and its registration number (gap-free: same transaction)."""
    submitted_at = submitted_at or timezone.now()
    year = timezone.localtime(submitted_at).year
    case_settings = numbering.settings_for(organ)
    seq = numbering.next_value(organ, year, numbering.REGISTRATION)
    number = numbering.format_number(
        case_settings.registration_pattern,
        prefix=numbering.prefix_for(organ, case_settings),
        year=year,
        seq=seq,
    )
    case = Application.objects.create(
        organ=organ,
        number=number,
        number_year=year,
        number_seq=seq,
        query_code=new_query_code(),
        channel=channel,
        status=status,
        applicant_kind=cleaned["applicant_kind"],
        submitted_at=submitted_at,
        description=cleaned["description"],
        document_hint=cleaned.get("document_hint", ""),
        wanted_form=cleaned["wanted_form"],
        delivery=cleaned["delivery"],
        clerk=clerk,
        forwarded_from=forwarded_from,
    )
    applicant = Applicant(application=case, **{name: cleaned.get(name, "") for name in APPLICANT_FIELDS})
    if cleaned.get("id_number"):
        applicant.set_id_number(cleaned["id_number"])
    applicant.save()
    return case


def submit_online(organ, data: dict, attachments=(), submitted_at=None) -> Application:
    """网上申请 from the portal: registered with its number and 查询码, 待确认 until the office confirms.

    The applicant is the actor (no account); rate limits and the honeypot are the view's job.
    """
    cleaned = clean_intake(data)
    attachments = list(attachments)
    return serialised(lambda: _submit(organ, cleaned, attachments, submitted_at))


def serialised(work, attempts: int = 60):
    """Run `work` (one transaction); on SQLite retry while another writer holds the lock.

    PostgreSQL waits on the counter's row lock by itself. SQLite has one write lock for the whole database;
    a file database waits for it (the busy timeout), a shared-cache one (the test database) refuses at once
    with "database table is locked". Either way the transaction rolled back whole, so trying again is safe.
    """
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.005 * (attempt + 1) + random.random() * 0.01)
    raise AssertionError("unreachable")


def _submit(organ, cleaned, attachments, submitted_at) -> Application:
    for upload in attachments:
        upload.seek(0)
    with transaction.atomic():
        case = _create(organ, cleaned, "online", status=Status.PENDING, submitted_at=submitted_at)
        for upload in attachments:
            documents.store_attachment(case, upload)
        append(case, EventKind.SUBMITTED, timezone.localtime(case.submitted_at).date(), None)
        audit("submitted", case, None, {"status": [None, case.status]})
    return case


def register(
    perms,
    organ,
    data: dict,
    channel: str,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    issue_documents: bool = True,
    submitted_at=None,
) -> Application:
    """Staff intake (当面、挂号信、平常信函、传真、电子邮件). The date of receipt follows 第三十一条:
    in person the day submitted, registered post the day signed for; letter, fax and e-mail the day
    both sides confirm (the case stays 待确认 until then)."""
    require_actor(perms)
    require(perms, CaseAction.HANDLE, organ)
    cleaned = clean_intake(data)
    if channel not in receipt.RULES or channel == "online":
        raise ValidationError(
            {"channel": "申请方式：不是可选项（当面提交、挂号信、平常信函、传真、电子邮件）"}
        )
    rule = receipt.rule_for(channel)
    dates = {"submitted": submitted_on, "signed": signed_on, "confirmed": confirmed_on}
    received = dates[rule.needs]
    fields = {"submitted": "submitted_on", "signed": "signed_on", "confirmed": "confirmed_on"}
    if rule.needs != "confirmed" and received is None:
        raise ValidationError(
            {fields[rule.needs]: f"{rule.label}：{receipt.SHORT[channel]}必须填写{rule.label}"}
        )
    for key, value in dates.items():
        if value is not None and value > today():
            raise ValidationError({fields[key]: "日期：不能晚于今天"})
    with transaction.atomic():
        case = _create(
            organ, cleaned, channel, status=Status.PENDING, clerk=actor_user(perms), submitted_at=submitted_at
        )
        registered_on = (
            submitted_on or signed_on or confirmed_on or timezone.localtime(case.submitted_at).date()
        )
        append(case, EventKind.REGISTERED, registered_on, actor_user(perms))
        audit("registered", case, actor_user(perms), {"status": [None, case.status]})
        if received is not None:
            _confirm(perms, case, received, issue_documents)
    return case


def confirm(perms, case_id: int, on: date, *, expected_version=None, issue_documents=True) -> Application:
    """确认收到申请: the date of receipt (第三十一条) is set and the clock starts."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        _confirm(perms, case, on, issue_documents)
    return case


def _confirm(perms, case: Application, on: date, issue_documents: bool) -> None:
    case.status = move(case, Action.CONFIRM)
    check_date(case, on, "on", "收到申请之日")
    if on < timezone.localtime(case.submitted_at).date() and case.channel == "online":
        raise ValidationError({"on": "收到申请之日：不能早于网上提交之日"})
    case.received_on = on
    case.receipt_basis = receipt.explain(case.channel, on)
    if case.clerk_id is None:
        case.clerk = actor_user(perms)
    save(case, ["status", "received_on", "receipt_basis", "clerk"])
    append(case, EventKind.CONFIRMED, on, actor_user(perms), note=case.receipt_basis)
    audit(
        "confirmed",
        case,
        actor_user(perms),
        {"status": [Status.PENDING, case.status], "received_on": [None, str(on)]},
    )
    if issue_documents:
        documents.issue(case, DocumentKind.REGISTRATION_FORM, actor_user(perms), on, to_applicant=False)
        documents.issue(case, DocumentKind.RECEIPT, actor_user(perms), on)


def assign(perms, case_id: int, clerk, on: date | None = None, *, expected_version=None) -> Application:
    """指定承办人: the clerk (or head) of the organ who handles the case and sees its personal data."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.ASSIGN)
        if clerk is not None and not can(Permissions(clerk), CaseAction.HANDLE, case.organ):
            raise ValidationError({"clerk": "承办人：该用户不是本机关的信息公开专员或负责人"})
        old = case.clerk_id
        case.clerk = clerk
        save(case, ["clerk"])
        append(
            case,
            EventKind.ASSIGNED,
            check_date(case, on or today()),
            actor_user(perms),
            data={"clerk": clerk.get_username() if clerk else ""},
        )
        audit("assigned", case, actor_user(perms), {"clerk": [old, clerk.pk if clerk else None]})
    return case


# --- 补正 ---------------------------------------------------------------------------------------


def request_correction(
    perms,
    case_id: int,
    on: date,
    items: str,
    correct_by: date,
    *,
    expected_version=None,
    issue_documents=True,
) -> Application:
    """补正告知书 (第三十条): once, saying what to correct and by when."""
    if not (items or "").strip():
        raise ValidationError({"items": "需要补正的事项：必须填写"})
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        new = move(case, Action.REQUEST_CORRECTION)
        check_date(case, on)
        if case.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise Refused("补正告知只能发一次（第三十条：一次性告知）；本申请已发过补正告知书")
        if not isinstance(correct_by, date) or correct_by <= on:
            raise ValidationError({"correct_by": "补正期限：应晚于告知日期"})
        old, case.status = case.status, new
        save(case, ["status"])
        append(
            case,
            EventKind.CORRECTION_REQUESTED,
            on,
            actor_user(perms),
            data={"correct_by": correct_by.isoformat(), "items": items.strip()},
        )
        audit("correction_requested", case, actor_user(perms), {"status": [old, new]})
        if issue_documents:
            documents.issue(
                case,
                DocumentKind.CORRECTION,
                actor_user(perms),
                on,
                items=items.strip(),
                correct_by=correct_by,
            )
    return case


def receive_correction(perms, case_id: int, on: date, *, expected_version=None) -> Application:
    """收到补正后的申请: the reply period runs afresh from this day."""
    return _simple(
        perms, case_id, on, Action.RECEIVE_CORRECTION, EventKind.CORRECTED, "corrected", expected_version
    )


def lapse_correction(perms, case_id: int, on: date, *, expected_version=None) -> Application:
    """逾期未补正: closed as table 3 row （六）1."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.LAPSE_CORRECTION)
        notice = case.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
        correct_by = date.fromisoformat(notice.data["correct_by"])
        if on <= correct_by:
            raise Refused(f"补正期限（{correct_by:%Y-%m-%d}）尚未届满，不能按逾期未补正办结")
        _close(
            perms, case, on, "other.no_correction", "30", EventKind.CORRECTION_LAPSED, Action.LAPSE_CORRECTION
        )
    return case


# --- consultation --------------------------------------------------------------------------------


def consult(
    perms, case_id: int, on: date, party: str, addressee: str, *, expected_version=None, issue_documents=True
) -> Application:
    """征求意见书 to a third party (第三十二条) or a co-producing organ (第三十四条); the time it takes does
    not count."""
    if party not in ConsultParty.values:
        raise ValidationError({"party": "征求意见对象：应为第三方或共同制作机关"})
    if not (addressee or "").strip():
        raise ValidationError({"addressee": "征求意见对象名称：必须填写"})
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        old, case.status = case.status, move(case, Action.CONSULT)
        check_date(case, on)
        save(case, ["status"])
        append(
            case,
            EventKind.CONSULTATION_SENT,
            on,
            actor_user(perms),
            data={"party": party, "addressee": addressee.strip()},
        )
        audit("consultation_sent", case, actor_user(perms), {"status": [old, case.status]})
        if issue_documents:
            kind = (
                DocumentKind.CONSULT_CO_ORGAN
                if party == ConsultParty.CO_ORGAN
                else DocumentKind.CONSULT_THIRD_PARTY
            )
            documents.issue(
                case, kind, actor_user(perms), on, addressee=addressee.strip(), to_applicant=False
            )
    return case


def end_consultation(
    perms, case_id: int, on: date, answered: bool, opinion: str = "", *, expected_version=None
):
    """The consulted party answered (with its opinion), or its 15 working days passed without an answer."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        old, case.status = case.status, move(case, Action.END_CONSULTATION)
        check_date(case, on)
        if not answered:
            clock = case_clock(case, case.events.all(), on).clock
            dues = [
                d
                for k, d in (clock.deadlines.items() if clock else ())
                if k.startswith(("third_party", "co_organ"))
            ]
            if dues and on <= max(dues):
                raise Refused(f"征求意见的答复期限（{max(dues):%Y-%m-%d}）尚未届满，不能登记为期满未回复")
        kind = EventKind.CONSULTATION_ANSWERED if answered else EventKind.CONSULTATION_LAPSED
        save(case, ["status"])
        append(case, kind, on, actor_user(perms), note=(opinion or "").strip())
        audit(kind, case, actor_user(perms), {"status": [old, case.status]})
    return case


# --- extension -----------------------------------------------------------------------------------


def request_extension(perms, case_id: int, on: date, days: int, reason: str, *, expected_version=None):
    """The clerk asks for an extension (第三十三条); the head decides."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "延期理由：必须填写"})
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 20:
        raise ValidationError({"days": "延长天数：应为1至20个工作日"})
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.REQUEST_EXTENSION)
        check_date(case, on)
        kinds = list(case.events.filter(kind__startswith="extension_").values_list("kind", flat=True))
        if EventKind.EXTENSION_APPROVED in kinds:
            raise Refused("答复期限只能延长一次（第三十三条），本申请已经延期")
        if kinds and kinds[-1] == EventKind.EXTENSION_REQUESTED:
            raise Refused("已有待负责人审批的延期申请")
        _before_due(case, on, "申请延期")
        save(case, [])
        append(case, EventKind.EXTENSION_REQUESTED, on, actor_user(perms), days=days, note=reason.strip())
        audit("extension_requested", case, actor_user(perms), {"days": [None, days]})
    return case


def decide_extension(
    perms, case_id: int, on: date, approve: bool, *, expected_version=None, issue_documents=True
):
    """负责人 approves (the reply period grows by the days asked, the applicant is told) or refuses."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.APPROVE_EXTENSION, expected_version)
        move(case, Action.DECIDE_EXTENSION)
        check_date(case, on)
        last = case.events.filter(kind__startswith="extension_").last()
        if last is None or last.kind != EventKind.EXTENSION_REQUESTED:
            raise Refused("没有待审批的延期申请")
        if approve:
            _before_due(case, on, "批准延期")
        kind = EventKind.EXTENSION_APPROVED if approve else EventKind.EXTENSION_REFUSED
        save(case, [])
        append(case, kind, on, actor_user(perms), days=last.days if approve else None, note=last.note)
        audit(kind, case, actor_user(perms), {"days": [None, last.days if approve else 0]})
        if approve and issue_documents:
            documents.issue(
                case, DocumentKind.EXTENSION, actor_user(perms), on, days=last.days, reason=last.note
            )
    return case


def _before_due(case, on: date, what: str) -> None:
    clock = case_clock(case, case.events.all(), on).clock
    if clock and on > clock.due:
        raise Refused(f"答复期限已于{clock.due:%Y-%m-%d}届满，不能再{what}")


# --- 第三十五条 ----------------------------------------------------------------------------------


def request_reasons(perms, case_id: int, on: date, note: str, *, expected_version=None, issue_documents=True):
    """说明理由告知书: the number or frequency of applications is clearly unreasonable (第三十五条)."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.REQUEST_REASONS)
        check_date(case, on)
        if case.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise Refused("已经要求申请人说明理由")
        save(case, [])
        append(case, EventKind.REASONS_REQUESTED, on, actor_user(perms), note=(note or "").strip())
        audit("reasons_requested", case, actor_user(perms))
        if issue_documents:
            documents.issue(case, DocumentKind.REASONS, actor_user(perms), on, note=(note or "").strip())
    return case


def receive_reasons(
    perms, case_id: int, on: date, reasonable: bool, note: str = "", *, expected_version=None
):
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.RECEIVE_REASONS)
        check_date(case, on)
        if not case.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise Refused("尚未要求申请人说明理由")
        save(case, [])
        append(
            case,
            EventKind.REASONS_RECEIVED,
            on,
            actor_user(perms),
            data={"reasonable": bool(reasonable)},
            note=note,
        )
        audit("reasons_received", case, actor_user(perms), {"reasonable": [None, bool(reasonable)]})
    return case


# --- fees ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeQuote:
    method: str
    quantity: int  # the applicant's Nth application this month, or the pages
    amount: int  # 元
    breakdown: list[str]


def month_position(case: Application) -> int:
    """The applicant's Nth application to this organ in the natural month of this one's receipt."""
    key = case.applicant.fee_key
    if not key or case.received_on is None:
        return 1
    first = case.received_on.replace(day=1)
    same = Application.objects.filter(
        organ_id=case.organ_id, received_on__gte=first, received_on__lte=case.received_on
    ).filter(_same_applicant(case.applicant))
    earlier = same.filter(received_on__lt=case.received_on).count()
    ties = same.filter(received_on=case.received_on, pk__lte=case.pk).count()
    return earlier + ties


def _same_applicant(applicant):
    from django.db.models import Q

    if applicant.id_number_hash:
        return Q(applicant__id_number_hash=applicant.id_number_hash)
    return Q(applicant__credit_code=applicant.credit_code)


def quote_fee(case: Application, method: str, pages: int | None = None) -> FeeQuote:
    """The fee by `gongkai.workdays`: 按件 the marginal price of this application in the applicant's month
    (the Nth costs fee(N) − fee(N−1)), 按量 by pages."""
    if method == FeeMethod.BY_COUNT:
        n = month_position(case)
        fee, before = fee_by_count(n), fee_by_count(n - 1)
        line = [ln.text() for ln in fee.lines][-1:]
        return FeeQuote(method, n, fee.total - before.total, [f"本申请为该申请人本月第{n}件", *line])
    if method == FeeMethod.BY_PAGES:
        if not isinstance(pages, int) or isinstance(pages, bool) or pages < 1:
            raise ValidationError({"pages": "页数：按量计收时应为正整数"})
        fee = fee_by_pages(pages)
        return FeeQuote(method, pages, fee.total, [ln.text() for ln in fee.lines])
    raise ValidationError({"method": "计收方式：应为按件计收或按量计收"})


def fee_notice(
    perms,
    case_id: int,
    on: date,
    method: str,
    pages: int | None = None,
    *,
    expected_version=None,
    issue_documents=True,
):
    """收费通知书: the applicant pays within 20 working days or the application is abandoned."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        old, case.status = case.status, move(case, Action.FEE_NOTICE)
        check_date(case, on)
        quote = quote_fee(case, method, pages)
        if quote.amount == 0:
            raise Refused(
                f"按{FeeMethod(method).label}，本申请在免费范围内（{quote.breakdown[-1]}），不能发收费通知书"
            )
        save(case, ["status"])
        data = {
            "method": method,
            "quantity": quote.quantity,
            "amount": quote.amount,
            "breakdown": quote.breakdown,
        }
        append(case, EventKind.FEE_NOTICE, on, actor_user(perms), data=data)
        audit(
            "fee_notice",
            case,
            actor_user(perms),
            {"status": [old, case.status], "amount": [None, quote.amount]},
        )
        if issue_documents:
            documents.issue(case, DocumentKind.FEE_NOTICE, actor_user(perms), on, fee=data)
    return case


def fee_paid(perms, case_id: int, on: date, *, expected_version=None):
    return _simple(perms, case_id, on, Action.FEE_PAID, EventKind.FEE_PAID, "fee_paid", expected_version)


def fee_lapsed(perms, case_id: int, on: date, *, expected_version=None):
    """逾期未缴费: closed as table 3 row （六）2, once the 20 working days have passed."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.FEE_LAPSED)
        clock = case_clock(case, case.events.all(), on).clock
        dues = [d for k, d in (clock.deadlines.items() if clock else ()) if k.startswith("fee_payment")]
        if dues and on <= max(dues):
            raise Refused(f"缴费期限（{max(dues):%Y-%m-%d}）尚未届满，不能按逾期未缴费办结")
        _close(perms, case, on, "other.fee_unpaid", "42", EventKind.FEE_LAPSED, Action.FEE_LAPSED)
    return case


# --- reply, withdrawal, forwarding ----------------------------------------------------------------


def reply(
    perms,
    case_id: int,
    on: date,
    outcome: str,
    reply_type: str,
    text: str = "",
    *,
    expected_version=None,
    issue_documents=True,
) -> Application:
    """答复 with one outcome: a table-3 leaf row and the reply type that leads to it (checked against the
    versioned mapping). After a 纠正 decision the new reply is recorded; table 3 keeps the first outcome."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        was = case.status
        move(case, Action.REPLY)
        try:
            row = legal.check_outcome(case.received_on, outcome, reply_type)
        except ValueError as exc:
            field = "reply_type" if str(exc).startswith("答复类型") else "outcome"
            raise ValidationError({field: str(exc)}) from exc
        if outcome in {"other.no_correction", "other.fee_unpaid"}:
            raise ValidationError({"outcome": "办理结果：逾期未补正、逾期未缴费请用对应的办结操作"})
        _close(
            perms,
            case,
            on,
            outcome,
            reply_type,
            EventKind.REPLIED,
            Action.REPLY,
            reopened=was == Status.REOPENED,
            text=text,
        )
        if issue_documents:
            documents.issue(
                case, DocumentKind.REPLY, actor_user(perms), on, outcome=row, reply_type=reply_type, text=text
            )
    return case


def withdraw(perms, case_id: int, on: date, note: str = "", *, expected_version=None) -> Application:
    """The applicant withdraws (staff record it): closed as （六）3 其他 (practice)."""
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.WITHDRAW)
        if case.received_on is None:
            # Never received: nothing to count in table 3.
            old, case.status = case.status, Status.WITHDRAWN
            save(case, ["status"])
            append(case, EventKind.WITHDRAWN, on, actor_user(perms), note=note)
            audit("withdrawn", case, actor_user(perms), {"status": [old, case.status]})
            return case
        _close(perms, case, on, "other.other", "other", EventKind.WITHDRAWN, Action.WITHDRAW, text=note)
    return case


def forward(
    perms, case_id: int, on: date, target, consent: bool, *, expected_version=None, issue_documents=True
):
    """转送 within the region with the applicant's consent: this case closes as 不掌握 (第三十六条第（五）项,
    naming the right organ) and a linked case opens there, 待确认, with its own date of receipt."""
    if not consent:
        raise ValidationError({"consent": "申请人同意：转送须经申请人同意"})
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        move(case, Action.FORWARD)
        if target is None or target.pk == case.organ_id:
            raise ValidationError({"target": "转送机关：应为本区域内的其他机关"})
        if _root(target).pk != _root(case.organ).pk:
            raise ValidationError({"target": "转送机关：只能转送本平台同一区域内的机关"})
        if case.received_on is None:
            _confirm(perms, case, on, issue_documents=False)
        text = f"所申请信息不属于本机关负责公开，经申请人同意已转送{target.name}办理。"
        _close(
            perms,
            case,
            on,
            "unable.not_held",
            "36-5",
            EventKind.FORWARDED,
            Action.FORWARD,
            text=text,
            extra={"target": target.name, "target_id": target.pk},
        )
        data = {f: getattr(case.applicant, f) for f in APPLICANT_FIELDS}
        data.update(
            applicant_kind=case.applicant_kind,
            id_number=case.applicant.id_number,
            description=case.description,
            document_hint=case.document_hint,
            wanted_form=case.wanted_form,
            delivery=case.delivery,
        )
        linked = _create(target, clean_intake(data), case.channel, status=Status.PENDING, forwarded_from=case)
        append(
            linked,
            EventKind.SUBMITTED,
            on,
            actor_user(perms),
            note=f"由{case.organ.name}转送（原编号{case.number}）",
        )
        audit("forwarded_in", linked, actor_user(perms), {"forwarded_from": [None, case.number]})
        if issue_documents:
            documents.issue(
                case,
                DocumentKind.REPLY,
                actor_user(perms),
                on,
                outcome=legal.check_outcome(case.received_on, "unable.not_held", "36-5"),
                reply_type="36-5",
                text=text,
            )
    return linked


def _root(organ):
    while organ.parent_id:
        organ = organ.parent
    return organ


def _close(
    perms, case, on, outcome, reply_type, kind, action, *, reopened=False, text="", extra=None
) -> None:
    old = case.status
    case.status = move(case, action)
    check_date(case, on)
    fields = ["status"]
    if not reopened:
        case.outcome, case.reply_type, case.closed_on = outcome, reply_type, on
        fields += ["outcome", "reply_type", "closed_on"]
    save(case, fields)
    data = {"outcome": outcome, "reply_type": reply_type, "again": reopened, **(extra or {})}
    append(case, kind, on, actor_user(perms), data=data, note=text)
    audit(kind, case, actor_user(perms), {"status": [old, case.status], "outcome": [None, outcome]})


def _simple(perms, case_id, on, action, kind, verb, expected_version):
    with transaction.atomic():
        case = locked_case(perms, case_id, CaseAction.HANDLE, expected_version)
        old, case.status = case.status, move(case, action)
        check_date(case, on)
        save(case, ["status"])
        append(case, kind, on, actor_user(perms))
        audit(verb, case, actor_user(perms), {"status": [old, case.status]})
    return case


def reopen(perms, case, on: date, appeal) -> None:
    """纠正 by a 复议 or court decision: the case is answered again (called inside the appeal's service)."""
    old, case.status = case.status, move(case, Action.REOPEN)
    save(case, ["status"])
    append(
        case,
        EventKind.REOPENED,
        on,
        actor_user(perms),
        data={"appeal": appeal.pk, "case_number": appeal.case_number},
    )
    audit("reopened", case, actor_user(perms), {"status": [old, case.status]})


__all__ = [
    "Refused",
    "assign",
    "confirm",
    "consult",
    "decide_extension",
    "end_consultation",
    "fee_lapsed",
    "fee_notice",
    "fee_paid",
    "forward",
    "lapse_correction",
    "quote_fee",
    "receive_correction",
    "receive_reasons",
    "register",
    "reopen",
    "reply",
    "request_correction",
    "request_extension",
    "request_reasons",
    "submit_online",
    "withdraw",
]
