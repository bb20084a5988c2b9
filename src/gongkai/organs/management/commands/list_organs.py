"""`gongkai manage list_organs [--user NAME]`: the organs, or those a user may see, with their permissions.

Uses the same permission module as the web pages, so an operator can check what a user can reach.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.organs import permissions
from gongkai.organs.models import Organ
from gongkai.organs.scope import Permissions


class Command(BaseCommand):
    help = "列出机关；指定 --user 时只列出该用户可见的机关及其权限"

    def add_arguments(self, parser):
        parser.add_argument("--user", help="按该用户的权限列出")

    def handle(self, user=None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"用户不存在：{user}")
        perms = Permissions(account) if account else None
        organs = permissions.organs_for(perms) if account else Organ.objects.all()
        for organ in organs.order_by("sort_order", "name"):
            line = f"{organ.slug:<24} {organ.name}"
            if account:
                actions = ",".join(sorted(str(a) for a in permissions.allowed_actions(perms, organ)))
                line += f"  [{actions}]"
            self.stdout.write(line)
