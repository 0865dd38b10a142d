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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_text, output_folder
from ..errors import UserError
from ..ml import split_model_ref
from ..perceive import PERCEIVERS
from ..reconstruct import RECONSTRUCTORS, choose_reconstructor
from ..scene import dumps
from ..vlm import VlmSettings

NOISE = ("none", "realistic", "harsh")


MIN_SIDE = 48  # pixels: smaller frames carry too little for the depth, detection and SfM models


@dataclass(frozen=True)
class PerceiveOptions:
    reconstruct: str = "auto"
    perceive: str = "auto"
    noise: str = "none"
    """Oracle noise level (oracle backends only)."""
    seed: int = 0
    max_frames: int = 60
    """Frames used, evenly spaced over the input."""
    prompt: str | None = None
    """The room description: the objects it names lead the detection vocabulary."""
    vocab: tuple[str, ...] = ()
    catalog: bool = True
    track: str = "3d"
    detect_every: int = 0
    device: str = "auto"
    precision: str = "auto"
    depth_model: str | None = None
    """Model ids, each optionally ``ID@REVISION``; None keeps the backend's default."""
    detector: str | None = None
    segmenter: str | None = None
    vggt_model: str | None = None
    box_threshold: float | None = None
    text_threshold: float | None = None
    nms_iou: float | None = None
    max_detections: int | None = None
    batch_size: int | None = None
    fov_deg: float | None = None
    """Known horizontal field of view of the video (degrees); SfM keeps the focal length fixed."""
    max_objects: int = 150
    """Lift at most this many objects, the most confident."""
    vlm: VlmSettings = field(default_factory=VlmSettings)


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


class Models:
    """The models a run needs, loaded up front (or given: tests pass tiny ones, batch runs reuse)."""

    def __init__(self, opts: PerceiveOptions, reconstruct: str, perceive: str, depth=None, perceiver=None,
                 chat=None, vggt=None):
        from ..reconstruct.depth_model import DepthModelSettings
        from ..reconstruct.sfm import SfmSettings

        self.depth = self.perceiver = self.chat = None
        self.vggt = vggt
        dev = {"device": opts.device, "precision": opts.precision}
        if reconstruct == "depth_sfm":
            from ..reconstruct.depth_model import DepthModel

            model, rev = split_model_ref(opts.depth_model, DepthModelSettings.model)
            ds = DepthModelSettings(model=model, revision=rev, **dev)
            if opts.batch_size:
                ds = replace(ds, batch_size=opts.batch_size)
            self.depth = depth or DepthModel(ds)
        self.sfm = SfmSettings(seed=opts.seed)
        if reconstruct == "vggt":
            from ..reconstruct.vggt import VggtSettings, require_vggt

            if vggt is None:
                require_vggt()
            model, rev = split_model_ref(opts.vggt_model, VggtSettings.model)
            self.vggt_settings = VggtSettings(model=model, revision=rev, max_frames=opts.max_frames, **dev)
        if perceive == "gdino_sam2":
            from ..perceive.detect import DetectorSettings
            from ..perceive.gdino_sam2 import Perceiver, PerceptionSettings
            from ..perceive.segment import SegmenterSettings

            dm, drev = split_model_ref(opts.detector, DetectorSettings.model)
            sm, srev = split_model_ref(opts.segmenter, SegmenterSettings.model)
            det = DetectorSettings(model=dm, revision=drev, **dev)
            det = replace(det, **{k: v for k, v in (("box_threshold", opts.box_threshold),
                                                    ("text_threshold", opts.text_threshold),
                                                    ("nms_iou", opts.nms_iou), ("batch_size", opts.batch_size),
                                                    ("max_detections", opts.max_detections))
                                  if v is not None})
            ps = PerceptionSettings(detector=det, segmenter=SegmenterSettings(model=sm, revision=srev, **dev),
                                    tracker=opts.track, detect_every=opts.detect_every)
            self.perceiver = perceiver or Perceiver(ps)
            if chat is None and opts.vlm.backend != "none":
                from ..vlm import make_chat

                chat = make_chat(replace(opts.vlm, device=opts.device, precision=opts.precision))
            self.chat = chat


