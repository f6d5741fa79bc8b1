"""The one error type for bad input."""

from __future__ import annotations


class ArticleError(Exception):
    """An input that cannot become a document. It is quarantined; the batch goes on.

    Any other exception is a bug and is allowed to crash.
    """

    def __init__(self, path: str, reason: str, stage: str = "parse", raw: bytes | None = None):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.stage = stage  # read, decode, parse, or index
        self.raw = raw  # the bytes to quarantine, when they are not simply the file at `path`


class JobFailed(RuntimeError):
    """A job that could not finish (Elasticsearch rejected documents, Kibana refused an import).
    The DAG task fails so that it is retried; the CLI prints the reason and exits 1."""


class ConfigError(ValueError):
    """A setting that cannot work (an environment variable, an option): the message names it and
    says what it takes. The CLI prints it and exits 2."""


class InputMissing(ConfigError):
    """A path given on the command line that does not exist. The CLI exits 4."""
