"""What Tarjama's tests and benchmarks share, kept out of the shipped package: the synthetic
news corpus that trained the test translation model, real Airflow deployments to run DAGs in
(standalone, and Celery over Postgres and Redis), and the scorers behind the figures in docs/.

It lives in a checkout (the gold tables it scores against are in tests/fixtures/), and is
installed there by scripts/setup.
"""

import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # the project's shared data: real samples, NER corpora
SHARED_SAMPLES = SHARED / "samples"
GOLD = REPO / "tests" / "fixtures" / "gold"


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated gold table under its header; lines starting with # are
    comments. Cells are taken as written: a quotation mark is part of the text."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
