"""The tasks framework on the database backend: a task queued is a row, and the real worker runs it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gongkai.ops import services
from gongkai.ops.tasks import heartbeat, process_name


def test_the_default_backend_is_the_database():
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert isinstance(task_backends["default"], DatabaseBackend)
    assert heartbeat.get_backend() is task_backends["default"]


@pytest.mark.django_db(transaction=True)
def test_a_queued_heartbeat_waits_in_the_database_until_the_worker_runs_it():
    beat = services.send_heartbeat()
    row = DBTaskResult.objects.get(id=beat.id)
    assert (row.status, row.task_path) == (TaskResultStatus.READY, "gongkai.ops.tasks.heartbeat")
    assert beat.sent_by == process_name()
    assert services.get_heartbeat(beat.id).ran_by is None

    # The backend's own worker, as `gongkai manage db_worker` runs it; --batch ends it when the queue is empty.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")

    done = services.get_heartbeat(beat.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.ran_by == process_name()  # the worker ran in this process here
    assert done.finished_at is not None and done.finished_at >= done.enqueued_at
    result = heartbeat.get_result(beat.id)
    assert result.return_value["sent_by"] == process_name()
    assert result.worker_ids and result.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_task_that_cannot_be_loaded_is_recorded_as_failed():
    # A row whose task path no longer exists (code removed in an upgrade while a task was queued).
    result = heartbeat.enqueue(sent_by="test")
    DBTaskResult.objects.filter(id=result.id).update(task_path="gongkai.ops.tasks.no_such_task")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.FAILED


@pytest.mark.django_db
def test_unknown_heartbeat_ids_are_none():
    assert services.get_heartbeat("00000000-0000-0000-0000-000000000000") is None


@pytest.mark.django_db(transaction=True)
def test_heartbeat_command_fails_in_chinese_when_no_worker_runs(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("heartbeat", "--wait", "0.3")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "等待 0.3 秒后心跳任务仍未完成（状态：排队中）" in err
    assert "gongkai manage db_worker" in err
