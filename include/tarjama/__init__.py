"""Tarjama: offline translation and bilingual indexing of news articles."""

__version__ = "0.2.0"
