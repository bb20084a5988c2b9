"""Table 2's entered figures per organ and year: 行政许可, 行政处罚, 行政强制 decisions and the 行政事业性收费
amount (万元); typed in, or imported from CSV/XLSX with every error named by row and column. An import is all
or nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.catalog import permissions
from gongkai.catalog.models import YearFigures
from gongkai.catalog.permissions import Action
from gongkai.catalog.services._common import audit, check
from gongkai.catalog.verbs import CatalogVerb
from gongkai.core.actors import actor_user, require_actor
from gongkai.organs.models import Organ

# Header → field. The first column names the organ by its 统一社会信用代码.
HEADERS = {
    "统一社会信用代码": "credit_code",
    "年度": "year",
    "行政许可": "licensing",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费（万元）": "fees_wan_yuan",
}
COUNT_FIELDS = ("licensing", "penalty", "coercion")
MAX_ROWS = 5000


def _count(value, label: str) -> int:
    text = str(value).strip() if value is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(f"{label}应为非负整数")
    return int(text)


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError("行政事业性收费应为非负数（单位：万元）") from None
    if amount < 0 or not amount.is_finite():
        raise ValueError("行政事业性收费应为非负数（单位：万元）")
    return amount.quantize(Decimal("0.0001"))


def _year(value) -> int:
    year = _count(value, "年度")
    if not 2008 <= year <= 2100:
        raise ValueError("年度应在2008至2100之间")
    return year


def save_figures(actor, organ, year, *, licensing, penalty, coercion, fees_wan_yuan) -> YearFigures:
    check(actor, Action.MANAGE, organ)
    errors = {}
    values = {}
    for name, raw, parse in (
        ("year", year, _year),
        ("licensing", licensing, lambda v: _count(v, "行政许可处理决定数量")),
        ("penalty", penalty, lambda v: _count(v, "行政处罚处理决定数量")),
        ("coercion", coercion, lambda v: _count(v, "行政强制处理决定数量")),
        ("fees_wan_yuan", fees_wan_yuan, _amount),
    ):
        try:
            values[name] = parse(raw)
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _store(actor, organ, values, CatalogVerb.FIGURES_SAVED)


def _store(actor, organ, values: dict, verb) -> YearFigures:
    year = values.pop("year")
    existing = YearFigures.objects.select_for_update().filter(organ=organ, year=year).first()
    before = {k: (str(getattr(existing, k)) if existing else None) for k in values}
    figures, _ = YearFigures.objects.update_or_create(
        organ=organ, year=year, defaults={**values, "updated_by": actor_user(actor)}
    )
    changes = {k: [before[k], str(v)] for k, v in values.items() if before[k] != str(v)}
    changes["year"] = [None, year]
    audit(verb, actor, organ, figures, changes)
    return figures


@dataclass
class ImportResult:
    saved: list[YearFigures]


def _rows(name: str, content: bytes) -> list[list]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a damaged file
            raise ValidationError({"file": "无法读取该 XLSX 文件，请确认文件未损坏"}) from None
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if name.lower().endswith(".csv"):
        try:
            decoded = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                decoded = content.decode("gb18030")
            except UnicodeDecodeError:
                raise ValidationError({"file": "CSV 文件编码无法识别（应为 UTF-8 或 GB18030）"}) from None
        return list(csv.reader(io.StringIO(decoded)))
    raise ValidationError({"file": "仅支持 CSV 或 XLSX 文件"})


def import_figures(actor, name: str, content: bytes) -> ImportResult:
    """Rows of (统一社会信用代码, 年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）). Every error is
    collected as "第N行“列名”：…" and nothing is stored if there is any."""
    require_actor(actor)
    rows = _rows(name, content)
    if not rows:
        raise ValidationError({"file": "文件为空"})
    header = [str(c or "").strip() for c in rows[0]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise ValidationError({"file": f"第1行缺少列：{'、'.join(missing)}"})
    position = {HEADERS[h]: header.index(h) for h in HEADERS}
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError({"file": f"一次最多导入{MAX_ROWS}行"})
    errors: list[str] = []
    parsed: list[tuple[Organ, dict]] = []
    organs = {o.credit_code: o for o in Organ.objects.all()}
    seen: dict[tuple[int, int], int] = {}
    labels = {field: label for label, field in HEADERS.items()}
    for number, row in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        cell = lambda field, row=row: row[position[field]] if position[field] < len(row) else None  # noqa: E731
        values: dict = {}
        code = str(cell("credit_code") or "").strip().upper()
        organ = organs.get(code)
        if organ is None or not permissions.can(actor, Action.MANAGE, organ):
            errors.append(f"第{number}行“统一社会信用代码”：找不到您可填报的机关“{code}”")
        for field, parse in (
            ("year", _year),
            *((f, lambda v, f=f: _count(v, labels[f])) for f in COUNT_FIELDS),
            ("fees_wan_yuan", _amount),
        ):
            try:
                values[field] = parse(cell(field))
            except ValueError as exc:
                errors.append(f"第{number}行“{labels[field]}”：{exc}")
        if organ is not None and "year" in values:
            key = (organ.pk, values["year"])
            if key in seen:
                errors.append(f"第{number}行“年度”：与第{seen[key]}行重复（同一机关同一年度）")
            seen[key] = number
        if organ is not None:
            parsed.append((organ, values))
    if errors:
        raise ValidationError({"file": errors})
    with transaction.atomic():
        saved = [_store(actor, organ, values, CatalogVerb.FIGURES_IMPORTED) for organ, values in parsed]
    return ImportResult(saved)
