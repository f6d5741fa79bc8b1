"""A real, throwaway Airflow: `airflow standalone` (api-server, scheduler, dag-processor,
triggerer, LocalExecutor) on SQLite in its own AIRFLOW_HOME, for backfill tests and benchmarks.

    with StandaloneAirflow(home, env) as airflow:
        airflow.backfill("news_translate_index", "2024-11-28", "2024-11-30")
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent


class StandaloneAirflow:
    def __init__(self, home: Path, env: dict[str, str], dags_folder: Path):
        self.home = home
        port = _free_port()
        self.env = {
            **env,
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",  # standalone starts `airflow` by name
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        }
        self.process: subprocess.Popen | None = None

    def airflow(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "airflow"), *args], env=self.env, capture_output=True, text=True, timeout=300, check=check
        )

    def __enter__(self) -> StandaloneAirflow:
        self.home.mkdir(parents=True, exist_ok=True)
        self.airflow("db", "migrate")
        self.airflow("pools", "set", "translation", "1", "CPU-bound translation and enrichment")
        self.airflow("pools", "set", "elasticsearch", "2", "Elasticsearch bulk writes")
        self.airflow("dags", "reserialize")
        log = (self.home / "standalone.log").open("w")
        self.process = subprocess.Popen(
            [str(BIN / "airflow"), "standalone"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.home / "airflow.db", timeout=30) as db:
            return db.execute(sql, params).fetchall()

    def backfill(self, dag_id: str, first: str, last: str, reprocess: str = "none", timeout: float = 600) -> list:
        """Backfill the days first..last (inclusive) and wait until each one has run since now.

        SQLite can refuse the request while the scheduler writes ("database is locked"); the
        request is then repeated once the backfill it may have half-created is done.
        """
        self.airflow("dags", "unpause", dag_id)
        started = time.time()
        days = _days(first, last)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._all_ran_since(dag_id, days, started):
                return self.runs(dag_id)
            if not self._active_backfill(dag_id):
                self.airflow(
                    "backfill",
                    "create",
                    "--dag-id",
                    dag_id,
                    "--from-date",
                    first,
                    "--to-date",
                    last,
                    "--reprocess-behavior",
                    reprocess,
                    check=False,
                )
            time.sleep(2)
        raise TimeoutError(f"backfill {first}..{last} of {dag_id} not done in {timeout} s; see {self.home}")

    def runs(self, dag_id: str) -> list[tuple[str, str]]:
        return self.query(
            "select run_id, state from dag_run where dag_id = ? and run_type = 'backfill' order by run_id", dag_id
        )

    def _active_backfill(self, dag_id: str) -> bool:
        return bool(self.query("select 1 from backfill where dag_id = ? and completed_at is null", dag_id))

    def _all_ran_since(self, dag_id: str, days: list[str], since: float) -> bool:
        rows = self.query(
            "select date(logical_date), state, end_date from dag_run where dag_id = ? and run_type = 'backfill'",
            dag_id,
        )
        done = {day for day, state, end in rows if state in ("success", "failed") and end and _epoch(end) >= since}
        return set(days) <= done


def _days(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def _epoch(timestamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(timestamp).replace(tzinfo=UTC).timestamp()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
