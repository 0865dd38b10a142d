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


def unity_yaw_deg_to_zup_yaw(yaw_deg: float) -> float:
    """A Unity rotation of ``yaw_deg`` about +Y (clockwise seen from above, degrees) as our yaw
    about +Z (counter-clockwise seen from above, radians)."""
    return -np.deg2rad(yaw_deg)


def zup_yaw_to_unity_yaw_deg(yaw: float) -> float:
    return float(-np.rad2deg(yaw))
