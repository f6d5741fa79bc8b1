"""Translation benchmark, one run, one JSON object:  python bench/translate.py --json

On a random-weight model shaped like a real Argos package (bench/make_realistic_model.py) and
on the project's test package, sentences/s and characters/s for:
  (a) limit   CTranslate2 translate_batch on pre-tokenised sentences, with the engine's settings;
  (b) argos   the common way: argostranslate.translate one article at a time, default settings
              (test package); Argos's own calls replayed through CTranslate2, one paragraph per
              call, max_batch_size 32 tokens, default threads (realistic model, whose random
              weights need forced output lengths that the Argos API cannot pass);
  (c) engine  tarjama's ArgosTranslator, end to end from raw text.
Random weights never stop by themselves, so on the realistic model every path decodes exactly
FORCED_LENGTH tokens per sentence. Beam size 4 everywhere. Peak RSS is measured in child
processes that stream 1,000 and 10,000 articles through the engine in pipeline-sized batches.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from generator import generator  # noqa: E402
from make_realistic_model import DEFAULT_OUTPUT as REALISTIC_PACKAGE  # noqa: E402
from make_realistic_model import make as make_realistic_model  # noqa: E402

from tarjama.text import split_sentences  # noqa: E402
from tarjama.translate import ArgosTranslator, EngineOptions, find_package  # noqa: E402

FORCED_LENGTH = 32  # output tokens per sentence on the random model: a typical English news sentence
BEAM_SIZE = 4
PIPELINE_BATCH = 50  # articles per engine call


def articles(count: int, seed: int):
    """News-like Arabic articles: a headline and three paragraphs of one to three sentences."""
    corpus = generator()
    rng = random.Random(seed)

    def sentence():
        while True:
            arabic, _ = corpus.make_pair(rng)
            if arabic.endswith("."):
                return arabic

    for _ in range(count):
        title = sentence().rstrip(".")
        yield title, tuple(" ".join(sentence() for _ in range(rng.randint(1, 3))) for _ in range(3))


def sentences_of(batch) -> list[str]:
    return [s for title, paragraphs in batch for text in (title, *paragraphs) for s in split_sentences(text)]


class ForcedLengthTranslator(ArgosTranslator):
    """The engine with output lengths forced, for a model whose random weights never stop."""

    def decoding_options(self, longest_source: int) -> dict:
        return {
            **super().decoding_options(longest_source),
            "min_decoding_length": FORCED_LENGTH,
            "max_decoding_length": FORCED_LENGTH,
        }


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def rates(sentences: int, characters: int, seconds: float) -> dict:
    return {
        "sentences": sentences,
        "seconds": round(seconds, 2),
        "sps": round(sentences / seconds, 2),
        "chars_per_s": round(characters / seconds, 1),
    }


def measure(engine: ArgosTranslator, batch, argos_path) -> dict:
    sentences = sentences_of(batch)
    characters = sum(len(s) for s in sentences)
    tokenised = [engine.package.tokenizer.encode(s) for s in sentences]
    engine.translate_texts(sentences[:4])  # load the model before timing
    _, limit_seconds = timed(lambda: engine._translate_tokens(tokenised))
    _, argos_seconds = timed(lambda: argos_path(batch))
    _, engine_seconds = timed(lambda: engine.translate_articles(list(batch)))
    return {
        "limit": rates(len(sentences), characters, limit_seconds),
        "argos": rates(len(sentences), characters, argos_seconds),
        "engine": rates(len(sentences), characters, engine_seconds),
    }


def argos_replay(package_dir: Path):
    """Argos's apply_packaged_translation, call for call, on the random model."""
    import ctranslate2
    from argostranslate.package import Package

    package = Package(package_dir)
    translator = ctranslate2.Translator(str(package_dir / "model"), inter_threads=1, intra_threads=0)
    translator.translate_batch([package.tokenizer.encode("تجربة")], max_decoding_length=2)

    def run(batch):
        for title, paragraphs in batch:
            for paragraph in (title, *paragraphs):
                tokens = [package.tokenizer.encode(s) for s in split_sentences(paragraph)]
                translator.translate_batch(
                    tokens,
                    replace_unknowns=True,
                    max_batch_size=32,
                    batch_type="tokens",
                    beam_size=BEAM_SIZE,
                    length_penalty=0.2,
                    return_scores=True,
                    min_decoding_length=FORCED_LENGTH,
                    max_decoding_length=FORCED_LENGTH,
                )

    return run


