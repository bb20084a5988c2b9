"""Import of reports organs published elsewhere (the 主管部门's view).

`start_import` takes the uploaded files (ZIPs opened, see `uploads`), stores them in one batch and queues
the background task `tasks.read_import`, which reads each file with the toolkit's reader, checks it with
every rule and matches it to an organ by name (`match_organ`). A certain match (the organ's full name is
the report's agency, or is in its title) is taken; an uncertain one waits for a person (`confirm_match`).
Cells the reader could not read stay None and are shown as unread; nothing is filled in. A matched report
is that organ's report of its year as published elsewhere: the previous year of the cross-year rules
(`services.previous_report`).
"""

from __future__ import annotations

import logging
import re
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import UnreadableError, read
from gongkai.annualreport.rules import check
from gongkai.audit.services import record
from gongkai.core.actors import actor_user, require_actor
from gongkai.organs.models import Organ
from gongkai.reports.models import ImportBatch, ImportedFile, ImportEvent, ImportStatus, Match
from gongkai.reports.permissions import POLICY, Action
from gongkai.reports.uploads import BadUpload, Upload, expand
from gongkai.reports.verbs import ReportVerb

log = logging.getLogger(__name__)
CERTAIN = 0.95  # a match at or above this is taken without asking
LIKELY = 0.6  # below this no organ is proposed
_NOISE = re.compile(r"[\s\u3000·•、，,。．.（）()《》“”\"'【】\[\]_\-—]+")
_YEAR = re.compile(r"(20\d\d)\s*年")


def _norm(text: str | None) -> str:
    return _NOISE.sub("", text or "")


def match_organ(agency: str | None, title: str | None, filename: str, organs) -> tuple[Organ | None, float]:
    """The organ a report belongs to, and how sure: 1.0 the agency is the organ's name; 0.95 the organ's
    full name is in the agency or title (the longest such name, if only one is that long); 0.8 it is only
    in the file name; else the closest name by similarity (at least LIKELY), or (None, 0)."""
    agency_n, title_n = _norm(agency), _norm(title)
    file_n = _norm(filename.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    organs = list(organs)
    for organ in organs:
        if agency_n and agency_n in {_norm(organ.name), _norm(organ.short_name)}:
            return organ, 1.0
    for texts, score in (((agency_n, title_n), CERTAIN), ((file_n,), 0.8)):
        found = [o for o in organs if any(_norm(o.name) in t for t in texts if t)]
        if found:
            longest = max(len(_norm(o.name)) for o in found)
            best = [o for o in found if len(_norm(o.name)) == longest]
            return best[0], score if len(best) == 1 else LIKELY
    probe = agency_n or title_n or file_n
    best_organ, best_score = None, 0.0
    for organ in organs:
        ratio = SequenceMatcher(None, probe, _norm(organ.name)).ratio()
        if ratio > best_score:
            best_organ, best_score = organ, ratio
    if best_organ is None or best_score < LIKELY:
        return None, 0.0
    return best_organ, round(min(best_score, 0.9), 2)


def _require_office(actor, office) -> None:
    require_actor(actor)
    if not POLICY.allows(actor, Action.REVIEW, office.pk):
        raise PermissionDenied("您没有执行此操作的权限")


def start_import(actor, office, files: list[Upload]) -> ImportBatch:
    """Store the uploaded reports as one batch and queue their reading. ValidationError (naming the file)
    for an upload refused: nothing is stored then."""
    from gongkai.reports.tasks import read_import

    _require_office(actor, office)
    try:
        reports = expand(files)
    except BadUpload as exc:
        raise ValidationError({"files": [str(exc)]}) from None
    ids = POLICY.organ_ids(actor, Action.REVIEW)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            office=office,
            created_by=actor_user(actor),
            organ_ids=None if ids is None else sorted(ids),
            total=len(reports),
        )
        ImportedFile.objects.bulk_create(
            ImportedFile(batch=batch, name=r.name[:300], content=r.content, size=len(r.content))
            for r in reports
        )
        ImportEvent.objects.create(
            batch=batch, kind="uploaded", actor=actor_user(actor), note=f"上传{len(reports)}个文件"
        )
        record(
            ReportVerb.IMPORTED,
            actor=actor_user(actor),
            organ=office,
            obj=batch,
            changes={"files": [None, [r.name for r in reports]]},
        )
        result = read_import.enqueue(batch.pk)
        batch.task_id = str(result.id)
        batch.save(update_fields=["task_id"])
    return batch


def candidates(batch: ImportBatch):
    organs = Organ.objects.all()
    return organs if batch.organ_ids is None else organs.filter(pk__in=batch.organ_ids)


