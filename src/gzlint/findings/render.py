"""Fill the page template (shipped as package data) with :func:`.model.build_page`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


def environment() -> "jinja2.Environment":
    import jinja2

    # autoescape everywhere: file names, messages and cell texts come from the reports
    return jinja2.Environment(
        loader=jinja2.PackageLoader("gzlint.findings", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_page(page: dict[str, Any]) -> str:
    from .. import __version__

    return environment().get_template("page.html.j2").render(version=__version__, **page)
