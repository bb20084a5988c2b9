"""What every casework service shares: the refusal type, the locked fetch, the event and the audit record."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.applications import clock, transitions
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.permissions import CaseAction, require
from gongkai.applications.verbs import VERBS
from gongkai.audit.services import record
from gongkai.core.actors import require_actor

AUDIT_PREFIX = "application."


class Refused(Exception):
    """An action refused because of the case's state (or a concurrent change); the message says why."""


def today() -> date:
    return timezone.localdate()


def locked_case(perms, case_id: int, action: CaseAction, expected_version: int | None = None):
    """The case, row-locked for this transaction, after the permission and version checks."""
    require_actor(perms)
    case = Application.objects.select_for_update().select_related("organ").filter(pk=case_id).first()
    if case is None:
        from django.http import Http404

        raise Http404("未找到该申请")
    require(perms, action, case.organ)
    if expected_version is not None and expected_version != case.version:
        raise Refused("该申请已被他人更新，请刷新页面查看最新情况后再操作")
    return case


def move(case: Application, action: transitions.Action) -> str:
    """Check the transition; returns the new status (not yet saved)."""
    try:
        return transitions.check(case.status, action)
    except transitions.TransitionError as exc:
        raise Refused(str(exc)) from exc


def check_date(case: Application, on: date, field: str = "on", label: str = "日期") -> date:
    if not isinstance(on, date):
        raise ValidationError({field: f"{label}：不是有效日期"})
    if on > today():
        raise ValidationError({field: f"{label}：不能晚于今天"})
    if case.received_on and on < case.received_on:
        raise ValidationError({field: f"{label}：不能早于收到申请之日（{case.received_on:%Y-%m-%d}）"})
    last = case.events.exclude(kind="document_issued").order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise ValidationError({field: f"{label}：不能早于上一条办理记录的日期（{last:%Y-%m-%d}）"})
    return on


def append(
    case: Application, kind: str, on: date, actor, *, days=None, data=None, note=""
) -> ApplicationEvent:
    """Append a case event and, in the same transaction, rewrite the queue's derived sort key."""
    event = ApplicationEvent.objects.create(
        application=case,
        kind=kind,
        on=on,
        days=days,
        data=data or {},
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=_actor_name(actor),
    )
    if kind in clock.CLOCK_EVENT_KINDS:
        events = ApplicationEvent.objects.filter(application_id=case.pk).order_by("on", "id")
        case.clock_due, case.clock_stopped_left = clock.urgency_key(events, today())
        Application.objects.filter(pk=case.pk).update(
            clock_due=case.clock_due, clock_stopped_left=case.clock_stopped_left
        )
    return event


def refresh_urgency(case_ids, as_of: date | None = None) -> int:
    """Recompute `clock_due` / `clock_stopped_left` of these cases from their events; returns how many
    changed. Used by `append`, by the migration that added the columns and by bulk loaders."""
    from gongkai.applications.selectors import events_by_case

    as_of = as_of or today()
    changed = 0
    ids = list(case_ids)
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        events = events_by_case(chunk)
        current = Application.objects.filter(pk__in=chunk).values_list(
            "pk", "clock_due", "clock_stopped_left"
        )
        for pk, due, left in current:
            key = clock.urgency_key(events.get(pk, ()), as_of)
            if key != (due, left):
                Application.objects.filter(pk=pk).update(clock_due=key[0], clock_stopped_left=key[1])
                changed += 1
    return changed


def _actor_name(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "申请人或系统"
    full = f"{actor.last_name}{actor.first_name}".strip()
    return full or actor.get_username()


def save(case: Application, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def audit(verb: str, case: Application, actor, changes: dict | None = None) -> None:
    """One audit event per action; never with personal data (only status, dates and outcome keys)."""
    code = AUDIT_PREFIX + str(verb)
    if code not in VERBS:
        raise KeyError(f"unregistered audit verb {code}")
    record(code, actor=actor, organ=case.organ, obj=case, changes=changes or {})
