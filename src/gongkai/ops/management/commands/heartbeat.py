"""`gongkai manage heartbeat [--wait SECONDS]`: queue a heartbeat task and wait for a worker to run it.

Exit 0 when a worker ran it (printing which, and how long it took), 1 when none did in time: a check for
monitoring (cron, systemd timers) that the task worker (`gongkai manage db_worker`) is alive.
"""

import sys
import time

from django.core.management.base import BaseCommand

from gongkai.ops import services


class Command(BaseCommand):
    help = "发送心跳任务并等待后台任务进程（db_worker）处理，检查其是否在运行"

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait", type=float, default=30.0, metavar="SECONDS", help="最长等待秒数（默认 30）"
        )

    def handle(self, *args, wait: float, **options):
        started = time.monotonic()
        beat = services.send_heartbeat()
        beat = services.wait_for_heartbeat(beat.id, wait)
        elapsed = time.monotonic() - started
        if beat is not None and beat.ran_by:
            self.stdout.write(f"后台任务进程 {beat.ran_by} 已处理心跳任务（用时 {elapsed:.1f} 秒）")
            return
        state = beat.status_label if beat else "不存在"
        sys.stderr.write(
            f"gongkai manage heartbeat: 等待 {wait:g} 秒后心跳任务仍未完成（状态：{state}）："
            "请检查后台任务进程（gongkai manage db_worker）是否在运行\n"
        )
        sys.exit(1)
