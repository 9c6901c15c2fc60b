"""gzlint: a linter for 政府信息公开工作年度报告."""

from .hookspec import hookimpl

__version__ = "0.1.0"
__all__ = ["FileResult", "cross_report", "hookimpl", "lint_bytes", "__version__"]

_ENGINE = {"FileResult", "cross_report", "lint_bytes"}


def __getattr__(name: str):
    # the engine pulls in the readers and the matcher: only when asked for
    if name in _ENGINE:
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'gzlint' has no attribute {name!r}")
