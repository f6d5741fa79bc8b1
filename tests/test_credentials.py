"""Credentials and TLS on the wire: an API key or basic auth from the Airflow connection, the
server's certificate verified by default (against the connection's CA), and a disabled
verification never silent. A local https server stands in for a secured node, to see what
the client sends; tests/test_es_secured.py runs the ETL against a real one (security, TLS,
its role, its API key)."""

import base64
import http.server
import json
import logging
import ssl
import subprocess
import threading

import pytest
from airflow.sdk import Connection
from elasticsearch import ConnectionError as TransportError

from tarjama import es_index


class _SecuredNode(http.server.BaseHTTPRequestHandler):
    seen: list[dict] = []

    def _answer(self):
        self.seen.append({name.lower(): value for name, value in self.headers.items()})
        body = json.dumps({}).encode()
        self.send_response(200)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def secured_node(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "ca.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SecuredNode)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], str(cert)
    server.shutdown()


def _connection(port, **fields):
    extra = fields.pop("extra", {})
    return Connection(
        conn_id="es", conn_type="elasticsearch", host="127.0.0.1", port=port, extra=json.dumps(extra), **fields
    )


def test_api_key_over_verified_tls(secured_node, caplog):
    port, ca = secured_node
    endpoint = es_index.endpoint_from_connection(
        _connection(port, extra={"scheme": "https", "api_key": "k3y", "ca_certs": ca})
    )
    assert (endpoint.url, endpoint.auth, endpoint.verify_certs) == (f"https://127.0.0.1:{port}", "api key", True)
    assert "k3y" not in repr(endpoint)
    with caplog.at_level(logging.INFO, logger="tarjama.es_index"):
        assert es_index.connect(endpoint).indices.exists_alias(name="news-articles")
    assert _SecuredNode.seen[-1]["authorization"] == "ApiKey k3y"
    assert f"(auth: api key; TLS: verified against {ca})" in caplog.text


def test_basic_auth_from_the_connection(secured_node):
    port, ca = secured_node
    connection = _connection(port, login="etl", password="pa55", extra={"scheme": "https", "ca_certs": ca})
    es_index.connect(es_index.endpoint_from_connection(connection)).indices.exists_alias(name="news-articles")
    assert _SecuredNode.seen[-1]["authorization"] == "Basic " + base64.b64encode(b"etl:pa55").decode()


def test_tls_is_verified_by_default(secured_node):
    port, _ = secured_node
    endpoint = es_index.endpoint_from_connection(_connection(port, extra={"scheme": "https", "api_key": "k3y"}))
    with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):  # a self-signed node, no CA given
        es_index.connect(endpoint).indices.exists_alias(name="news-articles")


def test_turning_verification_off_is_never_silent(secured_node, caplog):
    port, _ = secured_node
    connection = _connection(port, extra={"scheme": "https", "verify_certs": "false"})
    with caplog.at_level(logging.WARNING, logger="tarjama.es_index"):
        es_index.connect(es_index.endpoint_from_connection(connection)).indices.exists_alias(name="news-articles")
    assert "TLS certificate verification is off for https://127.0.0.1" in caplog.text


def test_cli_credentials_from_the_environment():
    from tarjama.settings import Settings

    endpoint = Settings.from_env(
        {"ELASTICSEARCH_URL": "https://etl:pa55@es.example:9243", "ELASTICSEARCH_CA_CERTS": "/ca.pem"}
    ).elasticsearch
    assert (endpoint.url, endpoint.username, endpoint.password, endpoint.ca_certs) == (
        "https://es.example:9243", "etl", "pa55", "/ca.pem"
    )  # fmt: skip
    assert Settings.from_env({"ELASTICSEARCH_API_KEY": "k3y"}).elasticsearch.auth == "api key"


def test_api_key_from_a_file_as_compose_writes_it(secured_node, tmp_path):
    port, ca = secured_node
    key_file = tmp_path / "tarjama-etl.api_key"
    key_file.write_text("ZmlsZWtleQ==\n")
    extra = {"scheme": "https", "ca_certs": ca, "api_key_file": str(key_file)}
    es_index.connect(es_index.endpoint_from_connection(_connection(port, extra=extra))).indices.exists_alias(name="x")
    assert _SecuredNode.seen[-1]["authorization"] == "ApiKey ZmlsZWtleQ=="
    from tarjama.errors import JobFailed

    with pytest.raises(JobFailed, match="cannot read the Elasticsearch API key file /nowhere/key"):
        es_index.endpoint_from_connection(_connection(port, extra={"api_key_file": "/nowhere/key"}))
