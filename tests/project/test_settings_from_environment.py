"""Settings come from the environment; production settings pass `check --deploy` with no warning."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from tests.support.gongkai_cli import PRODUCTION, run_gongkai


def test_check_deploy_has_no_warning_with_production_settings(tmp_path):
    result = run_gongkai(["manage", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_without_production_switch(tmp_path):
    """The same check on development settings does warn (so the test above is not vacuous)."""
    result = run_gongkai(["manage", "check", "--deploy", "--fail-level", "WARNING"], {}, tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "GONGKAI_SECRET_KEY"}
    result = run_gongkai(["manage", "check"], env, tmp_path)
    assert result.returncode == 2
    assert "GONGKAI_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "GONGKAI_ALLOWED_HOSTS"}
    result = run_gongkai(["manage", "check"], env, tmp_path)
    assert result.returncode == 2
    assert "GONGKAI_ALLOWED_HOSTS" in result.stderr


PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
    " 'host': s.DATABASES['default'].get('HOST', ''), 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS,"
    " 'ssl': getattr(s, 'SECURE_SSL_REDIRECT', False), 'hsts': s.SECURE_HSTS_SECONDS}))"
)


def settings_in_subprocess(env_extra: dict[str, str], tmp_path) -> dict:
    import json

    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    env |= {
        "GONGKAI_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    } | env_extra
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_file_lives_in_the_data_dir_by_default(tmp_path):
    values = settings_in_subprocess({}, tmp_path)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "data" / "gongkai.sqlite3")
    assert values["debug"] is False
    assert values["ssl"] is False


def test_database_url_selects_postgresql(tmp_path):
    values = settings_in_subprocess({"DATABASE_URL": "postgres://gk:pw@db.internal:5433/gongkai"}, tmp_path)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "gongkai"
    assert values["host"] == "db.internal"


def test_production_switches_on_https_and_hsts(tmp_path):
    values = settings_in_subprocess(PRODUCTION | {"GONGKAI_DEBUG": "1"}, tmp_path)
    assert values["debug"] is False  # GONGKAI_DEBUG cannot switch debug on in production
    assert values["ssl"] is True
    assert values["hsts"] >= 31536000
    assert values["hosts"] == ["gongkai.example.gov.cn"]


def test_passwords_are_hashed_with_argon2(db):
    user = get_user_model().objects.create_user("hash-check", password="Long-enough-pass-1")
    assert user.password.startswith("argon2$")
    assert user.check_password("Long-enough-pass-1")


def test_locale_time_zone_and_session_timeout():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
