"""Tables 2, 3 and 4 from a table section's token stream, label-driven.

Every row is found by its label, and the cells after the label (up to the next label, header or row end)
are its values. The values are then *aligned* to the row's columns:

* exactly as many cells as columns → by position (an empty cell is a blank cell → None);
* otherwise, with the empty cells at both ends removed (layout placeholders of spanned cells, trailing
  tabs) exactly as many → by position;
* otherwise the alignment is ambiguous: every cell of the row stays None and a problem names the row.

A row broken by a page break (some values, a repeated header, the rest) is joined when the counts add up
exactly. A row that appears twice with different values is left unread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.annualreport.model import (
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Problem,
    Report,
    cell_label,
)
from gongkai.annualreport.readers import decoding, labels
from gongkai.annualreport.readers.labels import norm
from gongkai.annualreport.readers.values import DASH, is_value_like, read_value

_AFTER_FEE_UNPAID = ("fee_unpaid", "no_correction")
_ONE_LABEL = 6  # a shorter cell holds one label at most
_FUZZY_LONGEST = 60  # longer unknown text is not a misread label


@dataclass
class Found:
    """A labelled row: its label name and the raw cells after the label."""

    name: str
    cells: list[str] = field(default_factory=list)
    context: str | None = None  # the last group header or row seen before it
    detached: bool = False  # the label ended its row alone (values, if any, came on a row of their own)


def _classify(cell: str, match) -> str | None:
    """A label/header name, "h_text" for long unknown text or several labels run together, or None for a
    value cell."""
    if not cell or cell.isdigit():
        return None
    normalised = norm(cell)
    if not normalised or normalised.isdigit():
        return None
    name = match(normalised)
    if name is None and match is labels.match_table3 and len(normalised) <= _FUZZY_LONGEST:
        name = labels.fuzzy_table3(normalised)  # a numbered label misread ("6.属于四类过程信息")
    if name and len(normalised) > _ONE_LABEL and labels.several_rows(normalised, match):
        return "h_text"  # "规章行政规范性文件": labels detached from their rows, run into one paragraph
    if name is None and not is_value_like(cell):
        return "h_text"
    return name


def labelled_rows(rows: list[list[str]], match, expected: dict[str, int]) -> list[Found]:
    """Every labelled row in order, with page-break continuations joined when counts add up."""
    found: list[Found] = []
    context: str | None = None
    open_row: Found | None = None  # a short row that a later values-only row may complete
    for row in rows:
        current: Found | None = None
        leading: list[str] = []
        labelled = False
        for cell in row:
            name = _classify(cell, match)
            if name is None:
                if current is not None and not current.cells and _is_text_fragment(cell):
                    continue  # the rest of a label wrapped onto the next line: "…禁止" / "公开"
                (current.cells if current else leading).append(cell)
                continue
            if name == "h_column" and context in _AFTER_FEE_UNPAID and norm(cell) == "其他":
                name = "other_sub"  # （六）'s third row printed as a bare "其他"
            labelled = True
            if current:
                found.append(current)
            current = None if name.startswith("h_") else Found(name, context=context)
            if name != "h_text":  # the rest of a wrapped label ("、行政机关不再处理…") is no new context
                context = name
        if open_row and any(leading):
            _continue_row(open_row, leading, expected.get(open_row.name, 0))
            open_row = None
        if current:
            found.append(current)
            current.detached = not any(cell.strip() for cell in current.cells)
            short = len(_trim(current.cells)) < expected.get(current.name, 0)
            open_row = current if short else None
        elif labelled and not row_is_headers_only(row, match):
            open_row = None
    return found


def _continue_row(row: Found, leading: list[str], wanted: int) -> None:
    """Join a row's values continued on the next row (page break; or a label wrapped onto that row)."""
    before, after = _trim(row.cells), _trim(leading)
    if not before and after and _is_text_fragment(after[0]):
        after = after[1:]  # the rest of a wrapped label: "…行政机关不再" / "处理其政府信息公开申请 0 0 …"
    elif not before and row.detached:
        return  # a label on its own, then a row of values without one: labels may be detached (PDF→Markdown)
    if before and after and _is_text_fragment(after[0]):
        return
    if len(before) + len(after) == wanted:
        row.cells = before + after


