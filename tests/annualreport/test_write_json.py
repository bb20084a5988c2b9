import json
from decimal import Decimal
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from report_strategies import reports

from gongkai.annualreport.model import Report
from gongkai.annualreport.writers import write

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "annual-report.schema.json").read_text("utf-8"))


@settings(max_examples=40, deadline=None)
@given(reports())
def test_json_validates_against_the_schema_and_loads_back(report):
    text = write(report, "json")
    data = json.loads(text, parse_float=Decimal)  # amounts are exact decimals
    jsonschema.validate(data, SCHEMA)
    assert Report.from_dict(data) == report


def test_json_keeps_chinese_readable_blank_as_null_and_2019_shape():
    report = Report.blank("2019")
    report.agency = "高安市机关事务管理局"
    report.applications.results.other.other.natural_person = 2
    text = write(report, "json")
    assert '"agency": "高安市机关事务管理局"' in text  # ensure_ascii=False
    assert text.startswith('{\n  "format": "2019"')  # indent 2
    data = json.loads(text)
    assert data["proactive"] is None
    assert data["proactive_2019"]["procurement"] == {"projects": None, "amount_wan_yuan": None}
    assert data["applications"]["results"]["other"]["no_correction"] is None
    assert data["applications"]["results"]["other"]["other"]["natural_person"] == 2
    assert data["applications"]["results"]["other"]["other"]["total"] is None
