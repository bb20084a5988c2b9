"""T1–T10: figures in the narrative against the tables, and against themselves (practice).

Regexes over the report's own sentences. A false alarm is costly, so each rule fires only on a
phrase whose meaning is plain, skips sentences that speak of other years, shares or approximations,
and accepts every reasonable reading before it reports a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.annualreport.model import Report, cell_label

from .registry import ALL_FORMATS, TABLE_FORMATS, Context, Emit, rule
from .texts import clause_bounds, quote, sentences

NEW_TOTAL = "applications.new.total"
CARRIED_TOTAL = "applications.carried_over.total"
OTHER_PERIOD = re.compile(r"近\d+年|近[一二三四五六七八九十]+年|累计|历年|以来|上年|去年|同比|环比")


def _found(where: str, cells: list[str]) -> list[str]:
    return [*cells, where]


# --- T1, T2: applications -------------------------------------------------------------------

_APPLIED = re.compile(
    r"(?:受理|收到|接到|接收|新收)(?P<gap>[^，。；,;\d]{0,24}?)(?P<n>\d+)\s*"
    r"(?:件|个(?!工作日|月|小时|自然日|日)|宗|份|起)"
)
_APPLIED_NOT = re.compile(
    r"复议|诉讼|许可|信访|投诉|举报|政务服务|审批|来信|来电|提案|建议|咨询|热线|答复|办结|结转|上年|之日|日起|以内|后"
)
_CLAUSE_NOT = re.compile(r"其中|上年|结转|办结|答复|办理")
# A channel or an applicant type makes the figure a part, not the year's total.
_SUBSET = re.compile(r"通过|网上|网络|线上|当面|现场|信函|邮寄|邮件|传真|电话|自然人|法人|企业|组织|机构")


# A figure for a wider scope than the organ's own (a 主管部门 reporting the whole city): a warning (T10).
WIDER_SCOPE = re.compile(r"全市|全县|全区|全省|全镇|各部门|各单位|各地|各级|市直|县直|区直|系统内")


def _application_mismatches(ctx: Context) -> Iterator[tuple[bool, Emit]]:
    """(wider scope?, emit) for each figure of applications received that the table does not give."""
    new, carried = ctx.report.get(NEW_TOTAL), ctx.report.get(CARRIED_TOTAL)
    if new is None:
        return
    seen = set()
    for where, sentence in sentences(ctx.report):
        if "公开" not in sentence:
            continue
        for m in _APPLIED.finditer(sentence):
            gap, n = m.group("gap"), int(m.group("n"))
            left, _ = clause_bounds(sentence, m.start(), m.end())
            if not re.search("申请|公开", gap) or _APPLIED_NOT.search(gap) or _SUBSET.search(gap):
                continue
            prefix = sentence[left : m.start()]
            if _CLAUSE_NOT.search(prefix) or _SUBSET.search(prefix) or "其中" in sentence[: m.start()]:
                continue
            if n == new or (carried is not None and n == new + carried) or (where, n) in seen:
                continue
            seen.add((where, n))
            extra = f"，二、上年结转 总计={carried}" if carried is not None else ""
            wide = WIDER_SCOPE.search(sentence[: m.end()]) is not None
            scope = "（正文所述为更大范围的数字）" if wide else ""
            yield (
                wide,
                (
                    _found(where, [NEW_TOTAL]),
                    (
                        f"正文“{quote(sentence, m.start(), m.end())}”为{n}件，"
                        f"表三 一、本年新收政府信息公开申请数量 总计={new}{extra}{scope}"
                    ),
                ),
            )


@rule("T1", "error", "正文所述依申请公开数量与表三不符", kind="text", basis="实践", formats=TABLE_FORMATS)
def applications_count(ctx: Context) -> Iterator[Emit]:
    for wide, emit in _application_mismatches(ctx):
        if not wide:
            yield emit


_NONE_APPLIED = re.compile(
    r"(?:未|没有|无)(?P<gap>[^，。；,;\d]{0,8}?)(?:依申请公开|政府信息公开申请|信息公开申请|公开申请)"
)
_NONE_GAP_NOT = re.compile(
    r"答|按|及时|办|处理|超|逾|延|纠|违|^论|^需|^法|^偿|^来|^经|^能|不|复议|诉讼|企业|法人|组织|机构|自然人|网上|信函|当面|现场|邮寄"
)
# "无依申请公开工作制度" speaks of a rule, not of the count.
_NONE_AFTER_NOT = re.compile(
    r"超期|逾期|延期|答复|纠错|复议|诉讼|投诉|举报|败诉|不予|被|制度|规范|流程|机制|指南|专栏|栏目|渠道|平台|经验"
)


@rule("T2", "error", "正文称无依申请公开，表三却有申请", kind="text", basis="实践", formats=TABLE_FORMATS)
def no_applications(ctx: Context) -> Iterator[Emit]:
    new = ctx.report.get(NEW_TOTAL)
    if not new:
        return
    for where, sentence in sentences(ctx.report):
        for m in _NONE_APPLIED.finditer(sentence):
            _, right = clause_bounds(sentence, m.start(), m.end())
            if _NONE_GAP_NOT.search(m.group("gap")) or _NONE_AFTER_NOT.search(sentence[m.end() : right]):
                continue
            yield (
                _found(where, [NEW_TOTAL]),
                (
                    f"正文“{quote(sentence, m.start(), m.end())}”，但表三 一、本年新收政府信息公开申请数量 总计={new}"
                ),
            )
            break


# --- T3: reconsideration and litigation -------------------------------------------------------

_NONE_REVIEW = re.compile(r"(?:未|没有|无)(?!经|来|能|论)(?P<gap>[^。；;\d]{0,20}?)行政(?:复议|诉讼)")
# "未按期答复被申请行政复议" is about some cases, not a claim that there were none.
_REVIEW_GAP_NOT = re.compile(r"答复|按期|按时|及时|超期|逾期|违法|不当")
_REVIEW_NOT = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被复议纠错")
_POSITIVE = re.compile(r"(?<![未无没])(?:发生|引发|产生|有|收到|受理)")
_LITIGATION = ("reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total")


def _negated_scope(sentence: str, start: int) -> str | None:
    """From the negation to the end of the sentence, cut at a clause that states a figure.

    None when the negated clause itself states a figure ("未…行政复议1件" is a count, not "none").
    """
    pieces = re.split(r"[，,]", sentence[start:])
    if re.search(r"\d", pieces[0]):
        return None
    kept = [pieces[0]]
    for piece in pieces[1:]:
        if re.search(r"\d", piece) or _POSITIVE.search(piece):
            break
        kept.append(piece)
    return "，".join(kept)


def _review_totals(report: Report, scope: str) -> list[tuple[str, int]]:
    cells = []
    if "复议" in scope:
        cells.append("reviews.reconsideration.total")
    if "诉讼" in scope:
        cells.extend(_LITIGATION)
    return [(c, report.get(c)) for c in cells if report.get(c)]


@rule(
    "T3",
    "error",
    "正文称无行政复议、行政诉讼，表四却有案件",
    kind="text",
    basis="实践",
    formats=TABLE_FORMATS,
)
def no_reviews(ctx: Context) -> Iterator[Emit]:
    for where, sentence in sentences(ctx.report):
        m = _NONE_REVIEW.search(sentence)
        if not m or _REVIEW_GAP_NOT.search(m.group("gap")):
            continue
        scope = _negated_scope(sentence, m.start())
        if scope is None or _REVIEW_NOT.search(scope):
            continue
        nonzero = _review_totals(ctx.report, scope)
        if nonzero:
            figures = "，".join(f"{cell_label(c)}={v}" for c, v in nonzero)
            yield _found(where, [c for c, _ in nonzero]), f"正文“{quote(sentence)}”，但{figures}"


# --- T4–T7: table 2 ------------------------------------------------------------------------

_DOC_UNIT = r"\s*(?:个|件|份|部)"
_IN_FORCE = re.compile(
    r"现行有效(?:的)?(?:行政)?(?:规范性)?文件(?:共计|共|合计|总计|为|有)?\s*(?P<n>\d+)"
    + _DOC_UNIT
    + r"|(?:行政)?规范性文件[^，。；\d]{0,6}?现行有效(?:的)?(?:共计|共|为|有)?\s*(?P<m>\d+)"
    + _DOC_UNIT
)
_REPEALED = re.compile(r"废止[^，。；,;\d]{0,10}?(?P<n>\d+)" + _DOC_UNIT)
_ISSUED = re.compile(
    r"(?:制发|印发|出台|制定)(?:并?发布|并?印发)?(?:了)?(?:行政)?规范性文件(?:共计|共|合计)?\s*(?P<n>\d+)"
    + _DOC_UNIT
)
ND = "proactive.normative_documents"


def _doc_figures(ctx: Context, pattern: re.Pattern, need: str) -> Iterator[tuple[str, str, int, re.Match]]:
    for where, sentence in sentences(ctx.report):
        if need not in sentence or OTHER_PERIOD.search(sentence):
            continue
        for m in pattern.finditer(sentence):
            yield where, sentence, int(m.group("n") or m.groupdict().get("m")), m


def _doc_rule(ctx: Context, pattern: re.Pattern, field: str, also: set[int] | None = None) -> Iterator[Emit]:
    """Figures about 规范性文件 against one table-2 cell; ``also``: counts accepted where 规章 are named."""
    cell = f"{ND}.{field}"
    value = ctx.report.get(cell)
    if value is None:
        return
    for where, sentence, n, m in _doc_figures(ctx, pattern, "规范性文件"):
        if n != value and not ("规章" in sentence and n in (also or set())):
            yield (
                _found(where, [cell]),
                f"正文“{quote(sentence, m.start(), m.end())}”为{n}个，{cell_label(cell)}={value}",
            )


@rule("T4", "warning", "正文所述现行有效规范性文件数与表二不符", kind="text", basis="实践", formats=("2021",))
def in_force_text(ctx: Context) -> Iterator[Emit]:
    yield from _doc_rule(ctx, _IN_FORCE, "in_force")


@rule("T5", "warning", "正文所述废止规范性文件数与表二不符", kind="text", basis="实践", formats=("2021",))
def repealed_text(ctx: Context) -> Iterator[Emit]:
    # A sentence may speak of 规章 and 规范性文件 together ("规章13件（含…废止4件）"): accept either count.
    rules_repealed = ctx.report.get("proactive.rules.repealed")
    docs_repealed = ctx.report.get(f"{ND}.repealed")
    accepted = {rules_repealed} if rules_repealed is not None else set()
    if rules_repealed is not None and docs_repealed is not None:
        accepted.add(rules_repealed + docs_repealed)
    yield from _doc_rule(ctx, _REPEALED, "repealed", accepted)


@rule("T6", "warning", "正文所述本年制发规范性文件数与表二不符", kind="text", basis="实践", formats=("2021",))
def issued_text(ctx: Context) -> Iterator[Emit]:
    yield from _doc_rule(ctx, _ISSUED, "issued")


_FEE = re.compile(r"行政事业性收费[^，。；,;\d]{0,12}?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)")
FEE_CELL = "proactive.fees.amount_wan_yuan"


@rule("T7", "warning", "正文所述行政事业性收费金额与表二不符", kind="text", basis="实践", formats=("2021",))
def fees_text(ctx: Context) -> Iterator[Emit]:
    value = ctx.report.get(FEE_CELL)
    if value is None:
        return
    for where, sentence in sentences(ctx.report):
        if OTHER_PERIOD.search(sentence) or re.search("减免|降低|减少", sentence):
            continue
        for m in _FEE.finditer(sentence):
            amount = float(m.group("n")) / (10000 if m.group("u") == "元" else 1)
            if abs(amount - float(value)) > 0.005:
                yield (
                    _found(where, [FEE_CELL]),
                    (
                        f"正文“{quote(sentence, m.start(), m.end())}”为{amount:g}万元，{cell_label(FEE_CELL)}={value}"
                    ),
                )


# --- T8: a total in the text against its own parts ----------------------------------------------

# "…56条，其中A 10条…" or "…3437条，包括：A 12条…".
_TOTAL = re.compile(r"(?P<n>\d+)\s*(?P<u>条|篇|件|个|份|项)[，,：:\s]*(?P<kw>其中|包括)[，,：:\s]*")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(\S?)")
_VAGUE = re.compile(
    r"增长|增加|减少|下降|同比|环比|较上年|占|累计|以上|以下|至少|超过|不少于|左右|此外|另外|另有|约|近"
)
_NESTED = re.compile(r"^(?:包括|包含|含|其中|分别为|具体为|主要有|主要包括)")
_DATE_UNITS = "年月日号"
_NEW_TOPIC = re.compile(r"^(?:共|全年|全区|全市|全县|累计|另|此外|同时|并)")


def _clause_numbers(clause: str, unit: str) -> list[int] | None:
    """The clause's figures in ``unit``; None when a figure is in another unit or approximate."""
    out = []
    for m in _NUMBER.finditer(clause):
        after = m.group(2)
        if after and after in _DATE_UNITS:
            continue
        if after != unit or "." in m.group(1):
            return None
        out.append(int(m.group(1)))
    return out


