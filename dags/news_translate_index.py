"""
### news_translate_index

Each daily run takes the landing-zone folders of the days in its data interval
(`<landing>/YYYY-MM-DD/`), parses, detects the language, translates Arabic to English
offline (Argos Translate), extracts names and dates, and indexes bilingual documents into
Elasticsearch under a deterministic id: re-running an interval changes nothing.

Articles that cannot be processed go to the quarantine folder with their original bytes
and a `.reason.json`; they never stop the batch. The Elasticsearch connection is the Airflow
connection `elasticsearch_default` (`AIRFLOW_CONN_ELASTICSEARCH_DEFAULT`).
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task

ELASTICSEARCH_CONN_ID = "elasticsearch_default"


@dag(
    dag_id="news_translate_index",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=2,
    doc_md=__doc__,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    },
    params={
        "landing_dir": Param(None, type=["null", "string"], description="Overrides TARJAMA_LANDING_DIR"),
    },
    tags=["tarjama"],
)
def news_translate_index():
    @task
    def list_batches() -> list[list[str]]:
        """Paths only, in batches: article bodies never travel through XCom."""
        from pathlib import Path

        from tarjama.landing import days_in_interval, partition_files
        from tarjama.settings import Settings

        context = get_current_context()
        settings = Settings.from_env()
        landing_dir = Path(context["params"]["landing_dir"] or settings.landing_dir)
        days = days_in_interval(context["data_interval_start"].date(), context["data_interval_end"].date())
        files = partition_files(landing_dir, days)
        print(f"{len(files)} files in {landing_dir} for {days[0]}..{days[-1]}")
        size = settings.batch_files
        return [files[i : i + size] for i in range(0, len(files), size)]

    # One batch at a time: translation already uses every core it is given (TARJAMA_TRANSLATION_THREADS).
    @task(max_active_tis_per_dag=1)
    def process_and_index(paths: list[str]) -> dict:
        from airflow.providers.elasticsearch.hooks.elasticsearch import ElasticsearchSQLHook

        from tarjama.runner import process_and_index as run
        from tarjama.settings import Settings

        client = ElasticsearchSQLHook(elasticsearch_conn_id=ELASTICSEARCH_CONN_ID).get_conn().es
        return run(paths, Settings.from_env(), client, run_id=get_current_context()["run_id"])

    @task(trigger_rule="none_failed")
    def report(summaries: list[dict]) -> dict:
        from tarjama.runner import COUNTS

        totals = {key: sum(summary[key] for summary in summaries) for key in COUNTS}
        print(f"run totals: {totals}")
        return totals

    report(process_and_index.expand(paths=list_batches()))


news_translate_index()
