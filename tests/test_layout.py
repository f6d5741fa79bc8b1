"""Telling a story from the page around it: nothing of the story is dropped, whatever its
characters; the headline is a headline; the publication date is the story's, not the site's.

Generated pages (hypothesis) put story paragraphs full of quotations, guillemets, numbers and
dates between the furniture news sites print; every real text in ../shared/samples is held to
the same rule; the development corpus's held-out half is scored by bench/extract_quality.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest
from conftest import REPO, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjama.parsers import parse_bytes, parse_file
from tarjama.parsers.layout import (
    byline_name,
    in_other_script,
    is_caption,
    is_chrome,
    is_credit_line,
    is_menu_line,
    is_prose,
)

CHECKS = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

PAGES = {  # a headline and the sentences its story is made of, per language
    "ar": (
        "وزير الخارجية يلتقي نظيره الفرنسي في باريس لبحث الأزمة",
        [
            "قال الوزير «إن الحكومة ستواصل العمل» مضيفا أن «الأزمة لن تطول».",
            "وأضاف المتحدث باسم الوزارة، في بيان صدر الأربعاء 7 مارس 2017، أن عدد الضحايا ارتفع إلى 12 شخصا.",
            "وأكدت المصادر أن الاجتماع سيعقد في الرياض » بحضور ممثلين عن 15 دولة » وفق ما أعلن.",
            'وتابع: "كما قلت منذ توقيع الاتفاق، لا نتوقع أن يكون التطبيق سهلا"، لافتا إلى أن الخطوات ملموسة.',
            "وقالت الشرطة إن 3 أشخاص اعتقلوا | وأفرج عن اثنين منهم بعد التحقيق معهم لساعات طويلة في المقر.",
        ],
    ),
    "fr": (
        "Le ministre des Affaires étrangères reçu à Paris pour parler de la crise",
        [
            "Le ministre a déclaré : « Nous ne céderons pas » avant d'ajouter « la situation est grave » à la presse.",
            "Selon le communiqué, 2.500 personnes ont été évacuées / relogées dans 14 centres d'accueil de la région.",
        ],
    ),
    "en": (
        "Foreign minister meets his French counterpart in Paris over the crisis",
        [
            "The spokesman said the talks would resume on March 3, 2024, and that «both sides» had agreed.",
            'He added: "We expect a long negotiation", and said 1,200 people had been moved - most of them children.',
        ],
    ),
}
SENTENCES = PAGES["ar"][1] + PAGES["fr"][1]
FURNITURE = [
    "الرئيسية",
    "اقرأ أيضا",
    "شارك",
    "الأكثر قراءة",
    "Advertisement",
    "Share this",
    "Lire aussi",
    "حجم الخط",
    "الرئيسية » أخبار » سياسة",
    "22.9 C",
    "Search",
    "• أخبار محلية",
    "منذ 3 ساعات",
    "© 2025 جميع الحقوق محفوظة لصحيفة الأخبار",
    "Contenu réservé aux abonnés",
]
HEADLINE = PAGES["ar"][0]


def _pages():
    return st.sampled_from(sorted(PAGES)).flatmap(
        lambda language: st.tuples(
            st.just(PAGES[language][0]),
            st.lists(
                st.lists(st.sampled_from(PAGES[language][1]), min_size=1, max_size=3).map(" ".join),
                min_size=1,
                max_size=6,
            ),
        )
    )


@CHECKS
@given(
    st.lists(st.sampled_from(FURNITURE), max_size=6),
    _pages(),
    st.lists(st.sampled_from(FURNITURE), max_size=6),
    st.sampled_from(["", "الثلاثاء 7 مارس 2017 - 11:30", "Publié le 07/03/2017"]),
)
def test_no_story_paragraph_is_ever_dropped(above, headline_and_story, below, date_line):
    headline, story = headline_and_story
    page = [*above, headline, date_line, *story, *below]
    article = next(parse_bytes("generated.txt", "\n\n".join(line for line in page if line).encode(), "text"))
    assert article.title == headline
    for paragraph in story:
        assert paragraph in article.paragraphs, (paragraph, article.removed_lines)
    assert not set(FURNITURE) & set(article.paragraphs)
    assert article.published_at == ("2017-03-07" if date_line else None)


def test_a_paragraph_with_two_quotations_is_story():
    """The rule that read "«...» ... «...»" as a breadcrumb path dropped most of a page."""
    text = f"{HEADLINE}\n\n{SENTENCES[0]}\n\nالرئيسية » أخبار » سياسة\n\n{SENTENCES[3]}\n"
    article = next(parse_bytes("quotes.txt", text.encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], SENTENCES[3])
    assert article.removed_lines == ("الرئيسية » أخبار » سياسة",)


@pytest.mark.parametrize(
    ("page", "title", "published_at"),
    [
        # the site's "today" beside the weather loses to the story's date line
        (
            ["الجمعة 19 ابريل 2024 أبوظبي الإمارات", "مواقيت الصلاة", HEADLINE, "26 نوفمبر 2011 00:18"],
            HEADLINE,
            "2011-11-26",
        ),
        # a date glued to a section label, under the headline
        ([HEADLINE, "عرب وعالم25-11-2020 | 14:36"], HEADLINE, "2020-11-25"),
        # Hijri and Gregorian on one line: the Gregorian
        ([HEADLINE, "الخميس - 23 صفر 1443 هـ - 30 سبتمبر 2021 مـ"], HEADLINE, "2021-09-30"),
        # month first, the only reading that is a date
        ([HEADLINE, "أحد, 01/19/2020 - 20:00"], HEADLINE, "2020-01-19"),
        # a weather widget is never the headline
        (["20.06°", "القدس", HEADLINE, "الإثنين ٠٢ مارس ٢٠١٥"], HEADLINE, "2015-03-02"),
        # no headline captured: the dateline of the story gives the date
        (["الفاشر، 13 أبريل 2025 ــ " + SENTENCES[1]], None, "2025-04-13"),
        # a dateline with the agency between slashes, as the Chinese services write it
        (["بكين 28 يوليو 2025 /شينخوا/ " + SENTENCES[1]], None, "2025-07-28"),
        # ... or after a comma
        (["Jérusalem, le 31 janvier 2019, WAFA- " + SENTENCES[5]], None, "2019-01-31"),
        # the site's "today" at the top of the page, above a masthead, is not the story's date;
        # nor is the editor's name under "رئيس التحرير" a headline
        (["الخميس 2 مايو 2024", "رئيس التحرير", "أيمن عبد المجيد كامل", "spot_img", HEADLINE], HEADLINE, None),
        # a date line right above the headline is the story's
        (["30 oct. 2025, 11:10:37", HEADLINE], HEADLINE, "2025-10-30"),
        # a weekday glued to the date; underscores between day, month and year
        ([HEADLINE, "الخميس-2023-01-02 08:54 am"], HEADLINE, "2023-01-02"),
        ([HEADLINE, "22 _ 6 _2025"], HEADLINE, "2025-06-22"),
        # a year glued to the time; a date line ending with an empty label
        ([HEADLINE, "24 سبتمبر 201710:42"], HEADLINE, "2017-09-24"),
        ([HEADLINE, "27 أبريل 2024آخر تحديث :"], HEADLINE, "2024-04-27"),
        # a breadcrumb from the home page, with one step, is not the headline
        (["الرئيسية » نفط وبتروكيماويات", HEADLINE], HEADLINE, None),
        # the headline printed again glued to a breadcrumb: the clean one
        (["الرئيسيةسياسة" + HEADLINE, HEADLINE], HEADLINE, None),
        # section labels glued into one line (a word runs on after its ة) are not the headline
        (["أخبار محليةالأخبار الرئيسيةغير مصنف", HEADLINE], HEADLINE, None),
        # a month in three regions' names: Levantine, then Egyptian and Maghrebi in brackets
        ([HEADLINE, "22 حزيران (يونيو - جوان)، 2017"], HEADLINE, "2017-06-22"),
        # a label before " | " is not the headline ("Headline | Outlet" keeps the headline)
        (["فيديو | " + HEADLINE], HEADLINE, None),
        # a newspaper's imprint and a "make us your homepage" line are furniture
        (["تصدر عن مؤسسة الوحدة للصحافة و الطباعة و النشر", HEADLINE], HEADLINE, None),
        (["إجعل kuwait.tt صفحتك الرئيسية", HEADLINE], HEADLINE, None),
        # a date over the site's logo or a ticker's label is the site's "today", not the story's
        (["• Tuesday, 17 February 2026", "logo", HEADLINE], HEADLINE, None),
        (["3:07 مساءً / 19 يناير، 2026", "آخر الاخبار", HEADLINE], HEADLINE, None),
        # the date printed on the line that holds the headline again
        (["22-09-2020 10:04 - " + HEADLINE, HEADLINE], HEADLINE, "2020-09-22"),
        # a date line alone that ends with a full stop; a Hijri date glued to its figures
        ([HEADLINE, "lundi 12 juin 2017."], HEADLINE, "2017-06-12"),
        ([HEADLINE, "الرياض –13ذو القعدة1441هـ"], HEADLINE, "2020-07-04"),
        # a weather story's headline names the weather: it is no widget beside the date line
        (
            ["السبت 19 ربيع الآخر 1447 هـ – 11 تشرين الأول 2025", "أجواء خريفية معتدلة تليها تغيرات ملموسة في الطقس"],
            "أجواء خريفية معتدلة تليها تغيرات ملموسة في الطقس",
            "2025-10-11",
        ),
        # a section name printed twice, of three words and a number, loses to the headline
        (["علم و خبر 26", "أخبار", "علم و خبر 26", HEADLINE, HEADLINE], HEADLINE, None),
        # a CMS's month pair, a Levantine name with a figure and a second name after a slash
        ([HEADLINE, "تشرين1/أكتوير 14, 2024"], HEADLINE, "2024-10-14"),
        # a wire photo's caption from the archive under the headline
        ([HEADLINE, "FILE - Fighters march during a rally outside the capital"], HEADLINE, None),
        # an agency's dateline with the day as an ordinal; "في" before a date line
        (["صلالة في الأول من فبراير 2026 /العُمانية/ " + SENTENCES[1]], None, "2026-02-01"),
        (["في Wednesday 15 June, 2022", HEADLINE], HEADLINE, "2022-06-15"),
        # a ticker's teaser, an update stamp and "skip to content" are no headline
        (
            ["عاجل/ الرئيس يعلن..", "Dernière mise à jour à 08h15 le 05/12", "تخطي إلى المحتوى الرئيسي", HEADLINE],
            HEADLINE,
            None,
        ),
        # a line introducing what follows is no headline
        (["الجولة الثالثة من بطولة الدوري الممتاز:", HEADLINE], HEADLINE, None),
        # a date over the headline beside its section's name is the story's; over a city's name
        # alone (a "today" widget's), the site's
        (["Government | Sunday 23 April, 2017 12:11 am |", HEADLINE], HEADLINE, "2017-04-23"),
        (["Saturday, May 11, 2024", "Baghdad", HEADLINE], HEADLINE, None),
        # month names of two words without their article; a day "of" its month
        ([HEADLINE, "الأحد 12 كانون ثاني 2021"], HEADLINE, "2021-01-12"),
        ([HEADLINE, "التاريخ: الجمعة 12 من مارس 2021"], HEADLINE, "2021-03-12"),
        ([HEADLINE, "تم نشره السبت 08 أيّار / مايو 2021 06:09 مساءً"], HEADLINE, "2021-05-08"),
        (["PublishDate: Wednesday, February 12, 2020 06:28", HEADLINE], HEADLINE, "2020-02-12"),
        # a dateline of a place, a byline and the date, each after a dash
        (["ابوظبي - ياسر ابراهيم - السبت 20 ديسمبر 2025 11:36 مساءً - " + SENTENCES[1]], None, "2025-12-20"),
        # numbered skip links and a newsletter's sign-up are no headline
        (["2. تخطي إلى القائمة الرئيسية", "Sign up for newsletter", HEADLINE], HEADLINE, None),
        # a logo's text, a masthead glued into one line and a path from home with dashes are no headline
        (["وورلد برس عربي logo", "M A G H R E B", HEADLINE], HEADLINE, None),
        (["جريدة النهار المصرية رئيس مجلس الإدارة ورئيس التحريرأسامة شرشر", HEADLINE], HEADLINE, None),
        (["الرئيسية - محافظات وأقاليم - " + HEADLINE, HEADLINE], HEADLINE, None),
        # a caption's first words over the caption are not a headline printed twice
        ([HEADLINE, "هيثم كابو رئيس بعثة", "هيثم كابو رئيس بعثة المريخ السوداني"], HEADLINE, None),
        # a byline opening the story's dateline, and a time closing it
        (["كتب سامي العلي - الرياض في الثلاثاء 5 مارس 2024 10:15 صباحاً - " + SENTENCES[1]], None, "2024-03-05"),
        # a known place dashed onto the date opening the story
        (["الدوحة-03 يوليو 2025 " + SENTENCES[1]], None, "2025-07-03"),
        # ... or a place and a byline before the date, a time stamped after it
        (["الدقهلية شريف الديب الإثنين، 09 فبراير 2026 06:32 م " + SENTENCES[1]], None, "2026-02-09"),
        # a section's name beside the date over the headline (a city there is the site's "today")
        (["الإثنين 25 آذار 2019 الساعة 23:07 سياسة", HEADLINE], HEADLINE, "2019-03-25"),
        (["الإثنين 25 آذار 2019 الساعة 23:07 بغداد", HEADLINE], HEADLINE, None),
        # year, month and day between colons, a time after a full stop
        ([HEADLINE, "2017:10:23.21:22    حجم الخط    اطبع"], HEADLINE, "2017-10-23"),
        # the site's "today" over its masthead, with the editor's name, is not the story's date
        (["عاجل", "الخميس 25 أبريل 2024 الموافق 16 شوال 1445", "رئيس التحرير", "عمرو الديب", HEADLINE], HEADLINE, None),
        # ... nor over the chairman's title and name on one line
        (["15 جمادى آخر 1447", "5 ديسمبر 2025", "رئيس مجلس الإدارة: سامي الخطيب", HEADLINE], HEADLINE, None),
        # a year of two digits ending the date line
        ([HEADLINE, "10:41 م, الأثنين, 10 يناير 22"], HEADLINE, "2022-01-10"),
        ([HEADLINE, "Sep 20 25|17:29PM :نشر بتاريخ"], HEADLINE, "2025-09-20"),
        # the day the site was founded is not the story's
        (["صحيفة مستقلة تأسست", "1/1/2015", HEADLINE], HEADLINE, None),
        # a page's <title>: section, headline and outlet
        (["أخبار محلية | " + HEADLINE + " | موقع الخبر اليومي"], HEADLINE, None),
        # the date under "previous article" and its headline is that story's
        (["المقال السابق", "عنوان مقال آخر عن الموازنة", "20/02/2020", HEADLINE], HEADLINE, None),
        # the page's title (outlet | headline), the site's "today" under it, then the headline and
        # the writer's name with the story's date
        (
            ["موقع المدينة | " + HEADLINE, "1447 رجب 3 | 23 ديسمبر 2025", HEADLINE, "سامر علي March 2, 2023"],
            HEADLINE,
            "2023-03-02",
        ),
        # a date over a ticker's label and a breadcrumb is the site's "today"
        (["الاثنين , مارس 3 2025", "أخبار عاجلة", "الرئيسية / أخبار محلية / " + HEADLINE, HEADLINE], HEADLINE, None),
        # the headline printed again between its date and its writer's name
        ([HEADLINE, "5 مارس 2023 " + HEADLINE + " كتب سامي علي"], HEADLINE, "2023-03-05"),
        # a dateline signed by the agency's name alone, then a dash
        (["عمان 12-3-2025 بترا- " + SENTENCES[1]], None, "2025-03-12"),
        # a caption printed twice, crediting a social account, is no headline
        ([HEADLINE, *["جانب من حفل التتويج في الملعب - 2 مايو 2024 - X/@sportclub"] * 2], HEADLINE, None),
        # a date line with its time's zone, under a ticker
        (["أحدث الأخبار|", "الأربعاء 23/12/2020 - 06:29 بتوقيت نيويورك", HEADLINE], HEADLINE, "2020-12-23"),
        # the masthead of a paper whose chairman is its editor is no headline
        (["رئيس مجلسى الإدارة والتحرير", "محمد علي", HEADLINE], HEADLINE, None),
    ],
)
def test_headlines_and_dates_in_the_forms_pages_use(page, title, published_at):
    text = "\n\n".join([*page, SENTENCES[1], SENTENCES[0]])
    article = next(parse_bytes("page.txt", text.encode(), "text"))
    assert article.published_at == published_at
    if title:
        assert article.title == title
    else:
        assert article.paragraphs[0].startswith(page[0].split()[0])


def test_a_headline_in_title_case_over_a_photos_credit_is_the_headline():
    headline = "Port Strike Ends After Three Weeks"
    page = [headline, "Photo Source: AFP", "Spread the news", *PAGES["en"][1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.paragraphs) == (headline, tuple(PAGES["en"][1]))


def test_a_date_the_headline_calls_today_is_the_storys_when_no_date_line_gives_one():
    for headline, published_at in [
        ("سعر صرف الدولار مقابل الجنيه في البنك المركزي اليوم السبت 22 نوفمبر 2025", "2025-11-22"),
        ("الصحف العربية تستعيد ذكرى حرب 5 يونيو 1967 وتنشر شهادات جديدة من الجبهة", None),  # not today's
    ]:
        page = [headline, *PAGES["ar"][1]]
        assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).published_at == published_at
    lead = "قرر المكتب، المنعقد اليوم الإثنين 21 فيفري 2022 برئاسة وزير الرياضة، دعم ملف الترشح لاحتضان البطولة."
    page = "\n\n".join([lead, *PAGES["ar"][1][2:]])  # no headline: the lead's day is the meeting's
    assert next(parse_bytes("page.txt", page.encode(), "text")).published_at is None


def test_a_page_captured_as_one_line_gives_its_headline_and_date():
    arabic = " ".join(PAGES["ar"][1])
    glued = f"الرئيسيةأخبار محلية{HEADLINE} {HEADLINE} 25 أكتوبر 2022 الوصال - {arabic}"
    french = "Irak: cinq morts dans des manifestations violentes - 03/10/2019 " + " ".join(PAGES["fr"][1])
    expected = [(HEADLINE, "2022-10-25"), ("Irak: cinq morts dans des manifestations violentes", "2019-10-03")]
    for line, (title, published_at) in zip([glued, french], expected, strict=True):
        article = next(parse_bytes("page.txt", line.encode(), "text"))
        assert (article.title, article.published_at) == (title, published_at)
    labelled = f"تم النشر في: 17 فبراير 2026, 12:34 مساءً {arabic}"
    article = next(parse_bytes("page.txt", labelled.encode(), "text"))
    assert (article.published_at, article.paragraphs) == ("2026-02-17", (arabic,))
    lead = "أعلنت وزارة الصحة اليوم الأحد 12 مارس 2021 عن افتتاح مستشفى جديد في المدينة، " + arabic
    assert next(parse_bytes("page.txt", lead.encode(), "text")).paragraphs == (lead,)  # a lead, not a header


@pytest.mark.parametrize(
    ("trailer", "published_at"),
    [
        # labelled, after the story, when nothing above it gives a date
        (["نشر في البيان 11230 بتاريخ 2011/3/18", "أضف تعليقاً"], "2011-03-18"),
        # the date alone, with its time, right under the story
        (["19-10-2019, 19:45", "العودة للخلف"], "2019-10-19"),
        # signed by the agency
        (["MAP 14 January 2020", "Related articles"], "2020-01-14"),
        # after the source, glued to an icon font's ligature
        (["المصدر: الحياة برس", "calendar_month18/05/2022 08:57 pm"], "2022-05-18"),
        # a list of dated links is not the story's date ...
        (["16 novembre 2025 - 09:00", "15 novembre 2025 - 12:00", "14 novembre 2025 - 22:00"], None),
        (["16 novembre 2025", "Autre titre", "15 novembre 2025", "Un titre"], None),
        # ... but a date right under the story, apart from the list below it, is
        (
            ["Le 02/10/2021", "SOURCE WEB PAR LE MATIN", "Les articles en relation", "Un titre", "01/10/2021"],
            "2021-10-02",
        ),
    ],
)
def test_a_publication_date_below_the_story(trailer, published_at):
    text = "\n\n".join([SENTENCES[0], SENTENCES[1], *trailer])
    article = next(parse_bytes("page.txt", text.encode(), "text"))
    assert article.published_at == published_at
    assert article.paragraphs == (SENTENCES[0], SENTENCES[1])


@pytest.mark.parametrize(
    "page",
    [
        # under the story's first paragraph
        [SENTENCES[0], "Publié le 24.04.2024 à 4h40 GMT Lecture 4 minutes", SENTENCES[1]],
        # at the end of its only paragraph
        [SENTENCES[0] + " " + SENTENCES[1] + " - تاريخ النشر : 2024/04/24"],
    ],
)
def test_a_date_labelled_as_the_publication_date_wherever_it_stands(page):
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.published_at == "2024-04-24"


def test_without_a_headline_the_date_line_nearest_the_story_is_its_date():
    page = ["السبت , 23 نوفمبر 2024", "شبوة_حرة| المهرة", "الأحد 10 مارس 2024", SENTENCES[0], SENTENCES[1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.published_at == "2024-03-10"


def test_a_mastheads_title_and_name_on_one_line_is_no_headline():
    headline = "City museum opens three new exhibitions for the spring season"
    story = [
        "Doha: The city museum opened on Friday three new exhibitions of modern and contemporary art.",
        "The exhibitions will stay open until the end of the summer, the museum said in a statement.",
    ]
    page = ["CHAIRMAN: DR. SAMIR BIN ALI AL HAMAD", "Culture / Local", headline, "Published: 20 Apr 2025", *story]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.published_at) == (headline, "2025-04-20")


def test_a_sites_long_blurb_over_the_headline_is_no_headline():
    blurb = (
        "موقع الخبر اليومي هو منصة إخبارية مستقلة تسعى إلى تقديم تغطية شاملة ومتوازنة لكل ما يجري في البلاد "
        "والمنطقة، مع اهتمام خاص بالشأن الاقتصادي والاجتماعي والثقافي وبقضايا الناس اليومية"
    )
    page = [blurb, HEADLINE, "الخميس 16/يناير/2020 - الساعة: 4:04 م", HEADLINE, *SENTENCES[:4]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.published_at) == (HEADLINE, "2020-01-16")


def test_without_a_headline_a_date_beside_its_writers_name_is_the_storys():
    page = ["السبت 23 نوفمبر 2024", "بواسطة : سالم الحربي 04-03-2020 05:18 صباحاً 9.3K", SENTENCES[0], SENTENCES[1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.published_at == "2020-03-04"


def test_a_date_line_under_the_lead_is_the_storys():
    headline = "En Algérie, un tribunal militaire condamne à 15 ans de prison le frère de Bouteflika"
    lead = "Dans un procès expéditif, loin des médias, le frère du président déchu a été condamné mercredi."
    page = [headline, lead, "25 septembre 2019 à 9h31 par AFP"]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.published_at, article.paragraphs) == (headline, "2019-09-25", (lead,))


def test_the_one_date_line_amid_the_story_is_its_date():
    story = [SENTENCES[0], SENTENCES[1], SENTENCES[2]]
    related = ["Les articles en relation", SENTENCES[3], SENTENCES[4]]  # links that read as prose
    page = [HEADLINE, *story, "Le 02/10/2021", "SOURCE WEB PAR LE MATIN", *related]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).published_at == "2021-10-02"
    page[6:6] = ["01/10/2021"]  # two dates amid the story: none is the story's
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).published_at is None


def test_two_dates_labelled_as_the_publication_date_give_none():
    page = [SENTENCES[0], SENTENCES[1], "Publié le 24.04.2024", "Autre article", "Publié le 25.04.2024"]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).published_at is None


def test_links_under_bullets_alone_on_their_lines_are_no_story():
    links = [
        "Bosnie: la présidentielle anticipée dans l'entité serbe pourrait tourner la page du nationalisme",
        "Ukraine: la fille de Jacob Zuma a-t-elle orchestré le départ de Sud-Africains sur le front?",
    ]
    page = [HEADLINE, SENTENCES[0], "-", links[0], SENTENCES[1], "-", links[1], "Autres articles", links[0]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], SENTENCES[1])
    assert set(links) <= set(article.removed_lines)


def test_a_paragraph_hard_wrapped_with_blank_lines_is_one_paragraph():
    wrapped = [
        "Talks to try to save the Iran nuclear deal have been held amid",
        "rising tensions over tankers in the Gulf. After",
        "meeting officials from Britain, France, Germany, Russia and China in Vienna, a",
        "senior Iranian official said the atmosphere had been constructive.",
    ]
    page = ["Talks held in Vienna to salvage Iran nuclear deal", "2019/07/28 | 22:25", *wrapped, "Related", "Menu"]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs == (" ".join(wrapped),)
    assert article.published_at == "2019-07-28"


def test_a_ticker_of_headlines_glued_into_one_line_is_no_story():
    ticker = (
        "نقابة المعلمين تحذر: ملايين الأطفال محرومون من التعليم في مناطق سيطرة الحوثيين العديني: السياسة حق "
        "للجميع والسيادة مسؤولية حصرية للدولة في امتلاك الأرض والسلاح مليشيا الحوثي تفرض حصارا مشددا على منطقة "
        "الخشعة صنعاء.. مليشيات الحوثي تقتحم منزل رجل الأعمال"
    )
    page = ["آخر الأخبار", ticker, HEADLINE, "الثلاثاء, 24 مايو, 2022 - 07:56 مساءً", SENTENCES[0], SENTENCES[1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.published_at) == (HEADLINE, "2022-05-24")
    assert article.paragraphs == (SENTENCES[0], SENTENCES[1])


def test_a_lead_repeated_over_its_story_is_no_headline():
    lead = (
        "أرسل رئيس الحكومة سعد الحريري رسائل كثيرة، للمعارضين وللمؤيدين، بأن التسوية مع رئيس التيار الوطني "
        "الحر ثابتة ودائمة ولا رجوع عنها."
    )
    page = [lead, "الإثنين ١٧ يونيو ٢٠١٩", lead, SENTENCES[0], SENTENCES[1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs == (lead, SENTENCES[0], SENTENCES[1])
    assert article.published_at == "2019-06-17"


def test_a_capture_cut_after_a_comma_keeps_its_last_lines():
    """The capture ends inside the story: a subheading, then a paragraph cut after its comma."""
    cut = ["محمد هايف: قضية البدون يجب أن تُحل", "في المقابل، قال النائب مهلهل المضف،"]
    article = next(parse_bytes("page.txt", "\n\n".join([HEADLINE, SENTENCES[0], SENTENCES[1], *cut]).encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], SENTENCES[1], *cut)


def test_a_numbered_list_after_the_story_is_story():
    results = ["1) Biya Paul 53,66%,", "2) Issa Tchiroma 35,19%,", "3) Libii Ngue Cabral 3,41%"]
    page = [HEADLINE, SENTENCES[0], "Le détail des suffrages exprimés pour chacun des candidats ci-dessous :", *results]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs[-3:] == tuple(results)


def test_what_a_paragraph_ending_with_a_colon_introduces_is_story():
    table = ["أسعار العملات في العاصمة عدن", "دولار أمريكي", "شراء = 1582 ريال يمني", "بيع = 1590 ريال"]
    page = [HEADLINE, SENTENCES[0], "وسجلت أسعار الصرف كالتالي:", *table, "اقرأ أيضا"]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], "وسجلت أسعار الصرف كالتالي:", *table)
    delegation = [
        "- المختار ولد أجاي، الوزير المكلف بديوان رئيس الجمهورية؛",
        "- هارونا اتراورى، مكلف بمهمة برئاسة الجمهورية؛",  # an item that reads like a credit is still an item
        "- الحسن ولد أحمد، المدير العام لتشريفات الدولة.",
    ]
    page = [HEADLINE, SENTENCES[0], "ورافق فخامة رئيس الجمهورية وفد هام ضم كلا من السادة:", *delegation]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs[-3:] == tuple(delegation)


def test_short_sentences_beside_the_story_are_story():
    before = ["أمطار غزيرة تشهدها ولايات شمال الباطنة.", "جرت على إثرها الأودية والشعاب."]
    after = "تأثرت ولايات محافظة الظاهرة اليوم بأمطار رعدية."
    page = [HEADLINE, "الثلاثاء 16 أبريل 2024 8:02م", *before, SENTENCES[0], SENTENCES[1], after]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.published_at) == (HEADLINE, "2024-04-16")
    assert article.paragraphs == (*before, SENTENCES[0], SENTENCES[1], after)


def test_a_lede_without_its_full_stop_is_story():
    lede = (
        "أجرت الحكومة الموريتانية في اجتماعها الأسبوعي اليوم الخميس تعديلات واسعة على الإدارة الإقليمية، "
        "أطاحت بولاة نواكشوط الثلاث، وشملت تعيين أطر في وزارة الداخلية"
    )
    article = next(parse_bytes("page.txt", "\n\n".join([HEADLINE, lede, SENTENCES[0], SENTENCES[1]]).encode(), "text"))
    assert article.paragraphs == (lede, SENTENCES[0], SENTENCES[1])


def test_a_capture_of_a_month_alone_gives_no_date():
    article = next(parse_bytes("page.txt", f"date 2020-04 {HEADLINE}\n\n{SENTENCES[0]}".encode(), "text"))
    assert (article.title, article.published_at) == (HEADLINE, None)


def test_a_capture_cut_after_a_preposition_keeps_its_last_lines():
    cut = ["ضياع مياه الأمطار", "عبّر الرحيلي عن"]
    article = next(parse_bytes("page.txt", "\n\n".join([HEADLINE, SENTENCES[0], SENTENCES[1], *cut]).encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], SENTENCES[1], *cut)


def test_a_paragraph_ending_with_its_source_or_a_full_stop_on_its_own_line_is_story():
    quoted = "وأردف: “لدينا إرادة حقيقية لتجفيف الإرهاب في منبعه”. المصدر/ A.A"
    article = next(
        parse_bytes("page.txt", "\n\n".join([HEADLINE, SENTENCES[0], quoted, "أحدث الأخبار"]).encode(), "text")
    )
    assert article.paragraphs == (SENTENCES[0], quoted)
    broken = "تتوالى ردود الفعل حول الاحتقان الذي تشهده الساحة التعليمية منذ أربعة أشهر"
    article = next(parse_bytes("page.txt", "\n".join([broken, ".", SENTENCES[0]]).encode(), "text"))
    assert article.paragraphs == (broken + ".", SENTENCES[0])


def test_a_place_and_a_name_after_a_drawn_out_dash_is_a_credit():
    assert is_credit_line("صلالة ـ من عوض دهيش:")
    assert is_credit_line("بورتسودان _ سامي علي")  # an underscore typed for a dash
    assert not is_credit_line("وأكد وزير المالية، خلال كلمته")  # a verb of saying opens a clause
    assert not is_credit_line("وعن موعد الجلسة، قال المحامي بان ال")  # particles join a clause: a capture cut in it
    assert byline_name("متابعة: سامي علي") == "سامي علي" and byline_name("تحرير موقع الأخبار") == "موقع الأخبار"
    assert byline_name("متابعة الحالة الصحية للمصابين.") is None  # a sentence that starts with the word


def test_how_long_ago_a_page_was_posted_is_furniture():
    assert is_chrome(
        "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. سنفترض أنك موافق على ذلك، ولكن يمكنك إلغاء الاشتراك"
    )
    assert all(map(is_chrome, ["منذ ثانية واحدة", "منذ 3 ساعات", "قبل يومين", "2 hours ago", "il y a 5 min"]))
    assert not is_chrome("منذ عام 2011 تغير كل شيء")


def test_comment_forms_related_lists_and_share_prompts_are_furniture():
    lines = [
        "تم نسخ الرابط",
        "مقالات متعلقة",
        "شارك من خلال الواتس اب",
        "Your Name : Your Email Address :",
        "Post a Comment",
    ]
    assert all(map(is_chrome, [*lines, "There are no comments on this article.", "Légende Image:", "mis à jour le"]))
    paywall = ["Dèjà abonné ? S'abonner pour lire la suite", "Add your comments below...", "6 min"]
    assert all(map(is_chrome, [*paywall, "Sign up for newsletter", "الناشر: شركة مال الإعلامية الدولية"]))
    related = ["» 10.03.2011 - Talks resume", "- 04/05/2019: Ministers meet", "قد يهمك موعد المباراة.. كل ما يخص"]
    assert all(map(is_chrome, related))
    prompts = [
        "For the latest headlines, follow our Google News channel online or via the app.",
        "Subscribe to our email newsletter for useful tips and valuable resources, sent out every Tuesday.",
    ]
    assert all(map(is_chrome, prompts))
    assert all(map(is_credit_line, ["Avec MAP", "From Belfast Telegraph", "Data source: CAF"]))
    counters = ["Lus : 2663", "Commentaires : 3", "عدد الزيارات : 2", "Postez un commentaire"]
    counters.append("Traduit de l’Arabe par Cridem")
    disclaimer = "Les articles et commentaires sont la propriété de leur(s) auteur(s) et n'engagent que leur avis."
    assert all(map(is_chrome, [*counters, disclaimer, "المقالات المنشورة لا تعبر بالضرورة عن رأي الموقع"]))
    assert not is_chrome("وقال إن هذه التصريحات لا تعبر عن رأي الحكومة.")  # a story's sentence
    wordpress = "التعليقات مغلقة، ولكن التعقيبات والتنبيهات مفتوحة."
    assert all(map(is_chrome, ["Listen to the article", "Comments are closed.", wordpress]))
    forms = ["أضيف بواسـطة", "أضف تقييـم", "Please enter your comment!", "Articles récents", "Tags : Libye, gaz"]
    assert all(map(is_chrome, [*forms, "Editor in Chief Mohamed Ali"]))
    assert is_credit_line("Source: National Iraqi News Agency")
    assert not is_credit_line("From Monday the shops will open.")
    assert not is_chrome("الدخول إلى الحرم الجامعي يتم من خلال البوابة الشمالية فقط.")


def test_a_date_over_the_headline_is_the_sites_when_the_story_calls_another_day_today():
    story = "وجرت اليوم الجمعة ثلاث مباريات في المرحلة العاشرة من الدوري، وانتهت اثنتان منها بالتعادل."
    for date_line, published_at in (("الأحد , نوفمبر 24 2024", None), ("السبت 23 نوفمبر 2024", "2024-11-23")):
        text = "\n\n".join([date_line, HEADLINE, story, SENTENCES[0]])
        assert next(parse_bytes("page.txt", text.encode(), "text")).published_at == published_at


def test_a_sentence_broken_before_its_that_clause_is_one_paragraph():
    text = "\n".join(
        ["بغداد - سامي علي", "أعلن وزير النقل", "أن الرحلات ستستأنف الأسبوع المقبل بعد توقف دام شهرا.", SENTENCES[0]]
    )
    article = next(parse_bytes("page.txt", text.encode(), "text"))
    assert article.paragraphs[0] == "أعلن وزير النقل أن الرحلات ستستأنف الأسبوع المقبل بعد توقف دام شهرا."


def test_a_long_line_without_punctuation_that_reads_as_sentences_is_story():
    lede = (
        "تنظر المحكمة الإدارية غدا في الطعن الذي قدمته النقابة على قرار الوزارة بعد أن رفضت اللجنة "
        "المختصة طلبها في وقت سابق من هذا الشهر وذلك في جلسة علنية يحضرها ممثلون عن الطرفين"
    )
    menu = "الرئيسية أخبار محلية عربي ودولي اقتصاد رياضة ثقافة وفنون منوعات صحة تكنولوجيا " * 3
    article = next(
        parse_bytes("page.txt", "\n\n".join([menu.strip(), lede, SENTENCES[0], SENTENCES[1]]).encode(), "text")
    )
    assert article.paragraphs == (lede, SENTENCES[0], SENTENCES[1])


def test_a_list_numbered_with_dashes_after_the_story_is_story():
    members = [
        "1- Premier ministre : Karim Ben Salah",
        "2 – Ministre de la Défense : Ali Mansour",
        "3 – Ministre du Dév",
    ]
    page = [PAGES["fr"][0], *PAGES["fr"][1], *members]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).paragraphs[-3:] == tuple(members)


def test_comment_forms_cookie_notices_and_cut_lists_of_links_after_the_story_are_furniture():
    trailer = [
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
        "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.",
        "- الرئيس يهنئ المواطنين بالعيد ويدعو إلى الوحدة",
        "- مباحثات ثنائية لتعزيز التعاون القنصلي وتسهيل الخدمات للمواطنين في",
    ]
    page = [HEADLINE, SENTENCES[0], SENTENCES[1], *trailer]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).paragraphs == (SENTENCES[0], SENTENCES[1])


def test_a_paragraph_ending_with_its_agency_in_brackets_is_story():
    last = "Le secteur est régulièrement perturbé par des grèves portant sur les salaires. (afp)"
    page = [PAGES["fr"][0], *PAGES["fr"][1], last, "Lire aussi", "Partager"]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).paragraphs[-1] == last


def test_a_caption_ending_with_its_photographer_and_agency_is_furniture():
    captions = [
        "Migrants are seen on the boat off Sfax in Tunisia on August 12, 2023 [Yassine Gaidi/Anadolu Agency]",
        "A ball of fire erupts from a building in Rimal during the bombardment. (Photo: BASHAR TALEB / AFP)",
        "فلسطينيون يتفقدون موقع ضربة استهدفت سيارة في مدينة غزة، 13 ديسمبر 2025 (رويترز/داود أبو الكاس)",
    ]
    for caption in captions:
        page = [PAGES["en"][0], caption, *PAGES["en"][1]]
        article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
        assert (article.title, article.paragraphs) == (PAGES["en"][0], tuple(PAGES["en"][1])), caption
    labelled = {  # under a headline of three words, the longer caption is no headline either
        "ar": ("حرب غزة يومها", "صورة أرشيفية: سيارات إسعاف أمام مستشفى المدينة بعد الغارة"),
        "en": ("Port strike ends", "File photo: a ship waits outside the port of the capital"),
        "fr": ("Grève du port", "Photo d'archives : un navire devant le port de la capitale"),
    }
    for language, (headline, caption) in labelled.items():
        page = [headline, caption, *PAGES[language][1]]
        article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
        assert (article.title, article.paragraphs) == (headline, tuple(PAGES[language][1])), caption
    sources = "The ministry said the talks would resume next week in the capital. (AFP/Reuters)"
    assert not is_caption(sources) and not is_caption("وقال إن الوضع مستقر (المصدر: وكالة الأنباء)")


def test_a_paragraph_hard_wrapped_at_a_comma_a_preposition_or_a_lower_case_word_is_one_paragraph():
    wrapped = [
        "The speaker had to suspend a session on Wednesday that had convened to discuss the",
        "agreement signed in November between the two countries,",
        "amid protests by scores of lawmakers who walked out.",
    ]
    text = "\n\n".join([PAGES["en"][0], "\n".join(wrapped), *PAGES["en"][1]])
    article = next(parse_bytes("page.txt", text.encode(), "text"))
    assert article.paragraphs[0] == " ".join(wrapped)
    menu = "\n".join([HEADLINE, "تابعونا على", "تابعونا على", SENTENCES[0]])  # two words are no sentence's part
    assert next(parse_bytes("page.txt", menu.encode(), "text")).paragraphs[0] == SENTENCES[0]


def test_the_summary_under_the_headline_is_story():
    summary = "After eleven days of fighting, the rebels push into a new district of the southern port city"
    page = ["Skip to main content", PAGES["en"][0], summary, "Published: Updated:", "3 min read", *PAGES["en"][1]]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert (article.title, article.paragraphs[0]) == (PAGES["en"][0], summary)


def test_a_paragraph_whose_verb_of_saying_stands_alone_on_its_line_is_one_paragraph():
    broken = [
        "وأوضح",
        "مدير البلدية في تصريح له أن أعمال الصيانة ستشمل الطرق الرئيسية",
        "والأحياء القديمة خلال الشهر المقبل.",
    ]
    page = [HEADLINE, "المدينة / وكالة الأنباء", *broken, SENTENCES[0]]
    article = next(parse_bytes("page.txt", "\n".join(page).encode(), "text"))
    assert article.paragraphs == (" ".join(broken), SENTENCES[0])


def test_a_line_under_an_agency_running_into_the_first_paragraph_is_story():
    page = [HEADLINE, "قنا", "عقدت اللجنة المالية اجتماعها الدوري صباح اليوم", SENTENCES[0], SENTENCES[1]]
    article = next(parse_bytes("page.txt", "\n".join(page).encode(), "text"))
    assert article.paragraphs == tuple(page[2:])


def test_the_storys_own_list_goes_on_without_full_stops():
    items = [
        "- يلزم القانون الشركات بحفظ بيانات العملاء مدة لا تقل عن عام كامل وعدم تسليمها إلا بإذن من النيابة.",
        "- يعاقب بالحبس مدة لا تقل عن شهر كل من يدخل على نظام تابع للدولة دون إذن من الجهة المختصة به",
        "- تلتزم الجهات الحكومية بإبلاغ المركز الوطني عن أي اختراق تتعرض له أنظمتها خلال يومين من وقوعه",
    ]
    page = [HEADLINE, SENTENCES[0], *items, "- اقرأ أيضا: عنوان آخر"]
    article = next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text"))
    assert article.paragraphs == (SENTENCES[0], *items)


def test_an_agency_sign_off_ends_the_story():
    comments = ["عاشت البلاد حرة.", "بارك الله في جهودكم وجهود كل العاملين في هذا القطاع الحيوي، ونتمنى المزيد"]
    page = [HEADLINE, SENTENCES[0], SENTENCES[1], "(أ ف ب)", "#فيديو", *comments]
    assert next(parse_bytes("page.txt", "\n\n".join(page).encode(), "text")).paragraphs == (SENTENCES[0], SENTENCES[1])


def test_a_date_line_inside_the_story_is_the_story_s():
    """A short line with a date after paragraphs of the story ("العقوبات حسب قرار 24 أفريل 2008")
    is not a publication date line."""
    text = "\n\n".join([HEADLINE, SENTENCES[0], SENTENCES[1], "العقوبات حسب قرار 24 أفريل 2008", SENTENCES[3]])
    assert next(parse_bytes("page.txt", text.encode(), "text")).published_at is None


def _real_texts():
    samples = SHARED / "samples"
    return sorted([*samples.glob("real/*.txt"), *samples.glob("seed/*.txt"), *samples.glob("dev/*/texts/*.txt")])


@pytest.mark.skipif(not (SHARED / "samples").is_dir(), reason="a user's clone has no ../shared")
def test_no_real_text_loses_a_line_of_prose_but_for_a_reason():
    """Over every real text in ../shared/samples: a removed line that reads as prose is a
    caption, a repeat of a line the story keeps, a poll's question, a link to another story or
    an embed in another script; anything else would be story dropped."""
    texts = _real_texts()
    assert len(texts) >= 190
    for path in texts:
        article = parse_file(path)
        kept = set(article.paragraphs) | {article.title}
        arabic = sum("\u0621" <= c <= "\u064a" for c in article.body) > sum(c.isascii() for c in article.body)
        for line in article.removed_lines:
            if not is_prose(line) or re.search(r"[?؟]\s*$", line):
                continue
            assert line in kept or is_caption(line) or is_chrome(line) or in_other_script(line, arabic), (path, line)


def test_the_scorer_keeps_a_line_of_two_words_at_either_end_of_a_paragraph_and_knows_a_places_names():
    spec = importlib.util.spec_from_file_location("extract_quality", REPO / "bench" / "extract_quality.py")
    scorer = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(scorer)
    body = "حيث انطلقت الدورة بمشاركة 16 دولة في مختلف حقول الثقافة والعلوم.\n\nDans le Tagant, on ne dénombre rien."
    assert scorer.line_kept("الثقافة والعلوم.", body, set()) and scorer.line_kept("Dans le", body, set())
    assert not scorer.line_kept("مشاركة 16", body, set())  # two words amid a paragraph: anywhere in a story
    assert scorer._same("place")("Britain", "United Kingdom") and not scorer._same("org")("Britain", "United Kingdom")


@pytest.mark.skipif(not (SHARED / "samples" / "dev").is_dir(), reason="a user's clone has no ../shared")
def test_the_held_out_half_of_the_development_corpus():
    """bench/extract_quality.py on the half of ../shared/samples/dev nobody read (see
    tests/fixtures/gold/dev-corpus-split.tsv): floors a margin below what it scored when the
    rules were frozen (docs/extraction.md), so that a rule fitted to the read half and wrong
    on news in general fails here."""
    output = subprocess.run(
        [sys.executable, str(REPO / "bench" / "extract_quality.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    held_out = json.loads(output.stdout)["test"]["all"]
    assert held_out["files"] == 72
    assert held_out["published_at"]["accuracy"] >= HELD_OUT_FLOORS["published_at"], held_out["published_at"]
    assert held_out["published_at"]["null_rate"] >= HELD_OUT_FLOORS["null_rate"], held_out["published_at"]
    assert held_out["body"]["retention"] >= HELD_OUT_FLOORS["retention"], held_out["body"]
    assert held_out["body"]["furniture_removed"] >= HELD_OUT_FLOORS["furniture_removed"], held_out["body"]
    assert held_out["headline"]["accuracy"] >= HELD_OUT_FLOORS["headline"], held_out["headline"]
    for kind in ("person", "place", "org"):
        scores = held_out[kind]["same_entity"]
        assert scores["recall"] >= HELD_OUT_FLOORS[kind], (kind, scores)
    assert held_out["dates"]["recall"] >= HELD_OUT_FLOORS["dates"], held_out["dates"]


# Scored when the rules were last frozen (docs/extraction.md, 2026-12-03, round forty-one): date
# 0.875 of 48, null 1.0 of 24, retention 0.994, furniture 0.808, headline 0.833 of 72, recall
# person 0.850 (120 names), place 0.879 (232), org 0.704 (169), dates 0.942 (52). Floors sit
# below by more than the noise (a page of 48 is 0.021, a name of 120 is 0.008).
HELD_OUT_FLOORS = {
    "published_at": 0.80,
    "null_rate": 0.90,
    "retention": 0.96,
    "furniture_removed": 0.78,
    "headline": 0.75,
    "person": 0.76,
    "place": 0.82,
    "org": 0.64,
    "dates": 0.84,
}


ENGLISH = PAGES["en"][1]


def _page(*lines: str):
    return next(parse_bytes("page.txt", "\n\n".join(lines).encode(), "text"))


def test_a_date_over_the_headline_beside_its_sections_two_words_is_the_storys():
    assert _page("الخميس 2023-05-11 09:41:07 أخبار محلية", HEADLINE, *SENTENCES[:2]).published_at == "2023-05-11"
    assert _page("الخميس 2023-05-11 القاهرة - مصر", HEADLINE, *SENTENCES[:2]).published_at is None  # a widget's places


def test_a_writers_name_may_open_the_dateline():
    lead = "سامي فؤاد حمدان - عمان في الأحد 14 مايو 2023 10:15 صباحاً - أعلنت وزارة المياه عن خطة جديدة لتوزيع المياه."
    assert _page(HEADLINE, lead, SENTENCES[0]).published_at == "2023-05-14"


def test_the_dates_of_related_links_under_the_story_are_theirs():
    links = ["مقالات ذات صلة", "الأحد 3 مارس 2024 - 10:00", "افتتاح مهرجان المسرح", "الأحد 3 مارس 2024 - 09:00"]
    assert _page(HEADLINE, *SENTENCES[:2], *links, "ارتفاع أسعار الذهب").published_at is None


def test_a_date_beside_a_table_of_prayer_times_is_the_sites():
    widget = ["City Fajr Shuruq Dhuhr Asr Maghrib Isha", "Amman 04:10 05:41 12:30 16:09 19:20 20:49", "3 May 2024"]
    assert _page(*widget, "Water rationing extended in the capital", *ENGLISH).published_at is None


def test_the_pages_date_line_over_the_capture_tools_day():
    article = _page("date 2025-03-02 Water rationing extended in the capital", "1 March 2025", *ENGLISH)
    assert (article.published_at, article.published_at_from) == ("2025-03-01", "text")


def test_a_place_and_a_writer_or_a_menu_in_capitals_is_no_headline():
    assert is_credit_line("بغداد: زيدان الربيعي") and not is_credit_line("بغداد: انفجار يهز المدينة")
    assert _page("عمان: محمد خالد العمري", *SENTENCES[:2]).title != "عمان: محمد خالد العمري"
    menu = "HOME NEWS WORLD BUSINESS SPORTS CULTURE OPINION"
    assert _page(menu, "Water rationing extended in the capital", *ENGLISH).title == (
        "Water rationing extended in the capital"
    )


def test_a_lead_without_its_full_stop_under_the_date_line_is_story():
    lead = "Three weeks after the pumps failed, the capital is expected to get its water back again this weekend"
    article = _page("Water rationing extended in the capital", "Posted March 1, 2025 10:00", lead, *ENGLISH)
    assert article.paragraphs[0] == lead


def test_search_prompts_topics_links_to_other_stories_and_print_footers_are_furniture():
    prompts = ["أدخل كلمات البحث واضغط على إدخال.", "Type above and press Enter to search.", "Tagged:"]
    assert all(map(is_chrome, [*prompts, "Topics: water, drought, jordan"]))
    assert is_chrome("Lire l'article original sur Maroc Presse.")
    links = ["À lire : Un maire condamné à Oujda", "Article suivantLe programme du week-end"]
    links.append("الخبر السابق ارتفاع الأسعار")
    assert all(map(is_chrome, [*links, "تم طباعة هذا الخبر من موقع الوطن - رابط الخبر"]))


def test_comment_prompts_disclaimers_cookies_story_numbers_and_share_prices_are_furniture():
    notices = [
        "Il n'y a pas encore de commentaire pour cet article.",
        "Be the first to comment on this story.",
        "Comments represent the views of readers, not of the newspaper or its staff.",
        "En poursuivant votre navigation, vous acceptez le dépôt de cookies.",
        "Restez informés en suivant notre journal sur WhatsApp",
        "Notre politique de confidentialité",
        "News ID: 98765",
        "ABC: 1.20(%)   XYZ: -0.45(%)   QRS: 3.00(%)",
        "انتهى",
    ]
    assert all(map(is_chrome, notices))
    assert not is_chrome("The ministry said its Privacy Policy was rewritten after the leak in March.")


def test_a_menu_of_sections_a_field_label_or_a_byline_label_is_no_headline():
    menu = "الرئيسية محليات عربي ودولي اقتصاد رياضة منوعات مقالات"
    assert _page(menu, HEADLINE, *SENTENCES[:2]).title == HEADLINE
    assert _page("المصدر: وكالة الأنباء الرسمية", HEADLINE, *SENTENCES[:2]).title == HEADLINE
    assert _page("الكاتب: سامي فؤاد", HEADLINE, *SENTENCES[:2]).title == HEADLINE
    assert byline_name("author name Gulf Daily") == "Gulf Daily"
    assert byline_name("الكاتب سامي فؤاد يفوز بجائزة الرواية العربية") is None  # no label's colon: a headline


def test_a_view_of_the_event_under_its_photo_is_a_caption():
    assert is_caption("جانب من اجتماع المجلس البلدي")
    assert not is_caption("جانب من المشكلة يعود إلى تأخر صرف الرواتب منذ أشهر.")


def test_headlines_listed_under_a_heading_after_the_story_are_not_the_story():
    links = ["آخر الأخبار", "افتتاح مهرجان المسرح في دورته العاشرة بحضور الوزير!"]
    links += ["النادي الإفريقي يتعاقد مع مدرب جديد قبل انطلاق الموسم الكروي!", "ارتفاع أسعار الذهب في الأسواق المحلية"]
    article = _page(HEADLINE, *SENTENCES[:3], *links)
    assert not any(link in article.body for link in links)
    inline = ["اقرأ أيضا", "افتتاح مهرجان المسرح في دورته العاشرة بحضور الوزير!"]
    inline.append("وأشار إلى أن الاجتماع المقبل سيعقد في عمان")
    assert inline[2] in _page(HEADLINE, *SENTENCES[:3], *inline).body  # a story goes on after a link inside it


def test_an_agency_and_its_time_under_a_headline_and_a_last_paragraph_without_its_full_stop():
    article = _page("Water rationing extended in the capital\nxinhua 2025-03-01 10:15:00", *ENGLISH)
    assert (article.title, article.published_at) == ("Water rationing extended in the capital", "2025-03-01")
    last = "The utility said it expected to restore the normal schedule in most districts by the end of the month"
    assert last in _page("Water rationing extended in the capital", *ENGLISH, last, "With AFP").body
    lead = "Three weeks after the pumps failed, the capital is expected to get its water back again this weekend"
    header = ["Water rationing extended in the capital", "1 March 2025 par La rédaction", "AMMAN NEWS"]
    article = _page(*header, lead, *ENGLISH)
    assert article.paragraphs[0] == lead


def test_a_time_stamp_with_a_two_digit_year():
    assert _page("نُشر: 05/10/17 17:38", HEADLINE, *SENTENCES[:2]).published_at == "2017-10-05"


def test_the_storys_list_and_its_last_sentence_broken_across_lines_stay_story():
    ministers = ["- Sami Haddad: Minister of Finance.", "- Rana Khoury: Minister of Health"]
    ministers.append("- Omar Nasser: Minister of Water.")
    article = _page("New cabinet sworn in", *ENGLISH, "The new cabinet is made up as follows.", *ministers)
    assert all(item.lstrip("- ") in article.body for item in ministers)
    broken = [
        "وأكد الوزير، في كلمة ألقاها خلال افتتاح المعرض الزراعي السنوي في العاصمة، أن الحكومة لن تكتفي بدعم "
        "القطاع الزراعي في المحافظات المتضررة من الجفاف بل",
        "وستعمل",
        "على توفير البذور للمزارعين.",
    ]
    article = _page(HEADLINE, *SENTENCES[:3], *broken)
    assert "على توفير البذور للمزارعين." in article.body


def test_an_agencys_end_mark_a_date_typed_with_a_double_slash_and_a_headline_in_title_case():
    last = "Production fell from more than 1.2 million barrels a day to around 100,000. Enditem"
    assert "Production fell" in _page("Oil output rises again", *ENGLISH, last, "KEY WORDS:").body
    assert _page(HEADLINE, "16/5//2005- خاص موقع المحافظة", *SENTENCES[:2]).published_at == "2005-05-16"
    title = "Minister Says The Capital Will Not Tolerate Any Delay In Its Water Supply Plans"
    assert _page("Featured Stories", "Date of posting : May 3, 2018", title, *ENGLISH).title == title


def test_a_last_paragraph_broken_at_a_columns_width_stays_story():
    column = [
        "وتضمنت المحاكمة ثمانية متهمين نصفهم من موظفي",
        "البلدية السابقين الذين أحيلوا إلى القضاء بتهم التزوير، والنصف",
        "الآخر مقاولون حصلوا على عقود بلا مناقصات.",
    ]
    article = _page(HEADLINE, *SENTENCES[:3], *column, "مقالات ذات صلة")
    assert all(line in article.body for line in column)


def test_a_channels_prompt_a_view_count_keywords_and_a_section_before_the_headline():
    assert is_chrome("ليصلك المزيد من الأخبار اشترك بقناتنا على التليكرام")
    assert not is_chrome("وقال إن الوزارة اشتركت في قناة السويس")
    assert all(map(is_chrome, ["25 View", "1٬039 مشاهدة", "الكلمات المفتاحية"]))
    assert _page(f"الأخبار - {HEADLINE}", "نشر بتاريخ 2024/06/07", *SENTENCES[:2]).title == HEADLINE


def test_follow_prompts_a_menu_of_the_sites_items_a_papers_name_and_a_labelled_source_are_furniture():
    prompts = ["تابعونا على فيسبوك", "اشترك مجانا بقناة الديار على يوتيوب", "Suivez-nous sur Twitter"]
    disclaimer = "Les informations ci-dessus de l'AFP n'engagent pas la responsabilité de notre site"
    assert all(map(is_chrome, [*prompts, disclaimer, "صحيفة صدى الشعب", "جريدة طنجة – ع. كنوني"]))
    assert not is_chrome("صحيفة إسرائيلية: نتنياهو يرفض الهدنة في غزة") and not is_chrome("تابعونا غدا")
    assert is_menu_line("الرئيسية عاجل القائمة البحث") and is_menu_line("Contactez-nous Version imprimable")
    assert not is_menu_line("الرئيسية تعلن عن خطة جديدة")
    assert is_credit_line("SOURCE:AA") and is_credit_line("المصدر: وكالات")


def test_a_photos_subject_with_its_source_or_the_day_it_was_taken_is_a_caption():
    assert is_caption("صورة المقبوض عليهم (وزارة الداخلية البحرينية)")
    assert is_caption("حشود من المواطنين أمام لجنة انتخابية في الإسكندرية، 10 ديسمبر 2023")
    assert not is_caption("Manama , August 15, 2011") and not is_caption("الخميس، 25 يوليو 2013")
    page = _page(
        "تصوير رافي شاكر- المنصة",
        "حشود من المواطنين أمام لجنة انتخابية في الإسكندرية، 10 ديسمبر 2023",
        HEADLINE,
        "منشور السبت 5 يوليو 2025",
        *SENTENCES[:2],
    )
    assert page.title == HEADLINE


def test_headlines_with_two_dots_the_sites_name_and_dated_links_are_told_apart():
    dotted = "بلاغ هام من وزارة الداخلية .."
    assert _page("تابعونا على فيسبوك", dotted, "الأربعاء 19 ماي 2021 - 11:15", *SENTENCES[:2]).title == dotted
    site = "المجلس الإسلامي العالمي للدعوة والإغاثة"
    article = _page(f"{site} | اتصل بنا", site, HEADLINE, "الخميس, 16 كانون2/يناير 2020 13:01", *SENTENCES[:2])
    assert article.title == HEADLINE and article.published_at == "2020-01-16"
    links = [
        f"{day} November 2018   {title} - By: Daoud Kuttab"
        for day, title in (
            (29, "Bridging the gap"),
            (22, "Palestinians and Saudi Arabia"),
            (15, "Gaza's balance of terror today"),
        )
    ]
    assert _page(*links, "Oil output rises again in the south", *ENGLISH).title == "Oil output rises again in the south"


def test_teasers_listed_with_their_dates_under_more_from_are_not_the_story():
    listed = [
        "المزيد من بألف كلمة",
        "لهيب غزة الذي يلسع العالم..",
        "2025-05-29",
        "هنا يتوقف الكلام. كل إضافة تبدو فائضة، وربما وقحة.. لا شيء يضاف إلى الصور التي تصل من غزة كل يوم",
        "مقاومات.. لإنهاء الحصار والإبادة",
        "2025-05-22",
        "تغلق المعابر والحدود، وتنتظر أطنان المساعدات الغذائية والحيوية والطبية على الجانب الآخر منذ أسابيع في",
    ]
    article = _page("أيام قرطاج", *SENTENCES[:3], "09 تشرين الثاني / نوفمبر 2017", *listed)
    assert article.published_at == "2017-11-09" and not any(line in article.body for line in listed)


def test_a_date_opening_the_page_before_its_dateline_and_a_lebanese_short_month():
    story = " ".join(ENGLISH)
    article = _page(f"January 26, 2025 Zalingei – Darfur24 {story}")
    assert article.published_at == "2025-01-26" and "Darfur24" in article.body
    assert _page("٩ ت١ ٢٠٢٥", *SENTENCES[:2]).published_at == "2025-10-09"


def test_a_dateline_with_its_hour_labelled_and_glued_to_the_story():
    lead = "المخا تهامة - Friday 06 November 2020 الساعة 03:34 pmقصفت مليشيا الحوثي حيا سكنيا جنوبي مدينة الحديدة."
    assert _page("قصف صاروخي على حي سكني جنوبي مدينة الحديدة", lead, *SENTENCES[:2]).published_at == "2020-11-06"


def test_an_edits_day_gives_way_to_the_storys_own_and_a_date_line_may_end_with_dots():
    story = SENTENCES[:3]
    article = _page(*story, HEADLINE, "20 مايو 2020 22:53", "آخر تحديث : 23 نوفمبر 2024 15:00")
    assert article.published_at == "2020-05-20"
    modified = _page("Protesters storm oil company offices", *ENGLISH, "Last Modified: Thursday، 12 July 2018 10:54 AM")
    assert modified.published_at == "2018-07-12" and "Last Modified" not in modified.body
    assert _page(HEADLINE, "قضايا عربية ودولية 2022/03/30...", *SENTENCES[:2]).published_at == "2022-03-30"
    assert _page(f"خبر: {HEADLINE}", *SENTENCES[:2]).title == HEADLINE and is_chrome("زر الذهاب إلى الأعلى")


def test_a_cookie_consent_a_comment_forms_prompts_and_an_agencys_spaced_numeric_date():
    prompts = ["By using our website, you agree to the use of our cookies.", "انضم الى المحادثة", "255 حرف متبقي"]
    assert all(map(is_chrome, [*prompts, "Sign up to get the latest alerts, insights and analysis", "Related posts"]))
    lead = "الخرطوم ١٨ – ٣ – ٢٠٢١ (سونا) – يحتفل مركز الدراسات السودانية يوم السبت بذكرى تأسيسه الثلاثين."
    assert _page(lead, *SENTENCES[:2]).published_at == "2021-03-18"


def test_a_list_of_dated_links_above_the_headline_and_a_date_of_two_digit_year():
    links = ["الفيضان الذي حدث في عهد الملك", "2025-01-14", "تماثيل عظماء الرجال في ذلك العصر", "2025-01-14"]
    article = _page("أبحث عن شيء أخر المرجع الالكتروني", *links, HEADLINE, "التاريخ: 21-10-2019", *SENTENCES[:2])
    assert (article.title, article.published_at) == (HEADLINE, "2019-10-21")
    assert _page(HEADLINE, "24/01/20", *SENTENCES[:2]).published_at == "2020-01-24"
    assert _page(HEADLINE, "تاريخ النشر: 19/10/19 | 11:00", *SENTENCES[:2]).published_at == "2019-10-19"
    assert _page("PHOTO", "23 04 2019", *SENTENCES[:2]).published_at == "2019-04-23"


def test_the_sites_date_over_its_masthead_or_from_a_widget_or_a_day_before_the_storys_today():
    speaker = "وزير الري الأسبق: السد الأثيوبي مخطط أمريكي وتنفيذ أثيوبي لضرب إرث الزعيم الراحل في مصر"
    masthead = ["هي وهما", "السبت 21 مارس 2026 02:04 مـ 2 شوال 1447 هـ", "هي وهما رئيس مجلس الإدارةأميرة عبيد"]
    article = _page(*masthead, speaker, *SENTENCES[:2])
    assert (article.title, article.published_at) == (speaker, None)
    assert _page("الثلاثاء 30 أبريل 2024", "booked.net", HEADLINE, *SENTENCES[:2]).published_at is None
    today = "أعلن المجلس الشعبي الوطني، اليوم الأحد، عن تأجيل التصويت على مشروعي القانونين إلى جلسة لاحقة."
    assert _page("18 مايو 2024 06:48", HEADLINE, today, *SENTENCES[:2]).published_at is None  # a Saturday
    assert _page("19 مايو 2024 06:48", HEADLINE, today, *SENTENCES[:2]).published_at == "2024-05-19"


def test_a_paragraph_closed_by_the_agencys_dated_credit_is_the_story_and_gives_its_date():
    story = " ".join([*ENGLISH] * 4) + " (©AFP / 12 mai 2018 04h34)"
    assert len(story.split()) > 120
    article = _page(f"date 2018-05 {story}")
    assert article.body.startswith(ENGLISH[0][:40]) and article.published_at == "2018-05-12"


def test_an_issues_date_a_dateline_with_the_gregorian_mark_and_a_masthead_under_the_sites_today():
    assert _page("العدد الحادي والسبعون- 15 سبتمبر 2025", HEADLINE, *SENTENCES[:2]).published_at == "2025-09-15"
    lead = "مكتب الإعلام محافظة شبوة الاحد 4 مايو 2025 م تشهد المحافظة حراكا تنمويا نشطا على مختلف الأصعدة والمستويات."
    assert _page("محليات وأخبار", lead, *SENTENCES[:2]).published_at == "2025-05-04"
    long_headline = "طائرة سعودية تقل عددا من وزراء الحكومة وقادة عسكريين من عدن إلى الرياض مساء اليوم"
    masthead = ["الجمعة 29 مارس 2024 03:03 مـ 19 رمضان 1445 هـ", "المشهد اليمني رئيس التحريرعبد الرحمن البيل"]
    assert _page(*masthead, long_headline, *SENTENCES[:2]).published_at is None
    labelled = ["اخبار تونس", "نشر بتاريخ: ١٠ تموز ٢٠٢٥", HEADLINE]
    today = "قالت إذاعة تونسية إن محكمة أصدرت اليوم الثلاثاء أحكاما بالسجن على عدد من المتهمين في القضية."
    assert _page(*labelled, today, *SENTENCES[:2]).published_at == "2025-07-10"  # labelled: the page's own


def test_a_dateline_in_braces_is_no_code_and_a_last_paragraph_before_related_links_is_the_storys():
    story = "{البصرة: الفرات نيوز}بحث المحافظ مع القنصل الجديد سبل التعاون في كافة المجالات. " + " ".join(SENTENCES)
    assert not is_chrome(story) and _page(story).body.startswith("{البصرة")
    last = "ومن جهة اخرى اكدت مصادر مطلعة عن زيارة مرتقبة لوزير خارجية روسيا للخرطوم الاربعاء المقبل"
    article = _page(HEADLINE, *SENTENCES[:3], last, "مقالات ذات صلة", "زر الذهاب إلى الأعلى")
    assert article.body.endswith(last)
    links = ["More Stories", "Italian mayor vows to stop sale of islet", "Elon Musk heaps praise on a rival"]
    assert not any(link in _page("Sudan’s army retakes a base", *ENGLISH, *links).body for link in links)
