"""Translation benchmark, one run, one JSON object:  python bench/translate.py --json

On a random-weight model shaped like a real Argos package (bench/make_realistic_model.py) and
on the project's test package, sentences/s and characters/s for:
  (a) raw limit    CTranslate2 alone: ONE translate_batch call over all the pre-tokenised
                   sentences, max_batch_size 32 (CTranslate2 sorts them by length and spreads
                   the sub-batches over its replicas), with the engine's threads, beam, length
                   penalty and length bound (forced output length on the realistic model);
  (b) argos        the common way: Argos one article at a time, paragraph by paragraph, with
                   its default settings (inter 1, intra 0, batch 32 tokens);
  (c) argos tuned  the same with the best thread and batch settings Argos's own configuration
                   allows (ARGOS_INTER_THREADS, ARGOS_INTRA_THREADS, ARGOS_BATCH_SIZE): every
                   candidate of ARGOS_CANDIDATES is measured in every round, the best median wins;
  (d) engine       tarjama's ArgosTranslator, end to end from raw text.
On the test package Argos is argostranslate.translate itself (settings set as its environment
variables set them); on the realistic model, whose random weights need forced output lengths
that the Argos API cannot pass, Argos's calls are replayed through CTranslate2 call for call.
Random weights never stop by themselves, so on the realistic model every path decodes exactly
FORCED_LENGTH tokens per sentence. Beam size 4 everywhere.

Every figure comes from ROUNDS alternating rounds: each round runs every path once, odd rounds
in reverse order, so that other work on the machine (its load average is recorded at each
phase) hits all paths alike; figures are the median, min and max of the rounds, ratios the
median, min and max of per-round ratios. The thread grid runs the engine's decoder on
GRID_SENTENCES sentences, so that even chunks of 64 fill both workers. Peak RSS (VmHWM) is
measured in child processes that stream articles through the engine in pipeline-sized batches:
after 1,000 and 10,000 articles on the test package, 50 and 100 on the realistic model.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import random
import resource
import statistics
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from make_realistic_model import D_MODEL as REALISTIC_D_MODEL  # noqa: E402
from make_realistic_model import DEFAULT_OUTPUT as REALISTIC_PACKAGE  # noqa: E402
from make_realistic_model import make as make_realistic_model  # noqa: E402

from tarjama.text import split_sentences  # noqa: E402
from tarjama.translate import ArgosTranslator, EngineOptions, find_package  # noqa: E402
from tarjama_dev.news_corpus import make_pair  # noqa: E402

FORCED_LENGTH = 32  # output tokens per sentence on the random model: a typical English news sentence
BEAM_SIZE = 4
PIPELINE_BATCH = 50  # articles per engine call
RAW_MAX_BATCH_SIZE = 32  # the raw limit's translate_batch(max_batch_size=...), in sentences
ROUNDS = 3
GRID_SENTENCES = 128  # 2 workers x the largest batch size of the grid
GRID = tuple((inter, intra, batch) for inter, intra in ((1, 2), (2, 1)) for batch in (16, 32, 64))
RSS_REALISTIC = (50, 100)  # articles (one and two pipeline batches) streamed on the realistic model


@dataclass(frozen=True)
class ArgosSettings:
    """What argostranslate.settings reads from ARGOS_INTER_THREADS, ARGOS_INTRA_THREADS and
    ARGOS_BATCH_SIZE (a translate_batch max_batch_size in tokens: Argos passes batch_type="tokens")."""

    inter_threads: int
    intra_threads: int
    batch_size: int

    @property
    def label(self) -> str:
        return f"inter {self.inter_threads} x intra {self.intra_threads}, batch {self.batch_size} tokens"


ARGOS_SETTING_KEYS = ("inter_threads", "intra_threads", "batch_size")
ARGOS_DEFAULT = ArgosSettings(1, 0, 32)  # argostranslate.settings defaults; intra 0 runs 2 threads on 2 cores
ARGOS_CANDIDATES = (
    ARGOS_DEFAULT,
    ArgosSettings(2, 1, 32),  # a paragraph's sentences (15 to 40 tokens each) spread over two workers
    ArgosSettings(1, 2, 4096),  # a paragraph in one batch, two threads
    ArgosSettings(2, 1, 4096),  # a paragraph in one batch on a one-thread worker (the other one waits)
)


def articles(count: int, seed: int):
    """News-like Arabic articles: a headline and three paragraphs of one to three sentences."""
    rng = random.Random(seed)

    def sentence():
        while True:
            arabic, _ = make_pair(rng)
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


# --- the realistic model ---


def projection_width(model_bin: Path) -> int | None:
    """Input width of the decoder's output projection in a CTranslate2 model.bin (format 6)."""
    with model_bin.open("rb") as f:

        def number(size: int, code: str) -> int:
            return struct.unpack("<" + code, f.read(size))[0]

        def string() -> str:
            return f.read(number(2, "H")).decode().rstrip("\0")

        if number(4, "I") != 6:
            return None
        string(), number(4, "I")  # spec name, revision
        for _ in range(number(4, "I")):
            name = string()
            dims = [number(4, "I") for _ in range(number(1, "B"))]
            number(1, "B")  # dtype
            if name == "decoder/projection/weight":
                return dims[1]
            f.seek(number(4, "I"), os.SEEK_CUR)
    return None


