"""The pytest plugin, run by pytest itself through ``pytester``."""

from __future__ import annotations

import pytest

from gzlint.testing.sample import render_text, sample_report

GOOD = render_text(sample_report("2021"))
BAD = render_text(sample_report("2021").set_cell("applications", "total", "total", "99"))
WARN = render_text(sample_report("2021").blank_cell("applications", "new", "natural"))


@pytest.fixture
def reports(pytester):
    pytester.makefile(".txt", good_2021=GOOD, bad_2021=BAD)
    pytester.mkdir("sub")
    (pytester.path / "sub" / "warn_2021.txt").write_text(WARN, encoding="utf-8")
    pytester.makepyfile(test_ordinary="def test_ok():\n    assert True\n")
    return pytester


def test_nothing_happens_without_the_option(reports):
    result = reports.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["collected 1 item"])
    assert "::gzlint" not in result.stdout.str()


def test_one_item_per_report_and_gzlint_text_as_failure(reports):
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*bad_2021.txt::gzlint FAILED*",
        "*good_2021.txt::gzlint PASSED*",
        "*sub/warn_2021.txt::gzlint PASSED*",
    ])
    out = result.stdout.str()
    assert "bad_2021.txt:84: GZ301 表三「总计」列" in out
    assert "Traceback" not in out and "GzlintFailure" not in out
    assert result.ret == 1


def test_k_selects_by_file_name_and_m_gzlint(reports):
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-k", "good")
    result.assert_outcomes(passed=1)
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-k", "bad_2021")
    result.assert_outcomes(failed=1)
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-m", "gzlint")
    result.assert_outcomes(passed=2, failed=1)


def test_select_ignore_and_fail_level_from_configuration(reports):
    reports.makepyprojecttoml('[tool.gzlint]\nignore = ["GZ3"]\nfail-level = "warning"\nexclude = ["good*"]\n')
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=2, failed=1)  # bad passes (GZ3 ignored); the warning fails; good is excluded
    result.stdout.fnmatch_lines(["*warn_2021.txt::gzlint FAILED*"])
    assert "good_2021" not in result.stdout.str()
    assert "GZ201" in result.stdout.str()

    # command-line options replace the file's values, as on gzlint's own command line
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-v", "--gzlint-fail-level", "error",
                               "--gzlint-ignore", "GZ2")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*bad_2021.txt::gzlint FAILED*", "*warn_2021.txt::gzlint PASSED*"])


def test_include_globs_and_bad_configuration(reports):
    (reports.path / "report.md").write_text(BAD, encoding="utf-8")
    reports.makepyprojecttoml('[tool.gzlint]\ninclude = ["*.md"]\n')
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "-k", "report")
    result.assert_outcomes(failed=1)

    reports.makepyprojecttoml('[tool.gzlint]\nselec = ["GZ1"]\n')
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*gzlint*未知的配置项 selec*"])


def test_gzlint_lint_fixture(pytester):
    pytester.makeconftest(f"GOOD = {GOOD!r}\nBAD = {BAD!r}\n")
    pytester.makepyfile(test_rules='''
        from conftest import BAD, GOOD

        def test_clean(gzlint_lint):
            assert gzlint_lint(GOOD) == []

        def test_dirty(gzlint_lint):
            diags = gzlint_lint(BAD, select=["GZ301"])
            assert [d.code for d in diags] == ["GZ301"]
            assert diags[0].path == "report.txt" and diags[0].column == "总计"

        def test_unknown_code(gzlint_lint):
            import pytest
            from gzlint.config import ConfigError
            with pytest.raises(ConfigError):
                gzlint_lint(BAD, select=["NOPE1"])
    ''')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*gzlint_lint*", "*Lint a report given as a string*"])


class _Breaks:
    """A gzlint plugin whose rule fails internally on unit_b's report only."""

    from gzlint.hookspec import hookimpl

    @hookimpl
    def gzlint_rules(self):
        from gzlint.diagnostics import Severity
        from gzlint.rule import Rule

        class BreaksOnUnitB(Rule):
            code, name, severity, summary = "XTB001", "breaks-on-unit-b", Severity.INFO, "test"
            needs_form = False

            def check(self, report):
                if "unit_b" in report.path:
                    raise RuntimeError("boom in the test plugin")
                return []

        return [BreaksOnUnitB]


@pytest.fixture
def breaking_plugin():
    from gzlint.plugins import plugin_manager

    pm, plugin = plugin_manager(), _Breaks()
    pm.register(plugin)
    yield
    pm.unregister(plugin)


def test_internal_error_fails_only_its_file_and_headers_name_the_folder(pytester, breaking_plugin):
    from tests.writers import write_docx

    for unit, report in (("unit_a", sample_report("2021")),
                         ("unit_b", sample_report("2021").set_cell("applications", "total", "total", "99"))):
        pytester.mkdir(unit)
        write_docx(report, pytester.path / unit / "年报.docx")
    result = pytester.runpytest("--gzlint", "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*unit_a/年报.docx::gzlint PASSED*", "*unit_b/年报.docx::gzlint FAILED*"])
    out = result.stdout.str()
    assert "gzlint unit_b/年报.docx" in out  # the failure header names the folder
    assert "boom in the test plugin" in out and "unit_b/年报.docx:" in out and "GZ301" in out
    # on unit_b only (newer pytest repeats the whole failure text in the short summary: count before it)
    failures = out.split("short test summary info")[0]
    assert failures.count("RuntimeError: boom in the test plugin") == 1


def test_gzlint_baseline_option(reports):
    from gzlint.cli import main

    base = reports.path / "baseline.json"
    assert main([str(reports.path / "bad_2021.txt"), "--write-baseline", str(base)]) == 0
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "--gzlint-baseline", str(base))
    result.assert_outcomes(passed=4)
    result = reports.runpytest("--gzlint", "-p", "no:cacheprovider", "--gzlint-baseline", str(reports.path / "no.json"))
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_reuses_the_cli_cache_and_makes_none_of_its_own(pytester, monkeypatch):
    from gzlint.cache import ResultCache
    from gzlint.cli import main

    folder = pytester.path / "cache"
    monkeypatch.setenv("GZLINT_CACHE_DIR", str(folder))
    report = sample_report("2021").set_cell("applications", "total", "total", "99")
    (pytester.path / "年报.txt").write_text(render_text(report), encoding="utf-8")
    pytester.runpytest("--gzlint", "-p", "no:cacheprovider").assert_outcomes(failed=1)
    assert not folder.exists()  # a project without a cache gets none from the plugin

    assert main([str(pytester.path / "年报.txt")]) == 1  # the CLI's run makes the cache
    hits = []
    lookup = ResultCache.lookup

    def counting_lookup(self, paths):
        found = lookup(self, paths)
        hits.extend(f.record is not None for f in found)
        return found

    monkeypatch.setattr(ResultCache, "lookup", counting_lookup)
    pytester.runpytest("--gzlint", "-p", "no:cacheprovider").assert_outcomes(failed=1)
    assert hits == [True]
