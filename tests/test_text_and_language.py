import textwrap

from conftest import SAMPLES

from tarjama.language import detect_language
from tarjama.parsers import parse_file
from tarjama.text import normalize, paragraphs, split_sentences, without_unfinished_word


def test_arabic_sentence_ends_but_comma_does_not():
    text = "قال الوزير، في بيان، إن المحادثات مثمرة. هل ستستمر؟ نعم!"
    assert split_sentences(text) == ["قال الوزير، في بيان، إن المحادثات مثمرة.", "هل ستستمر؟", "نعم!"]


def test_quote_after_full_stop_stays_with_its_sentence():
    assert split_sentences('قال "انتهى." ثم غادر.') == ['قال "انتهى."', "ثم غادر."]


def test_presentation_forms_become_letters():
    assert normalize("\ufee3\ufeae\ufea3\ufe92\ufe8e") == "مرحبا"


def test_languages_of_the_samples_are_detected_the_same_every_time():
    expected = {
        "macron-cairo-renewable-energy.txt": "ar",
        "jordan-world-bank-water.txt": "en",
        "liban-electricite.txt": "fr",
    }
    for name, language in expected.items():
        text = parse_file(SAMPLES / name).text
        assert {detect_language(name, text) for _ in range(5)} == {language}


def test_a_page_hard_wrapped_at_its_column_gets_its_paragraphs_back():
    first = (
        "أعلن البنك المركزي أن إجمالي الودائع لدى البنوك التجارية ارتفع بنسبة ثلاثة بالمائة في نهاية الربع الأول "
        "مقارنة بالفترة نفسها من العام الماضي، وأن السيولة المحلية شهدت ارتفاعا ملحوظا خلال الفترة ذاتها بحسب "
        "الإحصاءات الصادرة عن المركز الوطني للإحصاء والمعلومات."
    )
    second = (
        "من جانب آخر، ارتفع إجمالي القروض والتمويل الممنوح للقطاع الخاص بنسبة أربعة بالمائة ليصل إلى مستويات "
        "قياسية، في وقت تواصل فيه الحكومة برامجها لدعم المشاريع الصغيرة والمتوسطة في مختلف المحافظات."
    )
    headline = "البنك المركزي: ارتفاع الودائع والقروض في الربع الأول"
    page = "\n".join([headline, "", *textwrap.wrap(first, 64), *textwrap.wrap(second, 64), "ريال"])
    assert paragraphs(page) == [headline, first, second, "ريال"]  # a word alone may be a name: not joined
    menu = "\n".join(["الرئيسية", "أخبار محلية", "اقتصاد", "رياضة"] * 3)
    assert paragraphs(menu) == menu.split("\n")


def test_a_text_cut_in_a_word_of_its_prose_loses_that_word_and_a_credit_is_kept():
    assert without_unfinished_word("العنوان\nوفي يونيو 1996 نظم حزب ا").endswith("نظم حزب")
    assert without_unfinished_word("He criticized the decision of the Ministry of Hi").endswith("Ministry of")
    for whole in ("The minister said it will open in May.", "Story.\nReuters", "guard his nation.” — ONA"):
        assert without_unfinished_word(whole) == whole
