"""Elasticsearch nodes that a test starts and stops itself: a cluster of several nodes, a
node with security and TLS. Each runs from the distribution that scripts/elasticsearch-local
fetches and prepares (`prepare`), on free loopback ports, with its configuration, data and
logs in a folder of its own under the system's temporary folder, removed when it stops. The
node that scripts/elasticsearch-local runs for the rest of the suite (127.0.0.1:9200) is left
alone.

As root, nodes run as the script's user (tarjama-es): Elasticsearch refuses to run as root.
When the distribution is not in the cache and cannot be fetched, the tests that need these
nodes skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "elasticsearch-local"
RUN_AS = os.environ.get("TARJAMA_ES_USER", "tarjama-es")
HEAP = "256m"


class NodeFailed(RuntimeError):
    """A node that did not start or answer; the message carries the end of its logs."""


def _as_root() -> bool:
    return os.geteuid() == 0


def _cache() -> Path:
    return Path(os.environ.get("TARJAMA_ES_CACHE", REPO / ".cache" / "elasticsearch"))


@cache
def _prepared() -> tuple[Path | None, str]:
    """(the Elasticsearch home the node's user can run, "") or (None, why not)."""
    version = re.search(r"^ES_VERSION=(\S+)", SCRIPT.read_text(), re.M).group(1)
    cached = (_cache() / f"elasticsearch-{version}" / "bin" / "elasticsearch").exists()
    result = subprocess.run([str(SCRIPT), "prepare"], capture_output=True, text=True, timeout=900)
    if result.returncode == 0:
        return Path(result.stdout.strip().splitlines()[-1]), ""
    reason = f"scripts/elasticsearch-local prepare failed: {result.stderr.strip()[-1500:]}"
    if cached or os.environ.get("CI"):
        raise NodeFailed(reason)  # the zip is here (or must be): a broken build is a failure
    return None, f"the Elasticsearch distribution is not in {_cache()} and could not be fetched ({reason})"


def distribution() -> Path:
    """The prepared distribution; skips the test when it is not available (fails in CI)."""
    home, reason = _prepared()
    if home is None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return home


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on now, distinct, all held until every one is chosen."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _java_home() -> str:
    if os.environ.get("ES_JAVA_HOME") or os.environ.get("JAVA_HOME"):
        return os.environ.get("ES_JAVA_HOME") or os.environ["JAVA_HOME"]
    return str(Path(shutil.which("java")).resolve().parents[1])


def _yaml(settings: dict) -> str:
    """elasticsearch.yml from flat settings (JSON values are YAML values)."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())


def _give_to_node_user(path: Path) -> None:
    if _as_root():
        subprocess.run(["chown", "-R", RUN_AS, str(path)], check=True)


def scratch_folder(prefix: str) -> Path:
    """A new folder the node's user can write, under the system's temporary folder (pytest's
    own folders are private to root)."""
    for parent in (tempfile.gettempdir(), "/var/tmp"):
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        folder.chmod(0o755)
        _give_to_node_user(folder)
        if not _as_root() or subprocess.run(["runuser", "-u", RUN_AS, "--", "test", "-w", str(folder)]).returncode == 0:
            return folder
        shutil.rmtree(folder)
    raise NodeFailed(f"no temporary folder that the user {RUN_AS} can write")


@dataclass
class Node:
    """One Elasticsearch node: its settings, ports and folder; started, killed and stopped here."""

    home: Path
    folder: Path
    name: str
    http_port: int
    transport_port: int
    settings: dict = field(default_factory=dict)
    scheme: str = "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.http_port}"

    @property
    def config(self) -> Path:
        return self.folder / "config"

    @property
    def pid_file(self) -> Path:
        return self.folder / "elasticsearch.pid"

    def configure(self) -> None:
        """The node's config folder: the distribution's files and its elasticsearch.yml."""
        if not self.config.exists():
            shutil.copytree(self.home / "config", self.config)
        for name in ("data", "logs"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        settings = {
            "node.name": self.name,
            "path.data": str(self.folder / "data"),
            "path.logs": str(self.folder / "logs"),
            "network.host": "127.0.0.1",
            "http.port": self.http_port,
            "transport.port": self.transport_port,
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "cluster.name": f"tarjama-test-{self.name}",
            "xpack.security.enabled": False,
            **self.settings,
        }
        (self.config / "elasticsearch.yml").write_text(_yaml(settings), encoding="utf-8")

    def tool(self, name: str, *args: str) -> str:
        """One of the distribution's command-line tools (elasticsearch-users...) on this node's config."""
        env = {**os.environ, "ES_JAVA_HOME": _java_home(), "ES_PATH_CONF": str(self.config)}
        result = subprocess.run([str(self.home / "bin" / name), *args], env=env, capture_output=True, text=True)
        if result.returncode:
            raise NodeFailed(f"{name} {' '.join(args[:2])} failed: {result.stdout}{result.stderr}")
        return result.stdout

    def launch(self) -> subprocess.Popen:
        """Start the node in the background; `started` waits for it."""
        _give_to_node_user(self.folder)
        self.pid_file.unlink(missing_ok=True)
        env = {
            "ES_JAVA_HOME": _java_home(),
            "ES_PATH_CONF": str(self.config),
            # C1 only: a node starts in about half the time on two busy cores (24 s rather than 41 s)
            "ES_JAVA_OPTS": f"-Xms{HEAP} -Xmx{HEAP} -XX:TieredStopAtLevel=1",
        }
        command = [str(self.home / "bin" / "elasticsearch"), "-d", "-p", str(self.pid_file)]
        if _as_root():
            command = ["runuser", "-u", RUN_AS, "--", "env", *(f"{k}={v}" for k, v in env.items()), *command]
            env = {}
        with (self.folder / "console.log").open("ab") as console:
            return subprocess.Popen(
                command,
                env={**os.environ, **env},
                stdout=console,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def started(self, launcher: subprocess.Popen, timeout: float = 180) -> None:
        """Wait for `bin/elasticsearch -d` to hand over to the running node."""
        try:
            code = launcher.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            launcher.kill()
            self.stop()
            raise NodeFailed(f"{self.name} did not start within {timeout:.0f} s\n{self.explain()}") from None
        if code != 0 or self.pid() is None:
            raise NodeFailed(f"{self.name} failed to start (exit {code})\n{self.explain()}")

    def start(self, timeout: float = 180) -> None:
        self.started(self.launch(), timeout)

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if Path(f"/proc/{pid}").exists() else None

    def kill(self, sig: int = signal.SIGKILL, timeout: float = 60) -> None:
        """Send `sig` and wait until the process is gone."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            if _zombie(pid):
                break
            time.sleep(0.1)
        if Path(f"/proc/{pid}").exists() and not _zombie(pid):
            raise NodeFailed(f"{self.name} (pid {pid}) still runs {timeout:.0f} s after signal {sig}")

    def stop(self) -> None:
        """A clean shutdown, or SIGKILL after 30 s; nothing is left running."""
        try:
            self.kill(signal.SIGTERM, timeout=30)
        except NodeFailed:
            self.kill(signal.SIGKILL)

    def explain(self) -> str:
        """The end of what the node wrote: why it failed, for the test's message."""
        lines = []
        for log in (self.folder / "console.log", *sorted((self.folder / "logs").glob("*.log"))):
            if log.exists() and log.stat().st_size and not log.name.startswith("gc"):
                tail = log.read_text(errors="replace").splitlines()[-25:]
                lines += [f"--- {log}", *(line[:400] for line in tail)]
        return "\n".join(lines)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


class Nodes:
    """Nodes of one test (one cluster, or one secured node), in one folder; `close` stops them
    all and removes the folder."""

    def __init__(self, prefix: str = "tarjama-es-nodes-"):
        self.home = distribution()
        self.folder = scratch_folder(prefix)
        self.nodes: list[Node] = []

    def node(self, name: str, settings: dict | None = None, scheme: str = "http") -> Node:
        http_port, transport_port = free_ports(2)
        node = Node(self.home, self.folder / name, name, http_port, transport_port, settings or {}, scheme)
        node.folder.mkdir()
        self.nodes.append(node)
        return node

    def cluster(self, count: int, roles: list[list[str]] | None = None) -> list[Node]:
        """`count` nodes that form one new cluster: discovery by seed hosts on loopback, the
        master-eligible ones (all, unless `roles` says otherwise) named as initial masters."""
        roles = roles or [["master", "data"]] * count
        names = [f"node-{index + 1}" for index in range(count)]
        ports = free_ports(2 * count)
        seeds = [f"127.0.0.1:{port}" for port in ports[1::2]]
        masters = [name for name, node_roles in zip(names, roles, strict=True) if "master" in node_roles]
        cluster_name = f"tarjama-test-{uuid.uuid4().hex[:8]}"
        made = []
        for index, name in enumerate(names):
            settings = {
                "cluster.name": cluster_name,
                "node.roles": roles[index],
                "discovery.seed_hosts": seeds,
                "cluster.initial_master_nodes": masters,
            }
            node = Node(self.home, self.folder / name, name, ports[2 * index], ports[2 * index + 1], settings)
            node.folder.mkdir()
            made.append(node)
        self.nodes.extend(made)
        return made

    def start(self, nodes: list[Node] | None = None, timeout: float = 180) -> None:
        """Start nodes together (a node of a new cluster waits for the others to form it)."""
        nodes = self.nodes if nodes is None else nodes
        for node in nodes:
            node.configure()
        launchers = [node.launch() for node in nodes]
        for node, launcher in zip(nodes, launchers, strict=True):
            node.started(launcher, timeout)

    def close(self) -> None:
        for node in self.nodes:
            try:
                node.stop()
            except (NodeFailed, OSError):
                node.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def make_certificates(folder: Path, name: str = "ca") -> dict[str, Path]:
    """A certificate authority and, signed by it, a certificate for 127.0.0.1 and localhost (openssl)."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, request, cert = (
        folder / f"{name}{suffix}" for suffix in (".key", ".crt", "-node.key", ".csr", "-node.crt")
    )

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "2",
            "-subj", f"/CN=Tarjama test {name}", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(request), "-subj", "/CN=127.0.0.1")
    extensions = folder / f"{name}.ext"
    extensions.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", str(request), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
            "-out", str(cert), "-days", "2", "-extfile", str(extensions))  # fmt: skip
    return {"ca": ca, "cert": cert, "key": key}
