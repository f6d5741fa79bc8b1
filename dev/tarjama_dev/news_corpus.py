"""The synthetic news-like parallel corpus (Arabic, English) that trained the test translation
package (models/translate-ar_en-tarjama_test-1.0.argosmodel): templates filled with people,
roles, cities, countries, organisations, topics and days. Tests and benchmarks build their
articles from it, so that the test package knows every word they use.
"""

from __future__ import annotations

import random

# Slot values: (Arabic, English). Each template uses a slot type at most once,
# since repeated slot types are where a model this small goes wrong.
PEOPLE = [
    ("كيم جونغ أون", "Kim Jong Un"),
    ("فلاديمير بوتين", "Vladimir Putin"),
    ("أندريه بيلوسوف", "Andrei Belousov"),
    ("جو بايدن", "Joe Biden"),
    ("دونالد ترامب", "Donald Trump"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("إيمانويل ماكرون", "Emmanuel Macron"),
    ("أنطونيو غوتيريش", "Antonio Guterres"),
    ("رجب طيب أردوغان", "Recep Tayyip Erdogan"),
    ("يون سوك يول", "Yoon Suk Yeol"),
    ("فولوديمير زيلينسكي", "Volodymyr Zelensky"),
    ("الملك عبد الله الثاني", "King Abdullah II"),
    ("محمد شياع السوداني", "Mohammed Shia al-Sudani"),
    ("نجيب ميقاتي", "Najib Mikati"),
]
ROLES = [
    ("وزير الدفاع الروسي", "Russian defence minister"),
    ("وزير الخارجية المصري", "Egyptian foreign minister"),
    ("رئيس الوزراء العراقي", "Iraqi prime minister"),
    ("الأمين العام للأمم المتحدة", "UN secretary-general"),
    ("الزعيم الكوري الشمالي", "North Korean leader"),
    ("الرئيس الأمريكي", "US president"),
    ("الرئيس الفرنسي", "French president"),
    ("وزير المالية الأردني", "Jordanian finance minister"),
    ("رئيس الحكومة اللبنانية", "Lebanese prime minister"),
    ("وزير الطاقة القطري", "Qatari energy minister"),
]
CITIES = [
    ("القاهرة", "Cairo"),
    ("بيونغ يانغ", "Pyongyang"),
    ("موسكو", "Moscow"),
    ("باريس", "Paris"),
    ("بغداد", "Baghdad"),
    ("الرياض", "Riyadh"),
    ("سيول", "Seoul"),
    ("كييف", "Kyiv"),
    ("دمشق", "Damascus"),
    ("عمان", "Amman"),
    ("بيروت", "Beirut"),
    ("الدوحة", "Doha"),
    ("واشنطن", "Washington"),
    ("جنيف", "Geneva"),
]
COUNTRIES = [
    ("روسيا", "Russia"),
    ("مصر", "Egypt"),
    ("كوريا الشمالية", "North Korea"),
    ("كوريا الجنوبية", "South Korea"),
    ("أوكرانيا", "Ukraine"),
    ("الصين", "China"),
    ("فرنسا", "France"),
    ("العراق", "Iraq"),
    ("الأردن", "Jordan"),
    ("لبنان", "Lebanon"),
    ("قطر", "Qatar"),
    ("السعودية", "Saudi Arabia"),
    ("الولايات المتحدة", "the United States"),
    ("تركيا", "Turkey"),
    ("سوريا", "Syria"),
]
ORGS = [
    ("الأمم المتحدة", "the United Nations"),
    ("الاتحاد الأوروبي", "the European Union"),
    ("جامعة الدول العربية", "the Arab League"),
    ("البنك الدولي", "the World Bank"),
    ("صندوق النقد الدولي", "the International Monetary Fund"),
    ("منظمة الصحة العالمية", "the World Health Organization"),
    ("حلف شمال الأطلسي", "NATO"),
]
TOPICS = [
    ("العلاقات العسكرية", "military relations"),
    ("التعاون الاقتصادي", "economic cooperation"),
    ("التجارة", "trade"),
    ("الأمن الغذائي", "food security"),
    ("إمدادات الغاز", "gas supplies"),
    ("المساعدات الإنسانية", "humanitarian aid"),
    ("الطاقة المتجددة", "renewable energy"),
    ("إعادة الإعمار", "reconstruction"),
    ("الاستثمار", "investment"),
    ("التعاون الأمني", "security cooperation"),
    ("المياه", "water"),
    ("التعليم", "education"),
]
DAYS = [
    ("السبت", "Saturday"),
    ("الأحد", "Sunday"),
    ("الاثنين", "Monday"),
    ("الثلاثاء", "Tuesday"),
    ("الأربعاء", "Wednesday"),
    ("الخميس", "Thursday"),
    ("الجمعة", "Friday"),
]
SLOTS = {
    "PERSON": PEOPLE,
    "ROLE": ROLES,
    "CITY": CITIES,
    "COUNTRY": COUNTRIES,
    "ORG": ORGS,
    "TOPIC": TOPICS,
    "DAY": DAYS,
}
TEMPLATES = [
    ("{PERSON} يصل إلى {CITY} في زيارة رسمية.", "{PERSON} arrives in {CITY} on an official visit."),
    ("التقى {PERSON} {ROLE} في {CITY} يوم {DAY}.", "{PERSON} met the {ROLE} in {CITY} on {DAY}."),
    (
        "قال {PERSON} إن {COUNTRY} تريد تعزيز {TOPIC} مع {ORG}.",
        "{PERSON} said that {COUNTRY} wants to strengthen {TOPIC} with {ORG}.",
    ),
    (
        "أعلنت {ORG} يوم {DAY} عن خطة جديدة من أجل {TOPIC} في {COUNTRY}.",
        "{ORG} announced on {DAY} a new plan for {TOPIC} in {COUNTRY}.",
    ),
    ("وقعت {COUNTRY} اتفاقية بشأن {TOPIC} في {CITY}.", "{COUNTRY} signed an agreement on {TOPIC} in {CITY}."),
    ("أرسلت {COUNTRY} أكثر من {NUM} جندي إلى {CITY}.", "{COUNTRY} sent more than {NUM} soldiers to {CITY}."),
    ("ناقش {ROLE} ملف {TOPIC} مع وفد من {ORG}.", "The {ROLE} discussed {TOPIC} with a delegation from {ORG}."),
    ("دعا {PERSON} إلى وقف إطلاق النار في {COUNTRY}.", "{PERSON} called for a ceasefire in {COUNTRY}."),
    (
        "قالت وزارة الخارجية في {CITY} يوم {DAY} إن المحادثات كانت مثمرة.",
        "The foreign ministry in {CITY} said on {DAY} that the talks were productive.",
    ),
    (
        "ارتفعت أسعار النفط بنسبة {NUM} في المئة بعد قرار {ORG}.",
        "Oil prices rose by {NUM} percent after the decision of {ORG}.",
    ),
    ("استقبل {ROLE} {PERSON} في {CITY}.", "The {ROLE} received {PERSON} in {CITY}."),
    ("تعهدت {ORG} بتقديم {NUM} مليون دولار إلى {COUNTRY}.", "{ORG} pledged {NUM} million dollars to {COUNTRY}."),
    ("وصل {PERSON} إلى {CITY} لإجراء محادثات حول {TOPIC}.", "{PERSON} arrived in {CITY} for talks on {TOPIC}."),
    (
        "حذر {PERSON} يوم {DAY} من تدهور الأوضاع في {COUNTRY}.",
        "{PERSON} warned on {DAY} of a deterioration of the situation in {COUNTRY}.",
    ),
    ("{PERSON} يزور {CITY} لبحث {TOPIC}", "{PERSON} visits {CITY} to discuss {TOPIC}"),
    ("عقدت {ORG} اجتماعا طارئا في {CITY} يوم {DAY}.", "{ORG} held an emergency meeting in {CITY} on {DAY}."),
    ("اتفق {ROLE} على تعزيز {TOPIC} مع {COUNTRY}.", "The {ROLE} agreed to strengthen {TOPIC} with {COUNTRY}."),
    (
        "قالت وسائل إعلام رسمية في {COUNTRY} إن {PERSON} وصل إلى {CITY}.",
        "State media in {COUNTRY} said that {PERSON} arrived in {CITY}.",
    ),
]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_pair(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.1:  # bare slot values teach the lexicon directly
        ar, en = rng.choice(rng.choice(list(SLOTS.values())))
        return ar, en
    ar, en = rng.choice(TEMPLATES)
    for slot, values in SLOTS.items():
        if "{" + slot + "}" in ar:
            value_ar, value_en = rng.choice(values)
            ar = ar.replace("{" + slot + "}", value_ar)
            en = en.replace("{" + slot + "}", value_en)
    number = str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)]))
    return ar.replace("{NUM}", number), _capitalize(en.replace("{NUM}", number))


def make_corpus(size: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [make_pair(rng) for _ in range(size)]
