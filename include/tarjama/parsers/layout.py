"""What every format shares once it has a headline and lines of text: site chrome removed
(and kept aside for the provenance), byline, dateline and agency read from the top of the
story, and the publication date's fallbacks (the dateline, then the URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tarjama.arabic_ner import in_name_lists, name_key
from tarjama.dates import find_explicit_dates, publication_date
from tarjama.errors import ArticleError
from tarjama.gazetteer import gazetteer
from tarjama.models import ParsedArticle
from tarjama.text import ENDS_MID_SENTENCE, FUNCTION_WORDS, LINE_ENDS_SENTENCE, REPORTING_VERB, fold_arabic

SENTENCE_PUNCTUATION = re.compile(r"[.!?؟،,:؛\"«»“”]")
MAX_CHROME_WORDS = 4
MAX_TITLE_CHARS = 300


def _furniture_key(text: str) -> str:
    return " ".join(fold_arabic(text).strip(" -–—:|•·").casefold().split())


# Lines that are site furniture wherever they appear: the words news sites print around every
# story (menus, share, print, comments, ads, related links, mastheads), compared folded.
_FURNITURE_WORDS = """
اقرأ أيضا | اقرأ المزيد | الأكثر قراءة | الأكثر مشاهدة | الأكثر تداولا | أخبار ذات صلة | مواضيع ذات صلة |
قد يعجبك أيضا | قد يهمك أيضا | شارك | شارك الخبر | شارك على | شارك هذا المقال | مشاركة | تابعنا |
أخبار عاجلة | عاجل | آخر الأخبار | أحدث الأخبار | الرئيسية | القائمة | بحث | إعلان | مساحة إعلانية |
حجم الخط | تكبير الخط | تصغير الخط | طباعة | صفحة للطباعة | التعليقات | تعليقات | أضف تعليق |
أكتب تعليقك هنا | كلمات مفتاحية | الوسوم | المزيد | اتصل بنا | من نحن | شخصية العام | كاريكاتير |
استطلاعات الرأي | تطبيق مصراوي | اترك تعليقا | اترك ردا | اترك رد | مواضيع متعلقة | أخبار متعلقة |
موضوعات متعلقة | مقالات متعلقة | مقالات ذات صلة | الأكثر تعليقا | تم نسخ الرابط |
Leave a Reply | Leave a comment | Laisser un commentaire | Post a Comment | Rate this Article | Share more |
Lire plus | En lire plus | Légende Image | Mis à jour le |
Advertisement | Sponsored | Accessibility links | Close Menu | Menu | Search | Skip to content | Loading |
Subscribe | Subscribe to a channel | Share | Share this | Share on | Print | Comments | Related |
Related articles | You may also like | Newsletter | Most read | Most popular | Read more | Sign up | Tags |
Your Views | Send us your views | Today's Paper | fbpx | logo | logo-print | reuters_tickers | spot_img |
You are here | You are here: Home | author name | Search This Blog | Powered by Blogger |
Publicité | Rechercher | Partager | Imprimer | Commentaires | S'abonner | Lire aussi | À lire aussi |
Vous êtes ici | Retour au format normal | Version imprimable | Version à imprimer |
Dans la même catégorie | Sur le même sujet | Spread the news | الأخبار العاجلة | Postez un commentaire |
Charte des commentaires | Réagir | Réagissez | Listen to the article | Listen to this article |
استمع إلى المقال | استمع للمقال | Écouter l'article | Écouter cet article | أضيف بواسطة | أضف تقييم |
Articles récents | Recent Posts | Recent articles | Tagged | Partager via | Share via | Plus d'options |
More options | Aucun commentaire | No comments | Articles les plus lus | Les plus lus | Share your views |
J'accepte | J’accepte | I accept | Accept | أوافق | انتهى | إنتهى | الكلمات المفتاحية | الكلمات الدلالية |
Contactez-nous | Nous contacter | Contact us | Contact | Contacts | About us | À propos | Related posts |
زر الذهاب إلى الأعلى | العودة إلى الأعلى | الذهاب إلى الأعلى | Back to top | Retour en haut
"""
CHROME_LINES = {_furniture_key(words) for words in _FURNITURE_WORDS.split("|")}
_TICKER_LABELS = {
    _furniture_key(words)
    for words in ("آخر الأخبار", "أحدث الأخبار", "أخبار عاجلة", "شريط الأخبار", "Latest news", "Breaking news")
}
_SITE_HEADER_LINES = {_furniture_key("logo")} | _TICKER_LABELS
# Headings over lists of links to other stories, whose dates are theirs.
_LINK_LIST_HEADINGS = _TICKER_LABELS | {
    _furniture_key(words)
    for words in (
        *("أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار متعلقة", "مواضيع متعلقة", "موضوعات متعلقة"),
        *("مقالات متعلقة", "اقرأ أيضا", "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تعليقا"),
        *("قد يعجبك أيضا", "قد يهمك أيضا", "Related", "Related articles", "You may also like", "Most read"),
        *("Most popular", "Recent Posts", "Recent articles", "Articles récents", "Lire aussi"),
        *("Dans la même catégorie", "Sur le même sujet", "Articles les plus lus", "Les plus lus"),
        *("عناوين ذات صلة", "عناوين متعلقة", "Related posts", "Related stories", "Articles similaires"),
        *("More stories", "Top stories", "Latest stories", "More news", "Plus d'articles", "À lire également"),
    )
}
# "المزيد من بوابة الوسط", "More from Opinion": a heading over more of the site's or the column's stories
_MORE_FROM = re.compile(r"^(?:المزيد من|More from|More in|Plus de la rubrique)\s+\S+(?:\s+\S+){0,3}$", re.IGNORECASE)
# A masthead: "رئيس التحرير" over the editor's name.
MASTHEAD_TITLES = (
    r"رئيس التحرير|رئيس مجلس[يى]? الإدارة|رئيس مجلس[يى]? الادارة|مدير التحرير"
    r"|Editor[- ]in[- ]Chief|Rédacteur en chef|Chairman"
    r"|(?:Conseiller|Directeur|Secrétaire) de (?:la )?(?:rédaction|publication)"
)
_FURNITURE_STARTS = re.compile(
    r"^(?:[•·▪►»|]\s*)?(?:facebook|twitter|x \(twitter\)|google\+|youtube|rss|instagram|telegram|whatsapp|"
    r"فيسبوك|تويتر|يوتيوب|الانستغرام|واتساب)\b.{0,40}$"
    r"|^(?:تم نشر هذا المحتوى على|أنت الآن تتصفح|More forecasts:|Posts Tagged|Page \d+ of|Abonnez-vous|Follow us"
    rf"|{MASTHEAD_TITLES}|Weather Data"
    r"|لن يتم نشر عنوان بريدك|Your email address will not be published"
    r"|[تي]صدر عن"  # a newspaper's imprint: "تصدر عن مؤسسة الوحدة للصحافة"
    # the paper's name ("صحيفة صدى الشعب"), or its name and the writer's ("جريدة طنجة – ع. كنوني")
    r"|(?:صحيفة|جريدة)\s+\S+(?:\s+\S+)?\s*(?:$|[-–—]\s.{0,40}$)"
    r"|Envoyer à un ami|Connectez-vous|Se connecter|Log in to|Sign in to"
    r"|(?:\d\.\s*)?(?:Skip to|Aller au contenu|(?:تخطى|تخطي) إلى|انتقل إلى (?:المحتوى|القائمة))"
    r"|Sign up (?:for|to)|تسجيل (?:ال)?دخول|التسجيل عبر|الناشر\s*:"
    # a comment form: "انضم الى المحادثة", "Join the conversation", "255 حرف متبقي"
    r"|(?:انضم|انضموا) (?:الى|إلى) (?:المحادثة|النقاش)|Join the (?:conversation|discussion)"
    r"|\d+\s+(?:حرف|أحرف|characters?|caractères?)\s+(?:متبقي|متبقية|remaining|left|restants?)$"
    r"|Dernière mise à jour|Last updated"
    # a comment form's labels; "share it on WhatsApp"
    r"|Your (?:Name|Email|Comment)\b|Enter Image Text|Did you like this|Rates\s*:|Ses derniers articles"
    r"|There are no comments|No comments yet|لا تعليقات حتى الآن|Add your comment|لا توجد تعليقات"
    r"|Comments are closed|التعليقات مغلقة|Les commentaires sont fermés|Please enter your (?:comment|name|email)"
    r"|شارك (?:من خلال|عبر|على)"
    # cookie, newsletter and subscription prompts; who built the site
    r"|اشترك للحصول على|Subscribe (?:or|to|now)|اكتشاف المزيد من|Discover more from"
    r"|تصميم و ?تطوير|تصميم و ?برمجة|Maintained and developed by|Powered by|Designed by|Developed by)"
    r"|^(?:إجعل|اجعل|Make)\s.{0,40}(?:صفحتك الرئيسية|your homepage)$"
    r"|^\d+\s*(?:دقيقة|دقائق|min|min read|minutes? read)$"
    # how long ago the page was posted: "منذ ثانية واحدة", "منذ 3 ساعات", "2 hours ago", "il y a 5 min"
    r"|^(?:منذ|قبل|il y a)\s+(?:\d+\s+)?(?:ثاني|ثوان|دقيق|دقائق|ساع|يوم|أيام|ايام|أسبوع|اسبوع|شهر|أشهر"
    r"|min|heure|jour)\S*(?:\s+واحدة?)?$|^\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\s+ago$"
    # a counter of views or comments, or the story's number: "Lus : 2663", "عدد الزيارات : 2", "Story Code: 655359"
    r"|^(?:Lus|Vues|Views|Comments|Commentaires|Réactions|عدد (?:المشاهدات|المشاهدة|الزيارات|القراءات|التعليقات)"
    r"|(?:Story|News|Article|Post) (?:Code|ID|No\.?|Number)|(?:رقم|كود|رمز) (?:الخبر|المقال|الموضوع)"
    r"|المشاهدات|القراءات|التعليقات)\s*:?\s*\d[\d,.\s]*$"
    r"|^(?:Traduit de l['’]\w+ par|Translated from \w+ by)\s"  # "Traduit de l’Arabe par Cridem"
    r"|^\d[\d,.٬\s]*\s*(?:views?|vues|lectures|مشاهدة|مشاهدات|قراءة|زيارة)$"  # "25 View", "1٬039 مشاهدة"
    r"|^-?\d+(?:[.,]\d+)?\s*°?\s*[CF]?$"  # a temperature widget
    r"|^[\d\s|:.,/+-]*$",
    re.IGNORECASE,
)
# Short lines that are furniture wherever the words stand in them: copyright and paywall notices.
_FURNITURE_NOTICE = re.compile(
    r"جميع الحقوق محفوظة|حقوق النشر|All rights reserved|Tous droits réservés|©|\bCopyright\b"
    r"|réservée? aux abonnés|Subscribers? only|للمشتركين فقط|خاص بالمشتركين"
    r"|(?:Déjà|Dèjà) abonné|S'abonner pour lire|Already a subscriber|Subscribe to read",
    re.IGNORECASE,
)
# A logo's text: its alt text ("وورلد برس عربي logo"), or its name in spaced letters ("M A G H R E B").
_LOGO = re.compile(r"\blogo\b", re.IGNORECASE)
_SPACED_LETTERS = re.compile(r"^(?:\w\s){3,}\w$")
_MASTHEAD_TITLE = re.compile(rf"^(?:{MASTHEAD_TITLES})\s*:?\s*$", re.IGNORECASE)
# ... or the title and the name on one line, the site's name before them, glued or not: "رئيس مجلس
# الإدارة: فوزي بدوي", "هي وهما رئيس مجلس الإدارةأميرة عبيد"
_MASTHEAD = re.compile(
    rf"^(?:[^\W\d_][\w.'’-]*\s+){{0,4}}(?:{MASTHEAD_TITLES})\s*:?(?:\s*[^\W\d_][\w.'’-]*){{0,6}}\s*$", re.IGNORECASE
)
_MASTHEAD_TITLES_ANYWHERE = re.compile(MASTHEAD_TITLES, re.IGNORECASE)
_MAX_FURNITURE_WORDS = 12  # longer lines are judged as text, not by the words they start with
_BREADCRUMB_SEPARATORS = re.compile(r"\s[»›>]\s|^\s*[»›>]")
_HOME = {"الرئيسية", "الصفحة الرئيسية", "home", "accueil"}
_DASH_SEPARATOR = re.compile(r"\s[-–—]\s")  # "الرئيسية - محافظات وأقاليم - <headline>"
# Notices of any length: cookies, prompts to subscribe or follow the site's channels, disclaimers,
# lists of tags, a search box's prompt, a link to a syndicated story's original, a print view's footer.
_SITE_NOTICE = re.compile(
    r"^(?:يستخدم هذا الموقع ملفات|This (?:web)?site uses cookies|Ce site utilise des cookies"
    r"|En poursuivant votre navigation|By continuing to (?:browse|use)|باستمرارك في (?:تصفح|استخدام)"
    r"|By using (?:our|this) (?:web)?site,? you agree"
    r"|(?:Notre |Our )?(?:politique de confidentialité|Privacy Policy)\b.{0,40}$|سياسة الخصوصية.{0,40}$"
    r"|Subscribe to our (?:\w+ )?newsletter|Abonnez-vous à (?:notre|la) newsletter|اشترك في (?:نشرتنا|النشرة)"
    r"|(?:For the latest (?:news|headlines),? )?follow (?:us|our) [^.]{0,40}"
    r"\b(?:Google News|WhatsApp|Telegram|channel)"
    r"|(?:Restez informée?s?|Stay (?:informed|updated|tuned)) (?:en suivant|by following|with|on)\b.{0,60}$"
    # "ليصلك المزيد من الأخبار اشترك بقناتنا على التليكرام": join our channel
    r"|.{0,40}\b(?:اشترك|اشتركوا|انضم|انضموا)\s+(?:\S+\s+)?(?:ب|في\s+|الى\s+|إلى\s+)?(?:قناتنا|قناة|مجموعتنا).{0,40}$"
    # "تابعونا على فيسبوك", "Suivez-nous sur Twitter": follow the site on a network
    r"|(?:تابعونا|تابعنا|Suivez-nous|Follow us)\s+(?:على|عبر|في|on|sur|via)\s.{0,30}$)"
    # an empty comment thread's prompt: "Il n'y a actuellement aucun commentaire concernant cet article."
    r"|^(?:Il n['’]y a (?:actuellement |encore )?(?:aucun|pas (?:encore )?de) commentaire"
    r"|Soyez (?:le )?premiers? à (?:commenter|réagir|donner votre avis)|Be the first to (?:comment|review)"
    r"|كن (?:أول|اول) من (?:يعلق|يعلّق|يضيف تعليق))"
    # a comment section's disclaimer: "Comments reflect the opinions of the visitor and not those of ..."
    r"|^(?:The )?comments (?:reflect|represent|express|are) (?:the )?(?:opinions?|views?) of"
    r"|^Les commentaires (?:reflètent|n['’]engagent)|^(?:التعليقات|تعليقات القراء) (?:تعبر|لا تعبر|تعكس)"
    # a site's disclaimer: "Les articles ... n'engagent que leur(s) auteur(s)", "لا تعبر بالضرورة عن رأي الموقع"
    r"|^.{0,120}(?:(?:n['’]engagent que|sont la propriété de) leurs?(?:\(s\))? auteurs?"
    r"|n['’]engagent pas la responsabilité|لا تعبر(?: بالضرورة)? عن رأي (?:الموقع|الصحيفة|الجريدة))"
    r"|^(?:Tags|Topics|Mots[- ]clés|الوسوم|كلمات مفتاحية)\s*:\s*\S+(?:\s\S+){0,4}\s*[,،]"  # "Tags : Libye, ..."
    # a search box's prompt: "أدخل كلمات البحث واضغط على إدخال.", "Type above and press Enter to search."
    r"|^(?:أدخل|اكتب) (?:كلمات?|كلمة) البحث|^(?:Type|Enter) (?:above |your |search )?\S*\s*and (?:press|hit) Enter"
    r"|^Press Enter to search|^Tapez (?:votre recherche|et appuyez)"
    r"|^[أا]بحث عن شيء|^(?:Search for|Looking for) something|^Vous cherchez quelque chose"  # "أبحث عن شيء أخر"
    # an archive's notice: "Cet article date de plus de sept ans.", "This article is more than 5 years old"
    r"|^Cet article (?:date de|a) plus (?:de\s+|d['’])\S+\s+ans?\b|^This article is more than \S+ years? old"
    r"|^(?:Lire l['’]article original sur|Read the original article on)\s.{0,60}$"  # a syndicated story's link
    # a print view's footer
    r"|^تم طباعة (?:هذا|هذه) (?:الخبر|المقال|الموضوع) من|^(?:This article was )?printed from\b",
    re.IGNORECASE,
)
# A ticker of share prices: "AHC: 0.80(%)   AIB: 1.09(%)   AIG: 0.17(%)".
_STOCK_QUOTES = re.compile(r"(?:\b[A-Z]{2,6}\s*:\s*[-+]?\d+(?:[.,]\d+)?\s*\(?%\)?\s*){3}")
# Furniture found inside stories too: page code, "read also" links, ads.
# Code, not words in braces: "{color: red;}", not a dateline's "{البصرة: الفرات نيوز}".
_CODE = re.compile(r"\{[^{}\u0600-\u06ff]*[:;][^{}\u0600-\u06ff]*\}|\{\{|function\s*\(|document\.\w|=>|\bvar \w+ ?=")
_RELATED_LINK = re.compile(
    r"^(?:>>\s*|[-•·▪►]\s*)?(?:اقرأ|إقرأ|اقرا|طالع|شاهد|تابع)\s+(?:أيضا|أيضاً|أيضًا|ايضا|المزيد)\b|^\s*(?:➡️?|👉|🔗)"
    r"|^(?:>>\s*)?(?:lire (?:aussi|sur|également)|read (?:more|also)|see also|à lire aussi)\b|^à lire\s*:"
    # the links to the stories before and after this one, the label glued to the other's headline
    r"|^(?:article (?:précédent|suivant)|(?:previous|next) (?:article|post)"
    r"|(?:المقال|الخبر) (?:السابق|التالي))\s*:?\s*\S"
    r"|^(?:قد\s+)?(?:يهمك|يهمّك|يعجبك)\s"  # "قد يهمك <a link's headline>": "you may be interested in"
    # "- 2026-03-11 headline", "» 10.03.2011 - headline": a dated list of links
    r"|^[-•·▪»]\s*(?:(?:19|20)\d\d-\d\d-\d\d|\d\d?[./-]\d\d?[./-](?:19|20)\d\d\s*[-–—:]\s)",
    re.IGNORECASE,
)
# "صورة:", "صورة أرشيفية:", "Photo d'archives :", "File photo:": a picture's caption or credit follows
_CAPTION_LABEL_FORMS = (
    r"^(?:(?:photo|image|picture|صورة|الصورة)"
    r"(?:\s+(?:أرشيفية|ارشيفية|تعبيرية|توضيحية|من الأرشيف|d['’]archives?|d['’]illustration))?"
    r"|(?:file|archive|stock) (?:photo|picture|image))\s*:"
)
_CAPTION_LABEL = re.compile(_CAPTION_LABEL_FORMS, re.IGNORECASE)
_MAX_CREDIT_NAME_WORDS = 4  # "Photo: John Smith / AFP" credits; "صورة: <what it shows>" is a caption
_CREDIT = re.compile(
    r"©|(?i:\b(?:image|photo|picture) credit|\bcrédit photo|" + _CAPTION_LABEL_FORMS + r")"
    r"|\((?:الصورة|صورة|photo)\s*:|أرشيف\)|\bPhoto\s+[A-Z]"
    r"|\[(?:AFP|AP|Reuters|EPA|Getty|Anadolu|الفرنسية|رويترز)[^\]]*\]\s*$"
    r"|\b(?:REUTERS|AFP|AP|EPA|Getty Images)\s*/\s*[\w .-]+$"
    r"|\.\s*(?:Bloomberg|Reuters|AFP|AP|Getty Images|EPA|Shutterstock)\s*$"
    # a social account credited: "- X/@kuwaitclub"
    r"|[-–—]\s*(?:X|Twitter|Instagram|Facebook|TikTok|إكس|تويتر|انستغرام|إنستغرام|فيسبوك)\s*/\s*@[\w.]+\s*$"
)
# A credit in brackets ending a caption: "(AP Photo/Burhan Ozbilici)", "[Yassine Gaidi/Anadolu
# Agency]", "(رويترز/داود أبو الكاس)", "(Photo: BASHAR TALEB / AFP)": a photographer beside an
# agency or a photo, where a story's paragraph may end with its sources only ("(AFP/Reuters)").
_BRACKETED_CREDIT = re.compile(r"[\[(]([^\[\]()]{3,60})[\])]\s*$")
_PHOTO_WORD = re.compile(r"\b(?:photo|picture|image|صورة|الصورة|تصوير)\b", re.IGNORECASE)
_PHOTO_SHOWS = re.compile(r"^\s*(?:جانب|جانبا)\s+من\s")
# ... or a photo's subject and its source in brackets: "صورة المقبوض عليهم (وزارة الداخلية البحرينية)"
_PHOTO_OF = re.compile(r"^\s*(?:صورة|الصورة|صور|photo|picture|image)\s+[^:\s][^:]*\([^()]{3,60}\)\s*$", re.IGNORECASE)
# ... or what it shows, then where and when it was taken: "حشود ... في الإسكندرية، 10 ديسمبر 2023"
_WHEN_TAKEN = re.compile(r"[،,]\s*([^،,]{4,20}(?:,\s*(?:19|20)\d\d)?)\.?\s*$")
_MAX_CAPTION_DATE_WORDS = 4
_MIN_CAPTION_WORDS = 4
_MAX_CAPTION_WORDS = 120  # a wire photo's caption may run to 85 words of background
_ARCHIVE_PHOTO = re.compile(r"^FILE\s*[-–—:]\s", re.IGNORECASE)  # a wire photo's caption: "FILE - Houthi fighters ..."
_CREDIT_SEPARATORS = re.compile(r"\s+[-–—ـ_|]\s*|\s*[-–—ـ_|]\s+|\s*/\s*|\s*،\s*")  # ـ: a drawn-out dash
_CLOCK_TIME = r"(?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)\b\.?"
_TIME = re.compile(rf"^{_CLOCK_TIME}")
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
# A paragraph may end with its source: "... عينك”. المصدر/ A.A", "... salariales. (afp)".
_AGENCY_IN_BRACKETS = r"\(\s*(?:[^\W\d_]+\s?){1,3}\)"  # "(د ب ا)", "(AFP)", "(وكالات)"
_TRAILING_SOURCE = re.compile(
    rf"\s+(?:المصدر|المصادر|Source|Sources)\s*[:/].{{1,40}}$|(?<=[.!?؟])\s*{_AGENCY_IN_BRACKETS}$"
    r"|(?<=[.!?؟])\s*(?:Enditem|\(?End\)?|\(?انتهى\)?|-?انتهى-?)$",  # an agency's end mark: "... 100,000. Enditem"
    re.IGNORECASE,
)
# A verb of saying opens a clause, never a credit or a byline.
_REPORTING_VERB = re.compile(rf"^{REPORTING_VERB}\s")
_MIN_PROSE_WORDS = 8
_SOURCE_WORD = re.compile(r"^(?:avec|with|via)\s+", re.IGNORECASE)
# "From Belfast Telegraph", "Data source: CAF": an outlet credited alone on its line
_CREDITED_OUTLET = re.compile(r"^\s*(?:From|(?:Data )?[Ss]ources?\s*:)\s*(?:[A-Z][\w.&'’-]*\s?){1,5}$")
_CLAUSE_WORDS = frozenset(word for word in FUNCTION_WORDS if re.match(r"[\u0621-\u064a]", word)) - {"من", "و"}
_LONG_LINE_WORDS = 25
_MIN_MENU_WORDS = 6
_MIN_MENU_SECTIONS = 4
_MIN_FURNITURE_MENU_WORDS = 3  # "الرئيسية عاجل القائمة البحث": each word one of the site's own items
_MAX_MENU_ITEM_WORDS = 4
# The sections of a news site, as its menu names them.
_SECTION_WORDS = """
محليات محلي عربي عربية دولي دولية عالمي عالمية اقتصاد سياسة ثقافة فن فنون رياضة منوعات مقالات تحقيقات
مقابلات حوارات ترجمات تقارير صحة علوم تكنولوجيا مجتمع حوادث فيديو كاريكاتير آراء ملفات سياحة أخبار الأخبار
news world business sport sports politics culture opinion health tech technology lifestyle entertainment
videos economy travel science actualités monde politique économie société santé opinions vidéos
"""
_SECTION_NAMES = frozenset(_furniture_key(word) for word in _SECTION_WORDS.split())
_MIN_FUNCTION_WORD_SHARE = 0.1
_LIVE_ENTRY_WORDS = 4
_MAX_CAPITALISED_NAME_WORDS = 3
_MAX_BROKEN_SENTENCE_LINES = 4
MAX_LABEL_WORDS = 3  # a label's words: "نشر بتاريخ:", a section's name beside a date
_FALLBACK_PROSE_WORDS = 15
_LONG_LIST_ITEM_WORDS = 15
_NUMBERED_ITEM = re.compile(r"^\(?(\d{1,2})\s?[).\-–—]\s*[^\s\d]")  # "1) ", "2. ", "3- ", "4 – ", not "1-0"
_MIN_NUMBERED_ITEMS = 3
# A link to the story before or after this one, its headline on the next line (and its date under it).
_NEIGHBOUR_LINK_LABEL = re.compile(
    r"^(?:(?:المقال|الخبر|الموضوع)\s+(?:السابق|التالي)|المقالة\s+(?:السابقة|التالية)"
    r"|(?:previous|next)\s+(?:article|post|story)|article\s+(?:précédent|suivant))\s*:?$",
    re.IGNORECASE,
)
_INLINE_LINK_LABELS = {_furniture_key(words) for words in ("اقرأ أيضا", "Lire aussi")}  # also inside stories
_FULL_STOP_END = re.compile(r"\.[\"'»”’)\]]*\s*$")
_ITEM_BULLET = re.compile(r"\s[•▪]\s")
_LONE_BULLET = re.compile(r"^\s*[-–•·▪*]\s*$")
_LINK_ITEM_END = re.compile(r"[.!؛;:][\"'»”’)\]]*\s*$")  # a headline ends without a full stop, or on "?"
_SIGN_OFF = re.compile(rf"^{_AGENCY_IN_BRACKETS}\.?$")
_MIN_INTRO_WORDS = 3
_MIN_SHORT_SENTENCE_WORDS = 4
MENU_ITEM = re.compile(r"^[•·▪►◄>»|+✕-]")
_STORY_DATE_CHARS = 160
_GREGORIAN_MARK = re.compile(r"^\s*مـ?(?=\s|$)")  # after a date: "4 مايو 2025 م"
_CUT_AFTER_COMMA = re.compile(r"\S\s+\S+[،,]\s*$")  # two words or more, then a comma
CLAUSE_COMMA = re.compile(r"[^\W\d_][،,]\s")
_DATELINE_PLACE_WORDS = 4
_MIN_WRITER_WORDS, _MAX_WRITER_WORDS = 2, 4
# After a dateline's date: an agency in brackets, then a dash or a colon ("ــ" is a drawn-out dash);
# or after a comma ("Jérusalem, le 31 janvier 2019, WAFA-"); or the agency between slashes, as
# Xinhua and the Chinese services write it ("/شينخوا/").
_DATELINE_END = re.compile(
    r"\s*(?:[مـ]+\s*)?(?:(?:\([^()]{0,30}\)\s*|[،,]\s*[^\W\d_]{2,20}\s*)?(?:[-–—:]|ـ{2,})|/[^/\d]{2,40}/)"
)
_BYLINE_WORDS = r"كتب|كتبت|بقلم|بواسطة|إعداد|by|par"
# A byline before a dateline: "كتب ناصر المحيسن -", or a name of up to four words alone
# ("احمد وائل عمر - القاهرة في الجمعة 26 سبتمبر 2025 04:29 مساءً -").
_BYLINE_OPENING = re.compile(
    rf"^\s*(?:(?:{_BYLINE_WORDS})\s+[^-–—|،,:]{{2,40}}?|[^\W\d_]+(?:\s+[^\W\d_]+){{1,3}})\s[-–—|]\s*", re.IGNORECASE
)
# ... or the agency's name alone, then a dash: "رام الله 4-2-2026 وفا- أطلقت".
_DATELINE_AGENCY_END = re.compile(r"\s*(?P<agency>[^\W\d_][^\W\d_ ]{1,15}(?: [^\W\d_]{1,15})?)\s*[-–—:]")
TIME_OF_DAY = rf"{_CLOCK_TIME}(?:\s*(?:صباح[اًا]*|مساء[ًا]*|am|pm|GMT))?"  # "12:34 مساءً"
_DATELINE_TIME = re.compile(rf"^\s*(?:(?:الساعة|at|à)\s+)?{TIME_OF_DAY}", re.IGNORECASE)  # "الساعة 03:34 pm"
_PLACE_THEN_DASH = re.compile(r"^\s*(?P<place>[^\W\d_][^\d\-–—،,]{1,30}?)\s*[-–—،,]\s*$")
_TODAY_BEFORE = re.compile(r"(?:اليوم|today|aujourd'hui)(?:\s+\S+)?\s*\(\s*$", re.IGNORECASE)
_OPEN_BRACKET_PLACE = re.compile(r"\(\s*[^\W\d][^(),]{0,30},\s*$")
_MAX_DATE_LINE_WORDS = 24
HEADER_DATE_LINE_OTHER_WORDS = 6  # "muhammad ali محمد علی بدھ 24 جون 2015": a byline and the date
_BRACKETED = re.compile(r"\((?:[^()\s]+\s?){1,3}\)")
_MAX_DATE_LINE_SEGMENT_WORDS = 6  # "Adel Bin Ibrahim Elthabti | 28.11.2025": a byline beside the date
# Labels that can only name the publication date ("نشر في" also opens a story's sentence).
PUBLICATION_LABELS = (
    r"تاريخ\s+(?:النشر|الإضافة|الاضافة)|تم\s+نشره"
    r"|\b(?:published|posted|publish\s*date|publi[ée]e?\s+le|date de publication)\b"
)
# What a date line holds beside the date: weekdays, times, labels, view counts.
_DATE_LINE_NOISE = re.compile(
    r"\b(?:\d+|am|pm|gmt|utc|le|on|at|à)\b|[\d:|،,()\-–—/.]+"
    r"|(?:يوم\s+)?(?:ال)?(?:سبت|أحد|احد|إثنين|اثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche)\b"
    rf"|\bفي\b|نشر\s+(?:في|بتاريخ)|{PUBLICATION_LABELS}"
    r"|التاريخ|آخر\s+تحديث|اخر\s+تحديث|محدث|تحديث|الموافق|بتاريخ"
    r"|بتوقيت\s+[^\W\d_]+(?:\s+المكرمة)?|heure de [^\W\d_]+"  # a time's zone: "06:29 بتوقيت نيويورك"
    r"|الساعة|على|بتوقيت|منتصف\s+الليل|صباح[اًا]*|مساء[ًا]*|ظهر[اًا]*|عصر[اًا]*|مشاهدات|مشاهدة|قراءة|دقائق|دقيقة"
    r"|\b(?:last modified|updated?|mis à jour|date|views?|lecture|minutes?|min read)\b"
    r"|[•·▪]"
    r"|(?<![a-z])[a-z]+(?:_[a-z]+)+"  # an icon font's ligature: "calendar_month18/05/2022"
    r"|(?<!\w)(?:م|مـ|هـ|ه|ص|h)(?!\w)",
    re.IGNORECASE,
)
_PUBLISHED_LABEL = re.compile(rf"نشر\s+(?:في|بتاريخ)|{PUBLICATION_LABELS}", re.IGNORECASE)
_UPDATED_LABEL = re.compile(
    r"^\s*(?:آخر تحديث|تم التحديث|Last (?:updated|modified)|Updated|Mis à jour|Dernière mise à jour)", re.IGNORECASE
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
AGENCIES = {
    "رويترز": "رويترز",
    "reuters": "Reuters",
    "أ ف ب": "أ ف ب",
    "أ.ف.ب": "أ ف ب",
    "فرانس برس": "أ ف ب",
    "afp": "AFP",
    "ap": "AP",
    "أسوشيتد برس": "أسوشيتد برس",
    "الأناضول": "الأناضول",
    "واس": "واس",
    "وام": "وام",
    "قنا": "قنا",
    "كونا": "كونا",
    "بترا": "بترا",
    "سانا": "سانا",
    "بنا": "بنا",
    "العمانية": "العمانية",
    "وفا": "وفا",
    "واج": "واج",
    "وات": "وات",
    "ومع": "ومع",
    "لاماب": "ومع",
    "وال": "وال",
    "سونا": "سونا",
    "أ ش أ": "أ ش أ",
    "واص": "واص",
    "شينخوا": "شينخوا",
    "د ب أ": "د ب أ",
    "وكالات": "وكالات",
    "map": "MAP",
}
_AGENCY = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True))
_AGENCY_SIGN = re.compile(rf"^\(?(?:{_AGENCY})\)?\s+|\s+\(?(?:{_AGENCY})\)?$", re.IGNORECASE)
_AGENCY_NAME = re.compile(rf"(?:\b|©)(?:{_AGENCY})\b", re.IGNORECASE)
_PHOTO_AGENCY = re.compile(rf"\b(?:{_AGENCY}|Anadolu|EPA|Getty|Agency|Images|Press|الفرنسية|وكالة)\b", re.IGNORECASE)
# "LUSAIL, Qatar (AP) — ...", "PARIS (Reuters) - ...", "دبي 6 فبراير شباط (رويترز) – ...", "(وكالات):"
# A dash after the agency, or a one-word place ("Paris (AFP) Die ..."); not "Agence France-Presse (AFP) signed".
_AGENCY_DATELINE = re.compile(
    rf"^(?:(?P<place>[^()\n]{{0,60}}?)\s*\((?P<agency>{_AGENCY})\)\s*[—–:\-]"
    rf"|(?P<city>[^\W\d]+) \((?P<city_agency>{_AGENCY})\))\s*",
    re.IGNORECASE,
)
# "بيونغ يانغ - لبنان البوم", "الرياض - عبدالعزيز الدوسري", "Washington – Le président ..."
_PLACE_DASH = re.compile(r"^(?P<place>[^\s\d\-–—:]+(?: [^\s\d\-–—:]+)?)\s+[-–—]\s*(?P<rest>.+)$")
_BYLINE = re.compile(rf"^(?:{_BYLINE_WORDS})\b\s*:?\s*(?P<name>.+)$", re.IGNORECASE)
# "متابعة: ..." (followed by), "تحرير: ..." (edited by), "المؤلف: ..." (author), a form's "author name
# Arab Times": a byline's label that may also open a sentence, so only on a line that ends none
_DESK_BYLINE = re.compile(
    r"^(?:(?:متابعة|تحرير)\s*:?|(?:المؤلف|الكاتب|الكاتبة|Author|Auteur)\s*:|author name)\s*(?P<name>[^.!?؟]+)$",
    re.IGNORECASE,
)
_MAX_BYLINE_WORDS = 8
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")


def is_chrome(line: str) -> bool:
    """Site furniture wherever it stands: menus, share and subscribe lines, ads, widgets, code."""
    text = line.strip()
    if _CODE.search(text) or _RELATED_LINK.match(text) or _SITE_NOTICE.match(text) or _STOCK_QUOTES.search(text):
        return True
    if len(text.split()) > _MAX_FURNITURE_WORDS:
        return False
    return (
        _furniture_key(text) in CHROME_LINES
        or bool(_FURNITURE_STARTS.match(text) or _FURNITURE_NOTICE.search(text))
        or bool(_LOGO.search(text) and len(text.split()) <= MAX_CHROME_WORDS or _SPACED_LETTERS.match(text))
        or len(_MASTHEAD_TITLES_ANYWHERE.findall(text)) > 1  # a masthead glued into one line
        or is_breadcrumb(text)
        or _is_doubled(text)
        or is_time_stamp(text)
    )


def is_masthead_name(index: int, lines: list[str]) -> bool:
    """The name under a masthead title: "رئيس التحرير" then "د. وجدى زين الدين"."""
    after_title = index > 0 and bool(_MASTHEAD_TITLE.match(lines[index - 1]))
    return after_title and len(lines[index].split()) <= _MAX_BYLINE_WORDS


def is_breadcrumb(line: str) -> bool:
    """ "الرئيسية » أخبار وطنية » ...", "Home > World": a path, not «quoted» words."""
    if "«" in line:
        return False
    separators = len(_BREADCRUMB_SEPARATORS.findall(line))
    from_home = _furniture_key(_BREADCRUMB_SEPARATORS.split(line)[0]) in _HOME
    dashed_from_home = _furniture_key(_DASH_SEPARATOR.split(line)[0]) in _HOME and bool(_DASH_SEPARATOR.search(line))
    return dashed_from_home or separators >= (1 if line.lstrip()[:1] in "»›>" or from_home else 2)


def _is_doubled(text: str) -> bool:
    """A logo's text captured twice: "صحيفة وطن – الأرشيفصحيفة وطن – الأرشيف"."""
    letters = text.replace(" ", "")
    half = len(letters) // 2
    short = len(text.split()) <= 2 * MAX_CHROME_WORDS + 2
    return short and len(letters) >= 8 and len(letters) % 2 == 0 and letters[:half] == letters[half:]


