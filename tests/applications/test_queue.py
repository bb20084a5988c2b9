"""The work queue orders and pages in SQL on the derived sort key (`Application.clock_due` /
`clock_stopped_left`): the key always equals a fresh derivation from the events, the order is the clocks'
urgency, and every deadline shown is the clock computed from the events."""

from __future__ import annotations

from datetime import timedelta

from tests.applications.conftest import PERSON

from gongkai.applications import selectors
from gongkai.applications.clock import case_clock, urgency_key
from gongkai.applications.models import Application
from gongkai.applications.services import cases
from gongkai.applications.services.base import refresh_urgency, today


def received(region, days_ago: int):
    on = today() - timedelta(days=days_ago)
    return cases.register(
        region.perms("clerk"), region.own, dict(PERSON), "in_person", submitted_on=on, issue_documents=False
    )


def fresh_key(case_id: int):
    case = Application.objects.get(pk=case_id)
    return urgency_key(case.events.all(), today())


def stored_key(case_id: int):
    return Application.objects.values_list("clock_due", "clock_stopped_left").get(pk=case_id)


def build(region) -> dict:
    clerk = region.perms("clerk")
    made = {
        "overdue": received(region, 45),
        "running": received(region, 6),
        "older": received(region, 20),
        "consulting": received(region, 30),
        "replied": received(region, 12),
        "pending": cases.submit_online(region.own, dict(PERSON)),
    }
    cases.consult(
        clerk,
        made["consulting"].pk,
        today() - timedelta(days=25),
        "third_party",
        "某公司",
        issue_documents=False,
    )
    cases.reply(
        clerk, made["replied"].pk, today() - timedelta(days=2), "granted", "36-2", issue_documents=False
    )
    return made


def test_sort_key_is_rewritten_with_each_event_and_equals_a_fresh_derivation(region):
    made = build(region)
    for name, case in made.items():
        assert stored_key(case.pk) == fresh_key(case.pk), name
    running_due, running_left = stored_key(made["running"].pk)
    clock = case_clock(made["running"], made["running"].events.all(), today()).clock
    assert (running_due, running_left) == (clock.due, None)
    due, left = stored_key(made["consulting"].pk)  # clock stopped: its working days left are kept
    consulting = Application.objects.get(pk=made["consulting"].pk)
    assert left == case_clock(consulting, consulting.events.all(), today()).clock.left
    assert left is not None and 0 < left < 20
    assert stored_key(made["replied"].pk) == (None, None)
    assert stored_key(made["pending"].pk) == (None, None)
    # Ending the consultation restarts the clock: the key becomes a fixed due date.
    cases.end_consultation(region.perms("clerk"), consulting.pk, today(), answered=True)
    assert stored_key(consulting.pk) == fresh_key(consulting.pk)
    assert stored_key(consulting.pk)[1] is None
    assert refresh_urgency([c.pk for c in made.values()]) == 0  # nothing was stale


def test_queue_order_is_the_clocks_urgency_and_pages_compute_the_same_clocks(region):
    made = build(region)
    perms = region.perms("clerk")
    rows = selectors.queue(perms, region.own, today())
    names = {case.pk: name for name, case in made.items()}
    order = [names[case.pk] for case, _ in rows]
    assert order[0] == "overdue" and order[-1] == "pending"
    assert sorted(order) == ["consulting", "older", "overdue", "pending", "running"]
    assert order.index("older") < order.index("running")
    assert rows[0][1].overdue and rows[0][1].days_late > 0
    lefts = [clock.clock.left for _, clock in rows[1:4]]
    assert lefts == sorted(lefts)
    urgencies = [(*clock.urgency(), case.submitted_at) for case, clock in rows]
    assert urgencies == sorted(urgencies)
    for case, clock in rows:  # what the queue shows is the clock of the case's events
        full = Application.objects.get(pk=case.pk)
        assert clock.due == case_clock(full, full.events.all(), today()).due
    lazy = selectors.queue_cases(perms, region.own, today())
    assert len(lazy) == 5
    assert [c.pk for c, _ in lazy[2:4]] == [c.pk for c, _ in rows[2:4]]
    assert lazy[-1][0].pk == made["pending"].pk


def test_queue_page_is_paged(client, region, monkeypatch):
    from gongkai.applications.views import staff

    monkeypatch.setattr(staff, "QUEUE_PAGE_SIZE", 2)
    made = build(region)
    client.force_login(region.users["clerk"])
    url = f"/workspace/o/{region.own.slug}/applications/"
    first = client.get(url).content.decode()
    assert "共 5 件" in first and "第 1 页，共 3 页" in first and "本页为第 1–2 件" in first
    assert made["overdue"].number in first and made["pending"].number not in first
    last = client.get(url, {"page": "3"}).content.decode()
    assert made["pending"].number in last and made["overdue"].number not in last
    assert "上一页" in last and "下一页" not in last
    assert "第 3 页" in client.get(url, {"page": "99"}).content.decode()


def test_api_list_by_organ_pages_the_same_queue(client, region):
    made = build(region)
    client.force_login(region.users["clerk"])
    rows = selectors.queue(region.perms("clerk"), region.own, today())
    url = "/api/v1/applications/"
    pages = [client.get(url, {"organ": region.own.slug, "page": n, "page_size": 2}).json() for n in (1, 2, 3)]
    assert [page["count"] for page in pages] == [5, 5, 5]
    listed = [item for page in pages for item in page["items"]]
    assert [item["id"] for item in listed] == [case.pk for case, _ in rows]
    for item, (_, clock) in zip(listed, rows, strict=True):
        assert item["due"] == (clock.due.isoformat() if clock.due else None)
        assert item["working_days_left"] == (clock.clock.left if clock.clock else None)
    assert listed[-1]["id"] == made["pending"].pk and listed[-1]["due"] is None


def test_refresh_command_rederives_a_stale_key(region):
    from io import StringIO

    from django.core.management import call_command

    made = build(region)
    stale = made["running"]
    right = stored_key(stale.pk)
    Application.objects.filter(pk=stale.pk).update(clock_due=None, clock_stopped_left=7)
    out = StringIO()
    call_command("refresh_urgency", stdout=out)
    assert stored_key(stale.pk) == right
    assert "其中 1 件有变化" in out.getvalue()
