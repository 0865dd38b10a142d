"""The one conversion between Unity's frame (AI2-THOR, ProcTHOR, objathor assets) and ours.

Unity is left-handed with +Y up (x right, y up, z forward); we are right-handed with +Z up.
Swapping Y and Z maps one to the other exactly (a reflection, which is what turns a left-handed
frame into a right-handed one), so the same function converts in both directions. Because it is
a reflection, triangle winding must be reversed to keep outward normals (`flip_winding`).
"""

from __future__ import annotations

import numpy as np


def unity_to_zup(points) -> np.ndarray:
    """(..., 3) Unity points or vectors -> ours; also ours -> Unity (the map is its own inverse)."""
    p = np.asarray(points, dtype=float)
    return p[..., [0, 2, 1]]


zup_to_unity = unity_to_zup


def flip_winding(faces) -> np.ndarray:
    """Reverse each triangle's vertex order (needed after `unity_to_zup`)."""
    return np.asarray(faces)[:, ::-1].copy()


def thor_rotation_y_to_yaw(rotation_y_deg: float) -> float:
    """AI2-THOR's rotation about Unity's +Y (degrees) of an object whose front is Unity's forward
    (+Z) -> our yaw (radians) of its front (+X). Unity +Z is our +Y and a positive Unity turn is
    clockwise seen from above, so yaw = 90 deg - rotation_y."""
    return float(np.deg2rad((90.0 - rotation_y_deg + 180.0) % 360.0 - 180.0))


def yaw_to_thor_rotation_y(yaw: float) -> float:
    """Inverse of `thor_rotation_y_to_yaw`, in [0, 360) degrees."""
    return float((90.0 - np.rad2deg(yaw)) % 360.0)
