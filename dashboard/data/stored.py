"""Bytes made once and kept in a file, for the next start to read instead of making them again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def stored(path: Path, make: Callable[[], bytes]) -> bytes:
    """The bytes saved at ``path`` when made before, else ``make()``'s, saved there (through a temporary file and a
    rename; where ``path`` cannot be written, not saved: a read-only install still serves what was made now)."""
    if path.exists():
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
