"""The audit app's own verbs (sign-in and lockout), with their Chinese labels; other apps declare theirs."""

from enum import StrEnum


class AuthVerb(StrEnum):
    LOGIN = "auth.login"
    LOGOUT = "auth.logout"
    LOGIN_FAILED = "auth.login_failed"
    LOCKED_OUT = "auth.locked_out"


VERBS = {
    AuthVerb.LOGIN: "登录",
    AuthVerb.LOGOUT: "退出登录",
    AuthVerb.LOGIN_FAILED: "登录失败",
    AuthVerb.LOCKED_OUT: "账户锁定",
}
