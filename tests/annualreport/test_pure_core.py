"""The report toolkit is a pure core: no Django, and its vocabulary is typed (StrEnums = JSON strings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gongkai.annualreport.model import FORMATS, Report, ReportFormat
from gongkai.annualreport.rules import check
from gongkai.annualreport.rules.finding import SEVERITIES, Severity
from gongkai.annualreport.rules.registry import all_rules

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "002_1ef18909bb7a5b6c.txt"


def test_the_toolkit_imports_no_django_even_when_it_reads_writes_and_checks():
    code = (
        "import sys, pkgutil, importlib, gongkai.annualreport as pkg\n"
        "for m in pkgutil.walk_packages(pkg.__path__, 'gongkai.annualreport.'):\n"
        "    importlib.import_module(m.name)\n"
        "from pathlib import Path\n"
        "from gongkai.annualreport.readers import read\n"
        "from gongkai.annualreport.writers import FORMATS, write\n"
        "from gongkai.annualreport.rules import check\n"
        f"report = read(Path({str(SEED)!r}))\n"
        "outputs = [write(report, f) for f in FORMATS]\n"
        "check(report)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(len(outputs), bad[:3])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr == ""
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_report_formats_are_a_str_enum_whose_values_are_the_json_strings():
    assert [f.value for f in ReportFormat] == ["2021", "2019", "pre2019"]
    assert FORMATS == (ReportFormat.F2021, ReportFormat.F2019, ReportFormat.PRE2019)
    report = Report.from_dict({"format": "2019"})
    assert report.format is ReportFormat.F2019
    assert report.format == "2019"
    assert json.loads(json.dumps(report.to_dict()))["format"] == "2019"
    assert Report.from_dict({"format": "1999"}).format == "1999"  # unknown stays as read, for the checks


def test_finding_severities_are_a_str_enum_whose_values_are_the_json_strings():
    assert [s.value for s in Severity] == ["error", "warning"] == list(SEVERITIES)
    assert {type(r.severity) for r in all_rules()} == {Severity}
    report = Report.blank()
    findings = check(report)
    assert findings and {f.severity for f in findings} <= set(Severity)
    assert json.dumps([f.to_dict() for f in findings[:1]], ensure_ascii=False).count('"severity": "') == 1
    assert findings[0].to_dict()["severity"] in ("error", "warning")
