"""The heartbeat: the example task of the platform, and the check that a task worker runs.

A task is a module-level function decorated with `@task()`; it takes JSON-serialisable arguments (ids, not
model instances) and returns a JSON-serialisable value, which the database backend stores with the result.
"""

from __future__ import annotations

import os
import socket

from django.utils import timezone
from django_tasks import task


def process_name() -> str:
    """host:pid of this process, so a result shows which server queued it and which worker ran it."""
    return f"{socket.gethostname()}:{os.getpid()}"


@task()
def heartbeat(sent_by: str) -> dict:
    """Say which worker ran it, and when."""
    return {"sent_by": sent_by, "ran_by": process_name(), "ran_at": timezone.now().isoformat()}
