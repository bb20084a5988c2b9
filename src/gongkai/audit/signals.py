"""Sign-in, sign-out, failed sign-in and lockout go into the audit trail."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.audit.services import record
from gongkai.audit.verbs import AuthVerb


@receiver(user_logged_in, dispatch_uid="gongkai.audit.login")
def _logged_in(sender, request, user, **kwargs):
    record(AuthVerb.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="gongkai.audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuthVerb.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="gongkai.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    if not _is_account(username) and not _unknown_name_failures_allowed():
        return  # anonymous traffic cannot grow the audit trail without limit (security review L8)
    record(AuthVerb.LOGIN_FAILED, request=request, username=username)


def _is_account(username: str) -> bool:
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).exists()


def _unknown_name_failures_allowed() -> bool:
    """Below the hourly cap of audit events for failed sign-ins under names that are no account. Past
    it, one event says the cap was reached (with its count), and the rest are left out until the hour
    has passed; axes still counts every failure for the lockout and throttling."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from gongkai.audit.models import AuditEvent

    cap = getattr(settings, "GONGKAI_AUDIT_UNKNOWN_NAME_FAILURES_PER_HOUR", 100)
    recent = AuditEvent.objects.filter(
        action=AuthVerb.LOGIN_FAILED, actor=None, created_at__gte=timezone.now() - timedelta(hours=1)
    )
    count = recent.count()
    if count < cap:
        return True
    if count == cap:  # the note, once per hour
        record(
            AuthVerb.LOGIN_FAILED,
            username=f"（已达每小时{cap}条上限，其余未知用户名的失败登录不再逐条记录）",
        )
    return False


@receiver(user_locked_out, dispatch_uid="gongkai.audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(AuthVerb.LOCKED_OUT, request=request, username=str(username or ""))
