"""The ``depth_sfm`` reconstruction backend, PyPI only: monocular metric depth per frame
(transformers) plus camera poses and intrinsics from structure from motion (pycolmap).

SfM gives poses up to scale; the depth model gives metres but errs by a different factor in every
frame. Both are reconciled on the SfM points: the global scale is the median ratio of model depth to
SfM depth over all observations, and each frame's depth map is then rescaled so that it agrees with
the multi-view geometry at its own observations (the median, bounded). Frames SfM did not register
keep no depth.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..errors import UserError
from .depth_model import DepthModel, DepthModelSettings
from .geometry import Geometry
from .sfm import SfmResult, SfmSettings, run_sfm

MIN_OBSERVATIONS = 20  # a frame's own depth correction needs at least this many SfM points
MAX_CORRECTION = 1.4  # a per-frame depth factor beyond this (or its inverse) is clamped
EDGE = 0.05  # an SfM point whose 3x3 depth neighbourhood varies more than this (relative) is on an edge


@dataclass(frozen=True)
class DepthSfmSettings:
    depth: DepthModelSettings = field(default_factory=DepthModelSettings)
    sfm: SfmSettings = field(default_factory=SfmSettings)


def align_scale(depth: np.ndarray, sfm: SfmResult) -> tuple[float, np.ndarray, int]:
    """Metres per SfM unit, and each frame's depth factor (1 where a frame has too few points).
    Returns (scale, (N,) factors, observations used)."""
    ratios, per_frame = [], []
    h, w = depth.shape[1:]
    for k, (uv, z) in enumerate(sfm.observations):
        if not sfm.registered[k] or not len(z):
            per_frame.append(np.zeros(0))
            continue
        col = np.clip(uv[:, 0].astype(int), 1, w - 2)
        row = np.clip(uv[:, 1].astype(int), 1, h - 2)
        # features sit on corners and edges, where the depth map jumps between near and far: a
        # pixel off and the ratio is wrong, so only points on smooth depth are used
        near = np.stack([depth[k, row + dr, col + dc] for dr in (-1, 0, 1) for dc in (-1, 0, 1)])
        d = near[4]
        ok = (d > 0) & (z > 0) & (near.min(0) > 0) & (np.ptp(near, axis=0) <= EDGE * d)
        r = d[ok] / z[ok]
        per_frame.append(r)
        ratios.append(r)
    allr = np.concatenate(ratios) if ratios else np.zeros(0)
    if len(allr) < MIN_OBSERVATIONS:
        raise UserError(f"structure from motion left only {len(allr)} points with a depth to fix the scale; "
                        "the video needs more texture or more frames")
    scale = float(np.median(allr))
    factors = np.ones(len(depth))
    for k, r in enumerate(per_frame):
        if len(r) >= MIN_OBSERVATIONS:
            factors[k] = float(np.clip(scale / np.median(r), 1 / MAX_CORRECTION, MAX_CORRECTION))
    return scale, factors, len(allr)


def depth_sfm_geometry(frames: np.ndarray, settings: DepthSfmSettings = DepthSfmSettings(), depth_model=None,
                       progress=None) -> tuple[Geometry, dict]:
    """(N, H, W, 3) uint8 frames -> metric Geometry and a report (SfM summary, scale, per-frame
    corrections, timings). ``depth_model``: an already loaded DepthModel (tests, batch runs)."""
    t0 = time.perf_counter()
    sfm = run_sfm(frames, settings.sfm)
    t1 = time.perf_counter()
    model = depth_model or DepthModel(settings.depth)
    depth = model.predict(frames, progress)
    t2 = time.perf_counter()
    scale, factors, used = align_scale(depth, sfm)
    depth = depth * factors[:, None, None].astype(np.float32)
    depth[~sfm.registered] = 0.0
    poses = sfm.cam_to_world.copy()
    poses[:, :3, 3] *= scale
    conf = (depth > 0).astype(np.float32)
    n = len(frames)
    geometry = Geometry(depth.astype(np.float32), conf, np.repeat(sfm.K[None], n, axis=0), poses, True, "depth_sfm")
    report = {
        "backend": "depth_sfm", "depth_model": model.settings.model, "depth_revision": model.settings.revision,
        "device": model.device, "sfm": sfm.summary(), "scale_m_per_unit": round(scale, 5),
        "scale_observations": used,
        "frame_depth_factor": {"median": round(float(np.median(factors)), 4), "min": round(float(factors.min()), 4),
                               "max": round(float(factors.max()), 4)},
        "unregistered_frames": [int(k) for k in np.nonzero(~sfm.registered)[0]],
        "seconds": {"sfm": round(t1 - t0, 3), "depth": round(t2 - t1, 3)},
    }
    return geometry, report
