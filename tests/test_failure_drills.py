"""Failure drills against the real node and real processes: Elasticsearch down, Elasticsearch
gone in the middle of a bulk load, a worker killed with SIGKILL, unwritable staging and
quarantine, missing or broken models. Each ends with nothing lost and nothing twice."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

from tarjama import es_index
from tarjama.errors import JobFailed
from tarjama.models import Quarantined
from tarjama.quarantine import quarantine
from tarjama.runner import index_stage, process_to_stage


class FlakyProxy:
    """A TCP proxy in front of the real node that can refuse connections ("down") or cut them
    after a number of request bytes ("killed in the middle of a bulk load")."""

    def __init__(self, target: str):
        host, port = target.split("//", 1)[1].rstrip("/").split(":")
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.down = False
        self.cut_after: int | None = None
        self.sent = 0
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            if self.down:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, sink, request: bool):
        try:
            while data := source.recv(65536):
                if request:
                    self.sent += len(data)
                    if self.cut_after is not None and self.sent > self.cut_after:
                        self.down = True  # the node dies mid-request, and stays down
                        break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()


def _client(url: str):
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=10, max_retries=1, retry_on_timeout=False)


def _staged_documents(settings, stage: Path, copies: int) -> int:
    """A staging file of `copies` distinct documents, made from the real pipeline's output."""
    process_to_stage([str(SAMPLES / "jordan-world-bank-water.txt")], settings, None, "drill", stage)
    [document] = [json.loads(line) for line in stage.read_text().splitlines()]
    with stage.open("w") as out:
        for n in range(copies):
            out.write(json.dumps({**document, "id": f"drill-{n:05d}", "path": f"drill/{n}.txt"}) + "\n")
    return copies


@pytest.mark.elasticsearch
def test_elasticsearch_down_before_the_index_task(elasticsearch_url, es_client, settings, tmp_path):
    stage = tmp_path / "stage.jsonl"
    process_to_stage([str(p) for p in sorted(SAMPLES.iterdir())], settings, None, "drill", stage)
    staged = stage.read_bytes()
    proxy = FlakyProxy(elasticsearch_url)
    proxy.down = True
    from elasticsearch import ConnectionError as TransportDown

    with pytest.raises(TransportDown):  # the task fails, and Airflow retries it with backoff
        index_stage(stage, settings, _client(proxy.url), "drill")
    proxy.down = False
    counts = index_stage(stage, settings, _client(proxy.url), "drill")
    assert counts["indexed"] == len(list(SAMPLES.iterdir()))
    assert stage.read_bytes() == staged  # the retry reads the same stage: nothing is translated again
    assert es_index.count(es_client, settings.index_alias) == counts["indexed"]


@pytest.mark.elasticsearch
def test_elasticsearch_killed_in_the_middle_of_a_bulk_load(elasticsearch_url, es_client, settings, tmp_path):
    stage = tmp_path / "stage.jsonl"
    total = _staged_documents(settings, stage, 1500)  # three bulk requests of 500
    es_index.ensure_index(es_client, settings.index_alias)
    proxy = FlakyProxy(elasticsearch_url)
    proxy.cut_after = stage.stat().st_size // 2  # the node goes away during the second request
    from elasticsearch import ConnectionError as TransportDown

    with pytest.raises(TransportDown):
        index_stage(stage, settings, _client(proxy.url), "drill")
    es_client.indices.refresh(index=settings.index_alias)
    partial = es_index.count(es_client, settings.index_alias)
    assert 0 < partial < total
    proxy.down, proxy.cut_after = False, None  # the node is back; the task is retried
    counts = index_stage(stage, settings, _client(proxy.url), "drill")
    assert counts["indexed"] == total
    assert es_index.count(es_client, settings.index_alias) == total  # every document exactly once


KILLABLE = """
import sys, time
from pathlib import Path
from tarjama.pipeline import Pipeline
from tarjama.runner import process_to_stage
from tarjama.settings import Settings

original = Pipeline.process_items
def slow(self, items):
    for result in original(self, items):
        yield result
        time.sleep(0.3)  # slow enough to be killed in the middle
Pipeline.process_items = slow
paths = sys.argv[2:]
print(process_to_stage(paths, Settings.from_env(), None, "drill", Path(sys.argv[1])), flush=True)
"""