def is_prose(line: str) -> bool:
    """Running prose: a sentence of eight words or more, or a long line with punctuation, or
    a live page's entry after its time ("20h05. Rebrab est toujours en détention"). A teaser
    cut with "..." is not, nor a date line, nor a long line without any punctuation (a menu
    glued into one line)."""
    words = len(line.split())
    if (stamp := _TIME.match(line)) and not date_line(line, HEADER_DATE_LINE_OTHER_WORDS):
        entry = [word for word in line[stamp.end() :].split() if sum(c.isalpha() for c in word) > 1]
        return len(entry) >= _LIVE_ENTRY_WORDS
    if words < _MIN_PROSE_WORDS or (_TEASER_END.search(line) and words < _LONG_LINE_WORDS) or is_chrome(line):
        return False
    if words >= _LONG_LINE_WORDS:
        return bool(SENTENCE_PUNCTUATION.search(line)) or _reads_as_sentences(line)
    if words >= _FALLBACK_PROSE_WORDS and len(CLAUSE_COMMA.findall(line)) >= 2:
        return True  # clauses of a sentence whose full stop the page left out
    line = _TRAILING_SOURCE.sub("", line)  # "... فسيأتي يوم ويقتلع عينك”. المصدر/ A.A"
    return bool(LINE_ENDS_SENTENCE.search(line)) and not date_line(line, HEADER_DATE_LINE_OTHER_WORDS)


