"""Our JSON: ``Report.to_dict()`` as the schema (``annual-report.schema.json``) describes it."""

from __future__ import annotations

import json

from gongkai.annualreport.model import Report


def write(report: Report) -> str:
    """Pretty, UTF-8 friendly JSON (Chinese stays readable: ensure_ascii=False)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
