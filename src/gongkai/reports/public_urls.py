"""The public 年报 pages, included at /nianbao/ by the root URL conf (namespace "reports-public")."""

from django.urls import path

from gongkai.reports import views

app_name = "reports-public"

urlpatterns = [
    path("<slug:slug>/", views.public_list, name="list"),
    path("<slug:slug>/<int:year>/v<int:number>.<str:fmt>", views.public_download, name="download"),
    path(
        "<slug:slug>/<int:year>/region-v<int:number>.<str:fmt>",
        views.public_download,
        {"region": True},
        name="region-download",
    ),
]
