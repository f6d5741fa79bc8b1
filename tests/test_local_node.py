"""scripts/elasticsearch-local as a newcomer meets it (scripts/test and scripts/demo start the
node with it and read its URL from the last line): as root in a home folder of mode 700, with
another program already on port 9200, and a start that fails saying why on the console."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from es_nodes import RUN_AS, SCRIPT, distribution, free_ports, scratch_folder

pytestmark = pytest.mark.slow


@pytest.fixture
def private_home(tmp_path):
    """The script's environment with its cache in a folder of mode 700 (as /root is), the
    distribution already in it (linked from the prepared one: no download)."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    cache = home / "cache"
    cache.mkdir()
    prepared = distribution()
    if subprocess.run(["cp", "-al", str(prepared), str(cache)], capture_output=True).returncode:
        shutil.copytree(prepared, cache / prepared.name, symlinks=True)
    runtime = scratch_folder("tarjama-es-runtime-")
    env = {key: value for key, value in os.environ.items() if key != "TARJAMA_ES_PORT"}
    env.update(TARJAMA_ES_CACHE=str(cache), TARJAMA_ES_RUNTIME=str(runtime / "node-files"), TARJAMA_ES_HEAP="256m")
    yield env
    subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True)  # whatever happened, nothing left running
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def port_9200_taken():
    """Another program on 9200: the suite's own node when it runs there, else a bare listener."""
    with closing(socket.socket()) as probe:
        if probe.connect_ex(("127.0.0.1", 9200)) == 0:
            yield
            return
    with closing(socket.socket()) as listener:
        listener.bind(("127.0.0.1", 9200))
        listener.listen()
        yield


def script(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=300)


def test_a_private_home_and_a_busy_port_9200(private_home, port_9200_taken):
    started = script("start", private_home)
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip().splitlines()[-1]  # as scripts/test and scripts/demo read it
    port = int(url.rsplit(":", 1)[1])
    assert url == f"http://127.0.0.1:{port}" and port != 9200
    assert f"another program already listens on port 9200 (or 9300); using the free port {port}" in started.stderr
    if os.geteuid() == 0:  # the node's user cannot reach a cache under a 700 folder: its files go where it can
        assert f"user {RUN_AS} cannot reach {private_home['TARJAMA_ES_CACHE']}" in started.stderr
        pid = int((Path(private_home["TARJAMA_ES_RUNTIME"]) / f"node-{port}" / "elasticsearch.pid").read_text())
        assert Path(f"/proc/{pid}").stat().st_uid == pwd.getpwnam(RUN_AS).pw_uid
    health = json.load(urllib.request.urlopen(f"{url}/_cluster/health", timeout=10))
    assert health["status"] in ("green", "yellow")

    assert script("status", private_home).stdout.strip() == f"running {url}"
    again = script("start", private_home)  # the same node, found again on the port it took
    assert (again.returncode, again.stdout.strip().splitlines()[-1]) == (0, url)
    assert "already running" in again.stderr

    script("stop", private_home)
    stopped = script("status", private_home)
    assert (stopped.returncode, stopped.stdout.strip()) == (3, "stopped")


def test_a_failed_start_says_why(private_home):
    [port] = free_ports(1)
    failed = script("start", {**private_home, "TARJAMA_ES_PORT": str(port), "TARJAMA_ES_HEAP": "1x"})
    assert failed.returncode == 1
    assert "Invalid initial heap size: -Xms1x" in failed.stderr  # the JVM's own words, from the node's log
    assert "Elasticsearch failed to start (reason above)" in failed.stderr
    assert script("status", {**private_home, "TARJAMA_ES_PORT": str(port)}).returncode == 3


def test_a_chosen_port_that_is_taken_is_refused(private_home):
    with closing(socket.socket()) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        refused = script("start", {**private_home, "TARJAMA_ES_PORT": str(port)})
    assert refused.returncode == 1
    assert f"another program already listens on port {port}" in refused.stderr
