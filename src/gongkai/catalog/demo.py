"""Demo data for `gongkai demo`: a catalogue for every demo organ with a few thousand published entries across
the columns, 政策解读 linked to policy documents, and a 规范性文件 register over three years (issues, repeals,
lapses and a clean-up). Loaded with bulk_create so `make demo` starts fast; idempotent (an organ that already
has entries is left alone). Titles are made from real-looking patterns; the organs and numbers are demo values.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.catalog import numbering
from gongkai.catalog.choices import (
    CleanupDecision,
    Disclosure,
    DocumentKind,
    EntryStatus,
    Genre,
    InterpretationForm,
    RegisterEventKind,
    StepKind,
    Validity,
    VersionState,
)
from gongkai.catalog.models import (
    CatalogColumn,
    Cleanup,
    CleanupItem,
    Entry,
    EntryVersion,
    IndexCounter,
    NormativeDocument,
    RegisterEvent,
    ReviewStep,
    YearFigures,
)
from gongkai.catalog.search import index as search_index
from gongkai.catalog.search.rebuild import documents_for
from gongkai.catalog.services.columns import setup_catalog, update_guide, update_settings
from gongkai.core.actors import SYSTEM
from gongkai.organs.models import Organ

PER_ORGAN = 420
YEARS = (2023, 2024, 2025)
DEMO_ORGAN = "gaoan-jgsw"

TOPICS = (
    "公务用车", "公车管理", "节能降耗", "公共机构节能", "机关事务", "办公用房", "安全生产", "政府采购", "垃圾分类",
    "机关食堂", "国有资产", "会议服务", "物业管理", "绿色出行", "能源资源节约", "节约型机关", "后勤保障",
    "干部职工体检", "房屋维修", "固定资产清查", "义务教育", "学前教育", "财政预算", "专项资金", "乡村振兴",
    "社会救助", "农村土地承包", "城市更新", "优化营商环境", "数字政府",
)  # fmt: skip
PATTERNS = {
    "decision": ("关于征求《{city}{topic}管理办法（征求意见稿）》意见的公告", Genre.NOTICE),
    "execution": ("{short}{year}年{topic}工作推进情况", Genre.REPORT),
    "management": ("{short}关于进一步加强{topic}管理的通知", Genre.NOTICE),
    "service": ("{topic}办事指南", Genre.OTHER),
    "result": ("{short}{year}年{topic}工作总结", Genre.REPORT),
    "art20-01": ("关于印发《{city}{topic}管理办法》的通知", Genre.NORMATIVE),
    "art20-02": ("{short}机构职能", Genre.OTHER),
    "art20-03": ("{city}{topic}“十四五”专项规划", Genre.PLAN),
    "art20-04": ("{year}年{topic}统计数据", Genre.OTHER),
    "art20-07": ("{name}{year}年部门预算公开", Genre.BUDGET),
    "art20-09": ("{short}{topic}项目政府采购结果公告", Genre.NOTICE),
    "art20-13": ("{year}年{topic}监督检查情况通报", Genre.NOTICE),
    "art20-15": ("{short}{topic}工作动态", Genre.NEWS),
    "system": ("{short}政府信息公开{topic}制度", Genre.OTHER),
    "art21-t01": ("{short}{year}年{topic}政策落实情况", Genre.REPORT),
    "art21-s02": ("{short}{topic}公共服务事项清单", Genre.OTHER),
}  # fmt: skip
BODY = (
    "<p>为深入贯彻《中华人民共和国政府信息公开条例》，进一步做好{topic}工作，现将有关事项公布如下。</p>"
    "<h2>一、工作目标</h2><p>坚持以公开为常态、不公开为例外，围绕{topic}重点任务，细化责任分工，"
    "确保各项工作落到实处。</p><h2>二、主要措施</h2><ol><li>健全{topic}工作机制。</li>"
    "<li>加强监督检查，及时公开办理结果。</li><li>强化政策解读，回应社会关切。</li></ol>"
)


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 30))


def _two_levels() -> None:
    """The demo 机关事务管理局 has one 审核员 and one 负责人 (gongkai.organs.demo): its chain is 初审 → 终审,
    which also shows that the number of levels is the organ's setting."""
    organ = Organ.objects.filter(slug=DEMO_ORGAN).first()
    if organ is not None:
        update_settings(
            SYSTEM,
            organ,
            review_chain=[{"label": "初审", "role": "reviewer"}, {"label": "终审", "role": "head"}],
        )


