"""People's names in Chinese order (family name then given name, no space), in demo data, admin and
workspace; re-loading the demo keeps existing accounts (passwords, sessions) as they are."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.core.templatetags.gongkai_core import person_name
from gongkai.organs.demo import ACCOUNTS, PASSWORD, load_demo

EXPECTED_NAMES = {
    "admin": ("", "系统管理员"),
    "zhuguan": ("王", "主管"),
    "zhuanyuan": ("李", "专员"),
    "shenhe": ("张", "审核"),
    "fuzeren": ("刘", "负责"),
    "caizheng": ("陈", "专员"),
}


def test_demo_names_are_split_into_family_and_given_name(db):
    load_demo()
    users = get_user_model().objects.in_bulk(field_name="username")
    assert {name: (u.last_name, u.first_name) for name, u in users.items()} == EXPECTED_NAMES
    assert person_name(users["admin"]) == "系统管理员"
    assert person_name(users["zhuguan"]) == "王主管"


def test_admin_greets_the_demo_administrator_by_full_name(db, client):
    load_demo()
    client.force_login(get_user_model().objects.get(username="admin"))
    html = client.get("/admin/").content.decode()
    assert "欢迎，<strong>系统管理员</strong>" in html
    assert "统管理员</strong>" not in html.replace("系统管理员</strong>", "")


def test_admin_greeting_puts_family_name_first(world, client):
    admin = world.users["admin"]
    admin.last_name, admin.first_name = "欧阳", "明"
    admin.save()
    client.force_login(admin)
    assert "欢迎，<strong>欧阳明</strong>" in client.get("/admin/").content.decode()


def test_workspace_header_shows_the_full_name(db, client):
    load_demo()
    client.force_login(get_user_model().objects.get(username="zhuanyuan"))
    assert "李专员" in client.get("/workspace/").content.decode()


def test_reloading_the_demo_keeps_existing_accounts_signed_in(db, client):
    load_demo()
    user = get_user_model().objects.get(username="zhuanyuan")
    user.set_password("my-own-passw0rd")
    user.first_name = "小红"
    user.save()
    client.force_login(user)
    assert client.get("/workspace/").status_code == 200
    load_demo()
    user.refresh_from_db()
    assert user.check_password("my-own-passw0rd") and not user.check_password(PASSWORD)
    assert user.first_name == "小红"
    assert client.get("/workspace/").status_code == 200  # session still valid


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda a: a.username)
def test_reloading_the_demo_recreates_only_missing_accounts(db, account):
    load_demo()
    get_user_model().objects.filter(username=account.username).delete()
    load_demo()
    assert get_user_model().objects.get(username=account.username).check_password(PASSWORD)
