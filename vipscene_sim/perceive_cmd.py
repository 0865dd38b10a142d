"""`vipscene perceive INPUT --out OUT`: reconstruction -> perception -> lifting -> layout.json.

INPUT is a walkthrough folder written by `vipscene synth` (walkthrough.npz + instances.json);
the ``oracle`` backends read its ground truth and degrade it by a named noise level. Writes
OUT/geometry.npz, OUT/instances.npz (the stages' typed results), OUT/layout.json (a Scene
without assets, ready for `vipscene build`) and OUT/lift_report.json (what was recovered, what
was not and why, timings). Nothing is written when the input is unusable.
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import numpy as np

from .atomic import atomic_write_text, output_folder
from .errors import UserError
from .scene import dumps

RECONSTRUCTORS = ("oracle",)
PERCEIVERS = ("oracle",)
NOISE = ("none", "realistic", "harsh")


def read_walkthrough(folder: Path) -> tuple[dict, dict]:
    """The arrays of walkthrough.npz and the instance legend, or a UserError saying what is wrong."""
    if folder.is_file() or not folder.exists():
        what = "a video file" if folder.suffix.lower() in (".mp4", ".mov", ".avi", ".webm", ".mkv") else "not a folder"
        raise UserError(f"{folder}: {what}; the oracle backends read a walkthrough folder written by 'vipscene synth' "
                        "(reconstruction and perception models for videos are not part of this version)")
    npz = folder / "walkthrough.npz"
    if not npz.exists():
        raise UserError(f"{folder}: no walkthrough.npz; run 'vipscene synth SCENE.json --out {folder}' first")
    try:
        with np.load(npz, allow_pickle=False) as z:
            arrays = {k: z[k] for k in ("depth", "instances", "K", "cam_to_world")}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise UserError(f"{npz}: unreadable or incomplete ({type(exc).__name__}: {str(exc)[:80]}); re-run 'vipscene synth'")
    n = len(arrays["depth"])
    if n == 0 or arrays["depth"].ndim != 3:
        raise UserError(f"{npz}: holds no frames; re-run 'vipscene synth' with --frames 1 or more")
    if arrays["instances"].shape != arrays["depth"].shape or arrays["cam_to_world"].shape != (n, 4, 4):
        raise UserError(f"{npz}: depth, instances and cam_to_world disagree in shape; re-run 'vipscene synth'")
    if not np.isfinite(arrays["cam_to_world"]).all() or not np.isfinite(arrays["K"]).all():
        raise UserError(f"{npz}: camera poses or intrinsics are not finite")
    try:
        legend = json.loads((folder / "instances.json").read_text())
    except (OSError, ValueError) as exc:
        raise UserError(f"{folder / 'instances.json'}: unreadable ({type(exc).__name__}); re-run 'vipscene synth'")
    return arrays, legend


def run_perceive(input_path, out, reconstruct: str = "oracle", perceive: str = "oracle", noise: str = "none",
                 seed: int = 0) -> dict:
    from .lift import LiftSettings, lift
    from .perceive.oracle import NOISE_LEVELS as PERCEPTION_NOISE
    from .perceive.oracle import oracle_instances
    from .reconstruct.oracle import NOISE_LEVELS as GEOMETRY_NOISE
    from .reconstruct.oracle import oracle_geometry

    if reconstruct not in RECONSTRUCTORS or perceive not in PERCEIVERS:
        raise UserError(f"--reconstruct {reconstruct} --perceive {perceive}: only 'oracle' is available in this version")
    if noise not in NOISE:
        raise UserError(f"--noise {noise}: must be one of {', '.join(NOISE)}")
    folder, out = Path(input_path), output_folder(out)
    arrays, legend = read_walkthrough(folder)
    times = {}
    t0 = time.perf_counter()
    geometry = oracle_geometry(arrays, GEOMETRY_NOISE[noise], seed=seed)
    times["reconstruct"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    instances = oracle_instances(arrays["instances"], legend, PERCEPTION_NOISE[noise], seed=seed)
    times["perceive"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    scene, report = lift(geometry, instances, LiftSettings(), seed=seed, name=folder.resolve().name or "lifted")
    times["lift"] = time.perf_counter() - t0
    scene.provenance.models.update({"reconstruct": f"oracle ({noise} noise)", "perceive": f"oracle ({noise} noise)"})
    output_folder(out, create=True)
    geometry.save(out / "geometry.npz")
    instances.save(out / "instances.npz")
    report["input"] = str(folder)
    report["backends"] = {"reconstruct": reconstruct, "perceive": perceive, "noise": noise, "seed": seed}
    report["stage_seconds"] = {k: round(v, 4) for k, v in times.items()}
    atomic_write_text(out / "lift_report.json", dumps(report))
    scene.save(out / "layout.json")
    return {"out": str(out), "layout": str(out / "layout.json"), "frames": report["frames"],
            "objects": len(scene.objects), "walls": len(scene.room.floor), "openings": len(scene.room.openings),
            "not_lifted": len(report["not_lifted"]), "notes": report["room"]["notes"] + [report["floor"]["note"],
                                                                                     report["scale"]["note"]],
            "seconds": report["stage_seconds"]}
