"""`vipscene perceive INPUT --out OUT`: reconstruction -> perception -> lifting -> layout.json.

INPUT is a video file, a folder of frames, or a walkthrough folder written by `vipscene synth`.
Reconstruction backends: ``vggt``, ``depth_sfm`` (``auto``: vggt when installed, else depth_sfm) and
``oracle``; perception: ``gdino_sam2`` (``auto``) and ``oracle``. The oracles read a synth folder's
ground truth and degrade it by a named noise level. Models are loaded before anything long runs, so
a missing model or extra is one line and exit 2 at once.

Writes OUT/geometry.npz, OUT/instances.npz (the stages' typed results), OUT/layout.json (a Scene
without assets, ready for `vipscene build`) and OUT/lift_report.json (the backends, models and
settings used; what was recovered, what was not and why; timings). Nothing is written when the
input is unusable.
"""

from __future__ import annotations

import json
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_text, output_folder
from ..errors import UserError
from ..ml import ModelHolder
from ..perceive import PERCEIVERS, choose_perceiver
from ..perceive_options import PerceiveOptions
from ..reconstruct import RECONSTRUCTORS, Source, choose_reconstructor
from ..reconstruct.oracle import NOISE_LEVELS
from ..scene import dumps
from ..transaction import output_transaction

MIN_SIDE = 48  # pixels: smaller frames carry too little for the depth, detection and SfM models


def read_walkthrough(folder: Path) -> tuple[dict, dict]:
    """The arrays of walkthrough.npz and the instance legend, or a UserError saying what is wrong."""
    if folder.is_file() or not folder.exists():
        what = "a video file" if folder.is_file() else "not a folder"
        raise UserError(f"{folder}: {what}; the oracle backends read a walkthrough folder written by 'vipscene synth' "
                        "(use --reconstruct depth_sfm/vggt and --perceive gdino_sam2 for videos)")
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


@dataclass
class PerceiveResult:
    """What `run_perceive` wrote and found (the ``--json`` summary)."""

    out: str
    layout: str
    frames: int
    reconstruct: str
    perceive: str
    objects: int
    walls: int
    openings: int
    not_lifted: int
    notes: list[str]
    seconds: dict[str, float]
    fallback: str | None = None
    """Why reconstruction fell back to a single view (None: it did not)."""

    def to_dict(self) -> dict:
        return asdict(self)


def run_perceive(input_path, out, opts: PerceiveOptions = PerceiveOptions(), models: ModelHolder | None = None,
                 progress=None) -> PerceiveResult:
    """Reconstruct, perceive and lift INPUT into OUT (see the module docstring). ``models``: the
    run's model holder (generate and batch runs share one; tests seed it with tiny models)."""
    from ..lift import LiftSettings, lift

    # 1. Check the options and choose the backends.
    reconstruct = choose_reconstructor(opts.reconstruct)
    perceive = choose_perceiver(opts.perceive)
    if opts.noise not in NOISE_LEVELS:  # the oracles' noise levels (perception's has the same names)
        raise UserError(f"--noise {opts.noise}: must be one of {', '.join(NOISE_LEVELS)}")
    if not 1 <= opts.max_objects <= 10_000:
        raise UserError(f"--max-objects {opts.max_objects}: must be between 1 and 10000")
    if opts.max_frames < 1:
        raise UserError(f"--max-frames {opts.max_frames}: must be 1 or more")
    recon, perc = RECONSTRUCTORS.load(reconstruct), PERCEIVERS.load(perceive)
    folder, out = Path(input_path), output_folder(out)

    # 2. Read the input each backend needs.
    source = Source()
    if "walkthrough" in (recon.inputs, perc.inputs):
        arrays, source.legend = read_walkthrough(folder)
        from ..video.io import evenly_spaced

        keep = evenly_spaced(len(arrays["depth"]), opts.max_frames)
        source.walkthrough = {k: (v[keep] if k != "K" or v.ndim == 3 else v) for k, v in arrays.items()}
    video = None
    if "video" in (recon.inputs, perc.inputs):
        from ..video import read_video

        video = read_video(folder, opts.max_frames)
        if min(video.size) < MIN_SIDE:
            raise UserError(f"{folder}: frames of {video.size[1]}x{video.size[0]} pixels are too small to reconstruct "
                            f"and detect objects in (at least {MIN_SIDE} pixels a side)")
        if source.walkthrough is not None and video.frames.shape[:3] != source.walkthrough["depth"].shape:
            raise UserError(f"{folder}: frames/rgb_*.png and walkthrough.npz disagree (re-run 'vipscene synth')")
        source.frames = video.frames

    # 3. Models load before anything long runs: a missing model is one line, at once.
    models = models if models is not None else ModelHolder()
    recon.load(opts, models)
    perc.load(opts, models)

    def step(name):
        return (lambda i, n: progress(name, i, n)) if progress else None

    # 4. Reconstruction, perception, lifting.
    times = {}
    t0 = time.perf_counter()
    geometry, rec_report = recon.run(source, opts, models, step("depth"))
    times["reconstruct"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    instances, perc_report = perc.run(source, geometry, opts, models, step("detect"))
    times["perceive"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    name = folder.resolve().stem if folder.is_file() else (folder.resolve().name or "lifted")
    scene, report = lift(geometry, instances, LiftSettings(max_objects=opts.max_objects), seed=opts.seed, name=name)
    times["lift"] = time.perf_counter() - t0

    # 5. Write the stages' results, the report and the layout (last: its presence means done).
    scene.provenance.prompt = opts.prompt or scene.provenance.prompt
    scene.provenance.models.update({"reconstruct": recon.describe(rec_report), "perceive": perc.describe(perc_report)})
    report["input"] = str(folder)
    report["frames_used"] = list(video.indices) if video is not None else list(range(len(geometry.depth)))
    report["backends"] = {"reconstruct": reconstruct, "perceive": perceive, "noise": opts.noise, "seed": opts.seed,
                          "requested": {"reconstruct": opts.reconstruct, "perceive": opts.perceive}}
    report["reconstruction"], report["perception"] = rec_report, perc_report
    report["stage_seconds"] = {k: round(v, 4) for k, v in times.items()}
    with output_transaction(out) as staging:  # the four files land together or not at all
        geometry.save(staging / "geometry.npz")
        instances.save(staging / "instances.npz")
        atomic_write_text(staging / "lift_report.json", dumps(report))
        scene.save(staging / "layout.json")
    return PerceiveResult(out=str(out), layout=str(out / "layout.json"), frames=report["frames"],
                          reconstruct=reconstruct, perceive=perceive, objects=len(scene.objects),
                          walls=len(scene.room.floor), openings=len(scene.room.openings),
                          not_lifted=len(report["not_lifted"]),
                          notes=report["room"]["notes"] + [report["floor"]["note"], report["scale"]["note"]],
                          seconds=report["stage_seconds"], fallback=rec_report.get("fallback"))
