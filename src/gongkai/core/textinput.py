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

# Characters no name, address or other text field needs, and that hide or reorder what a reader sees:
# - C0 and C1 control characters and DEL (multi-line fields keep tab, line feed and carriage return);
# - bidi controls (U+061C, U+200E/200F, U+202A–202E, U+2066–2069), which can make "abc" display as "cba";
# - zero-width and invisible characters (U+200B–200D, U+2060–2064, U+FEFF, U+180E, U+00AD);
# - the line and paragraph separators U+2028/U+2029, which break one-line fields in logs and JSON;
# - noncharacters (U+FDD0–FDEF and U+xFFFE/U+xFFFF of every plane) and lone surrogates, which cannot be
#   encoded to UTF-8 and would fail at the database.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
)
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]")
_CONTROL_MULTILINE = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_INVISIBLE}]")
TEXT_FIELDS = (models.CharField, models.TextField)


def has_control_characters(text: str, multiline: bool = False) -> bool:
    return bool((_CONTROL_MULTILINE if multiline else _CONTROL).search(text))


def strip_forbidden_characters(text: str) -> str:
    """``text`` without any forbidden character (for values we keep but do not ask for, e.g. a
    User-Agent header)."""
    return _CONTROL.sub("", text)


def first_forbidden_character(text: str, multiline: bool = False) -> str | None:
    """The first forbidden character of ``text`` as ``U+XXXX``, or None."""
    match = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def control_character_message(label: str, text: str = "", multiline: bool = False) -> str:
    """The message for a field holding a forbidden character; names the character unless it is a
    control character (NUL and the like, which cannot be shown)."""
    char = first_forbidden_character(text, multiline) if text else None
    if char is None or int(char[2:], 16) < 0xA0:
        return f"{label}：不能包含控制字符（如NUL、换行以外的不可见字符）"
    return f"{label}：不能包含不可见字符或改变文字方向的字符（{char}，如零宽字符、双向控制符）"


def control_character_errors(instance: models.Model, multiline: tuple[str, ...] = ()) -> dict[str, str]:
    """{field name: message} for every text field of `instance` holding a forbidden character."""
    errors = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        is_text = isinstance(field, TEXT_FIELDS) and isinstance(value, str)
        if is_text and has_control_characters(value, multiline=field.name in multiline):
            errors[field.name] = control_character_message(field.verbose_name, value, field.name in multiline)
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
            raise ValidationError(
                control_character_message(label, value, multiline), code="control_characters"
            )

    return validate


def use_control_character_validators(form, multiline: tuple[str, ...] = ()) -> None:
    """Replace Django's NUL validator on every text field of `form` with `control_character_validator`."""
    from django.core.validators import ProhibitNullCharactersValidator

    for name, field in form.fields.items():
        kept = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        if len(kept) != len(field.validators):
            field.validators = [*kept, control_character_validator(field.label, name in multiline)]