def _organ_entries(organ, rng: random.Random) -> int:
    columns = {c.key: c for c in CatalogColumn.objects.filter(organ=organ)}
    keys = [k for k in PATTERNS if k in columns]
    author = None  # demo history is the system's: no account is tied to it (accounts stay deletable)
    short = organ.short_name or organ.name
    city = "高安市"
    today = timezone.localdate()
    counters: dict[int, int] = {}
    specs = []
    for n in range(PER_ORGAN):
        key = keys[n % len(keys)] if n < len(keys) * 3 else rng.choice(keys)
        year = rng.choice(YEARS + (today.year,))
        generated = date(year, 1, 1) + timedelta(days=rng.randrange(0, 360))
        if generated >= today:
            generated = today - timedelta(days=rng.randrange(1, 200))
        year = generated.year
        topic = rng.choice(TOPICS)
        pattern, genre = PATTERNS[key]
        title = pattern.format(city=city, short=short, name=organ.name, year=year, topic=topic)
        counters[year] = counters.get(year, 0) + 1
        published = _aware(min(generated + timedelta(days=rng.randrange(0, 20)), today), 9 + n % 8)
        doc_number = (
            f"{organ.doc_number_prefix or short}〔{year}〕{counters[year]}号"
            if genre in (Genre.NORMATIVE, Genre.NOTICE)
            else ""
        )
        specs.append((key, title, genre, generated, published, topic, doc_number, counters[year]))
    entries = []
    versions = []
    settings = organ.catalog_settings
    for key, title, genre, generated, published, topic, doc_number, seq in specs:
        entry = Entry(
            organ=organ,
            column=columns[key],
            status=EntryStatus.PUBLISHED,
            created_by=author,
            index_number=numbering.format_index(
                settings.index_pattern, credit_code=organ.credit_code, year=generated.year, seq=seq
            ),
            first_published_at=published,
            published_at=published,
        )
        entries.append(entry)
        versions.append(
            EntryVersion(
                number=1,
                state=VersionState.APPROVED,
                author=author,
                review_round=1,
                title=title,
                summary=f"{organ.name}发布的{topic}相关信息。",
                generated_on=generated,
                publisher=organ.name,
                doc_number=doc_number,
                subject=topic,
                genre=genre,
                disclosure=Disclosure.PROACTIVE,
                validity=Validity.VALID if genre == Genre.NORMATIVE else "",
                body=BODY.format(topic=topic),
            )
        )
    Entry.objects.bulk_create(entries, batch_size=1000)
    for entry, version in zip(entries, versions, strict=True):
        version.entry = entry
    EntryVersion.objects.bulk_create(versions, batch_size=1000)
    for entry, version in zip(entries, versions, strict=True):
        entry.published_version = version
    Entry.objects.bulk_update(entries, ["published_version"], batch_size=1000)
    ReviewStep.objects.bulk_create(
        [
            ReviewStep(version=v, round=1, kind=StepKind.PUBLISHED, actor=None, actor_name="系统（演示数据）")
            for v in versions
        ],
        batch_size=1000,
    )
    for year in {s[3].year for s in specs}:
        IndexCounter.objects.update_or_create(
            organ=organ, year=year, defaults={"last": max(s[7] for s in specs if s[3].year == year)}
        )
    _interpretations(organ, entries, versions, columns, author, rng)
    _register(organ, entries, versions, rng)
    return len(entries)


