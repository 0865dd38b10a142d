"""Scene variants: how many a minute, and what each costs on disk.

The example kitchen (or ``--layout``) is built once (the colliders and the asset cache warm),
then ``--n`` variants are made for each axis set in the same process: every axis, the
non-geometric ones (materials, lighting, dynamics, joints) and materials alone. Printed per set:
variants per minute (wall time, redrawn attempts included), draws rejected, disk per variant
(each distinct file counted once: hard links into DIR/shared) against a full copy of one
variant's files, and the ratio. Aims (issue 22): at least 60 variants a minute of the kitchen
warm, under 10 % of a full copy's disk.

Run: MUJOCO_GL=egl python benchmarks/bench_vary.py [--n N] [--seed S] [--layout FILE] [--no-preview]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vipscene_sim.pipeline.build import BuildSettings, build  # noqa: E402
from vipscene_sim.vary import VarySettings, vary  # noqa: E402

SETS = {"all": None, "non-geometric": ("materials", "lighting", "dynamics", "joints"), "materials": ("materials",)}


def disk(paths) -> int:
    """Bytes of the files under ``paths``, each inode once (what hard links really take)."""
    seen, total = set(), 0
    for root in paths:
        for p in Path(root).rglob("*"):
            if p.is_file():
                st = p.stat()
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    total += st.st_size
    return total


def apparent(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layout", default=str(ROOT / "examples" / "kitchen.json"))
    ap.add_argument("--no-preview", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("MUJOCO_GL", "egl")
    settings = BuildSettings(preview=not args.no_preview)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        t0 = time.perf_counter()
        build(args.layout, base, settings)
        print(f"base build of {Path(args.layout).name}: {time.perf_counter() - t0:.1f} s (warms the caches)")
        print(f"{'axes':<15} {'variants':>8} {'per min':>8} {'rejected':>8} {'MB/variant':>10} {'full copy MB':>12} {'ratio':>6}")
        for name, axes in SETS.items():
            out = Path(tmp) / name
            vs = VarySettings() if axes is None else VarySettings(axes=axes)
            t0 = time.perf_counter()
            results = list(vary(base, args.n, args.seed, out, vs, settings))
            wall = time.perf_counter() - t0
            ok = [r for r in results if r.ok]
            if not ok:
                print(f"{name:<15} no variant succeeded")
                continue
            # the first variant's files fill the store: the marginal cost is the rest's
            first = disk([ok[0].out, out / "shared"]) if len(ok) > 1 else 0
            per = (disk([r.out for r in ok] + [out / "shared"]) - first) / max(1, len(ok) - 1)
            full = apparent(ok[-1].out)
            print(f"{name:<15} {len(ok):>8} {60 * len(results) / wall:>8.1f} {sum(len(r.rejected) for r in results):>8} "
                  f"{per / 1e6:>10.2f} {full / 1e6:>12.2f} {per / full:>6.1%}")


if __name__ == "__main__":
    main()
