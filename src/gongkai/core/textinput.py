"""Text input hygiene shared by every write path (forms, API, admin, CLI all go through the services).

PostgreSQL text cannot hold NUL (a 500 if it reaches the database) and no organ detail needs any other
control character, so they are refused before saving, with a Chinese message naming the field. Values
are also stripped of surrounding whitespace, as Django's form fields do, so the API and the HTML form
store the same thing.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

# C0 and C1 control characters and DEL; multi-line fields keep tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TEXT_FIELDS = (models.CharField, models.TextField)


def has_control_characters(text: str, multiline: bool = False) -> bool:
    return bool((_CONTROL_MULTILINE if multiline else _CONTROL).search(text))


def control_character_message(label: str) -> str:
    return f"{label}：不能包含控制字符（如NUL、换行以外的不可见字符）"


def control_character_errors(instance: models.Model, multiline: tuple[str, ...] = ()) -> dict[str, str]:
    """{field name: message} for every text field of `instance` holding a forbidden character."""
    errors = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        is_text = isinstance(field, TEXT_FIELDS) and isinstance(value, str)
        if is_text and has_control_characters(value, multiline=field.name in multiline):
            errors[field.name] = control_character_message(field.verbose_name)
    return errors


def clean_changes(model: type[models.Model], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with text values stripped; ValidationError naming each unknown field or non-string text."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            errors[name] = f"未知字段：{name}"
            continue
        if isinstance(field, TEXT_FIELDS) and not field.choices:
            if value is None:
                errors[name] = f"{field.verbose_name}：应为字符串（不能为null），清空请传空字符串"
                continue
            if not isinstance(value, str):
                errors[name] = f"{field.verbose_name}：应为字符串"
                continue
            value = value.strip()
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def control_character_validator(label: str, multiline: bool = False):
    """A form-field validator with the same rule and message as the model check (Django's own NUL
    validator says neither which field nor anything about other control characters)."""

    def validate(value) -> None:
        if isinstance(value, str) and has_control_characters(value, multiline=multiline):
            raise ValidationError(control_character_message(label), code="control_characters")

    return validate


def use_control_character_validators(form, multiline: tuple[str, ...] = ()) -> None:
    """Replace Django's NUL validator on every text field of `form` with `control_character_validator`."""
    from django.core.validators import ProhibitNullCharactersValidator

    for name, field in form.fields.items():
        kept = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        if len(kept) != len(field.validators):
            field.validators = [*kept, control_character_validator(field.label, name in multiline)]
