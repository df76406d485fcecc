"""Brute-force reference for tunebench's duplicate and overlap check (OverlapReferenceTest).

Every pair of examples is compared directly, with no MinHash: exact = equal input after lower-casing and
collapsing whitespace; near = Jaccard similarity of the sets of word 3-grams (words: runs of letters and
digits, lower-cased; a text under 3 words is one gram) >= 0.7. An example's input is every turn but system
turns and the last assistant turn, joined by a newline. Standard library only.

Usage: python3 overlap_reference.py ../../../../../suites/demo/data > overlap_reference.json
"""
import json
import re
import sys
from pathlib import Path

THRESHOLD = 0.7


def examples(path):
    out = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        messages = json.loads(text)["messages"]
        last = max(i for i, m in enumerate(messages) if m["role"] == "assistant")
        turns = [m["content"] for m in messages[:last] if m["role"] != "system" and m.get("content") is not None]
        out.append((number, "\n".join(turns), messages[last]["content"]))
    return out


def normal(text):
    return " ".join(text.lower().split())


def grams(text):
    words = re.findall(r"[^\W_]+", text.lower())
    if not words:
        return set()
    if len(words) < 3:
        return {" ".join(words)}
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def pair(a, b):
    exact = normal(a[1]) == normal(b[1])
    ga, gb = grams(a[1]), grams(b[1])
    similarity = 1.0 if exact else len(ga & gb) / len(ga | gb)
    if exact or similarity >= THRESHOLD:
        return {"line": a[0], "other_line": b[0], "exact": exact, "similarity": round(similarity, 9),
                "same_answer": normal(a[2]) == normal(b[2])}
    return None


def main():
    folder = Path(sys.argv[1])
    train = examples(folder / "train.jsonl")
    result = {"within_train": [], "train_vs_test": [], "train_vs_validation": []}
    for i, a in enumerate(train):
        for b in train[i + 1:]:
            p = pair(a, b)
            if p:
                result["within_train"].append(p)
    for name, key in (("test.jsonl", "train_vs_test"), ("validation.jsonl", "train_vs_validation")):
        other = examples(folder / name)
        for a in train:
            for b in other:
                p = pair(a, b)
                if p:
                    result[key].append(p)
    json.dump(result, sys.stdout, indent=0)


main()
