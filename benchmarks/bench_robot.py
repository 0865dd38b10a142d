"""A robot in a scene: steps per second in classic MuJoCo and in MJX at 1, 64 and 1,024
parallel copies (JAX's default device: the CPU here, a GPU where JAX has one), and what placing
the robot costs.

Scenes: the example kitchen, or ``--examples`` / ``--random N`` rooms from `vipscene random-room`
(kinds and seeds drawn from ``--seed``), each built once with the ``mjx`` profile; robot:
``--robot`` (default examples/robots/mobile.xml, a free-base mobile manipulator), put in with
`vipscene robot` on both profiles (OUT/robot, OUT/robot_mjx). Every run starts from the
``home`` keyframe. steps/s counts world-steps (W copies: W times the batched rate); MJX's
compile time is the first (jitted) step. drift: the largest distance a scene object moved
(classic: 1 s; MJX: the steps run, fewer at many copies).

Run: python benchmarks/bench_robot.py [--robot R.xml] [--worlds 1,64,1024] [--warp] [--examples kitchen]
     [--random N]
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
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("MUJOCO_GL", "egl")

from bench_consumers import scenes  # noqa: E402

from exporters import consumers  # noqa: E402
from vipscene_sim.pipeline.build import build  # noqa: E402
from vipscene_sim.pipeline.export import run_export  # noqa: E402
from vipscene_sim.pipeline.robot import run_robot  # noqa: E402
from vipscene_sim.robot import RobotSettings  # noqa: E402


def classic(path: Path, seconds: float = 1.0) -> tuple[float, float]:
    """(steps per second, largest scene-object drift) of classic MuJoCo from ``home``."""
    import mujoco
    import numpy as np

    m = mujoco.MjModel.from_xml_path(str(path))
    d = mujoco.MjData(m)
    mujoco.mj_resetDataKeyframe(m, d, m.key("home").id)
    mujoco.mj_forward(m, d)
    start = consumers.free_positions(m, d.qpos)
    n = int(seconds / m.opt.timestep)
    t0 = time.perf_counter()
    for _ in range(n):
        mujoco.mj_step(m, d)
    rate = n / (time.perf_counter() - t0)
    end = consumers.free_positions(m, d.qpos)
    drift = max((float(np.linalg.norm(end[k] - start[k])) for k in start if not k.startswith("robot_")), default=0.0)
    return rate, drift


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--robot", default=str(ROOT / "examples" / "robots" / "mobile.xml"))
    ap.add_argument("--worlds", default="1,64,1024")
    ap.add_argument("--examples", default="kitchen")
    ap.add_argument("--random", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--warp", action="store_true", help="also MuJoCo Warp (one copy, its default device)")
    ap.add_argument("--steps", type=int, default=100, help="MJX steps at one copy (fewer at many: 6400 world-steps)")
    args = ap.parse_args()
    worlds = [int(w) for w in args.worlds.split(",") if w]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_robot_") as tmp:
        work = Path(tmp)
        for name, layout in scenes(args, work):
            out = work / name
            t0 = time.perf_counter()
            build(layout, out)
            run_export(out / "scene.json", out, ["mjx"])
            build_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            placed = run_robot(out, args.robot)
            place_s = time.perf_counter() - t0
            run_robot(out, args.robot, RobotSettings(base=tuple(placed.placement.position[:2]) + (placed.placement.yaw,),
                                                        profile="mjx"))
            rate, drift = classic(out / "robot" / "scene.xml")
            rows.append((name, "classic MuJoCo", 1, None, rate, drift, build_s, place_s))
            if args.warp:
                run = consumers.isolated("mujoco_warp", out / "robot" / "scene.xml", steps=args.steps, keyframe="home")
                drift = max((v for k, v in run.drift.items() if not k.startswith("robot_")), default=0.0)
                rows.append((name, run.consumer[:16], 1, run.compile_s, run.steps_per_s, drift, None, None))
            for w in worlds:
                steps = max(5, min(args.steps, 6400 // w))
                try:
                    run = consumers.isolated("mjx", out / "robot_mjx" / "scene.xml", steps=steps, worlds=w, keyframe="home",
                                             timeout=3600)
                except RuntimeError as exc:  # out of memory at many copies: say so, keep going
                    rows.append((name, f"MJX ({str(exc)[:60]})", w, None, None, None, None, None))
                    continue
                scene_drift = max((v for k, v in run.drift.items() if not k.startswith("robot_")), default=0.0)
                rows.append((name, "MJX", w, run.compile_s, run.steps_per_s, scene_drift, None, None))
    print(f"robot: {args.robot}")
    print(f"{'scene':<14} {'simulator':<16} {'copies':>6} {'compile s':>9} {'world-steps/s':>13} {'drift mm':>8} "
          f"{'build s':>7} {'place s':>7}")
    for name, sim, w, comp, rate, drift, build_s, place_s in rows:
        def f(v, fmt):
            return format(v, fmt) if v is not None else "-"
        print(f"{name:<14} {sim:<16} {w:>6} {f(comp, '9.1f')} {f(rate, '13.1f')} {f(None if drift is None else drift * 1000, '8.2f')} "
              f"{f(build_s, '7.1f')} {f(place_s, '7.2f')}")
    classic_rate = {r[0]: r[4] for r in rows if r[1] == "classic MuJoCo"}
    for r in rows:
        if r[1] != "classic MuJoCo" and r[4] and classic_rate.get(r[0]):
            print(f"{r[0]} {r[1]} x{r[2]}: {r[4] / classic_rate[r[0]]:.3f}x classic MuJoCo's world-steps per second")


if __name__ == "__main__":
    main()
