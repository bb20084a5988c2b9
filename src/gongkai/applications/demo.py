"""Demo casework for `gongkai demo`: about 300 applications over two years in three organs of the demo
region, through the same services the pages use (so every event, number and audit row is real).

Covers every table-3 outcome, every applicant type and channel, 补正, both kinds of consultation,
extensions, fees, 第三十五条, forwards, withdrawals, appeals of every kind and result, cases carried over the
year end, and open cases due soon, overdue and not yet confirmed. Idempotent: an organ that already has
applications is left alone. Deterministic (fixed seed) relative to the day it runs.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.applications import legal
from gongkai.applications.choices import ApplicantKind, Channel
from gongkai.applications.models import Application, CaseSettings
from gongkai.applications.services import appeals, cases
from gongkai.core.actors import SYSTEM
from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ
from gongkai.workdays import Calendar

ORGANS = {  # slug: (cases, registration pattern prefix, clerk user name)
    "gaoan-jgsw": (150, "高机管", "zhuanyuan"),
    "gaoan-finance": (90, "高财", "caizheng"),
    "gaoan-education": (60, "高教体", None),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "娟", "涛", "明", "超", "霞")
TOPICS = (
    "{y}年度公务用车购置及运行维护费用明细",
    "{y}年机关办公用房维修改造项目的招标文件和中标结果",
    "本单位{y}年部门预算和决算公开说明",
    "高安市锦江路沿线房屋征收补偿方案及其批准文件",
    "{y}年度政府采购项目清单",
    "某小区旧改项目的立项批复和资金来源",
    "{y}年度行政事业性收费项目及依据",
    "本人所在村土地承包经营权确权登记资料",
    "{y}年城区学校招生划片方案及依据",
    "关于公共机构节能工作的年度考核结果",
)
COMPANIES = (
    "高安市瑞兴建材有限公司",
    "江西锦程物流有限公司",
    "高安市宏达陶瓷厂",
    "江西赣商律师事务所",
    "高安市绿色家园环保协会",
    "江西省农业科学研究院高安试验站",
    "高安市筠阳社区服务中心",
)
KIND_OF_COMPANY = (
    "commercial_enterprise",
    "commercial_enterprise",
    "commercial_enterprise",
    "legal_service_org",
    "public_interest_org",
    "research_institution",
    "other_org",
)
CHANNELS = (
    Channel.ONLINE,
    Channel.ONLINE,
    Channel.ONLINE,
    Channel.IN_PERSON,
    Channel.IN_PERSON,
    Channel.REGISTERED_POST,
    Channel.LETTER,
    Channel.EMAIL,
    Channel.FAX,
)
REPLY_TEXT = {
    "granted": "经查，您申请的信息可以公开，现以电子文件形式提供，请查收附件。",
    "partially_granted": "您申请的信息中含有第三方个人信息，本机关作区分处理后提供可以公开的部分。",
}


def _id_number(rng: random.Random, born: date) -> str:
    body = f"360983{born:%Y%m%d}{rng.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _applicant(rng: random.Random, n: int) -> dict:
    year = rng.choice((2025, 2026))
    base = {
        "phone": f"13{rng.randint(100000000, 999999999)}",
        "address": f"江西省高安市瑞州路{rng.randint(1, 300)}号",
        "postcode": "330800",
        "description": rng.choice(TOPICS).format(y=year - 1),
        "document_hint": rng.choice(("", "", f"高机管发〔{year - 1}〕{rng.randint(1, 40)}号")),
        "wanted_form": rng.choice(("electronic", "paper")),
    }
    if rng.random() < 0.62:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
        born = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        person = {
            "applicant_kind": ApplicantKind.natural_person,
            "name": name,
            "id_type": "resident_id",
            "id_number": _id_number(rng, born),
        }
        email = f"user{n}@example.com" if rng.random() < 0.5 else ""
    else:
        i = rng.randrange(len(COMPANIES))
        person = {
            "applicant_kind": KIND_OF_COMPANY[i],
            "name": COMPANIES[i],
            "credit_code": make_code("9", "1", "360983", f"{7000 + i:08d}"),
            "legal_representative": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "contact_person": rng.choice(SURNAMES) + rng.choice(GIVEN),
        }
        email = f"office{i}@example.com"
    delivery = "email" if email else rng.choice(("post", "pickup"))
    return {**base, **person, "email": email, "delivery": delivery}


def load() -> None:
    """The demo-loader registry's entry (`gongkai demo`, `manage load_demo`)."""
    load_demo_applications()


