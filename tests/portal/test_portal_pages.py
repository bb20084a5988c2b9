"""Public portal views: status codes, content, 404s, accessibility structure, and no personal data."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client
from tests.factories import OrganFactory

from gongkai.core.registry import portal_columns
from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant

# The generic column pages are those no app has taken over yet (apps register their own pages).
COLUMNS = [column for column in portal_columns() if column.placeholder]

pytestmark = pytest.mark.django_db


@pytest.fixture
def region() -> dict[str, Organ]:
    gov = OrganFactory(
        slug="gaoan",
        name="高安市人民政府",
        credit_number=1,
        kind=OrganKind.GOVERNMENT,
        short_name="高安市政府",
        phone="0795-5212300",
    )
    office = OrganFactory(
        slug="gaoan-office",
        name="高安市人民政府办公室",
        credit_number=2,
        parent=gov,
        kind=OrganKind.DEPARTMENT,
        short_name="市政府办",
        is_supervising=True,
        address="江西省高安市瑞阳大道1号",
        postcode="330800",
        phone="0795-5211234",
        email="gkb@gaoan.example.cn",
        office_hours="工作日 上午8:00—12:00，下午14:30—17:30",
    )
    bureau = OrganFactory(
        slug="gaoan-jgsw",
        name="高安市机关事务管理局",
        credit_number=3,
        parent=gov,
        kind=OrganKind.DEPARTMENT,
        short_name="机关事务局",
    )
    town = OrganFactory(
        slug="xiangfu", name="高安市祥符镇人民政府", credit_number=4, parent=gov, kind=OrganKind.TOWNSHIP
    )
    street = OrganFactory(
        slug="junyang", name="高安市筠阳街道办事处", credit_number=5, parent=gov, kind=OrganKind.SUBDISTRICT
    )
    return {"gov": gov, "office": office, "bureau": bureau, "town": town, "street": street}


def _html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_home_lists_region_and_organs_grouped_by_kind_in_declared_order(client, region):
    html = _html(client, "/")
    assert '<html lang="zh-CN">' in html
    assert '<h1 id="region-heading">高安市人民政府</h1>' in html
    for organ in (
        "高安市人民政府办公室",
        "高安市机关事务管理局",
        "高安市祥符镇人民政府",
        "高安市筠阳街道办事处",
    ):
        assert organ in html
    # Groups follow OrganKind's order: departments, then 乡镇, then 街道; the region itself is not a group.
    positions = [html.index(f">{label}</h3>") for label in ("政府部门", "乡镇", "街道")]
    assert positions == sorted(positions)
    assert ">人民政府</h3>" not in html
    assert 'action="/search/"' in html
    assert "联系电话：0795-5212300" in html
    assert "办公地址" not in html.split("region-heading")[1].split("</section>")[0]  # no address recorded


def test_home_lists_only_the_region_tree_and_orders_by_sort_order(client, region):
    other_root = OrganFactory(slug="yi", name="乙市人民政府", credit_number=6, kind=OrganKind.GOVERNMENT)
    OrganFactory(
        slug="yi-finance", name="乙市财政局", credit_number=7, parent=other_root, kind=OrganKind.DEPARTMENT
    )
    region["bureau"].sort_order = 0
    region["bureau"].save()
    region["office"].sort_order = 5
    region["office"].save()
    html = _html(client, "/")
    assert "乙市" not in html
    assert html.index("高安市机关事务管理局") < html.index("高安市人民政府办公室")
    assert "乙市财政局" in _html(client, "/organs/yi-finance/")  # still has its own page


def test_home_disclosure_block_links_every_column_of_the_region(client, region):
    html = _html(client, "/")
    assert 'id="disclosure"' in html
    for column in portal_columns():  # an app's column links to its own page
        assert f'href="{_column_href(column, "gaoan")}"' in html
        assert column.heading in html


def test_home_without_any_organ_explains_itself(client):
    html = _html(client, "/")
    assert "本平台尚未录入机关信息" in html


def test_organ_page_shows_public_contact_details_and_columns(client, region):
    html = _html(client, "/organs/gaoan-office/")
    assert "<h1>高安市人民政府办公室</h1>" in html
    for text in (
        "江西省高安市瑞阳大道1号",
        "330800",
        "0795-5211234",
        "gkb@gaoan.example.cn",
        "上午8:00—12:00",
    ):
        assert text in html
    assert 'href="tel:0795-5211234"' in html
    assert region["office"].credit_code in html
    for column in portal_columns():
        assert f'href="{_column_href(column, "gaoan-office")}"' in html
    # The breadcrumb leads back through the parent organ.
    assert 'href="/organs/gaoan/"' in html


def test_breadcrumb_lists_every_superior_top_down(client, region):
    OrganFactory(
        slug="xiangfu-office",
        name="高安市祥符镇党政办",
        credit_number=8,
        parent=region["town"],
        kind=OrganKind.OTHER,
    )
    html = _html(client, "/organs/xiangfu-office/guide/")
    crumbs = html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    order = ["首页", "高安市人民政府", "高安市祥符镇人民政府", "高安市祥符镇党政办", "政府信息公开指南"]
    positions = [crumbs.index(text) for text in order]
    assert positions == sorted(positions)


def test_home_is_built_with_few_queries(client, region, django_assert_num_queries):
    # The region once (shared by the view and the layout), its subtree in one recursive query whatever
    # its depth, and the organs themselves: the count grows with neither the organs nor the levels.
    with django_assert_num_queries(3):
        _html(client, "/")


def test_organ_page_says_when_contact_details_are_missing(client, region):
    html = _html(client, "/organs/gaoan-jgsw/")
    assert html.count("暂未公布") == 3  # address, phone, office hours


def test_region_page_lists_subordinate_organs(client, region):
    html = _html(client, "/organs/gaoan/")
    assert "下级机关" in html
    assert 'href="/organs/junyang/"' in html


def _column_href(column, slug: str) -> str:
    from django.urls import reverse

    return (
        reverse(column.url_name, kwargs={"slug": slug})
        if column.url_name
        else f"/organs/{slug}/{column.slug}/"
    )


def portal_columns_by_slug() -> dict:
    return {c.slug: c for c in portal_columns()}


# The columns no app has taken over yet (an app's column, e.g. 依申请公开, links to the app's own page).
PLACEHOLDERS = [c for c in COLUMNS if getattr(portal_columns_by_slug().get(c.slug), "placeholder", True)]


def test_each_column_page_is_a_labelled_placeholder_or_an_apps_own(client, region):
    """Columns no app has taken are labelled placeholders; every other one links to its app's page."""
    taken = [c for c in portal_columns() if not getattr(c, "placeholder", True)]
    assert all(c.url_name for c in taken), [c.slug for c in taken if not c.url_name]
    for column in PLACEHOLDERS:
        _assert_placeholder(client, column)