def test_a_worker_killed_mid_batch_is_redone_whole(settings, tmp_path):
    landing = tmp_path / "in"
    for n in range(12):
        for sample in SAMPLES.iterdir():
            (landing / f"{n:02d}").mkdir(parents=True, exist_ok=True)
            shutil.copy(sample, landing / f"{n:02d}" / sample.name)
    paths = sorted(str(p) for p in landing.rglob("*.txt"))
    stage = tmp_path / "stage" / "batch-00000.jsonl"
    env = {**os.environ, "TARJAMA_BATCH_FILES": "6"}
    worker = subprocess.Popen([sys.executable, "-c", KILLABLE, str(stage), *paths], env=env, cwd=REPO)
    partial = stage.with_name(stage.name + ".partial")
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.2)
    worker.send_signal(signal.SIGKILL)
    assert worker.wait() == -signal.SIGKILL
    assert not stage.exists()  # a killed batch leaves no stage to index, only its partial file
    counts = process_to_stage(paths, settings, None, "drill-retry", stage)
    ids = [json.loads(line)["id"] for line in stage.read_text().splitlines()]
    assert counts["read"] == len(paths) == 60
    assert len(ids) == len(set(ids)) == counts["staged"] == 5  # twelve copies of five articles: five documents
    assert counts["duplicate"] == 55


def test_unwritable_staging_or_quarantine_fails_naming_the_path(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(JobFailed, match=f"cannot write the staging file {blocker}/run/"):
        process_to_stage([str(SAMPLES / "liban-electricite.txt")], settings, None, "run", blocker / "run" / "b.jsonl")
    with pytest.raises(JobFailed, match=f"cannot write to the quarantine {blocker}/run"):
        quarantine(blocker, Quarantined("x.txt", "empty file", b""), "run")


CHECK = """
from tarjama.errors import JobFailed
from tarjama.runner import process_to_stage
from tarjama.settings import Settings
from pathlib import Path
try:
    process_to_stage(["{sample}"], Settings.from_env(), None, "drill", Path("{stage}"))
except JobFailed as error:
    print("FAILED:", error)
"""


def _check_with(tmp_path, **env) -> str:
    stage = tmp_path / "stage.jsonl"
    script = CHECK.format(sample=SAMPLES / "liban-electricite.txt", stage=stage)
    result = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, **env}, capture_output=True, text=True, cwd=REPO
    )
    assert not stage.exists() and not stage.with_name(stage.name + ".partial").exists()  # no article touched
    return result.stdout


def test_missing_argos_package_fails_at_once_with_the_fix(tmp_path):
    out = _check_with(tmp_path, ARGOS_PACKAGES_DIR=str(tmp_path / "no-packages"))
    assert "FAILED: no Argos package for ar→en" in out
    assert "`tarjama models install ar_en` or `tarjama models install FILE.argosmodel`" in out


def test_corrupt_argos_package_fails_at_once_with_the_fix(tmp_path):
    packages = tmp_path / "packages"
    shutil.copytree(os.environ["ARGOS_PACKAGES_DIR"], packages)
    [model] = packages.glob("*/model/model.bin")
    model.write_bytes(model.read_bytes()[:1000])
    out = _check_with(tmp_path, ARGOS_PACKAGES_DIR=str(packages))
    assert "FAILED: the Argos package in" in out and "cannot be loaded" in out
    assert "reinstall it with `tarjama models install ar_en`" in out


def test_missing_spacy_model_fails_at_once_with_the_fix(tmp_path):
    out = _check_with(tmp_path, TARJAMA_EN_NER_MODEL="en_core_web_xx")
    assert "FAILED: spaCy model en_core_web_xx is not installed" in out and "fix: `.venv/bin/pip install" in out


def test_missing_arabic_ner_model_fails_at_once(tmp_path):
    out = _check_with(tmp_path, TARJAMA_AR_NER_MODEL=str(tmp_path / "nowhere"))
    assert f"FAILED: the Arabic NER model cannot be loaded: no Arabic NER model in {tmp_path / 'nowhere'}" in out
    assert "python scripts/train_arabic_ner.py" in out


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KB tmpfs, filled: every write to it ends with ENOSPC."""
    mount = tmp_path / "full"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("a tmpfs cannot be mounted here (needs root)")
    try:
        with contextlib.suppress(OSError), (mount / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_fails_naming_the_path(settings, full_disk):
    stage = full_disk / "run" / "batch.jsonl"
    expected = f"cannot write the staging file {full_disk}/run/batch.jsonl.partial: No space left on device"
    with pytest.raises(JobFailed, match=expected):
        process_to_stage([str(p) for p in sorted(SAMPLES.iterdir())], settings, None, "run", stage)
    with pytest.raises(JobFailed, match=f"cannot write to the quarantine {full_disk}/run: No space left on device"):
        quarantine(full_disk, Quarantined("x.txt", "empty file", b"x" * 100_000), "run")
