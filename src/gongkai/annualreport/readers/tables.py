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
from gongkai.annualreport.readers import labels
from gongkai.annualreport.readers.labels import norm
from gongkai.annualreport.readers.values import DASH, is_value_like, read_value

_AFTER_FEE_UNPAID = ("fee_unpaid", "no_correction")


@dataclass
class Found:
    """A labelled row: its label name and the raw cells after the label."""

    name: str
    cells: list[str] = field(default_factory=list)
    context: str | None = None  # the last group header or row seen before it


def _classify(cell: str, match) -> str | None:
    """A label/header name, "h_text" for long unknown text, or None for a value cell."""
    if not cell or cell.isdigit():
        return None
    normalised = norm(cell)
    if not normalised or normalised.isdigit():
        return None
    name = match(normalised)
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


def align(cells: list[str], width: int) -> list[str] | None:
    """The row's cells by column, or None when their positions cannot be known for sure."""
    if len(cells) == width:
        return cells
    if cells and not any(cell.strip() for cell in cells):
        return [""] * width  # every cell blank: nothing to misplace
    trimmed = _trim(cells)
    return trimmed if len(trimmed) == width else None


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


def review_order(rows: list[list[str]]) -> tuple[str, ...]:
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
        return (*litigation, "reconsideration")
    return ("reconsideration", *litigation)


class TableReader:
    """Fills one report's cells and collects problems, one table at a time."""

    def __init__(self, report: Report):
        self.report = report
        self.seen: dict[str, list | None] = {}
        self.placeholders = False  # whether this table's rows carry empty cells for spanned labels

    def problem(self, where: str, message: str) -> None:
        self.report.problems.append(Problem(where, message))

    def put_row(self, row_path: str, columns: list[tuple[str, str]], found: Found) -> None:
        """Write one row's values, or leave it None with a problem naming the row and what was seen."""
        aligned = align(found.cells, len(columns))
        if aligned is not None and self.placeholders and _leading_blank(found.cells, len(columns)):
            aligned = None  # that empty cell may be a placeholder: the values may be shifted
        if aligned is None:
            self.seen.setdefault(row_path, None)
            seen = " | ".join(cell or "（空）" for cell in found.cells) or "（无）"
            self.problem(
                row_path,
                f"{cell_label(row_path)}：应有{len(columns)}个数值，读到{len(_trim(found.cells))}个（{seen}），"
                "无法确定各列位置，未读取",
            )
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
        self.missing([f"{top}.{name}" for name in columns])

    # --- table 3 -------------------------------------------------------------------------------
    def table3(self, rows: list[list[str]], fmt: str) -> None:
        order = column_order(rows)
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
        for found in found_rows:
            path = self._table3_path(found, fmt)
            if path and found.cells:
                self.put_row(f"applications.{path}", columns, found)
        wanted = [
            f"applications.{path}"
            for path in dict.fromkeys(labels.TABLE3_PATHS.values())
            if self.report.get(f"applications.{path}") is not None
        ]
        self.missing(wanted)

    def _table3_path(self, found: Found, fmt: str) -> str | None:
        name = found.name
        if name == "other_whole":
            if fmt == "2019":
                return "results.other.other"
            if any(c.strip() for c in found.cells):
                self.problem(
                    "applications.results.other",
                    "表三 （六）其他处理：填了一行合计数（2019年格式），本格式应分三行填写，未读取",
                )
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
            cells = self._table4_run(rows, 3 * width)
            order = review_order(rows)
        if cells is None:
            return
        paths = [f"reviews.{group}.{column}" for group in order for column in REVIEW_COLUMNS]
        for path, cell in zip(paths, cells, strict=True):
            value = read_value(cell)
            self.report.set(path, value.value)
            if value.trouble:
                self.problem(path, f"{cell_label(path)}：{value.trouble}")
        self.seen["reviews"] = cells

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
