"""The NewsFANE Gold and WikiFANE Gold corpora (Alotaibi and Lee, COLING 2014; CC BY-SA 3.0,
in ../shared/data/ner): read with their 50 fine-grained classes mapped to person, organisation
and place, NewsFANE split by article, and a spaCy model scored on a split per type. The
training script (scripts/train_arabic_ner.py) and the enrichment scorer both read them here.
"""

from __future__ import annotations

import random
from pathlib import Path

from spacy.tokens import Doc
from spacy.training import Example

from tarjama.arabic_ner import LABELS, fold
from tarjama_dev import SHARED

CORPUS = SHARED / "data" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
SEED = 20241130
BLOCK_SENTENCES = 20
_CONTINUATIONS = {"و", "ف", "ثم", "كما", "لكن", "ه", "ها", "هم", "هو", "هي", "ذلك", "هذا", "هذه"}
WIKIFANE = SHARED / "data" / "ner" / "wikifane" / "WikiFANE_Gold_2014_500K.txt"
PERSON = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson"}
PERSON |= {"Lawyer", "Engineer", "Police"}
ORG = {"Government", "Non-Governmental", "Sports", "Media", "Commercial", "Educational", "Religious_ORG"}
ORG |= {"Entertainment", "Medical-Science"}
PLACE = {"Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent", "Water-Body"}
PLACE |= {"Land-Region-Natural", "County-or-District", "Building-Grounds", "Airport", "Path", "Subarea-Facility"}
PLACE |= {"Celestial", "Plant"}
# Dropped: Group (peoples: "الفلسطينيون"), works (Book, Movie), products, weapons and vehicles.
LABEL = {**dict.fromkeys(PERSON, "PER"), **dict.fromkeys(ORG, "ORG"), **dict.fromkeys(PLACE, "LOC")}


def read_corpus(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (words, BIO tags over PER/ORG/LOC)."""
    sentences, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        word, _, tag = line.strip("\r").partition("\t")
        word = fold(word.strip())
        if not word:
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        prefix, _, fine = tag.strip().partition("-")
        coarse = LABEL.get(fine)
        tags.append(f"{prefix}-{coarse}" if coarse and prefix in ("B", "I") else "O")
        words.append(word)
    if words:
        sentences.append((words, tags))
    return [(w, _repair(t)) for w, t in sentences]


def _repair(tags: list[str]) -> list[str]:
    """An I- with no entity of its type before it starts one."""
    fixed = []
    for tag in tags:
        if tag.startswith("I-") and (not fixed or fixed[-1] == "O" or fixed[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def sentence_split(sentences: list) -> dict[str, list]:
    """The split by sentence that models before 1.2.0 were trained on; the date gold sets
    (tests/fixtures/gold/dates*.tsv) name NewsFANE sentences by their place in it."""
    order = list(range(len(sentences)))
    random.Random(SEED).shuffle(order)
    cut_train, cut_dev = int(0.8 * len(order)), int(0.9 * len(order))
    return {
        "train": [sentences[i] for i in order[:cut_train]],
        "dev": [sentences[i] for i in order[cut_train:cut_dev]],
        "test": [sentences[i] for i in order[cut_dev:]],
    }


def documents(sentences: list) -> list[list]:
    """The corpus's articles, as runs of consecutive sentences. The release marks no article
    boundaries; an article's sentences are consecutive, and a sentence that opens with a
    connective (و، ف) or a pronoun continues the one before, so blocks of about
    `BLOCK_SENTENCES` are cut only before a sentence that does not."""
    blocks, current = [], []
    for words, tags in sentences:
        opens = words[0] not in _CONTINUATIONS
        if opens and len(current) >= BLOCK_SENTENCES:
            blocks.append(current)
            current = []
        current.append((words, tags))
    return blocks + [current] * bool(current)


def split(sentences: list) -> dict[str, list]:
    """80/10/10 by article (blocks of consecutive sentences), seeded, so that no article has
    sentences on both sides of a split."""
    blocks = documents(sentences)
    order = list(range(len(blocks)))
    random.Random(SEED).shuffle(order)
    cut_train, cut_dev = int(0.8 * len(order)), int(0.9 * len(order))
    parts = {"train": order[:cut_train], "dev": order[cut_train:cut_dev], "test": order[cut_dev:]}
    return {name: [sentence for i in sorted(chosen) for sentence in blocks[i]] for name, chosen in parts.items()}


def entity_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            spans.append([i, i + 1, tag[2:]])
        elif tag.startswith("I-"):
            spans[-1][1] = i + 1
    return [tuple(span) for span in spans]


def per_type_scores(nlp, docs: list[Doc]) -> dict:
    examples = [Example(nlp(Doc(nlp.vocab, words=[t.text for t in doc])), doc) for doc in docs]
    scores = nlp.evaluate(examples)
    by_type = {LABELS[label]: s for label, s in scores["ents_per_type"].items()}
    by_type["all"] = {"p": scores["ents_p"], "r": scores["ents_r"], "f": scores["ents_f"]}
    return {
        kind: {"precision": round(s["p"], 3), "recall": round(s["r"], 3), "f1": round(s["f"], 3)}
        for kind, s in sorted(by_type.items())
    }
