"""The 规章 and 行政规范性文件 register: issue, amendment, repeal and lapse with the date and the document that
did it, and clean-ups (清理) recorded as a batch. A linked catalogue entry is re-indexed in the same
transaction, so the validity filter of the search follows the register."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.catalog import pagecache
from gongkai.catalog.choices import CleanupDecision, DocumentKind, RegisterEventKind
from gongkai.catalog.models import Cleanup, CleanupItem, Entry, NormativeDocument, RegisterEvent
from gongkai.catalog.permissions import Action
from gongkai.catalog.search import index as search_index
from gongkai.catalog.services._common import audit, check, text
from gongkai.catalog.verbs import CatalogVerb
from gongkai.core.actors import actor_user

ENDING = (RegisterEventKind.REPEALED, RegisterEventKind.LAPSED)


def _date(value, field: str, label: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: f"{label}格式应为 YYYY-MM-DD"}) from None
    if not isinstance(value, date):
        raise ValidationError({field: f"请填写{label}"})
    return value


def _reindex(document: NormativeDocument) -> None:
    pagecache.changed()  # the register list and the entry page show validity
    if document.entry_id:
        from gongkai.catalog.services.entries import validity_of

        entry = Entry.objects.select_related("published_version").get(pk=document.entry_id)
        search_index.index_entry(entry, validity_of(entry))


def register_document(
    actor, organ, *, kind: str, title: str, doc_number: str, issued_on, by_document: str = "", entry=None
) -> NormativeDocument:
    check(actor, Action.MANAGE, organ)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "类别应为规章或行政规范性文件"})
    title = text(title, "title", "名称", required=True)
    doc_number = text(doc_number, "doc_number", "文号", required=True, max_length=80)
    issued_on = _date(issued_on, "issued_on", "制发日期")
    if entry is not None and entry.organ_id != organ.pk:
        raise ValidationError({"entry": "目录条目须属于本机关"})
    with transaction.atomic():
        if NormativeDocument.objects.filter(organ=organ, doc_number=doc_number).exists():
            raise ValidationError({"doc_number": f"文号“{doc_number}”已登记"})
        document = NormativeDocument.objects.create(
            organ=organ, kind=kind, title=title, doc_number=doc_number, issued_on=issued_on, entry=entry
        )
        RegisterEvent.objects.create(
            document=document,
            kind=RegisterEventKind.ISSUED,
            on=issued_on,
            by_document=text(by_document, "by_document", "依据文件", max_length=200) or doc_number,
            recorded_by=actor_user(actor),
        )
        audit(CatalogVerb.REGISTER_RECORDED, actor, organ, document, {"doc_number": [None, doc_number]})
        _reindex(document)
    return document


def _apply(
    actor, document: NormativeDocument, kind: str, on: date, by_document: str, note: str, cleanup=None
):
    if on < document.issued_on:
        raise ValidationError({"on": "日期不能早于制发日期"})
    if document.ended_on is not None:
        raise ValidationError(
            {"kind": f"该文件已于{document.ended_on:%Y年%m月%d日}{document.get_ended_by_display()}"}
        )
    event = RegisterEvent.objects.create(
        document=document,
        kind=kind,
        on=on,
        by_document=by_document,
        note=note,
        cleanup=cleanup,
        recorded_by=actor_user(actor),
    )
    if kind in ENDING:
        document.ended_on, document.ended_by = on, kind
        document.save(update_fields=["ended_on", "ended_by"])
    audit(
        CatalogVerb.REGISTER_EVENT,
        actor,
        document.organ,
        document,
        {
            "kind": [None, event.get_kind_display()],
            "on": [None, on.isoformat()],
            "by_document": [None, by_document],
        },
    )
    _reindex(document)
    return event


def record_event(actor, document: NormativeDocument, *, kind: str, on, by_document: str, note: str = ""):
    """修改, 废止 or 失效 of a registered document, dated, with the document that did it."""
    check(actor, Action.MANAGE, document)
    if kind not in (RegisterEventKind.AMENDED, *ENDING):
        raise ValidationError({"kind": "事项应为修改、废止或失效"})
    on = _date(on, "on", "日期")
    by_document = text(by_document, "by_document", "依据文件", required=kind != RegisterEventKind.LAPSED)
    note = text(note, "note", "说明", max_length=500)
    with transaction.atomic():
        current = (
            NormativeDocument.objects.select_for_update(of=("self",))
            .select_related("organ")
            .get(pk=document.pk)
        )
        return _apply(actor, current, kind, on, by_document or "有效期届满", note)


def record_cleanup(actor, organ, *, title: str, by_document: str, decided_on, decisions) -> Cleanup:
    """A 清理 batch: `decisions` is [(document, CleanupDecision, note)]; amended and repealed ones get their
    register event, dated the clean-up, naming its result document."""
    check(actor, Action.MANAGE, organ)
    title = text(title, "title", "清理名称", required=True, max_length=200)
    by_document = text(by_document, "by_document", "清理结果文件", required=True, max_length=200)
    decided_on = _date(decided_on, "decided_on", "清理日期")
    decisions = list(decisions)
    if not decisions:
        raise ValidationError({"decisions": "清理批次至少包含一个文件"})
    with transaction.atomic():
        cleanup = Cleanup.objects.create(
            organ=organ,
            title=title,
            by_document=by_document,
            decided_on=decided_on,
            recorded_by=actor_user(actor),
        )
        for document, decision, note in decisions:
            if document.organ_id != organ.pk:
                raise ValidationError({"decisions": f"“{document.title}”不是本机关的文件"})
            if decision not in CleanupDecision.values:
                raise ValidationError({"decisions": f"“{document.title}”的清理结论无效"})
            current = (
                NormativeDocument.objects.select_for_update(of=("self",))
                .select_related("organ")
                .get(pk=document.pk)
            )
            if current.ended_on is not None and current.ended_on <= decided_on:
                raise ValidationError({"decisions": f"“{current.title}”在清理日期前已不再有效"})
            CleanupItem.objects.create(cleanup=cleanup, document=current, decision=decision, note=note or "")
            if decision == CleanupDecision.REPEALED:
                _apply(
                    actor, current, RegisterEventKind.REPEALED, decided_on, by_document, note or "", cleanup
                )
            elif decision == CleanupDecision.AMENDED:
                _apply(
                    actor, current, RegisterEventKind.AMENDED, decided_on, by_document, note or "", cleanup
                )
        audit(
            CatalogVerb.CLEANUP_RECORDED,
            actor,
            organ,
            cleanup,
            {"documents": [None, len(decisions)], "by_document": [None, by_document]},
        )
        pagecache.changed()
    return cleanup
