"""Bytes made once and kept in a file, for the next start to read instead of making them again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def stored(path: Path, make: Callable[[], bytes]) -> bytes:
    """The bytes saved at ``path`` when made before, else ``make()``'s, saved there (through a temporary file and a
    rename; where ``path`` cannot be written, not saved: a read-only install still serves what was made now). A copy
    read again has its time set to now (see :func:`prune_unused`)."""
    if path.exists():
        try:
            os.utime(path)  # still in use: kept by prune_unused
        except OSError:
            pass
        return path.read_bytes()
    body = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(body)
        os.replace(temporary, path)
    except OSError:
        pass
    return body


def prune_unused(folder: Path, since: float) -> int:
    """Delete the files in ``folder`` neither made nor read by :func:`stored` since ``since`` (a ``time.time()``):
    copies for files, code or data no longer served. Returns how many."""
    removed = 0
    for path in folder.glob("*") if folder.is_dir() else ():
        try:
            if path.is_file() and path.stat().st_mtime < since:
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed
