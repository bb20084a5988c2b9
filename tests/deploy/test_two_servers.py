"""Deployment beyond one machine, on one machine: two gunicorn app servers on one PostgreSQL database,
Debian's nginx (TLS) in front, and a task worker, each a separate process as in production (docs/deploy.md).

Checks that nothing lives in one process: a session started through one server works through the other;
a change made through one is seen through the other; sign-in failures counted by one lock the account on
the other; a task queued through one is run by the worker; static files named by one are served by the
other; nginx spreads requests over both.

Needs PostgreSQL (DATABASE_URL=postgres://…); run with `make test-deploy` (CI: .ci/run). It creates and
drops its own database, `<name of DATABASE_URL's database>_deploy`.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.support.browserless import Client, form_fields
from tests.support.processes import (
    GONGKAI,
    children,
    command_line,
    free_port,
    gongkai_env,
    run_gongkai,
    start,
    stop,
    wait_http,
)

pytestmark = pytest.mark.deploy

NGINX = "/usr/sbin/nginx"
PROXY_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "proxy.conf"
PASSWORD = "demo1234!"  # the demo accounts' (gongkai.organs.demo.PASSWORD)
ORGAN = "gaoan-jgsw"  # 高安市机关事务管理局, which the demo clerk `zhuanyuan` may edit


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://… (make test-deploy)")
    return url


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


def _admin_sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (nginx terminates TLS as in production; the client verifies it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "gongkai.crt", directory / "gongkai.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def _nginx_conf(prefix: Path, cert: Path, key: Path, ports: dict[str, int], upstreams: dict[str, int]) -> str:
    """Three TLS ports: `both` balances over the two servers; `a` and `b` reach one each, so the test can say
    which server answers. Everything else as in deploy/nginx/gongkai.conf, proxy.conf included as it is."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    pools = {
        "both": [upstreams["a"], upstreams["b"]],
        "a": [upstreams["a"]],
        "b": [upstreams["b"]],
    }
    blocks = []
    for name, servers in pools.items():
        members = "".join(f"        server 127.0.0.1:{port};\n" for port in servers)
        blocks.append(
            f"    upstream pool_{name} {{\n{members}        keepalive 4;\n    }}\n"
            f"    server {{\n"
            f"        listen 127.0.0.1:{ports[name]} ssl;\n"
            f"        ssl_certificate {cert};\n        ssl_certificate_key {key};\n"
            f"        location / {{\n            proxy_pass http://pool_{name};\n"
            f"            include {PROXY_CONF};\n        }}\n    }}\n"
        )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read and write the temp prefix
    return (
        f"{user}worker_processes 1;\ndaemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        f"events {{ worker_connections 128; }}\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n" + "".join(blocks) + "}\n"
    )


