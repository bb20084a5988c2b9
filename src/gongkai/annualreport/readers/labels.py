"""Row labels and header words of the three tables, as data.

The reader is label-driven: it finds a row by the distinctive words of its label, wherever the layout put
it, then takes the values that follow. Labels are matched on a *normalised* cell (NFKC, no whitespace, no
quotes, no Markdown emphasis), so "规   章", "（一）予以公开" and "(一) 予以公开" all match.

Each table has one compiled alternation; ``match`` returns the name of the first alternative that matches,
so a cell costs one regex search however many labels there are.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache

from gongkai.annualreport.model import Denied, NotHandled, Unable

# --- normalisation ---------------------------------------------------------------------------------

_DROP = re.compile(r"[\s\u3000\"'“”‘’「」『』*`]+|<br\s*/?>")


@lru_cache(maxsize=8192)
def norm(cell: str) -> str:
    """The comparable form of a label cell (cached: the same labels recur in every report)."""
    return _DROP.sub("", unicodedata.normalize("NFKC", cell))


def _alternation(pairs: list[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in pairs))


def _matcher(pairs: list[tuple[str, str]]):
    regex = _alternation(pairs)

    def match(normalised: str) -> str | None:
        found = regex.search(normalised)
        return found.lastgroup if found else None

    match.regex = regex  # type: ignore[attr-defined]
    return match


_ROW_NAMES_SHARED = {"other_sub", "other_whole"}


@lru_cache(maxsize=4096)
def _row_names(normalised: str, regex: re.Pattern[str]) -> frozenset[str]:
    return frozenset(
        m.lastgroup for m in regex.finditer(normalised) if m.lastgroup and not m.lastgroup.startswith("h_")
    )


def several_rows(normalised: str, match) -> bool:
    """Whether a cell names two or more rows ("规章行政规范性文件", "（五）不1.信访举报投诉类予处理申请2.重复申请")."""
    names = _row_names(normalised, match.regex) - _ROW_NAMES_SHARED
    return len(names) > 1


# --- table 2 (主动公开) -----------------------------------------------------------------------------
# Row name -> path below ``proactive`` / ``proactive_2019``.
TABLE2_ROWS = [
    ("rules", r"^规章$"),
    ("normative_documents", r"规范性文件$"),
    ("licensing", r"^行政许可"),
    ("other_services", r"对外管理服务事项"),
    ("penalty", r"^行政处罚"),
    ("coercion", r"^行政强制"),
    ("fees", r"^行政事业性收费"),
    ("procurement", r"^政府集中采购"),
]
TABLE2_HEADERS = [
    ("h_item", r"^第二十条|^信息内容$|^单位"),
    (
        "h_column",
        r"本年制发件数|本年废止件数|现行有效件数|处理决定数量|收费金额|新制作数量|新公开数量|"
        r"对外公开总数量|上一年项目数量|本年增|采购项目数量|采购总金额",
    ),
]
# Columns per row, by format. Kinds: "int" a count, "signed" 本年增/减, "amount" money (万元).
TABLE2_COLUMNS = {
    "2021": {
        "rules": [("issued", "int"), ("repealed", "int"), ("in_force", "int")],
        "normative_documents": [("issued", "int"), ("repealed", "int"), ("in_force", "int")],
        "licensing": [("decisions", "int")],
        "penalty": [("decisions", "int")],
        "coercion": [("decisions", "int")],
        "fees": [("amount_wan_yuan", "amount")],
    },
    "2019": {
        "rules": [("made", "int"), ("published", "int"), ("total", "int")],
        "normative_documents": [("made", "int"), ("published", "int"), ("total", "int")],
        "licensing": [("previous", "int"), ("change", "signed"), ("decisions", "int")],
        "other_services": [("previous", "int"), ("change", "signed"), ("decisions", "int")],
        "penalty": [("previous", "int"), ("change", "signed"), ("decisions", "int")],
        "coercion": [("previous", "int"), ("change", "signed"), ("decisions", "int")],
        "fees": [("previous", "int"), ("change", "signed")],
        "procurement": [("projects", "int"), ("amount_wan_yuan", "amount")],
    },
}

# --- table 3 (依申请) ------------------------------------------------------------------------------
# Row name -> path below ``applications``. Order matters only where one pattern could contain another.
TABLE3_ROWS = [
    ("new", r"本年新收"),
    ("carried_over", r"上年结转"),
    ("carried_forward", r"结转下年度"),
    ("granted", r"予以公开"),
    ("partially_granted", r"部分公开"),
    ("state_secret", r"国家秘密"),
    ("prohibited_by_law", r"法律行政法规禁止|法律法规禁止"),
    ("security_stability", r"三安全一稳定"),
    ("third_party_rights", r"第三方合法权益"),
    ("internal_affairs", r"内部事务"),
    ("process_information", r"过程性信息"),
    ("enforcement_case_file", r"执法案卷"),
    ("administrative_query", r"行政查询"),
    ("not_held", r"不掌握"),
    ("needs_creation", r"另行制作"),
    ("still_unclear", r"补正后"),
    ("petition_complaint", r"信访|举报投诉"),
    ("repeated", r"重复申请"),
    ("publication", r"公开出版物"),
    ("excessive", r"大量反复"),
    ("confirm_or_reissue", r"确认或重新出具|重新出具"),
    ("no_correction", r"逾期不补正"),
    ("fee_unpaid", r"缴纳费用|逾期未按收费"),
    ("other_sub", r"^\(?3\)?[.、]?其他$|其他处理\s*3[.、]?其他$"),  # our Markdown: "（六）其他处理 3.其他"
    ("other_whole", r"^\(?六\)?[、.]?其他处理$"),
    ("total", r"^\(?七\)?[、.]?(?:总计|合计)$"),
]
TABLE3_PATHS = {
    "new": "new",
    "carried_over": "carried_over",
    "carried_forward": "carried_forward",
    "granted": "results.granted",
    "partially_granted": "results.partially_granted",
    "total": "results.total",
    **{f.name: f"results.denied.{f.name}" for f in dataclasses.fields(Denied)},
    **{f.name: f"results.unable.{f.name}" for f in dataclasses.fields(Unable)},
    **{f.name: f"results.not_handled.{f.name}" for f in dataclasses.fields(NotHandled)},
    "no_correction": "results.other.no_correction",
    "fee_unpaid": "results.other.fee_unpaid",
    "other_sub": "results.other.other",
    "other_whole": "results.other.other",
}
TABLE3_HEADERS = [
    (
        "h_column",
        r"申请人情况|^自然人$|法人或其[他它]组织|^商业企业$|^科研机构$|^社会公益组织$|^法律服务机构$|"
        r"^其[他它]$|^总计$|^合计$|勾稽关系|^单位",
    ),
    ("h_results", r"本年度办理结果$"),
    ("h_denied", r"^\(?三\)?[、.]?不予公开$"),
    ("h_unable", r"^\(?四\)?[、.]?无法提供$"),
    ("h_not_handled", r"^\(?五\)?[、.]?不予处理$"),
]

# Table 3's column headers -> column (``org`` is the spanning 法人或其他组织), to read the printed order.
TABLE3_COLUMN_HEADERS = {
    "自然人": "natural_person",
    "法人或其他组织": "org",
    "法人或其它组织": "org",
    "商业企业": "commercial_enterprise",
    "科研机构": "research_institution",
    "社会公益组织": "public_interest_org",
    "法律服务机构": "legal_service_org",
    "其他": "other_org",
    "其它": "other_org",
    "总计": "total",
    "合计": "total",
}

# --- table 4 (复议诉讼) -----------------------------------------------------------------------------
TABLE4_GROUPS = [
    ("litigation_direct", r"未经复议直接起诉|直接起诉"),
    ("litigation_after_reconsideration", r"复议后起诉"),
    ("reconsideration", r"^行政复议$"),
]
TABLE4_HEADERS = [
    ("h_column", r"^行政诉讼$|维持$|纠正$|其他结果$|^其他$|尚未审结$|^审结$|^尚未$|^总计$|^结果$|^单位"),
]

match_table2 = _matcher(TABLE2_ROWS + TABLE2_HEADERS)
match_table3 = _matcher(TABLE3_ROWS + TABLE3_HEADERS)
match_table4 = _matcher(TABLE4_GROUPS + TABLE4_HEADERS)
MATCHERS = {"proactive": match_table2, "applications": match_table3, "reviews": match_table4}


@lru_cache(maxsize=8192)
def any_label(normalised: str) -> bool:
    """Whether a short line is a table label or header (so a bare line is a cell, not a paragraph)."""
    return any(m(normalised) for m in MATCHERS.values()) or fuzzy_table3(normalised) is not None


# --- fuzzy labels (misread, dropped or added characters) ---------------------------------------------

_NUMBERED = re.compile(r"^(?:[一二三四]、|\(?[一二三四五六七]\)|\d[.、])")
_FUZZY_MIN = 0.7  # similarity (difflib ratio) of the text after the number
_FUZZY_MARGIN = 0.1  # over the next best label with the same number


_LONG_LABELS = {
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}


@lru_cache(maxsize=1)
def _numbered_labels() -> dict[str, list[tuple[str, str]]]:
    from gongkai.annualreport.model import SEGMENT_LABELS

    by_number: dict[str, list[tuple[str, str]]] = {}
    names = {name for name, _ in TABLE3_ROWS}
    for key, label in SEGMENT_LABELS.items():
        text = norm(label)
        number = _NUMBERED.match(text)
        if number and key in names:
            by_number.setdefault(number.group(0), []).append((key, text[number.end() :]))
    for key, label in _LONG_LABELS.items():  # the format's full wording, as printed
        text = norm(label)
        number = _NUMBERED.match(text)
        if number:
            by_number.setdefault(number.group(0), []).append((key, text[number.end() :]))
    by_number.setdefault("3.", []).append(("other_sub", "其他"))
    by_number.setdefault("(六)", []).append(("other_whole", "其他处理"))
    by_number.setdefault("(七)", []).append(("total", "总计"))
    return by_number


@lru_cache(maxsize=4096)
def fuzzy_table3(normalised: str) -> str | None:
    """A numbered table-3 label with characters misread, dropped or added ("6.属于四类过程信息",
    "1.属于国家秘蜜"): the row whose printed label has the same number and the most similar text, when it is
    clearly the best."""
    import difflib

    number = _NUMBERED.match(normalised)
    if number is None or len(normalised) - number.end() < 3:
        return None
    rest = normalised[number.end() :]
    best: dict[str, float] = {}
    for key, text in _numbered_labels().get(number.group(0), []):
        best[key] = max(best.get(key, 0.0), difflib.SequenceMatcher(None, rest, text).ratio())
    scored = sorted(((ratio, key) for key, ratio in best.items()), reverse=True)
    if not scored or scored[0][0] < _FUZZY_MIN:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _FUZZY_MARGIN:
        return None
    return scored[0][1]
