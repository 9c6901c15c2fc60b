"""The counts a report's prose states (``metadata.counts``), read once per
report: GZ307 compares them with the tables, GZ510 reads the stated "none"s."""

from __future__ import annotations

from ..matcher.model import Report
from ..matcher.roles import role_section_spec
from ..matcher.stream import Token
from ..metadata import counts as q
from ..metadata import report_meta

#: the section whose prose speaks of 行政复议/行政诉讼 of this body (四)
LITIGATION_SECTION = "section.litigation"


def prose_counts(report: Report) -> list[tuple[Token, list[q.CountStatement]]]:
    """Each prose paragraph that states counts, with its counts in order.

    行政复议/行政诉讼 counts are read in section 四 or in a sentence about
    公开 (``find_counts``); a count of another year than the report's is not."""
    if "prose_counts" not in report.cache:
        year = report_meta(report).year
        four = role_section_spec(report, LITIGATION_SECTION)
        found = []
        for t in report.prose():
            section = report.section_of(t.index)
            in_four = section is not None and four is not None and section.spec.number == four.number
            statements = q.find_counts(t.text, year, litigation_section=in_four)
            if statements:
                found.append((t, statements))
        report.cache["prose_counts"] = found
    return report.cache["prose_counts"]
