"""gzlint's pytest plugin (entry point ``pytest11``).

``pytest --gzlint`` collects report files as test items, one per file
(``reports/2021.docx::gzlint``): the files gzlint would lint in a folder —
the report suffixes, plus the ``include`` globs of ``[tool.gzlint]`` — less
the ``exclude`` globs. An item fails when its file has a diagnostic at or
above the fail level, and the failure text is gzlint's own diagnostics.
select, ignore, per-file-ignores, severity and fail-level come from the
configuration (found from pytest's rootdir, or ``--gzlint-config``) and the
``--gzlint-select``/``--gzlint-ignore``/``--gzlint-fail-level`` options.
``-k 2021`` selects by file name; ``-m gzlint`` selects only these items.
Every collected report file is linted once, together, at the first item (so
cross-report rules see them all); an internal error on one file fails only
that file's item. ``--gzlint-baseline FILE`` drops the diagnostics recorded
by ``gzlint --write-baseline FILE``. Node ids and failure headers use the
path relative to the rootdir (two units' 年报.docx stay apart).

Without ``--gzlint`` the plugin only registers its options and the
:func:`gzlint_lint` fixture: it collects nothing and imports nothing heavy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .diagnostics import SEVERITY_NAMES

_SETTINGS = pytest.StashKey[object]()
_RESULTS = pytest.StashKey[dict]()
_BASELINE = pytest.StashKey[object]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gzlint", "lint government information-disclosure annual reports")
    group.addoption("--gzlint", action="store_true", default=False, help="lint report files with gzlint, one test per file")
    group.addoption("--gzlint-config", metavar="FILE", help="gzlint configuration file (default: found from the rootdir)")
    group.addoption("--gzlint-select", metavar="CODES", help="gzlint codes or prefixes to check (comma-separated)")
    group.addoption("--gzlint-ignore", metavar="CODES", help="gzlint codes or prefixes to skip (comma-separated)")
    group.addoption("--gzlint-fail-level", metavar="LEVEL", help=f"lowest severity that fails a file: {SEVERITY_NAMES}")
    group.addoption("--gzlint-baseline", metavar="FILE", help="report only diagnostics not recorded in FILE (gzlint --write-baseline)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gzlint: a report file linted by gzlint (pytest --gzlint)")
    if not config.getoption("gzlint", False):
        return
    from .cli import resolve_settings
    from .config import ConfigError
    from .plugins import PluginError

    try:
        config.stash[_SETTINGS] = resolve_settings([str(config.rootpath)], config.getoption("gzlint_config"), {
            "select": config.getoption("gzlint_select"),
            "ignore": config.getoption("gzlint_ignore"),
            "fail-level": config.getoption("gzlint_fail_level"),
        })
    except (ConfigError, PluginError) as exc:
        raise pytest.UsageError(f"gzlint: {exc}") from None
    baseline = config.getoption("gzlint_baseline")
    if baseline:
        from .baseline import BaselineError, load_baseline

        try:
            config.stash[_BASELINE] = load_baseline(baseline)
        except BaselineError as exc:
            raise pytest.UsageError(f"gzlint: {exc}") from None


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    settings = parent.config.stash.get(_SETTINGS, None)
    if settings is None:  # --gzlint not given
        return None
    from .readers import REPORT_SUFFIXES

    wanted = file_path.suffix.lower() in REPORT_SUFFIXES or (settings.include and settings.included(file_path))
    if not wanted or settings.excluded(file_path):
        return None
    return GzlintFile.from_parent(parent, path=file_path)


class GzlintFile(pytest.File):
    def collect(self):
        item = GzlintItem.from_parent(self, name="gzlint")
        item.add_marker("gzlint")
        yield item


class GzlintFailure(Exception):
    def __init__(self, diagnostics, errors):
        super().__init__(f"{len(diagnostics)} gzlint diagnostics")
        self.diagnostics = diagnostics
        self.errors = errors


class GzlintItem(pytest.Item):
    def runtest(self) -> None:
        settings = self.config.stash[_SETTINGS]
        diagnostics, errors = self._results().get(str(self.path), ([], []))
        failing = [d for d in diagnostics if d.severity >= settings.fail_level]
        if failing or errors:
            raise GzlintFailure(diagnostics, errors)

    def _results(self) -> dict:
        """Lint every collected report file once, together (cross-report rules
        see them all); each file's diagnostics and the internal errors on it."""
        results = self.config.stash.get(_RESULTS, None)
        if results is None or str(self.path) not in results:
            from .engine import run

            paths = [str(i.path) for i in self.session.items if isinstance(i, GzlintItem)] or [str(self.path)]
            settings = self.config.stash[_SETTINGS]
            result = run(paths, settings, cache=_existing_cache(settings))
            diagnostics = result.diagnostics
            baseline = self.config.stash.get(_BASELINE, None)
            if baseline is not None:
                from .baseline import match_baseline

                diagnostics = match_baseline(diagnostics, baseline, result.files).new
            on_files = {e for errors in result.file_errors.values() for e in errors}
            run_wide = [e for e in result.errors if e not in on_files]  # a run-scope rule: every file's concern
            results = {p: ([], result.file_errors.get(p, []) + run_wide) for p in paths}
            for d in diagnostics:
                results.setdefault(d.path, ([], []))[0].append(d)
            self.config.stash[_RESULTS] = results
        return results

    def _shown_path(self) -> str:
        """The path relative to the rootdir, as in the node id."""
        try:
            return self.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            return str(self.path)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, GzlintFailure):
            from dataclasses import replace

            from .reporters.concise import line

            shown = self._shown_path()
            text = [line(replace(d, path=shown)) for d in excinfo.value.diagnostics]
            return "\n".join(text + excinfo.value.errors)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"gzlint {self._shown_path()}"


@pytest.fixture
def gzlint_lint():
    """Lint a report given as a string; returns the diagnostics (a list of
    :class:`gzlint.diagnostics.Diagnostic`, sorted).

    For rule authors' tests::

        def test_my_rule(gzlint_lint):
            diags = gzlint_lint(REPORT_TEXT, select=["XMP001"])
            assert [d.code for d in diags] == ["XMP001"]

    Keyword arguments are configuration keys with ``_`` for ``-``
    (``select``, ``ignore``, ``severity``, ``fail_level``, ``body_kind`` …);
    ``name`` is the file name the text pretends to have (default
    ``report.txt``). Unknown keys and codes raise ``gzlint.config.ConfigError``.
    """
    from .config import Settings, apply
    from .engine import lint_text
    from .plugins import all_rules

    def lint(text: str, name: str = "report.txt", **options):
        settings = Settings()
        apply(settings, {k.replace("_", "-"): v for k, v in options.items()}, "gzlint_lint", list(all_rules()))
        return lint_text(text, name=name, settings=settings)

    return lint


def _existing_cache(settings):
    """The CLI's result cache (gzlint.cache), where a gzlint run already made
    one: the plugin reuses and adds to it, but never creates a cache folder of
    its own in a project that does not use one."""
    from .cache import ResultCache, default_folder

    folder = default_folder(settings)
    return ResultCache(folder, settings) if folder.is_dir() else None
