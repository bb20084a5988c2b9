"""`gongkai serve`, `gongkai demo` and `gongkai manage`: the platform's command-line entry points.

serve [ADDR:PORT] [--prod]   development server, or gunicorn (after collectstatic) with --prod; a task
                             worker beside it (--no-worker: none, for servers whose worker runs elsewhere)
demo [ADDR:PORT]             migrate, load the demo region and accounts, print them, serve with a worker
manage COMMAND …             any Django management command (migrate, createsuperuser, db_worker, …)

The server and the worker run as child processes. Ctrl+C or SIGTERM stops both cleanly (the worker
finishes the task it is running); if either ends by itself, the other is stopped too.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import signal
import socket
import subprocess
import sys
import time

from django.core.exceptions import ImproperlyConfigured

DEFAULT_ADDR = "127.0.0.1:8000"
# Access log without query strings (a search for a phone number must not land in the log) or referrers.
ACCESS_LOG = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'

ADDR_RE = re.compile(r"^(?:(?P<host>[\w.\-]+|\[[0-9a-fA-F:]+\]):)?(?P<port>\d{1,5})$")


class UsageError(Exception):
    """Bad command-line input; the message is shown on stderr."""


class ProductionRefusal(Exception):
    """Something that must never run in production (the demo data); the message is shown on stderr."""


class PortBusyError(Exception):
    """The address to serve on is taken; the message is shown on stderr."""


def parse_addr(value: str) -> tuple[str, int]:
    """'HOST:PORT' or 'PORT' → (host, port); raises UsageError naming the bad part."""
    match = ADDR_RE.match(value.strip())
    if not match:
        raise UsageError(f"地址格式不正确：{value!r}，应为 ADDR:PORT，例如 127.0.0.1:8000")
    port = int(match["port"])
    if not 0 < port < 65536:
        raise UsageError(f"端口号超出范围：{port}（应为1–65535）")
    return match["host"] or "127.0.0.1", port


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def check_port_free(host: str, port: int) -> None:
    """Fail early, in Chinese, when the address is taken (runserver would say it in English)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise PortBusyError(_bind_error_message(host, port, exc.errno)) from exc


def _bind_error_message(host: str, port: int, code: int | None) -> str:
    other = f"{host}:{port + 1 if port < 65535 else 8000}"
    if code == errno.EADDRINUSE:
        return f"端口 {host}:{port} 已被占用，请先停止占用它的程序，或换一个端口，例如 {other}"
    if code == errno.EACCES:
        return f"没有权限监听端口 {host}:{port}（1024以下的端口需要管理员权限），请换一个端口，例如 {other}"
    return f"无法监听 {host}:{port}：该地址不属于本机或不可用，请检查地址"


def _unknown_command(argv: list[str]) -> str | None:
    """The management command named in `argv` if Django does not know it (checked before Django says so
    in English)."""
    if not argv or argv[0].startswith("-") or argv[0] in {"help", "version"}:
        return None
    _setup_django()
    from django.core.management import get_commands

    return None if argv[0] in get_commands() else argv[0]


def manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    unknown = _unknown_command(argv)
    if unknown:
        raise UsageError(f"未知命令：{unknown}。运行 gongkai manage help 查看全部命令")

    try:
        execute_from_command_line(["gongkai manage", *argv])
    except SystemExit as exc:  # management commands exit on errors; keep the code
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    return 0


def _serve_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="运行公开平台")
    parser.add_argument("addr", nargs="?", default=DEFAULT_ADDR, help="ADDR:PORT（默认 127.0.0.1:8000）")
    parser.add_argument("--prod", action="store_true", help="用 gunicorn 运行（生产环境）")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn 工作进程数（默认 3）")
    parser.add_argument(
        "--no-worker", action="store_true", help="不启动后台任务进程（它在别处运行时，例如多台应用服务器）"
    )
    return parser


def serve(argv: list[str]) -> int:
    args = _serve_parser("gongkai serve").parse_args(argv)
    host, port = parse_addr(args.addr)
    check_port_free(host, port)
    bind = f"{host}:{port}"
    code = manage(["createcachetable", "--verbosity", "0"])
    if code:
        return code
    if not args.prod:
        return _supervise(_manage_command("runserver", bind), worker=not args.no_worker)
    if os.environ.get("GONGKAI_ENV", "").strip().lower() != "production":
        print(
            "gongkai serve: 提示：未设置 GONGKAI_ENV=production，将以非生产配置运行 gunicorn", file=sys.stderr
        )
    code = manage(["collectstatic", "--noinput", "--verbosity", "0"])
    if code:
        return code
    return _supervise(gunicorn_command(bind, args.workers), worker=not args.no_worker)