def ensure_realistic_model() -> None:
    """Write the model unless a sound one is there. Models written before 2 December 2026 had a
    128-wide output projection under a 512-wide decoder (init_params sized it with the module's
    constant, since fixed), and CTranslate2 read past the weight: such a model is written again."""
    model_bin = REALISTIC_PACKAGE / "model" / "model.bin"
    if model_bin.exists() and projection_width(model_bin) == REALISTIC_D_MODEL:
        return
    make_realistic_model(REALISTIC_PACKAGE)
    if projection_width(model_bin) != REALISTIC_D_MODEL:
        sys.exit(f"{model_bin}: the output projection is not {REALISTIC_D_MODEL} wide")


# --- the paths ---


def raw_limit(engine: ArgosTranslator, sentences: list[str]):
    """CTranslate2 alone, with the engine's threads and decoding settings: one translate_batch."""
    import ctranslate2

    tokenised = [engine.package.tokenizer.encode(s) for s in sentences]
    translator = ctranslate2.Translator(
        str(engine.package.package_path / "model"),
        device="cpu",
        inter_threads=engine.options.inter_threads,
        intra_threads=engine.options.intra_threads,
    )
    options = engine.decoding_options(max(len(tokens) for tokens in tokenised))
    prefix = engine.package.target_prefix
    target_prefix = [[prefix]] * len(tokenised) if prefix else None

    def run():
        translator.translate_batch(tokenised, max_batch_size=RAW_MAX_BATCH_SIZE, target_prefix=target_prefix, **options)

    translator.translate_batch(tokenised[:2], **{**options, "max_decoding_length": 2, "min_decoding_length": 0})
    return run


@contextlib.contextmanager
def argos_configured(settings: ArgosSettings):
    """argostranslate.settings as ARGOS_INTER_THREADS, ARGOS_INTRA_THREADS, ARGOS_BATCH_SIZE set it
    (it reads them once, at import); restored afterwards."""
    import argostranslate.settings as argos_settings

    saved = {field: getattr(argos_settings, field) for field in ARGOS_SETTING_KEYS}
    for field in ARGOS_SETTING_KEYS:
        setattr(argos_settings, field, getattr(settings, field))
    try:
        yield
    finally:
        for field, value in saved.items():
            setattr(argos_settings, field, value)


