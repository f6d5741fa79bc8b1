"""Places linked to the gazetteer, on real articles (bench/linking_quality.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SHARED


@pytest.mark.skipif(not (SHARED / "samples" / "dev").is_dir(), reason="a user's clone has no ../shared")
def test_places_of_real_articles_are_found_linked_and_right():
    """Floors below what docs/extraction.md reports (found and linked 0.912 / 0.861 / 0.893 of
    91 / 151 / 150 gazetteer places; 0.93 of 76 hand-checked links right), by the noise of a
    hundred names; linking a small share of enrichment's time."""
    output = subprocess.run(
        [sys.executable, str(REPO / "bench" / "linking_quality.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    report = json.loads(output.stdout)
    for corpus in ("real/read", "dev/dev", "dev/test"):
        assert report[corpus]["found_and_linked"] >= 0.80, (corpus, report[corpus])
    for corpus in ("real/read", "dev/dev"):
        assert report[corpus]["links_checked"] >= 25, report[corpus]
        assert report[corpus]["linked_right"] >= 0.85, (corpus, report[corpus])
    assert report["timing"]["linking_share_of_enrichment"] < 0.10, report["timing"]
