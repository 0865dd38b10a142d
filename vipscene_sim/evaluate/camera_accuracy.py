"""Accuracy of reconstructed camera poses against the truth, after the alignment the
reconstruction leaves free.

Structure from motion and VGGT give poses up to a similarity (rotation, translation, and scale
unless metric). The rotation is fitted to the camera orientations (the chordal mean of
R_true R_est^T, which is well defined even for a straight walk where positions alone leave the
roll about the path free); scale and shift then by least squares on the camera centres.
Errors: per frame the angle between aligned and true orientation (degrees) and the distance
between aligned and true centre, as a fraction of the true path length.
"""

from __future__ import annotations

import numpy as np


def align_cameras(est: np.ndarray, true: np.ndarray, with_scale: bool = True) -> tuple[np.ndarray, float, np.ndarray]:
    """(R, s, t) mapping estimated camera-to-world poses (N, 4, 4) onto the true ones: x -> s R x + t."""
    m = sum(true[i, :3, :3] @ est[i, :3, :3].T for i in range(len(est)))
    u, _, vt = np.linalg.svd(m)
    d = np.diag([1.0, 1.0, np.sign(np.linalg.det(u @ vt))])
    rot = u @ d @ vt
    p, g = est[:, :3, 3], true[:, :3, 3]
    pm, gm = p.mean(0), g.mean(0)
    pr = (p - pm) @ rot.T
    scale = float((pr * (g - gm)).sum() / max((pr ** 2).sum(), 1e-12)) if with_scale else 1.0
    return rot, scale, gm - scale * rot @ pm


def camera_errors(est: np.ndarray, true: np.ndarray, registered: np.ndarray | None = None,
                  with_scale: bool = True) -> dict:
    """Rotation (deg) and translation (fraction of path length) errors over the registered frames."""
    keep = np.ones(len(est), bool) if registered is None else np.asarray(registered, bool)
    e, t = est[keep], true[keep]
    rot, scale, shift = align_cameras(e, t, with_scale)
    path = float(np.linalg.norm(np.diff(true[:, :3, 3], axis=0), axis=1).sum())
    centres = scale * e[:, :3, 3] @ rot.T + shift
    trans = np.linalg.norm(centres - t[:, :3, 3], axis=1) / max(path, 1e-9)
    cos = [(np.trace((rot @ e[i, :3, :3]).T @ t[i, :3, :3]) - 1) / 2 for i in range(len(e))]
    angles = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    return {"frames": len(est), "registered": int(keep.sum()), "path_m": round(path, 3),
            "scale": round(scale, 5), "rot_mean_deg": round(float(angles.mean()), 4),
            "rot_max_deg": round(float(angles.max()), 4), "trans_mean_frac": round(float(trans.mean()), 5),
            "trans_max_frac": round(float(trans.max()), 5)}
