"""Settings: environment variables (TARJAMA_*) in, one frozen object out."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ELASTICSEARCH_URL = "http://localhost:9200"


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    quarantine_dir: Path
    elasticsearch_url: str
    index_alias: str
    translation_source: str
    translation_target: str
    english_ner_model: str
    translation_threads: int
    translation_batch_size: int
    beam_size: int
    batch_files: int

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("TARJAMA_DATA_DIR", "var"))
        return cls(
            landing_dir=Path(env.get("TARJAMA_LANDING_DIR", data_dir / "landing")),
            quarantine_dir=Path(env.get("TARJAMA_QUARANTINE_DIR", data_dir / "quarantine")),
            elasticsearch_url=env.get("ELASTICSEARCH_URL") or DEFAULT_ELASTICSEARCH_URL,
            index_alias=env.get("TARJAMA_INDEX_ALIAS", "tarjama-articles"),
            translation_source=env.get("TARJAMA_TRANSLATE_FROM", "ar"),
            translation_target=env.get("TARJAMA_TRANSLATE_TO", "en"),
            english_ner_model=env.get("TARJAMA_EN_NER_MODEL", "en_core_web_sm"),
            translation_threads=int(env.get("TARJAMA_TRANSLATION_THREADS", "2")),
            translation_batch_size=int(env.get("TARJAMA_TRANSLATION_BATCH_SIZE", "32")),
            beam_size=int(env.get("TARJAMA_BEAM_SIZE", "4")),
            batch_files=int(env.get("TARJAMA_BATCH_FILES", "50")),
        )
