"""The command line as a new user meets it: every error a user can cause ends in one line that
names the thing and the fix, with its documented exit status, and no traceback unless asked."""

import zipfile

import pytest
from conftest import FIXTURES

from tarjama import __version__
from tarjama.cli import ALL_QUARANTINED, DONE, JOB_FAILED, NO_INPUT, UNREACHABLE, USAGE, main
from tarjama.quarantine import quarantine

BAD = FIXTURES / "bad" / "damaged.txt"


@pytest.fixture(autouse=True)
def _own_folders(settings):
    """Every command reads its folders and index alias from the `settings` fixture's environment."""


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if line.startswith("tarjama: ")]
    return line


@pytest.mark.parametrize(
    ("variable", "value"),
    [("TARJAMA_BATCH_FILES", "many"), ("TARJAMA_TRANSLATION_MEMORY", "perhaps"), ("TARJAMA_REQUIRED_PAIRS", "ar")],
)
def test_a_bad_setting_is_named_by_every_command(capsys, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    status, _, err = run(capsys, "models", "list")
    assert status == USAGE
    assert one_line_error(err).startswith(f"tarjama: {variable}")


def test_elasticsearch_down(capsys, monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    status, _, err = run(capsys, "search", "الطاقة")
    assert status == UNREACHABLE
    assert "no Elasticsearch answers at http://127.0.0.1:9" in one_line_error(err) and "ELASTICSEARCH_URL" in err


def test_verbose_adds_the_traceback(capsys, monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    status, _, err = run(capsys, "search", "x", "--verbose")
    assert status == UNREACHABLE and "Traceback" in err and "tarjama: no Elasticsearch answers" in err


def test_an_input_that_does_not_exist(capsys, tmp_path):
    status, out, err = run(capsys, "process", str(tmp_path / "nowhere"))
    assert (status, out) == (NO_INPUT, "")
    assert one_line_error(err) == f"tarjama: {tmp_path / 'nowhere'}: no such file or folder"


def test_every_article_quarantined_is_its_own_status(capsys, settings):
    status, out, err = run(capsys, "process", str(BAD))
    assert status == ALL_QUARANTINED and out.startswith("QUARANTINED")
    assert "every article (1) was quarantined" in one_line_error(err) and "tarjama quarantine list" in err


def test_models_install_messages(capsys, tmp_path):
    for source, status, message in [
        ("/nonexistent.argosmodel", NO_INPUT, "tarjama: /nonexistent.argosmodel: no such file"),
        ("ar", USAGE, "tarjama: 'ar' is neither a .argosmodel file nor a language pair; give a pair such as ar_en"),
    ]:
        got, _, err = run(capsys, "models", "install", source)
        assert (got, one_line_error(err)) == (status, message)
    not_a_zip = tmp_path / "model.argosmodel"
    not_a_zip.write_text("hello")
    got, _, err = run(capsys, "models", "install", str(not_a_zip))
    assert got == USAGE and "is not an Argos package: a .argosmodel file is a zip archive" in one_line_error(err)
    assert not zipfile.is_zipfile(not_a_zip)


def test_requeue_without_ids_asks_which(capsys, settings):
    quarantine(settings.quarantine_dir, _quarantined("in/a.txt"), "run-1")
    status, _, err = run(capsys, "quarantine", "requeue")
    assert status == USAGE
    assert one_line_error(err) == "tarjama: say which articles to requeue: ids from `tarjama quarantine list`, or --all"
    assert run(capsys, "quarantine", "requeue", "run-1/a.txt", "--all")[0] == USAGE


def test_a_page_past_what_elasticsearch_serves(capsys):
    status, _, err = run(capsys, "search", "x", "--size", "100", "--page", "101")
    assert status == USAGE and "reaches hit 10100; Elasticsearch serves the first 10000" in one_line_error(err)


def test_version_and_help_say_what_commands_need(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == DONE and capsys.readouterr().out.strip() == f"tarjama {__version__}"
    for command, needs in [("ingest", "ELASTICSEARCH_URL"), ("process", "Needs no Elasticsearch")]:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert needs in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    help_text = capsys.readouterr().out
    assert "hits per page" in help_text and "which page of hits" in help_text


def test_exit_statuses_are_the_documented_ones():
    from pathlib import Path

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    for status, meaning in [
        (DONE, "done"),
        (JOB_FAILED, "Elasticsearch could not take the documents"),
        (USAGE, "a usage or configuration error"),
        (UNREACHABLE, "Elasticsearch, Kibana or a model cannot be reached"),
        (NO_INPUT, "an input that does not exist"),
        (ALL_QUARANTINED, "every article was quarantined"),
    ]:
        assert f"`{status}` {meaning}" in readme


def _quarantined(path):
    from tarjama.models import Quarantined

    return Quarantined(path, "empty file", b"", "decode")
