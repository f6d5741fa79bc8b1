"""A real, throwaway distributed Airflow: Postgres (metadata and Celery results) and Redis (Celery
broker) as plain processes on free loopback ports, the scheduler, the dag-processor, the
api-server, and Celery workers of concurrency 1, each with its own host name; all under one
folder, all stopped on exit. For tests/test_distributed.py and bench/scale.py.

    with CeleryAirflow(home, env, dags_folder, workers=["worker-a", "worker-b"]) as airflow:
        airflow.backfill("news_translate_index", "2024-11-28", "2024-11-30")
        airflow.kill_worker("worker-a")   # SIGKILL, the worker and every process it started
        airflow.start_worker("worker-a")

Postgres and Redis come from Debian (`apt-get install postgresql redis-server`, which
scripts/setup does as root). Postgres refuses to run as root: as root it runs as `postgres`.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path

from tarjama_dev.airflow_standalone import BIN, StandaloneAirflow, _free_port


def etl_environment(root: Path, landing: Path, elasticsearch_url: str, alias: str, **extra: str) -> dict[str, str]:
    """The environment the DAGs run in: the node as Airflow's connection, the landing zone,
    quarantine and staging under `root`, the index alias, one engine thread per worker."""
    from urllib.parse import urlsplit

    url = urlsplit(elasticsearch_url)
    return {
        **os.environ,
        "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": f"elasticsearch://{url.hostname}:{url.port}/{url.scheme}",
        "TARJAMA_LANDING_DIR": str(landing),
        "TARJAMA_QUARANTINE_DIR": str(root / "quarantine"),
        "TARJAMA_STAGING_DIR": str(root / "staging"),
        "TARJAMA_INDEX_ALIAS": alias,
        "TARJAMA_TRANSLATION_INTER_THREADS": "1",
        **extra,
    }


class ServiceMissing(RuntimeError):
    pass


def worker_hostname() -> str:
    """[core] hostname_callable of the workers: the name a task instance records as its host."""
    return os.environ["TARJAMA_WORKER_HOSTNAME"]


def _postgres_bin(name: str) -> str:
    """Debian puts the server's programs in /usr/lib/postgresql/<major>/bin, off the PATH."""
    found = shutil.which(name) or max(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), default=None, key=_major)
    if not found:
        raise ServiceMissing(f"no {name}: scripts/setup installs PostgreSQL (as root: apt-get install postgresql)")
    return found


def _major(path: str) -> int:
    return int(Path(path).parents[1].name)


class Postgres:
    """A Postgres server on a free loopback port, trusting local connections, with a database `airflow`."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/airflow"
        self.folder: Path | None = None

    def _run(self, *args: str) -> None:
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_user, *args], check=True, capture_output=True, text=True, timeout=120)

    def __enter__(self) -> Postgres:
        programs = {name: _postgres_bin(name) for name in ("initdb", "pg_ctl")}
        # Its own folder outside any 700 folder of root's (a pytest tmp_path is one), owned by its user.
        self.folder = Path(tempfile.mkdtemp(prefix="tarjama-postgres-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        self._run(programs["initdb"], "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        # Throwaway data: no fsync. Every Airflow process and Celery worker holds a few connections.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"
        log = str(self.folder / "server.log")
        self._run(programs["pg_ctl"], "-D", str(data), "-o", options, "-l", log, "-w", "start")
        psql = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        self._run(*psql, "-qc", "create database airflow")
        return self

    def __exit__(self, *exc) -> None:
        if self.folder:
            data = self.folder / "data"
            if (data / "postmaster.pid").exists():
                self._run(_postgres_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
            shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    """A Redis server on a free loopback port, nothing persisted."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Redis:
        server = shutil.which("redis-server")
        if not server:
            raise ServiceMissing("no redis-server: scripts/setup installs it (as root: apt-get install redis-server)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
        )  # fmt: skip
        _wait_for(lambda: _answers("127.0.0.1", self.port), 30, "redis-server")
        return self

    def __exit__(self, *exc) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)


