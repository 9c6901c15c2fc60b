"""The base class of every rule, built-in or from a plugin.

A rule is one class with a stable ``code``, a ``name``, a default
``severity``, a one-line ``summary`` and a docstring that documents it
(``gzlint explain CODE``): what it checks, why it matters, a bad and a good
example, how to fix. ``check`` yields diagnostics for one matched report;
rules that compare reports override ``check_run`` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterable

from .diagnostics import Diagnostic, Severity
from .locations import Where, locate_cell, locate_line, locate_token
from .messages import Msg, msg

if TYPE_CHECKING:  # pragma: no cover
    from .config import Settings
    from .form.spec import ColumnSpec, RowSpec, TableSpec
    from .form.values import CellValue
    from .matcher.model import Report
    from .matcher.stream import Token


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ""
    #: report: check() per report; run: check_run() once over all reports
    scope: ClassVar[str] = "report"
    #: False for rules that also look at files that could not be read or matched
    needs_form: ClassVar[bool] = True
    #: the form roles the rule needs (docs/forms.md), ``section.NAME`` for a
    #: section: a report whose form lacks one is skipped, and a test checks
    #: every built-in form the rule applies to has them
    roles: ClassVar[tuple[str, ...]] = ()
    #: roles the rule reads where the form has them and does without where
    #: it lacks them (the 2019 form has no 现行有效件数): a test checks each
    #: is in some built-in form the rule applies to, so a typo cannot hide
    optional_roles: ClassVar[tuple[str, ...]] = ()
    #: a check only some forms call for (``processing-fee``): the rule runs on
    #: a report only where its form lists the check (``form.applies``)
    form_check: ClassVar[str | None] = None
    #: False for an opt-in rule: it runs only when selected by its full code
    #: (select / extend-select), never through ALL or a prefix
    default_enabled: ClassVar[bool] = True

    def __init__(self, settings: "Settings | None" = None) -> None:
        from .config import Settings

        #: the resolved configuration (body kinds, deadlines …)
        self.settings = settings or Settings()

    def applies_to(self, report: "Report") -> bool:
        if (self.form_check or self.roles) and not self.form_fits(report):
            return False
        return report.recognised if self.needs_form else True

    def form_fits(self, report: "Report") -> bool:
        """Whether the report's form calls for this rule's ``form_check`` and
        has every role in ``roles``."""
        form = report.form
        if form is None:
            return not (self.form_check or self.roles)
        return (not self.form_check or form.applies(self.form_check)) and all(form.has_role(r) for r in self.roles)

    def check(self, report: "Report") -> Iterable[Diagnostic]:
        return ()

    def check_run(self, reports: "list[Report]") -> Iterable[Diagnostic]:
        return ()

    # -- helpers for building diagnostics ---------------------------------
    def diag(self, report: "Report", message: "Msg | str", *, line: int | None = None, section: str | None = None,
             table: str | None = None, row: str | None = None, column: str | None = None,
             where: Where | None = None, **extra) -> Diagnostic:
        if where is None and line is not None:  # the rule named a line: the token there, where it is the only one
            where = locate_line(report, line)
        return Diagnostic(
            path=report.path, code=self.code, severity=self.severity, message=str(message), line=line,
            section=section, table=table, row=row, column=column, extra=extra,
            msg=message if isinstance(message, Msg) else None, where=where,
        )

    def prose_diag(self, report: "Report", token: "Token", message: "Msg | str", **extra) -> Diagnostic:
        """A diagnostic on a paragraph of the prose, located by its line and
        the section it stands in."""
        sec = report.section_of(token.index)
        return self.diag(report, message, line=token.line, section=sec.spec.official if sec else None,
                         where=locate_token(report, token), **extra)

    def table_diag(self, report: "Report", spec: "TableSpec", message: "Msg | str", *, line: int | None = None,
                   row: "RowSpec | None" = None, column: "ColumnSpec | None" = None,
                   cell: "CellValue | None" = None, **extra) -> Diagnostic:
        """A diagnostic located in a form table, named as the form prints it,
        and in the source's own terms at ``cell`` where the finding has one."""
        return self.diag(
            report, message, line=line, section=report.section_name(spec, report.form), table=spec.title,
            row=row.label.text if row else None, column=column.label.text if column else None,
            where=locate_cell(report, cell),
            **extra,
        )

    def cell_diag(self, report: "Report", spec: "TableSpec", row: "RowSpec", column: "ColumnSpec",
                  cell: "CellValue", message: "Msg | str", **extra) -> Diagnostic:
        return self.table_diag(report, spec, message, line=cell.line, row=row, column=column, cell=cell, **extra)


def cell_name(spec: "TableSpec", row: "RowSpec", column: "ColumnSpec") -> Msg:
    """表三「（七）总计」行「自然人」列, as messages quote a cell."""
    return msg("cell", table=spec.title, row=row.label.text, column=column.label.text)


