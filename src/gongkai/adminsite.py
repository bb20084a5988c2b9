"""The Django admin is for system administrators (superusers) only.

Staff work in /workspace/; `is_staff` alone must not open the admin, so `has_permission` asks for
`is_superuser` instead of Django's default `is_staff`.
"""

from django.contrib import admin


class GongkaiAdminSite(admin.AdminSite):
    site_header = "公开 · 系统管理"
    site_title = "公开 系统管理"
    index_title = "系统管理（仅限系统管理员）"

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)
