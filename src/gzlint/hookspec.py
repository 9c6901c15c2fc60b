"""Every hook gzlint calls, declared in one place.

A plugin is a module (or object) with functions marked ``@gzlint.hookimpl``
and named after these specifications. Installed packages announce plugins in
the ``gzlint`` entry-point group; gzlint's own rules are announced the same
way in its pyproject.toml (and registered in code too, so a source tree
without install metadata has them)::

    [project.entry-points.gzlint]
    my_rules = "my_package.rules"

The data flow is readers → document model → form matcher → rules → reporters;
each hook below plugs into one step of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .config import Settings
    from .document import Document
    from .rule import Rule

hookspec = pluggy.HookspecMarker("gzlint")
hookimpl = pluggy.HookimplMarker("gzlint")


@hookspec
def gzlint_rules() -> "list[type[Rule]]":
    """Return the rule classes this plugin provides.

    Each class subclasses :class:`gzlint.rule.Rule` and sets ``code`` (stable,
    never reused), ``name``, ``severity`` and ``summary``; its docstring is the
    rule's documentation (``gzlint explain CODE``), with a bad and a good
    example. Codes must be unique across all plugins.
    """


@hookspec(firstresult=True)
def gzlint_read_document(path: str, data: bytes, kind: str) -> "Document | None":
    """Read a file gzlint's own readers do not handle, or handle differently.

    ``kind`` is what content sniffing decided (text, html, docx, pdf, ole …).
    Return a :class:`gzlint.document.Document`, or None to leave the file to
    the next plugin and finally to the built-in readers. Raise
    :class:`gzlint.document.ReadFailure` for a file that is this plugin's kind
    but cannot be read.
    """


@hookspec
def gzlint_form_files() -> "list[Path]":
    """Return paths of extra form definitions (TOML, the schema of
    ``rules/national/forms/2021.toml``, documented in docs/forms.md): a new
    national format, or a local one.

    The files are loaded once, with the built-in ones, and validated: a
    malformed file, or a ``format`` name already taken, stops the run with
    one error naming the file and the key (exit status 2)."""


@hookspec
def gzlint_configure(settings: "Settings") -> None:
    """Called once per run with the resolved settings, in the main process,
    before any file is read (``gzlint.engine.run``). Worker processes are
    forked after it, so what a plugin sets up here is what its rules see."""
