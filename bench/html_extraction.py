"""Article extraction from HTML, scored by a peer's benchmark with its own scorer: the 121 pages
of ../shared/data/article-extraction-benchmark (Scrapinghub/Zyte, MIT), decompressed into a
temporary copy of the folder, Tarjama's HTML path and trafilatura run on the same pages, the
benchmark's evaluate.py run unchanged on both outputs.

    python bench/html_extraction.py --json

Prints each extractor's F1, precision, recall and accuracy (exact matches) as evaluate.py
reports them, and its pages per second for extraction alone (one process, one core).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARK = REPO.parent / "shared" / "data" / "article-extraction-benchmark"


def tarjama_body(path: Path) -> str:
    from tarjama.parsers import parse_bytes

    item = next(parse_bytes(str(path), path.read_bytes(), "html"))
    return "" if isinstance(item, Exception) else "\n".join(item.paragraphs)


def trafilatura_body(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""


EXTRACTORS = {"tarjama": tarjama_body, "trafilatura": trafilatura_body}


def run(folder: Path) -> dict:
    pages = {}
    for packed in sorted((BENCHMARK / "html").glob("*.html.gz")):
        page = folder / "pages" / packed.name.removesuffix(".gz")
        page.parent.mkdir(exist_ok=True)
        page.write_bytes(gzip.decompress(packed.read_bytes()))
        pages[packed.name.removesuffix(".html.gz")] = page
    ground_truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    speed = {}
    (folder / "output").mkdir()
    for name, extract in EXTRACTORS.items():
        extract(next(iter(pages.values())))  # imports and caches outside the clock
        started = time.process_time()
        bodies = {key: {"articleBody": extract(pages[key])} for key in ground_truth}
        speed[name] = round(len(bodies) / (time.process_time() - started), 1)
        (folder / "output" / f"{name}.json").write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [sys.executable, "evaluate.py", "--output", "results.json"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    report = {"pages": len(ground_truth)}
    for name in EXTRACTORS:
        metrics = results[name]
        report[name] = {
            **{key: round(metrics[key], 3) for key in ("f1", "precision", "recall", "accuracy")},
            "pages_per_s": speed[name],
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one line")
    args = parser.parse_args()
    if not BENCHMARK.is_dir():
        sys.exit(f"the benchmark is not at {BENCHMARK}: this benchmark needs ../shared")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "benchmark"
        shutil.copytree(BENCHMARK, folder, ignore=shutil.ignore_patterns("html"))
        report = run(folder)
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
