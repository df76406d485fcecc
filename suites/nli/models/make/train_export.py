"""Train the tiny NLI encoder classifier and export base + one checkpoint per epoch as ONNX
sequence-classification folders in the Hugging Face layout.

Each folder: model.onnx (inputs input_ids, attention_mask, token_type_ids [batch, seq] int64; output
logits [batch, 3]), tokenizer.json (the triage demo's byte-level BPE with a pair template:
<|im_start|> premise <|im_end|> hypothesis <|im_end|>, type ids 0 then 1), config.json with id2label,
trainer_state.json with the epoch and the train/validation cross-entropy history.
It also writes reference.json: PyTorch's probabilities and token ids for the first test rows of every
model, and each model's validation cross-entropy, which the Java runner's tests must reproduce.

Usage: python3 train_export.py DATA_DIR DEMO_TOKENIZER_JSON OUT_DIR
"""
import json, math, os, random, sys

import regex
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA, DEMO_TOKENIZER, OUT = sys.argv[1:4]
torch.manual_seed(0)
random.seed(0)
LABELS = ["entailment", "neutral", "contradiction"]
EPOCHS, BATCH, LR = 4, 32, 2e-3
REFERENCE_ROWS = 24


# ---- tokenizer: the demo's BPE, encoded here by the GPT-2 byte-level algorithm -------------------
tok = json.load(open(DEMO_TOKENIZER))
VOCAB = tok["model"]["vocab"]
RANKS = {tuple(m.split(" ") if isinstance(m, str) else m): i for i, m in enumerate(tok["model"]["merges"])}
SPECIAL = {t["content"]: t["id"] for t in tok["added_tokens"]}
START, END, PAD = SPECIAL["<|im_start|>"], SPECIAL["<|im_end|>"], SPECIAL["<|pad|>"]
PRETOKEN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


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


BYTE = bytes_to_unicode()


def bpe(word):
    parts = list(word)
    while len(parts) > 1:
        pairs = [(RANKS.get((parts[i], parts[i + 1]), math.inf), i) for i in range(len(parts) - 1)]
        rank, _ = min(pairs)
        if rank == math.inf:
            break
        a, b = next((parts[i], parts[i + 1]) for r, i in pairs if r == rank)
        merged, i = [], 0
        while i < len(parts):
            if i < len(parts) - 1 and parts[i] == a and parts[i + 1] == b:
                merged.append(a + b)
                i += 2
            else:
                merged.append(parts[i])
                i += 1
        parts = merged
    return [VOCAB[p] for p in parts]


def encode(text):
    ids = []
    for piece in PRETOKEN.findall(text):
        ids += bpe("".join(BYTE[b] for b in piece.encode("utf-8")))
    return ids


def encode_pair(premise, hypothesis):
    a, b = encode(premise), encode(hypothesis)
    ids = [START] + a + [END] + b + [END]
    types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
    return ids, types


def pair_tokenizer_json():
    out = dict(tok)
    special = lambda name, type_id: {"SpecialToken": {"id": name, "type_id": type_id}}
    seq = lambda name, type_id: {"Sequence": {"id": name, "type_id": type_id}}
    out["post_processor"] = {
        "type": "TemplateProcessing",
        "single": [special("<|im_start|>", 0), seq("A", 0), special("<|im_end|>", 0)],
        "pair": [special("<|im_start|>", 0), seq("A", 0), special("<|im_end|>", 0), seq("B", 1), special("<|im_end|>", 1)],
        "special_tokens": {n: {"id": n, "ids": [SPECIAL[n]], "tokens": [n]} for n in ("<|im_start|>", "<|im_end|>")},
    }
    return out


# ---- data --------------------------------------------------------------------------------------
def load(name):
    rows = [json.loads(l) for l in open(os.path.join(DATA, name + ".jsonl"))]
    return [(*encode_pair(r["premise"], r["hypothesis"]), LABELS.index(r["label"])) for r in rows]


train, val, test = load("train"), load("validation"), load("test")


def batchify(rows):
    n = max(len(r[0]) for r in rows)
    ids = torch.tensor([r[0] + [PAD] * (n - len(r[0])) for r in rows])
    types = torch.tensor([r[1] + [0] * (n - len(r[1])) for r in rows])
    mask = torch.tensor([[1] * len(r[0]) + [0] * (n - len(r[0])) for r in rows])
    return ids, mask, types, torch.tensor([r[2] for r in rows])


