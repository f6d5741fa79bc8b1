"""Index design, analysis and queries, against the real node, on small hand-made documents."""

import pytest
from conftest import REPO
from elasticsearch import BadRequestError

from tarjama import es_index
from tarjama.search import Filters, search
from tarjama_dev.search_relevance import real_relevance, relevance

pytestmark = pytest.mark.elasticsearch

DOCS = [
    {
        "id": "ahmad-1",
        "language": "ar",
        "source": "Wire A",
        "published_at": "2024-11-28",
        "title_ar": "أَحْمَد يزور المكتبة",
        "body_ar": "زار أحمد المكتبة الوطنية يوم الخميس.",
        "title_en": "Ahmad visits the library",
        "body_en": "Ahmad visited the national library on Thursday.",
        "persons": ["Ahmad"],
        "persons_ar": ["أحمد"],
        "places": ["Cairo"],
    },
    {
        "id": "ministers-2",
        "language": "en",
        "source": "Wire B",
        "published_at": "2024-11-30",
        "title_en": "Foreign ministers meet in Amman",
        "body_en": "The ministers were meeting to discuss water.",
        "persons": ["Ayman Safadi"],
        "places": ["Amman"],
    },
    {
        "id": "fr-3",
        "language": "fr",
        "source": "Wire A",
        "published_at": "2024-12-02",
        "title_fr": "La bibliothèque rouvre",
        "body_fr": "La bibliothèque nationale rouvre ses portes.",
        "places": ["Beyrouth"],
    },
]


@pytest.fixture
def index(es_client, settings):
    alias = es_index.ensure_index(es_client, settings.index_alias)
    indexed, errors = es_index.index_documents(es_client, alias, [dict(doc) for doc in DOCS])
    assert (indexed, errors) == (3, [])
    return alias


def ids(result):
    return [hit["id"] for hit in result["hits"]]


def analyze(client, alias, analyzer, text):
    return [token["token"] for token in client.indices.analyze(index=alias, analyzer=analyzer, text=text)["tokens"]]


@pytest.mark.parametrize(
    ("variants", "why"),
    [
        (["أحمد", "احمد", "إحمد", "آحمد", "أَحْمَد", "أحـــمد"], "alef forms, harakat, tatweel"),
        (["مستشفى", "مستشفي"], "alef maqsura and yaa"),
        (["مدرسة", "مدرسه"], "taa marbuta and haa"),
        (["یمنی", "يمني"], "Persian yeh"),
        (["کتاب", "كتاب"], "Persian kaf"),
        (["الرحمٰن", "الرحمن"], "superscript alef U+0670"),
        (["قال۟", "قال"], "Quranic mark U+06DF"),
        (["١٢٣", "۱۲۳", "123"], "Arabic-Indic and Persian digits"),
    ],
)
def test_arabic_analyzers_fold_variants_together(es_client, index, variants, why):
    for analyzer in ("tarjama_arabic", "tarjama_arabic_exact"):
        forms = {tuple(analyze(es_client, index, analyzer, variant)) for variant in variants}
        assert len(forms) == 1, f"{analyzer} keeps apart {why}: {forms}"


def test_arabic_stemming_only_in_the_main_field(es_client, index):
    assert analyze(es_client, index, "tarjama_arabic", "والمكتبات") == ["مكتب"]
    assert analyze(es_client, index, "tarjama_arabic_exact", "والمكتبات") == ["والمكتبات"]


def test_english_analysis(es_client, index):
    assert analyze(es_client, index, "tarjama_english", "The minister's talks were running") == [
        "minist",
        "talk",
        "were",
        "run",
    ]
    assert analyze(es_client, index, "tarjama_english_exact", "Running") == ["running"]


def test_arabic_query_ignores_diacritics_and_letter_variants(es_client, index):
    assert ids(search(es_client, index, "احمد")) == ["ahmad-1"]
    assert ids(search(es_client, index, "إحمد المكتبه")) == ["ahmad-1"]


def test_english_query_matches_inflections(es_client, index):
    assert ids(search(es_client, index, "minister meets")) == ["ministers-2"]


def test_english_query_finds_the_arabic_article_through_its_translation(es_client, index):
    result = search(es_client, index, "library")
    assert ids(result)[0] == "ahmad-1"
    assert result["hits"][0]["language"] == "ar"
    assert "title_en" in result["hits"][0]["highlights"]


