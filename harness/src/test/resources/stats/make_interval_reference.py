#!/usr/bin/env python3
"""Intervals and detectable effects at extreme inputs, the reference for ExtremeInputsTest.

Computed independently of tunebench's Java, in 60-digit decimal arithmetic where the formula is closed
(Wilson 1927; Newcombe 1998 method 10 for paired proportions; Connor 1987 for the paired MDE), with
scipy for the Student t quantile and a root finder (brentq) for the one-proportion MDE. The normal
quantiles come from Python's statistics.NormalDist. Inputs: 0 or n successes, n = 1, every row
discordant, and n up to 10^7.

    python3 make_interval_reference.py > interval-reference.json
"""
import json
import math
from decimal import Decimal, getcontext
from statistics import NormalDist

from scipy import optimize, stats

getcontext().prec = 60
Z975 = Decimal(repr(NormalDist().inv_cdf(0.975)))
Z80 = Decimal(repr(NormalDist().inv_cdf(0.8)))


def wilson(k, n, z=Z975):
    k, n = Decimal(k), Decimal(n)
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
    low = Decimal(0) if k == 0 else centre - half
    high = Decimal(1) if k == n else centre + half
    return low, high


def newcombe(both_right, only_a, only_b, both_wrong):
    n = both_right + only_a + only_b + both_wrong
    right_a, right_b = both_right + only_a, both_right + only_b
    rate_a, rate_b = Decimal(right_a) / n, Decimal(right_b) / n
    la, ua = wilson(right_a, n)
    lb, ub = wilson(right_b, n)
    margins = Decimal(right_b) * (n - right_b) * right_a * (n - right_a)
    cross = Decimal(both_right) * both_wrong - Decimal(only_a) * only_b
    if margins == 0:
        phi = Decimal(0)
    elif cross > Decimal(n) / 2:
        phi = (cross - Decimal(n) / 2) / margins.sqrt()
    elif cross >= 0:
        phi = Decimal(0)
    else:
        phi = cross / margins.sqrt()
    b_down, b_up, a_down, a_up = rate_b - lb, ub - rate_b, rate_a - la, ua - rate_a
    d = rate_b - rate_a
    lower = d - max(Decimal(0), b_down ** 2 - 2 * phi * b_down * a_up + a_up ** 2).sqrt()
    upper = d + max(Decimal(0), b_up ** 2 - 2 * phi * b_up * a_down + a_down ** 2).sqrt()
    return max(Decimal(-1), lower), min(Decimal(1), upper)


def mde_paired(n, psi):
    psi = Decimal(repr(psi))
    a = Z975 * psi.sqrt()
    scale = n + Z80 * Z80
    disc = Z80 * Z80 * (psi * scale - a * a)
    return (Decimal(n).sqrt() * a + max(Decimal(0), disc).sqrt()) / scale


def mde_single(n, rate):
    z_a, z_p = float(Z975), float(Z80)
    sign = 1 if rate <= 0.5 else -1
    max_move = 1 - rate if rate <= 0.5 else rate

    def gap(delta):
        moved = rate + sign * delta
        return math.sqrt(n) * delta - z_a * math.sqrt(rate * (1 - rate)) - z_p * math.sqrt(max(0.0, moved * (1 - moved)))

    if gap(max_move) <= 0:
        return None
    # gap(0) is 0 at rate 0 or 1; just above 0 it is negative (at 1e-12 even in floats), the root beyond.
    return optimize.brentq(gap, 1e-12, max_move, xtol=1e-17)


def t_interval(values):
    n = len(values)
    mean = sum(Decimal(repr(v)) for v in values) / n
    sd = (sum((Decimal(repr(v)) - mean) ** 2 for v in values) / (n - 1)).sqrt()
    t = Decimal(repr(float(stats.t.ppf(0.975, n - 1))))
    half = t * sd / Decimal(n).sqrt()
    return mean - half, mean + half


def f(x):
    return None if x is None else float(x)


def main():
    wilson_cases = [(0, 1), (1, 1), (0, 10), (10, 10), (1, 10), (9, 10), (0, 1_000_000), (1, 1_000_000),
                    (999_999, 1_000_000), (1_000_000, 1_000_000), (123_457, 10_000_000), (1, 10_000_000)]
    newcombe_cases = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1), (30, 0, 0, 0), (0, 0, 0, 30),
                      (0, 0, 30, 0), (0, 30, 0, 0), (0, 0, 240, 0), (48, 0, 192, 0), (900_000, 10, 90, 99_900),
                      (5_000_000, 0, 1, 4_999_999)]
    mde_paired_cases = [(1, 1.0), (30, 1.0), (240, 0.8), (1_000_000, 0.001), (10_000_000, 1e-7)]
    mde_single_cases = [(1, 0.0), (1, 1.0), (2, 0.0), (30, 0.0), (30, 1.0), (30, 0.5), (240, 0.8),
                        (1_000_000, 0.0), (10_000_000, 0.999)]
    t_cases = [[1.0, 3.0], [5.0, 5.0, 5.0], [0.1, 0.2, 0.4], [1e9, 1e9 + 1, 1e9 + 2, 1e9 + 3]]
    out = {
        "generator": "make_interval_reference.py",
        "wilson": [{"k": k, "n": n, "low": f(lo), "high": f(hi)} for k, n in wilson_cases for lo, hi in [wilson(k, n)]],
        "newcombe": [{"counts": list(c), "low": f(lo), "high": f(hi)} for c in newcombe_cases for lo, hi in [newcombe(*c)]],
        "mde_paired": [{"n": n, "psi": p, "mde": f(mde_paired(n, p))} for n, p in mde_paired_cases],
        "mde_single": [{"n": n, "rate": r, "mde": f(mde_single(n, r))} for n, r in mde_single_cases],
        "student_t": [{"values": v, "low": f(lo), "high": f(hi)} for v in t_cases for lo, hi in [t_interval(v)]],
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
