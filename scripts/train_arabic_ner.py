"""Train the Arabic NER model on NewsFANE Gold and WikiFANE Gold and score it, reproducibly.

    .venv/bin/python scripts/train_arabic_ner.py [--corpus PATH] [--wikifane PATH | --no-wikifane] [--steps N]

NewsFANE Gold and WikiFANE Gold (Alotaibi and Lee, COLING 2014; CC BY-SA 3.0) have 50
fine-grained classes; they are mapped to person, organisation and place below, the rest
dropped. NewsFANE's articles are split 80/10/10 into train/dev/test by a seeded shuffle of
articles (`documents`), so every run uses the same split and no article is on both sides;
all of WikiFANE (Wikipedia, not news) joins the training part only, so that dev and test stay
newswire. The training part is then given two mention-swapped copies of each sentence that
holds names (`augment`). The model (spaCy `ner/config.cfg`), the corpus's word counts for
segmenting real text, the names the corpora tag as places, and the test-split scores are
written to include/tarjama/models/ar_ner_newsfane/.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.cli.train import train
from spacy.tokens import Doc, DocBin

from tarjama.arabic_ner import famous_people, name_key  # (registers the tokenizer and norms)
from tarjama.settings import ARABIC_NER_MODEL as MODEL_DIR
from tarjama_dev import REPO
from tarjama_dev.newsfane import CORPUS, SEED, WIKIFANE, entity_spans, per_type_scores, read_corpus, split

WORK = REPO / ".cache" / "ner"

CREDITS = """# ar_ner_newsfane

Trained by scripts/train_arabic_ner.py on NewsFANE Gold and WikiFANE Gold: Fahd Alotaibi and
Mark Lee, "A Hybrid Approach to Features Representation for Fine-grained Arabic Named Entity
Recognition", COLING 2014. The corpora are licensed under Creative Commons Attribution-ShareAlike
3.0 Unported (https://creativecommons.org/licenses/by-sa/3.0/); this model and place_names.json,
derived from them, are shared under the same licence.

Two of its features and its training-time name swaps read the name lists in
include/tarjama/resources/ (scripts/build_name_lists.py): Wikidata's name labels (CC0) as
collected by arabic-name-romanizer (MIT), ArWikiCats's names of well-known people (MIT), and
wordfreq's Arabic word list (CC BY-SA 4.0) for letter statistics.
"""


def augment(sentences: list, copies: int) -> list:
    """Mention replacement: copies of the sentences that hold names, each name swapped for a
    random other one of its type (persons also from the list of well-known people), so that
    the model learns more from the context around a name and less by heart."""
    bank: dict[str, list[list[str]]] = {"PER": [name.split() for name in famous_people()]}
    for words, tags in sentences:
        for start, end, kind in entity_spans(tags):
            bank.setdefault(kind, []).append(words[start:end])
    rng = random.Random(SEED)
    extra = []
    for words, tags in sentences:
        spans = entity_spans(tags)
        for _ in range(copies if spans else 0):
            new_words, new_tags, at = [], [], 0
            for start, end, kind in spans:
                name = rng.choice(bank[kind])
                new_words += words[at:start] + name
                new_tags += tags[at:start] + [f"B-{kind}"] + [f"I-{kind}"] * (len(name) - 1)
                at = end
            extra.append((new_words + words[at:], new_tags + tags[at:]))
    return sentences + extra


def place_names(corpora: list[Path]) -> dict[str, int]:
    """Names the annotated corpora tag as places at least twice and more often than as anything
    else (a single word also more often than as an untagged word): regions, territories, seas
    and districts that GeoNames's cities do not hold (`القصيم`, `الضفة الغربية`, `بحر العرب`).
    Name → times tagged as a place; `arabic_patterns` finds them where the model does not."""
    as_place: Counter = Counter()
    as_other: Counter = Counter()
    for path in corpora:
        for words, tags in read_corpus(path):
            for word, tag in zip(words, tags, strict=True):
                if tag == "O":
                    as_other[name_key(word)] += 1
            for start, end, kind in entity_spans(tags):
                (as_place if kind == "LOC" else as_other)[name_key(" ".join(words[start:end]))] += 1
    return {name: n for name, n in sorted(as_place.items()) if n >= 2 and n > as_other[name]}


def to_docs(nlp, sentences) -> list[Doc]:
    return [Doc(nlp.vocab, words=words, ents=tags) for words, tags in sentences]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--augment", type=int, default=2, help="mention-replaced copies of each training sentence")
    parser.add_argument("--config", type=Path, default=REPO / "ner" / "config.cfg")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR, help="where the model is written")
    parser.add_argument("--work", type=Path, default=WORK, help="for the corpus's splits and training output")
    parser.add_argument("--wikifane", type=Path, default=WIKIFANE, help="WikiFANE Gold, all of it trained on")
    parser.add_argument("--no-wikifane", dest="wikifane", action="store_const", const=None, help="NewsFANE only")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"NewsFANE Gold is not at {args.corpus}; pass --corpus PATH")
    sentences = read_corpus(args.corpus)
    parts = split(sentences)
    if args.wikifane:
        parts["train"] += read_corpus(args.wikifane)
    counts = Counter(word for words, _ in parts["train"] for word in words)
    parts["train"] = augment(parts["train"], args.augment)
    blank = spacy.blank("ar")
    work, model_dir = args.work, args.model_dir
    work.mkdir(parents=True, exist_ok=True)
    for name, part in parts.items():
        DocBin(docs=to_docs(blank, part)).to_disk(work / f"{name}.spacy")
    print(
        f"{len(sentences)} sentences: " + ", ".join(f"{k} {len(v)}" for k, v in parts.items()),
        f"({sum(len(w) for w, _ in parts['train'])} training tokens)",
        flush=True,
    )

    started = time.monotonic()
    output = work / "output"
    shutil.rmtree(output, ignore_errors=True)
    train(
        args.config,
        output,
        overrides={
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "training.max_steps": args.steps,
        },
    )
    minutes = (time.monotonic() - started) / 60

    nlp = spacy.load(output / "model-best")
    nlp.meta.update(
        name="ar_ner_newsfane",
        version="1.2.0",
        license="CC BY-SA 3.0",
        sources=[
            {"name": name, "author": "Fahd Alotaibi and Mark Lee", "license": "CC BY-SA 3.0"}
            for name in ("NewsFANE Gold", "WikiFANE Gold")[: 1 + bool(args.wikifane)]
        ],
    )
    test = list(DocBin().from_disk(work / "test.spacy").get_docs(nlp.vocab))
    scores = per_type_scores(nlp, test)
    shutil.rmtree(model_dir, ignore_errors=True)
    nlp.to_disk(model_dir)
    config = (model_dir / "config.cfg").read_text(encoding="utf-8")  # no paths of this machine in the model
    config = re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config, flags=re.M)
    (model_dir / "config.cfg").write_text(config, encoding="utf-8")
    frequent = {word: n for word, n in counts.most_common() if n >= 2}
    (model_dir / "word_counts.json").write_text(json.dumps(frequent, ensure_ascii=False), encoding="utf-8")
    places = place_names([args.corpus, *[args.wikifane] * bool(args.wikifane)])
    (model_dir / "place_names.json").write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
    metrics = {
        "test_split": scores,
        "steps": args.steps,
        "augment": args.augment,
        "training_minutes": round(minutes, 1),
        "seed": SEED,
    }
    (model_dir / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    (model_dir / "CREDITS.md").write_text(CREDITS, encoding="utf-8")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
