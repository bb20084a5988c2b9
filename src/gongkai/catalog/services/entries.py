"""Entries and their review: draft → each level of the organ's chain (default 初审 → 复审 → 终审) → published,
with the 保密审查 attestation required before the last level; return with a reason to the author; 撤回 with a
reason; corrections as new versions; periodic re-review of 不予公开 information (第十八条)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import attachments as attachment_checks
from gongkai.catalog import numbering, pagecache, workflow
from gongkai.catalog.choices import Disclosure, EntryStatus, Genre, InterpretationForm, StepKind, Validity
from gongkai.catalog.choices import VersionState as S
from gongkai.catalog.models import Attachment, CatalogColumn, Entry, EntryVersion, ReviewStep, WithheldReview
from gongkai.catalog.params import params
from gongkai.catalog.permissions import Action, is_admin, roles_in
from gongkai.catalog.sanitize import clean_html
from gongkai.catalog.search import index as search_index
from gongkai.catalog.services._common import audit, check, refuse, text, user_name
from gongkai.catalog.verbs import CatalogVerb
from gongkai.core.actors import actor_user

CONTENT_FIELDS = (
    "title",
    "summary",
    "generated_on",
    "publisher",
    "doc_number",
    "subject",
    "genre",
    "disclosure",
    "withheld_basis",
    "validity",
    "body",
)
OPEN_STATES = (S.DRAFT, S.IN_REVIEW, S.RETURNED)


def _clean_content(fields: dict, *, organ) -> dict:
    unknown = sorted(set(fields) - set(CONTENT_FIELDS))
    if unknown:
        raise ValidationError({name: "该字段不存在或不可设置" for name in unknown})
    out = dict(fields)
    out["title"] = text(fields.get("title"), "title", "名称", required=True)
    out["summary"] = text(fields.get("summary"), "summary", "内容概述", max_length=2000, multiline=True)
    out["publisher"] = text(fields.get("publisher") or organ.name, "publisher", "发布机构", max_length=100)
    out["doc_number"] = text(fields.get("doc_number"), "doc_number", "发文字号", max_length=80)
    out["subject"] = text(fields.get("subject"), "subject", "主题分类", max_length=60)
    generated = fields.get("generated_on")
    if isinstance(generated, str):
        try:
            generated = date.fromisoformat(generated)
        except ValueError:
            raise ValidationError({"generated_on": "生成日期格式应为 YYYY-MM-DD"}) from None
    if not isinstance(generated, date):
        raise ValidationError({"generated_on": "请填写生成日期"})
    out["generated_on"] = generated
    for name, choices, label in (
        ("genre", Genre, "体裁"),
        ("disclosure", Disclosure, "公开方式"),
        ("validity", Validity, "有效性"),
    ):
        value = fields.get(name) or ("" if name == "validity" else choices.values[0])
        if name == "genre" and not fields.get(name):
            value = Genre.OTHER
        if value not in choices.values:
            raise ValidationError({name: f"{label}的取值无效"})
        out[name] = value
    basis = text(fields.get("withheld_basis"), "withheld_basis", "不予公开依据")
    if out["disclosure"] == Disclosure.WITHHELD and not basis:
        raise ValidationError(
            {"withheld_basis": "不予公开须写明法律依据（如《条例》第十四条、第十五条、第十六条）"}
        )
    out["withheld_basis"] = basis if out["disclosure"] == Disclosure.WITHHELD else ""
    out["body"] = clean_html(fields.get("body") or "")
    return out


def _interpretation(organ, column: CatalogColumn, interprets, form: str) -> tuple[Entry | None, str]:
    if interprets is None:
        if form:
            raise ValidationError({"interpretation_form": "只有政策解读才能选择解读形式"})
        return None, ""
    if interprets.status != EntryStatus.PUBLISHED:
        raise ValidationError({"interprets": "被解读的政策文件须已发布"})
    if form not in InterpretationForm.values:
        raise ValidationError({"interpretation_form": "请选择解读形式（文字、图文、音视频、H5或新闻发布会）"})
    return interprets, form


def create_entry(
    actor,
    organ,
    column: CatalogColumn,
    *,
    interprets: Entry | None = None,
    interpretation_form: str = "",
    **fields,
) -> EntryVersion:
    """A new entry with its first version, a draft by the actor."""
    check(actor, Action.DRAFT, organ)
    if column.organ_id != organ.pk or not column.accepts_entries or not column.is_active:
        raise ValidationError({"column": "请选择本机关一个可发布信息的栏目"})
    content = _clean_content(fields, organ=organ)
    interprets, interpretation_form = _interpretation(organ, column, interprets, interpretation_form)
    user = actor_user(actor)
    with transaction.atomic():
        entry = Entry.objects.create(
            organ=organ,
            column=column,
            created_by=user,
            interprets=interprets,
            interpretation_form=interpretation_form,
        )
        version = EntryVersion.objects.create(entry=entry, number=1, author=user, **content)
        audit(CatalogVerb.ENTRY_CREATED, actor, organ, entry, {"title": [None, content["title"]]})
    return version


def update_draft(actor, version: EntryVersion, **fields) -> EntryVersion:
    entry = version.entry
    check(actor, Action.DRAFT, entry)
    column = fields.pop("column", None)
    with transaction.atomic():
        current = EntryVersion.objects.select_for_update().get(pk=version.pk)
        if current.state not in (S.DRAFT, S.RETURNED):
            refuse("只有草稿或退回修改的信息可以编辑")
        merged = {name: getattr(current, name) for name in CONTENT_FIELDS}
        merged.update(fields)
        content = _clean_content(merged, organ=entry.organ)
        diff = {}
        for name, value in content.items():
            old = getattr(current, name)
            if old != value:
                diff[name] = [str(old), str(value)] if name != "body" else ["…", "…"]
                setattr(current, name, value)
        if column is not None and column.pk != entry.column_id:
            if column.organ_id != entry.organ_id or not column.accepts_entries:
                raise ValidationError({"column": "请选择本机关一个可发布信息的栏目"})
            if entry.status != EntryStatus.DRAFT:
                raise ValidationError({"column": "已发布信息的栏目不能更改"})
            diff["column"] = [entry.column.title, column.title]
            Entry.objects.filter(pk=entry.pk).update(column=column)
            entry.column = column
        if diff:
            current.save()
            audit(CatalogVerb.DRAFT_CHANGED, actor, entry.organ, entry, diff)
    return current


def add_attachment(actor, version: EntryVersion, upload) -> Attachment:
    check(actor, Action.DRAFT, version.entry)
    p = params()
    kind = attachment_checks.check(upload, max_bytes=p.attachment_max_bytes, allowed=p.attachment_types)
    name = text(upload.name, "attachment", "附件文件名", required=True, max_length=200)
    with transaction.atomic():
        current = EntryVersion.objects.select_for_update().get(pk=version.pk)
        if current.state not in (S.DRAFT, S.RETURNED):
            refuse("只有草稿或退回修改的信息可以上传附件")
        item = Attachment.objects.create(version=current, file=upload, name=name, kind=kind, size=upload.size)
        audit(
            CatalogVerb.ATTACHMENT_ADDED,
            actor,
            current.entry.organ,
            current.entry,
            {"attachment": [None, name]},
        )
    return item


def _step(actor, version: EntryVersion, kind: str, *, level=None, label="", note="") -> ReviewStep:
    return ReviewStep.objects.create(
        version=version,
        round=version.review_round,
        kind=kind,
        level=level,
        level_label=label,
        actor=actor_user(actor),
        actor_name=user_name(actor),
        note=note,
    )


def _locked(version: EntryVersion) -> EntryVersion:
    return (
        EntryVersion.objects.select_for_update(of=("self",))
        .select_related("entry", "entry__organ")
        .get(pk=version.pk)
    )


def submit(actor, version: EntryVersion) -> EntryVersion:
    check(actor, Action.DRAFT, version.entry)
    with transaction.atomic():
        current = _locked(version)
        if current.state not in (S.DRAFT, S.RETURNED):
            refuse("只有草稿或退回修改的信息可以提交审核")
        current.state = S.IN_REVIEW
        current.review_round += 1
        current.save(update_fields=["state", "review_round"])
        _step(actor, current, StepKind.SUBMITTED)
        audit(
            CatalogVerb.SUBMITTED,
            actor,
            current.entry.organ,
            current.entry,
            {"version": [None, current.number]},
        )
    return current


def round_steps(version: EntryVersion) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(version=version, round=version.review_round).order_by("at", "id"))


def _approvals(steps) -> list[workflow.Approval]:
    return [workflow.Approval(s.level, s.actor_id) for s in steps if s.kind == StepKind.APPROVED]


def chain_for(organ) -> tuple:
    settings = getattr(organ, "catalog_settings", None)
    return workflow.chain_from(
        settings.review_chain if settings else [vars(level) for level in params().review_chain]
    )


def attest_secrecy(actor, version: EntryVersion, note: str = "") -> ReviewStep:
    """保密审查 (第十七条): the named reviewer attests, with the time, that the information may be published."""
    check(actor, Action.REVIEW, version.entry)
    note = text(note, "note", "保密审查意见", max_length=500)
    with transaction.atomic():
        current = _locked(version)
        if current.state != S.IN_REVIEW:
            refuse("只有审核中的信息可以进行保密审查")
        steps = round_steps(current)
        user = actor_user(actor)
        workflow.check_secrecy(
            actor_id=user.pk if user else None,
            author_id=current.author_id,
            already=any(s.kind == StepKind.SECRECY for s in steps),
        )
        step = _step(
            actor, current, StepKind.SECRECY, note=note or "经审查，不涉及国家秘密、工作秘密和敏感信息"
        )
        audit(
            CatalogVerb.SECRECY_ATTESTED,
            actor,
            current.entry.organ,
            current.entry,
            {"note": [None, step.note]},
        )
    return step


def approve(actor, version: EntryVersion, note: str = "") -> EntryVersion:
    """Take the next level; the last level publishes (or records, for information not proactively disclosed)."""
    entry = version.entry
    check(actor, Action.REVIEW, entry)
    note = text(note, "note", "审核意见", max_length=500)
    with transaction.atomic():
        current = _locked(version)
        if current.state != S.IN_REVIEW:
            refuse("只有审核中的信息可以审核")
        chain = chain_for(current.entry.organ)
        steps = round_steps(current)
        user = actor_user(actor)
        level = workflow.check_approval(
            chain,
            _approvals(steps),
            actor_id=user.pk if user else None,
            author_id=current.author_id,
            actor_roles=roles_in(actor, entry.organ_id),
            is_admin=is_admin(actor),
            secrecy_attested=any(s.kind == StepKind.SECRECY for s in steps),
        )
        label = chain[level - 1].label
        _step(actor, current, StepKind.APPROVED, level=level, label=label, note=note)
        audit(CatalogVerb.APPROVED, actor, entry.organ, entry, {"level": [None, label]})
        if level == len(chain):
            _publish(actor, current)
    return current


def return_to_author(actor, version: EntryVersion, reason: str) -> EntryVersion:
    entry = version.entry
    check(actor, Action.REVIEW, entry)
    reason = text(reason, "reason", "退回理由", required=True, max_length=500)
    with transaction.atomic():
        current = _locked(version)
        if current.state != S.IN_REVIEW:
            refuse("只有审核中的信息可以退回")
        user = actor_user(actor)
        if user is not None and user.pk == current.author_id:
            refuse("不能审核本人起草的信息")
        current.state = S.RETURNED
        current.save(update_fields=["state"])
        _step(actor, current, StepKind.RETURNED, note=reason)
        audit(CatalogVerb.RETURNED, actor, entry.organ, entry, {"reason": [None, reason]})
    return current


def _publish(actor, version: EntryVersion) -> None:
    entry = Entry.objects.select_for_update(of=("self",)).select_related("organ").get(pk=version.entry_id)
    organ = entry.organ
    now = timezone.now()
    if not entry.index_number:
        settings = getattr(organ, "catalog_settings", None)
        pattern = settings.index_pattern if settings else params().index_pattern
        entry.index_number = numbering.next_index(organ, version.generated_on.year, pattern)
    previous = entry.published_version_id
    if previous:
        EntryVersion.objects.filter(pk=previous).update(state=S.SUPERSEDED)
    version.state = S.APPROVED
    version.save(update_fields=["state"])
    proactive = version.disclosure == Disclosure.PROACTIVE
    entry.status = EntryStatus.PUBLISHED if proactive else EntryStatus.RECORDED
    entry.published_version = version
    entry.published_at = now
    entry.first_published_at = entry.first_published_at or now
    entry.save()
    _step(actor, version, StepKind.PUBLISHED if proactive else StepKind.RECORDED)
    verb = CatalogVerb.PUBLISHED if proactive else CatalogVerb.RECORDED
    audit(
        verb,
        actor,
        organ,
        entry,
        {"index_number": [None, entry.index_number], "version": [None, version.number]},
    )
    search_index.index_entry(entry, validity_of(entry))
    pagecache.changed()


def validity_of(entry: Entry) -> str:
    """The entry's 有效性: the register's, for an entry linked to a 规范性文件; else the version's own."""
    from gongkai.catalog.selectors import register_validity  # the selector reads the register

    document = getattr(entry, "normative_document", None)
    if document is not None:
        return register_validity(document, timezone.localdate())
    return entry.published_version.validity if entry.published_version else ""


