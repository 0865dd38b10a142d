"""Scene load/validate/save throughput against plain `json` in the same process.

Prints a table: seconds per operation for a scene with N objects and the ratio to json.loads /
json.dumps of the same document (the floor any reader pays). Run: python benchmarks/bench_scene_io.py
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
import time
from pathlib import Path

from vipscene_sim import Room, Scene, SceneObject, Support
from vipscene_sim.geometry.pose import yaw_to_quat


def make_scene(n: int) -> Scene:
    side = max(4.0, math.sqrt(n) * 1.2)
    objs = []
    for i in range(n):
        x, y = 0.6 + (i % int(side)) * 1.0, 0.6 + (i // int(side)) * 1.0
        support = Support("floor") if i % 3 else Support("on", f"o{i - 1}") if i else Support("floor")
        objs.append(SceneObject(id=f"o{i}", category="box", size=[0.5, 0.5, 0.5], position=[x, y, 0.25],
                                quaternion=yaw_to_quat(0.1 * i), support=support))
    return Scene(name="bench", room=Room(floor=[[0, 0], [side + 2, 0], [side + 2, side + 2], [0, side + 2]]), objects=objs)


def timeit(fn, repeat: int = 5) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (25, 250, 2500):
            scene = make_scene(n)
            text = scene.to_json()
            path = Path(tmp) / f"s{n}.json"
            base_load = timeit(lambda: json.loads(text))
            base_dump = timeit(lambda: json.dumps(scene.to_dict()))
            load = timeit(lambda: Scene.from_json(text))
            save = timeit(lambda: scene.save(path))
            rows.append((n, load, load / base_load, save, save / base_dump))
    print(f"{'objects':>8} {'load+validate s':>16} {'x json.loads':>13} {'atomic save s':>14} {'x json.dumps':>13}")
    for n, load, rl, save, rs in rows:
        print(f"{n:>8} {load:>16.4f} {rl:>13.1f} {save:>14.4f} {rs:>13.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
