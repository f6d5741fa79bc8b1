"""Write a CTranslate2 model shaped like a real Argos package, from random weights.

6+6 layers, d=512, 8 heads, FFN 2048, a 32,000-token vocabulary, int8: the shape of
Argos's translate-ar_en. Its output is noise; it exists to measure speed. The package reuses
the test package's SentencePiece model, so its first pieces are real and the rest fillers.

    python bench/make_realistic_model.py [--output .cache/bench/translate-ar_en-realistic_bench]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from tarjama_dev import REPO, test_model

TEST_PACKAGE = REPO / "models" / "translate-ar_en-tarjama_test-1.0.argosmodel"
DEFAULT_OUTPUT = REPO / ".cache" / "bench" / "translate-ar_en-realistic_bench"
VOCABULARY_SIZE, D_MODEL, D_FFN, LAYERS, HEADS = 32000, 512, 2048, 6, 8


def make(output: Path) -> Path:
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(TEST_PACKAGE) as archive:
            archive.extractall(tmp)
        sp_model = next(Path(tmp).rglob("sentencepiece.model"))
        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        vocabulary = pieces + [f"▁filler{i}" for i in range(VOCABULARY_SIZE - len(pieces))]
        params = test_model.init_params(VOCABULARY_SIZE, seed=1, d_model=D_MODEL, d_ffn=D_FFN, layers=LAYERS)
        if output.exists():
            shutil.rmtree(output)
        output.mkdir(parents=True)
        test_model.export_ctranslate2(params, vocabulary, output / "model", num_heads=HEADS)
        shutil.copy(sp_model, output / "sentencepiece.model")
    metadata = {"package_version": "0.0", "from_code": "ar", "to_code": "en", "type": "translate"}
    (output / "metadata.json").write_text(json.dumps(metadata))
    return output


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    path = make(parser.parse_args().output)
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    print(f"wrote {path} ({size / 1e6:.0f} MB)")
