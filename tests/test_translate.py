import random
import socket

import pytest
from conftest import SAMPLES

from tarjama.parsers import parse_file
from tarjama.text import split_sentences
from tarjama.translate import TEST_PACKAGE_MARK, ArgosTranslator, TranslationUnavailable, find_package
from tarjama_dev.news_corpus import make_corpus


@pytest.fixture(scope="module")
def translator():
    return ArgosTranslator.for_pair("ar", "en")


def template_sentences(count: int, seed: int) -> list[tuple[str, str]]:
    """(Arabic, English) pairs from the generator that trained the test package."""
    return make_corpus(count, seed)


def test_the_installed_test_package_is_found(translator):
    assert TEST_PACKAGE_MARK in translator.model_name
    assert translator.model_version == "1.0"


def test_translates_unseen_combinations_of_known_words(translator):
    [result] = translator.translate_articles(
        [("فلاديمير بوتين يزور الدوحة لبحث التجارة", ("وصل جو بايدن إلى سيول لإجراء محادثات حول التعليم.",))]
    )
    assert result.title == "Vladimir Putin visits Doha to discuss trade"
    assert result.paragraphs == ("Joe Biden arrived in Seoul for talks on education.",)
    assert result.sentences == 2
    assert 0.8 < result.score <= 1
    assert (result.model, result.model_version) == ("translate-ar_en-tarjama_test", "1.0")
    assert (result.source_language, result.target_language) == ("ar", "en")


def test_score_separates_good_translations_from_doubtful_ones(translator):
    known, unknown = translator.translate_articles(
        [("", ("وقعت قطر اتفاقية بشأن إمدادات الغاز في بيروت.",)), ("", ("صادقت الحكومة على الميزانية الجديدة.",))]
    )
    assert known.score > 0.85 > unknown.score


def test_same_text_as_argostranslate_at_the_same_settings(translator, monkeypatch):
    """Argos's own translate() with our sentence splitter in place of MiniSBD (which downloads)."""
    import argostranslate.translate as argos

    class OurSplitter:
        def __init__(self, package):
            pass

        def split_sentences(self, text):
            return split_sentences(text)

    monkeypatch.setattr(argos, "MiniSBDSentencizer", OurSplitter)
    argos.get_installed_languages.cache_clear()
    reference = argos.get_translation_from_codes("ar", "en")

    rng = random.Random(3)
    sentences = [ar for ar, _ in template_sentences(300, seed=11)]
    paragraphs = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(120)]
    for name in ("macron-cairo-renewable-energy.txt", "guterres-geneva-humanitarian-aid.txt"):
        article = parse_file(SAMPLES / name)
        paragraphs += [article.title, *article.paragraphs]

    ours = [result.text for result in translator.translate_texts(paragraphs)]
    theirs = [reference.translate(paragraph) for paragraph in paragraphs]
    assert ours == theirs
    argos.get_installed_languages.cache_clear()


def test_sentences_of_many_articles_come_back_to_their_own_paragraphs(translator):
    two_sentences = (
        "دعا إيمانويل ماكرون إلى وقف إطلاق النار في لبنان. عقدت جامعة الدول العربية اجتماعا طارئا في عمان يوم الخميس."
    )
    articles = [
        ("", (two_sentences,)),
        ("الملك عبد الله الثاني يزور باريس لبحث المياه", ()),
        ("", ("وقعت قطر اتفاقية بشأن إمدادات الغاز في بيروت.", "أرسلت تركيا أكثر من 40 جندي إلى دمشق.")),
    ]
    first, second, third = translator.translate_articles(articles)
    assert first.title == ""
    assert first.paragraphs == (
        "Emmanuel Macron called for a ceasefire in Lebanon. "
        "The Arab League held an emergency meeting in Amman on Thursday.",
    )
    assert second.title == "King Abdullah II visits Paris to discuss water"
    assert second.paragraphs == ()
    assert third.paragraphs == (
        "Qatar signed an agreement on gas supplies in Beirut.",
        "Turkey sent more than 40 soldiers to Damascus.",
    )


def test_unknown_text_still_ends(translator):
    [result] = translator.translate_articles([("", ("كلمات " * 300,))])
    assert result.paragraphs[0]  # cut into pieces, translated, bounded: no runaway, no crash


def test_translation_makes_no_network_attempt(monkeypatch):
    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError(f"network attempt to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    translator = ArgosTranslator.for_pair("ar", "en")  # fresh: loads the model under the guard
    [result] = translator.translate_articles([("", ("استقبل الرئيس الفرنسي يون سوك يول في واشنطن.",))])
    assert result.paragraphs == ("The French president received Yoon Suk Yeol in Washington.",)
    assert attempts == []


def test_missing_pair_is_a_setup_error_that_says_what_to_do():
    assert find_package("ar", "xx") is None
    with pytest.raises(TranslationUnavailable, match="tarjama models install ar_xx"):
        ArgosTranslator.for_pair("ar", "xx")
