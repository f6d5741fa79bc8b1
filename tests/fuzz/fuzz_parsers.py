"""Coverage-guided fuzzing of every parser with atheris: `python tests/fuzz/fuzz_parsers.py
-max_total_time=60`. A crash is any exception other than the ArticleError a bad input should
become; atheris then writes the input that caused it and exits non-zero."""

import sys

import atheris

with atheris.instrument_imports(include=["tarjama"]):
    from tarjama.errors import ArticleError
    from tarjama.models import ParsedArticle
    from tarjama.parsers import parse_bytes

FORMATS = [None, "text", "html", "json", "feed"]


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    input_format = FORMATS[provider.ConsumeIntInRange(0, len(FORMATS) - 1)]
    for item in parse_bytes("fuzz", provider.ConsumeBytes(len(data)), input_format):
        if not isinstance(item, ParsedArticle | ArticleError):
            raise TypeError(f"parse_bytes yielded {type(item).__name__}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
