"""R1–R4: one deliberately broken report per rule, with the exact cells and numbers."""

from rules_sample import TODAY, sample

from gongkai.annualreport.rules import Finding, check


def of(rule_id, report, previous=None):
    return [f for f in check(report, previous, today=TODAY) if f.rule == rule_id]


def test_consistent_sample_has_no_finding_at_all():
    assert check(sample(), today=TODAY) == []
    assert check(sample("2019", 2020), today=TODAY) == []


def test_r1_new_plus_carried_over_equals_results_plus_carried_forward():
    report = sample()
    # one more carried forward in the 自然人 column only: R1 breaks there (and R3 on that row).
    report.set("applications.carried_forward.natural_person", 2)
    assert of("R1", report) == [
        Finding(
            "R1",
            "error",
            (
                "applications.new.natural_person",
                "applications.carried_over.natural_person",
                "applications.results.total.natural_person",
                "applications.carried_forward.natural_person",
            ),
            "表三 自然人列：一+二=6，三(七)+四=7",
        )
    ]
    assert [f.message for f in of("R3", report)] == ["表三 四、结转下年度继续办理：总计=1，各类申请人之和=2"]


def test_r2_total_row_equals_leaf_rows():
    report = sample()
    report.set("applications.results.denied.state_secret.commercial_enterprise", 1)
    (finding,) = of("R2", report)
    assert finding.severity == "error"
    assert finding.message == "表三 商业企业列：（七）总计=2，（一）至（六）各项之和=3"
    assert finding.cells[0] == "applications.results.total.commercial_enterprise"
    assert "applications.results.denied.state_secret.commercial_enterprise" in finding.cells
    assert len(finding.cells) == 1 + 21  # 2 + 8 + 3 + 5 + 3 leaf rows


def test_r2_in_2019_format_uses_its_single_other_row():
    report = sample("2019", 2020)
    report.set("applications.results.other.other.natural_person", 1)
    (finding,) = of("R2", report)
    assert len(finding.cells) == 1 + 19  # （六） is one row
    assert "applications.results.other.no_correction.natural_person" not in finding.cells
    assert finding.message == "表三 自然人列：（七）总计=5，（一）至（六）各项之和=6"


def test_r3_row_total_equals_applicant_columns():
    report = sample()
    report.set("applications.results.granted.total", 5)
    findings = of("R3", report)
    assert [(f.cells[0], f.message) for f in findings] == [
        ("applications.results.granted.total", "表三 （一）予以公开：总计=5，各类申请人之和=4")
    ]
    assert findings[0].cells[1:] == tuple(
        f"applications.results.granted.{c}"
        for c in (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "public_interest_org",
            "legal_service_org",
            "other_org",
        )
    )


def test_r4_review_group_total():
    report = sample()
    report.set("reviews.litigation_direct.corrected", 1)
    assert of("R4", report) == [
        Finding(
            "R4",
            "error",
            (
                "reviews.litigation_direct.total",
                "reviews.litigation_direct.upheld",
                "reviews.litigation_direct.corrected",
                "reviews.litigation_direct.other",
                "reviews.litigation_direct.pending",
            ),
            "表四 行政诉讼（未经复议直接起诉）：总计=0，维持+纠正+其他+尚未审结=1",
        )
    ]


def test_relation_with_a_blank_cell_is_skipped_and_left_to_f1():
    report = sample()
    report.set("applications.new.natural_person", None)
    report.set("applications.carried_forward.natural_person", 9)
    assert [f.message for f in of("R1", report)] == []
    assert [f.rule for f in check(report, today=TODAY) if f.rule.startswith("F")] == ["F1"]