class CeleryAirflow(StandaloneAirflow):
    """The CeleryExecutor over Postgres and Redis; `backfill`, `runs` and `query` as StandaloneAirflow's."""

    def __init__(
        self,
        home: Path,
        env: dict[str, str],
        dags_folder: Path,
        workers: list[str],
        pools: dict[str, int],
        heartbeat_timeout_s: int = 300,
    ):
        super().__init__(home, env, dags_folder)
        self.worker_names = list(workers)
        self.pools = pools
        self.postgres = Postgres()
        self.redis = Redis(home / "redis")
        self.processes: dict[str, subprocess.Popen] = {}
        self.log_starts: dict[str, int] = {}  # where each process's latest start begins in its log
        self.env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": self.postgres.url,
                "AIRFLOW__CELERY__BROKER_URL": self.redis.url,
                # Celery's own database backend, through SQLAlchemy: the db+ form of the same URL.
                "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{self.postgres.url}",
                # Airflow's default, said aloud: a task unfinished after a day is delivered again.
                "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "86400",
                "AIRFLOW__API__HOST": "127.0.0.1",
                "AIRFLOW__API__WORKERS": "1",
                # Every service signs and checks the tasks' tokens with this one secret.
                "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
                # How long a task instance may go without a heartbeat before it counts as failed
                # (a killed worker's task); Airflow's default is 300 s.
                "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": str(heartbeat_timeout_s),
                "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            }
        )

    def __enter__(self) -> CeleryAirflow:
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self.postgres.__enter__()
            self.redis.__enter__()
            self.airflow("db", "migrate")
            self._start("scheduler", "scheduler")
            self._start("dag-processor", "dag-processor")  # parses the DAGs; `backfill` waits for them
            self._start("api-server", "api-server")
            for name in self.worker_names:
                self.start_worker(name, wait=False)
            pools = self.home / "pools.json"
            pools.write_text(json.dumps({name: {"slots": n, "description": ""} for name, n in self.pools.items()}))
            self.airflow("pools", "import", str(pools))
            api = f"http://127.0.0.1:{self.env['AIRFLOW__API__PORT']}/api/v2/monitor/health"
            _wait_for(lambda: _http_ok(api), 180, f"the api-server ({self.home / 'api-server.log'})")
            for name in self.worker_names:
                self._wait_worker_ready(name)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._stop(*reversed(self.processes))
        self.redis.__exit__()
        self.postgres.__exit__()

    def backfill(self, dag_id: str, first: str, last: str, reprocess: str = "none", timeout: float = 600) -> list:
        """StandaloneAirflow's backfill, once the dag-processor has stored the DAG."""
        stored = "select 1 from serialized_dag where dag_id = ?"
        _wait_for(lambda: self.query(stored, dag_id), 180, f"the DAG {dag_id} ({self.home / 'dag-processor.log'})")
        return super().backfill(dag_id, first, last, reprocess, timeout)

    def airflow(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """`airflow ARGS...`; on failure, the error names the command and ends with its output."""
        result = super().airflow(*args, check=False)
        if check and result.returncode:
            raise RuntimeError(f"airflow {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
        return result

    def start_worker(self, name: str, wait: bool = True) -> None:
        """A Celery worker of concurrency 1 whose tasks record `name` as their host name."""
        self._start(
            name,
            "celery", "worker", "--celery-hostname", f"{name}@%h", "--concurrency", "1",
            "--pid", str(self.home / f"{name}.pid"), "--skip-serve-logs", "--without-mingle", "--without-gossip",
            env={
                "TARJAMA_WORKER_HOSTNAME": name,
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tarjama_dev.airflow_celery.worker_hostname",
            },
        )  # fmt: skip
        if wait:
            self._wait_worker_ready(name)

    def stop_worker(self, name: str) -> None:
        self._stop(name)

    def kill_worker(self, name: str) -> None:
        """SIGKILL the worker's process group and every process it started, as if its machine died.

        A task's own process is in a process group of its own (Airflow's supervisor puts it
        there), so killing the worker's group alone would leave it running, orphaned.
        """
        import psutil

        worker = self.processes.pop(name)
        tree = psutil.Process(worker.pid).children(recursive=True)
        os.killpg(worker.pid, signal.SIGKILL)
        for process in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        worker.wait(timeout=30)
        psutil.wait_procs(tree, timeout=30)

    def query(self, sql: str, *params) -> list[tuple]:
        """SQL with `?` placeholders on the metadata database; dates come back as ISO strings, as from SQLite."""
        import psycopg2

        connection = psycopg2.connect(
            host="127.0.0.1", port=self.postgres.port, user="postgres", dbname="airflow", options="-c timezone=UTC"
        )
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(sql.replace("%", "%%").replace("?", "%s"), params)
                rows = cursor.fetchall()
        finally:
            connection.close()
        return [tuple(v.isoformat() if isinstance(v, date | datetime) else v for v in row) for row in rows]

    def hostnames(self, dag_id: str, task_id: str | None = None) -> set[str]:
        """The hosts that ran the DAG's task instances, every try (current and past)."""
        where = "dag_id = ?" + (" and task_id = ?" if task_id else "")
        params = (dag_id, task_id) if task_id else (dag_id,)
        rows = self.query(
            f"select hostname from task_instance where {where} union select hostname from task_instance_history"
            f" where {where}",
            *params,
            *params,
        )
        return {hostname for (hostname,) in rows if hostname}

    def _start(self, name: str, *args: str, env: dict[str, str] | None = None) -> None:
        log = (self.home / f"{name}.log").open("a")
        self.log_starts[name] = log.tell()
        self.processes[name] = subprocess.Popen(
            [str(BIN / "airflow"), *args],
            env={**self.env, **(env or {})},
            cwd=self.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )
        log.close()

    def _stop(self, *names: str) -> None:
        """SIGTERM to each process group at once, then SIGKILL to those still there after 30 s."""
        stopping = [self.processes.pop(name) for name in names if name in self.processes]
        stopping = [process for process in stopping if process.poll() is None]
        for process in stopping:
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for process in stopping:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def _wait_worker_ready(self, name: str) -> None:
        log = self.home / f"{name}.log"

        def ready() -> bool:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"the Celery worker {name} exited; see {log}")
            with log.open("rb") as lines:
                lines.seek(self.log_starts[name])
                return f"{name}@".encode() in (text := lines.read()) and b" ready." in text

        _wait_for(ready, 180, f"the Celery worker {name} ({log})")


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready in {timeout:.0f} s")
        time.sleep(0.5)


def _answers(host: str, port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
