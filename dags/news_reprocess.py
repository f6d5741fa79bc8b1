"""
### news_reprocess

Redoes, in place, the indexed documents that the installed models or this pipeline version
would now make differently, reading their text from the index rather than the landing zone:
translated by an older version of the installed model (or left untranslated while a package
for their language now exists) → translated and enriched again; made by another pipeline
version or NER model → enriched again, translation kept. Works in batches of 50.

Runs when the `translation-models` asset is updated (emit an asset event after installing a
model) or when triggered by hand. Param `dry_run` only counts.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

from tarjama.dag_support import NEWS_INDEX, TRANSLATION_MODELS, TRANSLATION_POOL, elasticsearch_client


@dag(
    dag_id="news_reprocess",
    schedule=[TRANSLATION_MODELS],
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # two reprocessing runs would redo the same documents
    doc_md=__doc__,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1), "retry_exponential_backoff": True},
    params={"dry_run": Param(False, type="boolean", description="Count what would be redone, change nothing")},
    tags=["tarjama"],
)
def news_reprocess():
    @task(pool=TRANSLATION_POOL, outlets=[NEWS_INDEX])
    def reprocess() -> dict:
        from tarjama.reprocess import reprocess_outdated
        from tarjama.settings import Settings

        context = get_current_context()
        client = elasticsearch_client()
        counts = reprocess_outdated(client, Settings.from_env(), context["run_id"], context["params"]["dry_run"])
        print(f"reprocessing totals: {counts}")
        return counts

    reprocess()


news_reprocess()
