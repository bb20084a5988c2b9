"""A finding: one breach of one rule, citing the cells involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    """One breach. ``cells`` are dotted paths into the report's JSON (``applications.new.total``)."""

    rule: str
    severity: str  # "error" | "warning"
    cells: tuple[str, ...] = field(default=())
    message: str = ""  # Chinese, quotes the numbers and, for text rules, the sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
        }
