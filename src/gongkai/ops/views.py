"""The health check (public) and the heartbeat endpoints (superusers only; 404 for everyone else)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gongkai.ops import services


@never_cache
@require_GET
def health(request):
    """200 when the database and the shared cache answer, 503 (naming what failed) otherwise. Says nothing
    about the server itself (no host name, no version)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "error"
    try:
        cache.set("gongkai:health", "ok", 10)
        checks["cache"] = "ok" if cache.get("gongkai:health") == "ok" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def _superuser(request) -> None:
    if not (request.user.is_authenticated and request.user.is_superuser):
        raise Http404


@never_cache
@require_POST
def heartbeat_send(request):
    _superuser(request)
    beat = services.send_heartbeat()
    return JsonResponse(beat.to_dict(), status=202)


@never_cache
@require_GET
def heartbeat_detail(request, beat_id):
    _superuser(request)
    beat = services.get_heartbeat(str(beat_id))
    if beat is None:
        raise Http404
    return JsonResponse(beat.to_dict())
