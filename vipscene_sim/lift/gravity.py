"""Floor plane, gravity alignment and metric scale.

A reconstruction's world frame is arbitrary (feed-forward models put it at the first camera), so
lifting finds the floor first: RANSAC over room points for the largest plane whose normal is near
the cameras' mean up direction (cameras in room videos are held upright) and that lies in the
lowest part of the scene. The frame is then rotated so that the floor normal is +Z and shifted so
that the floor is z = 0.

Scale: a metric reconstruction keeps its scale. Otherwise the cameras' height above the floor is
assumed to be eye height (1.5 m), then refined by the heights of recognised floor furniture
against their category's typical height (median of the ratios); the report says which was used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EYE_HEIGHT = 1.5  # m, hand-held or head-mounted camera in a room video


@dataclass
class Floor:
    rotation: np.ndarray  # (3, 3) reconstruction frame -> gravity-aligned frame
    translation: np.ndarray  # (3,) so that the floor is z = 0 after rotation
    found: bool
    inlier_fraction: float
    note: str


def _rotation_to_z(n: np.ndarray) -> np.ndarray:
    """The smallest rotation taking unit vector ``n`` to +Z."""
    z = np.array([0.0, 0.0, 1.0])
    v = np.cross(n, z)
    s, c = float(np.linalg.norm(v)), float(np.dot(n, z))
    if s < 1e-12:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx * ((1 - c) / s**2)


MIN_FLOOR_SUPPORT = 0.025
"""Share of the room's points a plane must hold to be taken for the floor: a floor in view holds
5-15 % in the example walkthroughs; the bottoms of walls above a hidden floor about 2 %."""


def fit_floor(points, seed: int = 0, max_tilt_deg: float = 20.0, iterations: int = 400) -> Floor:
    """``points``: a PointSet in the reconstruction frame."""
    rng = np.random.default_rng(seed)
    up0 = points.cam_up.mean(axis=0)
    up0 = up0 / (np.linalg.norm(up0) or 1.0)
    cams = points.cam_centers
    room = points.xyz[points.track == 0]
    if len(room) < 50:
        room = points.xyz
    # unit of length: the scene's typical camera-to-point distance; thresholds are relative to it
    # so that an unscaled reconstruction is handled like a metric one
    unit = float(np.median(np.linalg.norm(room[:: max(1, len(room) // 5000)] - cams.mean(axis=0), axis=1))) / 2.5 if len(room) else 1.0
    unit = unit or 1.0
    note = ""
    if len(room) >= 50:
        h = room @ up0
        low = room[h <= np.quantile(h, 0.45)]
        sample = low[rng.choice(len(low), min(len(low), 20000), replace=False)]
        # inliers count more near the cameras: the floor the cameras stand on, not ground seen
        # through a door or a window, which is as flat and may be as large
        from scipy.spatial import cKDTree

        cam_xy = cams - np.outer(cams @ up0, up0)
        near = np.exp(-cKDTree(cam_xy).query(sample - np.outer(sample @ up0, up0))[0] / (2.0 * unit))
        tol = 0.03 * unit  # 7.5 cm at the typical 2.5 m: learned depth warps by a few percent
        cos_max = math.cos(math.radians(max_tilt_deg))
        things = points.xyz[points.track > 0]
        active = np.ones(len(sample), bool)
        for _attempt in range(3):  # a rejected plane (a sill, a worktop) is removed and the search goes on
            plane = _best_plane(sample, near, active, up0, unit, tol, cos_max, iterations, rng)
            if plane is None:
                break
            nrm, off = plane
            inl = room[np.abs(room @ nrm - off) < tol]
            frac = len(inl) / len(room)
            below = float(np.mean(things @ nrm < off - 0.1 * unit)) if len(things) else 0.0
            if float(np.median(cams @ nrm)) <= off:
                note += "a horizontal plane found lies above the cameras; "
            elif frac < MIN_FLOOR_SUPPORT:  # a strip of wall bottoms or a rug's edge, not a floor
                note += f"a horizontal plane found holds only {frac:.1%} of the room's points; "
            elif below > 0.05:  # a window sill or a worktop seen where the floor is hidden
                note += f"a horizontal plane found has {below:.0%} of the objects' points below it; "
            else:
                R = _rotation_to_z(nrm)
                return Floor(R, np.array([0.0, 0.0, -off]), True, frac, note + f"floor plane from {len(inl)} room points")
            active &= np.abs(sample @ nrm - off) >= tol
    # no visible floor: gravity from the cameras, floor an eye height below them
    R = _rotation_to_z(up0)
    cam_z = float(np.median(cams @ up0))
    height = EYE_HEIGHT * unit
    return Floor(R, np.array([0.0, 0.0, -(cam_z - height)]), False, 0.0,
                 note + f"no floor plane found: gravity from the cameras' up direction, floor {EYE_HEIGHT} m "
                 "(eye height) below them")


def _best_plane(sample, near, active, up0, unit, tol, cos_max, iterations, rng):
    """RANSAC over the ``active`` sample points: the near-weighted, tilt-penalised best plane
    (unit normal toward the cameras' up, offset), refined by weighted least squares; None if too
    weak."""
    from scipy.spatial import cKDTree

    idx = np.nonzero(active)[0]
    if len(idx) < 30:
        return None
    pts, wts = sample[idx], near[idx]
    tree = cKDTree(pts)
    best, best_n = None, 0.0
    for _ in range(iterations):
        # triplets from one neighbourhood lie on one surface far more often than random ones
        i = int(rng.integers(len(pts)))
        nb = tree.query_ball_point(pts[i], 0.6 * unit)
        if len(nb) < 3:
            continue
        j, k = rng.choice(nb, 2, replace=False)
        nrm = np.cross(pts[j] - pts[i], pts[k] - pts[i])
        ln = np.linalg.norm(nrm)
        if ln < 1e-12:
            continue
        nrm = nrm / ln if nrm @ up0 >= 0 else -nrm / ln
        if nrm @ up0 < cos_max:
            continue
        # a plane tilted from the cameras' up cuts a strip off every wall it crosses and can
        # gather more points than the floor; tilt must pay for itself
        tilt = math.degrees(math.acos(min(1.0, float(nrm @ up0))))
        score = float(wts[np.abs((pts - pts[i]) @ nrm) < tol].sum()) * math.exp(-((tilt / 12.0) ** 2))
        if score > best_n:
            best, best_n = (nrm, float(pts[i] @ nrm)), score
    if best is None or best_n < max(5.0, 0.01 * near.sum()):
        return None
    nrm, off = best
    for t in (tol, tol, 0.5 * tol):  # weighted least squares on the points near the plane
        sel = np.abs(pts @ nrm - off) < t
        if sel.sum() < 3:
            break
        w = wts[sel] / wts[sel].sum()
        centre = w @ pts[sel]
        _, _, vt = np.linalg.svd((pts[sel] - centre) * np.sqrt(w)[:, None], full_matrices=False)
        nrm = vt[2] if vt[2] @ up0 > 0 else -vt[2]
        off = float(centre @ nrm)
    return nrm, off


def eye_height_scale(points_aligned) -> float:
    """Scale that puts the cameras' median height at eye height."""
    h = float(np.median(points_aligned.cam_centers[:, 2]))
    return EYE_HEIGHT / h if h > 1e-6 else 1.0


def prior_scale(heights: list[tuple[float, float]]) -> float | None:
    """Median ratio of typical to measured height over (measured, typical) pairs; None if < 3."""
    ratios = [t / m for m, t in heights if m > 1e-6]
    return float(np.median(ratios)) if len(ratios) >= 3 else None
