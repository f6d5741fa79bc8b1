"""What Tarjama's tests and benchmarks share, kept out of the shipped package: the synthetic
news corpus that trained the test translation model, real Airflow deployments to run DAGs in
(standalone, and Celery over Postgres and Redis), and the scorers behind the figures in docs/.

It lives in a checkout (the gold tables it scores against are in tests/fixtures/), and is
installed there by scripts/setup.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # the project's shared data: real samples, NER corpora
SHARED_SAMPLES = SHARED / "samples"
GOLD = REPO / "tests" / "fixtures" / "gold"
