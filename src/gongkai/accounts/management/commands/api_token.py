"""`gongkai manage api_token issue USER NAME | revoke PREFIX | list [USER]`: API tokens for scripts."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts.models import ApiToken, User
from gongkai.accounts.services import issue_token, revoke_token
from gongkai.core.actors import SYSTEM


class Command(BaseCommand):
    help = "签发、吊销或列出接口令牌"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        issue = sub.add_parser("issue", help="为用户签发令牌（令牌只显示这一次）")
        issue.add_argument("username")
        issue.add_argument("name", help="用途")
        revoke = sub.add_parser("revoke", help="按令牌前缀吊销")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list", help="列出令牌")
        listing.add_argument("username", nargs="?")

    def handle(self, *args, op, **options):
        if op == "issue":
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"用户不存在：{options['username']}")
            try:
                _token, secret = issue_token(SYSTEM, user=user, name=options["name"])
            except ValidationError as exc:
                raise CommandError("；".join(m for ms in exc.message_dict.values() for m in ms)) from exc
            self.stdout.write(secret)
        elif op == "revoke":
            tokens = list(ApiToken.objects.filter(prefix=options["prefix"]))
            if len(tokens) != 1:
                raise CommandError(f"令牌前缀不存在或不唯一：{options['prefix']}")
            revoke_token(SYSTEM, tokens[0])
            self.stdout.write(f"已吊销：{tokens[0]}")
        else:
            tokens = ApiToken.objects.select_related("user")
            if options.get("username"):
                tokens = tokens.filter(user__username=options["username"])
            for token in tokens:
                state = "已吊销" if token.revoked_at else "有效"
                self.stdout.write(f"{token.prefix}  {token.user.get_username():<12} {token.name}  {state}")
