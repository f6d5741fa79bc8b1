"""The quarantine store: a folder per run, holding each refused article's original bytes beside
`<name>.reason.json` (path, reason, stage, run id, time, size, SHA-256). Listing reads the
records back; `tarjama quarantine requeue` sends the items through the pipeline again.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import fsspec
import pendulum

from tarjama.errors import JobFailed
from tarjama.models import Quarantined
from tarjama.sources import is_url, is_web

REASON_SUFFIX = ".reason.json"
_ITEM_SUFFIX = {".jsonl": ".json", ".ndjson": ".json", ".json": ".json", ".rss": ".xml", ".atom": ".xml"}


@dataclass(frozen=True)
class QuarantineRecord:
    path: str  # where the article was read from
    reason: str
    stage: str
    run_id: str
    quarantined_at: str
    kept: Path  # the original bytes, as kept here

    @property
    def id(self) -> str:
        return f"{self.kept.parent.name}/{self.kept.name}"


def quarantine(quarantine_dir: Path, item: Quarantined, run_id: str) -> Path:
    """Keep the original bytes and the reason; returns where the bytes are kept."""
    folder = quarantine_dir / _safe(run_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A retried task quarantines the same input again in the same run: its record is replaced.
        target = _kept_in_run(folder, item.path) or _free_name(folder, kept_name(item.path))
        size = _keep_bytes(item, target)
        record = {
            "path": item.path,
            "reason": item.reason,
            "stage": item.stage,
            "run_id": run_id,
            "quarantined_at": pendulum.now("UTC").to_iso8601_string(),
            "size": size,
            "sha256": hashlib.sha256(target.read_bytes()).hexdigest() if size else None,
        }
        target.with_name(target.name + REASON_SUFFIX).write_text(json.dumps(record, ensure_ascii=False, indent=2))
    except OSError as error:
        raise JobFailed(f"cannot write to the quarantine {folder}: {error.strerror or error}") from error
    return target


def list_records(quarantine_dir: Path, run_id: str | None = None) -> Iterator[QuarantineRecord]:
    folders = [quarantine_dir / _safe(run_id)] if run_id else sorted(p for p in quarantine_dir.glob("*") if p.is_dir())
    for folder in folders:
        for reason_file in sorted(folder.glob(f"*{REASON_SUFFIX}")):
            record = json.loads(reason_file.read_text(encoding="utf-8"))
            yield QuarantineRecord(
                path=record["path"],
                reason=record["reason"],
                stage=record.get("stage", "parse"),
                run_id=record.get("run_id", folder.name),
                quarantined_at=record.get("quarantined_at", ""),
                kept=reason_file.with_name(reason_file.name[: -len(REASON_SUFFIX)]),
            )


def release(record: QuarantineRecord) -> None:
    """Remove an item from the quarantine, once it went through."""
    record.kept.unlink(missing_ok=True)
    record.kept.with_name(record.kept.name + REASON_SUFFIX).unlink(missing_ok=True)
    if not any(record.kept.parent.iterdir()):
        record.kept.parent.rmdir()


def kept_name(path: str) -> str:
    """A safe file name for an item: `feed.xml#3` → `feed-3.xml`, `a/../b.txt` → `b.txt`."""
    location, _, item = path.partition("#")
    name = PurePosixPath(location.split("?", 1)[0].rstrip("/")).name or "input"
    name = re.sub(r"[^\w.+-]", "_", name).lstrip(".") or "input"
    if item:
        suffix = PurePosixPath(name).suffix
        name = f"{PurePosixPath(name).stem}-{re.sub(r'[^0-9]', '', item)}{_ITEM_SUFFIX.get(suffix, suffix)}"
    return name


def _keep_bytes(item: Quarantined, target: Path) -> int:
    if item.raw is not None:
        target.write_bytes(item.raw)
        return len(item.raw)
    if is_web(item.path) or Path(item.path).is_symlink():
        target.write_bytes(b"")  # a URL can be fetched again; a link out of the landing zone is not followed
        return 0
    try:
        if is_url(item.path):
            with fsspec.open(item.path, "rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        else:
            shutil.copyfile(item.path, target)
    except (OSError, ValueError):
        target.write_bytes(b"")  # the input itself is unreadable; the reason says why
    return target.stat().st_size


def _kept_in_run(folder: Path, path: str) -> Path | None:
    """Where this run already keeps the input at `path`, if it does."""
    name = PurePosixPath(kept_name(path))
    for reason_file in folder.glob(f"{glob.escape(name.stem)}*{glob.escape(name.suffix)}{REASON_SUFFIX}"):
        if json.loads(reason_file.read_text(encoding="utf-8")).get("path") == path:
            return reason_file.with_name(reason_file.name[: -len(REASON_SUFFIX)])
    return None


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 1
    while target.exists() or target.with_name(target.name + REASON_SUFFIX).exists():
        path = PurePosixPath(name)
        target = folder / f"{path.stem}~{number}{path.suffix}"
        number += 1
    return target


def _safe(run_id: str) -> str:
    return re.sub(r"[^\w.+-]", "_", run_id)
