"""The real DAG, run by Airflow's own `dag.test` against the real Elasticsearch node."""

import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pendulum
import pytest
from conftest import REPO, SAMPLES

from tarjama import es_index

pytestmark = pytest.mark.airflow

DAG_ID = "news_translate_index"


def airflow(*args):
    return subprocess.run(
        [sys.executable, "-m", "airflow", *args], check=True, capture_output=True, env=os.environ, timeout=300
    )


@pytest.fixture(scope="session")
def airflow_db():
    airflow("db", "migrate")
    airflow("pools", "set", "translation", "1", "CPU-bound translation and enrichment")
    airflow("pools", "set", "elasticsearch", "2", "Elasticsearch bulk writes")


@pytest.fixture(scope="session")
def dagbag(airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_dags_import_cleanly_and_retry(dagbag):
    assert dagbag.import_errors == {}
    dag = dagbag.get_dag(DAG_ID)
    assert dag is not None
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    for task in dag.tasks:
        assert task.retries >= 1, f"{task.task_id} has no retries"


@pytest.mark.elasticsearch
def test_dag_indexes_its_interval_and_a_rerun_changes_nothing(
    dagbag, es_client, settings, elasticsearch_url, seed, tmp_path, monkeypatch
):
    day = tmp_path / "landing" / "2024-11-30"
    shutil.copytree(SAMPLES, day)
    shutil.copy(seed, day / seed.name)
    other_day = tmp_path / "landing" / "2024-11-29"  # outside the interval: must not be read
    other_day.mkdir()
    shutil.copy(SAMPLES / "liban-electricite.txt", other_day / "yesterday.txt")
    (day / "broken.txt").write_bytes(b"")

    url = urlsplit(elasticsearch_url)
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://{url.hostname}:{url.port}/{url.scheme}")
    monkeypatch.setenv("TARJAMA_LANDING_DIR", str(tmp_path / "landing"))
    dag = dagbag.get_dag(DAG_ID)

    # dag.test infers the last complete interval before the logical date: [2024-11-30, 2024-12-01).
    run = dag.test(logical_date=pendulum.datetime(2024, 12, 1, tz="UTC"))
    assert run.state == "success"
    assert es_index.count(es_client, settings.index_alias) == 6
    seed_doc = es_client.search(index=settings.index_alias, query={"term": {"path": str(day / seed.name)}})
    [hit] = seed_doc["hits"]["hits"]
    assert hit["_source"]["provenance"]["run_id"] == run.run_id
    assert hit["_source"]["title_en"]
    assert sorted(p.name for p in (tmp_path / "quarantine").rglob("broken.txt*")) == [
        "broken.txt",
        "broken.txt.reason.json",
    ]

    report = run.get_task_instance("report").xcom_pull(task_ids="report")
    assert report["indexed"] == 6
    assert report["quarantined"] == 1
    assert report["quarantined_by_reason"] == {"empty file": 1}
    assert report["translated"] == 4
    assert not (tmp_path / "staging").exists() or not any((tmp_path / "staging").iterdir())

    rerun = dag.test(logical_date=pendulum.datetime(2024, 12, 1, tz="UTC"))
    assert rerun.state == "success"
    assert es_index.count(es_client, settings.index_alias) == 6
