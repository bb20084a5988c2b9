"""Project-level app configuration: the Django admin site restricted to system administrators."""

from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.adminsite.GongkaiAdminSite"