def load_demo_applications(today: date | None = None) -> int:
    """Load the demo cases; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    calendar = Calendar.shipped()
    for slug, (count, prefix, clerk_name) in ORGANS.items():
        organ = Organ.objects.filter(slug=slug).first()
        if organ is None or Application.objects.filter(organ=organ).exists():
            continue
        CaseSettings.objects.update_or_create(
            organ=organ,
            defaults={"prefix": prefix, "reconsideration_body": "高安市人民政府", "court": "高安市人民法院"},
        )
        # The platform loads the demo (SYSTEM, as every demo loader does); cases are assigned to the organ's
        # demo clerk, so their queue and the masking of personal data look as in real use.
        clerk = _user(clerk_name)
        rng = random.Random(f"gongkai-demo-{slug}")
        with transaction.atomic():
            for n in range(count):
                _one(rng, organ, SYSTEM, SYSTEM, n, count, today, calendar, clerk)
                created += 1
    return created


def _user(name):
    return get_user_model().objects.filter(username=name).first() if name else None


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _one(rng, organ, perms, head, n, count, today, calendar, clerk=None) -> None:
    span = (today - date(today.year - 1, 1, 5)).days
    # The last few of each organ are recent, so some are open, due soon or overdue; the rest spread over
    # two years. A few land in the last days of last year, replied in January: carried over.
    if n >= count - 14:
        received = today - timedelta(days=rng.randint(0, 34))
    elif n % 25 == 0:
        received = date(today.year - 1, 12, rng.randint(18, 30))
    else:
        received = date(today.year - 1, 1, 5) + timedelta(days=rng.randint(0, span - 40))
    while not calendar.status(received).workday:
        received -= timedelta(days=1)
    data = _applicant(rng, n)
    channel = rng.choice(CHANNELS)
    if channel == Channel.ONLINE:
        case = cases.submit_online(organ, data, submitted_at=_at(received))
        if n == count - 1:
            return  # one 待确认
        case = cases.confirm(perms, case.pk, received, issue_documents=False)
    else:
        dates = {Channel.IN_PERSON: "submitted_on", Channel.REGISTERED_POST: "signed_on"}
        key = dates.get(channel, "confirmed_on")
        case = cases.register(
            perms, organ, data, channel, issue_documents=False, submitted_at=_at(received), **{key: received}
        )
    if clerk is not None:
        case = cases.assign(perms, case.pk, clerk, received)
    recent = n >= count - 14
    step = calendar.add_workdays
    day = received
    roll = rng.random()
    if roll < 0.10:
        notice = step(day, rng.randint(1, 5))
        if notice <= today:
            case = cases.request_correction(
                perms,
                case.pk,
                notice,
                "请写明所需信息的具体年份和名称",
                step(notice, 10),
                issue_documents=False,
            )
            day = step(notice, rng.randint(3, 9))
            if day > today:
                return
            lapse_on = step(notice, 11)
            if rng.random() < 0.25 and lapse_on <= today:
                cases.lapse_correction(perms, case.pk, lapse_on)
                return
            case = cases.receive_correction(perms, case.pk, day)
    elif roll < 0.20:
        party = "third_party" if rng.random() < 0.7 else "co_organ"
        sent = step(day, 3)
        if sent <= today:
            cases.consult(
                perms,
                case.pk,
                sent,
                party,
                "江西锦程物流有限公司" if party == "third_party" else "高安市财政局",
                issue_documents=False,
            )
            day = step(sent, rng.randint(4, 16))
            if day > today:
                return
            lapsed = day > step(sent, 15)
            cases.end_consultation(
                perms,
                case.pk,
                day,
                answered=not lapsed,
                opinion="" if lapsed else "不同意公开涉及本单位商业秘密的部分",
            )
    elif roll < 0.23:
        sent = step(day, 2)
        if sent <= today:
            cases.fee_notice(
                perms, case.pk, sent, "pages", pages=rng.choice((60, 150, 260)), issue_documents=False
            )
            paid = step(sent, rng.randint(2, 24))
            if paid > today:
                return
            if paid > step(sent, 20):
                cases.fee_lapsed(perms, case.pk, paid)
                return
            cases.fee_paid(perms, case.pk, paid)
            day = paid
    elif roll < 0.26:
        target = Organ.objects.filter(slug="gaoan-ruizhou").first()
        sent = step(day, 2)
        if target and sent <= today:
            cases.forward(perms, case.pk, sent, target, consent=True, issue_documents=False)
            return
    elif roll < 0.29:
        withdrawn = step(day, rng.randint(1, 6))
        if withdrawn <= today:
            cases.withdraw(perms, case.pk, withdrawn, "申请人来电撤回申请")
            return
    elif roll < 0.31:
        asked = step(day, 2)
        if asked <= today:
            cases.request_reasons(
                perms, case.pk, asked, "您本月已向本机关提出大量内容相近的申请。", issue_documents=False
            )
            back = step(asked, 5)
            if back <= today:
                reasonable = rng.random() < 0.5
                cases.receive_reasons(perms, case.pk, back, reasonable)
                if not reasonable and step(back, 1) <= today:
                    cases.reply(
                        perms, case.pk, step(back, 1), "not_handled.excessive", "35", issue_documents=False
                    )
                    return
                day = back
    if rng.random() < 0.08 and step(day, 15) <= today:
        asked = step(day, 15)
        cases.request_extension(perms, case.pk, asked, 15, "申请内容涉及多个年度的档案，需要调取查阅")
        cases.decide_extension(head, case.pk, asked, True, issue_documents=False)
        day = asked
    # Recent cases mostly stay open; some older ones too (overdue).
    if recent and rng.random() < 0.8:
        return
    if n % 40 == 7:
        return  # overdue: never replied
    reply_on = step(day, rng.randint(3, 19))
    if reply_on > today:
        return
    outcome, reply_type = _outcome(rng)
    case = cases.reply(
        perms,
        case.pk,
        reply_on,
        outcome,
        reply_type,
        REPLY_TEXT.get(outcome, "详见本告知书。"),
        issue_documents=n % 100 == 0,
    )
    _maybe_appeal(rng, perms, case, reply_on, today, n)


def _outcome(rng) -> tuple[str, str]:
    rows = [
        r
        for r in legal.version_for(None).rows.values()
        if r.key not in {"other.no_correction", "other.fee_unpaid"}
    ]
    weights = [
        30
        if r.key == "granted"
        else 12
        if r.key == "partially_granted"
        else 8
        if r.key == "unable.not_held"
        else 2
        for r in rows
    ]
    row = rng.choices(rows, weights)[0]
    return row.key, rng.choice(row.types)


def _maybe_appeal(rng, perms, case, replied, today, n) -> None:
    if n % 9 != 3:
        return
    kinds = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    kind = kinds[(n // 9) % 3]
    filed = replied + timedelta(days=rng.randint(10, 50))
    if filed > today:
        return
    body = "高安市人民政府" if kind == "reconsideration" else "高安市人民法院"
    number = (
        f"高府复〔{filed.year}〕{n}号" if kind == "reconsideration" else f"（{filed.year}）赣0983行初{n}号"
    )
    appeal = appeals.file_appeal(perms, case.pk, kind, filed, body, number)
    decided = filed + timedelta(days=rng.randint(30, 120))
    if decided > today:
        return  # 尚未审结
    result = rng.choice(("upheld", "upheld", "corrected", "other"))
    appeals.decide_appeal(perms, appeal.pk, result, decided)
