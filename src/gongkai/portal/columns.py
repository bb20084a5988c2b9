"""The sub-columns of an organ's 政府信息公开 column.

Article 12 of the regulations asks every organ for a 指南 and a 目录; the 制度, 依申请公开 and 年报 entries are
the national practice for the column's layout. Kept as data so that later issues attach content by slug
without touching URLs or templates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    slug: str
    title: str  # shown in navigation
    heading: str  # page heading
    summary: str  # what the column holds, shown on the organ page
    coming: str  # what a later release adds; the page says so plainly


COLUMNS: tuple[Column, ...] = (
    Column(
        slug="guide",
        title="指南",
        heading="政府信息公开指南",
        summary="说明本机关政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话。",
        coming="完整的政府信息公开指南正文将在后续版本发布。下方列出的办公地址、办公时间和联系电话现已有效。",
    ),
    Column(
        slug="rules",
        title="制度",
        heading="政府信息公开制度",
        summary="本机关政府信息公开工作的制度规范，包括发布审查、保密审查、依申请公开办理等制度。",
        coming="本栏目的制度文件将在后续版本发布。",
    ),
    Column(
        slug="catalog",
        title="目录",
        heading="政府信息公开目录",
        summary="本机关主动公开的政府信息目录，列明索引号、名称、内容概述、生成日期等。",
        coming="主动公开目录将在后续版本上线，届时可按主题分类、发布日期和文号检索。",
    ),
    Column(
        slug="apply",
        title="依申请公开",
        heading="依申请公开",
        summary="公民、法人或者其他组织可以向本机关申请获取政府信息。",
        coming="在线申请功能将在后续版本上线。目前可按下方地址以信函方式或到办公地点当面提出申请。",
    ),
    Column(
        slug="reports",
        title="年报",
        heading="政府信息公开工作年度报告",
        summary="本机关每年1月31日前公布的上一年度政府信息公开工作年度报告。",
        coming="历年年度报告将在后续版本发布。",
    ),
)

BY_SLUG: dict[str, Column] = {column.slug: column for column in COLUMNS}
