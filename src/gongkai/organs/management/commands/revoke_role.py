"""`gongkai manage revoke_role USER ORGAN ROLE`: revoke a role from the command line (audited)."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.organs import services
from gongkai.organs.management.commands.grant_role import lookup, parse_role
from gongkai.organs.models import RoleGrant


class Command(BaseCommand):
    help = "撤销用户在机关中的角色（记入审计日志）"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("organ", help="机关网址标识（slug）")
        parser.add_argument("role", help="角色：clerk、reviewer、head、supervisor 或其中文名")

    def handle(self, username, organ, role, **options):
        user, organ_obj = lookup(username, organ)
        grant = RoleGrant.objects.filter(user=user, organ=organ_obj, role=parse_role(role)).first()
        if grant is None:
            raise CommandError(f"{username} 在 {organ_obj.name} 没有该角色")
        services.revoke_role(None, grant)
        self.stdout.write(f"已撤销：{grant}")
