"""The ``oracle`` reconstruction backend: ground-truth depth and cameras from a synthetic
walkthrough (`vipscene synth`), degraded the way feed-forward reconstruction degrades them, so
lifting meets realistic input without a GPU. Deterministic for a seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..geometry.pose import quat_multiply, quat_to_matrix
from .geometry import Geometry


@dataclass(frozen=True)
class OracleNoise:
    depth_sigma: float = 0.0
    """Per-pixel depth noise at 1 m (m); it grows with the square of the distance, as for stereo."""
    depth_warp: float = 0.0
    """Smooth relative depth error per frame (standard deviation of a low-frequency field, e.g.
    0.02 = 2 %): learned depth errs in smooth warps, not in per-pixel speckle, and its absolute
    error grows with distance."""
    scale_error: float = 0.0
    """Global scale error: every depth and translation is multiplied by (1 + scale_error)."""
    drift_per_frame: float = 0.0
    """Random-walk pose drift per frame: metres of translation (and this many radians of rotation / 2)."""
    dropout: float = 0.0
    """Fraction of pixels without a measurement (0 depth, 0 confidence), in clumps."""
    metric: bool = True
    """Whether the result claims metric scale."""


def oracle_geometry(walkthrough: dict, noise: OracleNoise = OracleNoise(), seed: int = 0) -> Geometry:
    """``walkthrough``: the arrays of walkthrough.npz (depth, K, cam_to_world)."""
    rng = np.random.default_rng(seed)
    depth = np.asarray(walkthrough["depth"], np.float32).copy()
    n = len(depth)
    K = np.repeat(np.asarray(walkthrough["K"], float)[None], n, axis=0) if np.ndim(walkthrough["K"]) == 2 else np.asarray(walkthrough["K"], float)
    poses = np.asarray(walkthrough["cam_to_world"], float).copy()
    valid = depth > 0
    conf = valid.astype(np.float32)
    if noise.depth_sigma > 0:
        sigma = noise.depth_sigma * depth ** 2
        depth = np.where(valid, depth + rng.normal(size=depth.shape).astype(np.float32) * sigma, 0.0)
        conf = np.where(valid, np.exp(-sigma / max(noise.depth_sigma, 1e-9) * 0.1), 0.0).astype(np.float32)
    if noise.depth_warp > 0:
        from scipy import ndimage

        h, w = depth.shape[1:]
        field = ndimage.gaussian_filter(rng.normal(size=depth.shape), sigma=(0, h / 6, w / 6))
        field /= field.reshape(n, -1).std(axis=1)[:, None, None] + 1e-12
        depth = np.where(valid, depth * (1 + noise.depth_warp * field), 0.0).astype(np.float32)
    if noise.dropout > 0:
        from scipy import ndimage

        blobs = ndimage.gaussian_filter(rng.random(depth.shape), sigma=(0, 3, 3))
        cut = np.quantile(blobs, noise.dropout)
        drop = blobs < cut
        depth[drop] = 0.0
        conf[drop] = 0.0
    if noise.scale_error:
        s = 1.0 + noise.scale_error
        depth *= s
        poses[:, :3, 3] *= s
    if noise.drift_per_frame > 0:
        t_walk = np.cumsum(rng.normal(scale=noise.drift_per_frame, size=(n, 3)), axis=0)
        r_walk = np.cumsum(rng.normal(scale=noise.drift_per_frame / 2, size=(n, 3)), axis=0)
        for k in range(n):
            angle = float(np.linalg.norm(r_walk[k]))
            axis = r_walk[k] / angle if angle > 0 else np.array([0.0, 0.0, 1.0])
            q = np.r_[np.cos(angle / 2), np.sin(angle / 2) * axis]
            poses[k, :3, :3] = quat_to_matrix(quat_multiply(q, [1, 0, 0, 0])) @ poses[k, :3, :3]
            poses[k, :3, 3] += t_walk[k]
    return Geometry(depth.astype(np.float32), conf.astype(np.float32), K, poses, noise.metric, "oracle")


# Named noise levels for `vipscene perceive --noise` and the lifting benchmark.
# "realistic": what a feed-forward reconstruction of a generated video gives (2 % smooth depth
# warps, a little speckle, 3 % scale error, drift); "harsh": an unscaled reconstruction of a poor
# video (5 % warps, 10 % scale error, more drift and holes).
NOISE_LEVELS = {
    "none": OracleNoise(),
    "realistic": OracleNoise(depth_sigma=0.002, depth_warp=0.02, scale_error=0.03, drift_per_frame=0.002,
                             dropout=0.05),
    "harsh": OracleNoise(depth_sigma=0.006, depth_warp=0.05, scale_error=0.1, drift_per_frame=0.005, dropout=0.15,
                         metric=False),
}


class OracleBackend:
    """The ``oracle`` reconstruction backend (see `vipscene_sim.reconstruct.RECONSTRUCTORS`)."""

    inputs = "walkthrough"

    def load(self, request, models) -> None:
        """Nothing to load (the noise level is checked with the other flags by `run_perceive`)."""

    def run(self, source, request, models, progress=None) -> tuple[Geometry, dict]:
        return (oracle_geometry(source.walkthrough, NOISE_LEVELS[request.noise], seed=request.seed),
                {"backend": "oracle", "noise": request.noise})

    def describe(self, report: dict) -> str:
        return f"oracle ({report['noise']} noise)"
