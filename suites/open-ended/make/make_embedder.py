"""Makes models/embedder: a tiny sentence-embedding model in the sentence-transformers ONNX layout
(model.onnx with inputs input_ids and attention_mask and output last_hidden_state, tokenizer.json,
1_Pooling/config.json with mean pooling), and models/embedder/reference.json with PyTorch's token ids,
mean-pooled embeddings and cosines for a few texts, which the Java tests must reproduce.

The encoder (2 layers, width 64, ~0.2M parameters) reuses the demo's byte-level BPE tokenizer.json and
is trained for a few hundred steps on CPU with an in-batch contrastive loss pairing each ticket of the
demo's train set with its "<intent> issue with the <product>" summary, so that texts about the same
issue lie close. Tokenisation here is a plain re-implementation of byte-level BPE from tokenizer.json
(no `tokenizers` package on Debian); the Java test checks DJL's ids against the ids written here.
Needs Debian's python3-torch, python3-onnx and python3-regex. Deterministic (seeded, one thread).
Usage (from suites/open-ended): /usr/bin/python3 make/make_embedder.py
"""
import json
import math
import os
import random
import sys

import regex
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
from make_data import summary  # noqa: E402

OUT = "models/embedder"
WIDTH, LAYERS, HEADS, FF, MAX_LEN = 64, 2, 4, 128, 128
STEPS, BATCH, LR, SEED = 400, 32, 3e-3, 7

torch.manual_seed(SEED)
torch.set_num_threads(1)
random.seed(SEED)


# ---- byte-level BPE, as Hugging Face tokenizers applies tokenizer.json -----------------------------------
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


class ByteLevelBpe:
    PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

    def __init__(self, path):
        model = json.load(open(path))["model"]
        self.vocab = model["vocab"]
        self.ranks = {tuple(m if isinstance(m, list) else m.split(" ")): i for i, m in enumerate(model["merges"])}
        self.byte_map = bytes_to_unicode()

    def bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, i = min(pairs)
            if rank == math.inf:
                break
            parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
        return parts

    def encode(self, text):
        ids = []
        for piece in self.PATTERN.findall(text):
            mapped = "".join(self.byte_map[b] for b in piece.encode("utf-8"))
            ids.extend(self.vocab[p] for p in self.bpe(mapped))
        return ids


# ---- the encoder --------------------------------------------------------------------------------------
class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
        self.out = nn.Linear(WIDTH, WIDTH)
        self.norm1 = nn.LayerNorm(WIDTH)
        self.ff = nn.Sequential(nn.Linear(WIDTH, FF), nn.GELU(), nn.Linear(FF, WIDTH))
        self.norm2 = nn.LayerNorm(WIDTH)

    def forward(self, x, mask):
        b, s, _ = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(b, s, 3, HEADS, WIDTH // HEADS).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(WIDTH // HEADS)
        scores = scores + (1.0 - mask[:, None, None, :]) * -1e4
        x = x + self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, s, WIDTH))
        return x + self.ff(self.norm2(x))


