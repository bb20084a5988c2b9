"""The decoder's own contract (readers/decode.py): cuts, identities, uniqueness, OCR confirmation."""

from __future__ import annotations

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import decoding as decode
from gongkai.annualreport.readers.decoding import Group, split_row

ROW = (Group(7, 6),)


def test_issue_example_splits_only_one_way():
    assert split_row(["12520000127"], ROW) == [(125, 2, 0, 0, 0, 0, 127)]


def test_separators_are_respected_and_total_first_works():
    assert split_row(["125", "2000", "0127"], ROW) == [(125, 2, 0, 0, 0, 0, 127)]
    assert split_row(["127", "12520000"], (Group(7, 0),)) == [(127, 125, 2, 0, 0, 0, 0)]


def test_no_cut_satisfies_the_row_identity():
    assert split_row(["1200004"], ROW) == []
    assert split_row(["12", "x"], ROW) == []


def test_table4_run_of_fifteen():
    assert split_row(["100120000000000"], (Group(5, 4),) * 3) == [
        (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    ]


def test_rows_without_identity_consider_vanished_blanks():
    assert split_row(["000"], (Group(3),), blanks=True) == [(0, 0, 0)]
    many = split_row(["105"], (Group(3),), blanks=True)
    assert (1, 0, 5) in many and (10, None, 5) in many


def test_search_is_bounded():
    assert split_row(["1" * 25], ROW) is None


def _table3(report: Report):
    return decode.table3_specs(report), decode.table3_equations(report)


def test_column_identity_settles_an_ambiguous_row_and_names_it():
    report = Report.blank("2021")
    specs, equations = _table3(report)
    fixed = {cell: 0 for spec in specs for cell in spec.cells}
    fixed.update(
        {
            "applications.new.natural_person": 11,
            "applications.new.total": 11,
            "applications.results.granted.natural_person": 11,
            "applications.results.granted.total": 11,
            "applications.results.total.natural_person": 11,
            "applications.results.total.total": 11,
        }
    )
    # "1100000011" cuts as 11|0|…|11 or 1|10|…? R3 leaves 11|0|0|0|0|0|11 and 1|1|0|0|0|0|... no: check both
    pending = {"applications.results.granted": ["110000011"]}
    cuts = split_row(pending["applications.results.granted"], ROW)
    assert (11, 0, 0, 0, 0, 0, 11) in cuts
    result = decode.decode_rows(specs, fixed, pending, equations)
    assert result.values["applications.results.granted.natural_person"] == 11
    assert result.values["applications.results.granted.total"] == 11
    info = [p for p in result.problems if p.level == "info"]
    assert len(info) == 1 and "110000011" in info[0].message and "（一）予以公开" in info[0].message


def test_ambiguous_row_stays_unread_with_a_problem():
    report = Report.blank("2021")
    specs, equations = _table3(report)
    pending = {"applications.new": ["101000011"]}  # 10|1|0|0|0|0|11 and 1|10|0|0|0|0|11
    result = decode.decode_rows(specs, {}, pending, equations)
    assert result.values["applications.new.natural_person"] is None
    assert "applications.new" in result.unread
    assert "可拆分为多种组合" in result.problems[0].message


def test_decoding_that_breaks_a_column_identity_is_unread():
    report = Report.blank("2021")
    specs, equations = _table3(report)
    fixed = {cell: 0 for spec in specs for cell in spec.cells}
    fixed["applications.results.total.natural_person"] = 10
    fixed["applications.results.total.other_org"] = 1
    fixed["applications.results.total.total"] = 11
    del fixed["applications.results.granted.natural_person"]
    # "1000001" can only be 1|0|0|0|0|0|1 by R3 (the true row was 10|…|1 with a blank 总计)
    result = decode.decode_rows(specs, fixed, {"applications.results.granted": ["1000001"]}, equations)
    assert result.values["applications.results.granted.natural_person"] is None
    assert "勾稽关系不符" in result.problems[-1].message


def test_ocr_numbers_need_an_identity():
    report = Report.blank("2021")
    specs = decode.table4_specs(one_run=False)
    fixed = {cell: 1 for spec in specs for cell in spec.cells}
    for group in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        fixed[f"reviews.{group}.total"] = 4
    fixed["reviews.litigation_direct.corrected"] = 7  # misread: R4 fails for that group
    result = decode.decode_rows(specs, fixed, {}, decode.table4_equations(), ocr=True)
    assert result.values["reviews.reconsideration.upheld"] == 1
    assert result.values["reviews.litigation_direct.corrected"] is None
    assert result.values["reviews.litigation_direct.upheld"] is None  # its only identity failed
    assert any(
        "OCR" in p.message and p.where == "reviews.litigation_direct.corrected" for p in result.problems
    )
    del report


def _consistent_table3(report: Report) -> dict[str, int]:
    """Table 3 with R1–R3 holding and numbers in every row: granted 2|1|0|0|0|0|3, repeated 1|0|0|0|0|1|2."""
    specs, _ = _table3(report)
    fixed = {cell: 0 for spec in specs for cell in spec.cells}
    rows = {
        "results.granted": (2, 1, 0, 0, 0, 0, 3),
        "results.not_handled.repeated": (1, 0, 0, 0, 0, 1, 2),
        "results.total": (3, 1, 0, 0, 0, 1, 5),
        "new": (3, 1, 0, 0, 0, 1, 5),
    }
    for row, values in rows.items():
        for column, value in zip(decode.APPLICANT_COLUMNS, values, strict=True):
            fixed[f"applications.{row}.{column}"] = value
    return fixed


def test_ocr_cell_whose_column_has_a_blank_stands_on_its_row():
    """A blank cell (or an unread row) leaves its column identity unevaluable: the other cells of that column
    are confirmed by their row alone when every other cell of the row is confirmed twice (row and column)."""
    report = Report.blank("2021")
    specs, equations = _table3(report)
    fixed = _consistent_table3(report)
    fixed["applications.results.other.fee_unpaid.research_institution"] = None  # printed blank
    result = decode.decode_rows(specs, fixed, {}, equations, ocr=True)
    for cell, value in fixed.items():
        assert result.values.get(cell) == value, cell
    assert not [p for p in result.problems if "OCR" in p.message]


def test_ocr_cancelling_misreads_beside_a_blank_stay_unread():
    """Two misreads cancelling in a row (2|1 read as 1|2) beside a blank in one of their columns: the other
    column fails, so its cell is unread, the row can no longer confirm, and nothing wrong is kept."""
    report = Report.blank("2021")
    specs, equations = _table3(report)
    truth = _consistent_table3(report)
    fixed = dict(truth)
    fixed["applications.results.granted.natural_person"] = 1
    fixed["applications.results.granted.commercial_enterprise"] = 2
    fixed["applications.results.not_handled.repeated.commercial_enterprise"] = None  # blank in that column
    result = decode.decode_rows(specs, fixed, {}, equations, ocr=True)
    kept = {cell: value for cell, value in result.values.items() if value is not None}
    assert all(truth[cell] == value for cell, value in kept.items())
    assert result.values["applications.results.granted.natural_person"] is None
    assert result.values["applications.results.granted.commercial_enterprise"] is None
    assert result.values["applications.results.total.commercial_enterprise"] is None  # next to doubt


def test_ocr_no_cell_stands_on_one_identity_next_to_a_cell_unread_in_doubt():
    """Three misreads: granted 2|1 read as 1|2 (its row holds), repeated's 1 read as 2 (its row fails, and the
    natural-person column holds with granted's 1). The culprit is then mistaken: repeated's commercial cell,
    where the failing row and column cross. Beside it, nothing stands on one identity."""
    report = Report.blank("2021")
    specs, equations = _table3(report)
    fixed = _consistent_table3(report)
    fixed["applications.results.granted.natural_person"] = 1
    fixed["applications.results.granted.commercial_enterprise"] = 2
    fixed["applications.results.not_handled.repeated.natural_person"] = 2
    result = decode.decode_rows(specs, fixed, {}, equations, ocr=True)
    assert result.values["applications.results.not_handled.repeated.commercial_enterprise"] is None
    assert result.values["applications.results.granted.commercial_enterprise"] is None  # on its row alone
    assert result.values["applications.results.not_handled.repeated.natural_person"] is None  # its column


def test_narrative_hint_settles_table2():
    specs = decode.table2_specs(
        "proactive", {"normative_documents": [("issued", "int"), ("repealed", "int"), ("in_force", "int")]}
    )
    pending = {"proactive.normative_documents": ["5010"]}
    unsettled = decode.decode_rows(specs, {}, pending, [])
    assert "proactive.normative_documents" in unsettled.unread
    hints = {"proactive.normative_documents.issued": 5, "proactive.normative_documents.in_force": 10}
    settled = decode.decode_rows(specs, {}, pending, [], hints=hints)
    assert settled.values["proactive.normative_documents.repealed"] == 0
