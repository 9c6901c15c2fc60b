"""The message catalogue: every diagnostic's wording, per language.

A rule does not write its message; it names it: ``msg("GZ101.missing",
number="三", official="三、收到…")`` is a :class:`Msg`, an id and its
arguments. The wording lives in gettext catalogues, one per language
(``locale/<lang>/LC_MESSAGES/gzlint.po``, ``zh`` the default, ``en``), whose
entries are ``str.format`` templates over the named arguments. An argument may
itself be a :class:`Msg` (a clause such as 「只有5个」), rendered in the same
language.

The ``.po`` files are the sources. A built wheel carries them compiled to
``.mo`` (``setup.py`` compiles them with Babel at build time), which the
standard library's :mod:`gettext` reads in about a millisecond; a source
checkout without ``.mo`` files reads the ``.po`` with Babel instead, once: the
result is kept beside it in ``__pycache__`` (as Python keeps bytecode, and not
where Python may not write bytecode), named for the ``.po``'s size and time.
"""

from __future__ import annotations

import gettext
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

LANGUAGES = ("zh", "en")
DEFAULT_LANG = "zh"
DOMAIN = "gzlint"
LOCALE_DIR = Path(__file__).parent / "locale"


class CatalogueError(Exception):
    """A message id without a translation, or a language gzlint lacks."""


@dataclass(frozen=True)
class Msg:
    """A message named by its catalogue id, with its arguments."""

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return render(self.id, self.kwargs, lang)

    def __str__(self) -> str:
        return self.render()

    def stable_parts(self) -> Iterator[str]:
        """The id and the arguments that are not numbers, nested messages
        included: what a baseline fingerprint is made of."""
        yield self.id
        for name, value in self.args:
            if isinstance(value, Msg):
                yield name
                yield from value.stable_parts()
            elif isinstance(value, tuple):
                yield name
                for item in value:
                    yield from (item.stable_parts() if isinstance(item, Msg) else (str(item),))
            elif not isinstance(value, (int, float)):
                yield f"{name}={value}"


def msg(message_id: str, **args: Any) -> Msg:
    """The message ``message_id`` with its named arguments; a list argument
    (of messages or text) is rendered as the language joins a list."""
    return Msg(message_id, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in args.items())))


def render(message_id: str, args: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    template = catalogue(lang).get(message_id)
    if template is None:
        raise CatalogueError(f"message {message_id!r} has no {lang} text in the catalogue")
    return template.format(**{k: _value(v, lang) for k, v in args.items()})


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (tuple, list)):
        return catalogue(lang)["list.sep"].join(str(_value(v, lang)) for v in value)
    return value


def text(message_id: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """A catalogue string rendered at once (command-line words, headings)."""
    return render(message_id, args, lang)


def placeholders(template: str) -> set[str]:
    """The argument names a template uses."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field}


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """id → template for one language, from its compiled ``.mo`` where the
    wheel has one, else from the ``.po`` source."""
    if lang not in LANGUAGES:
        raise CatalogueError(f"unknown language {lang!r} ({', '.join(LANGUAGES)})")
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.exists():  # a wheel ships only the .mo; a checkout only the .po
        with mo.open("rb") as fh:
            entries = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        return {k: v for k, v in entries.items() if isinstance(k, str) and k}
    return read_po(po)


def read_po(path: Path) -> dict[str, str]:
    """A ``.po`` file's templates, from the ``__pycache__`` copy where it is current."""
    from .kept import file_facts, kept

    try:
        facts = file_facts([path], path.parent)
    except OSError:  # no such catalogue: Babel says so
        return _parse_po(path)
    return kept(path.parent, path.stem, facts, lambda: _parse_po(path))


def _parse_po(path: Path) -> dict[str, str]:
    try:
        from babel.messages.pofile import read_po as babel_read_po
    except ImportError:  # pragma: no cover - a checkout without the test extra
        raise CatalogueError(f"{path}: not compiled, and Babel is not installed to read it "
                             "(pip install babel, or install gzlint from a wheel)") from None
    with path.open("rb") as fh:
        cat = babel_read_po(fh, locale=None)
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string}
