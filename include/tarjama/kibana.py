"""The Kibana saved objects that ship in resources/saved-objects.ndjson: importing them, and links
into them (a DAG run's articles in Discover, the dashboard over a time range)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests

from tarjama.errors import JobFailed

SAVED_OBJECTS = Path(__file__).resolve().parent / "resources" / "saved-objects.ndjson"  # package data


DASHBOARD_ID = "tarjama-overview"
ARTICLES_SEARCH_ID = "tarjama-articles"
EVERY_DATE = ("1900-01-01T00:00:00.000Z", "now")  # a run's articles carry their own dates, of any year


def discover_url(kibana: str, run_id: str) -> str:
    """Discover on the saved article search, showing the documents one DAG run indexed."""
    query = f'provenance.run_id : "{run_id}"'
    state = f"(query:(language:kuery,query:{_rison(query)}))"
    return f"{kibana.rstrip('/')}/app/discover#/view/{ARTICLES_SEARCH_ID}?_g={_time(*EVERY_DATE)}&_a={_quote(state)}"


def dashboard_url(kibana: str, start: str, end: str) -> str:
    """The overview dashboard over a time range (ISO 8601 instants)."""
    return f"{kibana.rstrip('/')}/app/dashboards#/view/{DASHBOARD_ID}?_g={_time(start, end)}"


def _time(start: str, end: str) -> str:
    return _quote(f"(time:(from:{_rison(start)},to:{_rison(end)}))")


def _quote(rison: str) -> str:
    """Rison's own punctuation as Kibana writes it; spaces, quotes, "+" and the like escaped."""
    return quote(rison, safe="()':,!*-._~")


def _rison(text: str) -> str:
    """A string in Rison, the notation of Kibana's URL state: quoted, ' and ! escaped by !."""
    return "'" + text.replace("!", "!!").replace("'", "!'") + "'"


class KibanaImportError(JobFailed):
    pass


class KibanaUnavailable(KibanaImportError):
    """Kibana did not answer as available in time."""


def wait_for_kibana(url: str, timeout_s: float, auth: tuple[str, str] | None = None, verify: str | bool = True) -> None:
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = requests.get(f"{url}/api/status", auth=auth, timeout=10, verify=verify)
            level = response.json().get("status", {}).get("overall", {}).get("level") if response.ok else None
            if level == "available":
                return
            last = f"HTTP {response.status_code}, status {level}"
        except (requests.RequestException, ValueError) as error:
            last = str(error)
        time.sleep(5)
    raise KibanaUnavailable(
        f"Kibana at {url} was not available within {timeout_s:.0f} s ({last}); start it, or give its address "
        f"with --url or KIBANA_URL"
    )


@dataclass(frozen=True)
class ObjectResult:
    """What Kibana answered for one object of the file: no error means it was imported."""

    type: str
    id: str
    title: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        name = f"{self.type}/{self.id}" + (f" ({self.title})" if self.title else "")
        return f"ok      {name}" if self.ok else f"FAILED  {name}: {self.error}"


def describe_error(error: dict) -> str:
    """One line for the `error` of an entry of the `errors` list that POST /api/saved_objects/_import returns:
    its `type` is conflict, ambiguous_conflict, missing_references, unsupported_type or unknown (with
    `message` and `statusCode`)."""
    kind = error.get("type") or "unknown"
    if kind == "missing_references":
        missing = ", ".join(f"{ref.get('type')}/{ref.get('id')}" for ref in error.get("references") or [])
        return f"missing references: {missing or '?'}"
    text = {
        "conflict": "conflict with an existing object",
        "ambiguous_conflict": "ambiguous conflict: several existing objects match",
        "unsupported_type": "unsupported type: this Kibana does not import this type",
    }.get(kind, kind)
    if error.get("message"):
        text = error["message"] if kind == "unknown" else f"{text}: {error['message']}"
    return f"{text} (HTTP {error['statusCode']})" if error.get("statusCode") else text


def object_results(body: dict, sent: list[tuple[str, str]]) -> list[ObjectResult]:
    """One result per object sent, in the file's order, from the `successResults` (type, id, meta) and `errors`
    (type, id, meta, error) of Kibana's answer. An object in neither list counts as failed; an answer about an
    object that was not sent is kept at the end."""
    answers: dict[tuple[str, str], ObjectResult] = {}
    for entry in body.get("successResults") or []:
        key = (entry.get("type"), entry.get("id"))
        answers[key] = ObjectResult(*key, title=(entry.get("meta") or {}).get("title") or "")
    for entry in body.get("errors") or []:
        key = (entry.get("type"), entry.get("id"))
        title = (entry.get("meta") or {}).get("title") or entry.get("title") or ""
        answers[key] = ObjectResult(*key, title=title, error=describe_error(entry.get("error") or {}))
    unanswered = "Kibana reported neither success nor an error for this object"
    results = [answers.pop(key, None) or ObjectResult(*key, error=unanswered) for key in sent]
    return results + list(answers.values())


def import_saved_objects(
    url: str,
    path: Path = SAVED_OBJECTS,
    timeout_s: float = 300,
    auth: tuple[str, str] | None = None,
    verify: str | bool = True,
) -> list[ObjectResult]:
    """Wait for Kibana, post the objects with overwrite, and return what Kibana answered for each object.
    Kibana imports the objects it can and reports the others, so the result can mix successes and failures;
    KibanaImportError is raised only when Kibana refused the request as a whole.
    Over https, Kibana's certificate is verified (against `verify`, a CA file, when given)."""
    url = url.rstrip("/")
    content = path.read_bytes()
    sent = [(obj["type"], obj["id"]) for obj in map(json.loads, filter(str.strip, content.decode().splitlines()))]
    wait_for_kibana(url, timeout_s, auth, verify)
    response = requests.post(
        f"{url}/api/saved_objects/_import",
        params={"overwrite": "true"},
        headers={"kbn-xsrf": "true"},
        files={"file": (path.name, content, "application/ndjson")},
        auth=auth,
        timeout=60,
        verify=verify,
    )
    try:
        body = response.json()
    except ValueError as error:
        raise KibanaImportError(f"Kibana answered HTTP {response.status_code} without JSON") from error
    if not response.ok or not isinstance(body, dict) or "success" not in body:
        message = body.get("message") if isinstance(body, dict) else None
        raise KibanaImportError(f"import refused (HTTP {response.status_code}): {message or body}")
    return object_results(body, sent)
