"""Nothing lives in one process: sessions, cache, lockouts and tasks are in the database (docs/deploy.md)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from tests.support.processes import gongkai_env, run_gongkai


def test_settings_share_everything_through_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


@pytest.mark.django_db
def test_the_cache_is_a_table_that_migrate_created():
    assert "gongkai_cache" in connection.introspection.table_names()
    cache.set("shared", {"seen": 1}, 60)
    with connection.cursor() as cursor:  # the value is a row, so any other server reads it
        cursor.execute("SELECT COUNT(*) FROM gongkai_cache")
        assert cursor.fetchone()[0] == 1
    assert caches["default"].get("shared") == {"seen": 1}


def test_static_and_media_roots_come_from_the_environment(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([str(s.STATIC_ROOT), str(s.MEDIA_ROOT)]))"
    )
    env = gongkai_env(tmp_path / "data")
    default = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(default.stdout) == [str(tmp_path / "data" / "static"), str(tmp_path / "data" / "media")]
    env |= {"GONGKAI_STATIC_ROOT": str(tmp_path / "local"), "GONGKAI_MEDIA_ROOT": str(tmp_path / "shared")}
    chosen = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(chosen.stdout) == [str(tmp_path / "local"), str(tmp_path / "shared")]


def test_migrate_creates_the_cache_table_in_a_new_database(tmp_path):
    env = gongkai_env(tmp_path / "data")
    assert run_gongkai(["manage", "migrate", "--noinput", "--verbosity", "0"], env).returncode == 0
    tables = {
        row[0]
        for row in sqlite3.connect(tmp_path / "data" / "gongkai.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    assert {
        "gongkai_cache",
        "django_session",
        "axes_accessattempt",
        "django_tasks_database_dbtaskresult",
    } <= tables
