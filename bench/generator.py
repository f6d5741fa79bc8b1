"""The synthetic news generator that trained the test package (scripts/build_test_argos_model.py),
loaded as a module so that benchmarks build their corpora from the same templates and names."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_test_argos_model.py"


@cache
def generator():
    spec = importlib.util.spec_from_file_location("build_test_argos_model", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
