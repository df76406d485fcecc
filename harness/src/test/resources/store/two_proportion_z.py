# Reference p-values of the pooled two-proportion z-test (two-sided) for HistoryTest, from Python's
# standard library alone (math.erfc), independent of tunebench's commons-math3 normal distribution.
# Run: python3 two_proportion_z.py
import math


def p(x1, n1, x2, n2):
    p1, p2, pooled = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    z = abs(p2 - p1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(z / math.sqrt(2))


for case in [(48, 60, 36, 60), (160, 200, 150, 200), (30, 100, 45, 120)]:
    print(case, repr(p(*case)))
# (48, 60, 36, 60) 0.01682740948275682
# (160, 200, 150, 200) 0.231162885608662
# (30, 100, 45, 120) 0.24258357934832098
