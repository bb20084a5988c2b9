"""Staff pages at /workspace/o/<slug>/reports/ (namespace "reports"); public pages in `public_urls`."""

from django.urls import path

from gongkai.core.registry import Decision
from gongkai.reports import views

staff_organ_patterns = [
    path("", views.index, name="index"),
    path("compile/", views.compile_view, name="compile"),
    path("worklog/", views.worklog_view, name="worklog"),
    path("supervise/<int:year>/", views.supervise, name="supervise"),
    path("compare/", views.compare_view, name="compare"),
    path("supervise/<int:year>/scorecard/", views.scorecard_view, name="scorecard"),
    path("supervise/<int:year>/scorecard/configure/", views.scorecard_configure, name="scorecard-configure"),
    path("supervise/<int:year>/export.xlsx", views.export_xlsx, name="export"),
    path("import/", views.import_index, name="import"),
    path("import/<int:batch>/", views.import_batch, name="import-batch"),
    path("import/file/<int:file>/", views.import_file, name="import-file"),
    path("import/file/<int:file>/confirm/", views.import_confirm, name="import-confirm"),
    path("region/compile/", views.compile_region_view, name="region-compile"),
    path("region/<int:year>/", views.detail, {"region": True}, name="region-detail"),
    path("region/<int:year>/edit/", views.edit_view, {"region": True}, name="region-edit"),
    path("region/<int:year>/explain/", views.explain_view, {"region": True}, name="region-explain"),
    path("region/<int:year>/publish/", views.publish_view, {"region": True}, name="region-publish"),
    path("region/<int:year>/reopen/", views.reopen_view, {"region": True}, name="region-reopen"),
    path(
        "region/<int:year>/v<int:number>.<str:fmt>", views.download, {"region": True}, name="region-download"
    ),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/cell/<str:path>/", views.drill, name="drill"),
    path("<int:year>/edit/", views.edit_view, name="edit"),
    path("<int:year>/explain/", views.explain_view, name="explain"),
    path("<int:year>/publish/", views.publish_view, name="publish"),
    path("<int:year>/reopen/", views.reopen_view, name="reopen"),
    path("<int:year>/return/", views.return_view, name="return"),
    path("<int:year>/v<int:number>.<str:fmt>", views.download, name="download"),
]
GET, POST = ("GET",), ("POST",)
staff_decisions = {
    "index": Decision("reports.view", GET),
    "compile": Decision("reports.compile", POST),
    "worklog": Decision("reports.compile", POST),
    "supervise": Decision("reports.review", GET),
    "compare": Decision("reports.view", GET),
    "scorecard": Decision("reports.review", GET),
    "scorecard-configure": Decision("reports.review", POST),
    "export": Decision("reports.review", GET),
    "import": Decision("reports.review", ("GET", "POST")),
    "import-batch": Decision("reports.review", GET),
    "import-file": Decision("reports.review", GET),
    "import-confirm": Decision("reports.review", POST),
    "region-compile": Decision("reports.region", POST),
    "region-detail": Decision("reports.review", GET),
    "region-edit": Decision("reports.region", POST),
    "region-explain": Decision("reports.region", POST),
    "region-publish": Decision("reports.region", POST),
    "region-reopen": Decision("reports.region", POST),
    "region-download": Decision("reports.review", GET),
    "detail": Decision("reports.view", GET),
    "drill": Decision("reports.view", GET),
    "edit": Decision("reports.compile", POST),
    "explain": Decision("reports.compile", POST),
    "publish": Decision("reports.publish", POST),
    "reopen": Decision("reports.publish", POST),
    "return": Decision("reports.review", POST),
    "download": Decision("reports.view", GET),
}
