"""What every public catalogue page of an organ shows around its content, built once per public generation:
the organ, its columns (by key and by id, with the ids of each column and those below it), the column tree's
HTML (about 45 links: an eighth of a column page's rendering) and the region for the layout; and, by the same
rule, the search form's choices and each column's entry count (the pager's, one COUNT per page before).

It is kept in this process under the generation token the page cache read for the request (`pagecache`), so
the page cache's rule keeps it current: every change the public sees (a new, renamed, reordered or switched
off column, a saved organ, a publication or a withdrawal) replaces the token in its own transaction, and from
the moment it commits nothing built before it is reachable. A request the page cache does not serve (a
signed-in user, a parameter the page does not read) has no token and gets all of it built afresh from the
database, exactly as before. Entries expire after `pagecache.TIMEOUT`, a safety net only.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalog import pagecache, selectors
from gongkai.catalog.models import CatalogColumn
from gongkai.organs.models import Organ
from gongkai.organs.region import region_organ

MAX_ITEMS = 256  # organs × recent tokens; a few kB each
MAX_COUNTS = 8192  # columns × recent tokens; a few dozen bytes each
_MARK = re.compile(r"<!--mark:(.*?)-->")  # values are escaped slugs and ids: none holds "-->"


class Marked:
    """A fragment rendered once, with `<!--mark:VALUE-->` where a per-request attribute may go (the
    current column's aria-current, the chosen option's selected): filled by `html(chosen, attribute)`."""

    def __init__(self, html: str):
        self.parts = _MARK.split(html)  # html, value, html, value, …, html

    def html(self, chosen, attribute: str) -> SafeString:
        chosen = "" if chosen is None else str(escape(chosen))
        parts = self.parts
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            if chosen and parts[i] == chosen:
                out.append(attribute)
            out.append(parts[i + 1])
        return mark_safe("".join(out))  # noqa: S308 - rendered by a template, only the attribute added


@dataclass(frozen=True)
class OrganNav:
    organ: Organ
    active: dict[str, CatalogColumn]  # the active columns by key (the URLs' <key>)
    columns: dict[int, CatalogColumn]  # every column by id, active or not (an entry's column)
    under: dict[int, tuple[int, ...]]  # column id -> it and all below it (selectors.column_ids_under)
    tree: Marked  # _tree.html, each link marked with its column's id
    entry_prefix: str  # "/xxgk/<slug>/e/": an entry page is entry_prefix + "<pk>/"

    def tree_html(self, current: int | None = None) -> SafeString:
        """The column tree, the current column's link marked aria-current."""
        return self.tree.html(current, ' aria-current="page"')

    def entry_url(self, pk: int) -> str:
        return f"{self.entry_prefix}{pk}/"


def build(slug: str) -> OrganNav | None:
    """The organ's navigation from the database (None: no such organ)."""
    organ = Organ.objects.filter(slug=slug).first()
    if organ is None:
        return None
    columns = list(CatalogColumn.objects.filter(organ=organ).order_by("sort_order", "id"))
    for column in columns:
        column.organ = organ  # the views read column.organ
    children: dict[int | None, list[int]] = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column.pk)
    under = {}
    for column in columns:  # breadth first, as selectors.column_ids_under
        ids, frontier = [column.pk], [column.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, ())]
            ids.extend(frontier)
        under[column.pk] = tuple(ids)
    active = [c for c in columns if c.is_active]
    html = render_to_string("catalog/public/_tree.html", {"organ": organ, "tree": selectors.tree_of(active)})
    tree = Marked(html)
    probe = reverse("catalog_public:entry", args=[organ.slug, 0])
    if not probe.endswith("/0/"):
        raise RuntimeError(f"unexpected entry URL {probe}")
    return OrganNav(
        organ=organ,
        active={c.key: c for c in active},
        columns={c.pk: c for c in columns},
        under=under,
        tree=tree,
        entry_prefix=probe[:-2],
    )


class _Recent:
    """A small thread-safe LRU of built values, each with an expiry."""

    def __init__(self, max_items: int):
        self.max_items = max_items
        self.items: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple, make):
        now = time.monotonic()
        with self.lock:
            found = self.items.get(key)
            if found is not None and found[0] > now:
                self.items.move_to_end(key)
                return found[1]
        value = make()  # outside the lock: two threads may both build, the last one stays
        if value is not None:
            with self.lock:
                self.items[key] = (now + pagecache.TIMEOUT, value)
                self.items.move_to_end(key)
                while len(self.items) > self.max_items:
                    self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


built = _Recent(MAX_ITEMS)  # navigations, the region, the search form's choices
counts = _Recent(MAX_COUNTS)  # small values, many: kept apart so they never push a navigation out


def per_generation(request, key: tuple, make, store: _Recent = built):
    """`make()`, kept under this request's generation token; built afresh when the request has none."""
    token = pagecache.request_generation(request)
    if token is None:
        return make()
    return store.get((token, *key), make)


def organ_nav(request, slug: str) -> OrganNav | None:
    return per_generation(request, ("organ", slug), lambda: build(slug))


_NO_REGION = object()


@dataclass(frozen=True)
class SearchOptions:
    """The search form's choices: every organ (sort order, name) and the top-level columns (key, title)."""

    region: Organ | None
    by_slug: dict[str, Organ]
    organ_options: Marked  # <option>s of the organs (slug, name), marked with their slugs
    column_options: Marked  # and of the columns (key, title)


def build_search_options() -> SearchOptions:
    organs = tuple(Organ.objects.order_by("sort_order", "name"))
    by_slug: dict[str, Organ] = {}
    for organ in organs:
        by_slug.setdefault(organ.slug, organ)
    columns = (
        CatalogColumn.objects.filter(parent__isnull=True)
        .values_list("key", "title")
        .order_by("key")
        .distinct()
    )
    columns = sorted({key: title for key, title in columns}.items())
    return SearchOptions(
        region=region_organ(),
        by_slug=by_slug,
        organ_options=_options([(o.slug, o.name) for o in organs]),
        column_options=_options(columns),
    )


def _options(choices) -> Marked:
    return Marked(render_to_string("catalog/public/_options.html", {"choices": choices}))


def search_options(request) -> SearchOptions:
    return per_generation(request, ("search",), build_search_options)


def region(request) -> dict:
    """{"region": the region organ} for the layout when it is kept (the context processor's lookup, once per
    generation), else {} and the context processor looks it up as usual."""
    if pagecache.request_generation(request) is None:
        return {}
    found = per_generation(request, ("region",), lambda: region_organ() or _NO_REGION)
    return {"region": None if found is _NO_REGION else found}
