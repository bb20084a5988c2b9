"""The organ's navigation kept per public generation (catalog/publicnav.py): the column tree rendered once,
the columns by key and the region, shared by every page of the organ, and never stale.

Every change goes through the services, as in production. `publicnav.built` is this process's store of it.
"""

from __future__ import annotations

import re

from django.urls import reverse

from gongkai.catalog import pagecache, publicnav, selectors
from gongkai.catalog.models import CatalogColumn
from gongkai.catalog.services import columns as column_services
from gongkai.catalog.services import entries as services

HEADER = pagecache.HEADER


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def tree(html: str) -> str:
    return html[html.index('<nav class="panel catalog-tree"') :].split("</nav>")[0]


def kept(region) -> list[publicnav.OrganNav]:
    return [
        value
        for (token, kind, *rest), (_, value) in publicnav.built.items.items()
        if kind == "organ" and rest == [region.own.slug]
    ]


def test_the_tree_is_built_once_and_marks_each_pages_own_column(client, region):
    publicnav.built.clear()
    base = f"/xxgk/{region.own.slug}"
    decision, execution = page(client, f"{base}/c/decision/"), page(client, f"{base}/c/execution/")
    index = page(client, f"{base}/")
    assert len(kept(region)) == 1  # three pages, one navigation
    for html, current in ((decision, "decision"), (execution, "execution"), (index, None)):
        marked = re.findall(r'<a href="([^"]+)" aria-current="page">', tree(html))
        assert marked == ([f"{base}/c/{current}/"] if current else []), current
    # Otherwise the same tree on every page: the organ's active columns, in order, each linked once.
    unmarked = {tree(html).replace(' aria-current="page"', "") for html in (decision, execution, index)}
    assert len(unmarked) == 1
    links = re.findall(r'href="/xxgk/jia-jgsw/c/([a-z0-9-]+)/"', unmarked.pop())
    expected = [c.key for _, c in selectors.flat_columns(region.own) if c.kind != "group"]
    assert links == expected and "decision" in links


def test_a_new_column_shows_at_once_on_every_page_of_the_organ(client, region):
    base = f"/xxgk/{region.own.slug}"
    urls = [f"{base}/", f"{base}/c/decision/", f"{base}/guide/"]
    for url in urls:
        page(client, url)
    assert all(client.get(url)[HEADER] == "hit" for url in urls)
    before = kept(region)
    added = column_services.add_column(region.perms("clerk"), region.own, key="epidemic", title="疫情防控")
    for url in urls:
        response = client.get(url)
        assert response[HEADER] == "miss", url
        assert f'<a href="{base}/c/epidemic/">疫情防控</a>' in tree(response.content.decode()), url
    assert page(client, f"{base}/c/epidemic/").count('aria-current="page">疫情防控</a>') == 1
    assert len(kept(region)) == len(before) + 1  # a navigation for the new generation, the old unreachable
    # A child column: listed under its parent; the parent's list shows the child's entries.
    child = column_services.add_column(
        region.perms("clerk"), region.own, key="epidemic-notice", title="防控通告", parent=added
    )
    entry = region.publish(region.draft(title="关于疫情防控的通告", column=child.key))
    parent_page = page(client, f"{base}/c/epidemic/")
    assert f'<li><a href="{base}/c/epidemic-notice/">防控通告</a></li>' in tree(parent_page)
    assert f"{base}/e/{entry.pk}/" in parent_page and "关于疫情防控的通告" in parent_page


def test_switching_off_or_renaming_a_column_shows_at_once(client, region):
    base = f"/xxgk/{region.own.slug}"
    entry = region.publish(region.draft(title="执行情况通报", column="execution"))
    page(client, f"{base}/c/decision/")
    page(client, f"{base}/e/{entry.pk}/")
    column_services.change_column(region.perms("clerk"), region.column("decision"), title="重大决策")
    assert ">重大决策</a>" in tree(page(client, f"{base}/e/{entry.pk}/"))
    assert ">决策公开</a>" not in tree(page(client, f"{base}/"))
    column_services.change_column(region.perms("clerk"), region.column("decision"), is_active=False)
    assert client.get(f"{base}/c/decision/").status_code == 404
    assert f"{base}/c/decision/" not in page(client, f"{base}/c/execution/")
    # An entry in a switched-off column keeps its page, its crumb naming the column.
    column_services.change_column(region.perms("clerk"), region.column("execution"), is_active=False)
    html = page(client, f"{base}/e/{entry.pk}/")
    assert f'<li><a href="{base}/c/execution/">执行公开</a></li><li aria-current="page">正文</li>' in html
    assert f"{base}/c/execution/" not in tree(html)


