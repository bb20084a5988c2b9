"""`gongkai demo` and `gongkai serve --prod` start a task worker beside the server and stop both cleanly."""

from __future__ import annotations

import os
import re
import signal

from tests.support.processes import (
    GONGKAI,
    alive,
    children,
    command_line,
    free_port,
    gongkai_env,
    run_gongkai,
    start,
    stop,
    wait_http,
)


def _roles(pid: int) -> dict[str, int]:
    """The supervisor's children by role: the worker and the server."""
    found = {}
    for child in children(pid):
        line = command_line(child)
        if "db_worker" in line:
            found["worker"] = child
        elif "gunicorn" in line or "runserver" in line:
            found["server"] = child
    return found


def _heartbeat_ran_by(env) -> int:
    """Queue a heartbeat from a separate process and return the pid of the worker that ran it."""
    result = run_gongkai(["manage", "heartbeat", "--wait", "30"], env)
    assert result.returncode == 0, result.stderr
    match = re.search(r"后台任务进程 \S+:(\d+) 已处理心跳任务", result.stdout)
    assert match, result.stdout
    return int(match[1])


def test_serve_prod_runs_gunicorn_and_a_worker_and_sigterm_stops_both(tmp_path):
    env = gongkai_env(tmp_path / "data")
    assert run_gongkai(["manage", "migrate", "--noinput", "--verbosity", "0"], env).returncode == 0
    port = free_port()
    log = tmp_path / "serve.log"
    serve = start([*GONGKAI, "serve", f"127.0.0.1:{port}", "--prod", "--workers", "1"], env, log)
    try:
        assert wait_http(f"http://127.0.0.1:{port}/ops/health/", serve, log) == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
        }
        roles = _roles(serve.pid)
        assert set(roles) == {"worker", "server"}, roles
        assert _heartbeat_ran_by(env) == roles["worker"]
    finally:
        code = stop(serve, signal.SIGTERM)
    assert code == 0, log.read_text()
    assert not alive(roles["worker"]) and not alive(roles["server"])
    assert "shutting down gracefully" in log.read_text()


def test_demo_runs_a_worker_and_stops_the_server_when_the_worker_dies(tmp_path):
    env = gongkai_env(tmp_path / "data")
    port = free_port()
    log = tmp_path / "demo.log"
    demo = start([*GONGKAI, "demo", f"127.0.0.1:{port}"], env, log)
    try:
        wait_http(f"http://127.0.0.1:{port}/ops/health/", demo, log, timeout=120)
        roles = _roles(demo.pid)
        assert set(roles) == {"worker", "server"}, roles
        assert _heartbeat_ran_by(env) == roles["worker"]
        # A worker that dies must not leave a platform whose tasks silently never run.
        os.kill(roles["worker"], signal.SIGKILL)
        assert demo.wait(timeout=40) == 1
    finally:
        stop(demo)
    assert "后台任务进程意外退出（退出码 -9），服务器随之停止" in log.read_text()
    assert not alive(roles["server"])
