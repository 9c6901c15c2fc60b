"""Read a matched report by role: what rules use instead of table, row and column ids.

A role is a name the form file gives a part of the form (docs/forms.md):
``applications`` (a table), ``applications.new`` (a row), ``applications.total``
(a column), ``litigation.review.total`` (a cell), ``section.problems`` (a
section). Every function returns None where the report's form lacks the role
or the report lacks the table, row or section, so a rule skips cleanly.
"""

from __future__ import annotations

from ..form.spec import FormSpec, Place, SectionSpec
from ..form.values import CellValue
from .model import MatchedTable, Report, SectionMatch

#: id(form) → (form, role → place): a form never changes and every report of it
#: asks the same roles. An entry holds its form, so the id stays that form's;
#: a run has a few forms, and the memo starts afresh past _MAX_FORMS (tests build many).
_places: dict[int, tuple[FormSpec, dict[str, Place | None]]] = {}
_MAX_FORMS = 32


def role_place(report: Report, role: str) -> Place | None:
    """What ``role`` names in the report's form."""
    form = report.form
    if form is None:
        return None
    entry = _places.get(id(form))
    if entry is None:
        if len(_places) >= _MAX_FORMS:
            _places.clear()
        entry = _places[id(form)] = (form, {})
    places = entry[1]
    if role not in places:
        places[role] = form.role(role)
    return places[role]


def role_table(report: Report, role: str) -> MatchedTable | None:
    """The matched table of a table role (or of the table a row/column role is in)."""
    where = role_place(report, role)
    return report.tables.get(where.table.id) if where else None


def role_value(report: Report, role: str, column: str | None = None) -> CellValue | None:
    """The cell a cell role names, or the cell of a row role in a column role of
    the same table: ``role_value(report, "applications.new", "total")``."""
    where = role_place(report, role if column is None else f"{role}.{column}")
    if where is None or where.row is None or where.column is None:
        return None
    matched = report.tables.get(where.table.id)
    return matched.cell(where.row.id, where.column.id) if matched else None


def role_section_spec(report: Report, role: str) -> SectionSpec | None:
    """The form's section for a section role: ``problems`` or ``section.problems``."""
    return report.form.section_role(role.removeprefix("section.")) if report.form else None


def role_section(report: Report, role: str) -> SectionMatch | None:
    """The report's heading of the section a role names; None where it is absent."""
    spec = role_section_spec(report, role)
    return next((s for s in report.sections if s.spec.number == spec.number), None) if spec else None
