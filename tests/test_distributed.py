"""The production path, for real: Airflow with the CeleryExecutor over Postgres and Redis, the
scheduler, the dag-processor, the api-server and two Celery workers of concurrency 1
(tarjama_dev.airflow_celery), backfilling generated days of articles into the real Elasticsearch
node. Tasks run on both workers; a worker killed in the middle of a batch loses nothing and
duplicates nothing."""

import os
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import REPO

from tarjama_dev.airflow_celery import CeleryAirflow, ServiceMissing, etl_environment
from tarjama_dev.landing_zone import write_landing_zone

pytestmark = [pytest.mark.distributed, pytest.mark.airflow, pytest.mark.elasticsearch, pytest.mark.slow]

DAG = "news_translate_index"
WORKERS = ["worker-a", "worker-b"]
DAYS = ["2023-01-01", "2023-01-02", "2023-01-03", "2023-01-04", "2023-01-05"]
PER_DAY, BATCH_FILES = 10, 5  # two mapped `process` tasks a day


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    """Five days of ten generated articles (the bench's mix: one broken file, articles repeated across days)."""
    root = tmp_path_factory.mktemp("landing")
    assert write_landing_zone(root, len(DAYS) * PER_DAY, PER_DAY) == (DAYS[0], DAYS[-1])
    return root


def expected(landing, days):
    """The ids the index must hold after these days, and the files the quarantine must hold."""
    from tarjama.documents import article_id
    from tarjama.models import ParsedArticle
    from tarjama.parsers import read_articles

    ids, broken = set(), set()
    for day in days:
        for path in sorted((landing / day).iterdir()):
            for item in read_articles(str(path)):
                if isinstance(item, ParsedArticle):
                    ids.add(article_id(item))
                else:
                    broken.add(str(path))
    return ids, broken


@pytest.fixture(scope="module")
def cluster(landing, elasticsearch_url, tmp_path_factory):
    from tarjama import es_index
    from tarjama.settings import Settings

    root = tmp_path_factory.mktemp("distributed")
    alias = f"tarjama-dist-{uuid.uuid4().hex[:8]}"
    env = etl_environment(root, landing, elasticsearch_url, alias, TARJAMA_BATCH_FILES=str(BATCH_FILES))
    airflow = CeleryAirflow(
        root / "airflow",
        env,
        REPO / "dags",
        workers=WORKERS,
        pools={"translation": 2, "elasticsearch": 2},
        heartbeat_timeout_s=30,  # a killed worker's task counts as failed after 30 s, not Airflow's 300
    )
    client = es_index.connect(elasticsearch_url)
    try:
        with airflow:
            yield airflow, Settings.from_env(env), client
    except ServiceMissing as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    finally:
        client.indices.delete(index=f"{alias}-*", ignore_unavailable=True, allow_no_indices=True)
        missing_ok = client.options(ignore_status=404)
        missing_ok.indices.delete_index_template(name=alias)
        for part in ("settings", "mappings"):
            missing_ok.cluster.delete_component_template(name=f"{alias}-{part}")
        client.close()


def indexed_ids(client, alias) -> Counter:
    """Every document under the alias, counted by id: a count above 1 is a duplicate."""
    client.indices.refresh(index=alias)
    hits = client.search(index=alias, size=1000, source=False)["hits"]["hits"]
    return Counter(hit["_id"] for hit in hits)


def quarantined(settings) -> Counter:
    from tarjama.quarantine import list_records

    return Counter(record.path for record in list_records(settings.quarantine_dir))


def test_a_backfill_runs_on_both_workers_and_indexes_every_article_once(cluster, landing):
    airflow, settings, client = cluster
    runs = airflow.backfill(DAG, DAYS[0], DAYS[2], timeout=600)
    assert [state for _, state in runs] == ["success"] * 3, runs

    assert airflow.hostnames(DAG, "process") == set(WORKERS)
    ids, broken = expected(landing, DAYS[:3])
    assert indexed_ids(client, settings.index_alias) == Counter(ids)
    assert client.count(index=settings.index_alias)["count"] == len(ids) == 28  # 30 files, 1 broken, 1 repeated
    assert quarantined(settings) == Counter(broken) and len(broken) == 1


def test_a_worker_killed_in_the_middle_of_a_batch_loses_and_duplicates_nothing(cluster, landing):
    from tarjama.runner import stage_path

    airflow, settings, client = cluster
    with ThreadPoolExecutor(1) as background:
        backfill = background.submit(airflow.backfill, DAG, DAYS[3], DAYS[4], timeout=600)
        run_id, map_index = batch_in_progress_on(airflow, settings, "worker-a", stage_path, backfill)
        airflow.kill_worker("worker-a")
        airflow.start_worker("worker-a")  # as a supervisor (systemd, compose) would restart it
        runs = backfill.result()
    assert [state for _, state in runs] == ["success"] * 5, runs

    tries = airflow.query(
        "select try_number, hostname, state from task_instance_history"
        " where dag_id = ? and task_id = 'process' and run_id = ? and map_index = ? order by try_number",
        DAG,
        run_id,
        map_index,
    )
    assert tries[0][1:] == ("worker-a", "failed"), tries  # the killed try, failed by its missed heartbeats
    [(state, try_number, hostname)] = airflow.query(
        "select state, try_number, hostname from task_instance"
        " where dag_id = ? and task_id = 'process' and run_id = ? and map_index = ?",
        DAG,
        run_id,
        map_index,
    )
    assert state == "success" and try_number >= 2 and hostname in WORKERS

    ids, broken = expected(landing, DAYS)
    assert indexed_ids(client, settings.index_alias) == Counter(ids)
    assert client.count(index=settings.index_alias)["count"] == len(ids)
    assert quarantined(settings) == Counter(broken)


def batch_in_progress_on(airflow, settings, worker, stage_path, backfill, timeout=300) -> tuple[str, int]:
    """A `process` task running on `worker` that has begun writing its batch (its `.partial` staging file)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not backfill.done():
        running = airflow.query(
            "select run_id, map_index from task_instance"
            " where dag_id = ? and task_id = 'process' and state = 'running' and hostname = ?",
            DAG,
            worker,
        )
        for run_id, map_index in running:
            stage = stage_path(settings, run_id, map_index)
            if stage.with_name(stage.name + ".partial").exists():
                return run_id, map_index
        time.sleep(0.2)
    backfill.result()  # its error, if it failed
    raise AssertionError(f"no batch was caught in progress on {worker}")
