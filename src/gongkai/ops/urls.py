from django.urls import path

from gongkai.ops import views

app_name = "ops"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("heartbeat/", views.heartbeat_send, name="heartbeat"),
    path("heartbeat/<uuid:beat_id>/", views.heartbeat_detail, name="heartbeat-detail"),
]