def is_menu_line(line: str) -> bool:
    """A site's menu printed on one line: in capitals, six words or more and no function word
    ("HOME NEWS BUSINESS MOVIES CRICKET SPORTS"; a headline in capitals has "TO", "IN", "OF"), or
    naming four of the sections news sites have ("لبنان فلسطين عربي ودولي ... منوعات رياضة مقالات")."""
    words = line.split()
    in_capitals = all(word.isupper() for word in words) and not any(word.lower() in FUNCTION_WORDS for word in words)
    sections = sum(is_section_name(word) for word in words)
    if len(words) >= _MIN_MENU_WORDS and (in_capitals or sections >= _MIN_MENU_SECTIONS):
        return True
    return len(words) >= _MIN_FURNITURE_MENU_WORDS and _menu_items(words)


def _menu_items(words: list[str]) -> bool:
    """The words are a run of the site's own menu items: "الرئيسية عاجل القائمة البحث",
    "Contactez-nous Version imprimable" (an item may be of a few words), or sections' names."""
    covered = [True] + [False] * len(words)  # covered[i]: words[:i] are items
    for end in range(1, len(words) + 1):
        covered[end] = any(
            covered[start] and _menu_item(" ".join(words[start:end]))
            for start in range(max(0, end - _MAX_MENU_ITEM_WORDS), end)
        )
    return covered[-1]