def _groups(tail: str, unit: str) -> tuple[list[int], list[tuple[int, list[int]]]] | None:
    """Top-level parts and nested breakdowns (parent figure, its parts); None when ambiguous."""
    top: list[int] = []
    nested: list[tuple[int, list[int]]] = []
    for clause in (c.strip() for c in re.split(r"[，；,;]", tail)):
        numbers = _clause_numbers(clause, unit)
        if numbers is None:
            return None
        if _NESTED.match(clause) and top:
            if nested and nested[-1][0] == top[-1]:
                nested[-1][1].extend(numbers)
            else:
                nested.append((top[-1], numbers))
            continue
        top.extend(numbers)
    return top, nested


def _breakdown(tail: str) -> str:
    """The tail up to a semicolon that starts a new topic ("…；共维护13个专栏")."""
    kept: list[str] = []
    for segment in re.split(r"[；;]", tail):
        if kept and _NEW_TOPIC.match(segment.strip()):
            break
        kept.append(segment)
    return "；".join(kept)


def _breakdown_message(sentence: str, m: re.Match, tail: str) -> str | None:
    """Parts that add up to more than their total, under every reading of the list.

    Only "more" is a contradiction: "其中" and "包括" do not promise that every part is listed.
    """
    if _VAGUE.search(tail) or _VAGUE.search(sentence[max(0, m.start() - 2) : m.start()]):
        return None
    total, unit = int(m.group("n")), m.group("u")
    parsed = _groups(tail, unit)
    if parsed is None or not parsed[0]:
        return None
    top, nested = parsed
    broken = [(parent, parts) for parent, parts in [(total, top), *nested] if sum(parts) > parent]
    flat = top + [n for _, parts in nested for n in parts]
    if not broken or (nested and sum(flat) <= total):
        return None
    parent, parts = broken[0]
    what = "总数" if parts is top else "分项"
    return f"正文“{quote(sentence)}”：{what}{parent}{unit}，其下所列各项之和{sum(parts)}{unit}"


