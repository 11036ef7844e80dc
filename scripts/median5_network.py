#!/usr/bin/env python3
"""Generates the 5×5 median's min/max network for Sources/RadiographCore/Kernels/Median+Network.swift.

Input: the 25 values of a 5×5 window whose five columns are already sorted (the lane kernel sorts
every column once per row). Network: each rank (row of the sorted columns) is sorted across the
five columns (9 comparators each); the rank sorts keep the columns sorted, so only 13 values can
be the median (six lie below and six above each of them); those 13 go through Batcher's
merge-exchange sort (Knuth 5.2.2 M, 48 comparators), of which only the middle output is kept.

Then, by simulation over every 0-1 input (0-1 principle: all 6^5 = 7,776 column-sorted 0-1 windows
stand for every input of the whole network):
- a comparator whose inputs are always in order is dropped, and one whose inputs are always in
  reverse order becomes a renaming;
- min/max operations whose result reaches no output are dropped.
The order the 13 candidates enter the sort in changes how many comparators become redundant; the
order below came from a random local search (104 min/max operations against 158 for the full
rank sorts and forgetful selection before). The emitted network is checked here against a sort on
0-1 inputs and on random integer windows with many ties.

Usage: python3 scripts/median5_network.py > /dev/null  (prints the Swift function on stdout).
"""
import itertools
import random

SORT5 = [(0, 1), (3, 4), (2, 4), (2, 3), (1, 4), (0, 3), (0, 2), (1, 3), (1, 2)]
# Candidate (rank, position after the rank sort); the order they enter the merge-exchange sort.
ORDER = ['a4', 'd0', 'd1', 'b2', 'a3', 'e0', 'c1', 'c3', 'b3', 'e1', 'd2', 'c2', 'b4']


def wire(name):
    return (int(name[1]), 'abcde'.index(name[0]))


def merge_exchange(n):
    comps = []
    t = (n - 1).bit_length()
    p = 1 << (t - 1)
    while p > 0:
        q, r, d = 1 << (t - 1), 0, p
        while True:
            comps.extend((i, i + d) for i in range(n - d) if (i & p) == r)
            if q == p:
                break
            d, q, r = q - p, q >> 1, p
        p >>= 1
    return comps


def network():
    comps = [((r, i), (r, j)) for r in range(5) for (i, j) in SORT5]
    order = [wire(n) for n in ORDER]
    comps += [(order[i], order[j]) for (i, j) in merge_exchange(13)]
    return comps, order[6]


def zero_one_windows():
    for ks in itertools.product(range(6), repeat=5):
        yield {(r, c): int(r >= ks[c]) for r in range(5) for c in range(5)}


def build():
    comps, out_wire = network()
    cases = list(zero_one_windows())
    vals = [dict(w) for w in cases]
    ops = [('in', (r, c)) for r in range(5) for c in range(5)]
    cur = {(r, c): r * 5 + c for r in range(5) for c in range(5)}
    for (i, j) in comps:
        if all(v[i] <= v[j] for v in vals):
            continue
        if all(v[i] >= v[j] for v in vals):
            cur[i], cur[j] = cur[j], cur[i]
            for v in vals:
                v[i], v[j] = v[j], v[i]
            continue
        x, y = cur[i], cur[j]
        ops.append(('min', x, y))
        ops.append(('max', x, y))
        cur[i], cur[j] = len(ops) - 2, len(ops) - 1
        for v in vals:
            v[i], v[j] = min(v[i], v[j]), max(v[i], v[j])
    out = cur[out_wire]
    live, stack = set(), [out]
    while stack:
        k = stack.pop()
        if k not in live:
            live.add(k)
            if ops[k][0] != 'in':
                stack += [ops[k][1], ops[k][2]]
    return ops, live, out


def evaluate(ops, live, out, window):
    v = {}
    for k, op in enumerate(ops):
        if k not in live:
            continue
        v[k] = window[op[1]] if op[0] == 'in' else (min if op[0] == 'min' else max)(v[op[1]], v[op[2]])
    return v[out]


def check(ops, live, out):
    for w in zero_one_windows():
        assert evaluate(ops, live, out, w) == int(sum(w.values()) >= 13)
    rng = random.Random(1)
    for _ in range(20000):
        top = rng.choice([2, 5, 30, 1000])
        cols = [sorted(rng.randint(0, top) for _ in range(5)) for _ in range(5)]
        w = {(r, c): cols[c][r] for r in range(5) for c in range(5)}
        assert evaluate(ops, live, out, w) == sorted(w.values())[12]


def emit(ops, live, out):
    name = {}
    lines = []
    for k, op in enumerate(ops):
        if k not in live:
            continue
        if op[0] == 'in':
            name[k] = 'r%dc%d' % op[1]
            lines.append('    let %s: V = loadLanes(s.%d, x &+ %d)' % (name[k], op[1][0], op[1][1]))
        else:
            name[k] = 't%d' % k
            fn = 'pointwiseMin' if op[0] == 'min' else 'pointwiseMax'
            lines.append('    let %s = %s(%s, %s)' % (name[k], fn, name[op[1]], name[op[2]]))
    lines.append('    return %s' % name[out])
    count = sum(1 for k in live if ops[k][0] != 'in')
    return count, '\n'.join(lines)


if __name__ == '__main__':
    ops, live, out = build()
    check(ops, live, out)
    count, body = emit(ops, live, out)
    print('// %d min/max operations (generated)' % count)
    print(body)
