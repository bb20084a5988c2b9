"""Exact numbers (issue 8, security review M6): the reader returns no number that is not in its input.

Counts are ``int``, amounts ``int`` or ``Decimal`` (never float), non-finite values are refused, and a year
is a whole four-digit run within 1990–2100. The property test mutates the seeds' numbers in every form the
review's fuzzer used and checks each number returned against an independent extraction of the input
(``bench/numbers_oracle.py``, which documents the normalisations).
"""

import json
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annualreport.model import Report
from gongkai.annualreport.readers import read
from gongkai.annualreport.writers import write

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from numbers_oracle import fabricated, numbers_in  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SEED0 = (FIXTURES / "seeds" / "000_155da6e1a3ee7016.txt").read_text("utf-8")
SEED2 = (FIXTURES / "seeds" / "002_1ef18909bb7a5b6c.txt").read_text("utf-8")
SCHEMA = json.loads((FIXTURES / "annual-report.schema.json").read_text("utf-8"))
FEE = "行政事业性收费\n\t0"


def fee(value: str) -> Report:
    return read(SEED0.replace(FEE, "行政事业性收费\n\t" + value, 1))


def problem(report: Report, where: str) -> str:
    return next(p.message for p in report.problems if p.where == where)


# --- amounts and counts --------------------------------------------------------------------------------


def test_amounts_of_sixteen_digits_and_more_come_back_exactly():
    """M6.1: float turned 12345678901234567 into 12345678901234568 and 309 digits into inf."""
    assert fee("12345678901234567").proactive.fees.amount_wan_yuan == 12345678901234567
    assert fee("9007199254740993").proactive.fees.amount_wan_yuan == 9007199254740993
    value = fee("0.350").proactive.fees.amount_wan_yuan
    assert isinstance(value, Decimal) and str(value) == "0.350"
    long = fee("9" * 309)
    assert long.proactive.fees.amount_wan_yuan is None
    assert problem(long, "proactive.fees.amount_wan_yuan").endswith("有309位数字，不是规范的金额，未读取")


def test_digits_of_other_scripts_are_not_read_as_numbers():
    report = fee("٣٣")
    assert report.proactive.fees.amount_wan_yuan is None
    assert (
        problem(report, "proactive.fees.amount_wan_yuan")
        == "表二 行政事业性收费 金额（万元）：“٣٣”不是规范的金额，未读取"
    )
    assert fee("１２．５").proactive.fees.amount_wan_yuan == Decimal("12.5")  # full-width: NFKC


def test_an_amount_no_double_holds_is_a_string_in_json_and_reads_back_exactly():
    source = write(fee("5"), "json").replace(
        '"amount_wan_yuan": 5', '"amount_wan_yuan": 12345678901234567.25'
    )
    text = write(read(source), "json")
    data = json.loads(text)
    assert data["proactive"]["fees"]["amount_wan_yuan"] == "12345678901234567.25"
    jsonschema.validate(data, SCHEMA)
    assert read(text).proactive.fees.amount_wan_yuan == Decimal("12345678901234567.25")
    assert json.loads(write(fee("0.35"), "json"))["proactive"]["fees"]["amount_wan_yuan"] == 0.35


def test_json_non_finite_amounts_are_refused_with_a_problem():
    """M6.3: JSON Infinity was accepted as an amount."""
    for constant in ("Infinity", "-Infinity", "NaN"):
        text = write(fee("5"), "json").replace('"amount_wan_yuan": 5', f'"amount_wan_yuan": {constant}')
        report = read(text)
        assert report.proactive.fees.amount_wan_yuan is None
        assert problem(report, "proactive.fees.amount_wan_yuan") == (
            f"proactive.fees.amount_wan_yuan：应为非负数或 null，实际为 {constant}"
        )


def test_json_decimals_are_exact_and_a_decimal_count_is_refused():
    text = write(fee("5"), "json").replace(
        '"amount_wan_yuan": 5', '"amount_wan_yuan": 0.1000000000000000055511151231257827'
    )
    assert read(text).proactive.fees.amount_wan_yuan == Decimal("0.1000000000000000055511151231257827")
    text = text.replace('"rules": {\n      "issued": 0', '"rules": {\n      "issued": 5.0', 1)
    report = read(text)
    assert report.proactive.rules.issued is None
    assert (
        problem(report, "proactive.rules.issued") == "proactive.rules.issued：应为非负整数或 null，实际为 5.0"
    )


# --- years ----------------------------------------------------------------------------------------------


def test_a_year_is_never_the_tail_of_a_longer_number():
    """M6.2: "20231年" gave 231, "261180273年" gave 273; now the title has no year and the text's is used."""
    for title_year in ("20231", "261180273", "0367"):
        report = read(SEED2.replace("2022年政府信息", f"{title_year}年政府信息", 1))
        assert report.year == 2022  # from the statistical period in the introduction
        assert report.title == f"高安市人民政府办公室{title_year}年政府信息公开工作年度报告"


def test_years_outside_1990_to_2100_are_not_accepted():
    for title_year in ("9999", "1066", "2101", "1989"):
        report = read(SEED2.replace("2022年政府信息", f"{title_year}年政府信息", 1))
        assert report.year == 2022
    text = SEED2.replace("2022年政府信息", "二〇二三年政府信息", 1)
    assert read(text).year == 2023
    assert read(SEED2.replace("2022年政府信息", "二十二三年政府信息", 1)).year == 2022  # no crash on 十


def test_a_signing_date_outside_the_years_is_a_problem_not_a_date():
    report = read(SEED0.rstrip("\n") + "\n0001年1月1日\n")
    assert report.published_on is None
    assert problem(report, "published_on") == "成文日期“0001年1月1日”不是有效日期"
    assert read(SEED0.rstrip("\n") + "\n2024年1月20日\n").published_on.isoformat() == "2024-01-20"


# --- every number returned is in the input --------------------------------------------------------------


def test_the_oracle_sees_whole_runs_only():
    written = numbers_in("统计２０２３年，收费1,234.50万元，二〇二二年，编号20231")
    assert {Decimal("2023"), Decimal("1234.50"), Decimal("2022"), Decimal("20231")} <= written
    assert Decimal("231") not in written and Decimal("234.50") not in written


def test_seeds_and_fixtures_return_only_numbers_they_contain():
    paths = SEEDS + sorted((FIXTURES / "reader").glob("*")) + sorted((FIXTURES / "unseen").glob("*.txt"))
    for path in paths:
        text = path.read_text("utf-8")
        assert fabricated(read(text), text) == [], path.name


FORMS = st.one_of(
    st.integers(0, 10**40).map(str),
    st.integers(0, 10**6).map(lambda n: f"{n:,}"),
    st.integers(0, 999).map(lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    st.tuples(st.integers(0, 10**18), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]:03d}"),
    st.sampled_from(
        ["+3", "-7", "−2", "减3", "增加4", "12件", "0.35万元", "3万", "٣", "३३", "²", "1e5", "二〇二三"]
    ),
    st.sampled_from(["20231", "261180273", "0367", "9999", "1066", "9" * 309, "12345678901234567"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    spots=st.lists(st.tuples(st.integers(0, 10**6), FORMS), min_size=1, max_size=8),
)
def test_every_number_returned_for_a_text_is_written_in_it(seed, spots):
    text = seed.read_text("utf-8")
    for position, form in spots:
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        i = digits[position % len(digits)]
        j = i
        while j < len(text) and text[j].isdigit():
            j += 1
        text = text[:i] + form + text[j:]
    assert fabricated(read(text), text) == []