@dataclass
class Stack:
    urls: dict[str, str]  # "a", "b" (through nginx, pinned to one server), "both" (balanced)
    direct: dict[str, str]  # the app servers' own ports (plain HTTP, as nginx reaches them)
    cafile: str
    servers: dict[str, object]
    logs: dict[str, Path]
    worker_pid: int
    database_url: str
    processes: list = field(default_factory=list)

    def client(self) -> Client:
        return Client(cafile=self.cafile)

    def gunicorn_pids(self, name: str) -> set[int]:
        """Every gunicorn process (master and workers) of server `name`."""
        masters = [p for p in children(self.servers[name].pid) if "gunicorn" in command_line(p)]
        return set(masters) | {w for m in masters for w in children(m)}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    url = _postgres_url()
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"{NGINX} is missing (apt-get install nginx; .ci/run installs it)")
    base = urllib.parse.urlsplit(url).path.lstrip("/") or "gongkai"
    database = f"{base}_deploy"
    deploy_url = _with_database(url, database)
    _admin_sql(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"')
    root = tmp_path_factory.mktemp("deploy")
    shared = root / "shared-media"  # the one directory every server and the worker share
    shared.mkdir()
    common = {
        "DATABASE_URL": deploy_url,
        "GONGKAI_ENV": "production",
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(50),  # the same on every server
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GONGKAI_BEHIND_PROXY": "1",
        "GONGKAI_MEDIA_ROOT": str(shared),
    }
    release = gongkai_env(root / "release", **common)
    processes = []
    try:
        # The release step, once per upgrade: migrations (the cache table too).
        result = run_gongkai(["manage", "migrate", "--noinput", "--verbosity", "0"], release, timeout=300)
        assert result.returncode == 0, result.stderr
        # Production refuses the demo data (its passwords are public), so this test's accounts are loaded by
        # a non-production process into the same database, as a staging copy would be.
        result = run_gongkai(["manage", "load_demo"], release, timeout=60)
        assert (
            result.returncode == 1 and "生产环境（GONGKAI_ENV=production）不能载入演示数据" in result.stderr
        )
        seeding = gongkai_env(root / "seeding", **(common | {"GONGKAI_ENV": "development"}))
        result = run_gongkai(["manage", "load_demo"], seeding, timeout=300)
        assert result.returncode == 0, result.stderr
        app_ports = {"a": free_port(), "b": free_port()}
        servers, logs = {}, {}
        for name, port in app_ports.items():
            env = gongkai_env(
                root / f"server-{name}", **common, GONGKAI_STATIC_ROOT=str(root / f"static-{name}")
            )
            logs[name] = root / f"server-{name}.log"
            command = [*GONGKAI, "serve", f"127.0.0.1:{port}", "--prod", "--no-worker", "--workers", "2"]
            servers[name] = start(command, env, logs[name])
            processes.append(servers[name])
        logs["worker"] = root / "worker.log"
        worker_command = [
            *GONGKAI,
            "manage",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.5",
        ]
        worker = start(worker_command, gongkai_env(root / "worker", **common), logs["worker"])
        processes.append(worker)
        direct = {name: f"http://127.0.0.1:{port}" for name, port in app_ports.items()}
        for name in app_ports:
            assert (
                wait_http(f"{direct[name]}/ops/health/", servers[name], logs[name], timeout=120)["status"]
                == "ok"
            )

        prefix = root / "nginx"
        prefix.mkdir()
        cert, key = _self_signed(prefix)
        ports = {"both": free_port(), "a": free_port(), "b": free_port()}
        conf = prefix / "nginx.conf"
        conf.write_text(_nginx_conf(prefix, cert, key, ports, app_ports))
        logs["nginx"] = prefix / "stderr.log"
        nginx = start(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")], {}, logs["nginx"]
        )
        processes.append(nginx)
        urls = {name: f"https://127.0.0.1:{port}" for name, port in ports.items()}
        client = Client(cafile=str(cert))
        deadline = time.monotonic() + 30
        while not _answers(client, f"{urls['both']}/ops/health/"):
            assert nginx.poll() is None, (prefix / "error.log").read_text()
            assert time.monotonic() < deadline, (prefix / "error.log").read_text()
            time.sleep(0.2)
        yield Stack(urls, direct, str(cert), servers, logs, worker.pid, deploy_url, processes)
    finally:
        for process in reversed(processes):
            stop(process, signal.SIGTERM)
        _admin_sql(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _answers(client: Client, url: str) -> bool:
    try:
        return client.get(url).status == 200
    except urllib.error.URLError:  # not listening yet
        return False


def _sign_in(client: Client, base: str, username: str, password: str = PASSWORD):
    login = client.get(f"{base}/workspace/")
    assert login.status == 302, login.status
    page = client.get(urllib.parse.urljoin(base, login.headers["Location"]))
    fields = form_fields(page.text) | {"username": username, "password": password}
    return client.post(f"{base}/workspace/login/", fields)


def test_a_session_started_through_one_server_works_through_the_other(stack):
    client = stack.client()
    signed_in = _sign_in(client, stack.urls["a"], "zhuanyuan")
    assert signed_in.status == 302 and signed_in.headers["Location"].endswith("/workspace/"), signed_in.text[
        :500
    ]
    home = client.get(f"{stack.urls['b']}/workspace/")
    assert home.status == 200
    assert "李专员" in home.text  # the clerk's name, from the session the other server created
    # and signing out through B ends it on A too
    assert client.post(f"{stack.urls['b']}/workspace/logout/").status == 302
    assert client.get(f"{stack.urls['a']}/workspace/").status == 302


def test_a_change_made_through_one_server_is_seen_through_the_other(stack):
    client = stack.client()
    assert _sign_in(client, stack.urls["a"], "zhuanyuan").status == 302
    edit = f"{stack.urls['a']}/workspace/o/{ORGAN}/edit/"
    fields = form_fields(client.get(edit).text)
    new_phone = f"0795-52{secrets.randbelow(10**5):05d}"
    assert fields["phone"] != new_phone
    saved = client.post(edit, fields | {"phone": new_phone})
    assert saved.status == 302, saved.text[:1000]
    public = Client(cafile=stack.cafile).get(f"{stack.urls['b']}/organs/{ORGAN}/")
    assert public.status == 200
    assert new_phone in public.text


def test_sign_in_failures_through_one_server_lock_the_account_on_the_other(stack):
    client = stack.client()
    # AXES_FAILURE_LIMIT = 5, counted in the database: four failures spread over both servers...
    for base in ("a", "b", "a", "b"):
        assert _sign_in(client, stack.urls[base], "shenhe", "wrong-password!").status == 200
    # ...the fifth locks the account, and the other server refuses even the right password.
    assert _sign_in(client, stack.urls["a"], "shenhe", "wrong-password!").status == 429
    locked = _sign_in(client, stack.urls["b"], "shenhe")
    assert locked.status == 429
    assert "账户已暂时锁定" in locked.text


def test_a_task_queued_through_one_server_is_run_by_the_worker(stack):
    client = stack.client()
    assert _sign_in(client, stack.urls["a"], "admin").status == 302
    queued = client.post(f"{stack.urls['a']}/ops/heartbeat/")
    assert queued.status == 202, queued.text[:500]
    beat = queued.json()
    sent_pid = int(beat["sent_by"].rsplit(":", 1)[1])
    assert sent_pid in stack.gunicorn_pids("a")
    deadline = time.monotonic() + 30
    while True:
        state = client.get(f"{stack.urls['b']}/ops/heartbeat/{beat['id']}/").json()
        if state["status"] in {"SUCCESSFUL", "FAILED"} or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    assert state["status"] == "SUCCESSFUL", (state, stack.logs["worker"].read_text()[-2000:])
    assert int(state["ran_by"].rsplit(":", 1)[1]) == stack.worker_pid


def test_static_files_named_by_one_server_are_served_by_the_other(stack):
    page = stack.client().get(f"{stack.urls['a']}/workspace/login/").text
    hrefs = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert hrefs and all(re.search(r"\.[0-9a-f]{12}\.\w+$", h) for h in hrefs), hrefs  # manifest names
    for href in hrefs:
        response = stack.client().get(f"{stack.urls['b']}{href}")
        assert response.status == 200, href
        assert "max-age=315360000" in response.headers.get("Cache-Control", "")


def test_nginx_spreads_requests_over_both_servers(stack):
    def health_lines(name):
        return stack.logs[name].read_text().count('"GET /ops/health/"')

    before = {name: health_lines(name) for name in ("a", "b")}
    client = stack.client()
    for _ in range(10):
        assert client.get(f"{stack.urls['both']}/ops/health/").json()["status"] == "ok"
    time.sleep(0.5)  # access log lines are written after the response
    after = {name: health_lines(name) for name in ("a", "b")}
    assert after["a"] > before["a"] and after["b"] > before["b"], (before, after)
    assert sum(after.values()) - sum(before.values()) == 10


def _table_rows(url: str) -> dict[str, list]:
    """Every table of the public schema with all its rows, in primary-key order (the tables are small)."""
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def test_a_pg_dump_backup_restores_into_a_working_database(stack, tmp_path):
    """docs/deploy.md's backup and restore, run on the database the servers above have written to."""
    import psycopg

    dump = tmp_path / "gongkai.dump"
    backup = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", stack.database_url],
        capture_output=True,
        text=True,
    )
    assert backup.returncode == 0, backup.stderr
    source = urllib.parse.urlsplit(stack.database_url).path.lstrip("/")
    restored_name = f"{source}_restored"
    restored_url = _with_database(stack.database_url, restored_name)
    _admin_sql(
        stack.database_url, f'DROP DATABASE IF EXISTS "{restored_name}"', f'CREATE DATABASE "{restored_name}"'
    )
    try:
        restore = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored_url}", str(dump)],
            capture_output=True,
            text=True,
        )
        assert restore.returncode == 0, restore.stderr
        original, restored = _table_rows(stack.database_url), _table_rows(restored_url)
        assert restored.keys() == original.keys()
        assert restored == original
        assert original["django_session"] and original["django_tasks_database_dbtaskresult"]  # what ran above
        # The platform runs on it: no migration is missing...
        env = gongkai_env(tmp_path / "data", DATABASE_URL=restored_url)
        check = run_gongkai(["manage", "migrate", "--check", "--verbosity", "0"], env)
        assert check.returncode == 0, check.stdout + check.stderr
        # ...and the audit trail is still append-only (the trigger came back with the data).
        with psycopg.connect(restored_url) as conn, pytest.raises(psycopg.Error, match="append-only"):
            conn.execute("UPDATE audit_auditevent SET object_repr = '篡改'")
    finally:
        _admin_sql(stack.database_url, f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
