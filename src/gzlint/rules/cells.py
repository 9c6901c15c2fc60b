"""GZ2xx: the content of each cell of the form tables."""

from __future__ import annotations

from typing import ClassVar

from ..diagnostics import Severity
from ..form.spec import ColumnSpec, RowSpec
from ..form.values import CellValue, format_number
from ..hookspec import hookimpl
from ..matcher.identities import results_with
from ..matcher.model import MatchedTable
from ..messages import Msg, msg
from ..rule import Rule, cell_name


class _CellRule(Rule):
    """Visits every cell of every table found whose status is ``status``."""

    #: number | blank | missing | invalid (CellValue.status)
    status: ClassVar[str] = "number"

    def check(self, report):
        found = []
        for table, row, column, cell in _cells(report).get(self.status, ()):
            found += self.check_cell(report, table, row, column, cell)
        return found

    def check_cell(self, report, table, row, column, cell):  # pragma: no cover - abstract
        """The diagnostics of one cell of status ``status`` (a list, or () for none: most cells have none)."""
        return ()


def _cells(report) -> dict[str, list[tuple[MatchedTable, RowSpec, ColumnSpec, CellValue]]]:
    """status → (table, row, column, value) of every cell of the tables found,
    in order: listed once per report for the rules that each read a few."""
    if "cells" not in report.cache:
        found: dict[str, list] = {}
        for table in report.tables.values():
            for row, column, cell in table.cells():
                found.setdefault(cell.status, []).append((table, row, column, cell))
        report.cache["cells"] = found
    return report.cache["cells"]


class BlankCell(_CellRule):
    """A blank cell where the form expects a number.

    A blank is reported once, here, and not again as a broken identity: when
    an identity holds only if the blank is read as another number, the
    message says which (other blanks of the identity read as 0). Every cell
    of a wholly blank row or column is one finding in human-readable output
    ("「科研机构」列全部为空"), and so are the other blanks of one row;
    machine-readable output lists each cell.

    Why:
        No official rule says a blank means 0, and reviewers treat a blank
        cell as an unfinished table.

    Bad:
        （七）总计 | 6 | 2 | 0 | 0 | 0 | 1 |        (总计 left blank)

    Good:
        （七）总计 | 6 | 2 | 0 | 0 | 0 | 1 | 9

    Fix:
        Write the number, 0 when there is nothing to count.
    """

    code = "GZ201"
    name = "blank-cell"
    severity = Severity.WARNING
    summary = "应填数字的单元格为空（没有则填 0）"

    def check(self, report):
        blanks = _cells(report).get("blank", [])
        for table in report.tables.values():
            own = [(row, column, cell) for t, row, column, cell in blanks if t is table]
            if not own:
                continue
            lines = _blank_lines(table)
            found, rest = [], {}
            for row, column, cell in own:
                needed = _needed_value(report, cell)
                name = cell_name(table.spec, row, column)
                message = (msg("GZ201.needed", cell=name, identity=needed[0], value=format_number(needed[1]))
                           if needed else msg("GZ201.blank", cell=name))
                d = self.cell_diag(report, table.spec, row, column, cell, message)
                found.append(d)
                # a cell that needs a value other than 0 says something its line does not
                if needed and needed[1] != 0:
                    continue
                if (row.id, column.id) in lines:
                    d.set_group(*lines[(row.id, column.id)])
                else:
                    rest.setdefault(row, []).append((column, d))
            for row, cells in rest.items():
                if len(cells) > 1:  # the other blanks of one row: one line naming their columns
                    message = msg("GZ201.row-cells", table=table.spec.title, row=row.label.text,
                                  columns=[c.label.text for c, _ in cells])
                    for _, d in cells:
                        d.set_group(f"{table.spec.id}/row-cells/{row.id}", message)
            yield from found


def _needed_value(report, cell):
    """(the identity's description, the value) that would make a broken
    identity hold, for a blank that is the only blank on its side of it; a
    blank total is best explained by the sum it totals."""
    broken = []
    for result, term in results_with(report, cell):
        if result.holds or result.unreadable:
            continue
        side = result.left if term in result.left else result.right
        if [t for t in side if t.cell.status == "blank"] == [term]:
            broken.append((term not in result.left, result, term))
    if not broken:
        return None
    _, result, term = min(broken, key=lambda b: b[0])
    return result.spec.description, result.solve_for(term)


def _blank_lines(table) -> "dict[tuple[str, str], tuple[str, Msg]]":
    """(row, column) → (group key, message) for the cells of each wholly
    blank column, then of each wholly blank row, of a matched table."""
    spec, rows = table.spec, list(table.rows.values())
    blank = {(r.spec.id, c.id) for r in rows for c, v in zip(spec.columns, r.cells) if v.status == "blank"}
    out: "dict[tuple[str, str], tuple[str, Msg]]" = {}
    if len(rows) > 1:
        for c in spec.columns:
            cells = [(r.spec.id, c.id) for r in rows]
            if all(k in blank for k in cells):
                message = msg("GZ201.blank-column", table=spec.title, column=c.label.text, cells=len(cells))
                out.update({k: (f"{spec.id}/column/{c.id}", message) for k in cells})
    if len(spec.columns) > 1:
        for r in rows:
            cells = [(r.spec.id, c.id) for c in spec.columns]
            if all(k in blank for k in cells):
                message = msg("GZ201.blank-row", table=spec.title, row=r.spec.label.text, cells=len(cells))
                out.update({k: (f"{spec.id}/row/{r.spec.id}", message) for k in cells if k not in out})
    return out