def _menu_item(text: str) -> bool:
    key = _furniture_key(text)
    return key in CHROME_LINES or (key.startswith("ال") and key[2:] in CHROME_LINES) or is_section_name(text)


def is_section_name(word: str) -> bool:
    """A news site's section: "رياضة", "ومقالات", "الأخبار", "World"."""
    key = _furniture_key(word)
    return key in _SECTION_NAMES or (key[:1] == "و" and key[1:] in _SECTION_NAMES)


def _reads_as_sentences(line: str) -> bool:
    """A long line without punctuation is a story's sentences when one word in ten is a function
    word (في، أن، the, de): labels glued into a menu have almost none."""
    words = [word.lower() for word in line.split()]
    function = sum(_one_of(word, FUNCTION_WORDS) for word in words)
    return function >= _MIN_FUNCTION_WORD_SHARE * len(words)


def is_link_list_heading(line: str) -> bool:
    """ "مقالات ذات صلة", "Related articles", "Lire aussi": what follows links to other stories."""
    return _furniture_key(line) in _LINK_LIST_HEADINGS or bool(_MORE_FROM.match(line.strip()))


def is_site_header(line: str) -> bool:
    """The site's logo, its news ticker's label or its masthead ("رئيس التحرير"). (A story's own
    labels, "عاجل" or a share line, may stand between its date and its headline; these do not.)"""
    return _furniture_key(line) in _SITE_HEADER_LINES or bool(_MASTHEAD.match(line))


