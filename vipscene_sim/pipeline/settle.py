"""`vipscene settle SCENE.json --out OUT`: the physics stage alone on an existing scene."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from ..atomic import atomic_write_text, output_folder
from ..hashing import sha256_file, sha256_json
from ..scene import load_scene
from .libraries import LibraryOptions
from .stages import StageRecord, report_json


@dataclass
class SettleResult:
    """What `run_settle` wrote: the settled scene's summary and each object's collider method."""

    out: str
    name: str
    settle: dict
    """The physics report's summary: dynamic objects, stable ones, unstable ids, deepest penetration."""
    colliders: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def run_settle(scene_path, out, libraries: LibraryOptions = LibraryOptions()) -> SettleResult:
    """Settle a scene (objects without an asset are simulated as their boxes) and write
    OUT/scene.json and OUT/report.json."""
    from physics.stage import simulate

    scene_path = Path(scene_path)
    scene = load_scene(scene_path)
    out = output_folder(out)
    libs = libraries.open()
    t0 = time.perf_counter()
    from ..retrieve.stage import check_asset_references

    check_asset_references(scene, libs)
    settled, colliders, report = simulate(scene, libs, cache_dir=libs.get("builtin").cache_root)
    output_folder(out, create=True)
    atomic_write_text(out / "scene.json", settled.to_json())
    stages = [StageRecord("colliders", "ran", colliders["seconds"], None, [], details=colliders),
              StageRecord("settle", "ran", time.perf_counter() - t0 - colliders["seconds"],
                          sha256_json(settled.to_dict()), ["scene.json"], details=report)]
    meta = {"tool": {"name": "vipscene-sim", "version": __version__}, "command": "settle",
            "input": {"path": str(scene_path), "sha256": sha256_file(scene_path)}, "seed": settled.seed,
            "objects": len(settled.objects), "asset_failures": dict(sorted(libs.failures.items()))}
    atomic_write_text(out / "report.json", report_json(meta, stages))
    return SettleResult(str(out), settled.name, report["summary"],
                        {k: v["method"] for k, v in colliders["objects"].items()})
