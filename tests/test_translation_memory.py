"""The sentence translation memory in the real node: the same text with and without it, each
sentence decoded once, a model upgrade starting afresh, the bound kept, and a memory that
cannot be written never stopping a run."""

import logging

import pytest

from tarjama import es_index
from tarjama.fields import body_field, title_field
from tarjama.runner import process_and_index
from tarjama.translate import ArgosTranslator
from tarjama.translation_memory import ElasticsearchMemory, MemoryEntry
from tarjama_dev.news_corpus import make_corpus

pytestmark = pytest.mark.elasticsearch


@pytest.fixture(scope="module")
def translator():
    return ArgosTranslator.for_pair("ar", "en")


def articles(count: int, seed: int, repeat_from: list | None = None):
    """(title, paragraphs) made of the test package's sentences; with `repeat_from`, every
    article also carries the first sentence of an earlier article, as agency copy does."""
    pairs = make_corpus(count * 3, seed)
    made = []
    for index in range(count):
        title, first, second = (arabic for arabic, _ in pairs[index * 3 : index * 3 + 3])
        paragraphs = [f"{first.rstrip('.')}.", f"{second.rstrip('.')}."]
        if repeat_from:
            paragraphs.append(repeat_from[index % len(repeat_from)][1][0])
        made.append((title.rstrip("."), tuple(paragraphs)))
    return made


def english(hit) -> tuple[str, str]:
    return hit["_source"][title_field("en")], hit["_source"][body_field("en")]


def fingerprint(translations):
    return [(t.title, t.paragraphs, t.score, t.sentences) for t in translations]


def test_the_same_translations_with_and_without_the_memory(translator, es_client, settings):
    day_one = articles(12, seed=3)
    day_two = articles(12, seed=4, repeat_from=day_one)
    memory = ElasticsearchMemory.open(es_client, settings.index_alias, translator.model_name, translator.model_version)
    assert memory is not None

    first = translator.translate_articles(day_one + day_one[:2], memory)  # two articles twice in one batch
    assert fingerprint(first) == fingerprint(translator.translate_articles(day_one + day_one[:2]))
    assert [t.sentences_reused for t in first[-2:]] == [t.sentences for t in first[-2:]]
    assert sum(t.sentences_reused for t in first[:12]) == 0

    second = translator.translate_articles(day_two, memory)
    assert fingerprint(second) == fingerprint(translator.translate_articles(day_two))
    assert [t.sentences_reused for t in second] == [1] * 12  # the repeated line, never decoded again

    again = translator.translate_articles(day_one, memory)  # everything is in the memory now
    assert fingerprint(again) == fingerprint(first[:12])
    assert all(t.sentences_reused == t.sentences for t in again)
    assert memory.stats.errors == 0 and memory.stats.hits > 0