def is_caption(line: str) -> bool:
    """A photo caption or credit: "Photo: ...", "... © AFP", "... [AFP]", "(الصورة: فيسبوك)",
    "FILE - ...", or a short line that says what the photo shows, which a sentence does not end:
    "جانب من جولة المحافظ" (a view of the governor's tour), "صورة المقبوض عليهم (وزارة الداخلية)",
    "حشود ... في الإسكندرية، 10 ديسمبر 2023" (and when it was taken)."""
    if len(line.split()) > _MAX_CAPTION_WORDS:
        return False  # a story's paragraphs, ending on the agency's credit: "... (©AFP / 12 mai 2018 04h34)"
    short = len(line.split()) < _FALLBACK_PROSE_WORDS and not LINE_ENDS_SENTENCE.search(line)
    shows = short and bool(_PHOTO_SHOWS.match(line) or _PHOTO_OF.match(line))
    return _photo_credit(line) or bool(_ARCHIVE_PHOTO.match(line) or shows or (short and _dated_caption(line)))


def _dated_caption(line: str) -> bool:
    """What a photo shows, then when it was taken; not a dateline ("Manama, August 15, 2011") nor
    a date line ("الخميس، 25 يوليو 2013"), whose date follows one or two words."""
    taken = _WHEN_TAKEN.search(line)
    if not taken or len(line[: taken.start()].split()) < _MIN_CAPTION_WORDS:
        return False
    return publication_date(taken[1]) is not None and len(taken[1].split()) <= _MAX_CAPTION_DATE_WORDS


def _photo_credit(line: str) -> bool:
    """A photo's credit, alone or ending its caption."""
    return bool(_CREDIT.search(line)) or _bracketed_photo_credit(line)


def is_credit_alone(line: str) -> bool:
    """A photo's credit on its own line, under its caption ("© AFP", "Photo: Reuters"), not a
    whole caption that ends with its credit."""
    label = _CAPTION_LABEL.match(line)
    if label and len(line[label.end() :].replace("/", " ").split()) > _MAX_CREDIT_NAME_WORDS:
        return False
    return _photo_credit(line) and len(line.split()) < _MIN_PROSE_WORDS


def _bracketed_photo_credit(line: str) -> bool:
    bracket = _BRACKETED_CREDIT.search(line)
    if not bracket or not re.search(r"[/:]", bracket[1]):
        return False
    parts = [part.strip() for part in re.split(r"[/:]", bracket[1]) if part.strip()]
    if parts and re.fullmatch(r"المصدر|المصادر|sources?|via", parts[0], re.IGNORECASE):
        return False  # a paragraph's source: "(المصدر: وكالة الأنباء)"
    return bool(_PHOTO_WORD.search(bracket[1])) or (
        any(_PHOTO_AGENCY.search(part) for part in parts) and not all(_PHOTO_AGENCY.search(part) for part in parts)
    )


# "SOURCE:AA", "المصدر: وكالات": the story's source, labelled
_SOURCE_LABELLED = re.compile(r"^(?:sources?|المصدر|المصادر)\s*:\s*[^\W\d_][^\s]*(?:\s+\S+){0,3}$", re.IGNORECASE)


def is_credit_line(line: str) -> bool:
    """A short line of names joined by separators: "مسقط - الرؤية", "تونس/ عادل الثابتي /
    الأناضول", "نواكشوط، مورينيوز", "موقع كل يوم -اندبندنت عربية"; or an agency alone."""
    if (LINE_ENDS_SENTENCE.search(line) and not line.rstrip().endswith(":")) or _CUT_AFTER_COMMA.search(line):
        return False  # a sentence, or one that goes on after its comma
    if line.rstrip().endswith(("؛", ";")):
        return False  # an item of a list: "- هارونا اتراورى، مكلف بمهمة برئاسة الجمهورية؛"
    if _REPORTING_VERB.match(line) or _has_clause_word(line):
        return False  # "وأكد وزير المالية، خلال ...", "وحول المحاكمة، ذكر ..." are clauses: a credit is names
    if _agency_alone(line) or _place_colon_writer(line) or _SOURCE_LABELLED.match(line.strip()):
        return True
    parts = [part for part in _CREDIT_SEPARATORS.split(line) if any(c.isalpha() for c in part)]
    return 2 <= len(parts) <= 3 and len(line.split()) <= 8 and all(len(part.split()) <= 4 for part in parts)


def _place_colon_writer(line: str) -> bool:
    """ "بغداد: زيدان الربيعي": a known place, a colon, then a name every word of which is a name's."""
    place, colon, writer = line.partition(":")
    words = writer.split()
    return (
        bool(colon)
        and _MIN_WRITER_WORDS <= len(words) <= _MAX_WRITER_WORDS
        and all(in_name_lists(name_key(word)) for word in words)
        and bool(gazetteer().places(place.strip()))
    )


def _has_clause_word(line: str) -> bool:
    """An Arabic particle that joins a clause (أن، على، حول، كان), alone or after و/ف/ب/ل, which
    no place's or person's name holds (من may: "بيروت - من مراسلنا")."""
    return any(_one_of(word, _CLAUSE_WORDS) for word in line.split())


def _one_of(word: str, words: frozenset[str]) -> bool:
    """The word is one of these, alone or after a clitic letter (و، ف، ب، ل)."""
    return word in words or (word[:1] in "وفبل" and word[1:] in words)


