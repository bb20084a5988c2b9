"""/ops/health/ (public) and the heartbeat endpoints (superusers only; everyone else gets 404)."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@pytest.fixture
def users(db):
    model = get_user_model()
    staff = model.objects.create_user("staff", password=None, is_staff=True)
    root = model.objects.create_superuser("root", password=None)
    return {"staff": staff, "root": root}


@pytest.mark.django_db
def test_health_says_database_and_cache_answer_and_nothing_about_the_server(client):
    response = client.get("/ops/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/ops/health/").status_code == 405


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_heartbeat_endpoints_are_404_for_all_but_superusers(client, users, who):
    if who != "anonymous":
        client.force_login(users[who])
    assert client.post("/ops/heartbeat/").status_code == 404
    assert client.get(f"/ops/heartbeat/{uuid.uuid4()}/").status_code == 404
    assert DBTaskResult.objects.count() == 0


def test_a_superuser_queues_a_heartbeat_and_reads_its_state(client, users):
    client.force_login(users["root"])
    response = client.post("/ops/heartbeat/")
    assert response.status_code == 202
    data = response.json()
    assert (data["status"], data["status_label"], data["ran_by"]) == ("READY", "排队中", None)
    assert DBTaskResult.objects.get(id=data["id"]).status == TaskResultStatus.READY
    detail = client.get(f"/ops/heartbeat/{data['id']}/")
    assert detail.status_code == 200
    assert detail.json()["sent_by"] == data["sent_by"]
    assert client.get(f"/ops/heartbeat/{uuid.uuid4()}/").status_code == 404
    assert client.get("/ops/heartbeat/").status_code == 405
