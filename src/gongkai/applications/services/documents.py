"""Issuing a document: its 文号 (own sequence per kind, organ and year), the wording, DOCX + PDF kept with
SHA-256, and the e-mail to the applicant. Called inside the action's transaction; the e-mail is sent after
commit, so a rolled-back action sends nothing."""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from gongkai.applications import legal, numbering
from gongkai.applications.choices import DOCUMENT_CODES, DocumentKind, FeeMethod
from gongkai.applications.clock import case_clock
from gongkai.applications.documents import wording
from gongkai.applications.documents.render import Letter, render_docx, render_pdf
from gongkai.applications.models import Attachment, Document, DocumentTemplate
from gongkai.workdays.dates import cn_date

logger = logging.getLogger(__name__)

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 3
# Accepted attachment types, recognised from the first bytes (never from the name or the browser's word).
MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def sniff(head: bytes) -> str | None:
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def store_attachment(case, upload) -> Attachment:
    data = upload.read()
    kind = sniff(data[:16])
    if kind is None:
        raise ValidationError({"attachments": f"附件：“{upload.name}”不是PDF、PNG或JPEG文件"})
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {"attachments": f"附件：“{upload.name}”超过{ATTACHMENT_MAX_BYTES // 1024 // 1024}MB"}
        )
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        application=case,
        original_name=upload.name[:200],
        content_type=kind,
        size=len(data),
        sha256=digest,
    )
    attachment.file.save(f"att-{digest[:16]}", ContentFile(data), save=False)
    attachment.save()
    return attachment


def template_source(organ, kind: str) -> str:
    own = DocumentTemplate.objects.filter(organ=organ, kind=kind).values_list("body", flat=True).first()
    return own or wording.DEFAULTS[kind]


def context_for(case, kind: str, on: date, extra: dict) -> dict:
    case_settings = numbering.settings_for(case.organ)
    clock = case_clock(case, case.events.all(), on)
    ctx = {
        "organ": case.organ.name,
        "applicant": case.applicant.name,
        "number": case.number,
        "submitted": cn_date(timezone.localtime(case.submitted_at).date(), False),
        "received": cn_date(case.received_on, False) if case.received_on else "（尚未确认）",
        "receipt_basis": case.receipt_basis,
        "description": case.description,
        "issued": cn_date(on, False),
        "due": cn_date(clock.due, False) if clock.due else "",
        "query_code": case.query_code,
        "reconsideration_body": case_settings.reconsideration_body or "上一级行政机关或者本级人民政府",
        "court": case_settings.court or "有管辖权的人民法院",
    }
    if "correct_by" in extra:
        ctx["correct_by"] = cn_date(extra.pop("correct_by"), False)
    if "fee" in extra:
        fee = extra.pop("fee")
        ctx["fee_amount"] = f"{fee['amount']:,}"
        ctx["fee_breakdown"] = "；".join(fee["breakdown"])
        ctx["fee_method"] = f"按{FeeMethod(fee['method']).label}"
        ctx["pay_by"] = next(
            (
                cn_date(d, False)
                for k, d in sorted((clock.clock.deadlines if clock.clock else {}).items())
                if k.startswith("fee_payment")
            ),
            "",
        )
    if "outcome" in extra:
        row = extra.pop("outcome")
        ctx["outcome"] = row.label
        ctx["basis"] = row.basis
        ctx["reply_type"] = legal.reply_types().get(extra.pop("reply_type", ""), "")
    ctx.update({k: str(v) for k, v in extra.items()})
    return ctx


