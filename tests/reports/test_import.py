"""Import of reports published elsewhere: upload (many files, ZIPs), background reading with progress,
matching by name with a person confirming uncertain matches, unread cells shown, bad uploads refused, and
the imported report as the previous year of the cross-year rules."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from tests.reports.test_compile import scenario  # noqa: F401  (the fixture)
from tests.reports.test_views_and_region import _cases

from gongkai.annualreport.writers import write
from gongkai.audit.models import AuditEvent
from gongkai.reports import compile as compiling
from gongkai.reports import imports, services
from gongkai.reports.models import ImportBatch, ImportedFile, ImportEvent, Match
from gongkai.reports.uploads import MAX_FILES, Upload

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _report(region, organ_name=None, year=2025):
    _cases(region)
    report = compiling.compiled(region.own, year)
    if organ_name is not None:
        report.agency = organ_name
        report.title = f"{organ_name}{year}年政府信息公开工作年度报告"
    return report


def _upload(client, region, files):
    client.force_login(region.users["supervisor"])
    url = f"/workspace/o/{region.office.slug}/reports/import/"
    posted = [io.BytesIO(data) for _, data in files]
    for handle, (name, _) in zip(posted, files, strict=True):
        handle.name = name
    return client.post(url, {"files": posted})


def test_upload_reads_checks_and_matches_each_file(client, region, settings):
    settings.TASKS = IMMEDIATE
    exact = _report(region)
    sibling = compiling.compiled(region.own, 2025)
    sibling.agency = "高安财政局"  # not the organ's name: an uncertain match
    sibling.title = None
    response = _upload(
        client,
        region,
        [
            ("机关事务管理局.docx", write(exact, "docx")),
            ("others.zip", _zip({"财政/年报.html": write(sibling, "html").encode()})),
            ("broken.pdf", b"%PDF-1.4\n garbage"),
        ],
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{batch.pk}/")
    assert (batch.status, batch.total, batch.processed, batch.percent) == ("done", 3, 3, 100)
    files = {f.name: f for f in batch.files.all()}
    assert set(files) == {"机关事务管理局.docx", "others.zip/财政/年报.html", "broken.pdf"}
    docx = files["机关事务管理局.docx"]
    assert (docx.match, docx.organ, docx.score, docx.year) == (Match.MATCHED, region.own, 1.0, 2025)
    assert services.Report.from_dict(docx.data) == exact  # read back exactly
    assert [f["rule"] for f in docx.findings] == [f.rule for f in services.check(exact)]
    html = files["others.zip/财政/年报.html"]
    assert (html.match, html.organ, html.agency) == (Match.UNCERTAIN, region.sibling, "高安财政局")
    assert 0.6 <= html.score < 0.95
    broken = files["broken.pdf"]
    assert broken.match == Match.UNREADABLE and broken.error and broken.data is None
    page = client.get(response["Location"]).content.decode()
    assert "已读取 3/3 个文件（100%）" in page and "hx-get" not in page  # finished: no more polling
    assert "待确认" in page and "无法读取" in page
    assert [e.kind for e in ImportEvent.objects.filter(batch=batch)].count("read") == 3
    assert AuditEvent.objects.filter(action="report.imported", organ=region.office).count() == 1


def test_a_person_confirms_an_uncertain_match(client, region, settings):
    settings.TASKS = IMMEDIATE
    report = _report(region, "高安财政局")
    _upload(client, region, [("a.html", write(report, "html").encode())])
    imported = ImportedFile.objects.get()
    assert imported.match == Match.UNCERTAIN
    base = f"/workspace/o/{region.office.slug}/reports/import/file/{imported.pk}/"
    page = client.get(base).content.decode()
    assert "待确认" in page and f'<option value="{region.sibling.pk}" selected>' in page
    assert f'value="{region.foreign.pk}"' not in page  # another region's organ is never offered
    bad = client.post(base + "confirm/", {"organ": region.foreign.pk}, follow=True).content.decode()
    assert "文件“a.html”：请选择所属机关" in bad
    client.post(base + "confirm/", {"organ": region.sibling.pk, "year": "2025"})
    imported.refresh_from_db()
    assert (imported.match, imported.organ, imported.confirmed_by) == (
        Match.CONFIRMED,
        region.sibling,
        region.users["supervisor"],
    )
    assert AuditEvent.objects.filter(action="report.import_confirmed", organ=region.sibling).count() == 1
    with pytest.raises(PermissionDenied):
        imports.confirm_match(region.perms("clerk"), imported, region.own)
    with pytest.raises(ValidationError, match="不在本部门管辖范围内"):
        imports.confirm_match(region.perms("supervisor"), imported, region.foreign)
    client.force_login(region.users["sibling_clerk"])
    assert client.get(base).status_code == 404  # the office's import is not the organ's page
    client.force_login(region.users["clerk"])
    assert client.get(base).status_code == 404


def test_unread_cells_are_shown_as_unread_never_filled_in(client, region, settings):
    settings.TASKS = IMMEDIATE
    report = _report(region)
    report.applications.new.natural_person = None
    report.applications.new.total = None
    _upload(client, region, [("r.html", write(report, "html").encode())])
    imported = ImportedFile.objects.get()
    data = services.Report.from_dict(imported.data)
    assert data.applications.new.natural_person is None and data.applications.new.total is None
    assert data.applications.new.commercial_enterprise == report.applications.new.commercial_enterprise
    page = client.get(
        f"/workspace/o/{region.office.slug}/reports/import/file/{imported.pk}/"
    ).content.decode()
    unread = sum(1 for _, v in data.cells() if v is None)
    assert f"{unread}个单元格未读出" in page
    assert page.count('<span class="unread">未读出</span>') == sum(
        1 for p, v in data.cells("proactive", "applications", "reviews") if v is None
    )


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_in_the_background_worker_and_the_page_polls_until_done(client, region):
    report = _report(region)
    response = _upload(
        client, region, [("a.docx", write(report, "docx")), ("b.txt", write(report, "md").encode())]
    )
    batch = ImportBatch.objects.get()
    row = DBTaskResult.objects.get(id=batch.task_id)
    assert (row.status, row.task_path) == (TaskResultStatus.READY, "gongkai.reports.tasks.read_import")
    page = client.get(response["Location"]).content.decode()
    assert "已读取 0/2 个文件（0%）" in page and 'hx-trigger="every 2s"' in page and "刷新本页" in page
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="import-progress"') and "<html" not in fragment
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")
    assert DBTaskResult.objects.get(id=batch.task_id).status == TaskResultStatus.SUCCESSFUL
    page = client.get(response["Location"]).content.decode()
    assert "已读取 2/2 个文件（100%）" in page and "hx-get" not in page
    assert set(batch.files.values_list("match", flat=True)) == {Match.MATCHED}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("a.exe", b"MZ")], "文件“a.exe”：不支持的文件类型"),
        ([("empty.pdf", b"")], "文件“empty.pdf”：文件为空"),
        ([("bad.zip", b"PK\x03\x04 not a zip")], "文件“bad.zip”：ZIP压缩包已损坏"),
        (
            [("nest.zip", _zip({"inner.zip": _zip({"a.txt": b"x"})}))],
            "文件“nest.zip/inner.zip”：压缩包内不能再含压缩包",
        ),
        ([("bomb.zip", _zip({"big.txt": b"0" * (10 * 1024 * 1024)}))], "文件“bomb.zip/big.txt”：压缩比异常"),
        ([("x.zip", _zip({"a.png": b"x"}))], "文件“x.zip/a.png”：不支持的文件类型"),
        ([(f"{i}.txt", b"x") for i in range(MAX_FILES + 1)], f"一次最多导入{MAX_FILES}个报告文件"),
    ],
    ids=["type", "empty", "corrupt-zip", "nested-zip", "zip-bomb", "zip-member-type", "count"],
)
def test_bad_uploads_are_refused_naming_the_file_and_nothing_is_stored(
    client, region, settings, files, message
):
    settings.TASKS = IMMEDIATE
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1000
    response = _upload(client, region, files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists() and not ImportedFile.objects.exists()


def test_an_oversized_file_is_refused_by_its_size(region):
    upload = Upload("huge.pdf", b"", size=21 * 1024 * 1024)
    with pytest.raises(ValidationError, match="文件“huge.pdf”：21 MB，超过单个文件上限20 MB"):
        imports.start_import(region.perms("supervisor"), region.office, [upload])
    with pytest.raises(PermissionDenied):
        imports.start_import(region.perms("clerk"), region.own, [Upload("a.txt", b"x")])


def test_an_imported_report_is_the_previous_year_for_the_cross_year_rules(scenario, settings):  # noqa: F811
    settings.TASKS = IMMEDIATE
    supervisor = scenario.perms("supervisor")
    last = compiling.compiled(scenario.own, 2024)
    imports.start_import(supervisor, scenario.office, [Upload("2024.docx", write(last, "docx"))])
    this = services.compile_report(scenario.perms("clerk"), scenario.own, 2025)
    rules = {f.rule for f in services.check_report(this).findings}
    assert not rules & {"X0", "X1"}  # the imported 2024 was compared, and the carry-over agrees
    assert services.previous_report(scenario.own, 2025) == imports.imported_report(scenario.own, 2024)
    broken = compiling.compiled(scenario.own, 2024)
    broken.applications.carried_forward.natural_person += 2
    broken.applications.carried_forward.total += 2
    imports.start_import(supervisor, scenario.office, [Upload("2024-v2.docx", write(broken, "docx"))])
    assert "X1" in {f.rule for f in services.check_report(this).findings}


def test_matching_by_name():
    class Named:
        def __init__(self, pk, name, short=""):
            self.pk, self.name, self.short_name = pk, name, short

    gov, office, cz = (
        Named(1, "高安市人民政府"),
        Named(2, "高安市人民政府办公室"),
        Named(3, "高安市财政局", "高财"),
    )
    organs = [gov, office, cz]
    assert imports.match_organ("高安市财政局", None, "x.pdf", organs) == (cz, 1.0)
    assert imports.match_organ("高财", None, "x.pdf", organs) == (cz, 1.0)
    assert imports.match_organ(None, "高安市人民政府办公室2024年政府信息公开工作年度报告", "x", organs) == (
        office,
        imports.CERTAIN,
    )
    assert imports.match_organ(None, None, "高安市财政局2024年报.pdf", organs) == (cz, 0.8)
    assert imports.match_organ("某某县教育局", None, "x.pdf", organs) == (None, 0.0)


def test_more_files_than_django_accepts_get_the_same_chinese_error(client, region, settings):
    settings.TASKS = IMMEDIATE
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 5
    response = _upload(client, region, [(f"{i}.txt", b"x") for i in range(6)])
    assert response.status_code == 400
    assert f"一次最多导入{MAX_FILES}个报告文件" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_upload_past_the_total_cap_is_refused_before_it_is_read(client, region, settings, monkeypatch):
    from gongkai.reports import uploads

    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(uploads, "MAX_TOTAL_BYTES", 3 * 1024 * 1024)  # the cap, made small to test it
    response = _upload(
        client, region, [("a.txt", b"x" * (2 * 1024 * 1024)), ("b.txt", b"y" * (2 * 1024 * 1024))]
    )
    assert response.status_code == 400
    assert "文件“b.txt”：本次导入超过总量上限3 MB，请分批上传" in response.content.decode()
    assert not ImportBatch.objects.exists()
