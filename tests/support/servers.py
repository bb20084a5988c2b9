"""Real servers for tests: gunicorn started as `gongkai serve --prod` starts it, on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def platform_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a platform process on its own SQLite file in ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    return env | {"GONGKAI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "gongkai.settings"} | extra


@dataclass
class Server:
    url: str
    log: Path

    def get(self, path: str, headers: dict[str, str] | None = None):
        """(status, headers) of a GET; HTTP errors are answers too, redirects are not followed."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[Server]:
    """Migrate the database of ``env``, collect static files, start gunicorn with one worker, yield it, stop it."""
    from gongkai.server import gunicorn_command

    for command in (["migrate"], ["collectstatic", "--noinput"]):  # as `gongkai serve --prod` does
        subprocess.run([sys.executable, "-m", "django", *command, "--verbosity", "0"], env=env, check=True)
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", log)
    with log.open("w") as out:
        process = subprocess.Popen(
            gunicorn_command(f"127.0.0.1:{port}", 1), stdout=out, stderr=subprocess.STDOUT, env=env
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None:
                        raise RuntimeError(log.read_text(encoding="utf-8", errors="replace")) from None
                    time.sleep(0.1)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=10)
