"""Import the Kibana saved objects that ship in kibana/saved-objects.ndjson."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from tarjama.errors import JobFailed

SAVED_OBJECTS = Path(__file__).resolve().parents[2] / "kibana" / "saved-objects.ndjson"


class KibanaImportError(JobFailed):
    pass


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
    raise KibanaImportError(f"Kibana at {url} was not available within {timeout_s:.0f} s ({last})")


def import_saved_objects(
    url: str,
    path: Path = SAVED_OBJECTS,
    timeout_s: float = 300,
    auth: tuple[str, str] | None = None,
    verify: str | bool = True,
) -> dict:
    """Wait for Kibana, post the objects with overwrite, and fail unless Kibana reports success.
    Over https, Kibana's certificate is verified (against `verify`, a CA file, when given)."""
    url = url.rstrip("/")
    wait_for_kibana(url, timeout_s, auth, verify)
    response = requests.post(
        f"{url}/api/saved_objects/_import",
        params={"overwrite": "true"},
        headers={"kbn-xsrf": "true"},
        files={"file": (path.name, path.read_bytes(), "application/ndjson")},
        auth=auth,
        timeout=60,
        verify=verify,
    )
    try:
        body = response.json()
    except ValueError as error:
        raise KibanaImportError(f"Kibana answered HTTP {response.status_code} without JSON") from error
    if not response.ok or body.get("success") is not True:
        errors = [f"{e.get('type')}/{e.get('id')}: {e.get('error')}" for e in body.get("errors", [])]
        raise KibanaImportError(f"import failed (HTTP {response.status_code}): {errors or body}")
    return {"success": True, "imported": body.get("successCount", 0)}
