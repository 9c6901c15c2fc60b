"""``gzlint annotate REPORT.docx... [-o DIR]``: a copy of each Word report
with one comment per finding, anchored on the faulty cell or paragraph, so
that the person who wrote the report sees each finding where it is.

The copy is ``<name>.gzlint.docx`` beside the input (or in DIR); the input is
never written. A finding's ``line`` is the docx reader's paragraph number
(gzlint/readers/docx.py: the position of the ``w:p`` among the body's
paragraphs in reading order, table cells included), so the same walk finds
the paragraph here; a finding without a line (a missing section) is anchored
on the first paragraph. Needs python-docx >= 1.2 (the ``annotate`` extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .diagnostics import Diagnostic
from .readers.docx import _WRAPPERS, W

_W = f"{{{W}}}"
#: the containers the docx reader walks through to reach paragraphs
_CONTAINERS = _WRAPPERS | {f"{_W}tbl", f"{_W}tr", f"{_W}tc"}
AUTHOR = "gzlint"


class AnnotateError(Exception):
    pass


def output_path(source: Path, outdir: Path | None) -> Path:
    return (outdir or source.parent) / f"{source.stem}.gzlint.docx"


def paragraph_elements(body) -> Iterator:
    """The body's ``w:p`` elements numbered as the docx reader numbers lines (1-based order)."""
    for child in body:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag in _CONTAINERS:
            yield from paragraph_elements(child)


def comment_text(d: Diagnostic, lang: str = "zh") -> str:
    return f"{d.code}（{d.severity.word(lang)}）{d.message}"


def annotate(source: Path, diagnostics: list[Diagnostic], target: Path, lang: str = "zh") -> int:
    """Write ``target``: ``source`` with a comment per diagnostic; how many were written."""
    try:
        import docx
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise AnnotateError("gzlint annotate needs python-docx >= 1.2: pip install 'gzlint[annotate]'") from None
    if source.resolve() == target.resolve():
        raise AnnotateError(f"refusing to overwrite the input {source}")
    document = docx.Document(str(source))
    if not hasattr(document, "add_comment"):
        raise AnnotateError("gzlint annotate needs python-docx >= 1.2 (Word comments)")
    body = document.element.body
    paragraphs = list(paragraph_elements(body))
    if not paragraphs:
        raise AnnotateError(f"{source}: no paragraph to anchor a comment on")
    first = next((p for p in paragraphs if any((t.text or "").strip() for t in p.iter(f"{_W}t"))), paragraphs[0])
    for d in diagnostics:
        p = paragraphs[d.line - 1] if d.line is not None and 0 < d.line <= len(paragraphs) else first
        paragraph = Paragraph(p, document._body)
        runs = [r for r in paragraph.runs if r.text] or paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=comment_text(d, lang), author=AUTHOR, initials="GZ")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return len(diagnostics)
