"""Map a document onto the official form: which format, which tables, which cells.

``report.year`` is set here, by ``sections.find_year``, and nowhere else: every
rule reads the report year from it."""

from __future__ import annotations

from ..document import Document
from ..form.spec import FormSpec, form_for_year
from ..form.labels import strip_note
from .model import Report
from .sections import find_sections, find_title, find_year
from .gridpiece import grid_pieces
from .stream import tokenize
from .tables import find_caption_tables, find_header_table, find_rows_table

__all__ = ["match", "Report"]


def match(doc: Document, forms: tuple[FormSpec, ...]) -> Report:
    report = Report(path=doc.path, document=doc, tokens=tokenize(doc))
    # a first guess at the year, from the whole text, to break ties between formats
    find_year(report)
    report.form = _choose_form(report, forms)
    _match_tables(report, report.form)
    find_sections(report, report.form)
    find_title(report)
    report.year = None
    find_year(report)
    return report


def _choose_form(report: Report, forms: tuple[FormSpec, ...]) -> FormSpec:
    """The format whose own labels the report uses most; the year decides a tie."""
    evidence: dict[str, list[str]] = {f.format: [] for f in forms}
    for t in report.tokens:
        bare = strip_note(t.key)
        for f in forms:
            if t.key in f.signals or bare in f.signals:
                evidence[f.format].append(t.text.strip())
    report.format_evidence = evidence
    scores = {f.format: len(set(evidence[f.format])) for f in forms}
    best = max(scores.values()) if scores else 0
    leaders = [f for f in forms if scores[f.format] == best]
    if len(leaders) == 1 and best > 0:
        return leaders[0]
    by_year = form_for_year(forms, report.year) if report.year else None
    if by_year and by_year in leaders:
        return by_year
    return leaders[0]


def _match_tables(report: Report, form: FormSpec) -> None:
    tokens = report.tokens
    pieces = grid_pieces(tokens)  # the grid tables, for every form table read from them
    report.expected_tables = list(form.tables)
    anchors = _anchors(form)
    caption = form.caption_re
    # the report's keys the caption pattern matches, asked once per distinct key:
    # the walkers ask whether to stop at every token
    caption_keys = {k for k in {t.key for t in tokens} if caption.match(k)} if caption is not None else set()

    def stop_for(spec):
        stop_keys = anchors["*"] - anchors.get(spec.id, set())
        if spec.locate != "caption":  # a table read by rows or header also ends at an item caption of 二
            stop_keys |= caption_keys
        return lambda t: t.key in stop_keys

    caption_specs = [t for t in form.tables if t.locate == "caption"]
    if caption_specs:
        found, foreign = find_caption_tables(tokens, pieces, caption_specs, stop_for(caption_specs[0]), caption)
        report.tables.update(found)
        report.foreign_captions = foreign
    for spec in form.tables:
        if spec.locate == "rows":
            table = find_rows_table(tokens, pieces, spec, stop_for(spec))
        elif spec.locate == "header":
            table = find_header_table(tokens, pieces, spec, stop_for(spec))
        else:
            continue
        if table is not None:
            report.tables[spec.id] = table
    report.table_spans = sorted((t.start, t.end) for t in report.tables.values())


def _anchors(form: FormSpec) -> dict[str, set[str]]:
    """Keys that start a table: a walker reading one table stops at another's."""
    from ..form.labels import key

    result: dict[str, set[str]] = {"*": set()}
    for spec in form.tables:
        own: set[str] = set()
        if spec.locate == "header" and spec.header:
            own.add(key(spec.header[0]))
        if spec.locate == "rows" and spec.data_rows:
            own.add(spec.data_rows[0].label.key)
        result[spec.id] = own
        result["*"] |= own
    return result
