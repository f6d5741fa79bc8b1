"""A synthetic landing zone as a backfill meets one: a folder per day of Arabic news-like
articles (most) and English ones (15%), with exact duplicates (3%) and broken files (2%), all
from the test model's own corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from tarjama_dev.news_corpus import make_pair

FIRST_DAY = date(2023, 1, 1)


def write_landing_zone(root: Path, articles: int, per_day: int, seed: int = 7) -> tuple[str, str]:
    """`articles` files under root/<day>/, `per_day` a day from FIRST_DAY; the first and last day."""
    rng = random.Random(seed)
    written: list[Path] = []
    for n in range(articles):
        folder = root / (FIRST_DAY + timedelta(days=n // per_day)).isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{n:06d}.txt"
        roll = rng.random()
        if roll < 0.02:
            path.write_bytes(b"" if rng.random() < 0.5 else b"\xff\xfe\x00broken \xc7\xe1")
        elif roll < 0.05 and written:
            path.write_bytes(rng.choice(written).read_bytes())  # the same article delivered twice
        else:
            side = 1 if roll > 0.85 else 0  # English originals, else Arabic
            pairs = [make_pair(rng) for _ in range(rng.randint(5, 9))]
            sentences = [pair[side] for pair in pairs if pair[side].endswith(".")] or [pairs[0][side] + "."]
            title = pairs[0][side].rstrip(".")
            day = folder.name
            body = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
            path.write_text(f"{title}\n\nTarjama Bench\n{day}\n\n{body}\n", encoding="utf-8")
            written.append(path)
    last = FIRST_DAY + timedelta(days=(articles - 1) // per_day)
    return FIRST_DAY.isoformat(), last.isoformat()
