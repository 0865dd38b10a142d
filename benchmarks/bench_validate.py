"""How `validate` scales: seconds against object count, support depth, cycles and floor size.

Scenes are generated (boxes stacked in chains of the given depth, one support cycle through all
objects, a round floor of N points); each is validated three times and the best time printed,
with the ratio to the smallest case of its kind (linear scaling keeps the ratio near the size
ratio). Aim: a 10,000-object scene with deep support chains in under 2 s.

Run: python benchmarks/bench_validate.py
"""

from __future__ import annotations

import math
import time

from vipscene_sim.validate import validate_document


def _scene(objects: list[dict], floor=None) -> dict:
    return {"schema": "vipscene-sim/scene", "version": 1, "name": "bench",
            "room": {"floor": floor or [[0, 0], [40, 0], [40, 40], [0, 40]], "height": 2.7}, "objects": objects}


def chains(n: int, depth: int) -> dict:
    """``n`` boxes in stacks of ``depth`` (each stands on the one below)."""
    objs = []
    for i in range(n):
        level = i % depth
        objs.append({"id": f"o{i}", "category": "box", "size": [0.1, 0.1, 0.1],
                     "position": [1 + (i // depth) % 300 * 0.12, 1 + i // (depth * 300) * 0.12, 0.05 + 0.1 * level],
                     "support": {"on": f"o{i - 1}"} if level else "floor"})
    return _scene(objs)


def cycle(n: int) -> dict:
    doc = chains(n, n)
    doc["objects"][0]["support"] = {"on": f"o{n - 1}"}
    return doc


def round_floor(n: int) -> dict:
    return _scene([], [[20 + 19 * math.cos(2 * math.pi * k / n), 20 + 19 * math.sin(2 * math.pi * k / n)] for k in range(n)])


def best(doc, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        validate_document(doc)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    cases = [("objects, depth 1", n, chains(n, 1)) for n in (1000, 10000)]
    cases += [("objects, depth 50", n, chains(n, 50)) for n in (1000, 10000)]
    cases += [("objects, one chain", n, chains(n, n)) for n in (1000, 5000)]
    cases += [("objects, one cycle", n, cycle(n)) for n in (1000, 5000)]
    cases += [("floor points", n, round_floor(n)) for n in (500, 5000)]
    print("| case | size | seconds | ratio to the smaller |")
    print("|---|---|---|---|")
    base: dict[str, float] = {}
    for kind, n, doc in cases:
        s = best(doc)
        ratio = s / base[kind] if kind in base else 1.0
        base.setdefault(kind, s)
        print(f"| {kind} | {n} | {s:.3f} | {ratio:.1f} |")


if __name__ == "__main__":
    main()
