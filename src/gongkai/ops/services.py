"""Sending a heartbeat and reading its result (the views and the `heartbeat` command call these)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from gongkai.ops.tasks import heartbeat, process_name

STATUS_LABELS = {
    TaskResultStatus.READY: "排队中",
    TaskResultStatus.RUNNING: "运行中",
    TaskResultStatus.SUCCESSFUL: "已完成",
    TaskResultStatus.FAILED: "失败",
}


@dataclass(frozen=True)
class Beat:
    id: str
    status: str
    enqueued_at: datetime | None
    finished_at: datetime | None
    sent_by: str
    ran_by: str | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "status": str(self.status),
            "status_label": self.status_label,
            "enqueued_at": self.enqueued_at.isoformat() if self.enqueued_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "sent_by": self.sent_by,
            "ran_by": self.ran_by,
        }


def send_heartbeat() -> Beat:
    """Queue a heartbeat; the row is committed (visible to workers) when this returns."""
    with transaction.atomic():
        result = heartbeat.enqueue(sent_by=process_name())
    return _beat(result)


def get_heartbeat(beat_id: str) -> Beat | None:
    """The heartbeat's state, or None for an unknown id (or one that is not a heartbeat)."""
    try:
        return _beat(heartbeat.get_result(beat_id))
    except (TaskResultDoesNotExist, TaskResultMismatch):  # unknown id, or another task's result
        return None


def wait_for_heartbeat(beat_id: str, timeout: float, interval: float = 0.25) -> Beat | None:
    """Poll until the heartbeat finished or `timeout` seconds passed; the last state seen."""
    deadline = time.monotonic() + timeout
    beat = get_heartbeat(beat_id)
    while beat is not None and beat.status not in {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}:
        if time.monotonic() >= deadline:
            break
        time.sleep(interval)
        beat = get_heartbeat(beat_id)
    return beat


def _beat(result) -> Beat:
    value = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    return Beat(
        id=str(result.id),
        status=result.status,
        enqueued_at=result.enqueued_at,
        finished_at=result.finished_at,
        sent_by=result.kwargs.get("sent_by", ""),
        ran_by=value["ran_by"] if value else None,
    )