def test_a_withdrawal_and_an_organ_rename_show_at_once_on_pages_of_a_kept_navigation(client, region):
    base = f"/xxgk/{region.own.slug}"
    kept_one = region.publish(region.draft(title="保留的决策", column="decision"))
    withdrawn = region.publish(region.draft(title="将撤回的决策", column="decision"))
    column = page(client, f"{base}/c/decision/")
    page(client, f"{base}/e/{withdrawn.pk}/")
    assert "将撤回的决策" in column and "保留的决策" in column
    services.withdraw(region.perms("head"), withdrawn, "内容有误")
    column = page(client, f"{base}/c/decision/")
    assert "将撤回的决策" not in column and f"{base}/e/{kept_one.pk}/" in column
    assert "撤回。</strong>撤回理由：内容有误" in page(client, f"{base}/e/{withdrawn.pk}/")
    region.own.name = "甲市机关事务服务中心"
    region.own.save()
    html = page(client, f"{base}/e/{kept_one.pk}/")
    portal = reverse("portal:organ", args=[region.own.slug])
    assert f'<li><a href="{portal}">甲市机关事务服务中心</a></li>' in html
    region.gov.name = "甲市人民政府（新）"
    region.gov.save()
    assert "主办单位：甲市人民政府（新）" in page(client, f"{base}/c/decision/")


def test_a_signed_in_user_gets_a_navigation_built_from_the_database(client, region):
    """Only requests the page cache serves share a kept navigation; staff pages are built afresh."""
    base = f"/xxgk/{region.own.slug}"
    page(client, f"{base}/c/decision/")
    # A row written outside the services (so no new generation): the anonymous page and navigation
    # stay as cached, the signed-in user sees the database as it is.
    CatalogColumn.objects.filter(organ=region.own, key="decision").update(title="未经服务改名")
    from django.test import Client

    staff = Client()
    staff.force_login(region.users["clerk"])
    assert ">未经服务改名</a>" in tree(staff.get(f"{base}/c/execution/").content.decode())
    assert ">未经服务改名</a>" not in tree(page(client, f"{base}/c/execution/"))


def test_the_kept_navigation_is_what_the_selectors_say(region):
    """The ids under each column (switched-off ones included, as column_ids_under) and the tree."""
    column_services.change_column(region.perms("clerk"), region.column("execution"), is_active=False)
    nav = publicnav.build(region.own.slug)
    columns = CatalogColumn.objects.filter(organ=region.own)
    assert {c.pk: sorted(nav.under[c.pk]) for c in columns} == {
        c.pk: sorted(selectors.column_ids_under(c)) for c in columns
    }
    assert set(nav.active) == {c.key for c in columns if c.is_active} and "execution" not in nav.active
    assert set(nav.columns) == {c.pk for c in columns}
    roots = selectors.column_tree(region.own)
    assert [node.column.pk for node in roots] == [
        c.pk for c in columns.filter(is_active=True, parent__isnull=True).order_by("sort_order", "id")
    ]
    assert nav.entry_url(42) == f"/xxgk/{region.own.slug}/e/42/"
    assert publicnav.build("no-such-organ") is None


def test_the_kept_column_count_follows_a_publication_and_a_withdrawal(client, region):
    url = f"/xxgk/{region.own.slug}/c/decision/"
    entries = [region.publish(region.draft(title=f"计数信息{n:02d}", column="decision")) for n in range(21)]
    assert "第 1 / 2 页，共 21 条" in page(client, url)
    assert "第 2 / 2 页，共 21 条" in page(client, url, page=2)  # the count kept, another page
    assert client.get(url, {"page": 2})[HEADER] == "hit"
    region.publish(region.draft(title="计数信息21", column="decision"))
    assert "第 2 / 2 页，共 22 条" in page(client, url, page=2)
    services.withdraw(region.perms("head"), entries[0], "重复")
    services.withdraw(region.perms("head"), entries[1], "重复")
    html = page(client, url)
    assert "共 20 条" not in html and 'class="pager"' not in html and "计数信息21" in html
