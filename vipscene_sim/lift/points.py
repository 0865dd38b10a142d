"""Back-projection of every frame into one labelled point set.

Pixels that are unreliable are dropped before they can mislead later steps: pixels at depth
discontinuities that something lies in front of ("flying pixels" between an object and the wall
behind it, and the wall's own pixels along the object's outline), mask boundaries when asked
(``erode``), pixels without depth or confidence, and NaN/inf depths. An object's own outline
stays: its extent is measured there. A pixel stride keeps the total under a budget so lifting
time does not grow with resolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..geometry.camera import backproject


@dataclass
class PointSet:
    """World points in the reconstruction's frame, with the track id, frame and weight of each."""

    xyz: np.ndarray  # (M, 3) float64
    track: np.ndarray  # (M,) int64, 0 = background (room)
    frame: np.ndarray  # (M,) int32
    weight: np.ndarray  # (M,) float32, confidence x detection score
    skyline: np.ndarray  # (M,) bool: nothing was measured right above the pixel (where a wall ends)
    cam_centers: np.ndarray  # (N, 3)
    cam_up: np.ndarray  # (N, 3) each camera's up direction (-y of the OpenCV camera) in the world
    stride: int

    def select(self, keep: np.ndarray) -> PointSet:
        return PointSet(self.xyz[keep], self.track[keep], self.frame[keep], self.weight[keep], self.skyline[keep],
                        self.cam_centers, self.cam_up, self.stride)

    def transformed(self, rotation: np.ndarray, translation: np.ndarray, scale: float = 1.0) -> PointSet:
        """Apply x -> scale * (R x + t) to points and camera centres."""
        f = lambda p: scale * (p @ rotation.T + translation)
        return PointSet(f(self.xyz), self.track, self.frame, self.weight, self.skyline, f(self.cam_centers),
                        self.cam_up @ rotation.T, self.stride)


DENOISE_ABOVE = 0.0012
"""Measured noise coefficient above which depth is denoised (clean renders measure about 0.0006:
slanted surfaces differ between neighbours too)."""


def denoise(depth: np.ndarray, a: float, radius: int = 2) -> np.ndarray:
    """Each pixel's depth replaced by the mean of the pixels in its (2 radius + 1)^2 window that
    lie on the same surface (within 3 sigma of a difference, sigma = a * depth^2): per-pixel noise
    shrinks about five-fold while edges between surfaces stay where they are. 0 stays 0."""
    h, w = depth.shape
    pad = np.pad(depth, radius)
    tol = 3 * math.sqrt(2) * a * depth**2
    total = np.zeros_like(depth)
    count = np.zeros_like(depth)
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            n = pad[radius + dy:radius + dy + h, radius + dx:radius + dx + w]
            same = (n > 0) & (np.abs(n - depth) <= tol)
            total += np.where(same, n, 0.0)
            count += same
    return np.where(depth > 0, total / np.maximum(count, 1), 0.0)


def depth_noise(depth: np.ndarray) -> float:
    """Per-pixel depth noise as a coefficient ``a`` of sigma = a * depth^2 (the growth of stereo
    and learned depth), from the median difference of horizontal neighbours; surfaces are smooth
    at the pixel scale, so what differs between neighbours is mostly noise."""
    a, b = depth[:, :-1], depth[:, 1:]
    ok = (a > 0) & (b > 0)
    if ok.sum() < 100:
        return 0.0
    m = np.abs(a[ok] - b[ok]) / (0.5 * (a[ok] + b[ok])) ** 2
    return float(np.median(m)) / (0.6745 * math.sqrt(2))


def _interior(ids: np.ndarray, depth: np.ndarray, iterations: int, jump) -> np.ndarray:
    """Pixels whose 8 neighbours have the same id (repeated ``iterations`` times), that no
    neighbour lies in front of by more than ``jump`` (metres, scalar or per pixel), and that agree
    with at least two measured neighbours.

    Flying pixels between an object and what is behind it have a nearer neighbour and go; the
    object's own silhouette pixels have only farther ones and stay, so thin parts (a bottle's
    neck, a lamp's pole) and the outline that sets an object's size survive. A lone speck agrees
    with no neighbour and goes."""
    ok = np.ones(ids.shape, bool)
    agree = np.zeros(ids.shape, np.int8)
    pad_id = np.pad(ids, 1, mode="edge")
    pad_d = np.pad(depth, 1, mode="edge")
    h, w = ids.shape
    for dv in (-1, 0, 1):
        for du in (-1, 0, 1):
            if dv == du == 0:
                continue
            nid = pad_id[1 + dv:1 + dv + h, 1 + du:1 + du + w]
            nd = pad_d[1 + dv:1 + dv + h, 1 + du:1 + du + w]
            ok &= (nd <= 0) | (nd - depth >= -jump - 1e-6)  # no measurement is no conflict
            agree += (nd > 0) & (np.abs(nd - depth) <= jump + 1e-6)
            if iterations:
                ok &= nid == ids
    ok &= agree >= 2
    for _ in range(max(iterations - 1, 0)):
        pad = np.pad(ok, 1, constant_values=False)
        grown = np.ones_like(ok)
        for dv in (-1, 0, 1):
            for du in (-1, 0, 1):
                grown &= pad[1 + dv:1 + dv + h, 1 + du:1 + du + w]
        ok = grown
    return ok


