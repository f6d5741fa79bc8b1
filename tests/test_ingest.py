"""Ingestion of every format and encoding, and of hostile input: each file is read or refused
with a reason, fast, and never stops the rest."""

import http.server
import json
import os
import threading
import time

import pytest
from conftest import FIXTURES, REPO

from tarjama import sources
from tarjama.errors import ArticleError
from tarjama.models import Quarantined
from tarjama.parsers import parse_file, read_articles
from tarjama.pipeline import Pipeline
from tarjama.quarantine import kept_name, list_records, quarantine

FORMATS = FIXTURES / "formats"
TITLE = "وزير الخارجية يزور عمان لبحث التعاون المائي"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8-bom.txt", "utf-8-sig"),
        ("utf16-bom.txt", "utf-16"),
        ("utf16le-no-bom.txt", "utf-16-le"),
        ("utf16be-no-bom.txt", "utf-16-be"),
        ("windows-1256.txt", "cp1256"),
        ("iso-8859-6.txt", "iso-8859-6"),
        ("mojibake.txt", "utf-8"),
        ("mojibake-partial.txt", "utf-8"),
        ("reversed.txt", "utf-8"),
        ("presentation-forms.txt", "utf-8"),
    ],
)
def test_every_encoding_reads_as_the_same_article(name, encoding):
    article = parse_file(FIXTURES / "encodings" / name)
    assert (article.title, article.encoding) == (TITLE, encoding)
    assert article.source == "وكالة ترجمة للأنباء"
    assert article.published_at == "2024-11-30"
    assert article.paragraphs[1] == "وقالت الوزارة في بيان إن الجانبين سيوقعان اتفاقية جديدة للتعاون في مجال الطاقة."
    assert article.raw == (FIXTURES / "encodings" / name).read_bytes()


def test_repairs_are_reported():
    assert parse_file(FIXTURES / "encodings" / "mojibake.txt").repairs == (
        "mojibake: UTF-8 read as Windows-1252, repaired",
    )
    assert parse_file(FIXTURES / "encodings" / "reversed.txt").repairs == (
        "reversed Arabic: 4 lines put back in reading order",
    )
    assert parse_file(FIXTURES / "encodings" / "utf16-bom.txt").repairs == ()
    # right headline, mojibake story: no exact round trip exists for the whole text; ftfy mends it piece by piece
    assert parse_file(FIXTURES / "encodings" / "mojibake-partial.txt").repairs == (
        "mojibake in part of the text: repaired by ftfy",
    )


def test_html_page_main_text_and_metadata():
    article = parse_file(FORMATS / "page.html")
    assert article.title == "الأردن يوقع اتفاقية مياه مع البنك الدولي"
    assert (article.published_at, article.published_at_from) == ("2024-11-30", "metadata")
    assert article.source == "وكالة ترجمة للأنباء"
    assert article.byline == "سارة الخطيب"
    assert article.dateline == "عمان"
    assert article.url == "https://news.example.org/ar/2024/11/30/jordan-water"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1].endswith("شحا في المياه & الطاقة.")
    text = article.text
    assert "tracker" not in text and "الأكثر قراءة" not in text and "سياسة" not in text
    assert "شارك" not in article.paragraphs and "30 نوفمبر 2024" not in article.paragraphs  # trafilatura left them out


def test_json_export_one_article_per_object_and_a_reason_for_each_bad_one():
    items = list(read_articles(str(FORMATS / "export.json")))
    assert [type(i).__name__ for i in items] == ["ParsedArticle", "ArticleError", "ParsedArticle"]
    first, bad, third = items
    assert first.path.endswith("export.json#1")
    assert first.paragraphs[1] == "The plants would add 300 megawatts to the grid by 2026."  # HTML body as text
    assert (first.source, first.byline, first.published_at) == ("Tarjama Wire", "Omar Haddad", "2024-11-29")
    assert "no body" in bad.reason and json.loads(bad.raw) == {"headline": "An item without text", "content": ""}
    assert third.published_at == "2024-11-28"  # "الخميس 28 نوفمبر 2024"


def test_json_lines_streams_and_quarantines_a_broken_line_alone():
    items = list(read_articles(str(FORMATS / "export.jsonl")))
    assert [i.path.rsplit("#", 1)[1] for i in items] == ["1", "2", "3", "5"]
    good = [i for i in items if not isinstance(i, ArticleError)]
    assert [a.published_at for a in good] == ["2024-11-30", "2024-11-29"]
    assert good[0].source == "Reuters" and good[0].dateline == "DOHA"  # from "DOHA (Reuters) -"
    assert "line 2 is not valid JSON" in items[1].reason
    assert items[1].raw.startswith(b'{"title": "broken line"')


def test_json_field_mapping_from_the_environment(tmp_path, monkeypatch):
    export = tmp_path / "cms.json"
    export.write_text(json.dumps({"hed": "Oman opens port", "story": {"text": "MUSCAT - Oman opened a port."}}))
    monkeypatch.setenv("TARJAMA_JSON_FIELDS", "title=hed,body=story.text")
    article = parse_file(export)
    assert (article.title, article.paragraphs) == ("Oman opens port", ("MUSCAT - Oman opened a port.",))
    monkeypatch.setenv("TARJAMA_JSON_FIELDS", "headline=hed")
    with pytest.raises(ValueError, match="TARJAMA_JSON_FIELDS"):
        parse_file(export)


