"""A secured node, as production runs one: security on, TLS on HTTP with certificates made
here (openssl), file-realm users, and the ETL's role exactly as deploy/tarjama-etl-role.json
writes it. The ETL does its whole job with that role, as a user and with an API key limited
to it (as deploy/es-setup.sh makes one), and is refused everything else; a wrong CA fails.
The node is this module's own (tests/es_nodes.py), on a free port."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES
from elasticsearch import ApiError, AuthenticationException, AuthorizationException
from elasticsearch import ConnectionError as TransportError
from es_nodes import Node, Nodes, make_certificates

from tarjama import es_index
from tarjama.reprocess import reprocess_outdated
from tarjama.runner import process_and_index
from tarjama.search import search
from tarjama.settings import Settings

pytestmark = [pytest.mark.secured, pytest.mark.slow]

ROLE = json.loads((REPO / "deploy" / "tarjama-etl-role.json").read_text())
ALIAS = "news-articles"  # the index the role names


@dataclass
class Secured:
    node: Node
    ca: Path
    wrong_ca: Path
    admin: tuple[str, str]
    etl: tuple[str, str]

    def client(self, user: tuple[str, str] | None = None, ca: Path | None = None, api_key: str | None = None):
        endpoint = es_index.Endpoint(
            self.node.url,
            api_key=api_key,
            username=user[0] if user else None,
            password=user[1] if user else None,
            ca_certs=str(ca or self.ca),
        )
        return es_index.connect(endpoint)


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    nodes = Nodes("tarjama-es-secured-")
    try:
        node = nodes.node(
            "secured",
            {
                "discovery.type": "single-node",
                "xpack.security.enabled": True,
                "xpack.security.http.ssl.enabled": True,
                "xpack.security.http.ssl.key": "certs/ca-node.key",
                "xpack.security.http.ssl.certificate": "certs/ca-node.crt",
                "xpack.security.http.ssl.certificate_authorities": ["certs/ca.crt"],
                "xpack.security.transport.ssl.enabled": False,  # one node: no transport to protect
            },
            scheme="https",
        )
        node.configure()
        certificates = make_certificates(node.config / "certs")
        wrong = make_certificates(tmp_path_factory.mktemp("wrong-ca"), "other-ca")
        (node.config / "roles.yml").write_text(json.dumps({"tarjama_etl": ROLE}, indent=2))  # JSON is YAML
        admin, etl = ("admin", secrets.token_urlsafe(12)), ("tarjama-etl", secrets.token_urlsafe(12))
        node.tool("elasticsearch-users", "useradd", admin[0], "-p", admin[1], "-r", "superuser")
        node.tool("elasticsearch-users", "useradd", etl[0], "-p", etl[1], "-r", "tarjama_etl")
        nodes.start()
        secured = Secured(node, certificates["ca"], wrong["ca"], admin, etl)
        with secured.client(admin) as client:
            client.cluster.health(wait_for_status="yellow", timeout="60s")
            client.indices.create(index="other-index")  # someone else's, which the ETL must not touch
            client.index(index="other-index", id="1", document={"owner": "someone else"}, refresh=True)
        yield secured
    finally:
        nodes.close()


def es_setup_api_key_request() -> dict:
    """The body that deploy/es-setup.sh posts to _security/api_key, rendered by bash as it
    renders it, with the role file read from deploy/."""
    script = (REPO / "deploy" / "es-setup.sh").read_text()
    body = re.search(r"<<KEY \|\n(.*?)\nKEY\n", script, re.S).group(1)
    body = body.replace("/usr/share/tarjama/", f"{REPO / 'deploy'}/")
    return json.loads(subprocess.run(["bash", "-c", f"cat <<KEY\n{body}\nKEY"], capture_output=True, text=True).stdout)


@pytest.fixture(scope="module")
def api_key(secured) -> str:
    """An API key limited to the ETL's role, made by the administrator with the request
    deploy/es-setup.sh sends. The .security index that holds API keys needs analysis-common's
    pattern_capture, unique and uax_url_email, which the project's analysis plugin supplies here."""
    request = es_setup_api_key_request()
    assert request["role_descriptors"]["tarjama_etl"]["indices"] == ROLE["indices"]
    with secured.client(secured.admin) as admin:
        made = admin.security.create_api_key(**request)
        assert admin.security.get_api_key(name="tarjama-etl")["api_keys"][0]["id"] == made["id"]  # in .security
    return made["encoded"]


@pytest.fixture(params=["user", "api key"])
def credentials(request, secured) -> dict[str, str]:
    """The ETL's environment: its user in the URL, or its API key; the node's CA either way."""
    url = f"https://127.0.0.1:{secured.node.http_port}"
    if request.param == "user":
        return {"ELASTICSEARCH_URL": url.replace("://", f"://{secured.etl[0]}:{secured.etl[1]}@")}
    return {"ELASTICSEARCH_URL": url, "ELASTICSEARCH_API_KEY": request.getfixturevalue("api_key")}


def etl_settings(tmp_path, secured, environment: dict[str, str]) -> Settings:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ELASTICSEARCH_")}
    env.update(
        TARJAMA_LANDING_DIR=str(tmp_path / "landing"),
        TARJAMA_QUARANTINE_DIR=str(tmp_path / "quarantine"),
        TARJAMA_STAGING_DIR=str(tmp_path / "staging"),
        TARJAMA_INDEX_ALIAS=ALIAS,
        ELASTICSEARCH_CA_CERTS=str(secured.ca),
    )
    return Settings.from_env({**env, **environment})


