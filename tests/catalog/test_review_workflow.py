"""The review workflow: draft → 初审 → 复审 → 终审 → published, with 保密审查, and every refused step."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import selectors
from gongkai.catalog.choices import EntryStatus, StepKind, VersionState
from gongkai.catalog.models import Entry, ReviewStep
from gongkai.catalog.services import entries as services
from gongkai.catalog.services.columns import update_settings
from gongkai.catalog.workflow import Refused
from gongkai.core.actors import SYSTEM, MissingActorError
from gongkai.organs.models import Role, RoleGrant


def test_three_levels_with_secrecy_publish_with_an_index_number(region):
    version = region.draft()
    entry = region.publish(version)
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.index_number == f"{region.own.credit_code}/2026-00001"
    assert entry.published_version_id == version.pk
    kinds = list(
        ReviewStep.objects.filter(version=version).values_list("kind", "level_label", "actor__username")
    )
    assert kinds == [
        (StepKind.SUBMITTED, "", "clerk"),
        (StepKind.SECRECY, "", "reviewer"),
        (StepKind.APPROVED, "初审", "reviewer"),
        (StepKind.APPROVED, "复审", "reviewer2"),
        (StepKind.APPROVED, "终审", "head"),
        (StepKind.PUBLISHED, "", "head"),
    ]
    verbs = list(
        AuditEvent.objects.filter(object_type="catalog.entry", object_id=str(entry.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert verbs == [
        "catalog.entry_created",
        "catalog.submitted",
        "catalog.secrecy_attested",
        "catalog.approved",
        "catalog.approved",
        "catalog.approved",
        "catalog.published",
    ]


def test_index_numbers_are_consecutive_per_year(region):
    numbers = [region.publish(region.draft(title=f"信息{n}")).index_number for n in range(3)]
    older = region.publish(region.draft(title="去年的信息", generated_on=date(2025, 12, 30)))
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002", "00003"]
    assert older.index_number.endswith("/2025-00001")


def test_refused_steps(region):
    version = region.draft()
    with pytest.raises(Refused, match="审核中"):
        services.approve(region.perms("reviewer"), version)
    services.submit(region.perms("clerk"), version)
    with pytest.raises(Refused, match="只有草稿"):
        services.submit(region.perms("clerk"), version)
    with pytest.raises(Refused, match="只有草稿"):
        services.update_draft(region.perms("clerk"), version, title="改名")
    with pytest.raises(PermissionDenied):
        services.approve(region.perms("clerk"), version)  # 专员 does not review
    with pytest.raises(PermissionDenied):
        services.approve(region.perms("supervisor"), version)  # supervisors only read
    with pytest.raises(PermissionDenied):
        services.approve(region.perms("other_clerk"), version)
    services.approve(region.perms("reviewer"), version)
    with pytest.raises(Refused, match="两级审核"):
        services.approve(region.perms("reviewer"), version)
    services.approve(region.perms("reviewer2"), version)
    RoleGrant.objects.create(user=region.users["nobody"], organ=region.own, role=Role.REVIEWER)
    with pytest.raises(Refused, match="终审"):
        services.approve(region.perms("nobody"), version)  # a reviewer may not take the head's level
    with pytest.raises(Refused, match="保密审查"):
        services.approve(region.perms("head"), version)
    with pytest.raises(Refused, match="起草人以外"):
        services.attest_secrecy(region.perms("admin"), region.draft_by_admin_submitted())
    services.attest_secrecy(region.perms("head"), version)
    with pytest.raises(Refused, match="已完成保密审查"):
        services.attest_secrecy(region.perms("reviewer"), version)
    services.approve(region.perms("head"), version)
    with pytest.raises(Refused, match="审核中"):
        services.approve(region.perms("head"), version)
    assert Entry.objects.get(pk=version.entry_id).status == EntryStatus.PUBLISHED


def test_nobody_reviews_their_own_draft(region):
    version = region.draft(by="admin")
    services.submit(region.perms("admin"), version)
    with pytest.raises(Refused, match="本人起草"):
        services.approve(region.perms("admin"), version)
    with pytest.raises(Refused, match="本人起草"):
        services.return_to_author(region.perms("admin"), version, "再改改")


def test_return_needs_a_reason_and_starts_a_new_round(region):
    version = region.draft()
    services.submit(region.perms("clerk"), version)
    services.approve(region.perms("reviewer"), version)
    with pytest.raises(ValidationError) as caught:
        services.return_to_author(region.perms("reviewer2"), version, "  ")
    assert "退回理由" in str(caught.value)
    services.return_to_author(region.perms("reviewer2"), version, "文号有误")
    version.refresh_from_db()
    assert version.state == VersionState.RETURNED
    rows, _ = selectors.queue(region.own)
    assert [(r.version.pk, r.next_label) for r in rows] == [(version.pk, "已退回")]
    services.update_draft(region.perms("clerk"), version, doc_number="甲机管发〔2026〕3号")
    services.submit(region.perms("clerk"), version)
    version.refresh_from_db()
    assert version.review_round == 2
    # The first round's 初审 no longer counts: the same reviewer takes 初审 again.
    services.approve(region.perms("reviewer"), version)
    assert [s.level_label for s in services.round_steps(version) if s.kind == StepKind.APPROVED] == ["初审"]


def test_levels_are_configured_per_organ(region):
    update_settings(region.perms("head"), region.own, review_chain=[{"label": "审核", "role": "head"}])
    version = region.draft()
    services.submit(region.perms("clerk"), version)
    services.attest_secrecy(region.perms("reviewer"), version)
    with pytest.raises(Refused, match="审核"):
        services.approve(region.perms("reviewer"), version)
    services.approve(region.perms("head"), version)
    assert Entry.objects.get(pk=version.entry_id).status == EntryStatus.PUBLISHED
    with pytest.raises(ValidationError):
        update_settings(region.perms("head"), region.own, review_chain=[])
    with pytest.raises(PermissionDenied):
        update_settings(region.perms("reviewer"), region.own, withheld_review_months=6)


def test_withdraw_keeps_the_entry_and_says_when(region, client):
    entry = region.publish(region.draft())
    with pytest.raises(PermissionDenied):
        services.withdraw(region.perms("reviewer"), entry, "错误")
    with pytest.raises(ValidationError):
        services.withdraw(region.perms("head"), entry, "")
    services.withdraw(region.perms("head"), entry, "内容已过时")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    assert entry.withdrawn_reason == "内容已过时"
    assert Entry.objects.filter(pk=entry.pk).exists()
    page = client.get(f"/xxgk/{region.own.slug}/e/{entry.pk}/").content.decode()
    assert "本信息已于" in page and "撤回" in page and "内容已过时" in page
    assert "<p>正文</p>" not in page
    with pytest.raises(Refused, match="已发布"):
        services.withdraw(region.perms("head"), entry, "再撤一次")


def test_a_correction_is_a_new_version_and_the_old_stays(region):
    entry = region.publish(region.draft(title="原标题"))
    with pytest.raises(ValidationError):
        services.start_correction(region.perms("clerk"), entry, "")
    v2 = services.start_correction(region.perms("clerk"), entry, "更正文号")
    with pytest.raises(Refused, match="未完成的更正"):
        services.start_correction(region.perms("clerk"), entry, "再更正")
    services.update_draft(region.perms("clerk"), v2, title="更正后的标题")
    entry.refresh_from_db()
    assert entry.published_version.title == "原标题"  # the published version shows until v2 passes review
    region.publish(v2)
    entry.refresh_from_db()
    assert entry.published_version_id == v2.pk
    assert entry.published_version.title == "更正后的标题"
    assert entry.index_number.endswith("-00001")  # same number
    states = list(entry.versions.order_by("number").values_list("number", "state"))
    assert states == [(1, VersionState.SUPERSEDED), (2, VersionState.APPROVED)]


def test_withheld_needs_a_basis_is_not_public_and_comes_up_for_review(region, client):
    with pytest.raises(ValidationError) as caught:
        region.draft(title="内部请示", disclosure="withheld")
    assert "法律依据" in str(caught.value)
    version = region.draft(title="内部请示", disclosure="withheld", withheld_basis="《条例》第十六条第二款")
    entry = region.publish(version)
    assert entry.status == EntryStatus.RECORDED
    assert client.get(f"/xxgk/{region.own.slug}/e/{entry.pk}/").status_code == 404
    assert not selectors.public_entries(region.own).filter(pk=entry.pk).exists()
    # Recorded 400 days ago, with the default 12-month period: due for re-review now.
    Entry.objects.filter(pk=entry.pk).update(published_at=timezone.now() - timedelta(days=400))
    _, withheld = selectors.queue(region.own)
    assert [(r.entry.pk, r.overdue) for r in withheld] == [(entry.pk, True)]
    services.review_withheld(region.perms("reviewer"), entry, keep_withheld=True, note="仍属过程性信息")
    _, withheld = selectors.queue(region.own)
    assert [(r.overdue, r.review_due) for r in withheld] == [
        (False, selectors.add_months(timezone.localdate(), 12))
    ]
    with pytest.raises(PermissionDenied):
        services.review_withheld(region.perms("clerk"), entry, keep_withheld=True, note="x")


def test_queue_shows_late_and_due_soon(region):
    late = region.draft(title="迟了", generated_on=date(2026, 9, 1))
    soon = region.draft(title="快到期", generated_on=timezone.localdate() - timedelta(days=24))
    fresh = region.draft(title="刚生成", generated_on=timezone.localdate())
    rows, _ = selectors.queue(region.own)
    states = {r.version.title: r.due.state for r in rows}
    assert states == {"迟了": "late", "快到期": "soon", "刚生成": "ok"}
    assert [r.version.pk for r in rows][0] == late.pk
    assert fresh.pk in [r.version.pk for r in rows] and soon.pk in [r.version.pk for r in rows]


def test_services_refuse_a_missing_actor(region):
    with pytest.raises(MissingActorError):
        services.create_entry(
            None, region.own, region.column("decision"), title="x", generated_on=date(2026, 1, 1)
        )
    version = region.draft()
    with pytest.raises(MissingActorError):
        services.submit(None, version)
    services.submit(SYSTEM, version)  # the system acts explicitly


def test_a_draft_in_another_organ_is_refused(region):
    with pytest.raises(PermissionDenied):
        services.create_entry(
            region.perms("clerk"),
            region.other,
            region.column("decision", region.other),
            title="x",
            generated_on=date(2026, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.create_entry(
            region.perms("clerk"),
            region.own,
            region.column("decision", region.other),
            title="x",
            generated_on=date(2026, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.create_entry(
            region.perms("clerk"),
            region.own,
            region.column("five"),
            title="分组栏目",
            generated_on=date(2026, 1, 1),
        )
