"""Other simulators on our files: per consumer and scene, load time, steps per second and drift;
for MJX the compile time and steps per second at 1 and ``--worlds`` parallel copies.

Scenes: the five examples and ``--random N`` rooms from `vipscene random-room` (kinds and seeds
drawn from ``--seed``), each built once (every default format plus the ``mjx`` and ``drake`` MJCF
profiles). Consumers (`exporters.consumers`, each in its own process; those not installed are
listed and skipped):
Drake on the drake-profile MJCF and on the URDF, SAPIEN (physics only), MuJoCo Warp (CPU device
here) on the plain MJCF, MJX on the mjx profile, NVIDIA's Asset Validator on the USD.
steps/s counts world-steps: with W copies, W times the batched steps per second. drift: the
largest distance a movable object moved while resting (2 s, or 200 steps; 50 at W copies).

Run: python benchmarks/bench_consumers.py [--random N] [--seed S] [--worlds W] [--only drake,mjx,...]
     [--examples bedroom,kitchen]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MUJOCO_GL", "egl")  # the build's preview renders offscreen on the CPU

from exporters import consumers  # noqa: E402
from vipscene_sim.pipeline.build import build  # noqa: E402
from vipscene_sim.pipeline.export import run_export  # noqa: E402

CONSUMERS = {
    # name: (module that must import, run(out folder, worlds) -> ConsumerRun or list of them)
    "drake-mjcf": ("pydrake", lambda out, w: consumers.isolated("drake_mjcf", out / "drake" / "scene.xml", seconds=2.0)),
    "drake-urdf": ("pydrake", lambda out, w: consumers.isolated("drake_urdf", out / "urdf", seconds=2.0, time_step=0.005)),
    "sapien": ("sapien", lambda out, w: consumers.isolated("sapien", out / "urdf", seconds=2.0)),
    "warp": ("mujoco_warp", lambda out, w: consumers.isolated("mujoco_warp", out / "mjcf" / "scene.xml", steps=200)),
    "mjx": ("mujoco.mjx", lambda out, w: [consumers.isolated("mjx", out / "mjx" / "scene.xml", steps=200),
                                          consumers.isolated("mjx", out / "mjx" / "scene.xml", steps=50, worlds=w)]),
    "validator": ("omni.asset_validator", lambda out, w: consumers.isolated("asset_validator", out / "usd" / "scene.usdc")),
}


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def scenes(args, work: Path) -> list[tuple[str, Path]]:
    """(name, layout file): the chosen examples, then random rooms."""
    wanted = set(args.examples.split(",")) if args.examples else None
    out = [(p.stem, p) for p in sorted((ROOT / "examples").glob("*.json")) if wanted is None or p.stem in wanted]
    rng = random.Random(args.seed)
    for k in range(args.random):
        seed = rng.randrange(10_000)  # the room's kind is drawn from its seed
        path = work / f"random_{k}_{seed}.json"
        subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "random-room", "--seed", str(seed),
                        "--out", str(path)], check=True, capture_output=True)
        out.append((path.stem, path))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--worlds", type=int, default=64)
    ap.add_argument("--only", default="")
    ap.add_argument("--examples", default="")
    args = ap.parse_args()
    chosen = [c for c in CONSUMERS if not args.only or c in args.only.split(",")]
    missing = [c for c in chosen if not _installed(CONSUMERS[c][0])]
    if missing:
        print(f"not installed, skipped: {', '.join(missing)} (pip install -e '.[sims]')")
    chosen = [c for c in chosen if c not in missing]
    with tempfile.TemporaryDirectory(prefix="bench_consumers_") as tmp:
        work = Path(tmp)
        print(f"{'scene':<28} {'consumer':<24} {'worlds':>6} {'load s':>7} {'compile s':>9} {'steps/s':>9} "
              f"{'drift mm':>9} {'moved':>5} {'findings':>8}")
        for name, layout in scenes(args, work):
            out = work / name
            t0 = time.perf_counter()
            build(layout, out)
            run_export(out / "scene.json", out, ["mjx", "drake"])
            print(f"{name:<28} {'(build + profiles)':<24} {'':>6} {time.perf_counter() - t0:>7.1f}")
            for c in chosen:
                runs = CONSUMERS[c][1](out, args.worlds)
                for r in runs if isinstance(runs, list) else [runs]:
                    rate = f"{r.steps_per_s:.1f}" if r.steps_per_s is not None else "-"
                    comp = f"{r.compile_s:.1f}" if r.compile_s is not None else "-"
                    print(f"{name:<28} {r.consumer:<24} {r.worlds:>6} {r.load_s:>7.2f} {comp:>9} {rate:>9} "
                          f"{r.max_drift * 1000:>9.2f} {len(r.moved):>5} {len(r.findings):>8}", flush=True)


if __name__ == "__main__":
    main()
