"""Template-constrained decoding of tables 2, 3 and 4 (the public entry point for mangled and OCR'd cells).

The national format fixes every table's rows and columns, and table 3 and 4's numbers are tied by the
勾稽 identities (domain.md R1–R4). Together they decode cells that a layout mangled:

* **split**: numbers run together with no separator (crawler text: ``12520000127``) are cut into the
  row's cells in every way the digits allow (no leading zeros), and only the cuts under which the row's
  identity holds are kept (R3: 总计 = the six applicant columns; R4: 总计 = 维持 + 纠正 + 其他 + 尚未审结).
  Rows without an identity (table 2) also consider that a blank cell may have vanished, so only a cut that
  is unique under that doubt is kept;
* **column identities**: rows with several candidates are narrowed by R1 (一 + 二 = （七）总计 + 四) and
  R2 (（七）总计 = the sum of the result rows), per column, against the rows read as printed;
* **narrative figures** (``hints``): a cell the text names ("共收到政府信息公开申请127件") must agree;
* **realign**: when row labels are detached from their values (pdftotext without ``-layout``, PDF→Markdown)
  the numbers are placed by the format's order, and only when every identity then holds;
* **OCR**: every OCR'd number must be confirmed by an identity that holds (or a narrative figure), or it
  stays unread.

An assignment is accepted only when it is the only one left. Ambiguous cells stay unread with a problem
naming them; every decoded cell is named in a problem at ``info`` level so a person can check it. After
decoding, an identity that fails and involves a decoded row unreads that row: a wrong number presented as
right stays the worst outcome. The search is bounded (``NODE_LIMIT`` per row, ``COMBO_LIMIT`` per
identity): an input beyond it is unread, never slow.

Entry points:

* ``split_row(tokens, groups)``: the candidate cuts of one row's raw value tokens;
* ``decode_rows(specs, fixed, pending, equations, hints=…, ocr=…)``: decode a whole table;
* ``table3_specs`` / ``table3_equations`` / ``table4_specs`` / ``table4_equations`` / ``table2_specs``:
  the format's grid and identities for a report;
* for OCR readers the simplest entry is ``parse_text(text, ocr=True)`` (``readers.text``): the OCR'd
  table as text rows (a label cell, then value cells, tab-separated), every number then confirmed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.annualreport.model import (
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Problem,
    Report,
    cell_label,
)

NODE_LIMIT = 5_000  # search steps for one row's cuts; beyond it the row is unread
TABLE_LIMIT = 30_000  # search steps for one report's tables (about 30 ms); rows beyond it are unread
COMBO_LIMIT = 4_096  # candidate combinations tried for one identity
CANDIDATE_LIMIT = 64  # more cuts than this for one row: ambiguous without looking further
MAX_DIGITS = 7  # a count cell never has more digits than this (9,999,999)
INFO = "info"

Values = tuple[int | float | None, ...]


@dataclass(frozen=True)
class Group:
    """Consecutive cells of a row; ``total_at`` is the index (in the group) of the cell that is the sum
    of the others (R3/R4), or None when the group has no identity."""

    size: int
    total_at: int | None = None


@dataclass(frozen=True)
class RowSpec:
    """One template row: a key (its dotted row path, or ``reviews`` for table 4's one run of 15), its cell
    paths in printed order and how they group."""

    key: str
    cells: tuple[str, ...]
    groups: tuple[Group, ...]

    @property
    def width(self) -> int:
        return len(self.cells)


Equation = tuple[tuple[int, str], ...]  # Σ coefficient × cell = 0


@dataclass
class Decoding:
    """What decoding settled: ``values`` per cell path (None: unread), the cells ``decoded`` (not read as
    printed), the row keys left ``unread`` and the problems (decoded cells at info level)."""

    values: dict[str, int | float | None] = field(default_factory=dict)
    decoded: set[str] = field(default_factory=set)
    unread: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def apply(self, report: Report) -> None:
        for path, value in self.values.items():
            report.set(path, value)
        report.problems.extend(self.problems)


class _Exhausted(Exception):
    pass


# --- one row --------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def digits(token: str) -> str | None:
    """A raw token as a digit string (full-width digits, thousands commas and a unit removed), else None."""
    text = unicodedata.normalize("NFKC", token).strip()
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"(?:件|个|条|项|次)$", "", text)
    return text if _DIGITS.fullmatch(text) else None


def split_row(
    tokens: Sequence[str], groups: Sequence[Group], *, blanks: bool = False, budget: list[int] | None = None
) -> list[Values] | None:
    """Every cut of the digit ``tokens`` into the row's cells under which each group's identity holds.

    A cut never crosses a token boundary (a printed separator), and a part has no leading zero. With
    ``blanks`` (rows without an identity), a vanished blank cell is also considered, so that a cut is
    unique only if no blank could explain the digits. None when the search exceeds its bound.
    """
    parts = [digits(t) for t in tokens]
    if not parts or any(p is None for p in parts):
        return []
    text = "|".join(parts)  # type: ignore[arg-type]
    width = sum(g.size for g in groups)
    plan: list[tuple[Group, int]] = [(g, i) for g in groups for i in range(g.size)]
    out: set[Values] = set()
    steps = [0]
    limit = min(NODE_LIMIT, budget[0]) if budget else NODE_LIMIT
    n = len(text)

    def next_pos(end: int) -> int:
        return end + 1 if end < n and text[end] == "|" else end

    def walk(
        index: int,
        pos: int,
        acc: list[int | None],
        group_sum: int,
        group_total: int | None,
        fresh: bool = True,
    ) -> None:
        steps[0] += 1
        if steps[0] > limit or len(out) > CANDIDATE_LIMIT:
            raise _Exhausted
        if width - index > n - pos + (1 if blanks else 0) * (width - index):
            return  # fewer characters left than cells
        if index == width:
            if pos == n:
                out.add(tuple(acc))
            return
        group, at = plan[index]
        last_in_group = at == group.size - 1
        if group.total_at is not None and at == 0 and fresh:
            group_sum, group_total = 0, None
            if group.total_at == group.size - 1 and index + group.size == width:
                # the row's last total is the end of the string: try each suffix as the target sum
                start = text.rfind("|") + 1
                for k in range(1, min(MAX_DIGITS, n - start) + 1):
                    suffix = text[n - k :]
                    if len(suffix) == 1 or suffix[0] != "0":
                        walk(index, pos, acc, 0, int(suffix), fresh=False)
                return
        if blanks and group.total_at is None:
            walk(index + 1, pos, [*acc, None], group_sum, group_total)  # a blank cell that vanished
        if pos >= n:
            return
        if (
            not blanks
            and group.total_at == group.size - 1
            and group_total is not None
            and at < group.size - 1
            and "|" not in text[pos:]
        ):
            left = n - len(str(group_total)) - pos  # characters for the cells before the known total
            cells = group.size - 1 - at
            longest = -(-left // cells) if left > 0 else 0  # some cell gets at least this many digits
            if (
                left < cells
                or longest > MAX_DIGITS
                or (longest > 1 and 10 ** (longest - 1) > group_total - group_sum)
            ):
                return  # the rest cannot add up to the total
        token_end = text.find("|", pos)
        token_end = n if token_end < 0 else token_end
        forced = None
        if group.total_at is not None and last_in_group:
            if group.total_at == at:
                forced = group_sum
                if group_total is not None and forced != group_total:
                    return
            elif group_total is not None:
                forced = group_total - group_sum
                if forced < 0:
                    return
        elif group.total_at == group.size - 1 and at == group.size - 2 and group_total is not None:
            forced = group_total - group_sum  # the last part before a known total
            if forced < 0:
                return
        if forced is not None:
            wanted = str(forced)
            end = pos + len(wanted)
            if end <= token_end and text[pos:end] == wanted:
                if last_in_group:
                    walk(index + 1, next_pos(end), [*acc, forced], 0, None)
                else:
                    walk(
                        index + 1, next_pos(end), [*acc, forced], group_sum + forced, group_total, fresh=False
                    )
            return
        limit_end = min(token_end, pos + MAX_DIGITS)
        if not blanks:
            limit_end = min(limit_end, n - (width - index - 1))  # each cell after this needs a character
        if group.total_at == group.size - 1 and group_total is not None and index + group.size - at == width:
            # the row's last total is known (a suffix): the cells before it end where it starts
            limit_end = min(limit_end, n - len(str(group_total)) - (group.size - 2 - at))
        for end in range(pos + 1, limit_end + 1):
            value = int(text[pos:end])
            if group.total_at == at:
                walk(index + 1, next_pos(end), [*acc, value], group_sum, value, fresh=False)
            else:
                if group_total is not None and group_sum + value > group_total:
                    break
                if group.total_at == group.size - 1 and len(str(group_sum + value)) > n - end:
                    break  # the total could no longer fit in what is left
                walk(index + 1, next_pos(end), [*acc, value], group_sum + value, group_total, fresh=False)
            if text[pos] == "0":
                break  # "0" is a whole part: no leading zeros

    try:
        walk(0, 0, [], 0, None)
    except _Exhausted:
        return None
    finally:
        if budget:
            budget[0] -= steps[0]
    return sorted(out, key=lambda v: tuple(-1 if x is None else x for x in v))


# --- the format's grid and identities ------------------------------------------------------------


def table3_specs(report: Report, order: Sequence[str] = APPLICANT_COLUMNS) -> list[RowSpec]:
    total_at = list(order).index("total")
    return [
        RowSpec(
            f"applications.{path}", tuple(f"applications.{path}.{c}" for c in order), (Group(7, total_at),)
        )
        for path, _ in report.applications.rows()
    ]


def table3_equations(report: Report) -> list[Equation]:
    rows = [path for path, _ in report.applications.rows()]
    leaves = [p for p in rows if p.startswith("results.") and p != "results.total"]
    out: list[Equation] = []
    for path in rows:  # R3
        cells = [(1, f"applications.{path}.{c}") for c in APPLICANT_COLUMNS[:6]]
        out.append((*cells, (-1, f"applications.{path}.total")))
    for column in APPLICANT_COLUMNS:
        leaf = tuple((1, f"applications.{p}.{column}") for p in leaves)  # R2
        out.append((*leaf, (-1, f"applications.results.total.{column}")))
        out.append(  # R1
            (
                (1, f"applications.new.{column}"),
                (1, f"applications.carried_over.{column}"),
                (-1, f"applications.results.total.{column}"),
                (-1, f"applications.carried_forward.{column}"),
            )
        )
    return out


def table4_specs(order: Sequence[str] = REVIEW_GROUPS, *, one_run: bool = True) -> list[RowSpec]:
    if one_run:
        cells = tuple(f"reviews.{g}.{c}" for g in order for c in REVIEW_COLUMNS)
        return [RowSpec("reviews", cells, tuple(Group(5, 4) for _ in order))]
    return [
        RowSpec(f"reviews.{g}", tuple(f"reviews.{g}.{c}" for c in REVIEW_COLUMNS), (Group(5, 4),))
        for g in order
    ]


def table4_equations() -> list[Equation]:
    return [
        (*((1, f"reviews.{g}.{c}") for c in REVIEW_COLUMNS[:4]), (-1, f"reviews.{g}.total"))  # R4
        for g in REVIEW_GROUPS
    ]


def table2_specs(top: str, columns: Mapping[str, Sequence[tuple[str, str]]]) -> list[RowSpec]:
    return [
        RowSpec(f"{top}.{name}", tuple(f"{top}.{name}.{c}" for c, _ in cols), (Group(len(cols)),))
        for name, cols in columns.items()
    ]


# --- narrative figures ---------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
# Only plain wordings for the organ's own year; a sentence on a wider scope, other years or parts is no hint.
_HINT_NOT = re.compile(
    r"全市|全县|全区|全省|各部门|各单位|各地|其中|上年|去年|结转|累计|以来|同比|近\d|办结|答复"
)
_HINTS = (
    (
        "applications.new.total",
        re.compile(
            r"(?:新收|收到|受理|接收)(?:各类|各种)?(?:政府信息公开|依申请公开)(?:申请)?(?:共计|共|总计)?(\d+)件"
        ),
    ),
    (
        "proactive.normative_documents.issued",
        re.compile(r"(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件(?:共计|共)?(\d+)(?:件|个|份)"),
    ),
    (
        "proactive.normative_documents.in_force",
        re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共计|共|为|有)?(\d+)(?:件|个|份)"),
    ),
)


def narrative_hints(report: Report) -> dict[str, int]:
    """Cells the narrative names plainly ("共收到政府信息公开申请127件"), spaces and line breaks ignored.

    A cell named twice with different figures gives no hint.
    """
    found: dict[str, set[int]] = {}
    for key in ("overview", "applications", "proactive"):
        text = getattr(report.sections, key)
        if not text:
            continue
        for sentence in re.split(r"[。；;！!]", _SPACES.sub("", unicodedata.normalize("NFKC", text))):
            if _HINT_NOT.search(sentence):
                continue
            for cell, pattern in _HINTS:
                for match in pattern.finditer(sentence):
                    found.setdefault(cell, set()).add(int(match.group(1)))
    return {cell: next(iter(values)) for cell, values in found.items() if len(values) == 1}


# --- a whole table ---------------------------------------------------------------------------------


def _holds(equation: Equation, values: Mapping[str, int | float | None]) -> bool | None:
    """True/False when every cell is known, None when one is unknown or not an integer."""
    total = 0
    for coefficient, cell in equation:
        value = values.get(cell)
        if value is None or not isinstance(value, int):
            return None
        total += coefficient * value
    return total == 0


def _shown(tokens: Sequence[str]) -> str:
    return " ".join(tokens) or "（无）"


def _values_text(values: Values) -> str:
    return " | ".join("（空）" if v is None else str(v) for v in values)


def decode_rows(
    specs: Sequence[RowSpec],
    fixed: Mapping[str, int | float | None],
    pending: Mapping[str, Sequence[str]],
    equations: Sequence[Equation],
    *,
    hints: Mapping[str, int] | None = None,
    ocr: bool = False,
    table: str = "",
    budget: list[int] | None = None,
) -> Decoding:
    """Decode the ``pending`` rows (row key → raw value tokens, run together or not) of one table.

    ``fixed`` holds the cells read as printed (None for blank or unread). With ``ocr``, every number,
    fixed or decoded, must then be confirmed by an identity that holds, or a narrative figure.
    ``budget`` (a one-item list of search steps left) lets a report's tables share ``TABLE_LIMIT``.
    """
    hints = hints or {}
    by_key = {spec.key: spec for spec in specs}
    result = Decoding()
    known: dict[str, int | float | None] = dict(fixed)
    candidates: dict[str, list[Values]] = {}
    budget = budget if budget is not None else [TABLE_LIMIT]  # a report's tables may share one
    for key, tokens in pending.items():
        spec = by_key.get(key)
        if spec is None:
            continue
        blanks = all(g.total_at is None for g in spec.groups) and spec.width > 1
        found = split_row(tokens, spec.groups, blanks=blanks, budget=budget) if budget[0] > 0 else None
        label = cell_label(key) if key != "reviews" else "表四"
        if found is None:
            result.unread.add(key)
            result.problems.append(Problem(key, f"{label}：数字串“{_shown(tokens)}”可拆分的组合过多，未读取"))
            continue
        found = [v for v in found if all(hints.get(c, v[i]) == v[i] for i, c in enumerate(spec.cells))]
        if not found:
            result.unread.add(key)
            result.problems.append(
                Problem(key, f"{label}：数字串“{_shown(tokens)}”无法拆分为符合勾稽关系的数值，未读取")
            )
            continue
        candidates[key] = found
    _narrow(candidates, by_key, known, equations)
    accepted: dict[str, Values] = {}
    for key, found in candidates.items():
        label = cell_label(key) if key != "reviews" else "表四"
        if len(found) == 1:
            accepted[key] = found[0]
            continue
        result.unread.add(key)
        result.problems.append(
            Problem(
                key,
                f"{label}：数字串“{_shown(pending[key])}”可拆分为多种组合"
                f"（如 {_values_text(found[0])}；{_values_text(found[1])}），未读取",
            )
        )
    for key, values in accepted.items():
        known.update(zip(by_key[key].cells, values, strict=True))
    _recheck(accepted, by_key, known, equations, result, pending)
    for key, values in accepted.items():
        spec = by_key[key]
        result.values.update(zip(spec.cells, values, strict=True))
        result.decoded.update(spec.cells)
        label = cell_label(key) if key != "reviews" else "表四"
        result.problems.append(
            Problem(
                key,
                f"{label}：数字串“{_shown(pending[key])}”按表格格式和勾稽关系拆分为 {_values_text(values)}，请核对",
                INFO,
            )
        )
    for key in result.unread:
        for cell in by_key[key].cells:
            result.values[cell] = None
    if ocr:
        _confirm(specs, known, result, equations, hints, table)
    return result


def _narrow(
    candidates: dict[str, list[Values]],
    by_key: Mapping[str, RowSpec],
    known: Mapping[str, int | float | None],
    equations: Sequence[Equation],
) -> None:
    """Keep, for each ambiguous row, the candidates that some combination satisfying an identity uses."""
    owner = {cell: key for key in candidates for cell in by_key[key].cells}
    index = {cell: i for key in candidates for i, cell in enumerate(by_key[key].cells)}
    for _ in range(8):
        changed = False
        for equation in equations:
            keys = sorted({owner[c] for _, c in equation if c in owner})
            if not keys or not any(len(candidates[k]) > 1 for k in keys):
                continue
            if any(c not in owner and not isinstance(known.get(c), int) for _, c in equation):
                continue  # a cell outside the decoded rows is unknown: the identity says nothing here
            sizes = [len(candidates[k]) for k in keys]
            if _product(sizes) > COMBO_LIMIT:
                continue
            constant = sum(coef * known[c] for coef, c in equation if c not in owner)  # type: ignore[operator]
            used: list[set[Values]] = [set() for _ in keys]
            for combo in itertools.product(*(candidates[k] for k in keys)):
                chosen = dict(zip(keys, combo, strict=True))
                total = constant
                ok = True
                for coef, cell in equation:
                    if cell in owner:
                        value = chosen[owner[cell]][index[cell]]
                        if value is None:
                            ok = False
                            break
                        total += coef * value
                if ok and total == 0:
                    for slot, value in zip(used, combo, strict=True):
                        slot.add(value)
            for key, slot in zip(keys, used, strict=True):
                if slot and len(slot) < len(candidates[key]):
                    candidates[key] = [v for v in candidates[key] if v in slot]
                    changed = True
        if not changed:
            return


def _product(sizes: Sequence[int]) -> int:
    out = 1
    for size in sizes:
        out *= size
    return out


def _recheck(
    accepted: dict[str, Values],
    by_key: Mapping[str, RowSpec],
    known: dict[str, int | float | None],
    equations: Sequence[Equation],
    result: Decoding,
    pending: Mapping[str, Sequence[str]],
) -> None:
    """An identity that fails and involves a decoded row: the failure may be the decoding's, unread it."""
    owner = {cell: key for key in accepted for cell in by_key[key].cells}
    while True:
        failing = [e for e in equations if _holds(e, known) is False and any(c in owner for _, c in e)]
        if not failing:
            return
        for equation in failing:
            for key in {owner[c] for _, c in equation if c in owner}:
                if key not in accepted:
                    continue
                del accepted[key]
                result.unread.add(key)
                for cell in by_key[key].cells:
                    known[cell] = None
                    owner.pop(cell, None)
                label = cell_label(key) if key != "reviews" else "表四"
                result.problems.append(
                    Problem(
                        key,
                        f"{label}：数字串“{_shown(pending[key])}”拆分后与其他行的勾稽关系不符，"
                        "无法确定是否拆分有误，未读取",
                    )
                )


def _confirm(
    specs: Sequence[RowSpec],
    known: dict[str, int | float | None],
    result: Decoding,
    equations: Sequence[Equation],
    hints: Mapping[str, int],
    table: str,
) -> None:
    """OCR: a number stands only if an identity that holds (or a narrative figure) confirms it.

    A misread digit breaks every identity through its cell, so the cells in two or more failing
    identities are the culprits: unread first. An identity that still fails then (the culprit could not
    be told) unreads all its cells. Every other number must be in an identity that holds, two if it is
    in two or more; one is enough when its others cannot be evaluated because a member was never read (a
    blank cell, a lost row; not a member unread in doubt) and every other member of the one that holds is
    confirmed twice.
    """
    values = dict(known)
    doubtful: dict[str, str] = {}
    failing = [e for e in equations if _holds(e, values) is False]
    counts: dict[str, int] = {}
    for equation in failing:
        for _, cell in equation:
            counts[cell] = counts.get(cell, 0) + 1
    for cell, count in counts.items():
        if count > 1:
            doubtful[cell] = "与多个勾稽关系不符"
            values[cell] = None
    for equation in equations:
        if _holds(equation, values) is False:
            for _, cell in equation:
                if values.get(cell) is not None:
                    doubtful[cell] = "所在的勾稽关系不成立"
                    values[cell] = None
    confirmed: set[str] = {c for c, v in hints.items() if values.get(c) == v}
    holding: dict[str, int] = {}
    member: dict[str, int] = {}
    for equation in equations:
        holds = _holds(equation, values)
        for _, cell in equation:
            member[cell] = member.get(cell, 0) + 1
            if holds:
                holding[cell] = holding.get(cell, 0) + 1
    # Two misread digits can cancel in one identity (4 + 5 for 9 + 0): a cell in two identities or more
    # (table 3: its row and its column) needs two that hold.
    strong = {c for c, n in holding.items() if n >= min(2, member[c])} | confirmed
    confirmed |= strong
    # A cell whose other identities say nothing because a member was never read (a blank cell in its
    # column, a row whose label OCR could not read) stands on one identity that holds only when every other
    # member of it is confirmed twice over: a misread there would then need a second misread cancelling it
    # in that identity and a third in the member's other identity, as for a cell confirmed twice itself.
    # Not when a member was unread in doubt: a misread was seen nearby, and the culprit may be mistaken.
    silent = [e for e in equations if _holds(e, values) is None]
    near_doubt = {c for e in silent if any(cell in doubtful for _, cell in e) for _, c in e}
    for equation in equations:
        if not _holds(equation, values):
            continue
        weak = [cell for _, cell in equation if cell not in strong]
        if len(weak) == 1 and member[weak[0]] > holding[weak[0]] and weak[0] not in near_doubt:
            confirmed.add(weak[0])
    for spec in specs:
        for cell in spec.cells:
            seen = known.get(cell)
            if seen is None:
                continue
            if cell in confirmed:
                result.values.setdefault(cell, seen)
                continue
            why = doubtful.get(cell, "未能由勾稽关系核实")
            result.values[cell] = None
            result.decoded.discard(cell)
            result.problems.append(Problem(cell, f"{cell_label(cell)}：OCR识别的数字“{seen}”{why}，未读取"))


def realign(specs: Sequence[RowSpec], numbers: Sequence[str], equations: Sequence[Equation]) -> dict | None:
    """Place a table's numbers by the format's order when row labels are detached from their values.

    Only when there are exactly as many numbers as cells, each a clean count, and every identity then
    holds with every cell known (so a shifted or missing number cannot pass); else None.
    """
    cells = [cell for spec in specs for cell in spec.cells]
    if len(numbers) != len(cells) or not equations:
        return None
    values: dict[str, int | float | None] = {}
    for cell, token in zip(cells, numbers, strict=True):
        text = digits(token)
        if text is None or (len(text) > 1 and text[0] == "0"):
            return None
        values[cell] = int(text)
    if all(_holds(e, values) for e in equations):
        return values
    return None
