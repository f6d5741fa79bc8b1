"""Scale-out benchmark:  ELASTICSEARCH_URL=... python bench/scale.py --json

One landing zone (bench/backfill.py's: --articles generated articles over days of --per-day,
with its broken files and repeats), backfilled twice on the CeleryExecutor over Postgres and
Redis (bench/airflow_celery.py): first with one Celery worker, then with two, each of
concurrency 1, each translation engine on one thread (TARJAMA_TRANSLATION_INTER_THREADS=1), the
`translation` pool one slot per worker. Each phase has a fresh Airflow database and its own
index alias, so neither the index nor the translation memory carries over. Translation uses the
installed ar→en package (`translation` in the output says which). Prints one JSON object:

  articles, days, translation, one_worker and two_workers (wall_s, articles_per_min, failed
  runs, indexed, the runs' summed counts and stage seconds, `process` tasks per worker, the
  workers' CPU seconds and the cores that makes over the wall time, load average before and
  after), scale_ratio = two-worker rate ÷ one-worker rate.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from tarjama import es_index
from tarjama.translate import TEST_PACKAGE_MARK, find_package
from tarjama_dev import REPO
from tarjama_dev.airflow_celery import CeleryAirflow, etl_environment
from tarjama_dev.landing_zone import write_landing_zone

DAG = "news_translate_index"
WORKERS = ["worker-a", "worker-b"]


def phase(root: Path, landing: Path, url: str, workers: int, first: str, last: str, articles: int) -> dict:
    alias = f"bench-scale-{uuid.uuid4().hex[:8]}"
    env = etl_environment(root, landing, url, alias)
    pools = {"translation": workers, "elasticsearch": 2}
    client = es_index.connect(url)
    try:
        with CeleryAirflow(root / "airflow", env, REPO / "dags", WORKERS[:workers], pools) as airflow:
            load_before, cpu_before = os.getloadavg(), worker_cpu_seconds(airflow)
            started = time.monotonic()
            runs = airflow.backfill(DAG, first, last, timeout=6 * 3600)
            wall = time.monotonic() - started
            load_after, cpu_used = os.getloadavg(), worker_cpu_seconds(airflow) - cpu_before
            totals, stages = run_totals(airflow)
            by_worker = Counter(
                hostname
                for (hostname,) in airflow.query(
                    "select hostname from task_instance where dag_id = ? and task_id = 'process' and map_index >= 0"
                    " and run_id like 'backfill%'",
                    DAG,
                )
            )
        indexed = es_index.count(client, alias)
    finally:
        client.indices.delete(index=f"{alias}-*", ignore_unavailable=True, allow_no_indices=True)
        missing_ok = client.options(ignore_status=404)
        missing_ok.indices.delete_index_template(name=alias)
        for part in ("settings", "mappings"):
            missing_ok.cluster.delete_component_template(name=f"{alias}-{part}")
        client.close()
    return {
        "workers": workers,
        "wall_s": round(wall, 1),
        "articles_per_min": round(articles / wall * 60),
        "failed_runs": sum(state != "success" for _, state in runs),
        "indexed": indexed,
        "counts": totals,
        "process_tasks_by_worker": dict(sorted(by_worker.items())),
        "stage_seconds": stages,
        "worker_cpu_s": round(cpu_used, 1),
        "worker_cores_used": round(cpu_used / wall, 2),  # what the workers got of the machine's cores
        "load_before": [round(load, 2) for load in load_before],
        "load_after": [round(load, 2) for load in load_after],
    }


def worker_cpu_seconds(airflow: CeleryAirflow) -> float:
    """CPU time of the Celery workers and every process they started (their tasks), so far."""
    import psutil

    seconds = 0.0
    for name in WORKERS:
        if name in airflow.processes:
            worker = psutil.Process(airflow.processes[name].pid)
            for process in [worker, *worker.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    times = process.cpu_times()
                    seconds += times.user + times.system + times.children_user + times.children_system
    return seconds


def run_totals(airflow: CeleryAirflow) -> tuple[dict, dict]:
    """The whole numbers and the stage seconds of the backfill runs' `report` results, summed."""
    totals, stages = Counter(), Counter()
    rows = airflow.query(
        "select value from xcom where dag_id = ? and task_id = 'report' and key = 'return_value'"
        " and run_id like 'backfill%'",
        DAG,
    )
    for (value,) in rows:
        while isinstance(value, str):  # JSON, possibly encoded twice
            value = json.loads(value)
        totals.update({k: v for k, v in value.items() if isinstance(v, int) and k != "peak_rss_mb"})
        stages.update(value.get("stage_seconds", {}))
    return dict(sorted(totals.items())), {stage: round(seconds, 1) for stage, seconds in sorted(stages.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--per-day", type=int, default=250)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args()
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        sys.exit("set ELASTICSEARCH_URL (scripts/elasticsearch-local start prints one)")
    package = find_package("ar", "en")
    if package is None:
        sys.exit("no ar→en translation package is installed: run scripts/setup")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first, last = write_landing_zone(root / "landing", args.articles, args.per_day)
        phases = {}
        for name, workers in (("one_worker", 1), ("two_workers", 2)):
            phases[name] = phase(root / name, root / "landing", url, workers, first, last, args.articles)
            if not args.json:
                print(f"{name}: {phases[name]}", file=sys.stderr)
    result = {
        "articles": args.articles,
        "days": (args.articles - 1) // args.per_day + 1,
        "translation": "test package" if TEST_PACKAGE_MARK in package.package_path.name else "installed package",
        "translation_package": package.package_path.name,
        "cpus": os.cpu_count(),
        **phases,
        # The same articles in both phases: the ratio of the rates is the inverse ratio of the wall times.
        "scale_ratio": round(phases["one_worker"]["wall_s"] / phases["two_workers"]["wall_s"], 2),
    }
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
