"""Build the small but real Arabic→English Argos package that tests and the demo use.

It is made from scratch, so that tests need no download:

1. a synthetic parallel corpus of news-like template sentences (tarjama_dev.news_corpus, fixed seed);
2. a SentencePiece model shared by both sides;
3. a small pre-norm Transformer (d=128, 2+2 layers) trained with JAX;
4. the weights written through the CTranslate2 spec API (int8);
5. everything zipped in the Argos package layout.

Training needs JAX and optax, which setup never installs: run it through
`scripts/build-test-argos-model`, which makes its own virtualenv. bench/make_realistic_model.py
uses its initialiser and CTranslate2 export (numpy only). CI never retrains;
the built package is committed under models/.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

from tarjama_dev.news_corpus import make_corpus

# One XLA thread per op: on two cores the multi-threaded Eigen kernels only contend.
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

PACKAGE_NAME = "translate-ar_en-tarjama_test"
PACKAGE_VERSION = "1.0"
MAX_TOKENS = 40
D_MODEL, N_HEADS, D_FFN, N_LAYERS = 128, 4, 256, 2
SPECIALS = ["<unk>", "<s>", "</s>", "<blank>"]
UNK_ID, BOS_ID, EOS_ID, PAD_ID = range(4)


def train_sentencepiece(pairs, workdir: Path) -> Path:
    import sentencepiece as spm

    text_file = workdir / "sp_corpus.txt"
    lines = sorted({side for pair in pairs for side in pair})
    text_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(text_file),
        model_prefix=str(prefix),
        vocab_size=1000,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        normalization_rule_name="identity",
        split_digits=True,
        unk_id=UNK_ID,
        bos_id=BOS_ID,
        eos_id=EOS_ID,
        pad_id=PAD_ID,
        unk_piece=SPECIALS[UNK_ID],
        bos_piece=SPECIALS[BOS_ID],
        eos_piece=SPECIALS[EOS_ID],
        pad_piece=SPECIALS[PAD_ID],
        minloglevel=2,
        num_threads=2,
    )
    return prefix.with_suffix(".model")


def encode_corpus(pairs, sp):
    sources, targets = [], []
    for ar, en in pairs:
        src = sp.encode(ar)
        tgt = sp.encode(en)
        if len(src) <= MAX_TOKENS and len(tgt) + 1 <= MAX_TOKENS:
            sources.append(src)
            targets.append(tgt)
    src = np.full((len(sources), MAX_TOKENS), PAD_ID, dtype=np.int32)
    tgt_in = np.full((len(sources), MAX_TOKENS), PAD_ID, dtype=np.int32)
    tgt_out = np.full((len(sources), MAX_TOKENS), PAD_ID, dtype=np.int32)
    for i, (s, t) in enumerate(zip(sources, targets, strict=True)):
        src[i, : len(s)] = s
        tgt_in[i, : len(t) + 1] = [BOS_ID, *t]
        tgt_out[i, : len(t) + 1] = [*t, EOS_ID]
    return src, tgt_in, tgt_out


def sinusoidal_positions(length: int, depth: int) -> np.ndarray:
    positions = np.arange(length)[:, None]
    rates = np.exp(-math.log(10000.0) * np.arange(0, depth, 2) / depth)
    table = np.zeros((length, depth), dtype=np.float32)
    table[:, 0::2] = np.sin(positions * rates)
    table[:, 1::2] = np.cos(positions * rates)
    return table


# --- the model, in plain JAX so that every weight maps 1:1 onto a CTranslate2 spec ---


def init_params(vocab_size: int, seed: int, d_model: int = D_MODEL, d_ffn: int = D_FFN, layers: int = N_LAYERS):
    rng = np.random.default_rng(seed)

    def dense(n_in, n_out):
        limit = math.sqrt(6.0 / (n_in + n_out))
        return {"w": rng.uniform(-limit, limit, (n_in, n_out)).astype(np.float32), "b": np.zeros(n_out, np.float32)}

    def norm():
        return {"g": np.ones(d_model, np.float32), "b": np.zeros(d_model, np.float32)}

    def attention():
        return {
            "q": dense(d_model, d_model),
            "k": dense(d_model, d_model),
            "v": dense(d_model, d_model),
            "o": dense(d_model, d_model),
            "norm": norm(),
        }

    def ffn():
        return {"w1": dense(d_model, d_ffn), "w2": dense(d_ffn, d_model), "norm": norm()}

    def embedding():
        return rng.normal(0, d_model**-0.5, (vocab_size, d_model)).astype(np.float32)

    return {
        "src_emb": embedding(),
        "tgt_emb": embedding(),
        "enc": [{"self": attention(), "ffn": ffn()} for _ in range(layers)],
        "enc_norm": norm(),
        "dec": [{"self": attention(), "cross": attention(), "ffn": ffn()} for _ in range(layers)],
        "dec_norm": norm(),
        "proj": dense(d_model, vocab_size),
    }


def build_model_fns():
    import jax
    import jax.numpy as jnp

    positions = jnp.asarray(sinusoidal_positions(MAX_TOKENS, D_MODEL))

    def layer_norm(p, x):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / jnp.sqrt(var + 1e-6) * p["g"] + p["b"]

    def linear(p, x):
        return x @ p["w"] + p["b"]

    def attend(p, x, memory, mask):
        batch, q_len, _ = x.shape
        head_dim = D_MODEL // N_HEADS

        def heads(t):
            return t.reshape(batch, -1, N_HEADS, head_dim).transpose(0, 2, 1, 3)

        q = heads(linear(p["q"], x)) / math.sqrt(head_dim)
        k, v = heads(linear(p["k"], memory)), heads(linear(p["v"], memory))
        scores = jnp.where(mask, q @ k.transpose(0, 1, 3, 2), -1e9)
        out = jax.nn.softmax(scores, -1) @ v
        return linear(p["o"], out.transpose(0, 2, 1, 3).reshape(batch, q_len, D_MODEL))

    def feed_forward(p, x):
        return linear(p["w2"], jax.nn.relu(linear(p["w1"], layer_norm(p["norm"], x))))

    def embed(table, ids):
        return table[ids] * math.sqrt(D_MODEL) + positions[: ids.shape[1]]

    def forward(params, src, tgt_in):
        src_mask = (src != PAD_ID)[:, None, None, :]
        x = embed(params["src_emb"], src)
        for layer in params["enc"]:
            h = layer_norm(layer["self"]["norm"], x)
            x = x + attend(layer["self"], h, h, src_mask)
            x = x + feed_forward(layer["ffn"], x)
        memory = layer_norm(params["enc_norm"], x)
        length = tgt_in.shape[1]
        causal = jnp.tril(jnp.ones((length, length), bool))[None, None]
        y = embed(params["tgt_emb"], tgt_in)
        for layer in params["dec"]:
            h = layer_norm(layer["self"]["norm"], y)
            y = y + attend(layer["self"], h, h, causal)
            h = layer_norm(layer["cross"]["norm"], y)
            y = y + attend(layer["cross"], h, memory, src_mask)
            y = y + feed_forward(layer["ffn"], y)
        return linear(params["proj"], layer_norm(params["dec_norm"], y))

    def loss_fn(params, src, tgt_in, tgt_out, smoothing=0.1):
        logits = forward(params, src, tgt_in)
        vocab = logits.shape[-1]
        targets = jax.nn.one_hot(tgt_out, vocab) * (1 - smoothing) + smoothing / vocab
        losses = -(targets * jax.nn.log_softmax(logits)).sum(-1)
        weights = (tgt_out != PAD_ID).astype(jnp.float32)
        return (losses * weights).sum() / weights.sum()

    return loss_fn


def train(params, data, steps: int, batch_size: int, seed: int, log_every: int = 200):
    import jax
    import optax

    loss_fn = build_model_fns()
    schedule = optax.warmup_cosine_decay_schedule(0.0, 1e-3, min(300, steps // 4), steps, 1e-5)
    optimizer = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(schedule, b2=0.98))
    params = jax.tree_util.tree_map(jax.numpy.asarray, params)
    state = optimizer.init(params)

    @jax.jit
    def step(params, state, src, tgt_in, tgt_out):
        loss, grads = jax.value_and_grad(loss_fn)(params, src, tgt_in, tgt_out)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    src, tgt_in, tgt_out = data
    rng = np.random.default_rng(seed)
    started = time.monotonic()
    for i in range(1, steps + 1):
        rows = rng.integers(0, len(src), batch_size)
        params, state, loss = step(params, state, src[rows], tgt_in[rows], tgt_out[rows])
        if i % log_every == 0 or i == steps:
            print(f"step {i}/{steps} loss {float(loss):.3f} ({time.monotonic() - started:.0f} s)", flush=True)
    return jax.tree_util.tree_map(np.array, params)


def export_ctranslate2(params, vocabulary: list[str], output_dir: Path, num_heads: int = N_HEADS) -> None:
    """Write the weights through the CTranslate2 spec API (also used by bench/ for a random model)."""
    from ctranslate2.specs import common_spec, transformer_spec

    layers = (len(params["enc"]), len(params["dec"]))
    spec = transformer_spec.TransformerSpec.from_config(
        layers, num_heads, pre_norm=True, activation=common_spec.Activation.RELU
    )

    def set_linear(target, *parts):
        target.weight = np.concatenate([p["w"].T for p in parts])
        target.bias = np.concatenate([p["b"] for p in parts])

    def set_norm(target, p):
        target.gamma, target.beta = p["g"], p["b"]

    def set_ffn(target, p):
        set_norm(target.layer_norm, p["norm"])
        set_linear(target.linear_0, p["w1"])
        set_linear(target.linear_1, p["w2"])

    table = sinusoidal_positions(1024, params["src_emb"].shape[1])
    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = params["src_emb"]
    encoder.position_encodings.encodings = table
    set_norm(encoder.layer_norm, params["enc_norm"])
    for target, p in zip(encoder.layer, params["enc"], strict=True):
        attention = p["self"]
        set_norm(target.self_attention.layer_norm, attention["norm"])
        set_linear(target.self_attention.linear[0], attention["q"], attention["k"], attention["v"])
        set_linear(target.self_attention.linear[1], attention["o"])
        set_ffn(target.ffn, p["ffn"])

    decoder.embeddings.weight = params["tgt_emb"]
    decoder.position_encodings.encodings = table
    set_norm(decoder.layer_norm, params["dec_norm"])
    set_linear(decoder.projection, params["proj"])
    for target, p in zip(decoder.layer, params["dec"], strict=True):
        own, cross = p["self"], p["cross"]
        set_norm(target.self_attention.layer_norm, own["norm"])
        set_linear(target.self_attention.linear[0], own["q"], own["k"], own["v"])
        set_linear(target.self_attention.linear[1], own["o"])
        set_norm(target.attention.layer_norm, cross["norm"])
        set_linear(target.attention.linear[0], cross["q"])
        set_linear(target.attention.linear[1], cross["k"], cross["v"])
        set_linear(target.attention.linear[2], cross["o"])
        set_ffn(target.ffn, p["ffn"])

    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    output_dir.mkdir(parents=True)
    spec.save(str(output_dir))


def evaluate(model_dir: Path, sp_model: Path, pairs) -> float:
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    translator = ctranslate2.Translator(str(model_dir), inter_threads=1, intra_threads=2)
    sources = [sp.encode(ar, out_type=str) for ar, _ in pairs]
    results = translator.translate_batch(sources, beam_size=4, max_batch_size=64, max_decoding_length=96)
    outputs = [sp.decode(r.hypotheses[0]) for r in results]
    exact = sum(out == en for out, (_, en) in zip(outputs, pairs, strict=True))
    for (ar, en), out in list(zip(pairs, outputs, strict=True))[:5]:
        print(f"  {ar}\n  → {out}\n  ✓ {en}")
    return exact / len(pairs)


def write_package(workdir: Path, model_dir: Path, sp_model: Path, output: Path) -> None:
    root = workdir / PACKAGE_NAME
    root.mkdir()
    shutil.copytree(model_dir, root / "model")
    shutil.copy(sp_model, root / "sentencepiece.model")
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.12",
        "from_code": "ar",
        "from_name": "Arabic",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
    }
    (root / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n")
    (root / "README.md").write_text(
        "Tarjama test package: a tiny Transformer trained on synthetic news-like template\n"
        "sentences by scripts/build-test-argos-model. For tests and demos only.\n"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(workdir)), date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("models") / f"{PACKAGE_NAME}-{PACKAGE_VERSION}.argosmodel")
    parser.add_argument("--corpus-size", type=int, default=60000)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pairs = make_corpus(args.corpus_size, args.seed)
        held_out = [p for p in make_corpus(400, args.seed + 1) if p not in set(pairs)]
        sp_model = train_sentencepiece(pairs, workdir)
        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        print(f"corpus {len(pairs)} pairs, vocabulary {len(vocabulary)} pieces, held out {len(held_out)}")
        data = encode_corpus(pairs, sp)
        params = train(init_params(len(vocabulary), args.seed), data, args.steps, args.batch_size, args.seed)
        model_dir = workdir / "model"
        export_ctranslate2(params, vocabulary, model_dir)
        accuracy = evaluate(model_dir, sp_model, held_out)
        print(f"exact-match accuracy on {len(held_out)} unseen sentences: {accuracy:.1%}")
        write_package(workdir, model_dir, sp_model, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
