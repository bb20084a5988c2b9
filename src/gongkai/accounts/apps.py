from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "用户"
    # auth_user's id is an int (AutoField): the adopted table keeps it, so foreign keys keep their type.
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from gongkai.accounts.verbs import VERBS
        from gongkai.core import registry

        registry.register_audit_verbs(VERBS)
