"""Tolerant CSV reading: bad lines are reported with their line number, good lines kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from dashboard.data.issues import DataFileError, IssueLog

MAX_FILE_BYTES = 20 * 1024 * 1024


def _decode_lines(raw: bytes, path: Path, log: IssueLog) -> str:
    """Decode UTF-8 (with or without BOM) line by line; undecodable lines are reported."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    good: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            good.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            log.add(path, number, f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                    "re-save the file as UTF-8")
            good.append("")
    return "\n".join(good)


def _open_text(path: Path, log: IssueLog) -> str:
    if not path.exists():
        raise DataFileError(path, "file not found")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(path, f"file is {size / 2**20:.0f} MiB, over the {MAX_FILE_BYTES / 2**20:.0f} MiB limit")
    text = _decode_lines(path.read_bytes(), path, log)
    if not text.strip():
        raise DataFileError(path, "file is empty (expected a header row)")
    return text


def _record(reader, header: list[str], path: Path, log: IssueLog) -> tuple[int, list[str] | None]:
    """The next row as ``(line, fields)``; ``fields`` is ``None`` for a row set aside. Raises StopIteration."""
    start = reader.line_num + 1
    try:
        fields = next(reader)
    except csv.Error as exc:
        span = f"line {start} to line {reader.line_num}" if reader.line_num > start else f"line {start}"
        log.add(path, start, f"malformed CSV from {span}: {exc} (unclosed quote?); those lines are set aside")
        return start, None
    if reader.line_num > start and any(fields):
        log.add(path, start, f"a quoted field runs from line {start} to line {reader.line_num} "
                "(unclosed quote?); those lines are set aside")
        return start, None
    if any(value.strip() for value in fields) and len(fields) != len(header):
        log.add(path, start, f"has {len(fields)} fields, header has {len(header)} (unquoted comma or truncated line?)")
        return start, None
    return start, fields if any(value.strip() for value in fields) else None


def read_csv_rows(path: Path, required: list[str], log: IssueLog) -> pd.DataFrame:
    """A CSV as a frame of stripped strings, indexed by line number (the header is line 1).

    Raises :class:`DataFileError` when the file as a whole is unusable (missing, empty,
    too large, or lacking required columns). Rows with the wrong number of fields or an
    unclosed quote are reported and set aside; every other row is returned.
    """
    reader = csv.reader(io.StringIO(_open_text(path, log), newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise DataFileError(path, f"header row is not valid CSV: {exc}") from exc
    missing = [name for name in required if name not in header]
    if missing:
        raise DataFileError(path, f"missing required column(s): {', '.join(missing)}; found: {', '.join(header)}")
    lines: list[int] = []
    rows: list[list[str]] = []
    while True:
        try:
            line, fields = _record(reader, header, path, log)
        except StopIteration:
            break
        if fields is not None:
            lines.append(line)
            rows.append([value.strip() for value in fields])
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    return frame.fillna("").astype(str)