def test_rss_and_atom_feeds():
    rss = list(read_articles(str(FORMATS / "feed.rss")))
    assert rss[0].title == "المغرب يطلق مشروعا للطاقة الشمسية في ورزازات"
    assert (rss[0].published_at, rss[0].byline, rss[0].source) == ("2024-11-30", "يوسف العلمي", "وكالة ترجمة للأنباء")
    assert len(rss[0].paragraphs) == 2  # content:encoded wins over the short description
    assert rss[1].published_at == "2024-11-29"
    assert isinstance(rss[2], ArticleError) and rss[2].raw.startswith(b"<item>")
    atom = list(read_articles(str(FORMATS / "feed.atom")))
    assert [a.url for a in atom] == [
        "https://wire.example.com/iraq-turkey-water",
        "https://wire.example.com/kuwait-budget",
    ]
    assert (atom[0].byline, atom[1].published_at) == ("Leila Mansour", "2024-11-29")


def test_rss_1_0_and_atom_xhtml_content_are_read():
    """feedparser reads what the first feed reader dropped: RSS 1.0 (RDF) and Atom XHTML content."""
    [rdf] = read_articles(str(FORMATS / "feed.rdf"))
    assert (rdf.title, rdf.published_at, rdf.byline, rdf.source) == (
        "عمان تفتتح توسعة ميناء الدقم",
        "2024-11-28",
        "سالم الحارثي",
        "Tarjama Wire (RSS 1.0)",
    )
    assert rdf.paragraphs[0].startswith("مسقط - افتتحت") or rdf.dateline == "مسقط"
    [atom] = read_articles(str(FORMATS / "feed-xhtml.atom"))
    assert atom.paragraphs == (
        "DOHA - Qatar opened a desalination plant on Saturday that will supply the capital.",
        "The plant cost 500 million dollars, the ministry said.",
    )
    assert (atom.published_at, atom.url) == ("2024-11-30", "https://wire.example.com/qatar-desalination")


def test_format_is_sniffed_when_the_name_says_nothing(tmp_path):
    for name in ("feed.rss", "page.html", "export.json"):
        unnamed = tmp_path / name.replace(".", "_")
        unnamed.write_bytes((FORMATS / name).read_bytes())
        assert next(read_articles(str(unnamed))).title == next(read_articles(str(FORMATS / name))).title


def test_landing_zone_on_an_fsspec_url():
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/landing/2024-11-30/a.txt", (FIXTURES / "encodings" / "utf8-bom.txt").read_bytes())
    fs.pipe("/landing/2024-11-30/b.json", (FORMATS / "export.json").read_bytes())
    found = list(sources.list_files("memory://landing"))
    assert found == ["memory://landing/2024-11-30/a.txt", "memory://landing/2024-11-30/b.json"]
    titles = [a.title for path in found for a in read_articles(path) if not isinstance(a, ArticleError)]
    assert titles[0] == TITLE and len(titles) == 3


# Hostile input: each has a clear outcome, fast.


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (b"\x7fELF\x02\x01\x01" + os.urandom(4000), "binary file"),
    ],
)
def test_empty_and_binary_files(tmp_path, content, reason):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=reason):
        parse_file(path)


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.write(("عنوان\n\n" + "نص طويل جدا. " * 1000 + "\n").encode() * 2400)
    assert huge.stat().st_size > 50 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ArticleError, match="too large: over 20 MB") as caught:
        parse_file(huge)
    assert time.monotonic() - started < 2
    assert caught.value.stage == "read"


