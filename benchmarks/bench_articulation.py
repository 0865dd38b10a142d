"""Articulated furniture: joints per category, how long each door, drawer and lid takes to open
and close in MuJoCo, and what articulation costs a simulated kitchen.

Tables:

1. Per category of the built-in library: variants, joints, and the simulated seconds a position
   actuator (the same gain rule as the tests) needs to bring every joint of a variant to 95 % of
   its range and back to 5 % (median and worst over the category's variants), with the wall
   time of that simulation.
2. Kitchens: the example kitchen and ``--kitchens N`` random kitchens (`vipscene random-room`),
   retrieved, refined and settled, exported to MJCF twice in the same process: with their joints,
   and with articulation off (every object rigid, the same meshes). Steps per second of each over
   ``--seconds`` of simulation and their ratio. Aim: articulated / rigid >= 0.5.

Run: python benchmarks/bench_articulation.py [--kitchens N] [--seed S] [--seconds T]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import mujoco
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets.registry import open_libraries  # noqa: E402
from exporters.mjcf import export_mjcf, joint_name  # noqa: E402
from physics.stage import PhysicsSettings, physical_bodies, simulate  # noqa: E402
from vipscene_sim import Room, Scene, SceneObject, load_scene  # noqa: E402
from vipscene_sim.layout import refine_layout  # noqa: E402
from vipscene_sim.retrieve import Retriever, retrieve_scene  # noqa: E402
from vipscene_sim.scene import AssetRef  # noqa: E402


def kp(mass: float, limits) -> float:
    """The tests' actuator gain: holds a part against its weight within 2 % of its range."""
    return 200.0 * (1.0 + mass) + 2.5 * mass * 9.81 / (0.02 * (limits[1] - limits[0]))


def _with_actuators(xml: Path, links: dict) -> mujoco.MjModel:
    root = etree.parse(str(xml)).getroot()
    act = etree.SubElement(root, "actuator")
    for name, lk in links.items():
        lo, hi = lk.joint.limits
        etree.SubElement(act, "position", name=f"drive_{name}", joint=name, kp=f"{kp(lk.mass.mass, (lo, hi)):.6g}",
                         dampratio="1", ctrlrange=f"{lo:.6g} {hi:.6g}")
    out = xml.with_name("driven.xml")
    out.write_bytes(etree.tostring(root))
    return mujoco.MjModel.from_xml_path(str(out))


def open_close_seconds(libs, info, folder: Path) -> tuple[float, float]:
    """Simulated seconds to open every joint of one asset to 95 % and close it to 5 %; wall s."""
    obj = SceneObject("obj", info.category, list(info.size), [0.0, 0.0, info.size[2] / 2 + 1e-4],
                      asset=AssetRef(info.library, info.id), dynamic=info.dynamic, mass=info.mass)
    scene = Scene("one", Room([[-3, -3], [3, -3], [3, 3], [-3, 3]]), [obj])
    bodies = physical_bodies(scene, libs)
    links = {joint_name("obj", lk.joint.name): lk for lk in bodies["obj"].links}
    model = _with_actuators(export_mjcf(scene, libs, bodies, folder), links)
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    adr = {n: model.jnt_qposadr[model.joint(n).id] for n in links}
    t_wall, t_sim = time.perf_counter(), 0.0
    for phase in (1, 0):
        for n, lk in links.items():
            data.ctrl[model.actuator(f"drive_{n}").id] = lk.joint.limits[phase]
        def done() -> bool:
            out = True
            for n, lk in links.items():
                lo, hi = lk.joint.limits
                f = (data.qpos[adr[n]] - lo) / (hi - lo)
                out &= f >= 0.95 if phase else f <= 0.05
            return out
        start = data.time
        while not done() and data.time - start < 5.0:
            mujoco.mj_step(model, data)
        t_sim += data.time - start
    return t_sim, time.perf_counter() - t_wall


def steps_per_second(xml: Path, seconds: float) -> float:
    model = mujoco.MjModel.from_xml_path(str(xml))
    data = mujoco.MjData(model)
    steps = int(seconds / model.opt.timestep)
    t0 = time.perf_counter()
    for _ in range(steps):
        mujoco.mj_step(model, data)
    return steps / (time.perf_counter() - t0)


def kitchens(n: int, seed: int) -> list[tuple[str, Scene]]:
    from vipscene_sim.synth.rooms import random_room

    out = [("examples/kitchen.json", load_scene(ROOT / "examples" / "kitchen.json"))]
    out += [(f"random kitchen {seed + k}", random_room(seed + k, kind="kitchen")) for k in range(n)]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kitchens", type=int, default=3, help="random kitchens besides the example (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=3.0, help="simulated seconds per steps/s measurement")
    args = ap.parse_args(argv)
    libs = open_libraries()
    builtin = libs.get("builtin")
    tmp = Path(tempfile.mkdtemp(prefix="bench_articulation_"))

    print("| category | variants | joints | open + close, sim s (median / worst) | wall s |")
    print("|---|---|---|---|---|")
    by_cat: dict[str, list] = {}
    for info in builtin.infos():
        if info.joints:
            by_cat.setdefault(info.category, []).append(info)
    for cat, infos in sorted(by_cat.items()):
        times = [open_close_seconds(libs, i, tmp / i.id) for i in infos]
        sim = [t for t, _ in times]
        print(f"| {cat} | {len(infos)} | {sum(len(i.joints) for i in infos)} | {statistics.median(sim):.2f} / {max(sim):.2f} "
              f"| {sum(w for _, w in times):.2f} |")

    print()
    print("| kitchen | objects | joints | steps/s articulated | steps/s rigid | ratio |")
    print("|---|---|---|---|---|---|")
    ratios = []
    for k, (name, scene) in enumerate(kitchens(args.kitchens, args.seed)):
        scene = retrieve_scene(scene, Retriever(libs.libraries), libs)[0]
        scene = simulate(refine_layout(scene, libs)[0], libs)[0]
        rates = {}
        for articulated in (True, False):
            bodies = physical_bodies(scene, libs, PhysicsSettings(articulation=articulated))
            xml = export_mjcf(scene, libs, bodies, tmp / f"kitchen_{k}_{articulated}")
            rates[articulated] = steps_per_second(xml, args.seconds)
            if articulated:
                joints = sum(len(b.links) for b in bodies.values())
        ratio = rates[True] / rates[False]
        ratios.append(ratio)
        print(f"| {name} | {len(scene.objects)} | {joints} | {rates[True]:.0f} | {rates[False]:.0f} | {ratio:.2f} |")
    print(f"\nworst ratio {min(ratios):.2f} (aim >= 0.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
