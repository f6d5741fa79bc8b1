"""Progress of long jobs: a tqdm bar with counts, rate and time left when stderr is a terminal,
and a log line every `every` items (with the same figures) when it is not, as in an Airflow
task's log."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("tarjama.progress")


class Progress:
    def __init__(self, label: str, total: int = 0, unit: str = "articles", every: int = 25, stream=None):
        self.label, self.total, self.unit, self.every = label, total, unit, every
        self.started = time.monotonic()
        self.done = 0
        stream = stream or sys.stderr
        self._bar = None
        if stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total or None, desc=label, unit=f" {unit}", file=stream, dynamic_ncols=True)

    def seconds(self) -> float:
        return round(time.monotonic() - self.started, 1)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(count)
        elif self.done % self.every < count:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            left = f", about {(self.total - self.done) / rate:.0f} s left" if self.total > self.done else ""
            of = f"/{self.total}" if self.total else ""
            log.info("%s %d%s %s (%.2f/s%s)", self.label, self.done, of, self.unit, rate, left)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
