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
    record(AuthVerb.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


@receiver(user_locked_out, dispatch_uid="gongkai.audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(AuthVerb.LOCKED_OUT, request=request, username=str(username or ""))
