"""The USER ORGAN ROLE arguments shared by `grant_role` and `revoke_role`, resolved to model objects.

Kept outside ``commands/`` because Django treats every module there as a command.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.organs.models import Organ, Role


def lookup(username: str, organ_slug: str):
    try:
        user = get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"用户不存在：{username}") from None
    try:
        organ = Organ.objects.get(slug=organ_slug)
    except Organ.DoesNotExist:
        raise CommandError(f"机关不存在（网址标识）：{organ_slug}") from None
    return user, organ


def parse_role(value: str) -> Role:
    for role in Role:
        if value in {role.value, role.label}:
            return role
    names = "、".join(f"{r.value}（{r.label}）" for r in Role)
    raise CommandError(f"角色不存在：{value}；可选：{names}")


class RoleCommand(BaseCommand):
    """A command taking USER ORGAN ROLE; a bad value of any of them is a CommandError naming it."""

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("organ", help="机关网址标识（slug）")
        parser.add_argument("role", help="角色：clerk、reviewer、head、supervisor 或其中文名")

    def resolve(self, username: str, organ_slug: str, role: str):
        """(user, organ, role) for the command's three arguments; the user and organ are checked first."""
        user, organ = lookup(username, organ_slug)
        return user, organ, parse_role(role)
