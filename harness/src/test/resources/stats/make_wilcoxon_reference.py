#!/usr/bin/env python3
"""Two-sided Wilcoxon signed-rank p-values, the reference for WilcoxonReferenceTest.

Each case holds paired samples a and b (the test is on d = b - a, zero_method="wilcox": zero
differences dropped, tied |d| get mean ranks) and:
  exact_log_p   ln of the exact two-sided p, 2 P(W+ <= min(w, total - w)) under the conditional null
                (every sign pattern of the non-zero differences equally likely), counted with Python's
                exact integers as the coefficients of prod (1 + x^(2 rank)); given where tunebench
                computes the exact p (n <= 50, or n <= 1000 with n * (tail + 1) <= 2^22), else null.
                Checked here against scipy wherever scipy is exact: scipy.stats.wilcoxon(method="exact")
                without ties or zeros (up to n = 50; beyond, its float distribution underflows to 0 in
                the far tail), and an enumeration of all 2^n sign patterns (PermutationMethod with
                n_resamples=inf) with ties or zeros up to n = 16.
  normal_log_p  ln of the normal approximation's p (correction=True, tie-corrected variance) from
                scipy's z and scipy.special.log_ndtr, so a p far below the doubles keeps its magnitude.

Needs Debian's python3-scipy (apt-get install -y python3-scipy); made with scipy 1.17.1:
    python3 make_wilcoxon_reference.py > wilcoxon-reference.json
"""
import json
import math
import random
from fractions import Fraction

import numpy as np
import scipy
from scipy import special, stats


ALWAYS_EXACT_MAX_N = 50
EXACT_MAX_N = 1000
EXACT_BUDGET = 2 ** 22


def doubled_ranks(magnitudes):
    order = sorted(range(len(magnitudes)), key=lambda i: magnitudes[i])
    ranks = [0] * len(magnitudes)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and magnitudes[order[end + 1]] == magnitudes[order[start]]:
            end += 1
        for i in range(start, end + 1):
            ranks[order[i]] = start + end + 2
        start = end + 1
    return ranks


def exact_log_p(a, b):
    d = [y - x for x, y in zip(a, b)]
    nonzero = [v for v in d if v != 0]
    n = len(nonzero)
    if n == 0:
        return 0.0
    ranks = doubled_ranks([abs(v) for v in nonzero])
    plus = sum(r for r, v in zip(ranks, nonzero) if v > 0)
    tail = min(plus, n * (n + 1) - plus)
    if not (n <= ALWAYS_EXACT_MAX_N or (n <= EXACT_MAX_N and n * (tail + 1) <= EXACT_BUDGET)):
        return None
    ways = [1] + [0] * tail
    for r in ranks:
        if r <= tail:
            ways[r:] = [x + y for x, y in zip(ways[r:], ways[:tail + 1 - r])]
    count = 2 * sum(ways)
    total = 2 ** n
    if count >= total:
        return 0.0
    check_against_scipy(a, b, nonzero, len(d), Fraction(count, total))
    return math.log(count) - n * math.log(2)


def check_against_scipy(a, b, nonzero, rows, p):
    ties = len(set(abs(v) for v in nonzero)) < len(nonzero)
    if not ties and len(nonzero) == rows and rows <= 50:
        scipy_p = stats.wilcoxon(b, a, method="exact").pvalue
    elif rows <= 16:
        scipy_p = stats.wilcoxon(b, a, method=stats.PermutationMethod(n_resamples=np.inf)).pvalue
    else:
        return
    assert abs(float(p) - scipy_p) <= 1e-12 * scipy_p, (rows, float(p), scipy_p)


def normal_log_p(a, b):
    res = stats.wilcoxon(b, a, method="asymptotic", correction=True, zero_method="wilcox")
    # scipy reports z = -|z| for the two-sided test, corrected for continuity.
    return math.log(2) + float(special.log_ndtr(res.zstatistic))


def case(name, a, b):
    return {"name": name, "a": a, "b": b, "exact_log_p": exact_log_p(a, b), "normal_log_p": normal_log_p(a, b)}


def continuous(rng, n, shift, scale=1.0):
    a = [round(rng.uniform(10, 100), 6) for _ in range(n)]
    b = [round(x + shift + rng.gauss(0, scale), 6) for x in a]
    return a, b


def counts(rng, n, shift, spread):
    a = [rng.randint(5, 40) for _ in range(n)]
    b = [x + shift + rng.randint(-spread, spread) for x in a]
    return a, b


def main():
    rng = random.Random(20261202)
    cases = [case("hollander-wolfe (R ?wilcox.test)",
                  [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
                  [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30])]
    for n in list(range(1, 13)) + [15, 20, 25, 30, 40, 50]:
        for shift in (0.0, 0.4, 1.5):
            a, b = continuous(rng, n, shift)
            cases.append(case(f"continuous n={n} shift={shift}", a, b))
    for n in (60, 100, 240, 600):
        # Far tails beyond n = 50: nearly every difference positive.
        a, b = continuous(rng, n, 3.0)
        cases.append(case(f"far tail n={n}", a, b))
        a = [float(i) for i in range(n)]
        cases.append(case(f"all positive n={n}", a, [x + 0.5 + i / 1000 for i, x in enumerate(a)]))
    for n in (4, 8, 12, 16):
        for shift in (0, 1, 3):
            a, b = counts(rng, n, shift, 2)
            cases.append(case(f"token counts n={n} shift={shift}", a, b))
    for n in (30, 240, 1000, 5000):
        for shift in (0, 1):
            a, b = counts(rng, n, shift, 3)
            cases.append(case(f"token counts n={n} shift={shift}", a, b))
    a = list(range(5000))
    cases.append(case("every difference +1, n=5000", a, [x + 1 for x in a]))
    print(json.dumps({"generator": "make_wilcoxon_reference.py", "scipy": scipy.__version__, "cases": cases},
                     indent=1))


if __name__ == "__main__":
    main()
