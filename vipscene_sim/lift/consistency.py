"""Multi-view depth consistency: pull each frame's depth towards what its neighbours see.

Monocular and feed-forward depth err in smooth per-frame warps (a few per cent, varying slowly over
the image). Fused across frames, every surface then appears several times a few centimetres apart
along the rays, and the boxes fitted to the fused points swell. The neighbours of a frame see the
same surfaces with independent warps, so their consensus is closer to the truth than any one of
them:

1. each neighbour's depth (every ``stride``-th pixel) is moved into the frame's camera and
   projected; where it lands on the frame's own surface (depths within ``gate``, so occluders and
   disocclusions are left out) the log ratio of the two depths is one vote;
2. votes are averaged in ``cell``-pixel bins and smoothed (a warp varies slowly, a vote is noisy);
3. every frame is corrected at once by its smoothed field, bounded to ``bound``; twice.

Correct depth gives ratios of 1 and changes nothing; frames with no neighbour overlap keep their
depth. Units: metres; cameras as in `reconstruct.geometry.Geometry` (OpenCV axes, camera-to-world).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..geometry.camera import backproject


@dataclass(frozen=True)
class ConsistencySettings:
    neighbours: int = 4
    """Frames on each side compared with a frame."""
    stride: int = 2
    """Pixel stride of the projected neighbour depth."""
    gate: float = 0.08
    """Relative depth difference beyond which a projected point is another surface."""
    cell: int = 8
    """Bin size (pixels) of the correction field."""
    smooth: float = 2.0
    """Gaussian smoothing of the field, in bins."""
    bound: float = 0.1
    """Largest correction, relative."""
    iterations: int = 2
    min_votes: float = 3.0
    """Smoothed votes a bin needs to be corrected."""


def _votes(depth: np.ndarray, K: np.ndarray, poses: np.ndarray, f: int, g: int, s: ConsistencySettings,
           shape_bins: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sum of log(neighbour depth / own depth) and vote count per bin of frame f, from frame g."""
    h, w = depth.shape[1:]
    dg = depth[g, ::s.stride, ::s.stride]
    v, u = np.nonzero(dg > 0)
    z = dg[v, u]
    u = u * s.stride + 0.5
    v = v * s.stride + 0.5
    Kf = K[f]
    world = backproject(u, v, z, K[g], poses[g], offset=0.0)
    in_f = (world - poses[f, :3, 3]) @ poses[f, :3, :3]
    zf = in_f[:, 2]
    ok = zf > 1e-3
    uf = np.floor(Kf[0, 0] * in_f[ok, 0] / zf[ok] + Kf[0, 2]).astype(int)
    vf = np.floor(Kf[1, 1] * in_f[ok, 1] / zf[ok] + Kf[1, 2]).astype(int)
    zf = zf[ok]
    inside = (uf >= 0) & (uf < w) & (vf >= 0) & (vf < h)
    uf, vf, zf = uf[inside], vf[inside], zf[inside]
    own = depth[f, vf, uf]
    good = own > 0
    ratio = np.where(good, zf / np.where(good, own, 1.0), 0.0)
    good &= np.abs(ratio - 1) < s.gate
    bins = (vf[good] // s.cell) * shape_bins[1] + uf[good] // s.cell
    n = shape_bins[0] * shape_bins[1]
    total = np.bincount(bins, weights=np.log(ratio[good]), minlength=n).reshape(shape_bins)
    count = np.bincount(bins, minlength=n).reshape(shape_bins).astype(float)
    return total, count


def harmonise_depth(geometry, s: ConsistencySettings = ConsistencySettings()):
    """A Geometry whose depth maps agree better across neighbouring frames, and a report (median
    and largest correction applied)."""
    from scipy import ndimage

    depth = np.asarray(geometry.depth, np.float32).copy()
    n, h, w = depth.shape
    if n < 3:
        return geometry, {"applied": False, "reason": "fewer than 3 frames"}
    shape_bins = (-(-h // s.cell), -(-w // s.cell))
    K, poses = np.asarray(geometry.K, float), np.asarray(geometry.cam_to_world, float)
    corrections = []
    for _ in range(s.iterations):
        fields = np.zeros((n, *shape_bins))
        for f in range(n):
            total = np.zeros(shape_bins)
            count = np.zeros(shape_bins)
            for g in range(max(0, f - s.neighbours), min(n, f + s.neighbours + 1)):
                if g == f or not (depth[g] > 0).any():
                    continue
                t, c = _votes(depth, K, poses, f, g, s, shape_bins)
                total += t
                count += c
            tot = ndimage.gaussian_filter(total, s.smooth, mode="nearest")
            cnt = ndimage.gaussian_filter(count, s.smooth, mode="nearest")
            fields[f] = np.where(cnt >= s.min_votes, tot / np.maximum(cnt, 1e-9), 0.0)
        fields = np.clip(fields, np.log(1 - s.bound), np.log(1 + s.bound))
        for f in range(n):
            full = np.kron(np.exp(fields[f]), np.ones((s.cell, s.cell)))[:h, :w]
            depth[f] = np.where(depth[f] > 0, depth[f] * full, depth[f])  # 0 and NaN stay as they were
        corrections.append(np.abs(fields[fields != 0]))
    allc = np.concatenate(corrections) if corrections else np.zeros(0)
    report = {"applied": True, "median_correction": round(float(np.median(allc)), 5) if len(allc) else 0.0,
              "max_correction": round(float(allc.max()), 5) if len(allc) else 0.0}
    return replace(geometry, depth=depth), report
