"""The build hooks: compile the message catalogues, ship the rule packs.

The ``.po`` files under ``src/gzlint/locale`` are the sources (kept in git);
a built wheel carries them compiled to ``.mo``, which the standard library's
gettext reads at start-up in about a millisecond. Babel compiles them here, at
build time (``build-system.requires``); a source checkout reads the ``.po``
with Babel instead (see ``gzlint.messages``).

The rule packs live in ``rules/`` at the top of the repository, where
reviewers find them; the wheel carries them as ``gzlint/rulepacks``, where
``gzlint.packs`` looks first.
"""

import shutil

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads rules/ and the .po files in place
            return
        shutil.copytree("rules", Path(self.build_lib, "gzlint", "rulepacks"), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        source = Path("src/gzlint/locale")
        for po in sorted(source.glob("*/LC_MESSAGES/gzlint.po")):
            mo = Path(self.build_lib, "gzlint", "locale", po.relative_to(source)).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fh:
                catalog = read_po(fh)
            with mo.open("wb") as fh:
                write_mo(fh, catalog)


setup(cmdclass={"build_py": BuildWithCatalogues})
