"""Registries that apps fill from `AppConfig.ready()`; the shells (workspace, portal), the audit trail, the
API and `gongkai demo` read them. Nothing here knows any app: adding an app never edits this module.

    from gongkai.core import registry

    class ApplicationsConfig(AppConfig):
        def ready(self):
            registry.register_audit_verbs({"case.registered": "登记申请"})
            registry.register_tile(registry.Tile("applications", "依申请公开", "待办队列",
                                                 url_name="applications:queue", order=10))
            ...

Registering twice under one key is an error (`ImproperlyConfigured`), except that a real entry replaces a
placeholder (`placeholder=True`) of the same key: the shells register placeholders for modules to come.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def _put(store: dict, key: str, entry: Any, *, placeholder: bool = False) -> None:
    current = store.get(key)
    if current is not None and current is not entry and not getattr(current, "placeholder", False):
        if placeholder:
            return  # a real entry is already there: the placeholder is not needed
        raise ImproperlyConfigured(f"重复注册：{key}")
    store[key] = entry


# --- Workspace dashboard tiles --------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """One card on an organ's workspace dashboard (工作概览).

    `url_name` is reversed with the organ's slug (`reverse(url_name, kwargs={"slug": organ.slug})`);
    `permission` ("app.action") hides the tile from users who may not take that action in the organ
    (None: every user who sees the organ). A placeholder shows `coming` instead of a link.
    """

    key: str
    title: str
    summary: str
    url_name: str | None = None
    permission: str | None = None
    coming: str = ""
    order: int = 100
    placeholder: bool = False


_TILES: dict[str, Tile] = {}


def register_tile(tile: Tile) -> None:
    _put(_TILES, tile.key, tile, placeholder=tile.placeholder)


def tiles() -> list[Tile]:
    return sorted(_TILES.values(), key=lambda t: (t.order, t.key))


# --- Portal columns (the sub-columns of an organ's 政府信息公开 column) -------------------------------


@dataclass(frozen=True)
class PortalColumn:
    """One entry of an organ's public 政府信息公开 column.

    With `url_name` the entry links to the app's public page, reversed with the organ's slug; without it
    the portal shows its generic column page (summary, `coming`, `notes`).
    """

    slug: str
    title: str  # shown in navigation
    heading: str  # page heading
    summary: str  # what the column holds, shown on the organ page
    coming: str = ""  # what a later release adds; the page says so plainly
    notes: tuple[str, ...] = ()  # plain-language pointers to the regulations (display text only)
    url_name: str | None = None
    order: int = 100
    placeholder: bool = False


_COLUMNS: dict[str, PortalColumn] = {}


def register_portal_column(column: PortalColumn) -> None:
    _put(_COLUMNS, column.slug, column, placeholder=column.placeholder)


def portal_columns() -> list[PortalColumn]:
    return sorted(_COLUMNS.values(), key=lambda c: (c.order, c.slug))


def portal_column(slug: str) -> PortalColumn | None:
    return _COLUMNS.get(slug)


# --- Staff URL namespaces ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """Who may open one staff URL, declared beside the URL so that no URL exists without a decision.

    `permission` ("app.action") is asked on the organ named by the URL's `slug` (or on the object the view
    loads); None means any signed-in user. Unseen organs and objects are 404, never 403.
    `methods` are the HTTP methods the URL answers.
    """

    permission: str | None
    methods: tuple[str, ...] = ("GET",)


@dataclass(frozen=True)
class StaffUrls:
    namespace: str
    organ_patterns: tuple = ()  # mounted at /workspace/o/<slug:slug>/<namespace>/
    patterns: tuple = ()  # mounted at /workspace/<namespace>/
    decisions: Mapping[str, Decision] = field(default_factory=dict)

    def url_names(self) -> set[str]:
        return {p.name for p in (*self.organ_patterns, *self.patterns) if getattr(p, "name", None)}


_STAFF: dict[str, StaffUrls] = {}


def register_staff_urls(
    namespace: str,
    *,
    organ_patterns: Iterable = (),
    patterns: Iterable = (),
    decisions: Mapping[str, Decision],
) -> None:
    """Mount an app's staff pages under the workspace, in URL namespace `namespace`.

    Every named pattern needs an entry in `decisions`; a missing one fails at start-up.
    """
    entry = StaffUrls(namespace, tuple(organ_patterns), tuple(patterns), dict(decisions))
    missing = sorted(entry.url_names() - set(entry.decisions))
    if missing:
        raise ImproperlyConfigured(f"工作台网址 {namespace} 缺少权限决定：{'、'.join(missing)}")
    _put(_STAFF, namespace, entry)


def staff_urls() -> list[StaffUrls]:
    return sorted(_STAFF.values(), key=lambda s: s.namespace)


# --- Audit verbs -----------------------------------------------------------------------------------

_AUDIT_VERBS: dict[str, str] = {}


def register_audit_verbs(labels: Mapping[str, str]) -> None:
    """Declare audit verbs ("case.registered") with their Chinese labels. A new verb needs no migration."""
    for code, label in labels.items():
        code, label = str(code), str(label)
        if _AUDIT_VERBS.get(code, label) != label:
            raise ImproperlyConfigured(f"审计操作 {code} 已以另一名称注册")
        _AUDIT_VERBS[code] = label


def audit_label(code: str) -> str:
    """The Chinese label of an audit verb; an unregistered one (an app since removed) shows its code."""
    return _AUDIT_VERBS.get(code, code)


def audit_verbs() -> list[tuple[str, str]]:
    return sorted(_AUDIT_VERBS.items())


# --- Demo-data loaders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], Any]  # idempotent: re-running `gongkai demo` adds only what is missing
    order: int = 100  # organs and accounts load at 10; apps that need them use a larger number


_DEMO: dict[str, DemoLoader] = {}


def register_demo_loader(name: str, load: Callable[[], Any], *, order: int = 100) -> None:
    _put(_DEMO, name, DemoLoader(name, load, order))


def demo_loaders() -> list[DemoLoader]:
    return sorted(_DEMO.values(), key=lambda d: (d.order, d.name))


# --- API routers and prefixes ----------------------------------------------------------------------

_API_ROUTERS: dict[str, Any] = {}


def register_api_router(prefix: str, router: Any) -> None:
    """Mount a django-ninja `Router` at /api/v1/<prefix>/ (prefix without slashes, e.g. "applications")."""
    prefix = prefix.strip("/")
    _put(_API_ROUTERS, prefix, router)


def api_routers() -> list[tuple[str, Any]]:
    return sorted(_API_ROUTERS.items())


_API_PREFIXES: set[str] = {"/api/"}


def register_api_prefix(prefix: str) -> None:
    """Paths under `prefix` get JSON errors (404, CSRF failure) instead of the HTML pages."""
    _API_PREFIXES.add(prefix)


def api_prefixes() -> tuple[str, ...]:
    return tuple(sorted(_API_PREFIXES))


# --- Permission predicates (for `user.has_perm("app.action", obj)` and `{% can %}`) -----------------

_PERMISSIONS: dict[str, Callable[[Any, str, Any], bool]] = {}


def register_permissions(app_label: str, predicate: Callable[[Any, str, Any], bool]) -> None:
    """`predicate(perms, action, obj) -> bool` answers "app_label.action" for one object."""
    _put(_PERMISSIONS, app_label, predicate)


def permission_predicate(app_label: str) -> Callable[[Any, str, Any], bool] | None:
    return _PERMISSIONS.get(app_label)