def _agency_alone(line: str) -> bool:
    """ "قنا", "(رويترز)", "Avec MAP": the agency's name alone on its line, crediting the story."""
    return _SOURCE_WORD.sub("", line.strip(" ()[]-–—:")).lower() in AGENCIES or bool(_CREDITED_OUTLET.match(line))


def is_time_stamp(line: str) -> bool:
    """A live page's time stamp on its own line: "05:54 heure de Beyrouth", "23h26."."""
    match = _TIME.match(line)
    return bool(match) and len(line[match.end() :].split()) <= 3


_TRAILING_DOTS = re.compile(r"(?<=\d)(?:\.{2,}|…)\s*$")


def date_line(line: str, other_words: int = 2) -> tuple[str, bool] | None:
    """(date, pure) when the line is a date line: a day, month and year with nothing else but
    weekdays, times, labels ("نشر في", "Publié le", "Last Modified") and at most `other_words`
    other words (a byline, a section name), or a short byline beside it after a "|"; `pure`
    when there are none (a place beside the date marks the site's "today" widget)."""
    line = _TRAILING_DOTS.sub("", line)  # "قضايا عربية ودولية 2022/03/30...": a "more" mark, glued
    # a line that ends a sentence is prose, not a date line; one that ends with a label's colon
    # ("27 أبريل 2024آخر تحديث :") is not a sentence, nor a date alone with its full stop
    sentence = other_words > 2 and LINE_ENDS_SENTENCE.search(line.rstrip(" :")) and not is_dated_label(line)
    if len(line.split()) > _MAX_DATE_LINE_WORDS:
        return None
    segments = [part for part in line.split("|") if part.strip()]
    dated = [part for part in segments if _day_dates(part)]
    undated = [part for part in segments if part not in dated]
    if not dated or any(len(_other_words(part)) > _MAX_DATE_LINE_SEGMENT_WORDS for part in undated):
        return None
    other = [word for part in dated for word in words_beside_date(part)]
    if len(other) > other_words or (sentence and (other or undated)):
        return None
    return publication_date(line), not other and not any(_other_words(part) for part in undated)


def words_beside_date(line: str) -> list[str]:
    """The words of a date line that are not the date's: "الإثنين 25 آذار 2019 الساعة 23:07 سياسة" → ["سياسة"]."""
    for found in reversed(_day_dates(line)):
        line = line[: found.start] + " " + line[found.end :]
    return _other_words(line)


def _other_words(text: str) -> list[str]:
    """The words of a date line that are not part of a date's wording: (brackets) hold time
    zones and update notes."""
    text = _DATE_LINE_NOISE.sub(" ", _BRACKETED.sub(" ", text))
    return [word for word in text.split() if sum(c.isalpha() for c in word) > 1]


def _day_dates(text: str):
    return [found for found in find_explicit_dates(text) if found.precision == "day"]


def is_dated_label(line: str) -> bool:
    """A date line that says it is the publication date: "نشر في: ...", "Publié le ..."."""
    return bool(_PUBLISHED_LABEL.search(line))


def is_update_label(line: str) -> bool:
    """A date line that says it is the day of an edit: "آخر تحديث : ...", "Last updated ..."."""
    return bool(_UPDATED_LABEL.match(line))


def byline_name(line: str) -> str | None:
    """ "كتب: شادى سعد" → "شادى سعد"; "By DAVID McHUGH" → "DAVID McHUGH"."""
    match = _BYLINE.match(line) or _DESK_BYLINE.match(line)
    return match.group("name").strip(" :") if match and len(line.split()) <= _MAX_BYLINE_WORDS else None


def agency_source(line: str) -> str | None:
    """The agency a dateline credits: "PARIS (Reuters) -" → "Reuters", "(وكالات):" → "وكالات"."""
    match = _AGENCY_DATELINE.match(line)
    if not match:
        return None
    agency = match["agency"] or match["city_agency"]
    return AGENCIES.get(agency.lower(), AGENCIES.get(agency))


def agency_credit_date(line: str) -> str | None:
    """The day an agency's credit closing the story gives: "... listes. (©AFP / 12 mai 2018 04h34)"."""
    credit = _BRACKETED_CREDIT.search(line)
    if not credit or not _AGENCY_NAME.search(credit[1]):
        return None
    return publication_date(credit[1])


def without_agency_sign(line: str) -> str:
    """A line without the agency signing it: "MAP 14 January 2020" → "14 January 2020"."""
    return _AGENCY_SIGN.sub("", line.strip())


def place_and_source(line: str) -> tuple[str, str] | None:
    """ "بيونغ يانغ - لبنان البوم" → ("بيونغ يانغ", "لبنان البوم"): the dateline's place and the credit."""
    match = _PLACE_DASH.match(line)
    return (match.group("place"), match.group("rest")) if match and is_place_line(line) else None


def is_place_line(line: str) -> bool:
    """A short line that is a dateline and a credit: "بيونغ يانغ - لبنان البوم"."""
    return bool(_PLACE_DASH.match(line)) and len(line.split()) <= 5


def is_short_unpunctuated(line: str) -> bool:
    return len(line.split()) <= MAX_CHROME_WORDS and not SENTENCE_PUNCTUATION.search(line)


def is_metadata(line: str) -> bool:
    """A line that belongs above a story: a date line, a byline or a credit."""
    return bool(
        date_line(line, HEADER_DATE_LINE_OTHER_WORDS)
        or byline_name(line)
        or is_place_line(line)
        or is_credit_line(line)
        or (is_dated_label(line) and len(line.split()) <= MAX_LABEL_WORDS)  # "نشر بتاريخ:" with no date
    )


def main_script_is_arabic(lines: list[str]) -> bool:
    arabic = sum(len(_ARABIC_LETTER.findall(line)) for line in lines)
    latin = sum(len(_LATIN_LETTER.findall(line)) for line in lines)
    return arabic >= latin


def in_other_script(line: str, arabic_page: bool) -> bool:
    arabic, latin = len(_ARABIC_LETTER.findall(line)), len(_LATIN_LETTER.findall(line))
    return latin > arabic if arabic_page else arabic > latin


@dataclass
class PageParts:
    """A page's lines in three parts: what stands above the story (headline, date line, byline,
    menus), the story with the furniture inside it taken out, and the furniture (inside the
    story and after it)."""

    header: list[str]
    story: list[str]
    removed: list[str] = field(default_factory=list)
    arabic: bool = True  # the story is in Arabic script


def split_page(lines: list[str]) -> PageParts:
    """The story is found first, from its prose, and never loses a line of prose:
    - it runs from the first line of prose to the last (and a line the capture cut off right
      after it), except that a date line, byline or credit above most of the prose ends the
      header there: prose above it (a standfirst, a lead) stays in the story unless it is a
      caption, a repeat, a question (a poll) or in another script (a foreign caption);
    - inside it, only furniture recognisable anywhere and repeated lines are removed.
    Without any prose, every line that is not furniture is story."""
    if neighbours := _neighbour_story_links(lines):
        parts = split_page([line for index, line in enumerate(lines) if index not in neighbours])
        removed = [lines[index] for index in sorted(neighbours)] + parts.removed
        return PageParts(parts.header, parts.story, removed, parts.arabic)
    links = _bulleted_links(lines)
    prose = _before_link_list(lines, [i for i in _prose_lines(lines) if i not in links])
    if not prose:
        story, removed = strip_chrome(lines)
        arabic = main_script_is_arabic(story)
        if all(is_short_unpunctuated(line) for line in story):
            return PageParts([], [], lines, arabic)  # a headline or a menu, and no story
        return PageParts([], story, removed, arabic)
    start = _header_end(lines, prose)
    arabic = main_script_is_arabic([lines[i] for i in prose])
    in_prose = {lines[i] for i in prose}
    header, removed = lines[:start], []
    story = [line for line in header if _is_header_prose(line, in_prose, arabic) and header.count(line) == 1]
    end = _story_end(lines, prose)
    for index, line in enumerate(lines[start:end], start):
        if index in links:
            removed.append(line)
        elif (line in in_prose or is_prose(line)) and not is_caption(line):
            (removed if line in story else story).append(line)  # a repeated paragraph is kept once
        elif (
            line in story
            or line in header
            or is_chrome(line)
            or is_caption(line)
            or _is_story_metadata(line)
            or in_other_script(line, arabic)
        ):
            removed.append(line)
        else:
            story.append(line)
    removed.extend(lines[end:])
    return PageParts(header, story, removed, arabic)


def _neighbour_story_links(lines: list[str]) -> set[int]:
    """The links to the stories before and after this one: "المقال السابق", the other story's
    headline, and its date alone under it (which is not this story's)."""
    found = set()
    for index, line in enumerate(lines[:-1]):
        if _NEIGHBOUR_LINK_LABEL.match(line.strip()) and not is_prose(lines[index + 1]):
            found |= {index, index + 1}
            if index + 2 < len(lines) and (dated := date_line(lines[index + 2])) and dated[1]:
                found.add(index + 2)
    return found


def _bulleted_links(lines: list[str]) -> set[int]:
    """The items of a list whose bullets stand alone on their lines ("-", then a headline): a
    list of links to other stories, whose items end without a full stop; a story's own list
    items read as sentences."""
    return {
        index
        for index in range(1, len(lines))
        if _LONE_BULLET.match(lines[index - 1]) and not _LINK_ITEM_END.search(lines[index])
    }


_MIN_LISTED_DATES = 2  # the dates of two other stories under a heading: a list of them


