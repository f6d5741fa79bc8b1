"""The one error type for bad input."""

from __future__ import annotations


class ArticleError(Exception):
    """An input that cannot become a document. It is quarantined; the batch goes on.

    Any other exception is a bug and is allowed to crash.
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class JobFailed(RuntimeError):
    """A job that could not finish (Elasticsearch rejected documents, Kibana refused an import).
    The DAG task fails so that it is retried; the CLI prints the reason and exits 1."""