def _interpretations(organ, entries, versions, columns, author, rng) -> None:
    column = columns.get("interpretation")
    if column is None:
        return
    policies = [
        (e, v) for e, v in zip(entries, versions, strict=True) if v.genre in (Genre.NORMATIVE, Genre.PLAN)
    ]
    chosen = policies[: max(1, len(policies) * 2 // 3)]  # a third stay flagged "needs an interpretation"
    settings = organ.catalog_settings
    forms = list(InterpretationForm.values)
    new_entries, new_versions = [], []
    for n, (policy, policy_version) in enumerate(chosen):
        seq = IndexCounter.objects.get(organ=organ, year=policy_version.generated_on.year)
        seq.last += 1
        seq.save(update_fields=["last"])
        published = policy.first_published_at + timedelta(days=1)
        new_entries.append(
            Entry(
                organ=organ,
                column=column,
                status=EntryStatus.PUBLISHED,
                created_by=author,
                index_number=numbering.format_index(
                    settings.index_pattern,
                    credit_code=organ.credit_code,
                    year=policy_version.generated_on.year,
                    seq=seq.last,
                ),
                first_published_at=published,
                published_at=published,
                interprets=policy,
                interpretation_form=forms[n % len(forms)],
            )
        )
        new_versions.append(
            EntryVersion(
                number=1,
                state=VersionState.APPROVED,
                author=author,
                review_round=1,
                title=f"一图读懂{policy_version.title.removeprefix('关于印发')}",
                summary=f"对{policy_version.title}的政策解读。",
                generated_on=policy_version.generated_on,
                publisher=organ.name,
                subject=policy_version.subject,
                genre=Genre.INTERPRETATION,
                disclosure=Disclosure.PROACTIVE,
                body=f"<p>{policy_version.title}的出台背景、主要内容和政策亮点解读。</p>",
            )
        )
    Entry.objects.bulk_create(new_entries, batch_size=1000)
    for entry, version in zip(new_entries, new_versions, strict=True):
        version.entry = entry
    EntryVersion.objects.bulk_create(new_versions, batch_size=1000)
    for entry, version in zip(new_entries, new_versions, strict=True):
        entry.published_version = version
    Entry.objects.bulk_update(new_entries, ["published_version"], batch_size=1000)


def _register(organ, entries, versions, rng) -> None:
    """Every normative entry in the register, plus older documents; some repealed or lapsed over the years."""
    documents = []
    for entry, version in zip(entries, versions, strict=True):
        if version.genre == Genre.NORMATIVE and version.doc_number:
            documents.append(
                NormativeDocument(
                    organ=organ,
                    kind=DocumentKind.NORMATIVE,
                    title=version.title.removeprefix("关于印发").removesuffix("的通知").strip("《》"),
                    doc_number=version.doc_number,
                    issued_on=version.generated_on,
                    entry=entry,
                )
            )
    prefix = organ.doc_number_prefix or organ.short_name or organ.name
    for n in range(6):  # older documents still in force at the start of the demo years
        documents.append(
            NormativeDocument(
                organ=organ,
                kind=DocumentKind.NORMATIVE if n else DocumentKind.RULE,
                title=f"{organ.short_name or organ.name}{rng.choice(TOPICS)}实施细则",
                doc_number=f"{prefix}〔{2019 + n % 3}〕{90 + n}号",
                issued_on=date(2019 + n % 3, 3 + n, 10),
            )
        )
    NormativeDocument.objects.bulk_create(documents, batch_size=1000)
    events = [
        RegisterEvent(document=d, kind=RegisterEventKind.ISSUED, on=d.issued_on, by_document=d.doc_number)
        for d in documents
    ]
    ending = sorted(documents, key=lambda d: d.issued_on)[: len(documents) // 5]
    cleanup = Cleanup.objects.create(
        organ=organ,
        title="2024年度行政规范性文件清理",
        by_document=f"{prefix}〔2024〕99号",
        decided_on=date(2024, 11, 28),
    )
    for n, document in enumerate(ending):
        if document.issued_on >= cleanup.decided_on:
            continue
        if n % 3 == 2:
            on = min(document.issued_on.replace(year=document.issued_on.year + 2), date(2025, 12, 1))
            document.ended_on, document.ended_by = on, RegisterEventKind.LAPSED
            events.append(
                RegisterEvent(
                    document=document, kind=RegisterEventKind.LAPSED, on=on, by_document="有效期届满"
                )
            )
        else:
            document.ended_on, document.ended_by = cleanup.decided_on, RegisterEventKind.REPEALED
            events.append(
                RegisterEvent(
                    document=document,
                    kind=RegisterEventKind.REPEALED,
                    on=cleanup.decided_on,
                    by_document=cleanup.by_document,
                    cleanup=cleanup,
                )
            )
            CleanupItem.objects.create(cleanup=cleanup, document=document, decision=CleanupDecision.REPEALED)
    NormativeDocument.objects.bulk_update(ending, ["ended_on", "ended_by"])
    RegisterEvent.objects.bulk_create(events, batch_size=1000)
    for year in YEARS:
        YearFigures.objects.get_or_create(
            organ=organ,
            year=year,
            defaults={
                "licensing": rng.randrange(0, 400),
                "penalty": rng.randrange(0, 60),
                "coercion": rng.randrange(0, 10),
                "fees_wan_yuan": rng.randrange(0, 5000) / 100,
            },
        )


GUIDE = (
    "<h2>一、政府信息的分类与编排</h2><p>本机关政府信息按“五公开”和《条例》第二十条法定主动公开内容分类编排，"
    "每条信息标注索引号、名称、内容概述、生成日期、发布机构和文号。</p>"
    "<h2>二、获取方式</h2><p>主动公开的政府信息通过本网站“政府信息公开”栏目发布，并可在政府信息公开查阅点查阅。"
    "需要获取未主动公开的政府信息的，可以向本机关提出申请。</p>"
    "<h2>三、监督和救济</h2><p>认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作"
    "主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
)


@transaction.atomic
def load_demo() -> int:
    """Catalogues for every organ; returns the number of entries created (0 when already loaded)."""
    rng = random.Random(20261203)
    created = 0
    for organ in Organ.objects.order_by("pk"):
        setup_catalog(SYSTEM, organ)
        if Entry.objects.filter(organ=organ).exists():
            continue
        organ.refresh_from_db()
        update_guide(SYSTEM, organ, GUIDE)
        created += _organ_entries(organ, rng)
    _two_levels()
    if created:
        from gongkai.catalog.search.rebuild import searchable_entries

        search_index.clear()
        for start in range(0, Entry.objects.count(), 2000):
            chunk = list(searchable_entries()[start : start + 2000])
            search_index.store(documents_for(chunk))
    return created
