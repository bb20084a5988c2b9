"""Demo data and the `gongkai serve/demo/manage` entry points."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from tests.platform.test_settings import run_gongkai

from gongkai.organs import creditcode
from gongkai.organs.demo import ACCOUNTS, ORGANS, PASSWORD, load_demo
from gongkai.organs.models import Organ, OrganKind, RoleGrant
from gongkai.organs.permissions import organs_for
from gongkai.organs.scope import Permissions
from gongkai.organs.verbs import OrganVerb
from gongkai.server import UsageError, main, parse_addr


def test_demo_is_idempotent(db):
    region = load_demo()
    counts = (Organ.objects.count(), get_user_model().objects.count(), RoleGrant.objects.count())
    load_demo()
    assert (Organ.objects.count(), get_user_model().objects.count(), RoleGrant.objects.count()) == counts
    assert counts == (len(ORGANS), len(ACCOUNTS), len(ACCOUNTS) - 1) == (8, 6, 5)
    assert region.name == "高安市人民政府"


def test_demo_region_is_realistic(db):
    load_demo()
    office = Organ.objects.get(name="高安市人民政府办公室")
    assert office.is_supervising and office.phone == "0795-5212315"
    assert office.parent.kind == OrganKind.GOVERNMENT
    assert Organ.objects.get(name="高安市机关事务管理局").doc_number_prefix == "高机管发"
    kinds = set(Organ.objects.values_list("kind", flat=True))
    assert {OrganKind.GOVERNMENT, OrganKind.DEPARTMENT, OrganKind.TOWNSHIP, OrganKind.SUBDISTRICT} <= kinds
    for organ in Organ.objects.all():
        assert creditcode.validate(organ.credit_code) == organ.credit_code
        assert organ.credit_code[2:8] == "360983"
        organ.full_clean()


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda a: a.username)
def test_demo_accounts_sign_in_with_the_printed_password(db, rf, account):
    load_demo()
    user = authenticate(rf.post("/workspace/login/"), username=account.username, password=PASSWORD)
    assert user is not None
    assert user.is_superuser == (account.role is None)


def test_demo_accounts_see_what_their_role_allows(db):
    load_demo()
    users = get_user_model().objects
    assert organs_for(Permissions(users.get(username="zhuguan"))).count() == len(ORGANS)
    assert [o.name for o in organs_for(Permissions(users.get(username="zhuanyuan")))] == [
        "高安市机关事务管理局"
    ]
    assert [o.name for o in organs_for(Permissions(users.get(username="caizheng")))] == ["高安市财政局"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("127.0.0.1:8000", ("127.0.0.1", 8000)), ("8080", ("127.0.0.1", 8080)), ("0.0.0.0:80", ("0.0.0.0", 80))],
)
def test_parse_addr(value, expected):
    assert parse_addr(value) == expected


@pytest.mark.parametrize(
    ("value", "message"), [("localhost:http", "地址格式不正确"), ("1.2.3.4:70000", "端口号超出范围")]
)
def test_parse_addr_errors(value, message):
    with pytest.raises(UsageError, match=message):
        parse_addr(value)


def test_serve_with_bad_address_exits_2_with_message(capsys):
    assert main("serve", ["nonsense:port"]) == 2
    assert "地址格式不正确" in capsys.readouterr().err


def test_gongkai_demo_no_serve_migrates_loads_and_prints_accounts(tmp_path):
    result = run_gongkai(["demo", "--no-serve"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8000/workspace/" in result.stdout
    assert f"密码均为 {PASSWORD}" in result.stdout
    for account in ACCOUNTS:
        assert account.username in result.stdout
    assert (tmp_path / "data" / "gongkai.sqlite3").exists()


def test_load_demo_command_prints_the_same_account_list_as_gongkai_demo(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1] == f"演示账户（密码均为 {PASSWORD}）："
    assert lines[2:] == [f"  {a.username:<12} {a.description}" for a in ACCOUNTS]


def test_gongkai_manage_runs_django_commands(tmp_path):
    result = run_gongkai(["manage", "showmigrations", "audit"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0002_append_only_trigger" in result.stdout


def test_grant_and_revoke_role_commands_are_audited(world):
    from django.core.management import call_command

    from gongkai.audit.models import AuditEvent

    call_command("grant_role", "nobody", "jia-jgsw", "审核员", stdout=io.StringIO())
    assert RoleGrant.objects.filter(user=world.users["nobody"], organ=world.own, role="reviewer").exists()
    call_command("revoke_role", "nobody", "jia-jgsw", "reviewer", stdout=io.StringIO())
    assert not RoleGrant.objects.filter(user=world.users["nobody"]).exists()
    events = AuditEvent.objects.filter(action__startswith="role.").order_by("id")
    assert [(e.action, e.actor_username) for e in events] == [
        (OrganVerb.ROLE_GRANTED, ""),
        (OrganVerb.ROLE_REVOKED, ""),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ghost", "jia-jgsw", "clerk"], "用户不存在：ghost"),
        (["nobody", "nowhere", "clerk"], "机关不存在（网址标识）：nowhere"),
        (["nobody", "jia-jgsw", "boss"], "角色不存在：boss"),
        (["nobody", "jia-jgsw", "supervisor"], "只能在主管部门授予"),
    ],
)
def test_grant_role_command_errors(world, args, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("grant_role", *args, stdout=io.StringIO())


def test_list_organs_uses_the_permission_module(world):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("list_organs", "--user", "reviewer", stdout=out)
    assert out.getvalue().split("\n")[0].split() == ["jia-jgsw", "甲市机关事务管理局", "[view,view_audit]"]
    assert len(out.getvalue().strip().splitlines()) == 1
    out = io.StringIO()
    call_command("list_organs", stdout=out)
    assert len(out.getvalue().strip().splitlines()) == 5
