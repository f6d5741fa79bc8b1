"""Backfill benchmark:  ELASTICSEARCH_URL=... python bench/backfill.py --articles 10000 --json

Writes a synthetic landing zone of `--articles` articles over days of `--per-day` articles
each: Arabic news-like articles of four to eight sentences (most), English ones (15%), exact
duplicates (3%) and broken files (2%). Then runs a real backfill of all those days under
`airflow standalone` (scheduler, LocalExecutor, SQLite) against the Elasticsearch node, with the
installed ar→en package, and prints one JSON object:

  articles, wall_s, articles_per_min, stage_share (parse, lookup, translate, names, dates,
  index: shares of the summed stage time), airflow_overhead_share (the part of the wall time
  not spent in those stages), peak_rss_mb (the largest of any task process).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from tarjama import es_index
from tarjama_dev import REPO
from tarjama_dev.airflow_standalone import StandaloneAirflow
from tarjama_dev.landing_zone import write_landing_zone


def reports(airflow: StandaloneAirflow) -> list[dict]:
    rows = airflow.query(
        "select value from xcom where dag_id = 'news_translate_index' and task_id = 'report' and key = 'return_value'"
    )
    values = [json.loads(value) for (value,) in rows]
    return [json.loads(value) if isinstance(value, str) else value for value in values]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args()
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        sys.exit("set ELASTICSEARCH_URL (scripts/elasticsearch-local start prints one)")
    host_port, scheme = url.split("://", 1)[1].rstrip("/"), url.split("://", 1)[0]
    alias = f"bench-backfill-{uuid.uuid4().hex[:8]}"

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first, last = write_landing_zone(root / "landing", args.articles, args.per_day)
        env = {
            **os.environ,
            "AIRFLOW_CONN_ELASTICSEARCH_DEFAULT": f"elasticsearch://{host_port}/{scheme}",
            "TARJAMA_LANDING_DIR": str(root / "landing"),
            "TARJAMA_QUARANTINE_DIR": str(root / "quarantine"),
            "TARJAMA_STAGING_DIR": str(root / "staging"),
            "TARJAMA_INDEX_ALIAS": alias,
        }
        with StandaloneAirflow(root / "airflow", env, REPO / "dags") as airflow:
            started = time.monotonic()
            runs = airflow.backfill("news_translate_index", first, last, timeout=6 * 3600)
            wall = time.monotonic() - started
            totals, stages = Counter(), Counter()
            peak = 0.0
            for report in reports(airflow):
                totals.update({k: v for k, v in report.items() if isinstance(v, int) and k != "peak_rss_mb"})
                stages.update(report.get("stage_seconds", {}))
                peak = max(peak, report.get("peak_rss_mb", 0))
    client = es_index.connect(url)
    indexed = es_index.count(client, alias)
    client.indices.delete(index=f"{alias}-*")
    client.indices.delete_index_template(name=alias)
    for part in ("settings", "mappings"):
        client.cluster.delete_component_template(name=f"{alias}-{part}")

    busy = sum(stages.values())
    result = {
        "articles": args.articles,
        "days": len(runs),
        "failed_runs": sum(state != "success" for _, state in runs),
        "indexed": indexed,
        "counts": dict(totals),
        "wall_s": round(wall, 1),
        "articles_per_min": round(args.articles / wall * 60),
        "stage_share": {stage: round(seconds / busy, 3) for stage, seconds in sorted(stages.items())},
        "stage_seconds": {stage: round(seconds, 1) for stage, seconds in sorted(stages.items())},
        "airflow_overhead_share": round(max(0.0, wall - busy) / wall, 3),
        "peak_rss_mb": peak,
    }
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