def test_runs_record_reused_sentences_per_document_and_in_their_counts(es_client, settings, tmp_path, monkeypatch):
    day_one = articles(4, seed=5)
    day_two = articles(4, seed=6, repeat_from=day_one)

    def write(batch, folder):
        folder.mkdir()
        for index, (title, paragraphs) in enumerate(batch):
            (folder / f"{index}.txt").write_text("\n\n".join([title, *paragraphs]), encoding="utf-8")
        return sorted(str(path) for path in folder.iterdir())

    one, two = write(day_one, tmp_path / "one"), write(day_two, tmp_path / "two")
    process_and_index(one, settings, es_client, run_id="day-1")
    counts = process_and_index(two, settings, es_client, run_id="day-2")
    es_client.indices.refresh(index=settings.index_alias)
    hits = es_client.search(index=settings.index_alias, size=20, query={"terms": {"path": two}})["hits"]["hits"]
    assert sorted(hit["_source"]["translation"]["sentences_reused"] for hit in hits) == [1, 1, 1, 1]
    sentences = sum(hit["_source"]["translation"]["sentences"] for hit in hits)
    assert (counts["sentences_reused"], counts["sentences_translated"]) == (4, sentences - 4)
    with_memory = {hit["_source"]["path"]: english(hit) for hit in hits}

    monkeypatch.setenv("TARJAMA_TRANSLATION_MEMORY", "false")
    monkeypatch.setenv("TARJAMA_INDEX_ALIAS", settings.index_alias.replace("tarjama-test-", "tarjama-plain-"))
    plain = type(settings).from_env()
    try:
        counts = process_and_index(two, plain, es_client, run_id="plain")
        assert counts["sentences_reused"] == 0
        es_client.indices.refresh(index=plain.index_alias)
        hits = es_client.search(index=plain.index_alias, size=20, query={"match_all": {}})["hits"]["hits"]
        assert {hit["_source"]["path"]: english(hit) for hit in hits} == with_memory
    finally:
        es_client.indices.delete(index=f"{plain.index_alias}-*", ignore_unavailable=True, allow_no_indices=True)
        es_client.indices.delete_index_template(name=plain.index_alias, ignore=[404])
        for part in ("settings", "mappings"):
            es_client.cluster.delete_component_template(name=f"{plain.index_alias}-{part}", ignore=[404])


def test_a_model_upgrade_starts_an_empty_memory_and_drops_the_old_one(es_client, settings):
    alias = settings.index_alias
    old = es_index.ensure_memory_index(es_client, alias, "translate-ar_en", "1.0")
    other_model = es_index.ensure_memory_index(es_client, alias, "translate-fr_en", "1.0")
    new = es_index.ensure_memory_index(es_client, alias, "translate-ar_en", "1.1")
    assert new != old
    assert not es_client.indices.exists(index=old)
    assert es_client.indices.exists(index=other_model) and es_client.indices.exists(index=new)
    assert es_index.ensure_memory_index(es_client, alias, "translate-ar_en", "1.1") == new  # a second worker


def test_the_least_recently_used_entries_go_first_past_the_bound(es_client, settings):
    now = [1_000_000.0]
    memory = ElasticsearchMemory.open(es_client, settings.index_alias, "model", "1.0", max_entries=10)
    memory.clock = lambda: now[0]
    entry = MemoryEntry(tokens=("▁a",), log_probability=-0.5)
    memory.store({f"k{index}": entry for index in range(8)})
    now[0] += 2 * 86_400
    assert set(memory.lookup(["k0", "k1"])) == {"k0", "k1"}  # used again, two days later
    es_client.indices.refresh(index=memory.index)
    now[0] += 86_400
    memory.store({f"n{index}": entry for index in range(4)})
    es_client.indices.refresh(index=memory.index)  # the size is checked as of the last refresh
    memory.store({"n4": entry})  # 13 > 10: down to 9, the entries unused for three days first
    es_client.indices.refresh(index=memory.index)
    kept = {hit["_id"] for hit in es_client.search(index=memory.index, size=20)["hits"]["hits"]}
    assert len(kept) == 9 and memory.stats.evicted == 4
    assert {"k0", "k1", "n0", "n1", "n2", "n3", "n4"} <= kept


def test_a_memory_that_cannot_be_written_never_stops_the_run(translator, es_client, settings, caplog):
    memory = ElasticsearchMemory.open(es_client, settings.index_alias, translator.model_name, translator.model_version)
    es_client.indices.put_settings(index=memory.index, settings={"index.blocks.write": True})
    batch = articles(3, seed=8)
    with caplog.at_level(logging.WARNING, logger="tarjama.translation_memory"):
        result = translator.translate_articles(batch, memory)
    assert fingerprint(result) == fingerprint(translator.translate_articles(batch))
    assert memory.disabled and "translation memory is off" in caplog.text
    assert translator.translate_articles(batch, memory) == result  # and it stays off, quietly
    es_client.indices.put_settings(index=memory.index, settings={"index.blocks.write": False})
