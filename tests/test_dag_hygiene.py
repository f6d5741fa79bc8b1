"""What every DAG file must be: quick to parse, light at the top level, documented, retried."""

import ast

import pytest
from conftest import REPO

pytestmark = pytest.mark.airflow

DAG_FILES = sorted((REPO / "dags").glob("*.py"))
LIGHT_TOP_LEVEL_IMPORTS = {"__future__", "datetime", "os", "pendulum", "airflow.sdk", "tarjama.dag_support"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_every_dag_file_imports_cleanly_and_quickly(dagbag):
    assert dagbag.import_errors == {}
    assert {dag_id for dag_id in dagbag.dag_ids} == {"news_translate_index", "news_reprocess"}
    for stat in dagbag.dagbag_stats:
        assert stat.duration.total_seconds() < 2, f"{stat.file} took {stat.duration} to parse"


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_no_heavy_imports_or_io_at_the_top_level(path):
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {node.module}
        else:
            assert not isinstance(node, ast.With), f"{path.name}:{node.lineno} does I/O at parse time"
            continue
        assert names <= LIGHT_TOP_LEVEL_IMPORTS, f"{path.name}:{node.lineno} imports {names} at the top level"


def test_every_dag_has_docs_tags_and_retrying_tasks(dagbag):
    for dag in dagbag.dags.values():
        assert dag.doc_md and dag.tags, dag.dag_id
        for task in dag.tasks:
            assert task.retries >= 1, f"{dag.dag_id}.{task.task_id} has no retries"
            assert task.retry_exponential_backoff, f"{dag.dag_id}.{task.task_id} retries without backoff"


def test_concurrency_is_the_deployments_choice(dagbag):
    """No cap in the DAG: how many batches translate at once is the `translation` pool's size."""
    process = dagbag.dags["news_translate_index"].get_task("process")
    assert process.pool == "translation"
    assert process.max_active_tis_per_dag is None and process.max_active_tis_per_dagrun is None
