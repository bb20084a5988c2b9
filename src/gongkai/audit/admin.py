"""Audit events in the admin: readable and searchable, never added, changed or deleted."""

from django.contrib import admin

from gongkai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_username", "ip_address", "action", "organ", "object_repr")
    list_select_related = ("organ",)
    list_filter = ("action", "organ")
    search_fields = ("actor_username", "object_repr", "object_id")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
