"""Small things a new user trips over: noise on stderr, English messages, a bare 405 on sign-out, the 403
text, a busy port, an unknown command, the favicon."""

from __future__ import annotations

import socket

import pytest
from tests.support.gongkai_cli import PRODUCTION, run_gongkai

from gongkai.server import main


def test_manage_prints_no_axes_banner(tmp_path):
    result = run_gongkai(["manage", "check"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stderr
    assert result.stderr == ""


def test_missing_production_secret_is_reported_in_chinese(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "GONGKAI_SECRET_KEY"}
    result = run_gongkai(["manage", "check"], env, tmp_path)
    assert result.returncode == 2
    assert "生产环境（GONGKAI_ENV=production）必须设置 GONGKAI_SECRET_KEY" in result.stderr
    assert "requires" not in result.stderr


def test_missing_production_hosts_is_reported_in_chinese(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "GONGKAI_ALLOWED_HOSTS"}
    result = run_gongkai(["manage", "check"], env, tmp_path)
    assert result.returncode == 2
    assert "生产环境（GONGKAI_ENV=production）必须设置 GONGKAI_ALLOWED_HOSTS" in result.stderr


def test_unknown_manage_command_is_reported_in_chinese(tmp_path):
    result = run_gongkai(["manage", "nosuchcmd"], {}, tmp_path)
    assert result.returncode == 2
    assert "未知命令：nosuchcmd" in result.stderr
    assert "Unknown command" not in result.stderr


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_busy_port_is_reported_in_chinese(command, capsys, db):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(command, [f"127.0.0.1:{port}"]) == 1
    err = capsys.readouterr().err
    assert f"端口 127.0.0.1:{port} 已被占用" in err
    assert "already in use" not in err


def test_get_logout_shows_a_chinese_sign_out_page(world, client_for):
    response = client_for(world.users["clerk"]).get("/workspace/logout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>退出登录</h1>" in html
    assert 'method="post" action="/workspace/logout/"' in html
    assert "csrfmiddlewaretoken" in html


def test_forbidden_page_for_a_signed_in_user_does_not_ask_to_sign_in(world, client_for):
    response = client_for(world.users["reviewer"]).get(f"/workspace/o/{world.own.slug}/edit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "请先登录" not in html
    assert "您的账户没有执行此操作的权限" in html


def test_forbidden_page_for_an_anonymous_visitor_offers_sign_in(rf, world):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "请先登录工作台" in render_to_string("403.html", request=request)


def test_favicon_ico_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/gongkai/favicon.svg"
    assert client.get(response["Location"]).status_code == 200


def test_admin_pages_link_the_favicon(world, client):
    client.force_login(world.users["admin"])
    assert 'rel="icon" href="/static/gongkai/favicon.svg"' in client.get("/admin/").content.decode()
