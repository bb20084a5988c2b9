"""The demo casework: about 300 applications that cover what the issue lists, loaded through the services."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib.auth import get_user_model

from gongkai.applications import legal, selectors
from gongkai.applications.choices import AppealResult, ApplicantKind, Channel, EventKind
from gongkai.applications.demo import load_demo_applications
from gongkai.applications.models import Appeal, Application, ApplicationEvent
from gongkai.organs.demo import load_demo
from gongkai.organs.models import Organ
from gongkai.organs.scope import Permissions

TODAY = date(2026, 12, 3)


def test_demo_covers_outcomes_kinds_channels_and_urgency(db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_DIR = tmp_path
    load_demo()  # the organs, the accounts, then every registered loader: this app's included
    # 300 applications, plus the linked cases the forwards opened in the organ they were sent to
    assert Application.objects.filter(forwarded_from__isnull=True).count() == 300
    forwarded = Application.objects.filter(forwarded_from__isnull=False).count()
    assert forwarded > 0
    assert load_demo_applications(TODAY) == 0  # idempotent
    load_demo()
    assert Application.objects.count() == 300 + forwarded
    outcomes = set(Application.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == set(legal.version_for(None).rows)
    assert set(Application.objects.values_list("applicant_kind", flat=True)) == set(ApplicantKind.values)
    assert set(Application.objects.values_list("channel", flat=True)) == set(Channel.values)
    kinds = Counter(ApplicationEvent.objects.values_list("kind", flat=True))
    for kind in (
        EventKind.CORRECTION_REQUESTED,
        EventKind.CONSULTATION_SENT,
        EventKind.EXTENSION_APPROVED,
        EventKind.FEE_NOTICE,
        EventKind.FORWARDED,
        EventKind.REASONS_REQUESTED,
        EventKind.REOPENED,
    ):
        assert kinds[kind] > 0, kind
    appeals = set(Appeal.objects.values_list("kind", "result"))
    assert {k for k, _ in appeals} == {
        "reconsideration",
        "litigation_direct",
        "litigation_after_reconsideration",
    }
    assert {r for _, r in appeals} == set(AppealResult.values)
    organ = Organ.objects.get(slug="gaoan-jgsw")
    assert selectors.table3_counts(organ, 2026)["carried_over"]["total"] > 0
    perms = Permissions(get_user_model().objects.get(username="zhuanyuan"))
    clocks = [clock for _, clock in selectors.queue(perms, organ, TODAY)]
    assert any(c.overdue for c in clocks) and any(c.due_soon for c in clocks)
