"""Background work of the casework, through the Django tasks framework (django-tasks backport).

`send_digest` e-mails one clerk the cases due soon or overdue; the `send_due_digest` management command
(run each morning by cron or a systemd timer) enqueues one task per clerk. With the database backend the
worker runs them; with the immediate backend (tests, and until a worker is configured) they run at once.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django_tasks import task

from gongkai.applications import selectors
from gongkai.organs.models import Organ, Role, RoleGrant


def digest_text(user, as_of: date) -> tuple[str, int]:
    """The digest for one clerk or head: every organ they handle cases in, its due-soon and overdue cases.
    Numbers, status and dates only: no personal data in e-mail."""
    lines, count = [], 0
    organ_ids = RoleGrant.objects.filter(user=user, role__in=[Role.CLERK, Role.HEAD]).values_list(
        "organ_id", flat=True
    )
    for organ in Organ.objects.filter(pk__in=organ_ids).order_by("sort_order", "name"):
        rows = [
            (c, k)
            for c, k in selectors.due_digest(organ, as_of)
            if c.clerk_id in (None, user.pk) or _is_head(user, organ)
        ]
        if not rows:
            continue
        lines.append(f"【{organ.name}】")
        for case, clock in rows:
            state = f"已逾期{clock.days_late}个工作日" if clock.overdue else f"剩余{clock.clock.left}个工作日"
            flag = "（暂定）" if clock.provisional else ""
            lines.append(
                f"  {case.number}  {case.get_status_display()}  答复截止日{clock.due:%Y-%m-%d}{flag}  {state}"
            )
            count += 1
    return "\n".join(lines), count


def _is_head(user, organ) -> bool:
    return RoleGrant.objects.filter(user=user, organ=organ, role=Role.HEAD).exists()


@task()
def send_digest(user_id: int, as_of: str) -> int:
    user = get_user_model().objects.get(pk=user_id)
    day = date.fromisoformat(as_of)
    text, count = digest_text(user, day)
    if not count or not user.email:
        return 0
    send_mail(
        subject=f"依申请公开待办提醒（{day:%Y-%m-%d}）：{count}件即将到期或已逾期",
        message=f"{user.last_name}{user.first_name}：\n\n以下申请即将到期或已逾期：\n\n{text}\n",
        from_email=None,
        recipient_list=[user.email],
    )
    return count
