"""The findings page (``--format html``): every finding on it, the cells of a
broken identity marked together, sections and prose shown, text escaped,
nothing fetched — read with lxml, then in headless Chromium (filters)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from gzlint.cli import main
from gzlint.testing.sample import render_text, sample_report

#: 一、二 and 三（七）总计、四 of table 三's 自然人 column: identity H1
H1_NATURAL = {"applications|new|natural", "applications|carried_in|natural",
              "applications|total|natural", "applications|carried_out|natural"}


@pytest.fixture
def run_dir(tmp_path) -> Path:
    """A clean report, one with broken sums, one with a section missing and a
    template leftover, one that cannot be read, and a file name with markup."""
    d = tmp_path / "reports"
    d.mkdir()
    (d / "clean.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    bad = sample_report("2021", body="青山县自然资源局").set_cell("applications", "total", "natural", "13")
    (d / "sums.txt").write_text(render_text(bad), encoding="utf-8")
    prose = sample_report("2021", body="青山县水利局").drop_section("六")
    heading, paras = prose.sections["五"]
    prose.sections["五"] = (heading, paras + ["下一步将于XX月前完善工作制度。"])
    (d / "<u>prose.txt").write_text(render_text(prose), encoding="utf-8")
    (d / "broken.docx").write_bytes(b"PK\x03\x04broken")
    return d


def _lint(run_dir: Path, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    assert main([str(run_dir), "--format", fmt, "-o", str(out)]) == 1
    return out


def _diagnostics(run_dir: Path, tmp_path: Path) -> list[dict]:
    return json.loads(_lint(run_dir, tmp_path, "json").read_text(encoding="utf-8"))["diagnostics"]


def _flagged_keys(doc, finding_id: str) -> set[str]:
    cells = doc.xpath(f'//*[@data-diag and contains(concat(" ", @data-diag, " "), " {finding_id} ")]')
    assert all("flagged" in c.get("class").split() for c in cells)
    return {c.get("data-key") for c in cells}


def test_every_finding_is_on_the_page_with_its_cells(run_dir, tmp_path):
    diagnostics = _diagnostics(run_dir, tmp_path)
    page = _lint(run_dir, tmp_path, "html").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    items = doc.xpath('//li[contains(@class, "finding")]')
    assert len(items) == len(diagnostics)
    shown = {(li.get("data-code"), li.xpath('string(.//div[@class="message"])')) for li in items}
    assert shown == {(d["code"], d["message"]) for d in diagnostics}
    h1 = next(li for li in items if li.get("data-code") == "GZ301")
    assert _flagged_keys(doc, h1.get("id")) == H1_NATURAL
    # the value as read, with the findings on it and where it was read in its tooltip
    (wrong,) = doc.xpath('//section[contains(h2, "sums.txt")]//td[@data-key="applications|total|natural"]')
    assert wrong.text == "13" and "GZ302" in wrong.get("title") and "读取位置：L" in wrong.get("title")
    # the GZ303 row identity: the whole （七）总计 row
    h3 = next(li for li in items if li.get("data-code") == "GZ303")
    assert len(_flagged_keys(doc, h3.get("id"))) == 7
    # the form as the official form draws it: 三's corner spans 3 label columns and 3 header rows
    corner = doc.xpath('//table[@data-section="三"]//th[contains(@class, "corner")]')[0]
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    assert len(doc.xpath('(//table[@data-section="四"])[1]//td[contains(@class, "value")]')) == 15


def test_overview_sections_prose_and_escaping(run_dir, tmp_path):
    page = _lint(run_dir, tmp_path, "html").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    ranked = doc.xpath('//table[@id="ranked"]/tbody/tr')
    assert [r.xpath("string(td[1]/a)").rsplit("/", 1)[-1] for r in ranked][-1] == "clean.txt"
    assert "未发现问题" in ranked[-1].text_content() and len(ranked) == 4
    assert doc.xpath('//svg[@id="chart-rules"]//g[@data-label="GZ301"]/@data-count') == ["1"]
    prose_file = next(s for s in doc.xpath('//section[contains(@class, "file")]') if "<u>prose" in s.xpath("string(h2)"))
    assert prose_file.xpath('.//ol[@class="sections"]/li[@class="missing"]/b/text()') == ["六、"]
    leftover = prose_file.xpath('.//li[@data-code="GZ501"]')[0]
    assert "XX" in leftover.xpath('string(.//blockquote[@class="quote"])')
    # markup in a file name is text, and the page fetches nothing
    assert not doc.xpath("//u") and "&lt;u&gt;prose" in page
    assert not doc.xpath("//*[@src] | //link | //*[starts-with(@href, 'http')]")


# -- in a real browser ---------------------------------------------------------

def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")


def _dom(page: Path, fragment: str = "") -> "lxml_html.HtmlElement":
    """The DOM after the page's script ran, as headless Chromium dumps it."""
    proc = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=3000",
         "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return lxml_html.fromstring(proc.stdout)


def test_in_chromium_filters_hide_what_they_should(run_dir, tmp_path):
    diagnostics = _diagnostics(run_dir, tmp_path)
    page = _lint(run_dir, tmp_path, "html")
    everything = _dom(page)
    items = everything.xpath('//li[contains(@class, "finding")]')
    assert len(items) == len(diagnostics) and not any(li.get("hidden") is not None for li in items)
    h1 = next(li.get("id") for li in items if li.get("data-code") == "GZ301")
    assert _flagged_keys(everything, h1) == H1_NATURAL

    only = _dom(page, "#rule=GZ301")
    visible = [li for li in only.xpath('//li[contains(@class, "finding")]') if li.get("hidden") is None]
    assert [li.get("data-code") for li in visible] == ["GZ301"]
    sections = {s.xpath("string(h2)").rsplit("/", 1)[-1]: s.get("hidden") is None
                for s in only.xpath('//section[contains(@class, "file")]')}
    assert sections == {"clean.txt": False, "sums.txt": True, "<u>prose.txt": False, "broken.docx": False}
    # cells of the findings filtered out lose their mark; those of GZ301 keep it
    h2_only = {c.get("data-key") for c in only.xpath('//*[@data-diag and not(contains(@class, "filtered"))]')}
    assert h2_only == H1_NATURAL

    errors = _dom(page, "#sev=warning")
    shown = {li.get("data-code") for li in errors.xpath('//li[contains(@class, "finding")]') if li.get("hidden") is None}
    assert shown == {d["code"] for d in diagnostics if d["severity"] == "warning"}
