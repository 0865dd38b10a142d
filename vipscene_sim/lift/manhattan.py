"""Manhattan alignment: the dominant wall direction of a gravity-aligned room.

Wall points seen from above are thin lines. The local direction of each point's neighbourhood
(2D PCA over its nearest neighbours) is taken modulo 90 degrees; the weighted circular peak of
those directions is the room's axis. Rotating by its negative makes walls parallel to X and Y.
"""

from __future__ import annotations

import math

import numpy as np


def local_directions(xy: np.ndarray, k: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Per point: the direction (radians) of its neighbourhood's principal axis and how line-like
    the neighbourhood is, (l1 - l2) / (l1 + l2) in [0, 1]."""
    from scipy.spatial import cKDTree

    _, idx = cKDTree(xy).query(xy, k=min(k, len(xy)))
    nb = xy[idx] - xy[idx].mean(axis=1, keepdims=True)
    sxx, syy, sxy = (nb[..., 0] ** 2).mean(1), (nb[..., 1] ** 2).mean(1), (nb[..., 0] * nb[..., 1]).mean(1)
    theta = 0.5 * np.arctan2(2 * sxy, sxx - syy)
    tr = sxx + syy
    disc = np.sqrt(((sxx - syy) / 2) ** 2 + sxy**2)
    return theta, np.where(tr > 0, 2 * disc / np.maximum(tr, 1e-12), 0.0)


def dominant_yaw(xy: np.ndarray, k: int = 12, max_points: int = 40000, seed: int = 0) -> tuple[float, float]:
    """(angle in [-pi/4, pi/4] of the wall grid, strength in [0, 1]); (0, 0) without evidence."""
    if len(xy) < k + 1:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    if len(xy) > max_points:
        xy = xy[rng.choice(len(xy), max_points, replace=False)]
    theta, linear = local_directions(xy, k)
    w = np.clip((linear - 0.6) / 0.4, 0, 1)
    if w.sum() < 1e-9:
        return 0.0, 0.0
    # angles modulo 90 degrees mapped onto the circle (x4) so that the mean is well defined
    z = (w * np.exp(4j * theta)).astype(complex)
    hist_angles = np.linspace(-math.pi, math.pi, 360, endpoint=False)
    score = np.array([np.sum(w * np.clip(np.cos(4 * theta - a), 0, None) ** 8) for a in hist_angles])
    peak = hist_angles[int(np.argmax(score))]
    # refine: circular mean of the directions within 10 degrees of the peak (40 on the x4 circle)
    near = np.abs(np.angle(np.exp(1j * (4 * theta - peak)))) < math.radians(40)
    ang = float(np.angle(np.sum(z[near]))) / 4 if near.any() else peak / 4
    strength = float(np.abs(np.sum(z[near])) / w.sum()) if near.any() else 0.0
    return math.remainder(ang, math.pi / 2), strength


def yaw_rotation(angle: float) -> np.ndarray:
    """Rotation about +Z by ``-angle`` (turns the wall grid onto the axes)."""
    c, s = math.cos(-angle), math.sin(-angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
