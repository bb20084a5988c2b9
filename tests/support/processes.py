"""Starting, watching and stopping the platform's own processes in tests (real processes, real ports)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

GONGKAI = [sys.executable, "-m", "gongkai.cli"]


def free_port() -> int:
    """A loopback port nobody listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gongkai_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a `gongkai` child: this one's, less any GONGKAI_*/DATABASE_URL, plus `extra`."""
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser harness when collected; a child must not inherit it
    # (check --deploy reports it as async.E001).
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_ALLOW"))
    }
    return env | {"GONGKAI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "gongkai.settings"} | extra


def run_gongkai(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*GONGKAI, *args], env=env, capture_output=True, text=True, timeout=timeout)


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a long-running child, its stdout and stderr into `log`."""
    handle = log.open("wb")
    return subprocess.Popen(
        command, env=env, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )


def wait_http(
    url: str, process: subprocess.Popen | None = None, log: Path | None = None, timeout: float = 60
):
    """Wait until `url` answers 200 (JSON returned); fail with the child's log if it died or took too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{url}: the process ended ({process.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return json.loads(response.read() or b"null")
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{_tail(log)}")


def children(pid: int) -> list[int]:
    """The direct children of `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 40) -> int:
    """Signal the child, wait for it, kill it if it will not end; its exit status."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def _tail(log: Path | None, lines: int = 40) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