def gunicorn_command(bind: str, workers: int) -> list[str]:
    """gunicorn for the platform: access log without query strings or referrers, through the logger
    class that masks personal data in the request path (gongkai.logfilters.GunicornLogger)."""
    command = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--bind", bind]
    command += ["--workers", str(workers), "--access-logfile", "-", "--access-logformat", ACCESS_LOG]
    return [*command, "--logger-class", "gongkai.logfilters.GunicornLogger"]


# --- The server beside its task worker ----------------------------------------------------------------
WORKER_STOP_SECONDS = 30  # time the worker gets to finish its running task before it is killed


def _manage_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gongkai.cli", "manage", *args]


def worker_command() -> list[str]:
    """The database task worker, as `gongkai serve` and `gongkai demo` start it."""
    return _manage_command("db_worker", "--no-reload", "--interval", "1")


class _Stop(Exception):
    """SIGTERM arrived: stop the children and exit."""


def _raise_stop(signum, frame):
    raise _Stop


def _supervise(server: list[str], worker: bool = True) -> int:
    """Run `server` (and the task worker) until one of them ends or we are told to stop; then stop the rest.

    The children get process groups of their own, so Ctrl+C reaches only this process, and each child gets
    exactly one SIGTERM from it (a second signal would make the worker abandon its running task).

    Returns the server's exit status; 0 after an orderly stop (SIGTERM); 130 after Ctrl+C; 1 when the
    worker died on its own (said on stderr)."""
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    children: dict[str, subprocess.Popen] = {}
    try:
        if worker:
            children["worker"] = subprocess.Popen(worker_command(), process_group=0)
        children["server"] = subprocess.Popen(server, process_group=0)
        while True:
            for name, child in children.items():
                code = child.poll()
                if code is None:
                    continue
                if name == "worker":
                    print(f"gongkai: 后台任务进程意外退出（退出码 {code}），服务器随之停止", file=sys.stderr)
                    return 1
                return code
            time.sleep(0.2)
    except _Stop:
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean stop short
        _stop_children(children)
        signal.signal(signal.SIGTERM, previous)


def _stop_children(children: dict[str, subprocess.Popen]) -> None:
    """SIGTERM to every running child (gunicorn and runserver stop, the worker finishes its task), then
    wait; whatever still runs after WORKER_STOP_SECONDS is killed."""
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + WORKER_STOP_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gongkai demo", description="载入演示数据并启动开发服务器")
    parser.add_argument("addr", nargs="?", default=DEFAULT_ADDR, help="ADDR:PORT（默认 127.0.0.1:8000）")
    parser.add_argument("--no-serve", action="store_true", help="只迁移并载入演示数据，不启动服务器")
    parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")
    args = parser.parse_args(argv)
    host, port = parse_addr(args.addr)
    _setup_django()
    from gongkai.organs.demo import DemoRefused, refuse_in_production

    try:
        refuse_in_production()
    except DemoRefused as exc:
        raise ProductionRefusal(str(exc)) from exc
    if not args.no_serve:
        check_port_free(host, port)
    code = manage(["migrate", "--noinput", "--verbosity", "0"])
    if code:
        return code
    _setup_django()
    from gongkai.organs.demo import account_lines, load_demo

    region = load_demo()
    print(f"演示数据已就绪：{region.name}")
    print(f"门户网站： http://{host}:{port}/")
    print(f"工作台：   http://{host}:{port}/workspace/")
    print(f"系统管理： http://{host}:{port}/admin/")
    print("\n".join(account_lines()))
    if args.no_serve:
        return 0
    # No autoreload: the reloader would re-run this whole command (migrate, load, print) in a child.
    return _supervise(_manage_command("runserver", "--noreload", f"{host}:{port}"), worker=not args.no_worker)


def main(command: str, argv: list[str]) -> int:
    try:
        if command == "manage":
            return manage(argv)
        if command == "serve":
            return serve(argv)
        if command == "demo":
            return demo(argv)
    except UsageError as exc:
        print(f"gongkai {command}: {exc}", file=sys.stderr)
        return 2
    except PortBusyError as exc:
        print(f"gongkai {command}: {exc}", file=sys.stderr)
        return 1
    except ImproperlyConfigured as exc:
        print(f"gongkai {command}: 配置错误：{exc}", file=sys.stderr)
        return 2
    except ProductionRefusal as exc:
        print(f"gongkai {command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    print(f"gongkai：未知命令 {command!r}", file=sys.stderr)
    return 2
