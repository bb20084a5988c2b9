from django.urls import path
from tests.extension_app import views

from gongkai.core.registry import Decision

staff_organ_patterns = [
    path("", views.memos, name="memos"),
    path("write/", views.write, name="write"),
]
staff_decisions = {
    "memos": Decision("extension.view"),
    "write": Decision("extension.write", methods=("POST",)),
}
