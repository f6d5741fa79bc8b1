"""Tarjama installed as a user installs it: a wheel into a fresh virtual environment outside the
repository, then the CLI and the DAGs used from another folder. And every library the package
imports is one it declares."""

import ast
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

PACKAGE = REPO / "include" / "tarjama"


def _declared() -> set[str]:
    """The declared distributions, and what a declared meta-distribution (apache-airflow, which
    holds no module of its own) installs unconditionally."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {_name(requirement) for requirement in project["dependencies"]}
    for name in list(declared):
        distribution = importlib.metadata.distribution(name)
        if not any(str(file).endswith(".py") for file in distribution.files or ()):
            declared |= {_name(r) for r in distribution.requires or () if "extra ==" not in r}
    return declared


def _name(requirement: str) -> str:
    return _canonical(re.split(r"[<>=!~\[; (]", requirement.strip(), maxsplit=1)[0])


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules(folder: Path) -> set[str]:
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"tarjama", "__future__"}


def test_every_imported_library_is_declared():
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    for module in sorted(_imported_modules(PACKAGE)):
        owners = {_canonical(name) for name in distributions.get(module, [])}
        assert owners & declared, f"tarjama imports {module} (from {owners or 'nowhere'}) but does not declare it"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel of the package in a new virtual environment; its dependencies are the test
    environment's (a .pth file points at them), so the check is the package itself."""
    work = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", work / "dist", REPO],
        check=True,
        capture_output=True,
    )
    [wheel] = (work / "dist").glob("tarjama-*.whl")
    venv = work / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", venv], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": venv, "platbase": venv}))
    (site / "test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n")
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], check=True, capture_output=True)
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return python, elsewhere


def test_the_installed_package_holds_its_models_and_resources(installed):
    python, elsewhere = installed
    code = (
        "import json, tarjama, tarjama.kibana as k, tarjama.settings as s;"
        "print(json.dumps([tarjama.__file__, str(s.ARABIC_NER_MODEL), k.SAVED_OBJECTS.exists()]))"
    )
    result = subprocess.run([python, "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True)
    package_file, model, saved_objects = json.loads(result.stdout)
    assert not Path(package_file).is_relative_to(REPO) and Path(package_file).is_relative_to(python.parents[1])
    assert (Path(model) / "meta.json").exists() and saved_objects


def test_the_installed_cli_processes_an_article_from_another_folder(installed, settings):
    python, elsewhere = installed
    shutil.copy(FIXTURES / "near-duplicates" / "wire-opec-original.txt", elsewhere / "article.txt")
    result = subprocess.run(
        [python.parent / "tarjama", "process", "article.txt", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TARJAMA_DATA_DIR": str(elsewhere / "var")},
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["path"] == "article.txt" and document["language"] == "ar"
    assert "ar_ner_newsfane" in document["provenance"]["ner_model"]
    assert document["entities"]["place"], "the Arabic NER model, read from package data, found no place"


def test_the_dags_import_with_the_installed_package_from_another_folder(installed):
    python, elsewhere = installed
    dags = shutil.copytree(REPO / "dags", elsewhere / "dags")
    code = (
        "from airflow.dag_processing.dagbag import DagBag;"
        f"bag = DagBag(dag_folder={str(dags)!r});"
        "print(sorted(bag.dag_ids), bag.import_errors)"
    )
    result = subprocess.run([python, "-c", code], cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("['news_reprocess', 'news_translate_index'] {}"), result.stdout