def _before_link_list(lines: list[str], prose: list[int]) -> list[int]:
    """The prose of the story, not the headlines listed under a heading after it ("آخر الأخبار",
    "Related articles"): lines that read as prose ("... من أجل التسامح!") but, all of them, end
    without a full stop and are shorter than a paragraph. A story's own paragraphs after a "read
    also" link inside it end with full stops or are long. Nor are teasers listed with their own
    dates under such a heading, however long."""
    headings = [i for i in range(prose[0] + 1, len(lines)) if _ends_story(lines[i])] if prose else []
    for heading in headings:
        after = [i for i in prose if i > heading]
        if after and (_dated_list(lines, heading) or all(_reads_as_link(lines[i]) for i in after)):
            return [i for i in prose if i < heading]
    return prose


def _dated_list(lines: list[str], heading: int) -> bool:
    """Other stories' dates stand alone under the heading: it heads a list of them."""
    dated = sum(bool(found and found[1]) for line in lines[heading + 1 :] if (found := date_line(line)))
    return dated >= _MIN_LISTED_DATES


def _ends_story(line: str) -> bool:
    """A heading over a list of other stories; not a "read also" that may stand inside the story."""
    return is_link_list_heading(line) and _furniture_key(line) not in _INLINE_LINK_LABELS


def _reads_as_link(line: str) -> bool:
    return len(line.split()) < _LONG_LINE_WORDS and not _FULL_STOP_END.search(line)


def _is_story_metadata(line: str) -> bool:
    """A date line, byline or credit inside the story: the date alone, or labelled."""
    found = date_line(line, HEADER_DATE_LINE_OTHER_WORDS)
    dated = found and (found[1] or is_dated_label(line) or date_line(line))
    return bool(dated or byline_name(line) or is_place_line(line) or is_credit_line(line))


def _prose_lines(lines: list[str]) -> list[int]:
    """The lines of prose that place the story: not captions, not menu items (a list of
    links above a story reads like prose); a capture's last line is prose when cut in the
    middle of a sentence. A page without any sentence: its lines of fifteen words or more."""
    last = len(lines) - 1

    def prose(index: int, line: str) -> bool:
        cut = index == last and len(line.split()) >= 8 and bool(SENTENCE_PUNCTUATION.search(line[:-1]))
        cut = cut and not (is_chrome(line) or is_metadata(line))
        cut = cut and line not in lines[:-1]  # a repeated line is a link's
        ticker = index > 0 and _furniture_key(lines[index - 1]) in _TICKER_LABELS  # headlines glued in one line
        joined = len(_ITEM_BULLET.findall(line)) >= 2  # "headline • headline • headline": a ticker
        return (is_prose(line) or cut) and not (is_caption(line) or MENU_ITEM.match(line) or ticker or joined)

    found = [i for i, line in enumerate(lines) if prose(i, line)]
    long = [i for i, line in enumerate(lines) if len(line.split()) >= _FALLBACK_PROSE_WORDS and not is_chrome(line)]
    return found or long


def _cut_off(line: str, right_after_prose: bool) -> bool:
    """The last line of a capture cut in the middle of the story: a long one, or one cut after
    a comma or a preposition (its sentence goes on), wherever it stands; a short one (a word or
    two) only right after the prose."""
    if is_chrome(line) or is_metadata(line) or is_caption(line) or LINE_ENDS_SENTENCE.search(line):
        return False
    if MENU_ITEM.match(line) and not right_after_prose:
        return False  # the last of a list of links, cut off
    cut_mid_sentence = _CUT_AFTER_COMMA.search(line) or ENDS_MID_SENTENCE.search(line)
    return right_after_prose or len(line.split()) >= 8 or bool(cut_mid_sentence)


def _sentence_end(lines: list[str], end: int) -> int:
    """Past the lines that finish the story's last sentence, where a page broke it across lines
    ("... ليس تقديرا لخطورة المرحلة بل" / "إسرائيل" / "على الشعوب التي ترفض الخضوع والذل"."), or
    that make a last paragraph broken at a column's width (lines of four words or more, "وتضمنت
    المحاكمة 14 فردا نصفهم من عناصر النظام" / "السابق ..." / "في أجهزة الجوال التي يمتلكها
    الموقوفون."): up to four lines, the last ending with a full stop, none of them furniture."""
    if lines[end - 1].rstrip().endswith(":"):
        return end
    new_paragraph = bool(LINE_ENDS_SENTENCE.search(lines[end - 1]))
    for last in range(end, min(end + _MAX_BROKEN_SENTENCE_LINES, len(lines))):
        line = lines[last]
        if is_chrome(line) or is_caption(line) or is_metadata(line) or MENU_ITEM.match(line):
            return end
        if new_paragraph and len(line.split()) < _MIN_SHORT_SENTENCE_WORDS:
            return end
        if _FULL_STOP_END.search(line):
            return last + 1 if last > end or not new_paragraph else end
        if LINE_ENDS_SENTENCE.search(line):
            return end
    return end


def _name_in_capitals(line: str) -> bool:
    """An outlet's name in a few capitalised Latin words, with no function word: "BEUR FM"."""
    words = line.split()
    return (
        0 < len(words) <= _MAX_CAPITALISED_NAME_WORDS
        and all(_LATIN_LETTER.match(word) and word[0].isupper() for word in words)
        and not any(word.lower() in FUNCTION_WORDS for word in words)
    )


def _story_end(lines: list[str], prose: list[int]) -> int:
    """Where the story ends: after its last paragraph, or the list that follows it ("- Quatre
    formations ...", "1) Biya Paul 53,66%, 2) ...") or that a colon introduces, and the short
    sentences right after it; at the capture's end when its last line was cut mid-sentence; at
    an agency's sign-off alone on a line after the story's second paragraph."""
    signed = next((i for i in range(prose[min(1, len(prose) - 1)] + 1, len(lines)) if _SIGN_OFF.match(lines[i])), None)
    if signed is not None:
        return signed  # "(د ب ا)": what follows the agency's sign-off (embeds, comments) is not the story
    long_items = [i for i, line in enumerate(lines) if _is_long_list_item(line)]
    end = max([prose[-1], *long_items, *_numbered_list_after(lines, prose[-1])]) + 1
    end = _introduced_list_end(lines, end)
    while end < len(lines) and (_is_short_sentence(lines[end]) or _list_goes_on(lines[end - 1], lines[end])):
        end += 1  # "تأثرت ولايات محافظة الظاهرة اليوم بأمطار رعدية."; "- Michel Marto: Minister of Finance."
    end = _sentence_end(lines, end)
    after = lines[end + 1] if end + 1 < len(lines) else None
    closed = after is None or is_metadata(after) or _ends_story(after)  # by a credit, or a heading over links
    if end < len(lines) and _prose_without_full_stop(lines[end]) and closed:
        end += 1  # "Seul l'émir du Qatar ... a confirmé sa participation à ce sommet" / "Avec AFP"
    repeated = lines[-1] in lines[:-1]  # a link's text, as a list of links repeats it
    # a list of other stories with their dates, its last teaser cut
    listed = any(_ends_story(lines[i]) and _dated_list(lines, i) for i in range(end, len(lines)))
    if end < len(lines) and not (repeated or listed) and _cut_off(lines[-1], right_after_prose=end == len(lines) - 1):
        end = len(lines)
    return end


def _header_end(lines: list[str], prose: list[int]) -> int:
    """Where the story starts: after the last date line, byline or credit that stands above
    half of the prose, else at the first line of prose; short sentences between that line and
    the prose are the story's."""
    words = [len(lines[i].split()) for i in prose]
    total, seen, middle = sum(words), 0, prose[-1]
    for index, count in zip(prose, words, strict=True):
        seen += count
        if 2 * seen >= total:
            middle = index
            break
    markers = [i for i in range(prose[0], middle) if is_metadata(lines[i])]
    return markers[-1] + 1 if markers else _short_sentences_before(lines, prose[0])


def _is_header_prose(line: str, in_prose: set[str], arabic_page: bool) -> bool:
    """Prose above the story's start that belongs to it: a standfirst, a lead, a long list item
    ("- Quatre formations de l'opposition ... appellent à une grève générale vendredi.");
    not an aside, nor a short item of a menu of links."""
    return (line in in_prose or _is_long_list_item(line)) and not _is_aside(line, arabic_page)


def _numbered_list_after(lines: list[str], last_prose: int) -> list[int]:
    """The lines of a list numbered 1), 2-, 3 – ... that starts right after the story's last
    paragraph: the story's own (results, names, measures), never a menu, which is not numbered."""
    numbered = []
    for index in range(last_prose + 1, len(lines)):
        match = _NUMBERED_ITEM.match(lines[index])
        if not match or int(match.group(1)) != len(numbered) + 1:
            break
        numbered.append(index)
    return numbered if len(numbered) >= _MIN_NUMBERED_ITEMS else []


def _is_short_sentence(line: str) -> bool:
    """A sentence too short to place the story ("جرت على إثرها الأودية والشعاب."): the story's
    when it stands right beside the story's prose."""
    return (
        len(line.split()) >= _MIN_SHORT_SENTENCE_WORDS
        and bool(LINE_ENDS_SENTENCE.search(line))
        and not line.rstrip().endswith(":")
        and not (is_chrome(line) or is_caption(line) or is_metadata(line))
    )


