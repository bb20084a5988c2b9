"""统一社会信用代码 (unified social credit code), GB 32100-2015.

18 characters: registration authority (1), organisation type (1), administrative division (6),
organisation code (9, GB 11714) and a check character computed over the first 17 with weights
3^i mod 31 in a 31-symbol alphabet without I, O, S, V and Z.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Organisation code (GB 11714) check: weights over the 8 body characters, modulus 11.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class CreditCodeError(ValueError):
    """The code is malformed; the message says what is wrong, in Chinese, for the form error."""


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 characters."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_check(body8: str) -> str:
    """The 9th character of a GB 11714 organisation code for its first 8 characters."""
    total = sum(ORG_CODE_ALPHABET.index(ch) * w for ch, w in zip(body8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_code(authority: str, kind: str, division: str, org_body8: str) -> str:
    """Assemble a valid code (used for demo data and tests) from its parts."""
    first17 = authority + kind + division + org_body8 + org_code_check(org_body8)
    return first17 + check_character(first17)


def normalise(code: str) -> str:
    """The stored form: no surrounding blanks, upper case (validity is checked by `validate`)."""
    return code.strip().upper()


def validate(code: str) -> str:
    """Return the normalised (upper-case) code, or raise CreditCodeError naming the problem."""
    normalised = normalise(code)
    if len(normalised) != 18:
        raise CreditCodeError(f"统一社会信用代码应为18位，实际为{len(normalised)}位")
    bad = sorted({ch for ch in normalised if ch not in ALPHABET})
    if bad:
        raise CreditCodeError(f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）")
    if not normalised[2:8].isdigit():
        raise CreditCodeError("统一社会信用代码第3至8位应为行政区划代码（6位数字）")
    expected = check_character(normalised[:17])
    if normalised[17] != expected:
        raise CreditCodeError(f"统一社会信用代码校验码错误：第18位应为{expected}，实际为{normalised[17]}")
    return normalised
