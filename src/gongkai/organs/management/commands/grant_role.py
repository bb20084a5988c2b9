"""`gongkai manage grant_role USER ORGAN ROLE`: grant a role from the command line (audited, actor 系统)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.organs import services
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


class Command(BaseCommand):
    help = "在机关中授予用户角色（记入审计日志）"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("organ", help="机关网址标识（slug）")
        parser.add_argument("role", help="角色：clerk、reviewer、head、supervisor 或其中文名")

    def handle(self, username, organ, role, **options):
        user, organ_obj = lookup(username, organ)
        try:
            grant = services.grant_role(None, user, organ_obj, parse_role(role))
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已授予：{grant}")
