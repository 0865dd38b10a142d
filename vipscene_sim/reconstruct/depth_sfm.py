"""The ``depth_sfm`` reconstruction backend, PyPI only: monocular metric depth per frame
(transformers) plus camera poses and intrinsics from structure from motion (pycolmap).

SfM gives poses up to scale; the depth model gives metres but errs by a different factor in every
frame. Both are reconciled on the SfM points: the global scale is the median ratio of model depth to
SfM depth over all observations, and each frame's depth map is then rescaled so that it agrees with
the multi-view geometry at its own observations (the median, bounded). Frames SfM did not register
keep no depth.

When structure from motion fails (a pure rotation, as in a pan from the doorway; a textureless or
generated video it cannot match), the result falls back to a single view: the middle frame's
metric depth from a level camera at ``eye_height``, with the focal length from ``--fov`` or a
60-degree horizontal field of view. The report says so and why; lifting then recovers what one
view shows.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from ..errors import UserError
from .depth_model import DepthModel, DepthModelSettings
from .geometry import Geometry
from .sfm import SfmResult, SfmSettings, require_pycolmap, run_sfm

MIN_OBSERVATIONS = 20  # a frame's own depth correction needs at least this many SfM points
MAX_CORRECTION = 1.4  # a per-frame depth factor beyond this (or its inverse) is clamped
EDGE = 0.05  # an SfM point whose 3x3 depth neighbourhood varies more than this (relative) is on an edge


@dataclass(frozen=True)
class DepthSfmSettings:
    depth: DepthModelSettings = field(default_factory=DepthModelSettings)
    sfm: SfmSettings = field(default_factory=SfmSettings)
    single_view_fallback: bool = True
    """Fall back to one frame's depth when SfM fails (else the failure is the user's error)."""
    fallback_hfov_deg: float = 60.0
    """Horizontal field of view assumed by the fallback when no focal length is known."""
    eye_height: float = 1.5
    """Camera height (m) the fallback assumes."""


@dataclass
class DepthSfmReport:
    """What a depth_sfm reconstruction did. Every key is always there: ``sfm`` and the scale are
    None when structure from motion failed, ``fallback`` (and the assumed focal length) None when
    it registered."""

    depth_model: str
    depth_revision: str | None
    device: str
    unregistered_frames: list[int]
    seconds: dict[str, float]
    sfm: dict | None = None
    """`SfmResult.summary()`: registered frames, focal length, points, reprojection error."""
    scale_m_per_unit: float | None = None
    scale_observations: int = 0
    frame_depth_factor: dict[str, float] | None = None
    fallback: str | None = None
    """Why only one view was lifted (None: SfM registered the video)."""
    focal_px: float | None = None
    focal_from: str | None = None
    backend: str = "depth_sfm"

    def to_dict(self) -> dict:
        return asdict(self)


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
                       progress=None) -> tuple[Geometry, DepthSfmReport]:
    """(N, H, W, 3) uint8 frames -> metric Geometry and a report (SfM summary, scale, per-frame
    corrections, timings). ``depth_model``: an already loaded DepthModel (tests, batch runs)."""
    t0 = time.perf_counter()
    require_pycolmap()  # a missing package is the user's to fix, not a reason to fall back
    model = depth_model or DepthModel(settings.depth)
    try:
        sfm = run_sfm(frames, settings.sfm)
        t1 = time.perf_counter()
        depth = model.predict(frames, progress)
        t2 = time.perf_counter()
        scale, factors, used = align_scale(depth, sfm)
    except UserError as exc:
        if not settings.single_view_fallback:
            raise
        return single_view_geometry(frames, settings, model, str(exc), time.perf_counter() - t0)
    depth = depth * factors[:, None, None].astype(np.float32)
    depth[~sfm.registered] = 0.0
    poses = sfm.cam_to_world.copy()
    poses[:, :3, 3] *= scale
    conf = (depth > 0).astype(np.float32)
    n = len(frames)
    geometry = Geometry(depth.astype(np.float32), conf, np.repeat(sfm.K[None], n, axis=0), poses, True, "depth_sfm")
    report = DepthSfmReport(
        depth_model=model.settings.model, depth_revision=model.settings.revision, device=model.device,
        unregistered_frames=[int(k) for k in np.nonzero(~sfm.registered)[0]],
        seconds={"sfm": round(t1 - t0, 3), "depth": round(t2 - t1, 3)},
        sfm=sfm.summary(), scale_m_per_unit=round(scale, 5), scale_observations=used,
        frame_depth_factor={"median": round(float(np.median(factors)), 4), "min": round(float(factors.min()), 4),
                            "max": round(float(factors.max()), 4)})
    return geometry, report


def single_view_geometry(frames: np.ndarray, settings: DepthSfmSettings, model, reason: str,
                         seconds: float = 0.0) -> tuple[Geometry, DepthSfmReport]:
    """Geometry with depth in the middle frame only, seen from a level camera at eye height
    looking along +X (every frame gets that pose; the others carry no depth)."""
    from ..geometry.pose import look_pose

    n, h, w = frames.shape[:3]
    k = n // 2
    t0 = time.perf_counter()
    d = model.predict(frames[k:k + 1])[0].astype(np.float32)
    f = settings.sfm.focal_px or 0.5 * w / np.tan(np.radians(settings.fallback_hfov_deg) / 2)
    K = np.array([[f, 0.0, w / 2], [0.0, f, h / 2], [0.0, 0.0, 1.0]])
    depth = np.zeros((n, h, w), np.float32)
    depth[k] = d
    pose = look_pose([0.0, 0.0, settings.eye_height], 0.0, 0.0)
    geometry = Geometry(depth, (depth > 0).astype(np.float32), np.repeat(K[None], n, axis=0),
                        np.repeat(pose[None], n, axis=0), True, "depth_sfm")
    report = DepthSfmReport(
        depth_model=model.settings.model, depth_revision=model.settings.revision, device=model.device,
        unregistered_frames=[i for i in range(n) if i != k],
        seconds={"sfm": round(seconds, 3), "depth": round(time.perf_counter() - t0, 3)},
        fallback=f"single view (frame {k}): structure from motion failed ({reason})",
        focal_px=round(float(f), 3), focal_from="--fov" if settings.sfm.focal_px else
        f"assumed {settings.fallback_hfov_deg:g} deg horizontal field of view")
    return geometry, report


class DepthSfmBackend:
    """The ``depth_sfm`` reconstruction backend (see `vipscene_sim.reconstruct.RECONSTRUCTORS`)."""

    inputs = "video"

    def depth_settings(self, request) -> DepthModelSettings:
        from ..ml import split_model_ref

        model, rev = split_model_ref(request.depth_model, DepthModelSettings.model)
        ds = DepthModelSettings(model=model, revision=rev, device=request.device, precision=request.precision)
        return replace(ds, batch_size=request.batch_size) if request.batch_size else ds

    def model_key(self, request) -> str:
        """The depth model's key in the run's `ModelHolder` (tests and batch runs seed it)."""
        ds = self.depth_settings(request)
        return f"depth:{ds.model}@{ds.revision}"

    def load(self, request, models) -> None:
        ds = self.depth_settings(request)
        models.load(self.model_key(request), lambda: DepthModel(ds),
                    [(ds.model, ds.revision, DepthModel.WHAT, DepthModel.FLAG)])

    def run(self, source, request, models, progress=None) -> tuple[Geometry, dict]:
        self.load(request, models)
        depth = models.get(self.model_key(request), lambda: None)
        sfm = SfmSettings(seed=request.seed)
        if request.fov_deg:
            w = source.frames.shape[2]
            sfm = replace(sfm, focal_px=0.5 * w / np.tan(np.radians(request.fov_deg) / 2))
        geometry, report = depth_sfm_geometry(source.frames, DepthSfmSettings(depth=depth.settings, sfm=sfm), depth,
                                              progress)
        return geometry, report.to_dict()

    def describe(self, report: dict) -> str:
        return f"depth_sfm: {report['depth_model']} + pycolmap"
