"""`migrate`, first adopting a database created with Django's built-in user (see accounts.adoption)."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from gongkai.accounts.adoption import adopt_legacy_auth_user


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if adopt_legacy_auth_user(connections[options["database"]]) and options["verbosity"] >= 1:
            self.stdout.write("已将原有用户表接入 accounts.User（auth_user 表保持不变）")
        return super().handle(*args, **options)
