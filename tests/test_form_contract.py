"""The form file is the one contract (docs/forms.md): roles, checks and
identities as data, validated at load, used by rules by role only, and a
plugin's form version linting exactly like the built-in one it copies."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from gzlint.form.spec import FORMATS_DIR, FormError, builtin_form_files, load_form, load_forms
from gzlint.hookspec import hookimpl

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORM_2021 = FORMATS_DIR / "2021.toml"
FORM_2019 = FORMATS_DIR / "2019.toml"


# -- writing form files for tests --------------------------------------------------

def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_toml_value(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def dump_toml(d: dict) -> str:
    """Top-level keys, arrays of tables and tables, values inline: enough for form files."""
    lines = []
    for k, v in d.items():
        if not isinstance(v, (dict, list)) or (isinstance(v, list) and not any(isinstance(x, dict) for x in v)):
            lines.append(f"{k} = {_toml_value(v)}")
    for k, v in d.items():
        if isinstance(v, list) and any(isinstance(x, dict) for x in v):
            for item in v:
                lines.append(f"[[{k}]]")
                lines += [f"{_toml_value(ik)} = {_toml_value(iv)}" for ik, iv in item.items()]
        elif isinstance(v, dict):
            lines.append(f"[{k}]")
            lines += [f"{_toml_value(ik)} = {_toml_value(iv)}" for ik, iv in v.items()]
    return "\n".join(lines) + "\n"


def form_dict(path: Path = FORM_2021) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def write_form(tmp_path: Path, d: dict, name: str = "form.toml") -> Path:
    path = tmp_path / name
    path.write_text(dump_toml(d), encoding="utf-8")
    return path


def renamed_copy(d: dict, fmt: str = "2021-local") -> dict:
    """The form with every table, row and column id renamed (labels and role
    names kept): what another body's definition of the same form looks like."""
    tables = {t["id"]: f"t{i}" for i, t in enumerate(d["tables"])}
    rows = {(t["id"], r["id"]): f"r{j}" for t in d["tables"] for j, r in enumerate(t["rows"])}
    cols = {(t["id"], c["id"]): f"c{j}" for t in d["tables"] for j, c in enumerate(t["columns"])}
    out = {**d, "format": fmt, "name": d["name"] + "（本地副本）"}
    out["tables"] = []
    for t in d["tables"]:
        tid = t["id"]
        out["tables"].append({
            **t, "id": tables[tid],
            "columns": [{**c, "id": cols[tid, c["id"]]} for c in t["columns"]],
            "rows": [{**r, "id": rows[tid, r["id"]], **({"parent": rows[tid, r["parent"]]} if "parent" in r else {})}
                     for r in t["rows"]],
        })
    out["identities"] = []
    for x in d["identities"]:
        tid = x["table"]
        ref = (lambda i: rows[tid, i]) if x["along"] == "column" else (lambda i: cols[tid, i])
        out["identities"].append({**x, "table": tables[tid], "left": [ref(i) for i in x["left"]],
                                  "right": [ref(i) for i in x["right"]]})
    out["roles"] = {"sections": d["roles"]["sections"], "tables": {
        name: {"table": tables[spec["table"]],
               "rows": {k: rows[spec["table"], v] for k, v in spec.get("rows", {}).items()},
               "columns": {k: cols[spec["table"], v] for k, v in spec.get("columns", {}).items()}}
        for name, spec in d["roles"]["tables"].items()}}
    return out


# -- validation at load -------------------------------------------------------------

def test_builtin_forms_load_and_differ():
    forms = load_forms()
    assert {f.format for f in forms} == {"2019", "2021"}
    assert [f.first_year for f in forms] == sorted((f.first_year for f in forms), reverse=True)


def test_the_copy_round_trips(tmp_path):
    form = load_form(write_form(tmp_path, form_dict()))
    assert form.tables == load_form(FORM_2021).tables
    assert form.table_roles == load_form(FORM_2021).table_roles