def _is_text_fragment(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and not any(ch.isdigit() for ch in text) and not DASH.fullmatch(text)


def row_is_headers_only(row: list[str], match) -> bool:
    return all(not cell or (_classify(cell, match) or "").startswith("h_") for cell in row)


def _trim(cells: list[str]) -> list[str]:
    start, end = 0, len(cells)
    while start < end and not cells[start].strip():
        start += 1
    while end > start and not cells[end - 1].strip():
        end -= 1
    return cells[start:end]


def _leading_blank(cells: list[str], width: int) -> bool:
    return len(cells) == width and not cells[0].strip() and any(cell.strip() for cell in cells)


def _detached(found: list[Found], width: int) -> bool:
    """Whether row labels come apart from their values: a label with no value, and one followed by the
    numbers of two rows or more (text from a PDF's raw order, PDF→Markdown)."""
    counts = [sum(decoding.digits(cell) is not None for cell in f.cells) for f in found]
    return 0 in counts and any(count >= 2 * width for count in counts)


def _may_be_joined(cells: list[str], width: int) -> bool:
    """Fewer cells than columns, every one a number, with enough digits: numbers may be run together."""
    trimmed = _trim(cells)
    if not trimmed or len(trimmed) >= width:
        return False
    found = [decoding.digits(cell) for cell in trimmed]
    return all(found) and sum(len(d) for d in found if d) >= width


def align(cells: list[str], width: int) -> list[str] | None:
    """The row's cells by column, or None when their positions cannot be known for sure."""
    if len(cells) == width:
        return cells
    if cells and not any(cell.strip() for cell in cells):
        return [""] * width  # every cell blank: nothing to misplace
    trimmed = _trim(cells)
    return trimmed if len(trimmed) == width else None


def _number_runs(rows: list[list[str]]):
    """A table's numbers in order: all of them; then only those of rows with several (stray numbers such
    as page numbers between fragments left out)."""
    every = [cell for row in rows for cell in row if decoding.digits(cell) is not None]
    yield every
    dense = [
        cell
        for row in rows
        if sum(decoding.digits(c) is not None for c in row) > 1
        for cell in row
        if decoding.digits(cell) is not None
    ]
    if dense != every:
        yield dense


_ORG_COLUMNS = APPLICANT_COLUMNS[1:6]
_HEADER_ROWS = 24  # a header is printed in 3 rows, or one cell per line (up to 19): look no further


def column_order(rows: list[list[str]]) -> tuple[str, ...] | None:
    """Table 3's columns in printed order, from its header rows (the format prints 自然人, 法人…, 总计).

    Some organs print 总计 first (总计, 自然人, 法人或其他组织…): that order is used when the header names
    every column in it. Only 自然人 against 总计 is trusted: in text from a PDF without table lines a
    spanning header (法人或其他组织) may come out above the cells beside it. When 总计 comes before 自然人
    in any other way, the order is unknown (None); otherwise it is the format's order.
    """
    seen: list[str] = []
    for row in rows[:_HEADER_ROWS]:
        cells = [norm(cell) for cell in row if cell and not cell.isdigit()]
        if any(labels.match_table3(cell) in labels.TABLE3_PATHS for cell in cells):
            break  # the first data row: the header is over
        for cell in cells:
            column = labels.TABLE3_COLUMN_HEADERS.get(cell)
            if column and column not in seen:
                seen.append(column)
    if "total" not in seen or "natural_person" not in seen:
        return APPLICANT_COLUMNS
    if seen.index("total") > seen.index("natural_person"):
        return APPLICANT_COLUMNS
    if seen == ["total", "natural_person", "org", *_ORG_COLUMNS]:
        return ("total", "natural_person", *_ORG_COLUMNS)
    return None


_REVIEW_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _garbled_review_header(cells: list[str]) -> bool:
    """Whether table 4's column words come out of their printed sequence (text from a PDF's raw order)."""
    words = [cell for cell in cells if cell in _REVIEW_WORDS]
    return words != list(_REVIEW_WORDS * 3)[: len(words)]


def review_order(rows: list[list[str]]) -> tuple[str, ...] | None:
    """Table 4's groups in printed order, from its header (the format prints 行政复议, then 行政诉讼:
    未经复议直接起诉, 复议后起诉); a header that does not name them keeps the format's order."""
    cells = [norm(cell) for row in rows[:_HEADER_ROWS] for cell in row if cell and not cell.isdigit()]
    first = {}
    for index, cell in enumerate(cells):
        name = "litigation" if cell == "行政诉讼" else labels.match_table4(cell)
        if name in ("litigation", *REVIEW_GROUPS):
            first.setdefault(name, index)
    litigation = sorted(
        (g for g in ("litigation_direct", "litigation_after_reconsideration") if g in first), key=first.get
    )
    if len(litigation) < 2:
        litigation = list(REVIEW_GROUPS[1:])
    if first.get("litigation", -1) >= 0 and first["litigation"] < first.get("reconsideration", -1):
        order = (*litigation, "reconsideration")
    else:
        order = ("reconsideration", *litigation)
    if order != REVIEW_GROUPS and _garbled_review_header(cells):
        return None  # the header is out of sequence: its order is no evidence, and differs from the format's
    return order


class TableReader:
    """Fills one report's cells and collects problems, one table at a time."""

    def __init__(self, report: Report, *, ocr: bool = False, hints: dict[str, int] | None = None):
        self.report = report
        self.seen: dict[str, list | None] = {}
        self.placeholders = False  # whether this table's rows carry empty cells for spanned labels
        self.ocr = ocr  # every number must be confirmed by an identity (decode.py)
        self.hints = hints or {}  # narrative figures naming cells
        self.pending: dict[str, list[str]] = {}  # rows whose numbers may be run together (decode.py)
        self.held: dict[str, Problem] = {}  # their problem, should decoding not settle them
        self.budget = [decoding.TABLE_LIMIT]  # search steps for all of this report's tables

    def problem(self, where: str, message: str, level: str = "error") -> None:
        self.report.problems.append(Problem(where, message, level))

    def put_row(self, row_path: str, columns: list[tuple[str, str]], found: Found) -> None:
        """Write one row's values, or leave it None with a problem naming the row and what was seen."""
        aligned = align(found.cells, len(columns))
        if aligned is not None and self.placeholders and _leading_blank(found.cells, len(columns)):
            aligned = None  # that empty cell may be a placeholder: the values may be shifted
        if aligned is None:
            self.seen.setdefault(row_path, None)
            seen = " | ".join(cell or "（空）" for cell in found.cells) or "（无）"
            problem = Problem(
                row_path,
                f"{cell_label(row_path)}：应有{len(columns)}个数值，读到{len(_trim(found.cells))}个（{seen}），"
                "无法确定各列位置，未读取",
            )
            if _may_be_joined(found.cells, len(columns)) and row_path not in self.pending:
                self.pending[row_path] = _trim(found.cells)
                self.held[row_path] = problem
            else:
                self.report.problems.append(problem)
            return
        values = [read_value(cell, kind) for cell, (_, kind) in zip(aligned, columns, strict=True)]
        numbers = [v.value for v in values]
        row = self.report.get(row_path)
        if row_path in self.seen:
            if self.seen[row_path] != numbers:
                for column, _ in columns:
                    setattr(row, column, None)
                self.problem(row_path, f"{cell_label(row_path)}：该行出现两次且数值不同，未读取")
            return
        self.seen[row_path] = numbers
        for (column, _), value in zip(columns, values, strict=True):
            setattr(row, column, value.value)
            if value.trouble:
                path = f"{row_path}.{column}"
                self.problem(path, f"{cell_label(path)}：{value.trouble}")

    def detect_placeholders(self, found: list[Found], expected: dict[str, int]) -> None:
        """Some layouts (seed 003) put an empty cell after a spanned label; then a leading blank is unsure."""
        self.placeholders = any(
            len(f.cells) > expected.get(f.name, 0) > 0 and not f.cells[0].strip() for f in found
        )

    def decode(self, specs: list[decoding.RowSpec], equations: list[decoding.Equation], table: str) -> None:
        """Settle the pending rows of one table by the format's grid and identities (decode.py)."""
        if not self.pending and not self.ocr:
            return
        cells = [cell for spec in specs for cell in spec.cells]
        fixed = {cell: self.report.get(cell) for cell in cells}
        keys = {spec.key for spec in specs}
        pending = {key: tokens for key, tokens in self.pending.items() if key in keys}
        result = decoding.decode_rows(
            specs, fixed, pending, equations, hints=self.hints, ocr=self.ocr, table=table, budget=self.budget
        )
        for key in pending:
            held = self.held.pop(key)
            del self.pending[key]
            if key in result.unread and not any(p.where == key for p in result.problems):
                self.report.problems.append(held)
            if key not in result.unread:
                self.seen[key] = [
                    result.values.get(cell) for spec in specs if spec.key == key for cell in spec.cells
                ]
        result.apply(self.report)

    def _realigned(self, rows: list[list[str]], order: tuple[str, ...]) -> dict | None:
        specs = decoding.table3_specs(self.report, order)
        equations = decoding.table3_equations(self.report)
        for numbers in _number_runs(rows):
            values = decoding.realign(specs, numbers, equations)
            if values is not None:
                return values
        return None

    def _put_realigned(self, values: dict, start: int, why: str) -> None:
        specs = decoding.table3_specs(self.report)
        changed = {spec.key for spec in specs if any(self.report.get(c) != values[c] for c in spec.cells)}
        self.report.problems[start:] = [p for p in self.report.problems[start:] if p.level == decoding.INFO]
        for cell, value in values.items():
            self.report.set(cell, value)
        for spec in specs:
            self.seen[spec.key] = [values[c] for c in spec.cells]
            if spec.key in changed:
                shown = " | ".join(str(values[c]) for c in spec.cells)
                self.report.problems.append(
                    Problem(
                        spec.key,
                        f"{cell_label(spec.key)}：{why}为 {shown}（各勾稽关系均成立），请核对",
                        decoding.INFO,
                    )
                )

    def realign_table3(self, rows: list[list[str]], order: tuple[str, ...], start: int) -> bool:
        """Labels detached from their values: place the numbers by the format's order, if all identities hold."""
        values = self._realigned(rows, order)
        if values is None:
            return False
        self._put_realigned(values, start, "行标签与数值分离，按表格格式的行序对齐")
        return True

    def missing(self, row_paths: list[str], what: str = "未找到该行") -> None:
        for row_path in row_paths:
            if row_path not in self.seen:
                self.problem(row_path, f"{cell_label(row_path)}：{what}")

    # --- table 2 -------------------------------------------------------------------------------
    def table2(self, rows: list[list[str]], fmt: str) -> None:
        top = "proactive_2019" if fmt == "2019" else "proactive"
        columns = labels.TABLE2_COLUMNS[fmt]
        expected = {name: len(cols) for name, cols in columns.items()}
        found_rows = labelled_rows(rows, labels.match_table2, expected)
        self.detect_placeholders(found_rows, expected)
        for found in found_rows:
            if found.name not in columns:
                if any(c.strip() for c in found.cells):
                    self.problem(top, f"表二：“{found.name}”行不属于{fmt}年格式，未读取")
                continue
            if found.cells:
                self.put_row(f"{top}.{found.name}", columns[found.name], found)
        self.decode(decoding.table2_specs(top, columns), [], "proactive")
        self.missing([f"{top}.{name}" for name in columns])

    # --- table 3 -------------------------------------------------------------------------------
    def table3(self, rows: list[list[str]], fmt: str) -> None:
        order = column_order(rows)
        if order is None and not self.ocr:
            start = len(self.report.problems)
            orders = (APPLICANT_COLUMNS, ("total", *APPLICANT_COLUMNS[:6]))
            found = [values for o in orders if (values := self._realigned(rows, o)) is not None]
            if found and all(values == found[0] for values in found):
                self._put_realigned(found[0], start, "表头列名错乱，按勾稽关系确定各列位置")
                return
        if order is None:
            self.problem(
                "applications",
                "表三：表头中“总计”列不在最后，且未能读出全部列名，无法确定各列位置，未读取",
            )
            return
        columns = [(column, "int") for column in order]
        expected = dict.fromkeys(labels.TABLE3_PATHS, len(columns))
        found_rows = labelled_rows(rows, labels.match_table3, expected)
        self.detect_placeholders(found_rows, expected)
        start = len(self.report.problems)
        self.other_whole = False
        for found in found_rows:
            path = self._table3_path(found, fmt)
            if path and found.cells:
                self.put_row(f"applications.{path}", columns, found)
        if self.other_whole and self._realign_if_unread(rows, order, start):
            return  # the format's full grid fits: "（六）其他处理" was a group label before its sub-rows
        if self.other_whole:
            self._other_as_one_row()
        wanted = [
            f"applications.{path}"
            for path in dict.fromkeys(labels.TABLE3_PATHS.values())
            if self.report.get(f"applications.{path}") is not None
        ]
        if self._realign_if_unread(rows, order, start, wanted):
            return
        if _detached(found_rows, len(columns)):
            self._unread_detached(start)
            return
        self.decode(
            decoding.table3_specs(self.report, order), decoding.table3_equations(self.report), "applications"
        )
        self.missing(wanted)

    def _realign_if_unread(
        self, rows: list[list[str]], order: tuple[str, ...], start: int, wanted: list[str] | None = None
    ) -> bool:
        """When the label-driven read left rows unread, try placing the numbers by the format's grid."""
        missing = wanted is not None and any(p not in self.seen for p in wanted)
        if not (self.pending or len(self.report.problems) > start or missing):
            return False
        if not self.realign_table3(rows, order, start):
            return False
        for key in [k for k in self.pending if k.startswith("applications.")]:
            del self.pending[key], self.held[key]
        return True

    def _unread_detached(self, start: int) -> None:
        """Labels detached from their values and no alignment of the numbers passes every identity: a label
        followed by exactly one row's values may have another row's, so no row of the table is kept."""
        self.report.problems[start:] = []
        for key in [k for k in self.pending if k.startswith("applications.")]:
            del self.pending[key], self.held[key]
        for path, row in self.report.applications.rows():
            for column in APPLICANT_COLUMNS:
                setattr(row, column, None)
            self.seen[f"applications.{path}"] = None
        self.problem(
            "applications",
            "表三：行标签与数值分离（有的行标签后没有数值，有的行标签后有多行数值），按表格格式对齐后勾稽关系不成立，"
            "无法确定各行数值，未读取",
        )

    def _other_as_one_row(self) -> None:
        """（六）其他处理 printed as one row in a 2021 report: its numbers are 3.其他's place, as in the 2019
        format (results.other.other), and the two 2021 sub-rows are None, the format the report used
        lacking them. F11 reports the form. Sub-rows printed as well make the one row unsure."""
        other = self.report.applications.results.other
        subs = ("applications.results.other.no_correction", "applications.results.other.fee_unpaid")
        if any(key in self.seen or key in self.pending for key in subs):
            for column in APPLICANT_COLUMNS:
                setattr(other.other, column, None)
            self.problem(
                "applications.results.other",
                "表三 （六）其他处理：既填了一行合计数（2019年格式），又填了分项，无法确定各行，未读取",
            )
            return
        other.no_correction = None
        other.fee_unpaid = None
        self.problem(
            "applications.results.other",
            "表三 （六）其他处理：按2019年格式填了一行，读作“3.其他”，两个分项（逾期不补正、逾期未缴费）为空",
            decoding.INFO,
        )

    def _table3_path(self, found: Found, fmt: str) -> str | None:
        name = found.name
        if name == "other_whole":
            if fmt == "2019":
                return "results.other.other"
            if any(c.strip() for c in found.cells):
                self.other_whole = True  # a 2021 report printing （六） as the 2019 format did: one row
                return "results.other.other"
            return None
        if name == "other_sub" and found.context not in ("fee_unpaid", "no_correction", "other_whole"):
            return None
        if fmt == "2019" and name in ("no_correction", "fee_unpaid", "other_sub"):
            if any(c.strip() for c in found.cells):
                self.problem(
                    "applications.results.other", "表三：2019年格式的（六）其他处理只有一行，子行未读取"
                )
            return None
        return labels.TABLE3_PATHS[name]

    # --- table 4 -------------------------------------------------------------------------------
    def table4(self, rows: list[list[str]]) -> None:
        width = len(REVIEW_COLUMNS)
        found_rows = labelled_rows(rows, labels.match_table4, {})
        groups = {
            found.name: aligned
            for found in found_rows
            if (aligned := align(found.cells, width)) is not None
            and any(cell.strip() for cell in found.cells)
        }
        # one row per group, five cells each (our Markdown): a group's row may be all blank
        full = {found.name: found.cells for found in found_rows if len(found.cells) == width}
        if len(full) == 3 and len(groups) < 3:
            groups = full
        order = REVIEW_GROUPS
        if len(groups) == 3:
            cells = [cell for name in REVIEW_GROUPS for cell in groups[name]]
        else:
            start = len(self.report.problems)
            cells = self._table4_run(rows, 3 * width)
            order = review_order(rows)
            if order is None:
                self.problem(
                    "reviews", "表四：表头各列顺序错乱，无法确定行政复议、行政诉讼各组的位置，未读取"
                )
                return
            if cells is None:
                self._decode_table4(rows, order, start)
                return
        if cells is None:
            return
        paths = [f"reviews.{group}.{column}" for group in order for column in REVIEW_COLUMNS]
        for path, cell in zip(paths, cells, strict=True):
            value = read_value(cell)
            self.report.set(path, value.value)
            if value.trouble:
                self.problem(path, f"{cell_label(path)}：{value.trouble}")
        self.seen["reviews"] = cells
        if self.ocr:
            self.decode(decoding.table4_specs(order), decoding.table4_equations(), "reviews")

    def _decode_table4(self, rows: list[list[str]], order: tuple[str, ...], start: int) -> None:
        """Table 4's 15 numbers run together: split by R4 (decode.py), else keep the problem."""
        tails = [cell for row in rows for cell in row if _classify(cell, labels.match_table4) is None]
        tokens = _trim([cell for cell in tails if cell.strip()])
        if not _may_be_joined(tokens, 3 * len(REVIEW_COLUMNS)):
            return
        held = self.report.problems[start:]
        del self.report.problems[start:]
        self.pending["reviews"] = tokens
        self.held["reviews"] = held[0] if held else Problem("reviews", "表四：未读取")
        self.decode(decoding.table4_specs(order), decoding.table4_equations(), "reviews")

    def _table4_run(self, rows: list[list[str]], width: int) -> list[str] | None:
        """The 15 values printed after the two-level header (one row, or split over several)."""
        tails: list[list[str]] = []
        for row in rows:
            tail: list[str] = []
            for cell in row:
                if _classify(cell, labels.match_table4) is None and not _is_text_fragment(cell):
                    tail.append(cell)
                else:
                    tail = []  # a label, a header, or a piece of a wrapped header word ("结果维" / "持")
            if any(cell.strip() for cell in tail):
                tails.append(tail)
        aligned = [cells for cells in (align(tail, width) for tail in tails) if cells is not None]
        if aligned and len(tails) == len(aligned) and all(cells == aligned[0] for cells in aligned):
            return aligned[0]  # one run of 15 (or the same run repeated after a page break)
        joined = [cell for tail in tails for cell in _trim(tail)]
        if len(joined) == width:
            return joined
        if not tails and any(len(row) == width and not any(c.strip() for c in row) for row in rows):
            return [""] * width  # one cell per line, all 15 printed blank
        seen = " | ".join(cell or "（空）" for cell in joined) or "（无）"
        if len(aligned) > 1 or (aligned and len(tails) > len(aligned)):
            message = f"表四：数值出现不止一组（{seen}），无法确定哪一组是本表，未读取"
        else:
            message = f"表四：应有{width}个数值，读到{len(joined)}个（{seen}），无法确定各列位置，未读取"
        self.problem("reviews", message)
        return None