def _short_sentences_before(lines: list[str], start: int) -> int:
    """Where the story starts when short sentences stand between the header's last date line,
    byline or credit and the first paragraph: at the first of them; or when a line under the
    agency's name runs into the first paragraph, its sentence unfinished ("قنا" / "عقد مجلس الشورى
    جلسته الأسبوعية العادية اليوم" / "برئاسة ..."), or a lead without its full stop stands under
    the date line: at that line."""
    first = start
    while first > 0 and _is_short_sentence(lines[first - 1]):
        first -= 1
    if first < start and first > 0 and is_metadata(lines[first - 1]):
        return first
    if start > 1 and _agency_alone(lines[start - 2]) and _runs_into_story(lines[start - 1]):
        return start - 1
    under_metadata = start > 1 and (
        is_metadata(lines[start - 2])
        or (start > 2 and is_metadata(lines[start - 3]) and _name_in_capitals(lines[start - 2]))  # "BEUR FM"
    )
    if under_metadata and _prose_without_full_stop(lines[start - 1]):
        printed_twice = any(lines[start - 1] in line for line in lines[: start - 1])  # the headline again
        return start if printed_twice else start - 1
    return start


def _prose_without_full_stop(line: str) -> bool:
    """A paragraph the page printed without its full stop: a lead between the date line and the
    story ("More than three months after exports were halted, Iraq is expected to resume
    exporting oil again this weekend"), or the last one, over the agency's credit."""
    long_sentence = len(line.split()) >= _FALLBACK_PROSE_WORDS and _reads_as_sentences(line)
    return long_sentence and _runs_into_story(line) and not line.rstrip().endswith(":")


def _runs_into_story(line: str) -> bool:
    return (
        len(line.split()) >= _MIN_SHORT_SENTENCE_WORDS
        and not LINE_ENDS_SENTENCE.search(line)
        and not (is_chrome(line) or is_caption(line) or is_metadata(line) or MENU_ITEM.match(line))
    )


def _introduced_list_end(lines: list[str], end: int) -> int:
    """Where the story ends when its last paragraph, or a line right after it, ends with a colon
    ("وسجلت أسعار الصرف كالتالي:"): what it introduces (a list, a table of figures) is the
    story's, up to the first line of furniture."""
    intro = end - 1 if lines[end - 1].rstrip().endswith(":") else end
    if intro >= len(lines) or not lines[intro].rstrip().endswith(":") or len(lines[intro].split()) < _MIN_INTRO_WORDS:
        return end
    if is_chrome(lines[intro]) or is_metadata(lines[intro]):
        return end
    following = intro + 1
    while following < len(lines) and not (
        is_chrome(lines[following]) or is_caption(lines[following]) or is_metadata(lines[following])
    ):
        following += 1
    return following if following > intro + 1 else end


def _is_long_list_item(line: str) -> bool:
    """An item of a list that is prose of its own, not a menu's link."""
    return bool(MENU_ITEM.match(line)) and is_prose(line) and len(line.split()) >= _LONG_LIST_ITEM_WORDS


def _list_goes_on(previous: str, line: str) -> bool:
    """The next item of the story's own list, under the same bullet, its full stop left out: a
    long one that reads as sentences ("- يعاقب بالحبس مدة لا تقل عن شهر ..."), or any after an
    item that ends with one ("- Michel Marto: Minister of Finance." / "- Tamam Ghoul: Minister of
    State"); a list of links has no full stops."""
    bullet = MENU_ITEM.match(line)
    if not bullet or not previous.startswith(bullet.group()) or is_chrome(line):
        return False
    long_sentence = len(line.split()) >= _LONG_LIST_ITEM_WORDS and _reads_as_sentences(line)
    return long_sentence or bool(_FULL_STOP_END.search(previous))


def _is_aside(line: str, arabic_page: bool) -> bool:
    """Prose above the story's start that is not the story: a poll's question, a caption in
    another language."""
    return line.rstrip().endswith(("?", "؟")) or in_other_script(line, arabic_page)


def strip_chrome(lines: list[str], trailing: bool = True) -> tuple[list[str], list[str]]:
    """Known site furniture anywhere, and (`trailing`) short unpunctuated lines trailing the
    story; never prose."""
    kept, removed = [], []
    for line in lines:
        (removed if is_chrome(line) and not is_prose(line) else kept).append(line)
    end = len(kept)
    while trailing and end > 1 and is_short_unpunctuated(kept[end - 1]):
        end -= 1
    return kept[:end], removed + kept[end:]


def _is_date_only(line: str) -> bool:
    return (
        len(line.split()) <= 8
        and bool(found := find_explicit_dates(line))
        and not any(c.isalpha() for c in line[: found[0].start] + line[found[-1].end :] if c not in "مصpmPMGT")
    )


def story_date(paragraph: str) -> str | None:
    """The date a story's opening gives as its own: a dateline ("الفاشر، 13 أبريل 2025 ــ
    أعلنت", "طرابلس 04 مارس 2025 (وال) - بحث", "(Rome, 20 août 2021)."), or a wire story's
    "today" ("أعلن ... اليوم الأربعاء (18 نوفمبر 2015)"); a byline may open the dateline and a
    time close it ("كتب ناصر المحيسن - الكويت في الأحد 4 أغسطس 2024 03:36 مساءً - تفقد"); a known
    place dashed onto the date, or a time or the Gregorian mark after it, needs no mark after them
    ("الدوحة-03 يوليو 2025 تحت رعاية", "الدقهلية شريف الديب الإثنين، 09 فبراير 2026 06:32 م قرر",
    "مكتب الإعلام محافظة شبوة الاحد 4 مايو 2025 م تشهد")."""
    opening = paragraph[:_STORY_DATE_CHARS]
    for found in find_explicit_dates(opening):
        if found.precision != "day":
            continue
        before = _BYLINE_OPENING.sub("", opening[: found.start])
        after = _DATELINE_TIME.sub("", opening[found.end :], count=1)
        timed = after != opening[found.end :] or bool(_GREGORIAN_MARK.match(after))  # "الاحد 4 مايو 2025 م تشهد"
        words_before = [word for word in before.split() if any(c.isalpha() for c in word)]  # not its dashes
        agency = _DATELINE_AGENCY_END.match(after)
        signed = bool(agency) and agency["agency"].lower() in AGENCIES
        if len(words_before) <= _DATELINE_PLACE_WORDS and (_DATELINE_END.match(after) or timed or signed):
            return found.value
        if (place := _PLACE_THEN_DASH.match(before)) and gazetteer().places(place["place"]):
            return found.value  # "الدوحة-03 يوليو 2025 تحت رعاية ...": a known place dashed onto the date
        if _TODAY_BEFORE.search(before) or (_OPEN_BRACKET_PLACE.search(before) and after.lstrip().startswith(")")):
            return found.value
    return None


def finish(article: ParsedArticle, story: str = "raw") -> ParsedArticle:
    """Chrome out, byline and dateline read, date fallbacks applied; refuses an article with no
    body. `story`: "raw" lines as a format holds them; "extracted" by an extractor that left out
    most furniture already (short last lines are the story's); "found" by the plain-text
    parser, which has told story from furniture itself."""
    body, removed = list(article.paragraphs), []
    if story != "found":
        body, removed = strip_chrome(body, trailing=story == "raw")
        body = [line for line in body if line != article.title] or body  # headline repeated in the page
        while len(body) > 1 and _is_date_only(body[0]):  # "30 نوفمبر 2024" printed above the story
            removed.append(body.pop(0))
    byline, dateline, source = article.byline, article.dateline, article.source
    published_at, published_from = article.published_at, article.published_at_from
    for _ in range(2):  # a byline and a dateline line, in either order, at the top of the story
        if len(body) < 2:
            break
        line = body[0]
        if byline is None and (name := byline_name(line)):
            byline = name
            body = body[1:]
        elif dateline is None and is_place_line(line):
            match = _PLACE_DASH.match(line)
            dateline, rest = match.group("place"), match.group("rest")
            if published_at is None and (found := publication_date(rest)):
                published_at, published_from = found, "text"
            elif byline is None and source is None:
                source = rest  # "بيونغ يانغ - لبنان البوم": place, then the outlet
            body = body[1:]
        else:
            break
    agency_line = next((m for m in map(_AGENCY_DATELINE.match, body[:3]) if m), None)
    if agency_line:  # the agency in a dateline names the source better than a line above the story
        source = agency_source(agency_line.string) or source
        place = (agency_line["place"] or agency_line["city"] or "").strip(" ,")
        if place and not dateline:
            dateline = re.sub(r"\s*\d.*$", "", place).strip(" ,") or None  # "دبي 6 فبراير شباط" → "دبي"
        if published_at is None and (found := publication_date(place)):
            published_at, published_from = found, "text"
    elif body and dateline is None and (match := _PLACE_DASH.match(body[0])) and len(body[0].split()) > 5:
        dateline = match.group("place")  # "Washington – Le président américain ..."
    if published_at is None and (found := next(filter(None, map(story_date, body[:2])), None)):
        published_at, published_from = found, "text"
    if published_at is None and article.url and (match := _URL_DATE.search(article.url)):
        published_at, published_from = "-".join(match.groups()), "url"
    if not body:
        raise ArticleError(article.path, "no body text: only a headline, metadata or site chrome")
    title, repairs = article.title, article.repairs
    if len(title) > MAX_TITLE_CHARS:  # a whole story in the title field of an export
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        repairs = (*repairs, f"title cut to {MAX_TITLE_CHARS} characters from {len(article.title)}")
    return replace(
        article,
        title=title,
        repairs=repairs,
        paragraphs=tuple(body),
        removed_lines=article.removed_lines + tuple(removed),
        byline=byline,
        dateline=dateline,
        source=source,
        published_at=published_at,
        published_at_from=published_from if published_at else None,
    )
