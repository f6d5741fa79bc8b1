"""Against the real local node (scripts/elasticsearch-local)."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO, SAMPLES, TEST_PACKAGE

from tarjama import es_index
from tarjama.runner import process_and_index
from tarjama.search import search

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def indexed(es_client, settings, seed, tmp_path):
    landing = tmp_path / "in"
    shutil.copytree(SAMPLES, landing)
    shutil.copy(seed, landing / seed.name)
    paths = sorted(str(p) for p in landing.iterdir())
    counts = process_and_index(paths, settings, es_client, run_id="es-test")
    return paths, counts


def test_ingest_counts(indexed, es_client, settings):
    paths, counts = indexed
    assert counts["read"] == len(paths) == 6
    assert counts["indexed"] == 6
    assert counts["quarantined"] == counts["failed"] == 0
    assert counts["translated"] == 4  # three Arabic samples and the seed
    assert counts["untranslated"] == 1  # French, with no fr→en package
    assert counts["translations_reused"] == counts["unchanged"] == 0
    assert es_index.count(es_client, settings.index_alias) == 6


def test_translation_is_reused_when_only_the_pipeline_changed(indexed, es_client, settings):
    paths, _ = indexed
    for hit in es_client.search(index=settings.index_alias, size=20)["hits"]["hits"]:
        es_client.update(index=settings.index_alias, id=hit["_id"], doc={"provenance": {"pipeline_version": "0.0.1"}})
    es_client.indices.refresh(index=settings.index_alias)
    counts = process_and_index(paths, settings, es_client, run_id="es-test-new-pipeline")
    assert (counts["translated"], counts["translations_reused"], counts["unchanged"]) == (0, 4, 0)
    assert counts["indexed"] == 6


def test_arabic_query_finds_the_seed_first(indexed, es_client, settings, seed):
    hits = search(es_client, settings.index_alias, "وزير الدفاع بيلوسوف", size=3)["hits"]
    assert hits[0]["titles"]["ar"] == "زعيم كوريا الشمالية ووزير روسي يتفقان على تعزيز العلاقات العسكرية"
    assert hits[0]["published_at"] == "2024-11-30"
    assert hits[0]["highlights"]


def test_arabic_analyzer_matches_other_forms_of_the_word(indexed, es_client, settings):
    # "الكورية" (definite, feminine) stems to the same term as "كوري" in the seed.
    hits = search(es_client, settings.index_alias, "الكورية", size=1)["hits"]
    assert hits[0]["language"] == "ar"
    assert "كوري" in hits[0]["titles"]["ar"]


def test_english_query_finds_a_translated_sample_first(indexed, es_client, settings):
    hits = search(es_client, settings.index_alias, "renewable energy agreement in Cairo", size=3)["hits"]
    top = hits[0]
    assert top["titles"]["en"] == "Emmanuel Macron visits Cairo to discuss renewable energy"
    assert top["language"] == "ar"  # its English came from the translation model
    assert "body_en" in top["highlights"]


def test_reingest_changes_nothing_and_translates_nothing(indexed, es_client, settings):
    paths, _ = indexed

    def stored():  # everything but the provenance, which names the run
        hits = es_client.search(index=settings.index_alias, size=20)["hits"]["hits"]
        return {hit["_id"]: {k: v for k, v in hit["_source"].items() if k != "provenance"} for hit in hits}

    before = stored()
    counts = process_and_index(paths, settings, es_client, run_id="es-test-again")
    assert counts["unchanged"] == 6  # nothing translated, nothing enriched, nothing rewritten
    assert counts["translated"] == counts["translations_reused"] == counts["staged"] == 0
    assert es_index.count(es_client, settings.index_alias) == 6
    assert stored() == before


def test_a_translation_from_another_model_version_is_redone(indexed, es_client, settings):
    paths, _ = indexed
    macron = next(p for p in paths if p.endswith("macron-cairo-renewable-energy.txt"))
    [hit] = es_client.search(index=settings.index_alias, query={"term": {"path": macron}})["hits"]["hits"]
    es_client.update(
        index=settings.index_alias,
        id=hit["_id"],
        doc={"title_en": "stale", "translation": {"model_version": "0.9"}},
        refresh=True,
    )
    counts = process_and_index(paths, settings, es_client, run_id="es-test-new-model")
    assert (counts["translated"], counts["translations_reused"], counts["unchanged"]) == (1, 0, 5)
    document = es_client.get(index=settings.index_alias, id=hit["_id"])["_source"]
    assert document["title_en"] == "Emmanuel Macron visits Cairo to discuss renewable energy"
    assert document["translation"]["model_version"] == "1.0"


def test_index_is_versioned_behind_a_write_alias(indexed, es_client, settings):
    aliases = es_client.indices.get_alias(name=settings.index_alias)
    assert list(aliases) == [f"{settings.index_alias}-v1"]
    assert aliases[f"{settings.index_alias}-v1"]["aliases"][settings.index_alias]["is_write_index"] is True
    mapping = es_client.indices.get_mapping(index=settings.index_alias)[f"{settings.index_alias}-v1"]["mappings"]
    assert mapping["properties"]["body_ar"]["analyzer"] == "tarjama_arabic"
    assert mapping["properties"]["body_en"]["analyzer"] == "tarjama_english"
    assert mapping["properties"]["title_fr"]["analyzer"] == "standard"
    assert mapping["dynamic"] == "strict"


def test_arabic_analyzer_normalises_and_stems(es_client, settings):
    es_index.ensure_index(es_client, settings.index_alias)
    tokens = es_client.indices.analyze(
        index=settings.index_alias, analyzer="tarjama_arabic", text="الكُتُبُ والمكتبة ١٢٣ إلى ی"
    )["tokens"]
    assert [t["token"] for t in tokens] == ["كتب", "مكتب", "123", "ي"]


def newer_test_package(tmp_path, version: str):
    """The test package under a newer version number: a stand-in for an upgraded model."""
    path = tmp_path / f"translate-ar_en-tarjama_test-{version}.argosmodel"
    with zipfile.ZipFile(TEST_PACKAGE) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), "package_version": version}).encode()
            new.writestr(item, data)
    return path


def test_reprocess_retranslates_exactly_the_documents_of_an_older_model_version(
    indexed, es_client, settings, elasticsearch_url, tmp_path
):
    packages = tmp_path / "argos-packages"
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "ELASTICSEARCH_URL": elasticsearch_url}

    def cli(*args):
        result = subprocess.run(
            [sys.executable, "-m", "tarjama.cli", *args], env=env, capture_output=True, text=True, cwd=REPO, timeout=300
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    cli("models", "install", str(newer_test_package(tmp_path, "1.1")))
    assert json.loads(cli("reprocess", "--dry-run"))["older_version"] == 4
    counts = json.loads(cli("reprocess"))
    assert (counts["older_version"], counts["retranslated"], counts["untranslated"]) == (4, 4, 0)
    assert (counts["pipeline_changed"], counts["reprocessed"]) == (0, 4)

    hits = es_client.search(index=settings.index_alias, size=20)["hits"]["hits"]
    arabic = [hit["_source"] for hit in hits if hit["_source"]["language"] == "ar"]
    assert {doc["translation"]["model_version"] for doc in arabic} == {"1.1"}
    assert {doc["provenance"]["translation_model"] for doc in arabic} == {"translate-ar_en-tarjama_test 1.1"}
    macron = next(doc for doc in arabic if doc["title_ar"].startswith("إيمانويل ماكرون"))
    assert macron["title_en"] == "Emmanuel Macron visits Cairo to discuss renewable energy"
    assert "Emmanuel Macron" in macron["persons"]
    french = next(hit["_source"] for hit in hits if hit["_source"]["language"] == "fr")
    assert french["flags"] == ["untranslated"]  # still no fr→en package: left alone

    assert json.loads(cli("reprocess"))["reprocessed"] == 0


def test_reprocess_reenriches_documents_of_another_pipeline_version_without_translating(indexed, es_client, settings):
    from tarjama.reprocess import reprocess_outdated

    hits = es_client.search(index=settings.index_alias, size=20)["hits"]["hits"]
    macron = next(hit for hit in hits if hit["_source"]["path"].endswith("macron-cairo-renewable-energy.txt"))
    es_client.update(
        index=settings.index_alias,
        id=macron["_id"],
        doc={"persons": [], "entities": {"person": []}, "provenance": {"pipeline_version": "0.0.1"}},
        refresh=True,
    )
    counts = reprocess_outdated(es_client, settings, run_id="reprocess-test")
    assert (counts["pipeline_changed"], counts["reprocessed"], counts["retranslated"]) == (1, 1, 0)
    document = es_client.get(index=settings.index_alias, id=macron["_id"])["_source"]
    assert "Emmanuel Macron" in document["persons"]
    assert document["provenance"]["run_id"] == "reprocess-test"
    assert document["translation"] == macron["_source"]["translation"]
    assert reprocess_outdated(es_client, settings, run_id="again")["reprocessed"] == 0


def test_documents_elasticsearch_refuses_go_to_quarantine_and_the_rest_are_indexed(es_client, settings, tmp_path):
    from tarjama.runner import index_stage

    original = SAMPLES / "liban-electricite.txt"
    stage = tmp_path / "stage.jsonl"
    good = {"id": "good", "path": str(SAMPLES / "jordan-world-bank-water.txt"), "language": "en", "title_en": "Fine"}
    bad = {"id": "bad", "path": str(original), "language": "fr", "title_fr": "x", "published_at": "le 3 mars"}
    stage.write_text("\n".join(json.dumps(doc) for doc in (good, bad)) + "\n")

    counts = index_stage(stage, settings, es_client, run_id="refusals")
    assert (counts["indexed"], counts["rejected"], counts["failed"]) == (1, 1, 0)
    assert es_index.count(es_client, settings.index_alias) == 1
    kept = settings.quarantine_dir / "refusals" / original.name
    assert kept.read_bytes() == original.read_bytes()
    reason = json.loads(kept.with_name(original.name + ".reason.json").read_text())["reason"]
    assert reason.startswith("rejected by Elasticsearch: document_parsing_exception")
    assert "failed to parse field [published_at]" in reason