# ---- model: a 2-layer pre-norm transformer encoder, masked mean pooling, linear head ----------
D, HEADS, LAYERS, POSITIONS = 64, 4, 2, 128


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv, self.proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.ff = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))

    def forward(self, x, bias):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, HEADS, D // HEADS).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(D // HEADS) + bias
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, D)
        x = x + self.proj(y)
        return x + self.ff(self.ln2(x))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens, self.positions, self.types = nn.Embedding(len(VOCAB), D), nn.Embedding(POSITIONS, D), nn.Embedding(2, D)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.ln, self.head = nn.LayerNorm(D), nn.Linear(D, len(LABELS))

    def forward(self, input_ids, attention_mask, token_type_ids):
        pos = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.tokens(input_ids) + self.positions(pos) + self.types(token_type_ids)
        m = attention_mask.to(x.dtype)
        bias = (1.0 - m)[:, None, None, :] * -1e9
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln(x)
        pooled = (x * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True)
        return self.head(pooled)


def cross_entropy(model, rows):
    model.eval()
    with torch.no_grad():
        total = 0.0
        for i in range(0, len(rows), 64):
            ids, mask, types, y = batchify(rows[i:i + 64])
            total += F.cross_entropy(model(ids, mask, types), y, reduction="sum").item()
    return total / len(rows)


def accuracy(model, rows):
    model.eval()
    with torch.no_grad():
        ids, mask, types, y = batchify(rows)
        return (model(ids, mask, types).argmax(-1) == y).float().mean().item()


def export(model, name, state):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    model.eval()
    ids, mask, types, _ = batchify(test[:2])
    torch.onnx.export(model, (ids, mask, types), os.path.join(folder, "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")}
                      | {"logits": {0: "batch"}}, opset_version=14)
    config = {"model_type": "tiny-nli-encoder", "architectures": ["TinyNliForSequenceClassification"],
              "id2label": {str(i): l for i, l in enumerate(LABELS)}, "label2id": {l: i for i, l in enumerate(LABELS)},
              "vocab_size": len(VOCAB), "hidden_size": D, "num_attention_heads": HEADS, "num_hidden_layers": LAYERS,
              "max_position_embeddings": POSITIONS, "type_vocab_size": 2, "pad_token_id": PAD}
    json.dump(config, open(os.path.join(folder, "config.json"), "w"), indent=2)
    json.dump(pair_tokenizer_json(), open(os.path.join(folder, "tokenizer.json"), "w"), ensure_ascii=False)
    json.dump(state, open(os.path.join(folder, "trainer_state.json"), "w"), indent=2)


def reference(model):
    model.eval()
    with torch.no_grad():
        ids, mask, types, _ = batchify(test[:REFERENCE_ROWS])
        probs = model(ids, mask, types).softmax(-1).tolist()
    return {"probabilities": probs, "validation_loss": cross_entropy(model, val)}


model = Classifier()
refs = {"rows": REFERENCE_ROWS, "token_ids": [r[0] for r in test[:REFERENCE_ROWS]],
        "token_type_ids": [r[1] for r in test[:REFERENCE_ROWS]], "labels": LABELS, "models": {}}
history = []
base_state = {"kind": "untrained", "epoch": 0, "seed": 0, "history": []}
export(model, "base", base_state)
refs["models"]["base"] = reference(model)
print(f"base: validation loss {refs['models']['base']['validation_loss']:.4f} accuracy {accuracy(model, test):.3f}")
opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
for epoch in range(1, EPOCHS + 1):
    model.train()
    order = list(range(len(train)))
    random.shuffle(order)
    total = 0.0
    for i in range(0, len(order), BATCH):
        ids, mask, types, y = batchify([train[j] for j in order[i:i + BATCH]])
        loss = F.cross_entropy(model(ids, mask, types), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(ids)
    vloss = cross_entropy(model, val)
    history.append({"epoch": epoch, "train_loss": total / len(train), "validation_loss": vloss})
    name = f"ckpt-epoch-{epoch}"
    export(model, name, {"kind": "fine-tune", "base": "base", "epoch": epoch, "batch_size": BATCH,
                         "learning_rate": LR, "seed": 0, "train_rows": len(train), "history": list(history)})
    refs["models"][name] = reference(model)
    print(f"{name}: train loss {total / len(train):.4f} validation loss {vloss:.4f} accuracy {accuracy(model, test):.3f}")
json.dump(refs, open(os.path.join(OUT, "make", "reference.json"), "w"), indent=1)