def argos_replay(package_dir: Path, settings: ArgosSettings):
    """Argos's apply_packaged_translation, call for call, on the random model."""
    import ctranslate2
    from argostranslate.package import Package

    package = Package(package_dir)
    translator = ctranslate2.Translator(
        str(package_dir / "model"), inter_threads=settings.inter_threads, intra_threads=settings.intra_threads
    )
    translator.translate_batch([package.tokenizer.encode("تجربة")], max_decoding_length=2)

    def run(batch):
        for title, paragraphs in batch:
            for paragraph in (title, *paragraphs):
                tokens = [package.tokenizer.encode(s) for s in split_sentences(paragraph)]
                translator.translate_batch(
                    tokens,
                    replace_unknowns=True,
                    max_batch_size=settings.batch_size,
                    batch_type="tokens",
                    beam_size=BEAM_SIZE,
                    num_hypotheses=1,
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


def argos_api(reference, settings: ArgosSettings):
    """argostranslate.translate, one article per call, under `settings`: a translation object of
    its own (Argos keeps one per package, whose CTranslate2 threads are fixed at first use)."""
    import argostranslate.translate as argos

    translation = argos.CachedTranslation(
        argos.PackageTranslation(reference.from_lang, reference.to_lang, reference.underlying.pkg)
    )
    with argos_configured(settings):
        translation.translate("تجربة")

    def run(batch):
        with argos_configured(settings):
            for title, paragraphs in batch:
                translation.translate("\n".join((title, *paragraphs)))

    return run


# --- rounds ---


def summary(values: list[float], digits: int = 2) -> dict:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def in_rounds(paths: dict, rounds: int) -> dict[str, list[float]]:
    """Seconds per round for each path. Each round runs every path once, odd rounds in reverse
    order (A B C, C B A, A B C, ...): neighbours in `paths` always run next to each other, and
    each of them first as often as the other."""
    names = list(paths)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        for name in names if index % 2 == 0 else names[::-1]:
            started = time.perf_counter()
            paths[name]()
            seconds[name].append(time.perf_counter() - started)
    return seconds


def speed(sentences: int, seconds: list[float]) -> dict:
    """Sentences/s: median, min and max of the rounds, and each round's."""
    sps = summary([sentences / s for s in seconds])
    return {
        "sentences": sentences,
        "sps": sps["median"],
        "sps_min": sps["min"],
        "sps_max": sps["max"],
        "sps_rounds": [round(sentences / s, 2) for s in seconds],
    }


def rates(sentences: list[str], seconds: list[float]) -> dict:
    characters = sum(len(s) for s in sentences)
    median = statistics.median(seconds)
    return {**speed(len(sentences), seconds), "seconds": round(median, 2), "chars_per_s": round(characters / median, 1)}


def ratio(numerator: dict, denominator: dict, digits: int = 3) -> dict:
    return summary([a / b for a, b in zip(numerator["sps_rounds"], denominator["sps_rounds"], strict=True)], digits)


def measure(engine: ArgosTranslator, batch, argos_batch, argos_path, rounds: int) -> dict:
    """Raw limit and engine on `batch`; every Argos candidate on `argos_batch` (a head of it)."""
    sentences, argos_sentences = sentences_of(batch), sentences_of(argos_batch)
    engine.translate_texts(sentences[:4])  # load the model before timing
    paths = {"raw_limit": raw_limit(engine, sentences), "engine": lambda: engine.translate_articles(list(batch))}
    for settings in ARGOS_CANDIDATES:
        run = argos_path(settings)
        paths[settings.label] = lambda run=run: run(argos_batch)
    seconds = in_rounds(paths, rounds)
    candidates = [
        {**dataclasses.asdict(settings), **rates(argos_sentences, seconds[settings.label])}
        for settings in ARGOS_CANDIDATES
    ]
    tuned = max(candidates, key=lambda candidate: candidate["sps"])
    result = {
        "raw_limit": rates(sentences, seconds["raw_limit"]),
        "argos": candidates[0],
        "argos_tuned": tuned,
        "engine": rates(sentences, seconds["engine"]),
        "argos_candidates": candidates,
    }
    result["engine_vs_raw_limit"] = ratio(result["engine"], result["raw_limit"])
    result["engine_vs_argos"] = ratio(result["engine"], result["argos"], 2)
    result["engine_vs_argos_tuned"] = ratio(result["engine"], result["argos_tuned"], 2)
    result["argos_tuned_vs_argos"] = ratio(result["argos_tuned"], result["argos"], 2)
    return result


def threads_grid(package, sentences: list[str], rounds: int) -> list[dict]:
    """The engine's decoder (pre-tokenised sentences) at each threads x batch size of GRID."""
    engines = {}
    for inter, intra in {(inter, intra) for inter, intra, _ in GRID}:
        engine = ForcedLengthTranslator(package, EngineOptions(inter_threads=inter, intra_threads=intra))
        engine.translate_texts(sentences[:4])
        engines[inter, intra] = engine
    tokenised = [package.tokenizer.encode(s) for s in sentences]

    def path(inter, intra, batch_size):
        engine = engines[inter, intra]

        def run():
            engine.options = dataclasses.replace(engine.options, batch_size=batch_size)  # chunking only
            engine._translate_tokens(tokenised)

        return run

    seconds = in_rounds({cell: path(*cell) for cell in GRID}, rounds)
    return [
        {"inter_threads": inter, "intra_threads": intra, "batch_size": batch_size, **speed(len(tokenised), values)}
        for (inter, intra, batch_size), values in seconds.items()
    ]


# --- memory ---


def peak_rss_mb(*runs: tuple[tuple[int, ...], bool]) -> list[dict[int, float]]:
    """Peak RSS, after each of its checkpoints (articles streamed so far), of one child process per
    (checkpoints, realistic model?), run side by side: each child's memory is its own."""
    children = []
    for checkpoints, realistic in runs:
        command = [sys.executable, __file__, "--rss-child", ",".join(map(str, checkpoints))]
        children.append(subprocess.Popen(command + ["--realistic"] * realistic, stdout=subprocess.PIPE, text=True))
    peaks = []
    for child in children:
        output, _ = child.communicate()
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, child.args)
        peaks.append({int(count): peak for count, peak in json.loads(output).items()})
    return peaks


