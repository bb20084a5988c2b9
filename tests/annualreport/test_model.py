import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from tests.annualreport.report_strategies import reports

from gongkai.annualreport import Report, cell_label, cell_paths

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "annual-report.schema.json").read_text("utf-8"))


def test_cell_counts_per_format():
    # table 2: 10 cells, table 3: 25 rows × 7, table 4: 15
    assert len(cell_paths("2021")) == 10 + 25 * 7 + 15
    # 2019: table 2 has 3+3+3*4+2+2 = 22 cells; table 3 loses two （六） sub-rows
    assert len(cell_paths("2019")) == 22 + 23 * 7 + 15
    assert cell_paths("pre2019") == [p for p in cell_paths("2021") if not p.startswith("proactive")]


@pytest.mark.parametrize("fmt", ["2021", "2019", "pre2019"])
def test_blank_report_is_schema_valid_and_round_trips(fmt):
    report = Report.blank(fmt)
    data = report.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert Report.from_dict(json.loads(json.dumps(data))) == report


def test_2019_format_has_single_other_row():
    report = Report.blank("2019")
    data = report.to_dict()
    assert data["proactive"] is None
    assert data["applications"]["results"]["other"]["no_correction"] is None
    assert data["applications"]["results"]["other"]["other"]["total"] is None
    assert "applications.results.other.fee_unpaid.total" not in cell_paths("2019")


def test_set_and_get_by_path():
    report = Report()
    report.set("applications.new.natural_person", 5)
    assert report.get("applications.new.natural_person") == 5
    assert report.to_dict()["applications"]["new"]["natural_person"] == 5
    with pytest.raises(KeyError):
        Report.blank("2019").set("applications.results.other.fee_unpaid.total", 1)


def test_cell_labels_are_chinese_and_specific():
    assert cell_label("applications.new.natural_person") == "表三 一、本年新收政府信息公开申请数量 自然人"
    assert cell_label("applications.results.other.other.total") == "表三 （六）其他处理 3.其他 总计"
    assert cell_label("reviews.reconsideration.upheld") == "表四 行政复议 结果维持"


def test_table3_rows_in_printed_order_per_format():
    rows_2021 = [path for path, _ in Report.blank("2021").applications.rows()]
    assert len(rows_2021) == 25
    assert rows_2021[:3] == ["new", "carried_over", "results.granted"]
    assert rows_2021[-2:] == ["results.total", "carried_forward"]
    rows_2019 = [path for path, _ in Report.blank("2019").applications.rows()]
    assert len(rows_2019) == 23
    assert "results.other.other" in rows_2019 and "results.other.no_correction" not in rows_2019


def test_cells_of_named_tables_only():
    report = Report.blank("2021")
    report.set("reviews.reconsideration.upheld", 3)
    reviews = list(report.cells("reviews"))
    assert reviews == [(p, v) for p, v in report.cells() if p.startswith("reviews.")]
    assert ("reviews.reconsideration.upheld", 3) in reviews and len(reviews) == 15
    assert [p for p, _ in report.cells("proactive_2019")] == []  # the 2021 format has no such table


@settings(max_examples=60, deadline=None)
@given(reports(formats=("2021", "2019")))
def test_cells_of_the_json_equal_the_cells_of_the_report(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert list(Report.cells_of(data)) == list(Report.from_dict(data).cells())
    assert list(Report.cells_of(data, "reviews")) == list(Report.from_dict(data).cells("reviews"))


@pytest.mark.parametrize(
    "data",
    [
        Report.blank("pre2019").to_dict(),
        {},
        {"applications": None, "reviews": {"reconsideration": None}},
        {"proactive": {"rules": {"issued": 2}}, "applications": {"new": {"total": 1}, "results": None}},
    ],
)
def test_cells_of_partial_json_equal_the_cells_of_the_report(data):
    assert list(Report.cells_of(data)) == list(Report.from_dict(data).cells())
