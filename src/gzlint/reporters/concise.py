"""One line per diagnostic: ``path:line: CODE message`` (the pre-commit and
editor format; ``path: CODE message`` when there is no line)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..diagnostics import Diagnostic, fold_groups
from ..messages import DEFAULT_LANG, text


def location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}" if d.line is not None else d.path


def line(d: Diagnostic, lang: str = DEFAULT_LANG) -> str:
    """``path:line: CODE message [第2个表格第7行第6列]``: the place in the
    source's terms ends the line, so ``path:line:`` stays what editors parse."""
    where = d.where_text(lang)
    return f"{location(d)}: {d.code} {d.message}" + (f" [{where}]" if where else "")


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    diagnostics = fold_groups(diagnostics)  # a wholly blank row or column is one line
    for d in diagnostics:
        out.write(line(d, options.lang if options else DEFAULT_LANG) + "\n")
    if diagnostics and not (options and options.quiet):
        out.write(f"{summary_line(diagnostics, files, options.lang if options else DEFAULT_LANG)}\n")


class Stream:
    """Concise output written as files finish: each file's own lines when
    the run hands them over (engine.run's ``on_file``), then, at the end,
    what only the whole run finds (the cross-report rules) and the summary.
    The lines are those ``report`` writes, in file order rather than sorted
    across files."""

    def __init__(self, out: TextIO, lang: str = DEFAULT_LANG) -> None:
        self.out, self.lang = out, lang
        self.written: Counter = Counter()

    @staticmethod
    def _key(d: Diagnostic) -> tuple:
        return d.path, d.line, d.code, d.message

    def file(self, result) -> None:
        own = [d.localised(self.lang) for d in result.diagnostics]
        for d in fold_groups(own):
            self.out.write(line(d, self.lang) + "\n")
        self.written.update(self._key(d) for d in own)
        self.out.flush()

    def finish(self, diagnostics: list[Diagnostic], files: list[str], options=None) -> None:
        """``diagnostics``: the whole run's, localised; writes those not yet written."""
        left = Counter(self.written)
        rest = []
        for d in diagnostics:
            k = self._key(d)
            if left[k]:
                left[k] -= 1
            else:
                rest.append(d)
        for d in fold_groups(rest):
            self.out.write(line(d, self.lang) + "\n")
        folded = fold_groups(diagnostics)
        if folded and not (options and options.quiet):
            self.out.write(f"{summary_line(folded, files, self.lang)}\n")


def summary_line(diagnostics: list[Diagnostic], files: list[str], lang: str = DEFAULT_LANG) -> str:
    counts = Counter(d.severity.label for d in diagnostics)
    parts = [text(f"summary.{k}" + (".one" if counts[k] == 1 else ""), lang, n=counts[k])
             for k in ("error", "warning", "info") if counts[k]]
    affected = len({d.path for d in diagnostics})
    n = len(diagnostics)
    return text("summary.found", lang, n=n, counts=text("list.sep", lang).join(parts), affected=affected,
                files=len(files), diagnostics=text("summary.diagnostics.one" if n == 1 else "summary.diagnostics", lang, n=n),
                of_files=text("summary.files.one" if len(files) == 1 else "summary.files", lang, n=len(files)))
