import pytest

from tarjama.dates import find_dates
from tarjama.entities import EnglishEntityExtractor


@pytest.fixture(scope="module")
def ner():
    return EnglishEntityExtractor("en_core_web_sm")


def test_people_organisations_and_places(ner):
    [entities] = ner.extract_many(
        ["Joe Biden met Kim Jong Un in Pyongyang on Saturday, and the United Nations welcomed the talks."]
    )
    assert entities.person == ("Joe Biden", "Kim Jong Un")
    assert "Pyongyang" in entities.place
    assert entities.org == ("United Nations",)


def test_model_version_is_recorded(ner):
    assert ner.model_version == "en_core_web_sm 3.8.0"


def test_empty_text_has_no_entities(ner):
    [entities] = ner.extract_many([""])
    assert (entities.person, entities.org, entities.place) == ((), (), ())


def test_arabic_date_with_weekday(seed):
    text = seed.read_text(encoding="utf-8")
    dates = find_dates(text, "ar", "2024-11-30")
    assert {"text": "السبت 30 نوفمبر 2024", "value": "2024-11-30"} in [
        {"text": d.text, "value": d.value} for d in dates
    ]


def test_english_date():
    [mention] = find_dates("They agreed on Thursday, November 28, 2024, on a plan.", "en", "2024-11-30")
    assert mention.value == "2024-11-28"
    assert mention.lang == "en"


def test_bare_weekday_is_not_guessed():
    assert find_dates("قال الوزير يوم السبت إن المحادثات مثمرة", "ar", "2024-11-30") == []
