"""The landing zone, as a folder tree.

Landing layout: one folder per publication day, `<landing>/YYYY-MM-DD/<any name>`.
A scheduled run owns the days in its data interval [start, end).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from tarjama.sources import list_files


def days_in_interval(start: date, end: date) -> list[date]:
    """The days of [start, end); an interval shorter than a day still owns its start day."""
    days = [start + timedelta(days=n) for n in range((end - start).days)]
    return days or [start]


def partition_files(landing_dir: Path, days: Iterable[date]) -> list[str]:
    files: list[str] = []
    for day in days:
        folder = landing_dir / day.isoformat()
        if folder.is_dir():
            files.extend(str(path) for path in sorted(folder.rglob("*")) if path.is_file())
    return files


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files and URLs as given, and the files under folders and fsspec prefixes, in a stable order."""
    for path in paths:
        yield from list_files(str(path))
