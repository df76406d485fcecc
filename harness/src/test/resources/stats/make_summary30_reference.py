#!/usr/bin/env python3
"""A demo-shaped run with 30-row cells and the p-values its summary must report (ThirtyRowCellsTest).

Writes summary30-samples.jsonl: the demo suite's 5 models x 6 techniques x 30 rows, with accuracy and
format adherence per row, token counts (ties and zero differences, as real token counts have) and
latencies (multiples of 1/64 ms, exact in the float the summary keeps). Then summary30-reference.json:
for every paired comparison the summary makes (each candidate model against the baseline `base` with
the same technique, each technique against `as-is` with the same model; metrics accuracy and
format_adherence by the exact McNemar test, the three means by the Wilcoxon signed-rank test) the raw
two-sided p-value, computed independently:
  McNemar   min(1, 2 sum_{j<=k} C(n, j) / 2^n) in exact fractions (k = smaller discordant count)
  Wilcoxon  the exact conditional p of make_wilcoxon_reference.py (exact integers, checked there
            against scipy), 1 when the two sides are identical

Run from this folder (needs python3-scipy for the import):
    python3 make_summary30_reference.py
"""
import json
import math
import random
from fractions import Fraction

from make_wilcoxon_reference import exact_log_p

MODELS = ["base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3", "ckpt-epoch-4"]
TECHNIQUES = ["as-is", "zero-shot", "structured", "structured-repeat", "structured-primed", "few-shot-3"]
ROWS = 30
METRICS = ["accuracy", "format_adherence", "prompt_tokens_mean", "completion_tokens_mean", "latency_ms_mean"]
FIELD = {"accuracy": "accuracy", "format_adherence": "format_adherence", "prompt_tokens_mean": "prompt_tokens",
         "completion_tokens_mean": "completion_tokens", "latency_ms_mean": "latency_ms"}


def samples():
    rng = random.Random(30)
    out = {}
    prompt_base = [rng.randint(25, 45) for _ in range(ROWS)]
    for m, model in enumerate(MODELS):
        for t, technique in enumerate(TECHNIQUES):
            skill = 0.0 if m == 0 else 0.15 + 0.17 * m - 0.04 * t
            for r in range(ROWS):
                right = rng.random() < skill
                formatted = right or rng.random() < (0.1 if m == 0 else 0.6)
                completion = 6 if formatted else rng.choice([4, 6, 9, 12, 20])
                latency = round((1.5 + 0.02 * prompt_base[r] * (1 + t) + 0.3 * completion + rng.random()) * 64) / 64
                out[(model, technique, r)] = {
                    "model": model, "technique": technique, "row": r, "row_id": f"test.jsonl:{r + 1}", "repeat": 0,
                    "accuracy": 1.0 if right else 0.0, "format_adherence": 1.0 if formatted else 0.0,
                    "prompt_tokens": prompt_base[r] + 15 * t, "completion_tokens": completion,
                    "finish_reason": "eos", "ttft_ms": 1.0, "latency_ms": latency, "tpot_ms": 0.125, "error": None}
    return out


def mcnemar(only_a, only_b):
    n = only_a + only_b
    k = min(only_a, only_b)
    if 2 * k == n:
        return 1.0
    tail = sum(math.comb(n, j) for j in range(k + 1))
    return float(min(Fraction(1), Fraction(2 * tail, 2 ** n)))


def p_value(metric, a, b):
    xs = [s[FIELD[metric]] for s in a]
    ys = [s[FIELD[metric]] for s in b]
    if metric in ("accuracy", "format_adherence"):
        return mcnemar(sum(1 for x, y in zip(xs, ys) if x > y), sum(1 for x, y in zip(xs, ys) if y > x))
    if xs == ys:
        return 1.0
    return math.exp(exact_log_p(xs, ys))


def main():
    data = samples()
    with open("summary30-samples.jsonl", "w") as f:
        for s in data.values():
            f.write(json.dumps(s, separators=(",", ":")) + "\n")
    cell = {key: [data[key + (r,)] for r in range(ROWS)] for key in ((m, t) for m in MODELS for t in TECHNIQUES)}
    comparisons = []
    for model in MODELS:
        for technique in TECHNIQUES:
            pairs = []
            if model != "base":
                pairs.append(("candidate-vs-baseline", ("base", technique)))
            if technique != "as-is":
                pairs.append(("technique-vs-reference", (model, "as-is")))
            for kind, a in pairs:
                for metric in METRICS:
                    comparisons.append({"kind": kind, "metric": metric, "a": list(a), "b": [model, technique],
                                        "p_value": p_value(metric, cell[a], cell[(model, technique)])})
    with open("summary30-reference.json", "w") as f:
        json.dump({"generator": "make_summary30_reference.py", "comparisons": comparisons}, f, indent=1)


if __name__ == "__main__":
    main()
