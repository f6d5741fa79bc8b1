"""The `tarjama` command: process, ingest and search without a running Airflow.

Exit status: 0 done; 1 Elasticsearch could not take the documents (run the command again);
2 a usage or configuration error; 3 Elasticsearch, Kibana or a model cannot be reached or
loaded; 4 an input that does not exist; 5 every article was quarantined.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
import zipfile
from pathlib import Path

from tarjama import __version__
from tarjama.errors import ConfigError, InputMissing, JobFailed
from tarjama.landing import expand_paths
from tarjama.models import Quarantined
from tarjama.settings import DEFAULT_ELASTICSEARCH_URL, Settings

DONE, JOB_FAILED, USAGE, UNREACHABLE, NO_INPUT, ALL_QUARANTINED = 0, 1, 2, 3, 4, 5
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window: the deepest page it serves


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    # elastic_transport logs each request, and each retry with its traceback: shown with --verbose only
    logging.getLogger("elastic_transport").setLevel(logging.DEBUG if args.verbose else logging.ERROR)
    try:
        return args.command(args, Settings.from_env())
    except Exception as error:  # noqa: BLE001 - every error a user can cause ends in one line and its status
        status, message = _explain(error)
        if status is None or args.verbose:
            traceback.print_exc()
        if status is None:
            return JOB_FAILED
        print(f"tarjama: {message}", file=sys.stderr)
        return status


def _explain(error: Exception) -> tuple[int | None, str]:
    """The exit status and the one line for an error a user can cause; (None, "") for a bug."""
    from elastic_transport import ConnectionError as NoConnection
    from elastic_transport import TlsError
    from elasticsearch import ApiError, AuthenticationException, AuthorizationException

    from tarjama.kibana import KibanaUnavailable
    from tarjama.translate import TranslationUnavailable

    try:
        url = Settings.from_env().elasticsearch.url  # without the user and password
    except ConfigError:
        url = DEFAULT_ELASTICSEARCH_URL
    if isinstance(error, InputMissing):
        return NO_INPUT, str(error)
    if isinstance(error, ConfigError):
        return USAGE, str(error)
    if isinstance(error, KibanaUnavailable):
        return UNREACHABLE, str(error)
    if isinstance(error, JobFailed):
        return JOB_FAILED, str(error)
    if isinstance(error, TlsError):
        return UNREACHABLE, (
            f"TLS with Elasticsearch at {url} failed ({_first_line(error)}); "
            "set ELASTICSEARCH_CA_CERTS to the CA that signed the node's certificate"
        )
    if isinstance(error, NoConnection):
        return UNREACHABLE, (
            f"no Elasticsearch answers at {url}; start one (scripts/elasticsearch-local start) "
            "or set ELASTICSEARCH_URL to your cluster"
        )
    if isinstance(error, AuthenticationException):
        return UNREACHABLE, (
            f"Elasticsearch at {url} refused the credentials; set user:password@ in ELASTICSEARCH_URL "
            "or ELASTICSEARCH_API_KEY"
        )
    if isinstance(error, AuthorizationException):
        return UNREACHABLE, (
            f"Elasticsearch refused this action to the configured user ({_first_line(error)}); "
            "give it the role in deploy/tarjama-etl-role.json"
        )
    if isinstance(error, ApiError):
        return JOB_FAILED, f"Elasticsearch answered {error.meta.status}: {_first_line(error)}"
    if isinstance(error, TranslationUnavailable):
        return UNREACHABLE, str(error)
    return None, ""


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tarjama",
        description=__doc__.split("\n\n")[0].strip(),
        epilog=__doc__.split("\n\n")[1].strip() + " `tarjama COMMAND --help` says what a command reads and writes.",
    )
    parser.add_argument("--version", action="version", version=f"tarjama {__version__}")
    parser.add_argument("--verbose", action="store_true", help="debug logs, and the traceback of any error")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name, function, help_text, description, parent=commands):
        sub = parent.add_parser(name, help=help_text, description=description)
        sub.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help="as `tarjama --verbose`")
        sub.set_defaults(command=function)
        return sub

    process = command(
        "process",
        _process,
        "print each article as the document it would index",
        "Read articles (files, folders, fsspec URLs, http(s) feeds), translate and enrich them, and print "
        "each document, one per line. Needs no Elasticsearch: nothing is indexed, and there is no reuse of "
        "earlier translations. Articles that cannot be read go to TARJAMA_QUARANTINE_DIR with their reason.",
    )
    process.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or URLs")
    process.add_argument("--json", action="store_true", help="one JSON document per line")

    ingest = command(
        "ingest",
        _ingest,
        "process and index into ELASTICSEARCH_URL",
        "Read, translate, enrich and index articles into the alias TARJAMA_INDEX_ALIAS at ELASTICSEARCH_URL, "
        "creating the index templates and the first index when missing. Unchanged articles cost nothing; "
        "refused ones go to TARJAMA_QUARANTINE_DIR. Prints the run's counts as JSON.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or URLs")

    quarantine = commands.add_parser("quarantine", help="list quarantined articles, or send them through again")
    quarantine_commands = quarantine.add_subparsers(required=True, metavar="ACTION")
    listing = command(
        "list",
        _quarantine_list,
        "what is quarantined, why, and at which stage",
        "List the articles kept in TARJAMA_QUARANTINE_DIR: id, stage (read, decode, parse or index), "
        "where the article came from and why it was refused.",
        quarantine_commands,
    )
    listing.add_argument("--run", metavar="RUN_ID", help="only articles quarantined by this run")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    requeue = command(
        "requeue",
        _quarantine_requeue,
        "process and index quarantined articles again, after a fix",
        "Send quarantined articles through the pipeline again and index them at ELASTICSEARCH_URL: from "
        "where they came from when it still exists (fixed in place), else from the bytes kept in quarantine. "
        "Each is released; one that fails again is quarantined anew with its new reason.",
        quarantine_commands,
    )
    requeue.add_argument("ids", nargs="*", metavar="ID", help="ids from `tarjama quarantine list`")
    requeue.add_argument("--all", action="store_true", help="every quarantined article (of --run, if given)")
    requeue.add_argument("--run", metavar="RUN_ID", help="only articles quarantined by this run")

    search = command(
        "search",
        _search,
        "search titles, bodies and names in every language",
        "Search the alias TARJAMA_INDEX_ALIAS at ELASTICSEARCH_URL: originals and translations, Arabic "
        "spelling variants folded, names in either script. Prints the hits, best first.",
    )
    search.add_argument("query", help="words in any language; empty to browse with filters only")
    search.add_argument("--size", type=int, default=10, help="hits per page (default 10)")
    search.add_argument("--page", type=int, default=1, help="which page of hits, from 1 (default 1)")
    search.add_argument("--from", dest="published_from", metavar="YYYY-MM-DD", help="published on or after")
    search.add_argument("--to", dest="published_to", metavar="YYYY-MM-DD", help="published on or before")
    for option, help_text in (
        ("source", "outlet or agency"),
        ("language", "ISO 639-1 code of the original"),
        ("person", "a person named in the article"),
        ("org", "an organisation named in the article"),
        ("place", "a place named in the article, or a country or city it lies in"),
    ):
        search.add_argument(f"--{option}", action="append", default=[], help=f"{help_text} (repeatable)")
    search.add_argument("--json", action="store_true", help="one hit per line")

    index = commands.add_parser("index", help="manage the Elasticsearch index")
    index_commands = index.add_subparsers(required=True, metavar="ACTION")
    command(
        "migrate",
        _index_migrate,
        "copy into the next index version and swap the alias atomically",
        "After an upgrade that changes the index templates: create <alias>-v(n+1) from the current templates, "
        "copy every document into it, check the count, and move the alias in one atomic request. "
        "The old index is kept; delete it when you are satisfied.",
        index_commands,
    )

    kibana = commands.add_parser("kibana", help="Kibana saved objects")
    kibana_commands = kibana.add_subparsers(required=True, metavar="ACTION")
    kibana_import = command(
        "import",
        _kibana_import,
        "import the data view, searches, map and dashboard into Kibana",
        "Wait for Kibana, import the shipped saved objects (overwriting earlier versions of them), and print "
        "what Kibana answered for each. Credentials: KIBANA_USERNAME, KIBANA_PASSWORD; CA: KIBANA_CA_CERTS.",
        kibana_commands,
    )
    kibana_import.add_argument(
        "--url",
        help="Kibana's base URL (default: KIBANA_URL, else http://localhost:5601)",
    )
    kibana_import.add_argument("--timeout", type=float, default=300, help="seconds to wait for Kibana (default 300)")

    reprocess = command(
        "reprocess",
        _reprocess,
        "redo documents an upgrade made outdated",
        "Re-translate and re-enrich, in place and from the original text stored in the index, the documents "
        "made by an older version of the installed model, by another pipeline or NER version, or left "
        "untranslated when their language now has a package.",
    )
    reprocess.add_argument("--dry-run", action="store_true", help="count them only")

    models = commands.add_parser("models", help="list, install and check Argos translation packages")
    model_commands = models.add_subparsers(required=True, metavar="ACTION")
    command(
        "list", _models_list, "installed packages", "List the Argos packages in ARGOS_PACKAGES_DIR.", model_commands
    )
    install = command(
        "install",
        _models_install,
        "install from a .argosmodel file, or download a pair such as ar_en",
        "Install an Argos package into ARGOS_PACKAGES_DIR from a .argosmodel file, or download a pair's "
        "package from the Argos index (needs internet).",
        model_commands,
    )
    install.add_argument("source", metavar="FILE_OR_PAIR", help="a .argosmodel file, or a pair such as ar_en")
    command(
        "check",
        _models_check,
        "is every required pair installed?",
        "Check that every pair in TARJAMA_REQUIRED_PAIRS has a package; exit 3, with the fix, if one is missing.",
        model_commands,
    )
    return parser


def _existing(paths: list[str]) -> list[str]:
    """The files under `paths`; InputMissing for a local path that does not exist."""
    for path in paths:
        if "://" not in path and not Path(path).exists():
            raise InputMissing(f"{path}: no such file or folder")
    return list(expand_paths(paths))


def _process(args, settings: Settings) -> int:
    from tarjama.pipeline import Pipeline

    paths = _existing(args.paths)
    read = quarantined = 0
    for result in Pipeline(settings).process(paths):
        read += 1
        if isinstance(result, Quarantined):
            quarantined += 1
            line = result.to_json() if args.json else f"QUARANTINED {result.path}: {result.reason}"
        else:
            line = result if args.json else _summary_line(result, settings.pivot_language)
        print(json.dumps(line, ensure_ascii=False) if args.json else line, flush=True)
    return _all_quarantined(read, quarantined, settings)


def _ingest(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.runner import process_and_index

    paths = _existing(args.paths)
    client = es_index.connect(settings.elasticsearch)
    run_id = f"cli-{time.strftime('%Y%m%dT%H%M%S')}"
    counts = process_and_index(paths, settings, client, run_id, total=len(paths))
    print(json.dumps(counts))
    return _all_quarantined(counts["read"], counts["quarantined"], settings)


def _all_quarantined(read: int, quarantined: int, settings: Settings) -> int:
    if read and quarantined == read:
        print(
            f"tarjama: every article ({read}) was quarantined; see why with `tarjama quarantine list` "
            f"(in {settings.quarantine_dir})",
            file=sys.stderr,
        )
        return ALL_QUARANTINED
    return DONE


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
    return DONE


def _quarantine_requeue(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.quarantine import list_records
    from tarjama.runner import requeue

    if bool(args.ids) == args.all:
        raise ConfigError("say which articles to requeue: ids from `tarjama quarantine list`, or --all")
    records = [r for r in list_records(settings.quarantine_dir, args.run) if args.all or r.id in args.ids]
    unknown = set(args.ids) - {r.id for r in records}
    if unknown:
        raise ConfigError(f"not in the quarantine: {', '.join(sorted(unknown))}; see `tarjama quarantine list`")
    if not records:
        print(f"nothing to requeue: the quarantine in {settings.quarantine_dir} is empty", file=sys.stderr)
        return DONE
    client = es_index.connect(settings.elasticsearch)
    print(json.dumps(requeue(records, settings, client, f"requeue-{time.strftime('%Y%m%dT%H%M%S')}")))
    return DONE


def _reprocess(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.reprocess import reprocess_outdated

    client = es_index.connect(settings.elasticsearch)
    run_id = f"cli-reprocess-{time.strftime('%Y%m%dT%H%M%S')}"
    print(json.dumps(reprocess_outdated(client, settings, run_id, dry_run=args.dry_run)))
    return DONE


def _kibana_import(args, settings: Settings) -> int:
    from tarjama.kibana import import_saved_objects

    user = settings.kibana_username
    auth = (user, settings.kibana_password or "") if user else None
    verify = settings.kibana_ca_certs or True
    results = import_saved_objects(args.url or settings.kibana_url, timeout_s=args.timeout, auth=auth, verify=verify)
    for result in results:  # one line per object: what Kibana answered for it
        print(result.line())
    failed = [result for result in results if not result.ok]
    if failed:
        raise JobFailed(f"Kibana did not import {len(failed)} of {len(results)} objects (see the lines above)")
    print(f"imported {len(results)} objects", file=sys.stderr)
    return DONE


def _index_migrate(args, settings: Settings) -> int:
    from tarjama import es_index

    print(json.dumps(es_index.migrate(es_index.connect(settings.elasticsearch), settings.index_alias)))
    return DONE


def _search(args, settings: Settings) -> int:
    from tarjama import es_index
    from tarjama.search import Filters, search

    if args.size < 1 or args.page < 1:
        raise ConfigError("--size and --page start at 1")
    if args.size * args.page > MAX_RESULT_WINDOW:
        raise ConfigError(
            f"--page {args.page} of --size {args.size} reaches hit {args.size * args.page}; Elasticsearch serves "
            f"the first {MAX_RESULT_WINDOW}: narrow the search with --from/--to or the name filters"
        )
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
    return DONE


def _models_list(args, settings: Settings) -> int:
    from tarjama.translate import TEST_PACKAGE_MARK, installed_packages

    packages = installed_packages()
    for package in packages:
        note = "  (test package: test vocabulary only)" if TEST_PACKAGE_MARK in package.package_path.name else ""
        print(
            f"{package.from_code}→{package.to_code}  {package.package_path.name} {package.package_version}  "
            f"{package.package_path}{note}"
        )
    if not packages:
        print("no translation packages installed")
    return DONE


def _models_install(args, settings: Settings) -> int:
    from tarjama.translate import install_from_index, install_package

    source = args.source
    if source.endswith(".argosmodel") or "/" in source or Path(source).exists():
        path = Path(source)
        if not path.is_file():
            raise InputMissing(f"{source}: no such file")
        if not zipfile.is_zipfile(path):
            raise ConfigError(f"{source} is not an Argos package: a .argosmodel file is a zip archive")
        install_package(path)
        print(f"installed {source}")
        return DONE
    pair = source.removeprefix("translate-").replace("-", "_")
    from_code, _, to_code = pair.partition("_")
    if not (from_code.isalpha() and to_code.isalpha()):
        raise ConfigError(f"{source!r} is neither a .argosmodel file nor a language pair; give a pair such as ar_en")
    if install_from_index(from_code, to_code):
        print(f"installed the {from_code}→{to_code} package from the Argos index")
        return DONE
    print(
        f"tarjama: could not download a {from_code}→{to_code} package from the Argos index (no connection, or no "
        f"such pair); download the .argosmodel elsewhere and run `tarjama models install FILE.argosmodel`",
        file=sys.stderr,
    )
    return UNREACHABLE


def _models_check(args, settings: Settings) -> int:
    from tarjama.translate import TEST_PACKAGE_MARK, find_package

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
    return UNREACHABLE if missing else DONE


def _summary_line(document: dict, pivot: str) -> str:
    title = document.get(f"title_{pivot}") or document.get(f"title_{document['language']}")
    return f"{document['path']}: [{document['language']}] {document['published_at'] or 'undated'} {title}"


if __name__ == "__main__":
    sys.exit(main())