def _assert_placeholder(client, column):
    html = _html(client, f"/organs/gaoan-office/{column.slug}/")
    assert f"<h1>{column.heading}</h1>" in html
    assert "本栏目正在建设中" in html
    assert column.coming in html
    assert f'href="/organs/gaoan-office/{column.slug}/" aria-current="page"' in html
    assert "0795-5211234" in html  # contact details on every column page
    assert ("相关规定" in html) == bool(column.notes)
    for note in column.notes:
        assert note in html


def test_apply_and_report_columns_cite_the_regulations(client, region):
    html = _html(client, "/organs/gaoan-office/apply/")
    assert "20个工作日内予以答复" in html and "（第三十三条）" in html
    html = _html(client, "/organs/gaoan-office/reports/")
    assert "1月31日前" in html and "3月31日前" in html and "（第四十九条）" in html


@pytest.mark.parametrize(
    "url", ["/organs/no-such-organ/", "/organs/no-such-organ/guide/", "/organs/gaoan/no-such-column/"]
)
def test_unknown_organ_or_column_is_a_chinese_404(client, region, url):
    html = _html(client, url, status=404)
    assert "页面不存在" in html
    assert '<html lang="zh-CN">' in html


def test_portal_is_read_only(client, region):
    assert client.post("/").status_code == 405
    assert client.post("/organs/gaoan/").status_code == 405
    assert client.head("/organs/gaoan/guide/").status_code == 200