def _findings(report: Report, organ: Organ | None, year: int | None) -> list[dict]:
    from gongkai.reports.services import previous_report

    previous = previous_report(organ, year) if organ is not None and year else None
    return [f.to_dict() for f in check(report, previous)]


def read_file(imported: ImportedFile, organs) -> ImportedFile:
    """Read, check and match one file (the task's step; runs as the system)."""
    try:
        report = read(bytes(imported.content), name=imported.name)
    except UnreadableError as exc:
        imported.match, imported.error = Match.UNREADABLE, str(exc)
        return imported
    except Exception:  # a reader's bug on a foreign file must not stop the batch: logged, shown unread
        log.exception("reading imported file %s failed", imported.pk)
        imported.match, imported.error = Match.UNREADABLE, "读取时出现内部错误，未能读取（已记录日志）"
        return imported
    year = report.year
    if not year:
        found = _YEAR.search(report.title or "") or _YEAR.search(imported.name)
        year = int(found.group(1)) if found else None
    organ, score = match_organ(report.agency, report.title, imported.name, organs)
    imported.data = report.to_dict()
    imported.problems = [p.to_dict() for p in report.problems]
    imported.year = year
    imported.agency = (report.agency or "")[:200]
    imported.organ, imported.score = organ, score or None
    if organ is None:
        imported.match = Match.NONE
    else:
        imported.match = Match.MATCHED if score >= CERTAIN else Match.UNCERTAIN
    imported.findings = _findings(report, organ if imported.match == Match.MATCHED else None, year)
    return imported


def process_batch(batch_id: int) -> int:
    """Read every file of the batch not read yet, one transaction per file (the progress bar moves)."""
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    organs = list(candidates(batch))
    done = 0
    for pk in batch.files.filter(match=Match.PENDING).values_list("pk", flat=True):
        imported = ImportedFile.objects.get(pk=pk)
        read_file(imported, organs)
        with transaction.atomic():
            imported.save()
            ImportBatch.objects.filter(pk=batch.pk).update(processed=F("processed") + 1)
            ImportEvent.objects.create(
                batch=batch, file=imported, kind="read", note=imported.error or imported.get_match_display()
            )
        done += 1
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.DONE)
        ImportEvent.objects.create(batch=batch, kind="finished", note=f"读取{done}个文件")
        record(ReportVerb.IMPORT_READ, actor=None, organ=batch.office, obj=batch, changes={"read": [0, done]})
    return done


def confirm_match(actor, imported: ImportedFile, organ: Organ, year: int | None = None) -> ImportedFile:
    """A person confirms (or corrects) the organ, and if the reader found none, the year."""
    _require_office(actor, imported.batch.office)
    if imported.match in (Match.PENDING, Match.UNREADABLE):
        raise ValidationError({"organ": [f"文件“{imported.name}”未能读取，不能匹配机关"]})
    allowed = candidates(imported.batch).filter(pk=organ.pk).exists()
    if not allowed or not POLICY.allows(actor, Action.REVIEW, organ.pk):
        raise ValidationError({"organ": [f"文件“{imported.name}”：所选机关不在本部门管辖范围内"]})
    year = year or imported.year
    if not year:
        raise ValidationError({"year": [f"文件“{imported.name}”：未能读出年度，请填写报告年度"]})
    with transaction.atomic():
        old = (imported.organ_id, imported.year, imported.match)
        imported.organ, imported.year, imported.match = organ, year, Match.CONFIRMED
        imported.confirmed_by = actor_user(actor)
        imported.findings = _findings(Report.from_dict(imported.data), organ, year)
        imported.save()
        ImportEvent.objects.create(
            batch=imported.batch, file=imported, kind="confirmed", actor=actor_user(actor), note=organ.name
        )
        record(
            ReportVerb.IMPORT_CONFIRMED,
            actor=actor_user(actor),
            organ=organ,
            obj=imported,
            changes={"organ": [old[0], organ.pk], "year": [old[1], year], "match": [old[2], Match.CONFIRMED]},
        )
    return imported


def imported_report(organ: Organ, year: int) -> Report | None:
    """`organ`'s report of `year` as imported (the latest matched or confirmed file), or None."""
    found = (
        ImportedFile.objects.filter(organ=organ, year=year, match__in=[Match.MATCHED, Match.CONFIRMED])
        .order_by("-batch__created_at", "-pk")
        .only("data")
        .first()
    )
    if found is None:
        return None
    report = Report.from_dict(found.data)
    # The match (by name, or a person's confirmation) says whose report it is: a short or misspelt name
    # printed in it must not make the cross-year rules take it for another organ's (X0).
    report.agency, report.year = organ.name, year
    return report
