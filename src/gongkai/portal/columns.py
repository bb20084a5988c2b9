"""The default sub-columns of an organ's 政府信息公开 column, registered as placeholders.

Article 12 of the regulations asks every organ for a 指南 and a 目录; the 制度, 依申请公开 and 年报 entries are
the national practice for the column's layout. An app that brings a column's content registers a
`PortalColumn` with the same slug (and its `url_name`) from its `ready()`, replacing the placeholder; the
portal lists whatever is registered (`gongkai.core.registry.portal_columns`).

`notes` are plain-language pointers to the regulations (2019 revision, 国务院令第711号), shown as 相关规定.
Display text only: the deadlines the platform computes with live in the versioned rule sets, not here.
"""

from __future__ import annotations

from functools import partial

from gongkai.core.registry import PortalColumn

Column = partial(PortalColumn, placeholder=True)


COLUMNS: tuple[PortalColumn, ...] = (
    Column(
        slug="guide",
        title="指南",
        heading="政府信息公开指南",
        summary="说明本机关政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话。",
        coming="完整的政府信息公开指南正文将在后续版本发布。右侧列出的办公地址、办公时间和联系电话现已有效。",
        notes=("行政机关应当编制、公布政府信息公开指南和政府信息公开目录，并及时更新（第十二条）。",),
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
        coming="在线申请功能将在后续版本上线。目前可按本页所列地址以信函方式或到办公地点当面提出申请。",
        notes=(
            "公民、法人或者其他组织可以向行政机关申请获取相关政府信息（第二十七条）。",
            "申请应当采用书面形式（包括数据电文形式）；书面形式确有困难的，可以口头提出，由受理机关代为填写"
            "申请（第二十九条）。",
            "申请内容包括：申请人的姓名或者名称、身份证明、联系方式；所需政府信息的名称、文号或者便于查询的"
            "其他特征性描述；获取信息的方式、途径（第二十九条）。",
            "不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长的，经政府信息公开工作机构负责人"
            "同意并告知申请人，延长期限最长不超过20个工作日（第三十三条）。",
            "行政机关依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费"
            "（第四十二条）。",
        ),
    ),
    Column(
        slug="reports",
        title="年报",
        heading="政府信息公开工作年度报告",
        summary="本机关上一年度政府信息公开工作情况的年度报告。",
        coming="历年年度报告将在后续版本发布。",
        notes=(
            "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度"
            "政府信息公开工作年度报告并向社会公布（第四十九条）。",
            "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度"
            "政府信息公开工作年度报告（第四十九条）。",
        ),
    ),
)

# Their order on the page: the national layout (指南, 制度, 目录, 依申请公开, 年报).
COLUMNS = tuple(
    PortalColumn(**{**column.__dict__, "order": (index + 1) * 10}) for index, column in enumerate(COLUMNS)
)
