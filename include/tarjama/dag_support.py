"""The one module of the package that knows Airflow: the names the DAGs share (connection,
pools, assets) and the Elasticsearch client for a task. Everything else in `tarjama` runs
without Airflow. Light at import time, since the DAG files import it when they are parsed."""

from __future__ import annotations

from airflow.sdk import Asset

ELASTICSEARCH_CONN_ID = "elasticsearch_default"
TRANSLATION_POOL = "translation"  # CPU-bound processing; its size is how many batches run at once
ELASTICSEARCH_POOL = "elasticsearch"  # bulk writes
NEWS_INDEX = Asset(name="news-articles", uri="tarjama://elasticsearch/news-articles")
TRANSLATION_MODELS = Asset(name="translation-models", uri="tarjama://models/translation")


def schedule() -> str:
    """The daily DAG's cron expression (TARJAMA_SCHEDULE)."""
    from tarjama.settings import Settings

    return Settings.from_env().schedule


def elasticsearch_client(conn_id: str = ELASTICSEARCH_CONN_ID):
    """Inside a task: the client for an Airflow connection, its secrets masked in every log line."""
    from airflow.sdk import BaseHook
    from airflow.sdk.log import mask_secret

    from tarjama.es_index import connect, endpoint_from_connection

    endpoint = endpoint_from_connection(BaseHook.get_connection(conn_id))
    for secret in (endpoint.api_key, endpoint.password):
        if secret:
            mask_secret(secret)
    return connect(endpoint)