def rss_child(checkpoints: list[int], realistic: bool) -> None:
    """Stream articles through the engine in pipeline-sized batches; VmHWM at each checkpoint."""
    if realistic:
        from argostranslate.package import Package

        engine = ForcedLengthTranslator(Package(REALISTIC_PACKAGE))
    else:
        engine = ArgosTranslator(find_package("ar", "en"))
    peaks, batch = {}, []
    for done, article in enumerate(articles(max(checkpoints), seed=5), start=1):
        batch.append(article)
        if len(batch) == PIPELINE_BATCH or done in checkpoints:
            engine.translate_articles(batch)
            batch = []
        if done in checkpoints:
            peaks[done] = peak_rss_of_this_process()
    print(json.dumps(peaks))


def peak_rss_of_this_process() -> float:
    """VmHWM, in MB. Not getrusage's ru_maxrss: Linux carries that over an exec from the process
    image it replaces, which for a child that Python starts with vfork is the parent's, here the
    benchmark's own (it made an earlier version report the parent's peak for every child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--articles", type=int, default=30, help="raw limit and engine, realistic model")
    parser.add_argument("--argos-articles", type=int, default=4, help="each Argos path, realistic model")
    parser.add_argument("--test-articles", type=int, default=200, help="raw limit and engine, test package")
    parser.add_argument("--test-argos-articles", type=int, default=20, help="each Argos path, test package")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    parser.add_argument("--realistic", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        rss_child([int(count) for count in args.rss_child.split(",")], args.realistic)
        return

    from argostranslate.package import Package

    started, phases = time.perf_counter(), []

    def say(message):
        """Start of a phase, with the machine's load average (1, 5, 15 minutes): others' work shows there."""
        phases.append({"phase": message, "at_s": round(time.perf_counter() - started, 1), "load": load_average()})
        if not args.json:
            print(f"{time.strftime('%H:%M:%S')} {message} (load {load_average()})", file=sys.stderr, flush=True)

    say("start")
    ensure_realistic_model()
    realistic = Package(REALISTIC_PACKAGE)
    test_package = find_package("ar", "en")
    if test_package is None:
        sys.exit("no ar→en package installed: run scripts/setup first")

    batch = list(articles(args.articles, seed=1))
    say("realistic model: raw limit, engine, Argos candidates")
    realistic_rates = measure(
        ForcedLengthTranslator(realistic),
        batch,
        batch[: args.argos_articles],
        lambda settings: argos_replay(REALISTIC_PACKAGE, settings),
        args.rounds,
    )
    say("realistic model: threads and batch sizes")
    grid_sentences = sentences_of(articles(GRID_SENTENCES // 4, seed=3))[:GRID_SENTENCES]  # ~7 sentences an article
    grid = threads_grid(realistic, grid_sentences, args.rounds)

    say("test package: raw limit, engine, Argos candidates")
    reference = argos_translate_module()
    engine = ArgosTranslator(test_package)
    test_batch = list(articles(args.test_articles, seed=2))
    test_rates = measure(
        engine,
        test_batch,
        test_batch[: args.test_argos_articles],
        lambda settings: argos_api(reference, settings),
        args.rounds,
    )
    say("test package: agreement with argostranslate")
    sentences = sentences_of(test_batch)
    ours = [result.text for result in engine.translate_texts(sentences)]
    # Argos's tuned settings only make this quicker: one sentence a call, and threads change no text
    agreement_settings = ArgosSettings(**{key: test_rates["argos_tuned"][key] for key in ARGOS_SETTING_KEYS})
    with argos_configured(agreement_settings):
        theirs = [reference.translate(s) for s in sentences]
    identical = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(sentences)

    say("peak RSS after 1,000 and 10,000 articles (test package), 50 and 100 (realistic model)")
    rss_test, rss_realistic = peak_rss_mb(((1000, 10000), False), (RSS_REALISTIC, True))
    real = realistic_rates
    result = {
        "raw_limit_sps": real["raw_limit"]["sps"],
        "argos_tuned_sps": real["argos_tuned"]["sps"],
        "engine_vs_raw_limit": real["engine_vs_raw_limit"]["median"],
        "engine_vs_argos_tuned": real["engine_vs_argos_tuned"]["median"],
        "argos_tuned_settings": {key: real["argos_tuned"][key] for key in ARGOS_SETTING_KEYS},
        # the keys of earlier versions; the limit is now the raw limit (it used to be the engine's own decoder)
        "limit_sps": real["raw_limit"]["sps"],
        "argos_sps": real["argos"]["sps"],
        "engine_sps": real["engine"]["sps"],
        "engine_chars_per_s": real["engine"]["chars_per_s"],
        "engine_vs_limit": real["engine_vs_raw_limit"]["median"],
        "engine_vs_argos": real["engine_vs_argos"]["median"],
        "rss_mb_1k": rss_test[1000],
        "rss_mb_10k": rss_test[10000],
        "rss_mb_realistic": rss_realistic[RSS_REALISTIC[-1]],
        "rss_mb_realistic_by_articles": rss_realistic,
        "identical_fraction": round(identical, 4),
        "identical_sentences": len(sentences),
        "identical_argos_settings": dataclasses.asdict(agreement_settings),
        "realistic_model": realistic_rates,
        "test_package": test_rates,
        "threads_grid": grid,
        "rounds": args.rounds,
        "settings": {
            "beam_size": BEAM_SIZE,
            "forced_length": FORCED_LENGTH,
            "raw_max_batch_size": RAW_MAX_BATCH_SIZE,
            "engine": vars(EngineOptions()),
            "cpus": os.cpu_count(),
        },
    }
    say("done")
    result.update(
        load_average_before=phases[0]["load"],
        load_average_after=phases[-1]["load"],
        phases=phases,
        wall_seconds=phases[-1]["at_s"],
    )
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
