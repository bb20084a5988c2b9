"""Public portal URLs, included at `/` by the root URL conf."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("organs/<slug:slug>/", views.organ_detail, name="organ"),
    path("organs/<slug:slug>/<slug:column>/", views.organ_column, name="column"),
]
