"""Ingestion end to end against the real node: mixed formats in one batch, wire stories grouped
across runs, and the quarantine sent through again after a fix."""

import shutil

import pytest
from conftest import FIXTURES

from tarjama import es_index
from tarjama.quarantine import list_records
from tarjama.runner import process_and_index, requeue

pytestmark = pytest.mark.elasticsearch

NEAR = FIXTURES / "near-duplicates"


def _documents(client, alias) -> dict[str, dict]:
    client.indices.refresh(index=alias)
    hits = client.search(index=alias, size=100, query={"match_all": {}})["hits"]["hits"]
    return {hit["_source"]["path"]: hit["_source"] for hit in hits}


def test_every_format_in_one_batch(es_client, settings):
    formats = FIXTURES / "formats"
    paths = [str(formats / name) for name in ("page.html", "export.json", "export.jsonl", "feed.rss", "feed.atom")]
    counts = process_and_index(paths, settings, es_client, run_id="formats")
    assert (counts["indexed"], counts["quarantined"], counts["failed"]) == (9, 4, 0)
    documents = _documents(es_client, settings.index_alias)
    html = documents[paths[0]]
    assert (html["byline"], html["dateline"], html["published_at"]) == ("سارة الخطيب", "عمان", "2024-11-30")
    assert html["provenance"]["input_format"] == "html" and html["provenance"]["removed_boilerplate"] == [
        "30 نوفمبر 2024",
        "شارك",
    ]
    assert documents[paths[3] + "#1"]["provenance"]["input_format"] == "rss"
    kept = {record.kept.name: record.path.rsplit("/", 1)[1] for record in list_records(settings.quarantine_dir)}
    assert kept == {
        "export-2.json": "export.json#2",
        "export-2~1.json": "export.jsonl#2",  # the same kept name twice: nothing is overwritten
        "export-5.json": "export.jsonl#5",
        "feed-3.xml": "feed.rss#3",
    }


def test_wire_copies_share_a_story_across_runs(es_client, settings):
    first = [str(NEAR / "wire-opec-original.txt"), str(NEAR / "other-opec-analysis.txt")]
    process_and_index(first, settings, es_client, run_id="day-1")
    later = [str(NEAR / name) for name in ("wire-opec-republished-1.txt", "wire-opec-republished-2.txt")]
    counts = process_and_index([*later, str(NEAR / "other-opec-earlier.txt")], settings, es_client, run_id="day-2")
    assert counts["near_duplicates"] == 2
    documents = _documents(es_client, settings.index_alias)
    original = documents[first[0]]
    assert original["story_id"] == original["id"] and original["duplicate_of"] is None
    for path in later:
        assert documents[path]["story_id"] == original["id"] == documents[path]["duplicate_of"]
        assert documents[path]["near_duplicate_similarity"] >= 0.3
    assert documents[first[1]]["story_id"] == documents[first[1]]["id"]
    assert documents[str(NEAR / "other-opec-earlier.txt")]["duplicate_of"] is None
    story = es_client.count(index=settings.index_alias, query={"term": {"story_id": original["id"]}})["count"]
    assert story == 3  # the story is searchable: every copy of it, by one keyword


def test_requeue_after_a_fix_in_place(es_client, settings, tmp_path):
    landing = tmp_path / "in"
    landing.mkdir()
    broken = landing / "late.txt"
    broken.write_bytes(b"")
    shutil.copy(FIXTURES / "formats" / "export.jsonl", landing / "export.jsonl")
    counts = process_and_index([str(broken), str(landing / "export.jsonl")], settings, es_client, run_id="first")
    assert counts["quarantined"] == 3
    records = list(list_records(settings.quarantine_dir))
    assert {r.path.rsplit("/", 1)[1] for r in records} == {"late.txt", "export.jsonl#2", "export.jsonl#5"}

    broken.write_bytes((FIXTURES / "encodings" / "windows-1256.txt").read_bytes())  # the fix, in place
    result = requeue(records, settings, es_client, "requeue-1")
    assert (result["requeued"], result["released"], result["indexed"]) == (3, 1, 1)
    assert _documents(es_client, settings.index_alias)[str(broken)]["provenance"]["encoding"] == "cp1256"
    left = list(list_records(settings.quarantine_dir))
    assert sorted(r.path.rsplit("#", 1)[1] for r in left) == ["2", "5"]  # still broken: quarantined anew
    assert {r.run_id for r in left} == {"requeue-1"}
    assert es_index.count(es_client, settings.index_alias) == 3
