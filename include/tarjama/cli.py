"""The `tarjama` command: process, ingest and search without a running Airflow."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from tarjama.landing import expand_paths
from tarjama.models import Quarantined
from tarjama.pipeline import Pipeline
from tarjama.settings import Settings
from tarjama.translate import TranslationUnavailable, install_from_index, install_package


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per HTTP request otherwise
    settings = Settings.from_env()
    try:
        return args.command(args, settings)
    except TranslationUnavailable as error:
        print(f"tarjama: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tarjama", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    process = commands.add_parser("process", help="print each article as the document it would index")
    process.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    process.add_argument("--json", action="store_true", help="one JSON object per line")
    process.set_defaults(command=_process)

    ingest = commands.add_parser("ingest", help="process and index into ELASTICSEARCH_URL")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ingest.set_defaults(command=_ingest)

    search = commands.add_parser("search", help="search titles and bodies in every language")
    search.add_argument("query")
    search.add_argument("--size", type=int, default=10)
    search.add_argument("--json", action="store_true", help="one hit per line")
    search.set_defaults(command=_search)

    install = commands.add_parser(
        "install-model", help="install an Argos package from a .argosmodel file, or else from the Argos index"
    )
    install.add_argument("file", nargs="?", help="a local .argosmodel file; omit to download the pair's package")
    install.set_defaults(command=_install_model)
    return parser


def _process(args, settings: Settings) -> int:
    for result in Pipeline(settings).process(expand_paths(args.paths)):
        if isinstance(result, Quarantined):
            line = result.to_json() if args.json else f"QUARANTINED {result.path}: {result.reason}"
        else:
            line = result if args.json else _summary_line(result, settings.translation_target)
        print(json.dumps(line, ensure_ascii=False) if args.json else line, flush=True)
    return 0


def _ingest(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.runner import IndexingError, process_and_index

    client = es_index.connect(settings.elasticsearch_url)
    run_id = f"cli-{time.strftime('%Y%m%dT%H%M%S')}"
    try:
        counts = process_and_index(expand_paths(args.paths), settings, client, run_id)
    except IndexingError as error:
        print(f"tarjama: {error}", file=sys.stderr)
        return 1
    print(json.dumps(counts))
    return 0


def _search(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.search import search

    hits = search(es_index.connect(settings.elasticsearch_url), settings.index_alias, args.query, args.size)
    for hit in hits:
        if args.json:
            print(json.dumps(hit, ensure_ascii=False))
        else:
            titles = " | ".join(f"[{lang}] {title}" for lang, title in hit["titles"].items())
            print(f"{hit['score']:7.2f}  {hit['published_at'] or '----------'}  {titles}")
            for field, fragments in list(hit["highlights"].items())[:2]:
                snippet = fragments[0].replace("<em>", "«").replace("</em>", "»")
                print(f"{'':21}{field}: {snippet}")
    if not hits and not args.json:
        print("no hits")
    return 0


def _install_model(args, settings: Settings) -> int:
    if args.file:
        install_package(args.file)
        print(f"installed {args.file}")
        return 0
    pair = f"{settings.translation_source}→{settings.translation_target}"
    if install_from_index(settings.translation_source, settings.translation_target):
        print(f"installed the {pair} package from the Argos index")
        return 0
    print(f"tarjama: could not download the {pair} package from the Argos index", file=sys.stderr)
    return 1


def _summary_line(document: dict, target: str) -> str:
    title = document.get(f"title_{target}") or document.get(f"title_{document['language']}")
    return f"{document['path']}: [{document['language']}] {document['published_at'] or 'undated'} {title}"


if __name__ == "__main__":
    sys.exit(main())