def test_deeply_nested_json(tmp_path):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 10_000 + "]" * 10_000)
    with pytest.raises(ArticleError, match="nested too deeply"):
        parse_file(nested)
    lines = tmp_path / "nested.jsonl"
    deep = '{"a": ' * 10_000 + "1" + "}" * 10_000
    lines.write_text('{"title": "ok", "body": "RABAT - A real line."}\n' + deep + "\n")
    items = list(read_articles(str(lines)))
    assert items[0].title == "ok" and "nested too deeply" in items[1].reason


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
"""


def test_billion_laughs_is_never_expanded(tmp_path):
    feed = tmp_path / "laughs.rss"
    feed.write_text(BILLION_LAUGHS + '<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>')
    with pytest.raises(ArticleError, match="unsafe XML refused: DTDForbidden"):
        parse_file(feed)
    page = tmp_path / "laughs.html"
    body = "<p>" + "A paragraph long enough to count as the story, with &lol9; inside it. " * 2 + "</p>"
    page.write_text(BILLION_LAUGHS.replace('<?xml version="1.0"?>', "") + f"<html><title>t</title>{body}</html>")
    started = time.monotonic()
    article = parse_file(page)
    assert time.monotonic() - started < 1
    assert "&lol9;" in article.body and "lollol" not in article.body


class _EndlessFeed(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        try:
            while True:
                self.wfile.write(b"<item><title>again</title><description>and again</description></item>" * 100)
                time.sleep(0.01)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def endless_feed():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EndlessFeed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()


def test_a_feed_that_never_ends_is_cut_by_size_and_by_time(endless_feed, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024 * 1024)
    with pytest.raises(ArticleError, match="too large: over 1 MB") as caught:
        parse_file(endless_feed)
    assert caught.value.stage == "read" and len(caught.value.raw) > 1024 * 1024
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 10**12)
    monkeypatch.setattr(sources, "FETCH_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(ArticleError, match="too slow: not complete after 1 s"):
        parse_file(endless_feed)
    assert time.monotonic() - started < 5


def test_paths_out_of_the_landing_zone_are_refused(tmp_path, settings):
    landing = tmp_path / "landing"
    day = landing / "2024-11-30"
    day.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nNot for the index, and never to be read through the landing zone.")
    (day / "link.txt").symlink_to(secret)
    (day / "ok.txt").write_bytes((FIXTURES / "encodings" / "utf8-bom.txt").read_bytes())
    dotted = str(day / ".." / ".." / "secret.txt")
    pipeline = Pipeline(settings, confine_to=landing)
    results = list(pipeline.process([str(day / "link.txt"), dotted, str(day / "ok.txt")]))
    assert [type(r).__name__ for r in results] == ["Quarantined", "Quarantined", "dict"]
    assert "outside the landing zone" in results[0].reason and "a symbolic link leads to" in results[0].reason
    assert "outside the landing zone" in results[1].reason and "its path leads to" in results[1].reason
    kept = quarantine(settings.quarantine_dir, results[0], "run")
    assert kept.read_bytes() == b""  # the link is not followed, not even to keep its bytes
    assert kept_name("a/../../etc/passwd") == "passwd" and kept_name("feed.rss#3") == "feed-3.xml"


def test_quarantine_keeps_bytes_reason_stage_and_run_and_lists_them(tmp_path):
    store = tmp_path / "quarantine"
    first = quarantine(store, Quarantined("in/a.jsonl#2", "line 2 is not valid JSON", b'{"x": ', "parse"), "run 1")
    second = quarantine(store, Quarantined("other/a-2.json", "empty file", b"", "decode"), "run 1")
    assert first.name == "a-2.json" and second.name == "a-2~1.json"  # same name, nothing overwritten
    records = list(list_records(store))
    assert [(r.path, r.stage, r.run_id) for r in records] == [
        ("in/a.jsonl#2", "parse", "run 1"),
        ("other/a-2.json", "decode", "run 1"),
    ]
    assert records[0].kept.read_bytes() == b'{"x": '
    reason = json.loads(first.with_name(first.name + ".reason.json").read_text())
    assert reason["sha256"] and reason["size"] == 6 and reason["quarantined_at"]


def test_a_retry_in_the_same_run_quarantines_an_input_once(tmp_path):
    """A retried task meets the same bad file again: one record per run, the newest reason."""
    store, bad = tmp_path / "quarantine", tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    first = quarantine(store, Quarantined(str(bad), "empty file", None, "decode"), "run-1")
    again = quarantine(store, Quarantined(str(bad), "empty file, again", None, "decode"), "run-1")
    other_run = quarantine(store, Quarantined(str(bad), "empty file", None, "decode"), "run-2")
    assert again == first and other_run != first
    records = [(record.run_id, record.reason) for record in list_records(store)]
    assert records == [("run-1", "empty file, again"), ("run-2", "empty file")]


def test_cli_lists_the_quarantine(tmp_path):
    from test_pipeline import run_cli

    store = tmp_path / "quarantine"
    quarantine(store, Quarantined("in/a.txt", "empty file", b"", "decode"), "run-1")
    result = run_cli("quarantine", "list", "--json", env={"TARJAMA_QUARANTINE_DIR": str(store)})
    assert result.returncode == 0, result.stderr
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["id"], row["path"], row["reason"], row["stage"]) == ("run-1/a.txt", "in/a.txt", "empty file", "decode")
    missing = run_cli("quarantine", "requeue", "run-1/nope.txt", env={"TARJAMA_QUARANTINE_DIR": str(store)})
    assert missing.returncode == 2 and "not in the quarantine: run-1/nope.txt" in missing.stderr


@pytest.mark.skipif(
    not (REPO.parent / "shared" / "data" / "article-extraction-benchmark").is_dir(),
    reason="a user's clone has no ../shared",
)
def test_html_extraction_on_a_peers_benchmark_holds_its_level():
    """bench/html_extraction.py: the benchmark's own scorer over its 121 pages, Tarjama beside
    trafilatura in the same run (both deterministic): Tarjama scored F1 0.970, precision 0.957."""
    import subprocess
    import sys

    output = subprocess.run(
        [sys.executable, str(REPO / "bench" / "html_extraction.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    report = json.loads(output.stdout)
    assert report["pages"] == 121
    assert report["tarjama"]["f1"] >= max(0.96, report["trafilatura"]["f1"]), report
    assert report["tarjama"]["precision"] >= 0.94, report
