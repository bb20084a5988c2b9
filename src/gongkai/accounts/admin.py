"""User accounts in the admin, audited: creating a user, changing who is active, staff or superuser,
and setting a password all append an audit event (the password itself never appears in it).
Users cannot be deleted here: deleting one would cascade to their role grants without any audit
event, so an account is deactivated instead (as organs are)."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.accounts.models import ApiToken, User
from gongkai.accounts.services import revoke_token
from gongkai.accounts.verbs import AccountVerb
from gongkai.audit.services import record

AUDITED_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "last_login",
)
# Many-to-many fields, saved by the admin after the user itself (save_related): audited there.
AUDITED_RELATIONS = ("groups", "user_permissions")
HIDDEN = "（已隐藏）"


def _plain(value):
    """Dates and times as ISO text for the audit event's JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _same(old, new) -> bool:
    """Equal, with times compared to the second: the admin's date and time inputs drop microseconds, so
    saving a form unchanged must not read as a change of date_joined or last_login."""
    if hasattr(old, "replace") and hasattr(new, "replace") and hasattr(old, "microsecond"):
        return old.replace(microsecond=0) == new.replace(microsecond=0)
    return old == new


def user_changes(before, after) -> dict[str, list]:
    changes = {
        name: [_plain(getattr(before, name)) if before else None, _plain(getattr(after, name))]
        for name in AUDITED_FIELDS
        if before is None or not _same(getattr(before, name), getattr(after, name))
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
            action = AccountVerb.USER_UPDATED if change else AccountVerb.USER_CREATED
            record(action, actor=request.user, obj=obj, changes=changes)

    def save_related(self, request, form, formsets, change):
        """Group membership and model permissions: compared before and after the admin saves them."""
        user = form.instance
        before = related_names(user) if change else {name: [] for name in AUDITED_RELATIONS}
        super().save_related(request, form, formsets, change)
        after = related_names(user)
        changes = {
            name: [before[name], after[name]] for name in AUDITED_RELATIONS if before[name] != after[name]
        }
        if changes:
            record(AccountVerb.USER_UPDATED, actor=request.user, obj=user, changes=changes)

    def user_change_password(self, request, id, form_url=""):
        before = get_user_model().objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        user = get_user_model().objects.filter(pk=id).first()
        if request.method == "POST" and user is not None and user.password != before:
            record(
                AccountVerb.PASSWORD_CHANGED,
                actor=request.user,
                obj=user,
                changes={"password": [HIDDEN, HIDDEN]},
            )
        return response


def related_names(obj, relations=AUDITED_RELATIONS) -> dict[str, list[str]]:
    """The sorted names of ``obj``'s groups and permissions (``app.codename`` for a permission)."""
    out = {}
    for name in relations:
        items = getattr(obj, name).all()
        if name.endswith("permissions"):
            out[name] = sorted(
                f"{p.content_type.app_label}.{p.codename}" for p in items.select_related("content_type")
            )
        else:
            out[name] = sorted(str(item) for item in items)
    return out


admin.site.register(User, AuditedUserAdmin)


class AuditedGroupAdmin(GroupAdmin):
    """Groups grant nothing in this platform (roles do), but a change to one is a change to who may do what
    in the admin, so creating, changing and deleting one is audited like any other admin change."""

    def save_model(self, request, obj, form, change):
        obj._audit_old_name = Group.objects.filter(pk=obj.pk).values_list("name", flat=True).first()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        group = form.instance
        before = related_names(group, ("permissions",)) if change else {"permissions": []}
        old_name = getattr(group, "_audit_old_name", None) if change else None
        super().save_related(request, form, formsets, change)
        changes = {}
        if old_name != group.name:
            changes["name"] = [old_name, group.name]
        after = related_names(group, ("permissions",))
        if before != after:
            changes["permissions"] = [before["permissions"], after["permissions"]]
        if changes:
            verb = AccountVerb.GROUP_UPDATED if change else AccountVerb.GROUP_CREATED
            record(verb, actor=request.user, obj=group, changes=changes)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(AccountVerb.GROUP_DELETED, actor=request.user, obj=obj, changes={"name": [obj.name, None]})
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for group in queryset:
                record(
                    AccountVerb.GROUP_DELETED,
                    actor=request.user,
                    obj=group,
                    changes={"name": [group.name, None]},
                )
            super().delete_queryset(request, queryset)


admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)


class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    """Deleting a failed-sign-in record lifts a lockout: a security decision, so each one is audited
    (security review M3)."""

    def _record_unlock(self, request, attempt) -> None:
        record(
            AccountVerb.UNLOCKED,
            actor=request.user,
            obj=attempt,
            username=attempt.username or "",
            changes={"username": [attempt.username, None], "failures": [attempt.failures_since_start, 0]},
        )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_unlock(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for attempt in queryset:
                self._record_unlock(request, attempt)
            super().delete_queryset(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AuditedAccessAttemptAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `gongkai manage api_token issue`; here they are listed and revoked."""

    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    exclude = ("digest",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        from gongkai.organs.scope import for_request

        for token in queryset.select_related("user"):
            revoke_token(for_request(request), token)
