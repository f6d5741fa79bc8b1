"""Where article bytes come from: local paths, fsspec URLs (file://, s3://, memory://, ...) and
http(s) feeds. Every read is bounded in size, and a fetch in time, so that no input can hold a
run or its memory; a landing zone can refuse anything that resolves outside it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import fsspec
import requests

from tarjama.errors import ArticleError

MAX_FILE_BYTES: int | None = None  # else TARJAMA_MAX_FILE_MB, through Settings
MAX_LINE_BYTES = 2 * 1024 * 1024
FETCH_SECONDS: float | None = None  # else TARJAMA_FETCH_SECONDS, through Settings
_CHUNK = 64 * 1024


def _settings():
    from tarjama.settings import Settings

    return Settings.from_env()


def _max_file_bytes() -> int:
    return MAX_FILE_BYTES or _settings().max_file_mb * 1024 * 1024


def is_url(location: str) -> bool:
    return "://" in location


def is_web(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def list_files(location: str) -> Iterator[str]:
    """A file as given; the files under a folder or an fsspec prefix, sorted, hidden ones left out."""
    if is_web(location):
        yield location
        return
    if is_url(location):
        fs, root = fsspec.core.url_to_fs(location)
        if not fs.isdir(root):
            yield location
            return
        protocol = location.split("://", 1)[0]
        for name in sorted(fs.find(root)):
            if not Path(name).name.startswith("."):
                yield f"{protocol}://{name.lstrip('/')}" if protocol != "file" else f"file://{name}"
        return
    path = Path(location)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield str(child)
    else:
        yield location


def read_bytes(location: str, limit: int | None = None, confine_to: Path | None = None) -> bytes:
    """The whole input, refused with a clear reason when larger than `limit` bytes."""
    limit = limit or _max_file_bytes()
    if is_web(location):
        return fetch(location, limit)
    with open_input(location, confine_to) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArticleError(location, f"too large: over {limit // (1024 * 1024)} MB", stage="read")
    return data


def read_lines(location: str, confine_to: Path | None = None) -> Iterator[tuple[int, bytes | ArticleError]]:
    """(line number, bytes) of a line-oriented file, streamed; a line over the limit is refused
    (its first bytes kept) and skipped to its end."""
    with open_input(location, confine_to) as stream:
        number = 0
        while line := stream.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                reason = f"line {number} is over {MAX_LINE_BYTES // (1024 * 1024)} MB"
                yield number, ArticleError(f"{location}#{number}", reason, "read", line[:_CHUNK])
            else:
                yield number, line


def open_input(location: str, confine_to: Path | None = None):
    if is_url(location):
        try:
            return fsspec.open(location, "rb").open()
        except (OSError, ValueError) as error:
            raise ArticleError(location, f"cannot read: {error}", stage="read") from error
    path = Path(location)
    if confine_to is not None:
        check_inside(location, confine_to)
    try:
        return path.open("rb")
    except OSError as error:
        raise ArticleError(location, f"cannot read file: {error.strerror}", stage="read") from error


def check_inside(location: str, root: Path) -> None:
    """Refuse a path that leads out of `root`, by `..` or by a symbolic link."""
    resolved, base = Path(os.path.realpath(location)), Path(os.path.realpath(root))
    if not resolved.is_relative_to(base):
        how = "a symbolic link" if Path(location).is_symlink() else "its path"
        raise ArticleError(location, f"outside the landing zone {root}: {how} leads to {resolved}", stage="read")


def fetch(url: str, limit: int | None = None, seconds: float | None = None) -> bytes:
    """GET a feed or page, stopping at `limit` bytes or after `seconds`, whichever comes first."""
    limit = limit or _max_file_bytes()
    seconds = seconds or FETCH_SECONDS or _settings().fetch_seconds
    deadline = time.monotonic() + seconds
    data = bytearray()
    try:
        with requests.get(url, stream=True, timeout=(5, min(seconds, 10))) as response:
            response.raise_for_status()
            for chunk in response.iter_content(_CHUNK):
                data += chunk
                if len(data) > limit:
                    raise ArticleError(url, f"too large: over {limit // (1024 * 1024)} MB", "read", bytes(data))
                if time.monotonic() > deadline:
                    raise ArticleError(url, f"too slow: not complete after {seconds:g} s", "read", bytes(data))
    except requests.RequestException as error:
        raise ArticleError(url, f"cannot fetch: {error}", stage="read") from error
    return bytes(data)
