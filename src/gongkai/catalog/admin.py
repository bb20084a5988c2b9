"""Read-only admin views of the catalogue: every change goes through the services (and the audit trail)."""

from django.contrib import admin

from gongkai.catalog.models import CatalogColumn, Entry, EntryVersion, NormativeDocument, ReviewStep


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Entry)
class EntryAdmin(ReadOnly):
    list_display = ("index_number", "organ", "column", "status", "first_published_at")
    list_filter = ("status",)
    list_select_related = ("organ", "column", "published_version")
    search_fields = ("index_number",)


@admin.register(EntryVersion)
class VersionAdmin(ReadOnly):
    list_display = ("title", "entry", "number", "state", "generated_on")
    list_select_related = ("entry",)


@admin.register(ReviewStep)
class StepAdmin(ReadOnly):
    list_display = ("version", "kind", "level_label", "actor_name", "at")
    list_select_related = ("version",)


@admin.register(CatalogColumn)
class ColumnAdmin(ReadOnly):
    list_display = ("title", "key", "organ", "kind", "sort_order", "is_active")
    list_select_related = ("organ",)


@admin.register(NormativeDocument)
class NormativeAdmin(ReadOnly):
    list_display = ("title", "doc_number", "organ", "kind", "issued_on", "ended_on", "ended_by")
    list_select_related = ("organ",)
