"""Export benchmark: a 25-object scene to every installed format (warm caches), MJCF compile time,
and MuJoCo stepping speed with our convex colliders against the same scene with one box collider
per object (the baseline), in the same process.
Run: python benchmarks/bench_export.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import trimesh

from assets.registry import open_libraries
from exporters import available_formats, export_all
from exporters.mjcf import export_mjcf, validate_mjcf
from physics.stage import physical_bodies, simulate
from vipscene_sim import SceneObject, load_scene
from vipscene_sim.layout import refine_layout
from vipscene_sim.retrieve import Retriever, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        libs = open_libraries(tmp)
        scene = load_scene(ROOT / "examples" / "kitchen.json")
        scene = replace(scene, objects=scene.objects + [SceneObject("chair_x", "chair", [0.5, 0.45, 0.9], [1.0, 1.0, 0.45],
                                                                    dynamic=True)])
        scene = retrieve_scene(scene, Retriever(libs.libraries), libs)[0]
        scene = simulate(refine_layout(scene, libs)[0], libs, cache_dir=tmp)[0]
        bodies = physical_bodies(scene, libs, cache_dir=tmp)
        formats = available_formats()
        export_all(scene, libs, bodies, Path(tmp) / "warmup", formats, validate=False)
        t0 = time.perf_counter()
        physical_bodies(scene, libs, cache_dir=tmp)
        export_all(scene, libs, bodies, Path(tmp) / "out", formats, validate=False)
        total = time.perf_counter() - t0
        print(f"{'25 objects -> ' + ','.join(formats) + ' (warm)':<44} {total:>8.2f} s")

        ours = validate_mjcf(Path(tmp) / "out" / "mjcf" / "scene.xml", seconds=2.0)
        boxed = {}
        for oid, b in bodies.items():
            if b.hulls:
                v = np.vstack([h[0] for h in b.hulls])
                box = trimesh.creation.box(bounds=[v.min(axis=0), v.max(axis=0)])
                b = replace(b, hulls=[(np.asarray(box.vertices), np.asarray(box.faces))])
            boxed[oid] = b
        base_path = export_mjcf(scene, libs, boxed, Path(tmp) / "boxes")
        base = validate_mjcf(base_path, seconds=2.0)
        print(f"\n{'MJCF':<22} {'compile s':>9} {'geoms':>6} {'steps/s':>9} {'ratio':>6}")
        print(f"{'convex hulls (ours)':<22} {ours['compile_seconds']:>9.3f} {ours['geoms']:>6} {ours['steps_per_second']:>9.0f} "
              f"{ours['steps_per_second'] / base['steps_per_second']:>6.2f}")
        print(f"{'one box per object':<22} {base['compile_seconds']:>9.3f} {base['geoms']:>6} {base['steps_per_second']:>9.0f} {1.0:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
