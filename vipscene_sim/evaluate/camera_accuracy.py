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

from ..geometry.pose import align_cameras

__all__ = ["align_cameras", "camera_errors"]


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
