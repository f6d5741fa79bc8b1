"""docker-compose.yml cannot be run here (no Docker engine), so check what can be checked."""

import re
from importlib.metadata import version

import yaml
from conftest import REPO

AIRFLOW_SERVICES = [
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
]


def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def local_es_version():
    return re.search(r"^ES_VERSION=(\S+)$", (REPO / "scripts" / "elasticsearch-local").read_text(), re.M).group(1)


def test_compose_has_the_whole_stack():
    services = compose()["services"]
    assert set(AIRFLOW_SERVICES + ["postgres", "elasticsearch", "kibana"]) <= set(services)


def test_elasticsearch_and_kibana_match_the_tested_version_and_client_major():
    services = compose()["services"]
    tested = local_es_version()
    assert services["elasticsearch"]["image"].endswith(f":{tested}")
    assert services["kibana"]["image"].endswith(f":{tested}")
    assert version("elasticsearch").split(".")[0] == tested.split(".")[0]


def test_airflow_services_share_one_jwt_secret_and_the_es_connection():
    services = compose()["services"]
    secrets = {services[name]["environment"]["AIRFLOW__API_AUTH__JWT_SECRET"] for name in AIRFLOW_SERVICES}
    assert len(secrets) == 1
    for name in AIRFLOW_SERVICES:
        assert services[name]["environment"]["AIRFLOW_CONN_ELASTICSEARCH_DEFAULT"].startswith("elasticsearch://")
