"""Audit verbs of the accounts app, with their Chinese labels (registered in `AccountsConfig.ready`)."""

from enum import StrEnum


class AccountVerb(StrEnum):
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    PASSWORD_CHANGED = "user.password_changed"
    TOKEN_ISSUED = "token.issued"
    TOKEN_REVOKED = "token.revoked"


VERBS = {
    AccountVerb.USER_CREATED: "新建用户",
    AccountVerb.USER_UPDATED: "修改用户",
    AccountVerb.PASSWORD_CHANGED: "修改密码",
    AccountVerb.TOKEN_ISSUED: "签发接口令牌",
    AccountVerb.TOKEN_REVOKED: "吊销接口令牌",
}