def run_perceive(input_path, out, opts: PerceiveOptions = PerceiveOptions(),
                 models: Models | Callable[[], Models] | None = None, progress=None) -> dict:
    from ..lift import LiftSettings, lift

    if opts.reconstruct not in RECONSTRUCTORS:
        raise UserError(f"--reconstruct {opts.reconstruct}: must be one of {', '.join(RECONSTRUCTORS)}")
    if opts.perceive not in PERCEIVERS:
        raise UserError(f"--perceive {opts.perceive}: must be one of {', '.join(PERCEIVERS)}")
    if opts.noise not in NOISE:
        raise UserError(f"--noise {opts.noise}: must be one of {', '.join(NOISE)}")
    if not 1 <= opts.max_objects <= 10_000:
        raise UserError(f"--max-objects {opts.max_objects}: must be between 1 and 10000")
    if opts.max_frames < 1:
        raise UserError(f"--max-frames {opts.max_frames}: must be 1 or more")
    reconstruct = choose_reconstructor(opts.reconstruct)
    perceive = "gdino_sam2" if opts.perceive == "auto" else opts.perceive
    folder, out = Path(input_path), output_folder(out)
    uses_oracle = "oracle" in (reconstruct, perceive)
    uses_models = reconstruct != "oracle" or perceive != "oracle"
    arrays = legend = video = None
    if uses_oracle:
        arrays, legend = read_walkthrough(folder)
        from ..video.io import evenly_spaced

        keep = evenly_spaced(len(arrays["depth"]), opts.max_frames)
        arrays = {k: (v[keep] if k != "K" or v.ndim == 3 else v) for k, v in arrays.items()}
    if uses_models:
        from ..video import read_video

        video = read_video(folder, opts.max_frames)
        if min(video.size) < MIN_SIDE:
            raise UserError(f"{folder}: frames of {video.size[1]}x{video.size[0]} pixels are too small to reconstruct "
                            f"and detect objects in (at least {MIN_SIDE} pixels a side)")
        if arrays is not None and video.frames.shape[:3] != arrays["depth"].shape:
            raise UserError(f"{folder}: frames/rgb_*.png and walkthrough.npz disagree (re-run 'vipscene synth')")
    # a factory defers loading until the input has been checked (generate passes its shared models so)
    models = (models() if callable(models) else models) or Models(opts, reconstruct, perceive)
    times, report_parts = {}, {}

    def step(name):
        return (lambda i, n: progress(name, i, n)) if progress else None

    t0 = time.perf_counter()
    if reconstruct == "oracle":
        from ..reconstruct.oracle import NOISE_LEVELS, oracle_geometry

        geometry = oracle_geometry(arrays, NOISE_LEVELS[opts.noise], seed=opts.seed)
        report_parts["reconstruction"] = {"backend": "oracle", "noise": opts.noise}
    elif reconstruct == "depth_sfm":
        from ..reconstruct.depth_sfm import DepthSfmSettings, depth_sfm_geometry

        sfm = models.sfm
        if opts.fov_deg:
            w = video.size[1]
            sfm = replace(sfm, focal_px=0.5 * w / np.tan(np.radians(opts.fov_deg) / 2))
        geometry, report_parts["reconstruction"] = depth_sfm_geometry(
            video.frames, DepthSfmSettings(depth=models.depth.settings, sfm=sfm), models.depth, step("depth"))
    else:
        from ..reconstruct.vggt import vggt_geometry

        geometry, report_parts["reconstruction"] = vggt_geometry(video.frames, models.vggt_settings, models.vggt)
    times["reconstruct"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if perceive == "oracle":
        from ..perceive.oracle import NOISE_LEVELS, oracle_instances

        instances = oracle_instances(arrays["instances"], legend, NOISE_LEVELS[opts.noise], seed=opts.seed)
        report_parts["perception"] = {"backend": "oracle", "noise": opts.noise}
    else:
        from ..perceive.vocabulary import VocabularySettings, build_vocabulary

        terms, vocab_report = build_vocabulary(opts.prompt, VocabularySettings(catalog=opts.catalog, extra=opts.vocab),
                                               models.chat, video.frames)
        instances, report_parts["perception"] = models.perceiver.run(video.frames, terms, geometry, opts.seed,
                                                                     step("detect"))
        report_parts["perception"]["vocabulary"] = vocab_report
    times["perceive"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    name = folder.resolve().stem if folder.is_file() else (folder.resolve().name or "lifted")
    scene, report = lift(geometry, instances, LiftSettings(max_objects=opts.max_objects), seed=opts.seed, name=name)
    times["lift"] = time.perf_counter() - t0
    scene.provenance.prompt = opts.prompt or scene.provenance.prompt
    scene.provenance.models.update(_model_names(report_parts, opts))
    output_folder(out, create=True)
    geometry.save(out / "geometry.npz")
    instances.save(out / "instances.npz")
    report["input"] = str(folder)
    report["frames_used"] = list(video.indices) if video is not None else list(range(len(geometry.depth)))
    report["backends"] = {"reconstruct": reconstruct, "perceive": perceive, "noise": opts.noise, "seed": opts.seed,
                          "requested": {"reconstruct": opts.reconstruct, "perceive": opts.perceive}}
    report.update(report_parts)
    report["stage_seconds"] = {k: round(v, 4) for k, v in times.items()}
    atomic_write_text(out / "lift_report.json", dumps(report))
    scene.save(out / "layout.json")
    return {"out": str(out), "layout": str(out / "layout.json"), "frames": report["frames"],
            "reconstruct": reconstruct, "perceive": perceive,
            "objects": len(scene.objects), "walls": len(scene.room.floor), "openings": len(scene.room.openings),
            "not_lifted": len(report["not_lifted"]), "notes": report["room"]["notes"] + [report["floor"]["note"],
                                                                                     report["scale"]["note"]],
            "seconds": report["stage_seconds"]}


def _model_names(parts: dict, opts: PerceiveOptions) -> dict:
    r, p = parts["reconstruction"], parts["perception"]
    out = {}
    if r["backend"] == "oracle":
        out["reconstruct"] = f"oracle ({opts.noise} noise)"
    elif r["backend"] == "depth_sfm":
        out["reconstruct"] = f"depth_sfm: {r['depth_model']} + pycolmap"
    else:
        out["reconstruct"] = f"vggt: {r['model']}"
    if p["backend"] == "oracle":
        out["perceive"] = f"oracle ({opts.noise} noise)"
    else:
        out["perceive"] = f"{p['detector']} + {p['segmenter']} ({p['tracker']} tracking)"
    return out
