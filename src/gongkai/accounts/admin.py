"""User accounts in the admin, audited: creating a user, changing who is active, staff or superuser,
and setting a password all append an audit event (the password itself never appears in it).
Users cannot be deleted here: deleting one would cascade to their role grants without any audit
event, so an account is deactivated instead (as organs are)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from gongkai.accounts.models import ApiToken, User
from gongkai.accounts.services import revoke_token
from gongkai.accounts.verbs import AccountVerb
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
            action = AccountVerb.USER_UPDATED if change else AccountVerb.USER_CREATED
            record(action, actor=request.user, obj=obj, changes=changes)

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


admin.site.register(User, AuditedUserAdmin)


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
