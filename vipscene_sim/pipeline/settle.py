"""`vipscene settle SCENE.json --out OUT`: the physics stage alone on an existing scene."""

from __future__ import annotations

import time
from pathlib import Path

from .. import __version__
from ..atomic import atomic_write_text, output_folder
from ..scene import load_scene
from .stages import StageRecord, report_json, sha256_file, sha256_json


def run_settle(scene_path, out, cache_dir=None, asset_folders=(), objathor=None, allow_pickle=False) -> dict:
    """Settle a scene (objects without an asset are simulated as their boxes) and write
    OUT/scene.json and OUT/report.json."""
    from assets.registry import open_libraries
    from physics.stage import simulate

    scene_path = Path(scene_path)
    scene = load_scene(scene_path)
    out = output_folder(out)
    libraries = open_libraries(cache_dir, asset_folders, objathor, allow_pickle)
    t0 = time.perf_counter()
    settled, colliders, report = simulate(scene, libraries, cache_dir=libraries.get("builtin").cache_root)
    output_folder(out, create=True)
    atomic_write_text(out / "scene.json", settled.to_json())
    stages = [StageRecord("colliders", "ran", colliders["seconds"], None, [], details=colliders),
              StageRecord("settle", "ran", time.perf_counter() - t0 - colliders["seconds"],
                          sha256_json(settled.to_dict()), ["scene.json"], details=report)]
    meta = {"tool": {"name": "vipscene-sim", "version": __version__}, "command": "settle",
            "input": {"path": str(scene_path), "sha256": sha256_file(scene_path)}, "seed": settled.seed,
            "objects": len(settled.objects)}
    atomic_write_text(out / "report.json", report_json(meta, stages))
    return {"out": str(out), "name": settled.name, "settle": report["summary"],
            "colliders": {k: v["method"] for k, v in colliders["objects"].items()}}