@rule("T8", "warning", "正文总数与“其中”各项之和不符", kind="text", basis="实践", formats=ALL_FORMATS)
def total_vs_parts(ctx: Context) -> Iterator[Emit]:
    for where, sentence in sentences(ctx.report):
        covered = 0  # a breakdown inside another one's tail is judged as part of it
        for m in _TOTAL.finditer(sentence):
            if m.start() < covered:
                continue
            tail = _breakdown(sentence[m.end() :].rstrip("。！？!?"))
            covered = m.end() + len(tail)
            message = _breakdown_message(sentence, m, tail)
            if message:
                yield [where], message
                break


# --- T9: counts of reconsideration and litigation -------------------------------------------

# "因政府信息公开被申请行政复议2件": a positive count against table 4 (only with 信息公开 in view,
# since a 司法局 also reports the reconsideration cases it handles for others).
_REVIEW_COUNT = re.compile(
    r"(?:信息公开|依申请公开)(?P<gap>[^。；;\d]{0,16}?)行政(?P<kind>复议|诉讼)(?:案件)?(?:共计|共|为)?\s*(?P<n>\d+)\s*(?:件|起|宗)"
)


def _review_expected(report: Report, kind: str) -> tuple[list[str], set[int]] | None:
    cells = ["reviews.reconsideration.total"] if kind == "复议" else list(_LITIGATION)
    values = [report.get(c) for c in cells]
    if any(v is None for v in values):
        return None
    return cells, {*values, sum(values)}


