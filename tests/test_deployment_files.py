"""docker-compose.yml cannot be run here (no Docker engine), so check what can be checked."""

import json
import re
import subprocess
import sys
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


def env_example() -> dict[str, str]:
    lines = (REPO / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_elasticsearch_and_kibana_match_the_tested_version_and_client_major():
    services = compose()["services"]
    tested = local_es_version()
    assert env_example()["ELASTIC_VERSION"] == tested
    for name in ("elasticsearch", "kibana", "es-setup"):
        assert services[name]["image"].endswith(":${ELASTIC_VERSION:?set in .env}")
    assert version("elasticsearch").split(".")[0] == tested.split(".")[0]


def test_airflow_services_share_one_jwt_secret_and_the_es_connection():
    services = compose()["services"]
    secrets = {services[name]["environment"]["AIRFLOW__API_AUTH__JWT_SECRET"] for name in AIRFLOW_SERVICES}
    assert len(secrets) == 1
    for name in AIRFLOW_SERVICES:
        connection = json.loads(services[name]["environment"]["AIRFLOW_CONN_ELASTICSEARCH_DEFAULT"])
        assert connection["extra"] == {
            "scheme": "https",
            "ca_certs": "/certs/ca/ca.crt",
            "api_key_file": "/certs/tarjama-etl.api_key",
        }


def test_compose_is_valid_against_the_compose_specification():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_variable_file_and_volume_it_names_exists():
    text = (REPO / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    assert used <= set(env_example()), used - set(env_example())
    spec = compose()
    named = set(spec["volumes"])
    for service in spec["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source == "./var":  # the landing zone, staging and quarantine: made at run time, never committed
                assert subprocess.run(["git", "check-ignore", "-q", "var/x"], cwd=REPO).returncode == 0
            else:
                assert (REPO / source).exists() if source.startswith("./") else source in named, volume
        for dependency in service.get("depends_on", {}):
            assert dependency in spec["services"]
    assert (REPO / "Dockerfile").exists() and (REPO / "deploy" / "es-setup.sh").stat().st_mode & 0o111


def test_no_secret_in_the_repository():
    for service in compose()["services"].values():
        for name, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET|ENCRYPTIONKEY", name) and not name.endswith("_FILE"):
                assert str(value).startswith("${") and ":?" in str(value), f"{name} must come from .env"
    assert all(not value for name, value in env_example().items() if re.search(r"PASSWORD|SECRET|KEY", name))
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO).returncode
    assert ignored == 0, ".env must be git-ignored"


def test_the_etl_api_key_has_least_privilege():
    """Checked against the role definition; tests/test_es_secured.py runs it on a secured node."""
    from tarjama.fields import DEFAULT_ALIAS

    role = json.loads((REPO / "deploy" / "tarjama-etl-role.json").read_text())
    assert set(role["cluster"]) <= {"manage_index_templates", "monitor"}
    [indices] = role["indices"]
    assert indices["names"] == [DEFAULT_ALIAS, f"{DEFAULT_ALIAS}-*"]
    assert "all" not in indices["privileges"] and "*" not in str(indices["privileges"])
    setup = (REPO / "deploy" / "es-setup.sh").read_text()
    role_file = "/usr/share/tarjama/tarjama-etl-role.json"  # less its description, which an API key refuses
    assert f'"role_descriptors": {{"tarjama_etl": $(sed \'/"description"/d\' {role_file})}}' in setup
