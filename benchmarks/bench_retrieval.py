"""Retrieval quality and speed on the built-in library.

Prints: top-1 category accuracy on the dev and held-out label sets (benchmarks/data/*.tsv), the
size-aware cases, the time of 1,000 queries against a baseline of the same 1,000 labels only
tokenised (the floor any text ranking pays), and the library build time cold and warm.
Run: python benchmarks/bench_retrieval.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from assets.library import BuiltinLibrary
from vipscene_sim.labels import tokens
from vipscene_sim.retrieve.rank import Query, Retriever

DATA = Path(__file__).parent / "data"


def load_set(name: str) -> list[tuple[Query, str]]:
    rows = []
    for line in (DATA / name).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        size = tuple(float(v) for v in parts[2].split()) if len(parts) > 2 and parts[2].strip() else None
        rows.append((Query(parts[0], size), parts[1]))
    return rows


def accuracy(retriever: Retriever, rows) -> tuple[float, list[str]]:
    misses = []
    for q, want in rows:
        got = retriever.rank(q, 1).best.category
        if got != want:
            misses.append(f"{q.label!r} {q.size or ''}: got {got}, want {want}")
    return 1 - len(misses) / len(rows), misses


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lib = BuiltinLibrary(tmp)
        lib.build_all()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm_lib = BuiltinLibrary(tmp)
        warm_lib.infos()
        warm = time.perf_counter() - t0
        retriever = Retriever([warm_lib])
        print(f"{'set':<22} {'queries':>8} {'top-1':>7}")
        all_misses = []
        for name in ("retrieval_dev.tsv", "retrieval_heldout.tsv", "retrieval_probe.tsv"):
            rows = load_set(name)
            acc, misses = accuracy(retriever, rows)
            all_misses += misses
            print(f"{name:<22} {len(rows):>8} {acc:>7.1%}")
        sized = [r for r in load_set("retrieval_dev.tsv") if r[0].size]
        acc, _ = accuracy(retriever, sized)
        print(f"{'size-aware (dev)':<22} {len(sized):>8} {acc:>7.1%}")
        labels = [q for q, _ in load_set("retrieval_heldout.tsv")]
        queries = [labels[i % len(labels)] for i in range(1000)]
        t0 = time.perf_counter()
        for q in queries:
            tokens(q.label)
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        for q in queries:
            retriever.rank(Query(q.label, (0.5, 0.5, 0.8)), 5)
        rank_s = time.perf_counter() - t0
        print()
        print(f"{'measure':<34} {'seconds':>9} {'ratio':>8}")
        print(f"{'1000 queries: tokenise only':<34} {base:>9.3f} {1.0:>8.1f}")
        print(f"{'1000 queries: full ranking, k=5':<34} {rank_s:>9.3f} {rank_s / base:>8.1f}")
        print(f"{'library build, cold':<34} {cold:>9.3f} {cold / warm:>8.1f}")
        print(f"{'library load, warm cache':<34} {warm:>9.3f} {1.0:>8.1f}")
        if all_misses:
            print("\nmisses:\n  " + "\n  ".join(all_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
