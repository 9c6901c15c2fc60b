"""The plugin manager: hook specs, the built-in rule families, and every
plugin found by entry point.

The built-in families are registered in code, so a source tree run without
install metadata (PYTHONPATH=src) still has every rule; gzlint's own entry
points name the same modules and are skipped. Each entry point is loaded on
its own: one that fails is a PluginError naming it (exit 2), never a traceback.
Nothing here is imported before it is needed: a run whose every file is in
the result cache checks its settings against the rule codes and asks plugins
for nothing, so it imports neither pluggy nor a rule.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .entrypoints import Announced, announced

if TYPE_CHECKING:  # pragma: no cover
    import pluggy

    from .form.spec import FormSpec
    from .rule import Rule


class PluginError(Exception):
    """A plugin is broken: two rules share a code, a rule lacks its code, a
    form file is malformed … The CLI prints the message and exits 2."""


#: gzlint's own rule families, modules of gzlint.rules (also its entry points)
BUILTIN_FAMILIES = ("reading", "structure", "cells", "arithmetic", "period", "content", "prose",
                    "crossreport", "requirements", "wording")


def _foreign_entry_points() -> list[Announced]:
    """The entry points of plugins, less gzlint's own families."""
    own = {f"{__package__}.rules.{family}" for family in BUILTIN_FAMILIES}
    return [ep for ep in announced() if ep.value not in own]


def _builtin_family(family: str):
    return importlib.import_module(f"{__package__}.rules.{family}")


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    import pluggy

    from . import hookspec

    pm = pluggy.PluginManager("gzlint")
    pm.add_hookspecs(hookspec)
    for family in BUILTIN_FAMILIES:
        pm.register(_builtin_family(family), name=f"gzlint.rules.{family}")
    for ep in _foreign_entry_points():
        if pm.has_plugin(ep.value):
            continue  # named twice
        where = f"{ep.name} = {ep.value}" + (f" ({ep.dist} {ep.version})" if ep.dist else "")
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginError(f"plugin {where} failed to load: {_one_line(exc)}") from None
        if pm.is_registered(plugin):
            continue
        try:
            pm.register(plugin, name=ep.value)
        except Exception as exc:  # a hook implementation that does not fit its spec
            raise PluginError(f"plugin {where} cannot be registered: {_one_line(exc)}") from None
    return pm


def _plugins_beyond_builtins() -> bool:
    """Whether a plugin other than gzlint's own families may be at work: one
    installed, or one registered in this process (the plugin manager exists)."""
    return plugin_manager.cache_info().currsize > 0 or bool(_foreign_entry_points())


def plugin_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of every installed plugin, for the result cache's key."""
    return tuple(sorted({(ep.dist, ep.version) for ep in announced() if ep.dist}))


def configure(settings) -> None:
    """Call every plugin's ``gzlint_configure`` once with the resolved settings.
    gzlint's own families have no such hook: without other plugins, no rule
    module is imported for it."""
    if not _plugins_beyond_builtins():
        return
    try:
        plugin_manager().hook.gzlint_configure(settings=settings)
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"a plugin's gzlint_configure failed: {_one_line(exc)}") from None


def rule_codes() -> list[str]:
    """Every rule's code, sorted, for checking the settings. Without other
    plugins these are gzlint's own, read from a table kept beside the rule
    families (gzlint.kept) under their files' sizes and times (each rule's
    code is written in its family's module), so that settings are checked
    without importing a rule."""
    if _plugins_beyond_builtins():
        return list(all_rules())
    from .kept import file_facts, kept

    folder = Path(__file__).parent / "rules"
    try:
        facts = file_facts(folder.glob("*.py"), folder)
    except OSError:  # a family went while we looked
        return _builtin_codes()
    return kept(folder, "codes", facts, _builtin_codes)


def _builtin_codes() -> list[str]:
    return sorted(cls.code for family in BUILTIN_FAMILIES for cls in _builtin_family(family).gzlint_rules())


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def all_rules(pm: pluggy.PluginManager | None = None) -> dict[str, type[Rule]]:
    """Every registered rule class by code, sorted by code."""
    pm = pm or plugin_manager()
    rules: dict[str, type[Rule]] = {}
    for batch in pm.hook.gzlint_rules():
        for cls in batch or ():
            if not cls.code or not cls.name:
                raise PluginError(f"rule {cls.__module__}.{cls.__qualname__} has no code or name")
            if cls.code in rules and rules[cls.code] is not cls:
                other = rules[cls.code]
                raise PluginError(f"rule code {cls.code} is claimed by {other.__module__} and {cls.__module__}")
            rules[cls.code] = cls
    return dict(sorted(rules.items()))


def extra_form_files(pm: pluggy.PluginManager | None = None) -> list[str]:
    pm = pm or plugin_manager()
    return [str(p) for batch in pm.hook.gzlint_form_files() for p in (batch or ())]


@lru_cache(maxsize=1)
def all_forms() -> tuple[FormSpec, ...]:
    """Every form version: the built-in ones and those plugins supply, loaded
    and validated once per process, newest first. A malformed file is a
    PluginError naming the file and the key."""
    from .form.spec import FormError, builtin_form_files, load_forms

    files = [str(p) for p in builtin_form_files()] + extra_form_files()
    try:
        forms = load_forms(tuple(files))
    except FormError as exc:
        raise PluginError(str(exc)) from None
    # a misspelt check would silently switch its rule off for that form
    known = {cls.form_check for cls in all_rules().values() if cls.form_check}
    for form in forms:
        for check in sorted(form.checks - known):
            raise PluginError(f"{form.source}: checks: no rule runs the check {check!r} "
                              f"(known: {', '.join(sorted(known))})")
    return forms


def missing_roles(rules: Iterable[type[Rule]] | None = None,
                  forms: Iterable[FormSpec] | None = None) -> list[str]:
    """The form contract: each role a rule declares that a form the rule
    applies to lacks, and each optional role none of them has, as messages.
    Empty when every rule finds its roles."""
    rules = list(rules) if rules is not None else list(all_rules().values())
    forms = list(forms) if forms is not None else list(all_forms())
    problems = []
    for cls in rules:
        fitting = [f for f in forms if not cls.form_check or f.applies(cls.form_check)]
        for form in fitting:
            problems += [f"{cls.code} uses role {role!r}, which form {form.format} ({form.source}) lacks"
                         for role in cls.roles if not form.has_role(role)]
        problems += [f"{cls.code} may use role {role!r}, which no form it applies to has"
                     for role in cls.optional_roles if fitting and not any(f.has_role(role) for f in fitting)]
    return problems