def withdraw(actor, entry: Entry, reason: str) -> Entry:
    """撤回: the entry stays, its page says it was withdrawn and when; it leaves the lists and the index."""
    check(actor, Action.WITHDRAW, entry)
    reason = text(reason, "reason", "撤回理由", required=True, max_length=500)
    with transaction.atomic():
        current = Entry.objects.select_for_update().get(pk=entry.pk)
        if current.status not in (EntryStatus.PUBLISHED, EntryStatus.RECORDED):
            refuse("只有已发布的信息可以撤回")
        current.status = EntryStatus.WITHDRAWN
        current.withdrawn_at = timezone.now()
        current.withdrawn_reason = reason
        current.withdrawn_by = actor_user(actor)
        current.save(update_fields=["status", "withdrawn_at", "withdrawn_reason", "withdrawn_by"])
        audit(CatalogVerb.WITHDRAWN, actor, current.organ, current, {"reason": [None, reason]})
        search_index.remove_entry(current.pk)
        pagecache.changed()
    return current


def open_version(entry: Entry) -> EntryVersion | None:
    return entry.versions.filter(state__in=OPEN_STATES).order_by("-number").first()


def start_correction(actor, entry: Entry, note: str) -> EntryVersion:
    """更正: a new draft version copied from the published one; the published one stays until it passes review."""
    check(actor, Action.DRAFT, entry)
    note = text(note, "change_note", "更正说明", required=True)
    with transaction.atomic():
        current = Entry.objects.select_for_update().get(pk=entry.pk)
        if current.status not in (EntryStatus.PUBLISHED, EntryStatus.RECORDED):
            refuse("只有已发布的信息可以更正")
        if open_version(current) is not None:
            refuse("该信息已有未完成的更正版本")
        source = current.published_version
        number = current.versions.order_by("-number").values_list("number", flat=True).first() + 1
        version = EntryVersion.objects.create(
            entry=current,
            number=number,
            author=actor_user(actor),
            change_note=note,
            **{name: getattr(source, name) for name in CONTENT_FIELDS},
        )
        audit(CatalogVerb.CORRECTION_STARTED, actor, current.organ, current, {"version": [None, number]})
    return version


def review_withheld(actor, entry: Entry, *, keep_withheld: bool, note: str) -> WithheldReview:
    """第十八条: re-review information recorded as 不予公开. Releasing it starts a correction to publish it."""
    check(actor, Action.REVIEW, entry)
    note = text(note, "note", "复查意见", required=True, max_length=500)
    with transaction.atomic():
        current = (
            Entry.objects.select_for_update(of=("self",)).select_related("published_version").get(pk=entry.pk)
        )
        version = current.published_version
        if (
            current.status != EntryStatus.RECORDED
            or version is None
            or version.disclosure != Disclosure.WITHHELD
        ):
            refuse("只有已登记为不予公开的信息需要复查")
        review = WithheldReview.objects.create(
            entry=current, reviewer=actor_user(actor), keep_withheld=keep_withheld, note=note
        )
        audit(
            CatalogVerb.WITHHELD_REVIEWED,
            actor,
            current.organ,
            current,
            {"keep_withheld": [None, keep_withheld]},
        )
    return review
