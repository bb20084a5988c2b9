"""Private file storage: attachments and issued documents. Never under a public URL; served by views that
check permission (`views.staff.attachment`, `views.public.document`)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self):
        location = getattr(settings, "GONGKAI_PRIVATE_DIR", None) or (settings.DATA_DIR / "private")
        self._wrapped = FileSystemStorage(location=location, base_url=None)


private_storage = _PrivateStorage()


def get_private_storage():
    """The storage for file fields (a callable, so migrations name it rather than a machine's path)."""
    return private_storage
