"""Problems found while loading data: each names its file, row and reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class LoadIssue:
    """One problem in one input file.

    ``row`` is the 1-based line number in the file (the header is line 1), or ``None``
    when the problem concerns the whole file. ``kept`` says whether the row still made it
    into the data (warnings) or was set aside (errors).
    """

    file: str
    row: int | None
    reason: str
    kept: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        status = "kept" if self.kept else "set aside"
        return f"{where}: {self.reason} ({status})"


@dataclass
class IssueLog:
    """Collects issues while files are read; shared by every loader."""

    entries: list[LoadIssue] = field(default_factory=list)

    def add(self, file: str | Path, row: int | None, reason: str, kept: bool = False) -> None:
        """Record a problem in ``file`` at ``row``."""
        self.entries.append(LoadIssue(Path(file).name, row, reason, kept))

    def extend(self, issues: list[LoadIssue]) -> None:
        """Record issues found elsewhere (e.g. by the district matcher)."""
        self.entries.extend(issues)

    def for_file(self, name: str) -> list[LoadIssue]:
        """Issues of one file (by file name)."""
        return [issue for issue in self.entries if issue.file == name]

    def rows_set_aside(self) -> int:
        """Rows (not whole files) that validation set aside."""
        return sum(1 for issue in self.entries if not issue.kept and issue.row is not None)

    def __len__(self) -> int:
        return len(self.entries)


class DataFileError(Exception):
    """A file that cannot be read at all (missing, empty, missing columns)."""

    def __init__(self, file: str | Path, reason: str):
        self.file = Path(file).name
        self.reason = reason
        super().__init__(f"{self.file}: {reason}")
