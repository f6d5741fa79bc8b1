import socket

import pytest
from tarjama.translate import TEST_PACKAGE_MARK, ArgosTranslator, TranslationUnavailable, find_package


@pytest.fixture(scope="module")
def translator():
    return ArgosTranslator.for_pair("ar", "en", threads=1)


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
    assert 0 < result.score <= 1


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
    translator = ArgosTranslator.for_pair("ar", "en", threads=1)  # fresh: loads the model under the guard
    [result] = translator.translate_articles([("", ("استقبل الرئيس الفرنسي يون سوك يول في واشنطن.",))])
    assert result.paragraphs == ("The French president received Yoon Suk Yeol in Washington.",)
    assert attempts == []


def test_missing_pair_is_a_setup_error_that_says_what_to_do():
    assert find_package("ar", "xx") is None
    with pytest.raises(TranslationUnavailable, match="install-model"):
        ArgosTranslator.for_pair("ar", "xx")
