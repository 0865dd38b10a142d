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


def _axis_rotation(axis: int, degrees: float) -> np.ndarray:
    c, s = np.cos(np.deg2rad(degrees)), np.sin(np.deg2rad(degrees))
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    r = np.eye(3)
    r[i, i], r[i, j], r[j, i], r[j, j] = c, -s, s, c
    return r


_SWAP = np.array([[1.0, 0, 0], [0, 0, 1], [0, 1, 0]])
_FRONT_TO_UNITY_FORWARD = _axis_rotation(2, 90.0)
"""Our object frame -> an AI2-THOR asset's frame, in our axes: our front (+X) is the asset's
forward (Unity +Z, our +Y)."""


def thor_rotation_to_matrix(rotation_deg) -> np.ndarray:
    """AI2-THOR's Euler rotation (x, y, z degrees, Unity applies z, then x, then y) of an object
    -> our 3x3 object-to-world rotation (front +X, +Z up). Upright objects give
    Rz(`thor_rotation_y_to_yaw`); tilted ones (a bat lying on the floor) keep their tilt."""
    x, y, z = (float(a) for a in rotation_deg)
    unity = _axis_rotation(1, y) @ _axis_rotation(0, x) @ _axis_rotation(2, z)
    return _SWAP @ unity @ _SWAP @ _FRONT_TO_UNITY_FORWARD


def matrix_to_thor_rotation(r) -> tuple[float, float, float]:
    """Inverse of `thor_rotation_to_matrix`: Unity Euler (x, y, z) degrees, x in [-90, 90],
    y and z in [0, 360)."""
    unity = _SWAP @ np.asarray(r, float) @ _FRONT_TO_UNITY_FORWARD.T @ _SWAP
    # unity = Ry Rx Rz: its row 1 column 2 is -sin(x)
    x = np.arcsin(np.clip(-unity[1, 2], -1.0, 1.0))
    if abs(np.cos(x)) > 1e-9:
        y = np.arctan2(unity[0, 2], unity[2, 2])
        z = np.arctan2(unity[1, 0], unity[1, 1])
    else:  # gimbal lock: put the whole turn into y
        y, z = np.arctan2(-unity[2, 0], unity[0, 0]), 0.0
    return (float(np.rad2deg(x)), float(np.rad2deg(y) % 360.0), float(np.rad2deg(z) % 360.0))
