"""The `tarjama` command: process, ingest and search without a running Airflow."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from tarjama.errors import JobFailed
from tarjama.landing import expand_paths
from tarjama.models import Quarantined
from tarjama.pipeline import Pipeline
from tarjama.settings import Settings
from tarjama.translate import (
    TEST_PACKAGE_MARK,
    find_package,
    install_from_index,
    install_package,
    installed_packages,
)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per HTTP request otherwise
    try:
        return args.command(args, Settings.from_env())
    except JobFailed as error:
        print(f"tarjama: {error}", file=sys.stderr)
        return 1


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

    quarantine = commands.add_parser("quarantine", help="list quarantined articles, or send them through again")
    quarantine_commands = quarantine.add_subparsers(required=True, metavar="ACTION")
    listing = quarantine_commands.add_parser("list", help="what is quarantined, why, and at which stage")
    listing.add_argument("--run", help="only this run id")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(command=_quarantine_list)
    requeue = quarantine_commands.add_parser("requeue", help="process and index quarantined articles again")
    requeue.add_argument("ids", nargs="*", metavar="ID", help="ids from `quarantine list` (default: all)")
    requeue.add_argument("--run", help="only this run id")
    requeue.set_defaults(command=_quarantine_requeue)

    search = commands.add_parser("search", help="search titles, bodies and names in every language")
    search.add_argument("query", help="words in any language; empty to browse with filters only")
    search.add_argument("--size", type=int, default=10)
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--from", dest="published_from", metavar="YYYY-MM-DD", help="published on or after")
    search.add_argument("--to", dest="published_to", metavar="YYYY-MM-DD", help="published on or before")
    for option, help_text in (
        ("source", "outlet or agency"),
        ("language", "ISO 639-1 code of the original"),
        ("person", "a person named in the article"),
        ("org", "an organisation named in the article"),
        ("place", "a place named in the article"),
    ):
        search.add_argument(f"--{option}", action="append", default=[], help=f"{help_text} (repeatable)")
    search.add_argument("--json", action="store_true", help="one hit per line")
    search.set_defaults(command=_search)

    index = commands.add_parser("index", help="manage the Elasticsearch index")
    index_commands = index.add_subparsers(required=True, metavar="ACTION")
    index_commands.add_parser(
        "migrate", help="reindex into the next index version and swap the alias atomically"
    ).set_defaults(command=_index_migrate)

    kibana = commands.add_parser("kibana", help="Kibana saved objects")
    kibana_commands = kibana.add_subparsers(required=True, metavar="ACTION")
    kibana_import = kibana_commands.add_parser(
        "import",
        help="wait for Kibana, import the shipped objects, print what Kibana answered for each (exit 1 if any failed)",
    )
    kibana_import.add_argument("--url", default=os.environ.get("KIBANA_URL", "http://localhost:5601"))
    kibana_import.add_argument("--timeout", type=float, default=300, help="seconds to wait for Kibana")
    kibana_import.set_defaults(command=_kibana_import)

    reprocess = commands.add_parser(
        "reprocess",
        help="redo indexed documents made by an older model version, another pipeline or NER model, "
        "or left untranslated",
    )
    reprocess.add_argument("--dry-run", action="store_true", help="count them only")
    reprocess.set_defaults(command=_reprocess)

    models = commands.add_parser("models", help="list, install and check Argos translation packages")
    model_commands = models.add_subparsers(required=True, metavar="ACTION")
    model_commands.add_parser("list", help="installed packages").set_defaults(command=_models_list)
    install = model_commands.add_parser("install", help="from a .argosmodel file, or a pair such as ar_en")
    install.add_argument("source", metavar="PATH_OR_CODE")
    install.set_defaults(command=_models_install)
    check = model_commands.add_parser("check", help="is every required pair (TARJAMA_REQUIRED_PAIRS) installed?")
    check.set_defaults(command=_models_check)
    return parser


def _process(args, settings: Settings) -> int:
    for result in Pipeline(settings).process(expand_paths(args.paths)):
        if isinstance(result, Quarantined):
            line = result.to_json() if args.json else f"QUARANTINED {result.path}: {result.reason}"
        else:
            line = result if args.json else _summary_line(result, settings.pivot_language)
        print(json.dumps(line, ensure_ascii=False) if args.json else line, flush=True)
    return 0


def _ingest(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.runner import process_and_index

    client = es_index.connect(settings.elasticsearch)
    run_id = f"cli-{time.strftime('%Y%m%dT%H%M%S')}"
    print(json.dumps(process_and_index(expand_paths(args.paths), settings, client, run_id)))
    return 0


def _quarantine_list(args, settings: Settings) -> int:
    from tarjama.quarantine import list_records

    records = list(list_records(settings.quarantine_dir, args.run))
    for record in records:
        if args.json:
            row = {"id": record.id, "path": record.path, "reason": record.reason, "stage": record.stage}
            print(json.dumps({**row, "run_id": record.run_id, "at": record.quarantined_at}, ensure_ascii=False))
        else:
            print(f"{record.id}  [{record.stage}] {record.path}: {record.reason}")
    if not args.json:
        print(f"{len(records)} quarantined in {settings.quarantine_dir}", file=sys.stderr)
    return 0


def _quarantine_requeue(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.quarantine import list_records
    from tarjama.runner import requeue

    records = [r for r in list_records(settings.quarantine_dir, args.run) if not args.ids or r.id in args.ids]
    unknown = set(args.ids) - {r.id for r in records}
    if unknown:
        print(f"tarjama: not in the quarantine: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    client = es_index.connect(settings.elasticsearch)
    print(json.dumps(requeue(records, settings, client, f"requeue-{time.strftime('%Y%m%dT%H%M%S')}")))
    return 0


def _reprocess(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.reprocess import reprocess_outdated

    client = es_index.connect(settings.elasticsearch)
    run_id = f"cli-reprocess-{time.strftime('%Y%m%dT%H%M%S')}"
    print(json.dumps(reprocess_outdated(client, settings, run_id, dry_run=args.dry_run)))
    return 0


def _kibana_import(args, settings: Settings) -> int:
    from tarjama.kibana import import_saved_objects

    user, password = os.environ.get("KIBANA_USERNAME"), os.environ.get("KIBANA_PASSWORD")
    auth = (user, password or "") if user else None
    verify = os.environ.get("KIBANA_CA_CERTS") or True
    results = import_saved_objects(args.url, timeout_s=args.timeout, auth=auth, verify=verify)
    for result in results:  # one line per object: what Kibana answered for it
        print(result.line())
    failed = [result for result in results if not result.ok]
    if failed:
        print(f"tarjama: Kibana did not import {len(failed)} of {len(results)} objects", file=sys.stderr)
        return 1
    print(f"imported {len(results)} objects", file=sys.stderr)
    return 0


def _index_migrate(args, settings: Settings) -> int:
    from tarjama import es_index

    print(json.dumps(es_index.migrate(es_index.connect(settings.elasticsearch), settings.index_alias)))
    return 0


def _search(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.search import Filters, search

    filters = Filters(
        published_from=args.published_from,
        published_to=args.published_to,
        sources=tuple(args.source),
        languages=tuple(args.language),
        persons=tuple(args.person),
        orgs=tuple(args.org),
        places=tuple(args.place),
    )
    client = es_index.connect(settings.elasticsearch)
    result = search(client, settings.index_alias, args.query, filters, size=args.size, page=args.page)
    hits = result["hits"]
    if not args.json:
        print(f"{result['total']} matching articles")
    for hit in hits:
        if args.json:
            print(json.dumps(hit, ensure_ascii=False))
        else:
            titles = " | ".join(f"[{lang}] {title}" for lang, title in hit["titles"].items())
            print(f"{hit['score']:7.2f}  {hit['published_at'] or '----------'}  {titles}")
            for field, fragments in list(hit["highlights"].items())[:2]:
                snippet = fragments[0].replace("<em>", "«").replace("</em>", "»")
                print(f"{'':21}{field}: {snippet}")
    return 0


def _models_list(args, settings: Settings) -> int:
    packages = installed_packages()
    for package in packages:
        note = "  (test package: test vocabulary only)" if TEST_PACKAGE_MARK in package.package_path.name else ""
        print(
            f"{package.from_code}→{package.to_code}  {package.package_path.name} {package.package_version}  "
            f"{package.package_path}{note}"
        )
    if not packages:
        print("no translation packages installed")
    return 0


def _models_install(args, settings: Settings) -> int:
    if Path(args.source).is_file() or args.source.endswith(".argosmodel"):
        install_package(args.source)
        print(f"installed {args.source}")
        return 0
    source, _, target = args.source.removeprefix("translate-").replace("-", "_").partition("_")
    if install_from_index(source, target):
        print(f"installed the {source}→{target} package from the Argos index")
        return 0
    print(f"tarjama: could not download a {source}→{target} package from the Argos index", file=sys.stderr)
    return 1


def _models_check(args, settings: Settings) -> int:
    missing = 0
    for source, target in settings.required_pairs:
        package = find_package(source, target)
        if package is None:
            missing += 1
            print(
                f"MISSING {source}→{target}: fix with `tarjama models install {source}_{target}` "
                f"or `tarjama models install FILE.argosmodel`"
            )
        else:
            test = " (the test package: test vocabulary only)" if TEST_PACKAGE_MARK in package.package_path.name else ""
            print(f"ok      {source}→{target}: {package.package_path.name} {package.package_version}{test}")
    return 1 if missing else 0


def _summary_line(document: dict, pivot: str) -> str:
    title = document.get(f"title_{pivot}") or document.get(f"title_{document['language']}")
    return f"{document['path']}: [{document['language']}] {document['published_at'] or 'undated'} {title}"


if __name__ == "__main__":
    sys.exit(main())
