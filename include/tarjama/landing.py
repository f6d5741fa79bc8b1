"""The landing zone and the quarantine, as folders.

Landing layout: one folder per publication day, `<landing>/YYYY-MM-DD/<any name>`.
A scheduled run owns the days in its data interval [start, end).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pendulum

from tarjama.models import Quarantined


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
    """Files as given, and the files inside folders, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        else:
            yield str(path)


def read_original(path: str) -> bytes:
    """The bytes as received, for the quarantine; empty when the file itself cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def quarantine(quarantine_dir: Path, item: Quarantined, run_id: str) -> Path:
    """Keep the original bytes beside a JSON file that says why; returns the bytes' path."""
    folder = quarantine_dir / re.sub(r"[^\w.+-]", "_", run_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(item.path).name
    target.write_bytes(item.raw)
    reason = {
        "path": item.path,
        "reason": item.reason,
        "run_id": run_id,
        "quarantined_at": pendulum.now("UTC").to_iso8601_string(),
    }
    target.with_name(target.name + ".reason.json").write_text(json.dumps(reason, ensure_ascii=False, indent=2))
    return target
