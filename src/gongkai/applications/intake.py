"""Validation of an application's content, shared by the portal form, the staff form and the API.

`clean_intake(data)` returns the cleaned values or raises ValidationError({field: Chinese message}), so
every entry point stores the same thing and names the same field.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai.applications.choices import (
    ORGANISATION_KINDS,
    ApplicantKind,
    Delivery,
    IdType,
    WantedForm,
)
from gongkai.core.textinput import control_character_message, has_control_characters
from gongkai.organs import creditcode

FIELDS: dict[str, tuple[str, int, bool]] = {
    # name: (label, max length, multi-line)
    "applicant_kind": ("申请人类型", 30, False),
    "name": ("姓名或名称", 100, False),
    "id_type": ("证件类型", 20, False),
    "id_number": ("证件号码", 30, False),
    "credit_code": ("统一社会信用代码", 18, False),
    "legal_representative": ("法定代表人", 50, False),
    "contact_person": ("联系人", 50, False),
    "phone": ("联系电话", 40, False),
    "email": ("电子邮箱", 254, False),
    "address": ("通讯地址", 200, False),
    "postcode": ("邮政编码", 6, False),
    "description": ("所需信息的描述", 4000, True),
    "document_hint": ("文号或其他特征", 200, False),
    "wanted_form": ("获取信息的方式", 20, False),
    "delivery": ("获取信息的途径", 20, False),
}
LABELS = {name: spec[0] for name, spec in FIELDS.items()}
APPLICANT_FIELDS = (
    "name",
    "id_type",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
)
PHONE = re.compile(r"^[0-9()（）\-－+ ]{7,40}$")
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_ok(value: str) -> bool:
    """GB 11643-1999: 17 digits and a check character."""
    if not RESIDENT_ID.match(value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17]


def clean_intake(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for name, (label, max_length, multiline) in FIELDS.items():
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors[name] = f"{label}：应为字符串"
            continue
        value = value.strip()
        if has_control_characters(value, multiline=multiline):
            errors[name] = control_character_message(label)
        elif len(value) > max_length:
            errors[name] = f"{label}：不能超过{max_length}个字符（现有{len(value)}个）"
        cleaned[name] = value
    unknown = set(data) - set(FIELDS)
    for name in sorted(unknown):
        errors[name] = f"未知字段：{name}"
    if errors:
        raise ValidationError(errors)
    _check(cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _required(cleaned, errors, *names) -> None:
    for name in names:
        if not cleaned.get(name) and name not in errors:
            errors[name] = f"{LABELS[name]}：必须填写"


def _choice(cleaned, errors, name, choices) -> None:
    if cleaned.get(name) and cleaned[name] not in choices.values:
        allowed = "、".join(choices.labels)
        errors[name] = f"{LABELS[name]}：“{cleaned[name]}”不是可选项（可选：{allowed}）"


def _check(cleaned: dict[str, str], errors: dict[str, str]) -> None:
    _required(cleaned, errors, "applicant_kind", "name", "phone", "description", "wanted_form", "delivery")
    _choice(cleaned, errors, "applicant_kind", ApplicantKind)
    _choice(cleaned, errors, "wanted_form", WantedForm)
    _choice(cleaned, errors, "delivery", Delivery)
    kind = cleaned.get("applicant_kind")
    if kind == ApplicantKind.natural_person:
        _required(cleaned, errors, "id_type", "id_number")
        _choice(cleaned, errors, "id_type", IdType)
        number = "".join(cleaned.get("id_number", "").split()).upper()
        cleaned["id_number"] = number
        if number and cleaned.get("id_type") == IdType.RESIDENT_ID and not resident_id_ok(number):
            errors["id_number"] = "证件号码：不是有效的18位居民身份证号码（校验位不符或位数不对）"
        elif number and len(number) < 6:
            errors["id_number"] = "证件号码：至少6个字符"
    elif kind in ORGANISATION_KINDS:
        _required(cleaned, errors, "credit_code", "legal_representative", "contact_person")
        if cleaned.get("credit_code"):
            try:
                cleaned["credit_code"] = creditcode.validate(cleaned["credit_code"])
            except creditcode.CreditCodeError as exc:
                errors["credit_code"] = str(exc)
        cleaned["id_type"] = ""
        cleaned["id_number"] = ""
    if cleaned.get("phone") and not PHONE.match(cleaned["phone"]):
        errors["phone"] = "联系电话：格式不正确，只能包含数字、括号、连字符和空格"
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = "电子邮箱：格式不正确"
    if cleaned.get("postcode") and not re.fullmatch(r"\d{6}", cleaned["postcode"]):
        errors["postcode"] = "邮政编码：应为6位数字"
    if cleaned.get("delivery") == Delivery.EMAIL and not cleaned.get("email"):
        errors["email"] = "电子邮箱：选择以电子邮件获取信息时必须填写"
    if cleaned.get("delivery") == Delivery.POST and not cleaned.get("address"):
        errors["address"] = "通讯地址：选择邮寄时必须填写"