def back_project(geometry, instances, budget: int = 1_500_000, erode: int = 0, jump: float = 0.04,
                 min_conf: float = 0.05, small: int = 3000) -> tuple[PointSet, dict]:
    """All frames' usable pixels as world points; the dict counts what was dropped and why.

    The pixel stride applies to the room and to large objects; objects smaller than ``small``
    pixels in a frame keep every pixel, so a mug far away still gets enough points."""
    n, h, w = geometry.depth.shape
    masks = instances.masks
    if masks.shape != geometry.depth.shape:
        raise ValueError(f"instance masks {masks.shape} and depth {geometry.depth.shape} differ in shape")
    stride = max(1, math.ceil(math.sqrt(n * h * w / max(budget, 1))))
    scores = instances.scores
    xyz, track, frame, weight, skyline = [], [], [], [], []
    finite = [np.where(np.isfinite(x), x, 0.0) for x in (np.asarray(geometry.depth[f], np.float64) for f in range(n))]
    frame_noise = [depth_noise(x) for x in finite]
    # denoise by the video's noise, not one frame's (a clean frame of a slanted floor measures high)
    noisy = float(np.median(frame_noise)) > DENOISE_ABOVE if n else False
    dropped = {"no_depth": 0, "nan": 0, "boundary_or_discontinuity": 0}
    grid = np.zeros((h, w), bool)
    grid[::stride, ::stride] = True
    for f in range(n):
        bad = ~np.isfinite(geometry.depth[f])
        d = finite[f]
        ids = np.asarray(masks[f], np.int64)
        take = grid.copy()
        if stride > 1 and ids.any():
            _, inv, counts = np.unique(ids, return_inverse=True, return_counts=True)
            take |= (ids > 0) & (counts[inv.reshape(ids.shape)] < small)
        dropped["nan"] += int((bad & take).sum())
        # a jump is a discontinuity only when it is well above the noise (5 sigma of a difference)
        a = frame_noise[f]
        if noisy:
            d = denoise(d, a)
        ok = _interior(ids, d, erode, np.maximum(jump * d, 5 * math.sqrt(2) * a * d**2))
        conf = np.nan_to_num(np.asarray(geometry.conf[f], np.float64))
        valid = (d > 0) & (conf > min_conf)
        dropped["no_depth"] += int((take & ~valid).sum())
        dropped["boundary_or_discontinuity"] += int((take & valid & ~ok).sum())
        sel = take & valid & ok
        v, u = np.nonzero(sel)
        z = d[sel]
        xyz.append(backproject(u, v, z, geometry.K[f], geometry.cam_to_world[f]))
        t = ids[sel]
        above = np.vstack([np.ones((1, w), bool), d[:-1] <= 0])  # the image's first row has nothing above
        above[0] = False
        skyline.append(above[sel])
        track.append(t)
        frame.append(np.full(len(t), f, np.int32))
        s = np.array([scores.get(int(x), 1.0) if x else 1.0 for x in np.unique(t)])
        lut = dict(zip(np.unique(t).tolist(), s.tolist()))
        weight.append((conf[sel] * np.vectorize(lut.get, otypes=[float])(t) if len(t) else conf[sel]).astype(np.float32))

    cat = lambda parts, dtype, shape: np.concatenate(parts).astype(dtype) if parts else np.zeros(shape, dtype)
    pts = PointSet(cat(xyz, np.float64, (0, 3)), cat(track, np.int64, (0,)), cat(frame, np.int32, (0,)),
                   cat(weight, np.float32, (0,)), cat(skyline, bool, (0,)), np.asarray(geometry.cam_to_world[:, :3, 3], float),
                   -np.asarray(geometry.cam_to_world[:, :3, 1], float), stride)
    dropped["depth_noise_at_1m"] = round(float(np.median(frame_noise)) if frame_noise else 0.0, 5)
    dropped["denoised"] = noisy
    return pts, dropped
