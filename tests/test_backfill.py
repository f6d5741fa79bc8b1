"""A real backfill: `airflow standalone` (scheduler, LocalExecutor, SQLite) over three daily
partitions, against the real Elasticsearch node; then the same backfill again, reprocessing."""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from conftest import REPO, SAMPLES

from tarjama_dev.airflow_standalone import StandaloneAirflow

pytestmark = [pytest.mark.airflow, pytest.mark.elasticsearch, pytest.mark.slow]


def test_backfill_indexes_every_article_once_and_a_rerun_changes_nothing(
    es_client, settings, elasticsearch_url, tmp_path
):
    landing = tmp_path / "landing"
    for day, names in {
        "2024-11-28": ["macron-cairo-renewable-energy.txt"],
        "2024-11-29": ["guterres-geneva-humanitarian-aid.txt", "liban-electricite.txt"],
        "2024-11-30": ["jordan-world-bank-water.txt"],
        "2024-12-01": ["sudani-riyadh-investment.txt"],  # outside the backfill: never read
    }.items():
        (landing / day).mkdir(parents=True)
        for name in names:
            shutil.copy(SAMPLES / name, landing / day / name)
    (landing / "2024-11-29" / "broken.txt").write_bytes(b"")
    # Filed on the 30th, dated the 1st: the folder picks the run, the article keeps its date.
    late = (SAMPLES / "sudani-riyadh-investment.txt").read_text(encoding="utf-8").replace("2024-11-30", "2024-10-01")
    (landing / "2024-11-30" / "late-filed.txt").write_text(late.replace("الاستثمار", "التجارة", 1), encoding="utf-8")

    url = urlsplit(elasticsearch_url)
    env = {
        **os.environ,
        "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": f"elasticsearch://{url.hostname}:{url.port}/{url.scheme}",
        "TARJAMA_LANDING_DIR": str(landing),
    }
    airflow = StandaloneAirflow(tmp_path / "airflow", env, REPO / "dags")
    alias = settings.index_alias

    def stored():
        hits = es_client.search(index=alias, size=50)["hits"]["hits"]
        return {hit["_id"]: hit["_source"] for hit in hits}

    with airflow:
        runs = airflow.backfill("news_translate_index", "2024-11-28", "2024-11-30")
        assert [state for _, state in runs] == ["success"] * 3, runs
        first = stored()
        assert len(first) == 5
        assert {doc["provenance"]["run_id"].split("__")[0] for doc in first.values()} == {"backfill"}
        late_doc = next(doc for doc in first.values() if doc["path"].endswith("late-filed.txt"))
        assert late_doc["published_at"] == "2024-10-01"
        assert late_doc["provenance"]["run_id"] == "backfill__2024-12-01T00:00:00+00:00"
        assert (settings.quarantine_dir / "backfill__2024-11-30T00_00_00+00_00" / "broken.txt").exists()

        runs = airflow.backfill("news_translate_index", "2024-11-28", "2024-11-30", reprocess="completed")
        assert [state for _, state in runs] == ["success"] * 3, runs
        assert stored() == first  # nothing re-translated, rewritten or duplicated
