"""The plugin host (issue 10): a plugin that fails to load is one line naming
it (exit 2); gzlint's own rules need no install metadata; gzlint_configure is
called once per run with the resolved settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def install_fake_dist(site: Path, name: str, entry_point: str, module: str, code: str) -> None:
    """A distribution as pip leaves it (dist-info with entry_points.txt) in ``site``."""
    dist = site / f"{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[gzlint]\n{entry_point} = {module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(code, encoding="utf-8")


def gzlint(args, cwd, extra_path: Path | None = None, prelude: str = ""):
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    code = f"{prelude}\nimport sys\nfrom gzlint.cli import main\nsys.exit(main({list(args)!r}))"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=300)


def test_a_plugin_that_fails_to_load_is_one_line_and_exit_2(tmp_path):
    site = tmp_path / "site"
    install_fake_dist(site, "gzlint-broken", "broken", "gzlint_broken", "import no_such_module_anywhere\n")
    for args in (["rules"], ["--format", "concise", str(EXAMPLES / "clean-2021.txt")]):
        proc = gzlint(args, tmp_path, site)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in proc.stderr
        assert "broken = gzlint_broken" in lines[0] and "gzlint-broken 1.0" in lines[0]
        assert "ModuleNotFoundError" in lines[0]


def test_a_plugin_whose_hook_does_not_fit_is_one_line_and_exit_2(tmp_path):
    site = tmp_path / "site"
    install_fake_dist(site, "gzlint-misfit", "misfit", "gzlint_misfit",
                      "from gzlint import hookimpl\n\n@hookimpl\ndef gzlint_rules(nonsense):\n    return []\n")
    proc = gzlint(["rules"], tmp_path, site)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "misfit = gzlint_misfit" in proc.stderr and "Traceback" not in proc.stderr


def test_without_install_metadata_every_rule_is_there(tmp_path):
    """As from a source tree (PYTHONPATH=src, no dist-info): no entry point at all."""
    hide = ("import gzlint.entrypoints as e\n"  # what importlib.metadata finds, or its kept copy
            "e.announced = lambda: ()\n")
    with_metadata = gzlint(["--format", "concise", "--no-cache", str(EXAMPLES)], tmp_path)
    without = gzlint(["--format", "concise", "--no-cache", str(EXAMPLES)], tmp_path, prelude=hide)
    assert without.returncode == with_metadata.returncode == 1
    assert without.stdout == with_metadata.stdout and "GZ301" in without.stdout
    rules = gzlint(["rules"], tmp_path, prelude=hide)
    assert rules.stdout == gzlint(["rules"], tmp_path).stdout


def test_gzlint_configure_is_called_once_per_run_with_the_settings(tmp_path):
    from gzlint import hookimpl
    from gzlint.config import Settings
    from gzlint.engine import run
    from gzlint.plugins import plugin_manager

    seen = []

    class Plugin:
        @hookimpl
        def gzlint_configure(self, settings):
            seen.append(settings)

    pm = plugin_manager()
    plugin = Plugin()
    pm.register(plugin)
    try:
        settings = Settings(select=["GZ3"])
        run([EXAMPLES], settings, jobs=2)
    finally:
        pm.unregister(plugin)
    assert seen == [settings]


def test_the_families_registered_in_code_are_the_entry_points_in_pyproject():
    import tomllib

    from gzlint.plugins import BUILTIN_FAMILIES

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    announced = project["entry-points"]["gzlint"]
    assert announced == {f: f"gzlint.rules.{f}" for f in BUILTIN_FAMILIES}
