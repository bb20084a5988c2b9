"""The organ's catalogue: installing the default tree and settings, renaming, reordering and adding columns,
the settings (索引号 pattern, review chain, 不予公开 re-review period) and the editable 指南 page."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import numbering, pagecache, workflow
from gongkai.catalog.choices import ColumnKind, Genre
from gongkai.catalog.models import CatalogColumn, CatalogSettings
from gongkai.catalog.params import column_set, params
from gongkai.catalog.permissions import Action
from gongkai.catalog.sanitize import clean_html
from gongkai.catalog.services._common import audit, check, text
from gongkai.catalog.verbs import CatalogVerb
from gongkai.organs.models import Role

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _install_columns(organ, nodes, parent=None, start=0) -> int:
    order = start
    for node in nodes:
        kinds = node.get("organ_kinds")
        if kinds and organ.kind not in kinds:
            continue
        order += 10
        column = CatalogColumn.objects.create(
            organ=organ,
            parent=parent,
            key=node["key"],
            title=node["title"],
            kind=node["kind"],
            note=node.get("note", ""),
            sort_order=order,
        )
        _install_columns(organ, node.get("children", ()), column, 0)
    return order


def setup_catalog(actor, organ) -> CatalogSettings:
    """The organ's catalogue settings and default columns (the set in force today); idempotent."""
    check(actor, Action.MANAGE, organ)
    with transaction.atomic():
        existing = CatalogSettings.objects.select_for_update().filter(organ=organ).first()
        if existing is not None:
            return existing
        p = params()
        columns = column_set()
        settings = CatalogSettings.objects.create(
            organ=organ,
            index_pattern=p.index_pattern,
            review_chain=[vars(level) for level in p.review_chain],
            withheld_review_months=p.withheld_review_months,
            interpretation_required_genres=list(p.interpretation_required_genres),
            column_set=columns["id"],
        )
        _install_columns(organ, columns["columns"])
        audit(CatalogVerb.SETTINGS_CHANGED, actor, organ, settings, {"column_set": [None, columns["id"]]})
        pagecache.changed()
    organ.catalog_settings = settings
    return settings


def update_settings(actor, organ, *, index_pattern=None, review_chain=None, withheld_review_months=None,
                    interpretation_required_genres=None) -> dict:  # fmt: skip
    check(actor, Action.MANAGE, organ)
    changes: dict = {}
    with transaction.atomic():
        settings = CatalogSettings.objects.select_for_update().get(organ=organ)
        if index_pattern is not None:
            try:
                numbering.validate_pattern(index_pattern)
            except ValueError as exc:
                raise ValidationError({"index_pattern": str(exc)}) from None
            changes["index_pattern"] = [settings.index_pattern, index_pattern]
            settings.index_pattern = index_pattern
        if review_chain is not None:
            try:
                chain = workflow.chain_from(review_chain)
            except (ValueError, KeyError, TypeError):
                raise ValidationError({"review_chain": "审核层级不能为空，每级须有名称和角色"}) from None
            if len(chain) > 5 or any(level.role not in (Role.REVIEWER, Role.HEAD) for level in chain):
                raise ValidationError({"review_chain": "审核层级为1至5级，每级由审核员或负责人办理"})
            changes["review_chain"] = [settings.review_chain, [vars(level) for level in chain]]
            settings.review_chain = [vars(level) for level in chain]
        if withheld_review_months is not None:
            months = int(withheld_review_months)
            if not 1 <= months <= 60:
                raise ValidationError({"withheld_review_months": "复查周期应为1至60个月"})
            changes["withheld_review_months"] = [settings.withheld_review_months, months]
            settings.withheld_review_months = months
        if interpretation_required_genres is not None:
            genres = sorted(set(interpretation_required_genres))
            if any(g not in Genre.values for g in genres):
                raise ValidationError({"interpretation_required_genres": "体裁的取值无效"})
            changes["interpretation_required_genres"] = [settings.interpretation_required_genres, genres]
            settings.interpretation_required_genres = genres
        changes = {k: v for k, v in changes.items() if v[0] != v[1]}
        if changes:
            settings.save()
            audit(CatalogVerb.SETTINGS_CHANGED, actor, organ, settings, changes)
            pagecache.changed()
    return changes


def add_column(actor, organ, *, key: str, title: str, parent: CatalogColumn | None = None) -> CatalogColumn:
    check(actor, Action.MANAGE, organ)
    key = (key or "").strip().lower()
    if not _KEY.match(key):
        raise ValidationError({"key": "栏目标识只能包含小写字母、数字和连字符，且以字母或数字开头"})
    title = text(title, "title", "栏目名称", required=True, max_length=100)
    if parent is not None and parent.organ_id != organ.pk:
        raise ValidationError({"parent": "上级栏目须属于本机关"})
    with transaction.atomic():
        if CatalogColumn.objects.filter(organ=organ, key=key).exists():
            raise ValidationError({"key": f"栏目标识“{key}”已被使用"})
        last = CatalogColumn.objects.filter(organ=organ, parent=parent).order_by("-sort_order").first()
        column = CatalogColumn.objects.create(
            organ=organ,
            parent=parent,
            key=key,
            title=title,
            kind=ColumnKind.CUSTOM,
            sort_order=(last.sort_order if last else 0) + 10,
        )
        audit(CatalogVerb.COLUMN_CREATED, actor, organ, column, {"title": [None, title], "key": [None, key]})
        pagecache.changed()
    return column


def change_column(actor, column: CatalogColumn, *, title=None, sort_order=None, is_active=None) -> dict:
    """Rename, reorder or switch off a column; its key (and so every URL) stays."""
    check(actor, Action.MANAGE, column)
    with transaction.atomic():
        current = CatalogColumn.objects.select_for_update().get(pk=column.pk)
        changes = {}
        if title is not None:
            title = text(title, "title", "栏目名称", required=True, max_length=100)
            changes["title"] = [current.title, title]
            current.title = title
        if sort_order is not None:
            try:
                order = int(sort_order)
            except (TypeError, ValueError):
                raise ValidationError({"sort_order": "排序应为非负整数"}) from None
            if order < 0:
                raise ValidationError({"sort_order": "排序应为非负整数"})
            changes["sort_order"] = [current.sort_order, order]
            current.sort_order = order
        if is_active is not None:
            changes["is_active"] = [current.is_active, bool(is_active)]
            current.is_active = bool(is_active)
        changes = {k: v for k, v in changes.items() if v[0] != v[1]}
        if changes:
            current.save()
            audit(CatalogVerb.COLUMN_CHANGED, actor, current.organ, current, changes)
            pagecache.changed()
    column.title, column.sort_order, column.is_active = current.title, current.sort_order, current.is_active
    return changes


def update_guide(actor, organ, body: str) -> CatalogSettings:
    """The 政府信息公开指南 page (第十二条), sanitised like every body."""
    check(actor, Action.MANAGE, organ)
    cleaned = clean_html(body)
    with transaction.atomic():
        settings = CatalogSettings.objects.select_for_update().get(organ=organ)
        if settings.guide_body != cleaned:
            settings.guide_body = cleaned
            settings.guide_updated_at = timezone.now()
            settings.save(update_fields=["guide_body", "guide_updated_at"])
            audit(CatalogVerb.GUIDE_CHANGED, actor, organ, settings, {"guide_body": ["…", "…"]})
            pagecache.changed()
    return settings
