"""`gongkai manage revoke_role USER ORGAN ROLE`: revoke a role from the command line (audited)."""

from django.core.management.base import CommandError

from gongkai.core.actors import SYSTEM
from gongkai.organs import services
from gongkai.organs.management.roleargs import RoleCommand
from gongkai.organs.models import RoleGrant


class Command(RoleCommand):
    help = "撤销用户在机关中的角色（记入审计日志）"

    def handle(self, username, organ, role, **options):
        user, organ_obj, role_obj = self.resolve(username, organ, role)
        grant = RoleGrant.objects.filter(user=user, organ=organ_obj, role=role_obj).first()
        if grant is None:
            raise CommandError(f"{username} 在 {organ_obj.name} 没有该角色")
        services.revoke_role(SYSTEM, grant)
        self.stdout.write(f"已撤销：{grant}")