@pytest.mark.parametrize("change, where, problem", [
    (lambda d: d.update(colour="red"), "form.colour", "unknown key"),
    (lambda d: d["tables"][0].update(colour="red"), "tables[0].colour", "unknown key"),
    (lambda d: d["tables"][4]["rows"][0].update(lable="x"), "tables[applications].rows[0].lable", "unknown key"),
    (lambda d: d["tables"][4]["rows"].append(dict(d["tables"][4]["rows"][0])), "tables[applications].rows", "duplicate id 'new'"),
    (lambda d: d["tables"].append(dict(d["tables"][0])), "tables", "duplicate id 'active.1'"),
    (lambda d: d["tables"][5]["columns"][1].update(label="结果 维持"), "tables[litigation].columns", "duplicate label '结果维持'"),
    (lambda d: d["identities"][0]["right"].append("nope"), "identities[H1].right", "no data row 'nope'"),
    (lambda d: d["identities"][2]["right"].append("results"), "identities[H3].right", "no column 'results'"),
    (lambda d: d["identities"][0].update(table="nope"), "identities[H1].table", "no table 'nope'"),
    (lambda d: d["identities"][0].update(kind="sum"), "identities[H1].kind", "not one of"),
    (lambda d: d["roles"]["tables"]["applications"]["rows"].update(new="nope"), "roles.tables.applications.rows.new", "no row 'nope'"),
    (lambda d: d["roles"]["tables"]["litigation"]["columns"].update(total="nope"), "roles.tables.litigation.columns.total", "no column 'nope'"),
    (lambda d: d["roles"]["tables"]["active"].update(table="active.9"), "roles.tables.active.table", "no table 'active.9'"),
    (lambda d: d["roles"]["sections"].update(problems="七"), "roles.sections.problems", "no section numbered '七'"),
    (lambda d: d["roles"]["tables"]["applications"]["rows"].update(total="total"), "roles.tables.applications", "names both a row and a column"),
    (lambda d: d["roles"]["tables"]["applications"]["rows"].update({"carry.over": "carried_out"}), "roles.tables.applications.rows.carry.over", "role name"),
    (lambda d: d["tables"][4]["rows"][3].update(parent="nope"), "tables[applications].rows[3].parent", "no row 'nope'"),
    (lambda d: d.pop("first_year"), "form.first_year", "required key is missing"),
    (lambda d: d.update(first_year="2021"), "form.first_year", "expected an integer"),
    (lambda d: d.update(last_year=2000), "last_year", "before first_year"),
    (lambda d: d["tables"][0].update(locate="grid"), "tables[active.1].locate", "not one of"),
    (lambda d: d["sections"][0]["topic_words"].update({"天气": ["晴"]}), "sections[0].topic_words.天气", "not one of this section's topics"),
])
def test_a_malformed_form_names_file_and_key(tmp_path, change, where, problem):
    d = form_dict()
    change(d)
    path = write_form(tmp_path, d)
    with pytest.raises(FormError) as info:
        load_form(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {where}: "), message
    assert problem in message


def test_not_toml_and_same_format_twice(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = \n", encoding="utf-8")
    with pytest.raises(FormError, match=re.escape(f"{bad}: not valid TOML")):
        load_form(bad)
    twice = write_form(tmp_path, form_dict())
    with pytest.raises(FormError, match=r"format: '2021' is already defined by .*2021\.toml"):
        load_forms((str(FORM_2021), str(twice)))


# -- roles and checks ---------------------------------------------------------------

def test_roles_name_tables_rows_columns_cells_and_sections():
    forms = {f.format: f for f in load_forms()}
    f21, f19 = forms["2021"], forms["2019"]
    assert f21.role("applications").ids == ("applications", None, None)
    assert f21.role("applications.new").ids == ("applications", "new", None)
    assert f21.role("applications.total").ids == ("applications", None, "total")
    assert f21.role("litigation.review.total").ids == ("litigation", "review", "total")
    assert f21.role("active.rules.in_force").ids == ("active.1", "rules", "in_force")
    assert f21.section_role("problems").number == "五" and f21.has_role("section.other")
    # what a form lacks is None, never an error
    assert f19.role("active.rules.in_force") is None and f19.role("active.rules") is not None
    assert f21.role("nope") is None and f21.role("applications.nope") is None and not f21.has_role("section.nope")
    assert f21.applies("processing-fee") and not f19.applies("processing-fee")
    assert f21.applies("in-force-arithmetic") and not f19.applies("in-force-arithmetic")
    assert {i.kind for i in f21.identities} == {"balance", "column-sum", "row-sum"}


def test_report_values_by_role():
    from gzlint.matcher.roles import role_section, role_table, role_value
    from gzlint.testing.sample import render_text, sample_report
    from gzlint.engine import build_report

    sample = sample_report("2021").set_cell("applications", "new", "total", "41")
    report = build_report("r.txt", render_text(sample).encode("utf-8"))
    assert role_value(report, "applications.new", "total").text == "41"
    assert role_value(report, "litigation.review.total") is report.tables["litigation"].cell("review", "total")
    assert role_value(report, "applications.new") is None  # a row is not a cell
    assert role_value(report, "active.rules", "nope") is None
    assert role_table(report, "litigation") is report.tables["litigation"]
    assert role_section(report, "section.problems").spec.number == "五"


# -- the contract: every role a built-in rule uses exists where the rule applies -----

def test_every_rule_finds_its_roles_in_every_builtin_form():
    from gzlint.plugins import all_rules, missing_roles

    rules = list(all_rules().values())
    assert any(r.roles for r in rules)
    assert missing_roles(rules, load_forms()) == []


def asked_roles(cls) -> set[str]:
    """The roles a rule class's own code asks for by literal name."""
    import ast
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    asked = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("role_") and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                asked.add(name.value)
    return asked


def test_every_role_a_rule_asks_for_is_declared():
    """So the contract test above sees every role the built-in rules use."""
    from gzlint.plugins import all_rules

    rules = all_rules().values()
    assert any(asked_roles(cls) for cls in rules)
    for cls in rules:
        assert asked_roles(cls) <= {*cls.roles, *cls.optional_roles}, cls.code


def test_every_identity_is_reported_by_exactly_one_rule():
    """Identities are tied to rules by kind and table role, not by code."""
    from gzlint.plugins import all_rules

    rules = [cls for cls in all_rules().values() if getattr(cls, "identity_kind", "")]
    for form in load_forms():
        for identity in form.identities:
            reporters = [cls.code for cls in rules
                         if cls.identity_kind == identity.kind and form.role(cls.roles[0]).table.id == identity.table]
            assert len(reporters) == 1, (form.format, identity.id, reporters)
    assert {cls.code for cls in rules} == {"GZ301", "GZ302", "GZ303", "GZ304"}


def test_the_contract_check_catches_a_missing_role():
    from gzlint.plugins import missing_roles
    from gzlint.rule import Rule

    class NeedsAll(Rule):
        code, name = "GZ999", "needs-all"
        roles = ("applications.new", "active.in_force")

    class FeeOnly(NeedsAll):
        form_check = "in-force-arithmetic"

    problems = missing_roles([NeedsAll, FeeOnly], load_forms())
    assert problems == [f"GZ999 uses role 'active.in_force', which form 2019 ({FORM_2019}) lacks"]

    class MayUse(Rule):
        code, name = "GZ997", "may-use"
        optional_roles = ("active.in_force", "active.in_forse")

    # an optional role one form has is fine; one no form has is a typo
    assert missing_roles([MayUse], load_forms()) == ["GZ997 may use role 'active.in_forse', which no form it applies to has"]


def test_converted_rules_name_no_id_and_no_year():
    """Rules ask the form for roles; they do not name format years or table ids."""
    for name in ("rules/structure", "rules/content", "rules/crossreport", "rules/period", "rules/prose",
                 "rules/arithmetic", "rules/cells", "metadata/counts"):
        text = (ROOT / "src" / "gzlint" / f"{name}.py").read_text(encoding="utf-8")
        code = re.sub(r'"""[\s\S]*?"""', "", text)  # docstrings may speak of the 2021 form
        # an id is named by a literal or a module constant: tables.get("active.1"), .cell(CARRIED_IN, TOTAL)
        assert not re.search(r"\.format\s*[!=]=|tables\.get\([A-Z\"]|\.(?:cell|row|column)\([A-Z\"]|number\s*==\s*\"", code), name
        assert not re.search(r'"20\d\d"', code), name


# -- a plugin's form version ---------------------------------------------------------

class FormPlugin:
    def __init__(self, *paths: Path) -> None:
        self.paths = list(paths)

    @hookimpl
    def gzlint_form_files(self):
        return self.paths


@pytest.fixture
def form_plugin(monkeypatch):
    """Register a plugin supplying form files; optionally drop built-in forms."""
    from gzlint import plugins

    registered = []

    def register(*paths: Path, builtin: tuple[str, ...] = ("2019", "2021")):
        plugin = FormPlugin(*paths)
        plugins.plugin_manager().register(plugin)
        registered.append(plugin)
        keep = [p for p in builtin_form_files() if p.stem in builtin]
        monkeypatch.setattr("gzlint.form.spec.builtin_form_files", lambda: keep)
        plugins.all_forms.cache_clear()

    yield register
    for plugin in registered:
        plugins.plugin_manager().unregister(plugin)
    plugins.all_forms.cache_clear()


def _findings(paths) -> list[tuple]:
    from gzlint.engine import run

    return [(Path(d.path).name, d.code, d.severity, d.message, d.line, d.section, d.table, d.row, d.column,
             sorted(d.extra.items())) for d in run(paths).diagnostics]


def _examples() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.txt"))
    if not files:
        pytest.skip(f"no examples in {EXAMPLES} (python tools/make_examples.py)")
    return files


def test_a_plugin_form_lints_like_the_builtin_form_it_copies(tmp_path, form_plugin):
    from gzlint.engine import build_report

    examples = _examples()
    builtin = _findings(examples)
    # the examples do find things, by identity, by role and by form check
    assert {f[1] for f in builtin} >= {"GZ114", "GZ301", "GZ101", "GZ307", "GZ309"}

    copy = write_form(tmp_path, renamed_copy(form_dict()), "local.toml")
    form_plugin(copy, builtin=("2019",))
    assert _findings(examples) == builtin
    report = build_report(str(EXAMPLES / "clean-2021.txt"))
    assert report.form.format == "2021-local" and "t4" in report.tables


def test_a_plugin_form_next_to_the_builtin_gets_no_false_gz114(tmp_path, form_plugin):
    from gzlint.engine import build_report

    examples = _examples()
    builtin = _findings(examples)
    # a local form for the same years and labels, loaded with both built-in ones
    form_plugin(write_form(tmp_path, renamed_copy(form_dict()), "local.toml"))
    assert _findings(examples) == builtin
    # a local form for later years only: a 2030 report on it is not of the wrong format
    later = {**renamed_copy(form_dict(), "2030-local"), "first_year": 2030}
    form_plugin(write_form(tmp_path, later, "later.toml"))
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8").replace("2021年", "2030年").replace("2022年", "2031年")
    report_file = tmp_path / "r2030.txt"
    report_file.write_text(text, encoding="utf-8")
    report = build_report(str(report_file))
    assert (report.form.format, report.year) == ("2030-local", 2030)
    assert "GZ114" not in {f[1] for f in _findings([report_file])}


def test_a_broken_plugin_form_is_one_clear_error(tmp_path, form_plugin, capsys):
    from gzlint.cli import main

    d = form_dict()
    d["identities"][0]["left"].append("carried_over")
    bad = write_form(tmp_path, {**d, "format": "2021-bad"}, "bad.toml")
    form_plugin(bad)
    report = tmp_path / "r.txt"
    report.write_text((EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8") if EXAMPLES.is_dir() else "x",
                      encoding="utf-8")
    assert main([str(report)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: identities[H1].left: no data row 'carried_over'" in err
    assert "Traceback" not in err


# -- the report year, read once -------------------------------------------------------

def test_one_report_year_for_title_rule_and_period_rules():
    """二〇二一年 in the title is the report year for GZ104, GZ114 and GZ40x alike."""
    from gzlint.testing.sample import render_text, sample_report
    from gzlint.engine import build_report, lint_text

    r = sample_report("2021")
    r.title = "青山县交通运输局二〇二一年政府信息公开工作年度报告"
    assert build_report("r.txt", render_text(r).encode("utf-8")).year == 2021
    assert lint_text(render_text(r)) == []
    r.title = "二〇二一年政府信息公开工作年度报告"
    (d,) = lint_text(render_text(r))
    assert d.code == "GZ104" and "没有写明发布机关" in d.message


def test_a_rule_skips_a_form_without_its_roles_or_check():
    from gzlint.engine import build_report
    from gzlint.rule import Rule
    from gzlint.testing.sample import render_text, sample_report

    class Fee(Rule):
        code, name = "GZ999", "fee"
        form_check = "processing-fee"

    class InForce(Rule):
        code, name = "GZ998", "in-force"
        roles = ("active.rules.in_force", "section.other")

    r19, r21 = (build_report(f"{f}.txt", render_text(sample_report(f)).encode("utf-8")) for f in ("2019", "2021"))
    assert [Fee().applies_to(r) for r in (r19, r21)] == [False, True]
    assert [InForce().applies_to(r) for r in (r19, r21)] == [False, True]
    assert Rule().applies_to(r19)


def test_gz104_reads_the_body_after_the_year_and_a_web_page_title(tmp_path):
    """The title names the body after the year (2019年上海市人民政府办公厅…), and
    a web page's <title> is its title when the article has none."""
    from gzlint.engine import lint_text, run
    from gzlint.testing.sample import render_text, sample_report
    from tests.writers import render_html

    r = sample_report("2021")
    r.title = "2021年青山县交通运输局政府信息公开工作年度报告"
    assert lint_text(render_text(r)) == []

    r = sample_report("2021")
    page = render_html(r)
    assert '<h1 class="title">' in page
    no_heading = re.sub(r'<h1 class="title">.*?</h1>', "", page)
    (tmp_path / "page.html").write_text(no_heading, encoding="utf-8")
    assert [d.code for d in run([tmp_path / "page.html"]).diagnostics] == []
    # the same page with a <title> that does not name the report: the title is missing
    (tmp_path / "page.html").write_text(re.sub(r"<title>.*?</title>", "<title>青山县人民政府</title>", no_heading),
                                        encoding="utf-8")
    assert [d.code for d in run([tmp_path / "page.html"]).diagnostics] == ["GZ104"]


def test_a_list_item_sharing_a_section_key_word_is_not_the_section():
    """4.认真办理依申请公开 in 一 is a list item; 三、收到和处理… after it is section 三."""
    from gzlint.engine import lint_text
    from gzlint.testing.sample import render_text, sample_report

    r = sample_report("2021")
    heading, paras = r.sections["一"]
    r.sections["一"] = (heading, [*paras, "4.认真办理依申请公开", "全年依法办理政府信息公开申请。"])
    assert lint_text(render_text(r)) == []
    # a section 三 numbered 3、 with no 三、 heading is still section 三 (GZ103)
    r = sample_report("2021")
    r.sections["三"] = ("3、收到和处理政府信息公开申请情况", r.sections["三"][1])
    assert [d.code for d in lint_text(render_text(r))] == ["GZ103"]


@pytest.mark.parametrize("said, found", [
    ("本年度未收取信息处理费。", False),
    ("2025年度我局无向申请人收取政府信息公开费用的情况。", False),
    ("本年度未发生收费情况。", False),
    ("本年度无其他需要报告的事项。", True),
    ("本机关收取了群众的意见建议，及时改进工作。", True),
])
def test_gz505_any_statement_on_fees(said, found):
    from gzlint.engine import lint_text
    from gzlint.testing.sample import render_text, sample_report

    r = sample_report("2021")
    r.sections["六"] = (r.sections["六"][0], [said])
    assert [d.code for d in lint_text(render_text(r))] == (["GZ505"] if found else [])


def test_a_plugin_form_naming_an_unknown_check_is_an_error(tmp_path, form_plugin, capsys):
    from gzlint.cli import main

    bad = write_form(tmp_path, {**form_dict(), "format": "2021-typo", "checks": ["processing_fee"]}, "typo.toml")
    form_plugin(bad)
    assert main([str(EXAMPLES / "clean-2021.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: checks: no rule runs the check 'processing_fee'" in err and "Traceback" not in err
