"""Organs and role grants in the admin (system administrators only). Saves go through the services so
the admin leaves the same audit trail as the workspace."""

from django.contrib import admin

from gongkai.organs import permissions, services
from gongkai.organs.models import Organ, RoleGrant
from gongkai.organs.scope import for_request


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "organ"
    extra = 0
    fields = ("user", "role", "granted_by", "granted_at")
    readonly_fields = ("user", "role", "granted_by", "granted_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organ)
class OrganAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "credit_code", "is_supervising", "sort_order")
    list_filter = ("kind", "is_supervising")
    search_fields = ("name", "short_name", "credit_code")
    inlines = [RoleGrantInline]

    def get_queryset(self, request):
        return permissions.organs_for(for_request(request))

    def has_delete_permission(self, request, obj=None):
        return False  # organs carry audit history; deactivate instead of deleting

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        if change:
            services.update_organ(for_request(request), obj, **fields)
        else:
            values = {
                n: form.cleaned_data[n] for n in services.ADMIN_EDITABLE_FIELDS if n in form.cleaned_data
            }
            created = services.create_organ(for_request(request), **values)
            obj.pk = created.pk
            obj.refresh_from_db()


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "organ", "role", "granted_by", "granted_at")
    list_select_related = ("user", "organ", "granted_by")
    list_filter = ("role", "organ")
    search_fields = ("user__username", "organ__name")
    readonly_fields = ("granted_by", "granted_at")

    def has_change_permission(self, request, obj=None):
        # A grant is never edited: revoke it and grant another, so each step is audited.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Never a change: has_change_permission refuses every existing grant.
        grant = services.grant_role(for_request(request), obj.user, obj.organ, obj.role)
        obj.pk = grant.pk

    def delete_model(self, request, obj):
        services.revoke_role(for_request(request), obj)

    def delete_queryset(self, request, queryset):
        for grant in queryset:
            services.revoke_role(for_request(request), grant)