def issue(case, kind: str, actor, on: date, *, to_applicant: bool = True, **extra) -> Document:
    """Number, word, render and keep one document (inside the caller's transaction)."""
    kind = DocumentKind(kind)
    case_settings = numbering.settings_for(case.organ)
    year = on.year
    seq = numbering.next_value(case.organ, year, f"doc:{kind}")
    number = numbering.format_number(
        case_settings.document_pattern,
        prefix=numbering.prefix_for(case.organ, case_settings),
        year=year,
        seq=seq,
        code=DOCUMENT_CODES[kind],
    )
    ctx = context_for(case, kind, on, dict(extra))
    paragraphs = wording.render(template_source(case.organ, kind), ctx)
    addressee = case.applicant.name if to_applicant else extra.get("addressee", "")
    letter = Letter(
        issuer=case.organ.name,
        number=number,
        title=wording.TITLES[kind],
        addressee=f"{addressee}：" if addressee else "",
        paragraphs=tuple(paragraphs),
        signature=case.organ.name,
        date_text=cn_date(on, False),
    )
    docx, pdf = render_docx(letter), render_pdf(letter)
    document = Document(
        application=case,
        kind=kind,
        number=number,
        number_year=year,
        number_seq=seq,
        issued_on=on,
        title=letter.title,
        body="\n".join(paragraphs),
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        to_applicant=to_applicant,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.docx.save(f"{kind}.docx", ContentFile(docx), save=False)
    document.pdf.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    document.save()
    if to_applicant and case.applicant.email:
        transaction.on_commit(lambda: send_document(document.pk))
    return document


def send_document(document_id: int) -> None:
    """E-mail one document (PDF attached) to the applicant through Django's e-mail backend."""
    document = Document.objects.select_related("application__applicant", "application__organ").get(
        pk=document_id
    )
    case = document.application
    message = EmailMessage(
        subject=f"{document.title}（{document.number}）",
        body=f"{case.applicant.name}：\n\n{document.body}\n\n{case.organ.name}\n查询码：{case.query_code}",
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        to=[case.applicant.email],
    )
    message.attach(f"{document.number}.pdf", document.pdf.read(), "application/pdf")
    try:
        message.send()
    except OSError:
        logger.warning("document %s: e-mail could not be sent", document.pk)
        return
    Document.objects.filter(pk=document.pk).update(emailed_at=timezone.now())


def save_template(perms, organ, kind: str, source: str) -> DocumentTemplate:
    """An organ's own wording; refused with the line at fault when it does not render."""
    from gongkai.applications.permissions import CaseAction, require
    from gongkai.audit.services import record
    from gongkai.core.actors import actor_user, require_actor

    require_actor(perms)
    require(perms, CaseAction.CONFIGURE, organ)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "文书类型：不是可选项"})
    problems = wording.check(source or "")
    if problems:
        raise ValidationError({"body": problems})
    with transaction.atomic():
        template, _ = DocumentTemplate.objects.update_or_create(
            organ=organ, kind=kind, defaults={"body": source, "updated_by": actor_user(perms)}
        )
        record(
            "application.template_saved",
            actor=actor_user(perms),
            organ=organ,
            obj=template,
            changes={"kind": [None, kind]},
        )
    return template


def save_settings(perms, organ, post) -> None:
    """An organ's number patterns, 机关代字, 复议机关 and court; patterns are checked (Chinese, per field)."""
    from gongkai.applications.models import CaseSettings
    from gongkai.applications.permissions import CaseAction, require
    from gongkai.audit.services import record
    from gongkai.core.actors import actor_user, require_actor

    require_actor(perms)
    require(perms, CaseAction.CONFIGURE, organ)
    names = ("registration_pattern", "document_pattern", "prefix", "reconsideration_body", "court")
    values = {name: str(post.get(name) or "").strip() for name in names}
    errors = {}
    for name, label in (("registration_pattern", "登记编号格式"), ("document_pattern", "文书文号格式")):
        problems = numbering.pattern_errors(values[name], label)
        if problems:
            errors[name] = problems
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        CaseSettings.objects.update_or_create(organ=organ, defaults=values)
        record(
            "application.settings_saved",
            actor=actor_user(perms),
            organ=organ,
            changes={k: [None, v] for k, v in values.items()},
        )
