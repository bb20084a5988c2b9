"""User accounts in the admin, audited: creating a user, changing who is active, staff or superuser,
and setting a password all append an audit event (the password itself never appears in it).
Users cannot be deleted here: deleting one would cascade to their role grants without any audit
event, so an account is deactivated instead (as organs are)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from gongkai.audit.models import AuditAction
from gongkai.audit.services import record

AUDITED_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
HIDDEN = "（已隐藏）"


def user_changes(before, after) -> dict[str, list]:
    changes = {
        name: [getattr(before, name) if before else None, getattr(after, name)]
        for name in AUDITED_FIELDS
        if before is None or getattr(before, name) != getattr(after, name)
    }
    if before is not None and before.password != after.password:
        changes["password"] = [HIDDEN, HIDDEN]
    return changes


class AuditedUserAdmin(UserAdmin):
    def has_delete_permission(self, request, obj=None):
        """Deactivate instead: a delete would silently cascade to the user's role grants."""
        return False

    def save_model(self, request, obj, form, change):
        before = get_user_model().objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        changes = user_changes(before, obj)
        if changes:
            action = AuditAction.USER_UPDATED if change else AuditAction.USER_CREATED
            record(action, actor=request.user, request=request, obj=obj, changes=changes)

    def user_change_password(self, request, id, form_url=""):
        before = get_user_model().objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        user = get_user_model().objects.filter(pk=id).first()
        if request.method == "POST" and user is not None and user.password != before:
            record(
                AuditAction.PASSWORD_CHANGED,
                actor=request.user,
                request=request,
                obj=user,
                changes={"password": [HIDDEN, HIDDEN]},
            )
        return response


def register(site: admin.AdminSite) -> None:
    model = get_user_model()
    if site.is_registered(model):
        site.unregister(model)
    site.register(model, AuditedUserAdmin)
