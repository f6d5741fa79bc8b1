"""
### news_translate_index

Each run owns its data interval `[data_interval_start, data_interval_end)` and reads the
landing-zone folders of the days in it (`<landing>/YYYY-MM-DD/`). The folder decides which run
reads a file; the article's own date line decides its `published_at`, even when that falls
outside the interval.

`discover` → `process` (mapped over batches: parse, detect, translate, enrich; documents
staged to disk) → `index` (mapped: bulk into Elasticsearch; a retry re-reads the staged
documents and translates nothing again) → `report` (totals in the log and as a small XCom;
updates the `news-articles` asset). Articles already indexed exactly as they would be now are
skipped as unchanged; bad files go to quarantine with their reason and original bytes.

Params for manual runs: `paths` (files or folders) or `from_date`/`to_date` (landing days,
inclusive) instead of the interval's partitions, `landing_dir`, `dry_run` (process and count,
index nothing). Pools: `translation` (CPU-bound
work) and `elasticsearch`. Connection: `elasticsearch_default`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task

from tarjama.dag_support import ELASTICSEARCH_POOL, NEWS_INDEX, TRANSLATION_POOL, elasticsearch_client, schedule


@dag(
    dag_id="news_translate_index",
    schedule=CronDataIntervalTimetable(schedule(), timezone="UTC"),
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=2,  # two days at once keep both cores busy without starving the scheduler
    doc_md=__doc__,
    default_args={
        "retries": 3,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    },
    params={
        "paths": Param([], type="array", description="Files or folders to process instead of the interval"),
        "from_date": Param(None, type=["null", "string"], format="date", description="First landing day (manual runs)"),
        "to_date": Param(None, type=["null", "string"], format="date", description="Last landing day, inclusive"),
        "landing_dir": Param(None, type=["null", "string"], description="Overrides TARJAMA_LANDING_DIR"),
        "dry_run": Param(False, type="boolean", description="Process and count, but index nothing"),
    },
    tags=["tarjama"],
)
def news_translate_index():
    @task
    def discover() -> list[list[str]]:
        """Paths only, in batches: article bodies never travel through XCom."""
        from pathlib import Path

        from tarjama.landing import days_in_interval, expand_paths, partition_files
        from tarjama.settings import Settings

        context = get_current_context()
        settings = Settings.from_env()
        params = context["params"]
        if params["paths"]:
            files = list(expand_paths(params["paths"]))
            print(f"{len(files)} files from the paths param")
        else:
            landing_dir = Path(params["landing_dir"] or settings.landing_dir)
            if params["from_date"]:
                first = pendulum.parse(params["from_date"]).date()
                last = pendulum.parse(params["to_date"] or params["from_date"]).date()
                days = days_in_interval(first, last.add(days=1))
            else:
                days = days_in_interval(context["data_interval_start"].date(), context["data_interval_end"].date())
            files = partition_files(landing_dir, days)
            print(f"{len(files)} files in {landing_dir} for {days[0]}..{days[-1]}")
        size = settings.batch_files
        return [files[i : i + size] for i in range(0, len(files), size)]

    @task(pool=TRANSLATION_POOL)  # how many run at once is the pool's size: docs/operations.md, "Scale"
    def process(paths: list[str]) -> dict:
        from pathlib import Path

        from tarjama.runner import process_to_stage, stage_path
        from tarjama.settings import Settings

        context = get_current_context()
        settings, params = Settings.from_env(), context["params"]
        stage = stage_path(settings, context["run_id"], context["ti"].map_index)
        # Files found in the landing zone must stay in it: no link or `..` out of it is followed.
        landing = None if params["paths"] else Path(params["landing_dir"] or settings.landing_dir)
        counts = process_to_stage(
            paths, settings, elasticsearch_client(), context["run_id"], stage, total=len(paths), confine_to=landing
        )
        return {**counts, "stage": str(stage)}

    @task(pool=ELASTICSEARCH_POOL)
    def index(processed: dict) -> dict:
        from pathlib import Path

        from tarjama.runner import index_stage
        from tarjama.settings import Settings

        context = get_current_context()
        if context["params"]["dry_run"]:
            print(f"dry run: {processed['staged']} documents staged in {processed['stage']}, none indexed")
            return {**processed, "indexed": 0}
        indexed = index_stage(Path(processed["stage"]), Settings.from_env(), elasticsearch_client(), context["run_id"])
        return {**processed, **indexed}

    @task(trigger_rule="none_failed", outlets=[NEWS_INDEX])
    def report(results: list[dict]) -> dict:
        import shutil
        from collections import Counter
        from pathlib import Path

        from tarjama.runner import COUNTS

        results = list(results)  # one pass over the lazy XCom sequence
        totals = {key: sum(result.get(key, 0) for result in results) for key in COUNTS}
        reasons, stages = Counter(), Counter()
        for result in results:
            reasons.update(result.get("quarantined_by_reason", {}))
            stages.update(result.get("stage_seconds", {}))
            stages["index"] += result.get("index_seconds", 0)
        totals["quarantined_by_reason"] = dict(reasons)
        totals["stage_seconds"] = {stage: round(seconds, 2) for stage, seconds in stages.items()}
        totals["peak_rss_mb"] = max((result.get("peak_rss_mb", 0) for result in results), default=0)
        for result in results:
            shutil.rmtree(Path(result["stage"]).parent, ignore_errors=True)
        print(f"run totals: {totals}")
        return totals

    report(index.expand(processed=process.expand(paths=discover())))


news_translate_index()
