"""Simultaneous online submissions get distinct, consecutive registration numbers and none is lost.

PostgreSQL: 200 threads released at once, at most 40 holding a connection at a time (the shared server allows
100 connections for every helper and test run); the counter row lock serialises the bumps. SQLite: the same
code and the same threads; SQLite's single write lock serialises them, so a smaller count keeps it short.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from tests.applications.conftest import PERSON

from gongkai.applications.models import Application
from gongkai.applications.services import cases


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_get_consecutive_numbers(region):
    count = 200 if connection.vendor == "postgresql" else 20
    barrier = threading.Barrier(count)
    connections_at_once = threading.BoundedSemaphore(40)
    errors: list[BaseException] = []

    def submit():
        try:
            barrier.wait()
            with connections_at_once:
                cases.submit_online(region.own, dict(PERSON))
                connections.close_all()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = sorted(Application.objects.filter(organ=region.own).values_list("number_seq", flat=True))
    assert seqs == list(range(1, count + 1))
    assert len(set(Application.objects.values_list("number", flat=True))) == count
