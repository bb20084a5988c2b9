"""django-axes with Chinese names and local times in the admin.

axes ships no zh-hans translation and its models' `__str__` print raw UTC datetimes, so the admin showed
English headings and UTC times next to our Asia/Shanghai ones. This AppConfig (used instead of "axes" in
INSTALLED_APPS) renames the models and replaces their `__str__` once, at start-up.
"""

from __future__ import annotations

from axes.apps import AppConfig
from django.utils import timezone

# model name → (verbose_name, verbose_name_plural, description used by __str__)
NAMES = {
    "AccessAttempt": ("登录失败记录", "登录失败记录", "登录失败记录"),
    "AccessFailureLog": ("登录失败日志", "登录失败日志", "登录失败日志"),
    "AccessLog": ("登录记录", "登录记录", "登录记录"),
    "AccessAttemptExpiration": ("失败记录到期时间", "失败记录到期时间", None),
}


def _local(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}" if value else "-"


def _make_str(description: str):
    def __str__(self) -> str:
        return f"{self.username or '-'} 于 {_local(self.attempt_time)} 的{description}"

    return __str__


class AxesConfig(AppConfig):
    verbose_name = "登录安全（锁定）"

    def ready(self) -> None:
        super().ready()
        for model in self.get_models():
            names = NAMES.get(model.__name__)
            if names is None:
                continue
            model._meta.verbose_name, model._meta.verbose_name_plural, description = names
            if description and hasattr(model, "attempt_time"):
                model.__str__ = _make_str(description)
