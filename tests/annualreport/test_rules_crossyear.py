"""X1–X5: this year's report against last year's."""

from rules_sample import TODAY, previous, sample

from gongkai.annualreport.rules import Finding, check


def of(rule_id, report, prev):
    return [f for f in check(report, prev, today=TODAY) if f.rule == rule_id]


def test_consistent_pair_has_no_finding():
    assert check(sample(), previous(), today=TODAY) == []


def test_x_rules_need_previous():
    report = sample()
    report.set("applications.carried_over.natural_person", 3)
    assert {f.rule for f in check(report, today=TODAY)} == {"R1", "R3"}


def test_x1_carried_over_equals_last_carried_forward():
    prev = previous()
    prev.set("applications.carried_forward.commercial_enterprise", 2)
    prev.set("applications.carried_forward.total", 3)
    assert of("X1", sample(), prev) == [
        Finding(
            "X1",
            "error",
            ("applications.carried_over.commercial_enterprise",),
            "表三 商业企业列：二、上年结转=0，上年报告 四、结转下年度继续办理=2",
        ),
        Finding(
            "X1",
            "error",
            ("applications.carried_over.total",),
            "表三 总计列：二、上年结转=1，上年报告 四、结转下年度继续办理=3",
        ),
    ]


def test_x2_in_force_follows_last_year():
    prev = previous()
    prev.set("proactive.normative_documents.in_force", 40)
    assert of("X2", sample(), prev) == [
        Finding(
            "X2",
            "warning",
            (
                "proactive.normative_documents.in_force",
                "proactive.normative_documents.issued",
                "proactive.normative_documents.repealed",
            ),
            "表二 行政规范性文件 现行有效件数=43，上年现行有效40+本年制发6−本年废止1=45（修改、到期失效也会造成差异，请核实）",
        )
    ]


def test_x3_previous_must_be_the_year_before_and_x1_x2_then_stay_silent():
    prev = previous()
    prev.year = 2021
    prev.set("applications.carried_forward.natural_person", 9)
    findings = check(sample(), prev, today=TODAY)
    assert [(f.rule, f.cells, f.message) for f in findings] == [
        ("X3", ("year",), "本报告年度为2023年，所给上年报告年度为2021年，应为2022年")
    ]


def test_x4_section_copied_with_only_the_year_changed():
    prev = previous()
    prev.sections.shortcomings = sample(year=2022).sections.shortcomings.replace("一是", "一是 ")
    prev.sections.overview = sample(year=2022).sections.overview
    assert [(f.cells, f.message) for f in of("X4", sample(), prev)] == [
        (("sections.overview",), "“一、总体情况”与上年报告相同（仅年份不同或完全相同），疑为照搬"),
        (
            ("sections.shortcomings",),
            "“五、存在的主要问题及改进情况”与上年报告相同（仅年份不同或完全相同），疑为照搬",
        ),
    ]
    assert {f.severity for f in of("X4", sample(), prev)} == {"warning"}


def test_x4_ignores_short_identical_sections():
    prev = previous()
    report = sample()
    prev.sections.other_matters = report.sections.other_matters = "无。"
    assert of("X4", report, prev) == []


def test_x5_2019_format_item_counts_follow_last_year():
    prev, report = sample("2019", 2019), sample("2019", 2020)
    prev.set("proactive_2019.licensing.previous", 40)
    prev.set("proactive_2019.licensing.change", -3)
    report.set("proactive_2019.licensing.previous", 37)
    assert of("X5", report, prev) == []
    report.set("proactive_2019.licensing.previous", 40)
    assert [(f.severity, f.cells, f.message) for f in of("X5", report, prev)] == [
        (
            "warning",
            ("proactive_2019.licensing.previous",),
            "表二 行政许可 上一年项目数量=40，上年报告 上一年项目数量40+本年增/减-3=37",
        )
    ]


def test_x0_another_organ_is_an_error_and_silences_the_other_x_rules():
    from pathlib import Path

    from gongkai.annualreport.readers import read

    seeds = Path(__file__).parents[1] / "fixtures" / "seeds"
    report = read(seeds / "000_155da6e1a3ee7016.txt")  # 高安市机关事务管理局 2023
    prev = read(seeds / "002_1ef18909bb7a5b6c.txt")  # 高安市人民政府办公室 2022
    x_rules = [f for f in check(report, prev, today=TODAY) if f.rule.startswith("X")]
    assert x_rules == [
        Finding(
            "X0",
            "error",
            ("agency",),
            "本报告机关为“高安市机关事务管理局”，所给上年报告机关为“高安市人民政府办公室”，"
            "不是同一机关，未做跨年度核对",
        )
    ]


def test_x0_silences_x1_x2_x4_that_would_fire_for_the_same_organ():
    prev = previous()
    prev.set("applications.carried_forward.natural_person", 5)
    prev.proactive.rules.in_force = 99
    prev.sections.overview = (
        sample().sections.overview + "我局坚持以公开为常态、不公开为例外，及时准确公开政府信息。"
    )
    report = sample()
    report.sections.overview = prev.sections.overview
    same = {f.rule for f in check(report, prev, today=TODAY) if f.rule.startswith("X")}
    assert {"X1", "X2", "X4"} <= same and "X0" not in same
    prev.agency = "某某市另一局"
    other = {f.rule for f in check(report, prev, today=TODAY) if f.rule.startswith("X")}
    assert other == {"X0"}


def test_x0_ignores_whitespace_and_unknown_organs():
    prev = previous()
    prev.agency = " 某某市\u3000某某局 "
    assert of("X0", sample(), prev) == []
    prev.agency = None
    assert of("X0", sample(), prev) == []