def test_entity_names_match_in_either_form(es_client, index):
    assert ids(search(es_client, index, "Ayman Safadi")) == ["ministers-2"]
    assert ids(search(es_client, index, "", Filters(persons=("احمد",)))) == ["ahmad-1"]
    assert ids(search(es_client, index, "", Filters(persons=("Ahmad",)))) == ["ahmad-1"]


def test_filters_and_pagination(es_client, index):
    assert set(ids(search(es_client, index, "", Filters(sources=("Wire A",))))) == {"ahmad-1", "fr-3"}
    assert ids(search(es_client, index, "", Filters(languages=("fr",)))) == ["fr-3"]
    between = search(es_client, index, "", Filters(published_from="2024-11-29", published_to="2024-11-30"))
    assert ids(between) == ["ministers-2"]
    assert ids(search(es_client, index, "", Filters(places=("Amman",)))) == ["ministers-2"]
    first, second = (search(es_client, index, "", size=2, page=page) for page in (1, 2))
    assert first["total"] == second["total"] == 3
    assert len(first["hits"]) == 2 and len(second["hits"]) == 1
    assert not set(ids(first)) & set(ids(second))


def test_bare_query_string_searches_both_languages(es_client, index):
    """What Kibana sends for a bare search bar query: index.query.default_field decides."""
    arabic = es_client.search(index=index, q="المكتبة")["hits"]["hits"]
    english = es_client.search(index=index, q="library")["hits"]["hits"]
    french = es_client.search(index=index, q="bibliothèque")["hits"]["hits"]
    assert [hit["_id"] for hit in arabic] == ["ahmad-1"]
    assert [hit["_id"] for hit in english] == ["ahmad-1"]
    assert [hit["_id"] for hit in french] == ["fr-3"]


def test_strict_mapping_rejects_unknown_fields(es_client, index):
    with pytest.raises(BadRequestError, match="strict_dynamic_mapping_exception"):
        es_client.index(index=index, id="bad", document={"id": "bad", "titel_en": "typo"})


def test_migration_moves_every_document_and_the_alias(es_client, index):
    before = {hit["_id"] for hit in es_client.search(index=index, size=10)["hits"]["hits"]}
    result = es_index.migrate(es_client, index)
    assert result == {"alias": index, "from": f"{index}-v1", "to": f"{index}-v2", "documents": 3}
    assert list(es_client.indices.get_alias(name=index)) == [f"{index}-v2"]
    after = {hit["_id"] for hit in es_client.search(index=index, size=10)["hits"]["hits"]}
    assert after == before
    assert ids(search(es_client, index, "احمد")) == ["ahmad-1"]
    es_index.index_documents(es_client, index, [{"id": "new-4", "language": "en", "title_en": "After the move"}])
    assert es_client.count(index=f"{index}-v2")["count"] == 4  # writes follow the alias
    assert es_index.migrate(es_client, index)["to"] == f"{index}-v3"


def test_relevance_does_not_fall_below_the_published_figures(elasticsearch_url, es_client):
    """The judged queries of bench/search.py over 240 articles indexed by the real pipeline."""
    figures = relevance(es_client, elasticsearch_url)
    assert figures["articles_indexed"] == 240
    # measured 0.941 and 0.879 (README, "Measured"); floors below by the noise of 56 queries
    assert figures["recall_at_10"] >= 0.92
    assert figures["ndcg_at_10"] >= 0.86


@pytest.mark.skipif(not (REPO.parent / "shared" / "samples" / "dev").is_dir(), reason="a user's clone has no ../shared")
def test_relevance_on_real_articles_judged_by_reading(elasticsearch_url, es_client):
    """125 queries written by reading 122 real articles (tests/fixtures/gold/search-queries-real.json),
    the articles indexed by the real pipeline: measured Arabic recall@10 0.932, nDCG@10 0.920 (74 queries),
    all 0.778 / 0.766; floors below by the noise of that many queries."""
    figures = real_relevance(es_client, elasticsearch_url)
    assert figures["ar"]["queries"] >= 70
    assert figures["ar"]["recall_at_10"] >= 0.88 and figures["ar"]["ndcg_at_10"] >= 0.85, figures["ar"]
    assert figures["all"]["recall_at_10"] >= 0.70, figures["all"]
