"""Sign-in throttling and proxies (security review M4, L3, L8, and the absolute session lifetime).

- one address spraying guesses at many names is stopped;
- one name guessed from many addresses gets a doubling cool-off, also for the right password;
- X-Forwarded-For is believed only from a configured proxy;
- a NUL in the User-Agent does not break sign-in (PostgreSQL cannot store it);
- failed sign-ins under unknown names are capped in the audit trail;
- a session ends 12 hours after sign-in however busy it is.
"""

from __future__ import annotations

import ipaddress
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.audit.verbs import AuthVerb as AuditAction
from gongkai.workspace.sessions import SIGNED_IN_AT

PASSWORD = "Correct-horse-42"
LOGIN = "/workspace/login/"


@pytest.fixture
def accounts(db):
    from django.contrib.auth.hashers import make_password

    model = get_user_model()
    hashed = make_password(PASSWORD)  # one Argon2 hash for all eight (hashing is slow on purpose)
    return model.objects.bulk_create([model(username=f"staff{i}", password=hashed) for i in range(8)])


def sign_in(client, username, password, ip="10.0.0.7", **headers):
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=ip, HTTP_USER_AGENT="Pytest/1", **headers)


def test_spraying_many_names_from_one_address_is_stopped(client, accounts, settings):
    settings.GONGKAI_SIGNIN_ADDRESS_LIMIT = 12
    # 4 guesses at each name stay under axes' per-name-and-address lockout (5) ...
    answers = [sign_in(client, f"staff{i}", f"guess{n}").status_code for i in range(3) for n in range(4)]
    assert answers == [200] * 12
    # ... but the address has failed 12 times, so the next try is refused before any password check,
    # even with the right password of a fourth account.
    response = sign_in(client, "staff3", PASSWORD)
    assert response.status_code == 429
    assert "本网络地址登录失败次数过多，请15分钟后再试。" in response.content.decode()
    assert 890 <= int(response["Retry-After"]) <= 900
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
    # Another address is not affected.
    assert sign_in(client, "staff3", PASSWORD, ip="10.0.0.8").status_code == 302


def test_one_name_from_many_addresses_gets_a_doubling_cool_off(client, accounts, settings):
    settings.GONGKAI_SIGNIN_NAME_FREE = 6
    for n in range(6):  # one guess from each of six addresses: axes never locks any pair
        assert sign_in(client, "staff0", "wrong", ip=f"203.0.113.{n}").status_code == 200
    response = sign_in(client, "staff0", PASSWORD, ip="203.0.113.99")
    assert response.status_code == 429
    assert "该用户名登录失败次数过多（6次）" in response.content.decode()
    assert 55 <= int(response["Retry-After"]) <= 60  # 2**0 minutes after the last failure
    # When the cool-off has passed, one more failure doubles it.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=2))
    assert sign_in(client, "staff0", "wrong", ip="203.0.113.7").status_code == 200
    response = sign_in(client, "staff0", PASSWORD, ip="203.0.113.99")
    assert response.status_code == 429
    assert "（7次）" in response.content.decode()
    assert 115 <= int(response["Retry-After"]) <= 120
    # After that cool-off the right password signs in and resets the count for that address.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=3))
    assert sign_in(client, "staff0", PASSWORD, ip="203.0.113.99").status_code == 302


def test_cool_off_is_capped(client, accounts, settings):
    settings.GONGKAI_SIGNIN_NAME_FREE = 2
    settings.GONGKAI_SIGNIN_NAME_MAX_COOLOFF = timedelta(minutes=5)
    for n in range(12):
        AccessAttempt.objects.create(
            username="staff1",
            ip_address=f"198.51.100.{n}",
            user_agent="x",
            failures_since_start=1,
            get_data="",
            post_data="",
            path_info=LOGIN,
            http_accept="",
        )
    response = sign_in(client, "staff1", PASSWORD, ip="198.51.100.200")
    assert response.status_code == 429
    assert 295 <= int(response["Retry-After"]) <= 300  # 2**10 minutes, capped at 5


def test_forwarded_for_from_an_untrusted_peer_is_ignored(client, accounts, settings):
    """The review's bypass: with GONGKAI_BEHIND_PROXY, a client reaching the app port directly rotated
    X-Forwarded-For to escape the lockout and to write fake addresses into the audit trail."""
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    for n in range(5):
        sign_in(client, "staff2", "wrong", ip="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"192.0.2.50"}
    response = sign_in(client, "staff2", PASSWORD, ip="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert response.status_code == 429  # locked, whatever the header says


def test_trusted_proxy_chain_is_read_from_the_right(client, accounts, settings):
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("127.0.0.1")]
    # forged-by-client, real client, our outer proxy; the request arrives from our inner proxy.
    sign_in(
        client, "staff2", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9, 10.1.2.3"
    )
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).ip_address == "198.51.100.9"


def test_trusted_proxies_setting_rejects_garbage(tmp_path):
    import subprocess
    import sys

    from tests.support.servers import platform_env

    env = platform_env(tmp_path, GONGKAI_TRUSTED_PROXIES="10.0.0.1,not-an-ip")
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "manage", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "GONGKAI_TRUSTED_PROXIES 中的地址无效：not-an-ip" in result.stderr


def test_nul_in_user_agent_does_not_break_sign_in(client, accounts):
    response = client.post(
        LOGIN,
        {"username": "staff4", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.7",
        HTTP_USER_AGENT="Evil\x00UA\u202e",
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).user_agent == "EvilUA"


def test_unknown_names_cannot_grow_the_audit_trail_without_limit(client, accounts, settings):
    settings.GONGKAI_AUDIT_UNKNOWN_NAME_FAILURES_PER_HOUR = 5
    for n in range(9):
        sign_in(client, f"nobody-{n}-" + "x" * 100, "guess", ip=f"192.0.2.{n}")
    unknown = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor_username__startswith="nobody-")
    assert unknown.count() == 5
    notes = AuditEvent.objects.filter(actor_username__startswith="（已达每小时5条上限")
    assert notes.count() == 1
    # Failures under real account names are still recorded one by one.
    for _ in range(3):
        sign_in(client, "staff5", "wrong", ip="192.0.2.100")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor_username="staff5").count() == 3


def test_session_ends_after_the_absolute_lifetime_however_active(client, accounts, settings):
    assert sign_in(client, "staff6", PASSWORD).status_code == 302
    assert client.get("/workspace/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - int(settings.GONGKAI_SESSION_ABSOLUTE_AGE.total_seconds()) - 5
    session.save()
    response = client.get("/workspace/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/workspace/").status_code == 302  # signed out, not just redirected once


def test_session_within_the_absolute_lifetime_stays(client, accounts, settings):
    assert sign_in(client, "staff7", PASSWORD).status_code == 302
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - int(settings.GONGKAI_SESSION_ABSOLUTE_AGE.total_seconds()) + 60
    session.save()
    assert client.get("/workspace/").status_code == 200