def test_search_matches_name_and_short_name(client, region):
    html = _html(client, "/search/?q=机关事务")
    assert "（1个）" in html
    assert 'href="/organs/gaoan-jgsw/"' in html
    html = _html(client, "/search/?q=市政府办")  # only the short name of the office contains this
    assert 'href="/organs/gaoan-office/"' in html
    html = _html(client, "/search/?q=不存在的机关")
    assert "没有找到名称包含“不存在的机关”的机关" in html


def test_search_escapes_the_query_and_caps_its_length(client, region):
    html = _html(client, "/search/?q=<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    long_query = "局" * 200
    html = _html(client, f"/search/?q={long_query}")
    assert "局" * 50 + "”的搜索结果" in html
    assert "局" * 51 not in html


def test_search_without_query_shows_only_the_form(client, region):
    html = _html(client, "/search/")
    assert "搜索结果" not in html


def test_no_staff_or_personal_data_on_public_pages(client, region):
    user = get_user_model().objects.create_user(
        username="zhangsan_clerk",
        password="Gk-test-pass-2025",
        first_name="三",
        last_name="张",
        email="zhangsan@example.cn",
    )
    RoleGrant.objects.create(user=user, organ=region["office"], role=Role.CLERK)
    urls = ["/", "/search/?q=高安", "/organs/gaoan-office/"]
    urls += [f"/organs/gaoan-office/{column.slug}/" for column in COLUMNS]
    for url in urls:
        html = _html(client, url)
        for private in ("zhangsan", "张三", "信息公开专员", "身份证号"):
            assert private not in html, (url, private)


def test_500_page_renders_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "服务暂时不可用" in html
    assert '<html lang="zh-CN">' in html


def test_stylesheet_and_icon_are_served(client):
    for path in ("/static/gongkai/gongkai.css", "/static/gongkai/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100


class _Structure(HTMLParser):
    """Collects headings, landmarks, ids and fragment links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))


def _structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=高安", "/organs/gaoan/", "/organs/gaoan-office/", "/organs/no-such-organ/"]
    + [f"/organs/gaoan-office/{column.slug}/" for column in COLUMNS],
)
def test_pages_have_landmarks_skip_link_and_ordered_headings(client, region, url):
    response = client.get(url)
    page = _structure(response.content.decode())
    tags = [tag for tag, _ in page.tags]
    assert tags.count("main") == 1 and tags.count("header") >= 1 and tags.count("footer") == 1
    navs = [attrs for tag, attrs in page.tags if tag == "nav"]
    assert navs and all(attrs.get("aria-label") for attrs in navs)
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link == {"class": "skip-link", "href": "#main"} and "main" in page.ids
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after} on {url}"
    assert len(page.ids) == len(set(page.ids)), f"duplicate ids on {url}"
    for _, attrs in page.tags:
        for reference in ("aria-labelledby", "for"):
            if attrs.get(reference):
                assert attrs[reference] in page.ids, (url, reference, attrs[reference])
    # Every form control has a label.
    labelled = {attrs.get("for") for tag, attrs in page.tags if tag == "label"}
    for tag, attrs in page.tags:
        if tag == "input" and attrs.get("type") not in {"hidden", "submit"}:
            assert attrs.get("id") in labelled, (url, attrs)


def test_expired_form_is_refused_with_a_chinese_page(region):
    response = Client(enforce_csrf_checks=True).post("/workspace/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and '<html lang="zh-CN">' in html


@pytest.mark.parametrize(("template", "title"), [("400.html", "请求无效"), ("403.html", "无权访问")])
def test_other_error_pages_are_chinese(rf, region, template, title):
    html = render_to_string(template, request=rf.get("/"))
    assert f"<h1>{title}</h1>" in html
    assert "高安市人民政府" in html  # the shared layout, with the region's name
