"""`gongkai manage grant_role USER ORGAN ROLE`: grant a role from the command line (audited, actor 系统)."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from gongkai.core.actors import SYSTEM
from gongkai.organs import services
from gongkai.organs.management.roleargs import RoleCommand


class Command(RoleCommand):
    help = "在机关中授予用户角色（记入审计日志）"

    def handle(self, username, organ, role, **options):
        user, organ_obj, role_obj = self.resolve(username, organ, role)
        try:
            grant = services.grant_role(SYSTEM, user, organ_obj, role_obj)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已授予：{grant}")