@rule(
    "T9",
    "warning",
    "正文所述行政复议、行政诉讼数量与表四不符",
    kind="text",
    basis="实践",
    formats=TABLE_FORMATS,
)
def review_counts(ctx: Context) -> Iterator[Emit]:
    for where, sentence in sentences(ctx.report):
        if OTHER_PERIOD.search(sentence):
            continue
        for m in _REVIEW_COUNT.finditer(sentence):
            if re.search(r"纠错|纠正|败诉|撤销|维持|审结|其中", m.group("gap")):
                continue
            expected = _review_expected(ctx.report, m.group("kind"))
            n = int(m.group("n"))
            if expected is None or n in expected[1]:
                continue
            cells, _ = expected
            figures = "，".join(f"{cell_label(c)}={ctx.report.get(c)}" for c in cells)
            yield _found(where, cells), f"正文“{quote(sentence, m.start(), m.end())}”为{n}件，{figures}"


# --- T10: a wider scope's figure (a warning, not T1's error) --------------------------------


@rule(
    "T10",
    "warning",
    "正文所述更大范围（全市、各部门）的依申请公开数量与表三不符",
    kind="text",
    basis="实践",
    formats=TABLE_FORMATS,
)
def wider_scope_applications_count(ctx: Context) -> Iterator[Emit]:
    for wide, emit in _application_mismatches(ctx):
        if wide:
            yield emit
