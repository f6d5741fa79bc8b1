"""Properties of the parsers and extractors over generated input (hypothesis): whatever the
bytes, every input becomes articles or reasons, never an exception; and a coverage-guided fuzz
run of the parsers (atheris) for a fixed time budget, with zero crashes."""

import re
import subprocess
import sys

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjama.arabic_ner import Segmenter
from tarjama.dates import find_dates
from tarjama.errors import ArticleError
from tarjama.models import ParsedArticle
from tarjama.near_duplicates import fingerprint
from tarjama.parsers import parse_bytes

CHECKS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
FORMATS = st.sampled_from([None, "text", "html", "json", "feed"])
ARABIC = st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩.،؟\n"), max_size=200)
HOSTILE_TEXT = (
    st.text(max_size=300) | ARABIC | st.builds(lambda a, b: a + "\u202e" + b + "\x07", ARABIC, st.text(max_size=20))
)
VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _articles(raw: bytes, input_format):
    items = list(parse_bytes("generated", raw, input_format))
    assert items and all(isinstance(item, ParsedArticle | ArticleError) for item in items)
    return [item for item in items if isinstance(item, ParsedArticle)]


@CHECKS
@given(st.binary(max_size=2000), FORMATS)
def test_any_bytes_become_articles_or_reasons(raw, input_format):
    _articles(raw, input_format)


@CHECKS
@given(HOSTILE_TEXT, HOSTILE_TEXT, FORMATS)
def test_titles_and_bodies_carry_no_controls_or_bidi_overrides(title, body, input_format):
    raw = f"{title}\n\n{body}\n".encode()
    if input_format == "json":
        import json

        raw = json.dumps({"title": title, "body": body}).encode()
    for article in _articles(raw, input_format):
        assert not INVISIBLE.search(article.title), repr(article.title)
        assert all(not INVISIBLE.search(p) and p.strip() for p in article.paragraphs)
        assert len(article.title) <= 302


@CHECKS
@given(HOSTILE_TEXT, st.sampled_from(["ar", "en", "fr"]), st.none() | st.dates().map(lambda d: d.isoformat()))
def test_dates_never_raise_and_values_are_iso(text, lang, published_at):
    for mention in find_dates(text, lang, published_at):
        assert VALUE.match(mention.value) and mention.text


@CHECKS
@given(HOSTILE_TEXT)
def test_segmentation_keeps_offsets_in_the_original(text):
    tokens = Segmenter({"الحكومة": 5, "رئيس": 5}).segment(text)
    assert all(0 <= t.start < t.end <= len(text) for t in tokens)
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    fingerprint(text)


def test_fuzzing_the_parsers_finds_no_crash(tmp_path):
    """A coverage-guided run of 30 s over every format (tests/fuzz/fuzz_parsers.py)."""
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "tests" / "fuzz" / "fuzz_parsers.py"),
            "-max_total_time=30",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={tmp_path}/",
            "-print_final_stats=1",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = int(re.search(r"stat::number_of_executed_units:\s+(\d+)", result.stderr).group(1))
    assert runs > 1000
