"""How the catalogue plugs into the platform: everything it registers from `CatalogConfig.ready()`."""

from __future__ import annotations

from gongkai.core import registry


def register() -> None:
    from gongkai.catalog import api, demo, permissions, urls
    from gongkai.catalog.permissions import Action
    from gongkai.catalog.verbs import LABELS

    registry.register_audit_verbs({str(k): v for k, v in LABELS.items()})
    registry.register_permissions("catalog", permissions.predicate)
    view, draft, manage = (f"catalog.{a}" for a in (Action.VIEW, Action.DRAFT, Action.MANAGE))
    get, post, both = ("GET",), ("POST",), ("GET", "POST")
    registry.register_staff_urls(
        "catalog",
        organ_patterns=urls.organ_patterns,
        decisions={
            "home": registry.Decision(view, get),
            "setup": registry.Decision(manage, post),
            "entries": registry.Decision(view, get),
            "entry-new": registry.Decision(draft, both),
            "entry": registry.Decision(view, get),
            "entry-edit": registry.Decision(draft, both),
            "entry-attach": registry.Decision(draft, post),
            # The service decides per action (submit: draft; approve/return/secrecy: review; withdraw).
            "entry-action": registry.Decision(view, post),
            "columns": registry.Decision(manage, both),
            "settings": registry.Decision(manage, both),
            "guide": registry.Decision(manage, both),
            "register": registry.Decision(view, both),
            "register-event": registry.Decision(manage, post),
            "cleanup": registry.Decision(manage, both),
            "figures": registry.Decision(manage, both),
            "yearly": registry.Decision(view, get),
        },
    )
    registry.register_tile(
        registry.Tile(
            "catalog",
            "主动公开",
            "政府信息公开目录、发布审核与保密审查、规范性文件登记",
            url_name="catalog:home",
            permission=view,
            order=20,
        )
    )
    for column in PORTAL_COLUMNS:
        registry.register_portal_column(column)
    registry.register_demo_loader("catalog", demo.load_demo, order=50)
    registry.register_api_router("catalog", api.router)
    _watch_organs()


def _watch_organs() -> None:
    """Organ names and slugs are on every public catalogue page: a saved or deleted organ gives the public
    pages a new generation (after the row is written, so no page of the old name is cached under the new one)."""
    from django.db.models.signals import post_delete, post_save

    from gongkai.organs.models import Organ

    post_save.connect(_organ_changed, sender=Organ, dispatch_uid="catalog-pagecache-organ-saved")
    post_delete.connect(_organ_changed, sender=Organ, dispatch_uid="catalog-pagecache-organ-deleted")


def _organ_changed(**kwargs) -> None:
    from gongkai.catalog import pagecache

    pagecache.changed()


PORTAL_COLUMNS = (
    registry.PortalColumn(
        slug="guide",
        title="指南",
        heading="政府信息公开指南",
        summary="说明本机关政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话。",
        url_name="catalog_public:guide",
        order=10,
    ),
    registry.PortalColumn(
        slug="rules",
        title="制度",
        heading="政府信息公开制度",
        summary="本机关政府信息公开工作的制度规范，包括发布审查、保密审查、依申请公开办理等制度。",
        url_name="catalog_public:system",
        order=20,
    ),
    registry.PortalColumn(
        slug="catalog",
        title="目录",
        heading="政府信息公开目录",
        summary="本机关主动公开的政府信息目录，列明索引号、名称、内容概述、生成日期等，可按栏目浏览和检索。",
        url_name="catalog_public:index",
        order=30,
    ),
)
