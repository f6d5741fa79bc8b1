"""Build the name lists in include/tarjama/resources/ from two MIT-licensed packages and
wordfreq's Arabic word list:

    pip download --no-deps arabic-name-romanizer==0.2.0 arwikicats==0.2.3
    unzip arabic_name_romanizer-0.2.0-*.whl && unzip arwikicats-0.2.3-*.whl
    pip install --target wordfreq-lib wordfreq==3.1.1
    PYTHONPATH=wordfreq-lib .venv/bin/python scripts/build_name_lists.py \\
        arabic_name_romanizer/resources/names.sqlite3 ArWikiCats/jsons/people/peoples.json

- person_name_units.tsv: from the name index of arabic-name-romanizer, only its rows that come
  from Wikidata (CC0: labels of the given-name and family-name items of people from 22
  Arabic-speaking countries). One name unit per line (`عبد الله` is one unit) in lookup form,
  how often it is used as a given name and as a surname, and its most common Latin spelling.
- famous_people.tsv: ArWikiCats's English → Arabic names of 3,000 well-known people, the
  Arabic in lookup form beside the English.
- name_trigrams.tsv: letter trigrams of the words of those names beside those of the 40,000
  most common Arabic words (wordfreq, CC BY-SA 4.0), for `arabic_ner.name_likeness`.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tarjama.arabic_ner import (
    FAMOUS_PEOPLE,
    NAME_TRIGRAMS,
    PERSON_NAME_UNITS,
    famous_people,
    letter_trigrams,
    name_key,
    person_name_units,
)

COMMON_WORDS = 40_000


def units_from_index(db_path: str) -> list[str]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    roles: dict[str, Counter] = defaultdict(Counter)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for arabic, latin, role, count in db.execute(
        "SELECT arabic_key, latin, role, count FROM units WHERE source = 'wikidata'"
    ):
        if unit := name_key(arabic):
            roles[unit][role] += count
            spellings[unit][latin] += count
    lines = ["unit\tgiven\tsurname\tlatin"]
    for unit in sorted(roles):
        given, surname = roles[unit]["given"], roles[unit]["surname"] + roles[unit]["unknown"]
        lines.append(f"{unit}\t{given}\t{surname}\t{spellings[unit].most_common(1)[0][0]}")
    return lines


# Names whose Arabic spelling is a word the news uses every day: "Lucius Verus" is spelt فيروس,
# "virus", and made the model read "فيروس كورونا" as a person.
_NEWS_WORD_NAMES = {"Lucius Verus"}


def people_from_arwikicats(peoples_json: str) -> list[str]:
    names = json.loads(Path(peoples_json).read_text(encoding="utf-8"))
    lines = {
        f"{name_key(arabic)}\t{english.title()}"
        for english, arabic in names.items()
        if name_key(arabic) and english.title() not in _NEWS_WORD_NAMES
    }
    return ["arabic\tenglish", *sorted(lines)]


def trigrams() -> list[str]:
    """Letter trigrams in the words of names and in common words (which include common names:
    the counts say how name-like a word looks, not whether it is one)."""
    from wordfreq import top_n_list

    name_words = {word for name in [*famous_people(), *person_name_units()] for word in name.split()}
    common_words = {name_key(word) for word in top_n_list("ar", COMMON_WORDS, wordlist="large")}
    in_names, in_words = Counter(), Counter()
    for words, counts in ((name_words, in_names), (common_words, in_words)):
        for word in words:
            counts.update(letter_trigrams(word))
    return ["trigram\tnames\twords", *(f"{t}\t{in_names[t]}\t{in_words[t]}" for t in sorted(in_names | in_words))]


def write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} lines written to {path}")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(PERSON_NAME_UNITS, units_from_index(sys.argv[1]))
    write(FAMOUS_PEOPLE, people_from_arwikicats(sys.argv[2]))
    person_name_units.cache_clear()
    famous_people.cache_clear()
    write(NAME_TRIGRAMS, trigrams())


if __name__ == "__main__":
    main()
