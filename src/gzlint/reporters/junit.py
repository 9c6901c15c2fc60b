"""JUnit XML for CI dashboards: one ``<testcase>`` per file checked.

A file with a diagnostic at or above the fail level is a failing test case
(``<failure>``, its text the concise diagnostics); diagnostics below the
fail level are listed in ``<system-out>``. The suite's ``failures`` counts
the failing files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ..diagnostics import Diagnostic, Severity
from .concise import line


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    fail_level = options.fail_level if options else Severity.ERROR
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    suites = ET.Element("testsuites", name="gzlint")
    suite = ET.SubElement(suites, "testsuite", name="gzlint", tests=str(len(by_file)), errors="0", skipped="0")
    failures = 0
    for path, diags in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="gzlint", name=path, file=path)
        failing = [d for d in diags if d.severity >= fail_level]
        if failing:
            failures += 1
            codes = sorted({d.code for d in failing})
            failure = ET.SubElement(
                case, "failure", type=",".join(codes),
                message=f"{len(failing)} diagnostic{'s' if len(failing) != 1 else ''} ({', '.join(codes)})",
            )
            failure.text = "\n".join(line(d) for d in failing)
        rest = [d for d in diags if d.severity < fail_level]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(line(d) for d in rest)
    suite.set("failures", str(failures))
    suites.set("tests", str(len(by_file)))
    suites.set("failures", str(failures))
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