def argos_translate_module():
    """argostranslate.translate as users call it, with our splitter in place of MiniSBD (which downloads)."""
    import argostranslate.translate as argos

    class Splitter:
        def __init__(self, package):
            pass

        def split_sentences(self, text):
            return split_sentences(text)

    argos.MiniSBDSentencizer = Splitter
    argos.get_installed_languages.cache_clear()
    return argos.get_translation_from_codes("ar", "en")


def threads_grid(package, batch) -> list[dict]:
    tokenised = [package.tokenizer.encode(s) for s in sentences_of(batch)]
    grid = []
    for inter, intra in ((1, 2), (2, 1)):
        for batch_size in (16, 32, 64):
            options = EngineOptions(inter_threads=inter, intra_threads=intra, batch_size=batch_size)
            engine = ForcedLengthTranslator(package, options)
            engine._translate_tokens(tokenised[:4])
            _, seconds = timed(lambda engine=engine: engine._translate_tokens(tokenised))
            grid.append(
                {
                    "inter_threads": inter,
                    "intra_threads": intra,
                    "batch_size": batch_size,
                    "sps": round(len(tokenised) / seconds, 2),
                }
            )
    return grid


def peak_rss_mb(article_count: int) -> float:
    output = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(article_count)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output)["peak_rss_mb"]


def rss_child(article_count: int) -> None:
    engine = ArgosTranslator(find_package("ar", "en"))
    batch = []
    for article in articles(article_count, seed=5):
        batch.append(article)
        if len(batch) == PIPELINE_BATCH:
            engine.translate_articles(batch)
            batch = []
    engine.translate_articles(batch)
    print(json.dumps({"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--articles", type=int, default=30, help="articles per path on the realistic model")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        rss_child(args.rss_child)
        return

    def say(message):
        if not args.json:
            print(message, file=sys.stderr, flush=True)

    from argostranslate.package import Package

    if not (REALISTIC_PACKAGE / "model" / "model.bin").exists():
        say("writing the realistic random-weight model")
        make_realistic_model(REALISTIC_PACKAGE)
    realistic = Package(REALISTIC_PACKAGE)
    test_package = find_package("ar", "en")
    if test_package is None:
        sys.exit("no ar→en package installed: run scripts/setup first")

    batch = list(articles(args.articles, seed=1))
    say("realistic model: limit, argos replay, engine")
    realistic_rates = measure(ForcedLengthTranslator(realistic), batch, argos_replay(REALISTIC_PACKAGE))
    say("realistic model: threads and batch sizes")
    grid = threads_grid(realistic, batch[:10])

    say("test package: limit, argostranslate, engine, agreement")
    reference = argos_translate_module()
    engine = ArgosTranslator(test_package)
    test_batch = list(articles(200, seed=2))
    test_rates = measure(engine, test_batch, lambda b: [reference.translate("\n".join((t, *ps))) for t, ps in b])
    sentences = sentences_of(test_batch)
    ours = [result.text for result in engine.translate_texts(sentences)]
    theirs = [reference.translate(s) for s in sentences]
    identical = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(sentences)

    say("peak RSS over 1,000 and 10,000 articles (test package)")
    rss_1k, rss_10k = peak_rss_mb(1000), peak_rss_mb(10000)
    result = {
        "limit_sps": realistic_rates["limit"]["sps"],
        "argos_sps": realistic_rates["argos"]["sps"],
        "engine_sps": realistic_rates["engine"]["sps"],
        "engine_chars_per_s": realistic_rates["engine"]["chars_per_s"],
        "engine_vs_limit": round(realistic_rates["engine"]["sps"] / realistic_rates["limit"]["sps"], 3),
        "engine_vs_argos": round(realistic_rates["engine"]["sps"] / realistic_rates["argos"]["sps"], 2),
        "rss_mb_1k": rss_1k,
        "rss_mb_10k": rss_10k,
        "identical_fraction": round(identical, 4),
        "identical_sentences": len(sentences),
        "realistic_model": realistic_rates,
        "test_package": test_rates,
        "threads_grid": grid,
        "settings": {"beam_size": BEAM_SIZE, "forced_length": FORCED_LENGTH, "engine": vars(EngineOptions())},
    }
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