@pytest.fixture
def clean(secured):
    """Each test starts with none of the ETL's indices or templates (the other index stays)."""
    yield
    with secured.client(secured.admin) as admin:
        mine = list(admin.indices.get(index=f"{ALIAS}-*", allow_no_indices=True))
        if mine:  # by name: a secured cluster refuses wildcard deletes (action.destructive_requires_name)
            admin.indices.delete(index=mine)
        admin.indices.delete_index_template(name=ALIAS, ignore=[404])
        admin.indices.delete_index_template(name=es_index.MEMORY_TEMPLATE, ignore=[404])
        for part in ("settings", "mappings"):
            admin.cluster.delete_component_template(name=f"{ALIAS}-{part}", ignore=[404])


def test_the_etl_does_its_whole_job_with_exactly_its_role(secured, credentials, clean, tmp_path, caplog):
    settings = etl_settings(tmp_path, secured, credentials)
    client = es_index.connect(settings.elasticsearch)
    assert settings.elasticsearch.url.startswith("https://") and settings.elasticsearch.verify_certs
    paths = sorted(str(path) for path in SAMPLES.iterdir())

    with caplog.at_level(logging.WARNING):
        first = process_and_index(paths, settings, client, run_id="secured-1")
    assert (first["indexed"], first["quarantined"], first["failed"]) == (len(paths), 0, 0), first
    assert first["translated"] >= 1 and first["sentences_translated"] >= 1, first
    assert "translation memory is off" not in caplog.text  # its index was created and written
    with secured.client(secured.admin) as admin:
        memories = admin.indices.get(index=f"{ALIAS}-translation-memory-*")
        [memory] = memories
        admin.indices.refresh(index=memory)
        assert admin.count(index=memory)["count"] == first["sentences_translated"]

    again = process_and_index(paths, settings, client, run_id="secured-2")  # looked up by id: nothing to do
    assert (again["unchanged"], again["indexed"]) == (len(paths), 0), again

    found = search(client, ALIAS, "Cairo")
    assert found["total"] >= 1
    assert reprocess_outdated(client, settings, run_id="secured-3")["reprocessed"] == 0

    moved = es_index.migrate(client, ALIAS)  # a new index version, the alias swapped
    assert (moved["from"], moved["to"], moved["documents"]) == (f"{ALIAS}-v1", f"{ALIAS}-v2", len(paths))
    client.indices.delete(index=moved["from"])  # its own old index: allowed
    assert es_index.count(client, ALIAS) == len(paths)
    assert "translation memory is off" not in caplog.text
    client.close()


def _refused(call, *args, **kwargs) -> int:
    with pytest.raises(ApiError) as refused:
        call(*args, **kwargs)
    return refused.value.meta.status


def test_everything_else_is_refused(secured, credentials, clean, tmp_path):
    settings = etl_settings(tmp_path, secured, credentials)
    client = es_index.connect(settings.elasticsearch)
    es_index.ensure_index(client, ALIAS)  # its own: allowed
    assert client.indices.exists_alias(name=ALIAS)

    assert _refused(client.indices.create, index="another-index") == 403
    assert _refused(client.index, index="other-index", id="2", document={"owner": "tarjama"}) == 403
    assert _refused(client.search, index="other-index") == 403
    assert _refused(client.indices.delete, index="other-index") == 403
    assert _refused(client.cluster.put_settings, persistent={"cluster.routing.allocation.enable": "none"}) == 403
    assert _refused(client.security.create_api_key, name="more") == 403
    assert _refused(client.security.put_user, username="intruder", password="secret-123", roles=["superuser"]) == 403
    assert _refused(client.indices.put_settings, index="other-index", settings={"index.blocks.write": True}) == 403
    client.close()
    with secured.client(secured.admin) as admin:  # the other index is as it was
        assert admin.get(index="other-index", id="1")["_source"] == {"owner": "someone else"}
        assert admin.cluster.get_settings()["persistent"] == {}


def test_a_wrong_password_or_none_is_refused(secured):
    with secured.client(), pytest.raises(AuthenticationException):
        secured.client().indices.exists_alias(name=ALIAS)
    with pytest.raises(AuthenticationException):
        secured.client((secured.etl[0], "not-the-password")).indices.exists_alias(name=ALIAS)
    with pytest.raises(AuthorizationException):  # a user who exists, on an index it may not see
        secured.client(secured.etl).indices.get(index="other-index")


@pytest.mark.parametrize("ca", ["wrong", "system"])
def test_a_wrong_ca_fails(secured, tmp_path, ca):
    """Another CA, or none (the system's CAs, which never signed the node's certificate)."""
    user, password = secured.etl
    environment = {
        "ELASTICSEARCH_URL": f"https://{user}:{password}@127.0.0.1:{secured.node.http_port}",
        "ELASTICSEARCH_CA_CERTS": str(secured.wrong_ca) if ca == "wrong" else "",
    }
    settings = etl_settings(tmp_path, secured, environment)
    assert settings.elasticsearch.ca_certs == (str(secured.wrong_ca) if ca == "wrong" else None)
    with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
        es_index.connect(settings.elasticsearch).indices.exists_alias(name=ALIAS)