class Encoder(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.tokens = nn.Embedding(vocab, WIDTH)
        self.positions = nn.Embedding(MAX_LEN, WIDTH)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.norm = nn.LayerNorm(WIDTH)

    def forward(self, input_ids, attention_mask):
        mask = attention_mask.to(torch.float32)
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.tokens(input_ids) + self.positions(positions)
        for layer in self.layers:
            x = layer(x, mask)
        return self.norm(x)


def mean_pool(hidden, attention_mask):
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def batch(tok, texts, pad):
    ids = [tok.encode(t)[:MAX_LEN] for t in texts]
    n = max(1, max(len(i) for i in ids))
    input_ids = torch.tensor([i + [pad] * (n - len(i)) for i in ids], dtype=torch.long)
    mask = torch.tensor([[1] * len(i) + [0] * (n - len(i)) for i in ids], dtype=torch.long)
    return input_ids, mask


def main():
    tok = ByteLevelBpe(f"{OUT}/tokenizer.json")
    pad = tok.vocab["<|pad|>"] if "<|pad|>" in tok.vocab else 0
    pairs = []
    for line in open("../demo/data/train.jsonl"):
        messages = json.loads(line)["messages"]
        ticket = messages[-2]["content"]
        intent = json.loads(messages[-1]["content"])["intent"]
        pairs.append((ticket, summary(ticket, intent)))
    model = Encoder(max(tok.vocab.values()) + 1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR)
    for step in range(STEPS):
        chosen = random.sample(pairs, BATCH)
        a = mean_pool(model(*batch(tok, [p[0] for p in chosen], pad)), batch(tok, [p[0] for p in chosen], pad)[1])
        b = mean_pool(model(*batch(tok, [p[1] for p in chosen], pad)), batch(tok, [p[1] for p in chosen], pad)[1])
        logits = nn.functional.normalize(a, dim=-1) @ nn.functional.normalize(b, dim=-1).T / 0.05
        # Pairs with the same summary are both right answers: mask them out of the negatives.
        same = torch.tensor([[x[1] == y[1] and i != j for j, y in enumerate(chosen)] for i, x in enumerate(chosen)])
        logits = logits.masked_fill(same, -1e4)
        loss = nn.functional.cross_entropy(logits, torch.arange(BATCH))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0 or step == STEPS - 1:
            print(f"step {step} loss {loss.item():.4f}")
    model.eval()

    ids, mask = batch(tok, ["warm up"], pad)
    torch.onnx.export(model, (ids, mask), f"{OUT}/model.onnx", input_names=["input_ids", "attention_mask"],
                      output_names=["last_hidden_state"], opset_version=14,
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                                    "last_hidden_state": {0: "batch", 1: "sequence"}})
    json.dump({"word_embedding_dimension": WIDTH, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
               "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False},
              open(f"{OUT}/1_Pooling/config.json", "w"), indent=2)
    json.dump([{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}],
              open(f"{OUT}/modules.json", "w"), indent=2)
    json.dump({"model_type": "tunebench-tiny-encoder", "hidden_size": WIDTH, "num_hidden_layers": LAYERS,
               "num_attention_heads": HEADS, "max_position_embeddings": MAX_LEN, "pad_token_id": pad},
              open(f"{OUT}/config.json", "w"), indent=2)

    texts = ["refund issue with the remote", "hey, I returned the remote two days ago and still no money back",
             "{\"intent\": \"refund\"}", "delivery issue with the console", "my console has not arrived yet",
             "Ünïcödé tickets, émojis 🎮 and\ttabs", ""]
    with torch.no_grad():
        rows = []
        for t in texts:
            i, m = batch(tok, [t], pad)
            rows.append({"text": t, "ids": tok.encode(t), "embedding": mean_pool(model(i, m), m)[0].tolist()})
        # One padded batch of all texts: padding must not change any embedding.
        i, m = batch(tok, texts, pad)
        padded = mean_pool(model(i, m), m)
        for row, e in zip(rows, padded):
            row["embedding_in_batch"] = e.tolist()
    pairs_out = []
    for x in range(len(texts)):
        for y in range(x + 1, len(texts)):
            a, b = torch.tensor(rows[x]["embedding"]), torch.tensor(rows[y]["embedding"])
            denominator = a.norm() * b.norm()
            cos = 0.0 if denominator == 0 else float(a @ b / denominator)
            pairs_out.append({"a": x, "b": y, "cosine": cos})
    json.dump({"made_by": "make/make_embedder.py (PyTorch " + torch.__version__ + ")", "texts": rows,
               "cosines": pairs_out}, open(f"{OUT}/reference.json", "w"), indent=1, ensure_ascii=False)
    print("written", OUT, os.path.getsize(f"{OUT}/model.onnx"), "bytes")


if __name__ == "__main__":
    main()
