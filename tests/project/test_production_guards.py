"""Production guards (security review M5, L2, L4, L5, L9): no demo data, no weak key, the security
headers on every response, no-store on staff pages, 400 for non-UTF-8 form bodies."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest
from tests.support.servers import gunicorn, platform_env

from gongkai.httpguards import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

STRONG_KEY = secrets.token_urlsafe(64)
PRODUCTION = {
    "GONGKAI_ENV": "production",
    "GONGKAI_SECRET_KEY": STRONG_KEY,
    "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,testserver",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "key",
    [
        "xxxxxxxx",  # the review's example: short
        "a" * 80,  # long but one character
        "abcd" * 20,  # four distinct characters
        "django-insecure-" + secrets.token_urlsafe(50),  # Django's generated development key
    ],
)
def test_weak_secret_key_stops_start_up_in_production(tmp_path, key):
    result = run(["manage", "check"], platform_env(tmp_path, **(PRODUCTION | {"GONGKAI_SECRET_KEY": key})))
    assert result.returncode == 2
    assert "GONGKAI_SECRET_KEY 太弱" in result.stderr
    assert "Traceback" not in result.stderr


def test_strong_secret_key_starts(tmp_path):
    result = run(["manage", "check"], platform_env(tmp_path, **PRODUCTION))
    assert result.returncode == 0, result.stderr


def test_weak_key_is_fine_outside_production(tmp_path):
    result = run(["manage", "check"], platform_env(tmp_path, GONGKAI_SECRET_KEY="xxxxxxxx"))
    assert result.returncode == 0, result.stderr


def test_demo_refuses_to_run_in_production_and_creates_nothing(tmp_path):
    result = run(["demo", "--no-serve"], platform_env(tmp_path, **PRODUCTION))
    assert result.returncode == 2
    assert "生产环境（GONGKAI_ENV=production）不能载入演示数据" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "gongkai.sqlite3").exists()  # not even migrated


def test_load_demo_refuses_to_run_in_production(tmp_path):
    env = platform_env(tmp_path, **PRODUCTION)
    assert run(["manage", "migrate", "--verbosity", "0"], env).returncode == 0
    result = run(["manage", "load_demo"], env)
    assert result.returncode == 1
    assert "不能载入演示数据" in result.stderr
    check = "from django.contrib.auth import get_user_model as m; print(m().objects.count())"
    count = run(["manage", "shell", "-c", check], env)
    assert count.stdout.strip().splitlines()[-1] == "0"


def test_demo_still_loads_outside_production(tmp_path):
    result = run(["demo", "--no-serve"], platform_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "演示数据已就绪" in result.stdout


def test_production_headers_through_gunicorn(tmp_path):
    """Under production settings behind a TLS proxy: CSP, Permissions-Policy, HSTS on every page;
    no-store on the workspace, the admin and the API; no version in the Server header."""
    env = platform_env(tmp_path, **PRODUCTION, GONGKAI_BEHIND_PROXY="1")
    https = {"X-Forwarded-Proto": "https"}
    with gunicorn(env, tmp_path / "gunicorn.log") as server:
        pages = {path: server.get(path, https) for path in ("/", "/workspace/login/", "/admin/login/")}
        api = server.get("/api/v1/organs/", https)
    for path, (status, headers) in [*pages.items(), ("api", api)]:
        assert status in (200, 302, 401), (path, status)
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["Permissions-Policy"] == PERMISSIONS_POLICY, path
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000"), path
        assert headers["Server"] == "gunicorn", path  # no version
    for path in ("/workspace/login/", "/admin/login/"):
        assert "no-store" in pages[path][1]["Cache-Control"], path
    assert "no-store" in api[1]["Cache-Control"]
    assert "no-store" not in (pages["/"][1].get("Cache-Control") or "")  # the public portal may be cached


@pytest.mark.django_db
def test_signed_in_portal_pages_are_not_stored(client, django_user_model):
    user = django_user_model.objects.create_user("cache-check", password="Long-enough-pass-1")
    assert "no-store" not in (client.get("/").headers.get("Cache-Control") or "")
    client.force_login(user)
    assert "no-store" in client.get("/").headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-16", "gb18030", "latin-1"])
def test_form_body_in_another_charset_is_a_400_not_a_500(client, charset):
    client.get("/workspace/login/")  # sets the csrftoken cookie, as the review's reproduction needs
    body = "username=a&password=b"  # the test client encodes it in the charset named
    response = client.post(
        "/workspace/login/", body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 400
    assert response.content.decode() == f"请求的字符集必须是 UTF-8（收到的是 {charset}）。"


@pytest.mark.django_db
def test_nul_in_the_path_is_a_400(client):
    response = client.get("/organs/%00/")
    assert response.status_code == 400
    assert response.content.decode() == "请求地址中含有空字符（NUL），无法处理。"
    assert "Content-Security-Policy" in response.headers


def test_nul_in_a_query_parameter_a_view_sends_to_the_database_is_a_400_naming_it(world, client_for):
    # PostgreSQL raises DataError on NUL in text; SQLite finds no organ (404). Never a 500.
    from django.db import connection

    clerk = client_for(world.users["clerk"])
    response = clerk.get(f"/workspace/o/{world.own.slug}/reports/compare/", {"a": "2025", "other": "x\x00"})
    if connection.vendor == "postgresql":
        assert response.status_code == 400
        assert response.content.decode() == "查询参数 other 中含有空字符（NUL），无法处理。"
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_utf8_form_body_still_reaches_the_view(client):
    client.get("/workspace/login/")
    response = client.post(
        "/workspace/login/",
        b"username=a&password=b",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code in (200, 403)  # the view (or CSRF) answers, not the charset guard


def test_csrf_cookie_is_readable_by_scripts_that_send_x_csrftoken():
    from django.conf import settings

    assert settings.CSRF_COOKIE_HTTPONLY is False
    assert settings.SESSION_COOKIE_HTTPONLY is True
