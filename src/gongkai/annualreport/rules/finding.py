"""A finding: one breach of one rule, citing the cells involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """A finding's severity; the values are the JSON strings."""

    ERROR = "error"  # 错误
    WARNING = "warning"  # 警告


SEVERITIES = tuple(Severity)


@dataclass(frozen=True)
class Finding:
    """One breach. ``cells`` are dotted paths into the report's JSON (``applications.new.total``)."""

    rule: str
    severity: Severity
    cells: tuple[str, ...] = field(default=())
    message: str = ""  # Chinese, quotes the numbers and, for text rules, the sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
        }
