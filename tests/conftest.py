"""Shared fixtures. The environment is set before Airflow or Argos is imported: both read it
once, at import time."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "samples" / "seed" / "000_77a5e727e4f8ceaf.txt"
SAMPLES = REPO / "samples" / "landing" / "2024-11-30"
FIXTURES = Path(__file__).parent / "fixtures"
TEST_PACKAGE = REPO / "models" / "translate-ar_en-tarjama_test-1.0.argosmodel"

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="tarjama-tests-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(_SESSION_DIR / "argos-packages")
os.environ["XDG_DATA_HOME"] = str(_SESSION_DIR / "xdg-data")
os.environ["XDG_CACHE_HOME"] = str(_SESSION_DIR / "xdg-cache")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_DIR / "xdg-config")
os.environ["AIRFLOW_HOME"] = str(_SESSION_DIR / "airflow")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(REPO / "plugins")
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_SESSION_DIR / 'airflow' / 'airflow.db'}"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def argos_test_package():
    """The project's own small Argos package, installed the way users install one."""
    from tarjama.translate import install_package

    install_package(TEST_PACKAGE)
    return TEST_PACKAGE


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip(f"the shared seed article is not here ({SEED}); a user's clone has no ../shared")
    return SEED


@pytest.fixture
def settings(tmp_path, monkeypatch):
    from tarjama.settings import Settings

    monkeypatch.setenv("TARJAMA_LANDING_DIR", str(tmp_path / "landing"))
    monkeypatch.setenv("TARJAMA_QUARANTINE_DIR", str(tmp_path / "quarantine"))
    monkeypatch.setenv("TARJAMA_STAGING_DIR", str(tmp_path / "staging"))
    monkeypatch.setenv("TARJAMA_INDEX_ALIAS", f"tarjama-test-{uuid.uuid4().hex[:8]}")
    return Settings.from_env()


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    """The real node that .ci/run (or scripts/elasticsearch-local start) runs."""
    url = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    try:
        urllib.request.urlopen(f"{url}/_cluster/health", timeout=5).read()
    except OSError as error:
        reason = f"no Elasticsearch answers at {url} ({error}); start one with scripts/elasticsearch-local start"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture
def es_client(elasticsearch_url, settings):
    from tarjama import es_index

    client = es_index.connect(elasticsearch_url)
    yield client
    client.indices.delete(index=f"{settings.index_alias}-*", ignore_unavailable=True, allow_no_indices=True)
    client.indices.delete_index_template(name=settings.index_alias, ignore=[404])
    for part in ("settings", "mappings"):
        client.cluster.delete_component_template(name=f"{settings.index_alias}-{part}", ignore=[404])
    client.close()
