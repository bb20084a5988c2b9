"""统一社会信用代码 validation (GB 32100-2015)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.organs import creditcode
from gongkai.organs.creditcode import ALPHABET, CreditCodeError, make_code, validate

# Codes published on real business licences / organ websites.
REAL_CODES = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T", "11100000000013127D"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_accepts_real_codes(code):
    assert validate(code) == code
    assert validate(code.lower()) == code


def test_rejects_wrong_check_character_naming_the_expected_one():
    with pytest.raises(CreditCodeError, match="第18位应为3，实际为4"):
        validate("91350100M000100Y44")


def test_rejects_wrong_length():
    with pytest.raises(CreditCodeError, match="应为18位，实际为17位"):
        validate("91350100M000100Y4")


def test_rejects_letters_outside_the_alphabet():
    with pytest.raises(CreditCodeError, match="不允许的字符：I、O"):
        validate("91350100MIO0100Y43")


def test_rejects_non_numeric_division_code():
    code = "9135A100M000100Y4"
    with pytest.raises(CreditCodeError, match="行政区划代码"):
        validate(code + creditcode.check_character(code))


@given(st.text(alphabet=ALPHABET, min_size=8, max_size=8))
def test_generated_codes_validate(body):
    code = make_code("1", "1", "360983", body)
    assert len(code) == 18
    assert validate(code) == code


@given(st.integers(min_value=0, max_value=16), st.sampled_from(ALPHABET))
def test_any_single_character_change_is_detected(position, replacement):
    code = REAL_CODES[0]
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code and changed[2:8].isdigit():
        with pytest.raises(CreditCodeError):
            validate(changed)


def test_model_validator_reports_in_chinese_on_the_field(db):
    from gongkai.organs.models import Organ

    organ = Organ(name="测试局", slug="test-bureau", credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError) as info:
        organ.full_clean()
    assert "校验码错误" in info.value.message_dict["credit_code"][0]


def test_invalid_code_is_reported_once_and_a_valid_one_is_normalised(db):
    from gongkai.organs.models import Organ

    organ = Organ(name="测试局", slug="test-bureau", credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError) as info:
        organ.full_clean()
    assert len(info.value.message_dict["credit_code"]) == 1
    valid = make_code("1", "1", "360983", "0000M001")
    organ.credit_code = f" {valid.lower()} "
    organ.clean()
    assert organ.credit_code == valid
