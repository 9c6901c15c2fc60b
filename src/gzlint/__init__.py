"""gzlint: a linter for 政府信息公开工作年度报告."""

from .hookspec import hookimpl

__version__ = "0.1.0"
__all__ = ["hookimpl", "__version__"]
