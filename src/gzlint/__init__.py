"""gzlint: a linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"
__all__ = ["FileResult", "cross_report", "hookimpl", "lint_bytes", "__version__"]

#: name → the module that defines it, imported when first asked for: the
#: engine pulls in the readers and the matcher, hookimpl pluggy
_LAZY = {"FileResult": "engine", "cross_report": "engine", "lint_bytes": "engine", "hookimpl": "hookspec"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'gzlint' has no attribute {name!r}")
