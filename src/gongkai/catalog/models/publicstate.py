"""The public catalogue's generation: one row whose token changes whenever anything the public pages show
changes (publication, 撤回, a correction's new version, columns, the guide, the register, organ names).

The services replace the token in the same transaction as the change, so a reader that sees the new content's
rows also sees the new token. The public page cache (`gongkai.catalog.pagecache`) puts the token in every key:
a page cached by any process under the old token is never served again once the change commits.

The token is random rather than a counter, so a rolled-back change or a restored database can never bring
back a token under which other content was cached. The row is created on first use.
"""

from __future__ import annotations

from django.db import models


class PublicGeneration(models.Model):
    key = models.CharField(primary_key=True, max_length=20)  # "catalog": the whole region's public catalogue
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"公开目录版本 {self.key}: {self.token}"
