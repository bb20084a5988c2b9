"""Crash safety (issue 8, item 11): the server process killed with SIGKILL in the middle of a write
through a service leaves no half record, and the audit trail still matches the data.

The scenario runs on its own database, so that another process can see it: a SQLite file in tmp_path, or,
when DATABASE_URL names PostgreSQL (the CI run), a scratch database on that server. gunicorn serves the
platform as `gongkai serve --prod` does; a gunicorn config hook (test code, loaded with -c) makes the
worker stop right after a chosen row was saved inside the service's transaction, and the test then kills
the whole server with SIGKILL. Afterwards a fresh process checks the database, and that the same edit
still goes through (no stale lock, no half-written journal).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from tests.support.servers import free_port, platform_env

from gongkai.server import gunicorn_command

PAUSE_HOOK = """
import os, time


def post_worker_init(worker):
    from django.apps import apps
    from django.db.models.signals import post_save

    model = apps.get_model(os.environ["CRASH_MODEL"])

    def pause(sender, instance, **kwargs):
        # The organ saved with the new address, or the audit event of that change (not the sign-in's).
        if getattr(instance, "address", "") == "甲市崩溃路9号" or getattr(instance, "action", "") == "organ.updated":
            with open(os.environ["CRASH_MARKER"], "w") as marker:
                marker.write("paused")
            time.sleep(300)

    post_save.connect(pause, sender=model, weak=False)
"""

SETUP = """
import django; django.setup()
from django.contrib.auth import get_user_model
from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ
get_user_model().objects.create_superuser("crash-admin", password="Crash-test-pass-1")
Organ.objects.create(slug="crash", name="甲市机关事务管理局", address="甲市人民路1号",
                     credit_code=make_code("1", "1", "360983", "00000077"))
"""

CHECK = """
import django, json; django.setup()
from gongkai.audit.models import AuditEvent
from gongkai.organs.models import Organ
organ = Organ.objects.get(slug="crash")
events = [e.changes for e in AuditEvent.objects.filter(action="organ.updated", object_id=str(organ.pk))]
print(json.dumps({"address": organ.address, "updates": events}, ensure_ascii=False))
"""

RETRY = """
import django; django.setup()
from django.contrib.auth import get_user_model
from gongkai.organs.models import Organ
from gongkai.organs.scope import Permissions
from gongkai.organs.services import update_organ
update_organ(Permissions(get_user_model().objects.get(username="crash-admin")), Organ.objects.get(slug="crash"),
             address="甲市崩溃路9号")
"""


@pytest.fixture
def database(tmp_path):
    """A DATABASE_URL-style environment for a database of the test's own, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield platform_env(tmp_path)
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"gongkai_crash_{os.getpid()}"
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield platform_env(tmp_path, DATABASE_URL=urllib.parse.urlunsplit(parts._replace(path=f"/{name}")))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def python(env, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def sign_in_and_open_edit_form(base: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def token(path: str) -> str:
        page = opener.open(base + path, timeout=10).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    login = {"csrfmiddlewaretoken": token("/workspace/login/"), "username": "crash-admin"}
    login["password"] = "Crash-test-pass-1"
    opener.open(base + "/workspace/login/", urllib.parse.urlencode(login).encode(), timeout=10)
    return opener, token("/workspace/o/crash/edit/")


@pytest.mark.parametrize(
    "paused_after",
    [
        "organs.Organ",  # the organ row is updated, the audit event not yet written
        "audit.AuditEvent",  # both written, the transaction not yet committed
    ],
)
def test_sigkill_during_a_service_write_leaves_no_half_record(database, tmp_path, paused_after):
    env = dict(database)
    for command in ("migrate", "collectstatic --noinput"):
        python(
            env,
            f"import sys; from gongkai.cli import main; sys.exit(main(['manage', *{command.split()!r}, '-v', '0']))",
        )
    python(env, SETUP)
    hook = tmp_path / "pause_hook.py"
    hook.write_text(PAUSE_HOOK, encoding="utf-8")
    marker = tmp_path / "paused"
    env |= {"CRASH_MODEL": paused_after, "CRASH_MARKER": str(marker)}
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [*gunicorn_command(f"127.0.0.1:{port}", 1), "-c", str(hook)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: master and worker are killed together
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/workspace/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        opener, csrf = sign_in_and_open_edit_form(base)
        form = {"csrfmiddlewaretoken": csrf, "address": "甲市崩溃路9号", "short_name": "", "postcode": ""}
        form |= {"phone": "", "office_hours": ""}
        body = urllib.parse.urlencode(form).encode()
        errors: list[BaseException] = []

        def post() -> None:
            try:
                opener.open(base + "/workspace/o/crash/edit/", body, timeout=60)
            except BaseException as exc:  # the connection dies with the server: expected
                errors.append(exc)

        writer = threading.Thread(target=post, daemon=True)
        writer.start()
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), (tmp_path / "gunicorn.log").read_text()
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        writer.join(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    assert errors, "the request should have died with the server"
    after = json.loads(python(database, CHECK).strip().splitlines()[-1])
    assert after == {"address": "甲市人民路1号", "updates": []}  # nothing half written, nothing audited
    # The database is usable at once: the same edit goes through, once, with its one audit event.
    python(database, RETRY)
    after = json.loads(python(database, CHECK).strip().splitlines()[-1])
    assert after == {"address": "甲市崩溃路9号", "updates": [{"address": ["甲市人民路1号", "甲市崩溃路9号"]}]}


def test_pause_hook_file_is_not_part_of_the_app():
    # The pause is test code loaded into gunicorn with -c; no switch for it exists in the platform.
    source = Path(__file__).resolve().parents[2] / "src" / "gongkai"
    assert not any("CRASH_MARKER" in p.read_text(encoding="utf-8") for p in source.rglob("*.py"))
