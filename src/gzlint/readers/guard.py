"""The one place where a reader's unexpected exception becomes a ReadFailure.

Readers parse untrusted files with libraries that raise anything (zipfile,
lxml, pdfminer, calamine); a linter run over a folder must report such a file
and go on, so every reader body runs inside :func:`guarded`.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..messages import msg
from ..document import ReadFailure


@contextmanager
def guarded(what: str) -> Iterator[None]:
    """Turn any exception but ReadFailure into ReadFailure("GZ001")."""
    try:
        yield
    except ReadFailure:
        raise
    except MemoryError:
        raise ReadFailure("GZ001", msg("GZ001.too-large", what=what)) from None
    except RecursionError:
        raise ReadFailure("GZ001", msg("GZ001.too-deep", what=what)) from None
    except Exception as exc:  # noqa: BLE001 - the boundary between a bad file and the run
        inner = _wrapped_failure(exc)
        if inner is not None:  # a limit passed inside a library that wraps what it catches (pdfplumber)
            raise inner from None
        detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise ReadFailure("GZ001", msg("GZ001.corrupt", what=what, detail=detail)) from None


def _wrapped_failure(exc: BaseException) -> ReadFailure | None:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ReadFailure):
            return exc
        inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, ReadFailure)), None)
        exc = inner or exc.__cause__ or exc.__context__
    return None