class NotANumber(_CellRule):
    """A cell that is not a number: —, /, 无, 若干, text.

    Why:
        The tables are statistics; a dash or a word cannot be summed or
        compared with other bodies' reports.

    Bad:
        行政强制 | — | 无 | 若干

    Good:
        行政强制 | 0 | 0 | 3

    Fix:
        Write a number; 0 where there is nothing.
    """

    code = "GZ202"
    name = "not-a-number"
    severity = Severity.ERROR
    summary = "单元格内容不是数字（如 —、/、无、若干）"
    status = "invalid"

    def check_cell(self, report, table, row, column, cell):
        yield self.cell_diag(report, table.spec, row, column, cell,
                             msg("GZ202.text", cell=cell_name(table.spec, row, column), text=cell.text.strip()))





class OddNumber(_CellRule):
    """A number written in an odd way: 00, leading zeros, full-width digits,
    thousands separators, a unit after a count.

    Why:
        Such cells usually come from copying another table or from a template
        default; they also break automated collection of the figures.

    Bad:
        结果维持 | 00      规章 | ０３      行政许可 | 1,200      予以公开 | 5件

    Good:
        结果维持 | 0       规章 | 3        行政许可 | 1200       予以公开 | 5

    Fix:
        Write plain half-width digits without leading zeros or units.
    """

    code = "GZ203"
    name = "odd-number"
    severity = Severity.WARNING
    summary = "数字写法不规范（00、前导零、全角数字、千位分隔符、数量带单位）"

    def check_cell(self, report, table, row, column, cell):
        # the oddities are named leading-zero, full-width, separator: each a message
        problems = [msg(f"GZ203.{o}") for o in cell.oddities]
        if cell.unit and column.kind != "money":
            problems.append(msg("GZ203.unit", unit=cell.unit))
        if not problems:
            return ()
        return [self.cell_diag(
            report, table.spec, row, column, cell,
            msg("GZ203.odd", cell=cell_name(table.spec, row, column), text=cell.text.strip(), problems=problems,
                number=format_number(cell.number)),
        )]


class BadCount(_CellRule):
    """A negative count, or a fraction where the form counts items.

    Only the 2019 format's 本年增/减 may be negative; amounts of money may have
    decimals, counts may not.

    Why:
        A count of applications or documents is a whole number of at least
        zero; anything else is a typing or formula error.

    Bad:
        （一）予以公开 | -2      行政许可 | 3.5

    Good:
        （一）予以公开 | 2       行政许可 | 4

    Fix:
        Correct the figure.
    """

    code = "GZ204"
    name = "bad-count"
    severity = Severity.ERROR
    summary = "数量为负数或小数（仅 2019 年格式的「本年增/减」可为负）"

    def check_cell(self, report, table, row, column, cell):
        if column.kind == "signed":
            return ()
        if cell.number < 0:
            what = "GZ204.negative-money" if column.kind == "money" else "GZ204.negative-count"
            return [self.cell_diag(report, table.spec, row, column, cell,
                                   msg(what, cell=cell_name(table.spec, row, column), text=cell.text.strip()))]
        if column.kind == "count" and cell.number != cell.number.to_integral_value():
            return [self.cell_diag(report, table.spec, row, column, cell,
                                   msg("GZ204.fraction", cell=cell_name(table.spec, row, column), text=cell.text.strip()))]
        return ()


class MoneyUnit(_CellRule):
    """A money amount whose unit disagrees with the unit the form prints (元
    in a 万元 column), or a non-zero amount with no unit at all where the form
    prints none (2019 采购总金额).

    Where the form prints no unit, any unit the cell states is acceptable:
    "75394432.52元" says what it means.

    Why:
        An amount without its unit is off by a factor of 10,000 as often as
        not; 12500元 in a column of 万元 reads as 125 million.

    Bad:
        行政事业性收费 | 12500元              (2021 本年收费金额, printed 万元)
        政府集中采购 | 2 | 1026.8898         (2019 采购总金额: no unit at all)

    Good:
        行政事业性收费 | 1.25
        政府集中采购 | 2 | 1026.8898万元      (or 10268898元)

    Fix:
        Use the unit the form prints; where it prints none, state the unit.
    """

    code = "GZ205"
    name = "money-unit"
    severity = Severity.WARNING
    summary = "金额单位与表格所印单位不符（如万元栏填元），或表格未印单位而金额未注明单位"

    def check_cell(self, report, table, row, column, cell):
        if column.kind != "money" or not column.unit:
            return ()
        unit = cell.unit or table.header_units.get(column.id)
        name = cell_name(table.spec, row, column)
        if unit and column.unit_printed and unit != column.unit:
            message = (msg("GZ205.yuan", cell=name, unit=unit, expected=column.unit, text=cell.text.strip(),
                           converted=format_number(cell.number / 10000)) if unit == "元"
                       else msg("GZ205.unit", cell=name, unit=unit, expected=column.unit))
            return [self.cell_diag(report, table.spec, row, column, cell, message)]
        if not unit and not column.unit_printed and cell.number != 0:
            return [self.cell_diag(report, table.spec, row, column, cell,
                                   msg("GZ205.no-unit", cell=name, text=cell.text.strip(), expected=column.unit))]
        return ()


@hookimpl
def gzlint_rules():
    return [BlankCell, NotANumber, OddNumber, BadCount, MoneyUnit]
