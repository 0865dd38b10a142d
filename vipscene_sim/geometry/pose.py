"""Pose helpers: quaternions [w, x, y, z], yaw about +Z, 4x4 homogeneous transforms and
camera look-at poses.

All angles are radians. A pose is a position (box centre, world frame, metres) and a unit
quaternion rotating object-frame vectors into the world frame (+Z up, +X the object's front).
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np


def yaw_to_quat(yaw: float) -> list[float]:
    """Quaternion [w, x, y, z] for a rotation of ``yaw`` radians about +Z."""
    half = 0.5 * float(yaw)
    return [math.cos(half), 0.0, 0.0, math.sin(half)]


def quat_to_yaw(q: Sequence[float]) -> float:
    """Heading of the rotated +X axis projected on the floor, in (-pi, pi].

    For a yaw-only quaternion this is exactly its yaw; for a tilted object it is the direction
    its front faces on the floor plane.
    """
    r = quat_to_matrix(q)
    return math.atan2(r[1, 0], r[0, 0])


def quat_normalize(q: Sequence[float]) -> np.ndarray:
    """Unit quaternion with w >= 0 (one canonical sign for the same rotation)."""
    q = np.asarray(q, dtype=float)
    n = np.linalg.norm(q)
    if not np.isfinite(n) or n == 0.0:
        raise ValueError("quaternion has zero or non-finite norm")
    q = q / n
    return -q if q[0] < 0 else q


def quat_multiply(a: Sequence[float], b: Sequence[float]) -> np.ndarray:
    """Hamilton product a * b (apply b first, then a)."""
    aw, ax, ay, az = a
    bw, bx, by, bz = b
    return np.array(
        [
            aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
        ]
    )


def quat_to_matrix(q: Sequence[float]) -> np.ndarray:
    """3x3 rotation matrix of a quaternion [w, x, y, z] (normalised first)."""
    w, x, y, z = quat_normalize(q)
    return np.array(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
            [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
            [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
        ]
    )


def matrix_to_quat(r: np.ndarray) -> np.ndarray:
    """Unit quaternion [w, x, y, z] (w >= 0) of a 3x3 rotation matrix (Shepperd's method)."""
    r = np.asarray(r, dtype=float)
    tr = r[0, 0] + r[1, 1] + r[2, 2]
    if tr > 0:
        s = 2.0 * math.sqrt(tr + 1.0)
        q = [0.25 * s, (r[2, 1] - r[1, 2]) / s, (r[0, 2] - r[2, 0]) / s, (r[1, 0] - r[0, 1]) / s]
    elif r[0, 0] > r[1, 1] and r[0, 0] > r[2, 2]:
        s = 2.0 * math.sqrt(1.0 + r[0, 0] - r[1, 1] - r[2, 2])
        q = [(r[2, 1] - r[1, 2]) / s, 0.25 * s, (r[0, 1] + r[1, 0]) / s, (r[0, 2] + r[2, 0]) / s]
    elif r[1, 1] > r[2, 2]:
        s = 2.0 * math.sqrt(1.0 + r[1, 1] - r[0, 0] - r[2, 2])
        q = [(r[0, 2] - r[2, 0]) / s, (r[0, 1] + r[1, 0]) / s, 0.25 * s, (r[1, 2] + r[2, 1]) / s]
    else:
        s = 2.0 * math.sqrt(1.0 + r[2, 2] - r[0, 0] - r[1, 1])
        q = [(r[1, 0] - r[0, 1]) / s, (r[0, 2] + r[2, 0]) / s, (r[1, 2] + r[2, 1]) / s, 0.25 * s]
    return quat_normalize(q)


def pose_to_matrix(position: Sequence[float], quaternion: Sequence[float]) -> np.ndarray:
    """4x4 object-to-world transform from a position and a quaternion [w, x, y, z]."""
    t = np.eye(4)
    t[:3, :3] = quat_to_matrix(quaternion)
    t[:3, 3] = np.asarray(position, dtype=float)
    return t


def matrix_to_pose(t: np.ndarray) -> tuple[list[float], list[float]]:
    """Position and quaternion [w, x, y, z] of a 4x4 rigid transform."""
    t = np.asarray(t, dtype=float)
    return t[:3, 3].tolist(), matrix_to_quat(t[:3, :3]).tolist()


def box_corners(size: Sequence[float], position: Sequence[float], quaternion: Sequence[float]) -> np.ndarray:
    """The 8 world-frame corners (8x3) of an oriented box centred at ``position``."""
    half = 0.5 * np.asarray(size, dtype=float)
    signs = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)], float)
    return (signs * half) @ quat_to_matrix(quaternion).T + np.asarray(position, dtype=float)


def footprint(size: Sequence[float], position: Sequence[float], quaternion: Sequence[float]) -> np.ndarray:
    """Counter-clockwise floor-plane rectangle (4x2) of a box after its rotation about +Z.

    Uses only the heading, which is exact for the yaw-only poses that layout stages produce.
    """
    yaw = quat_to_yaw(quaternion)
    c, s = math.cos(yaw), math.sin(yaw)
    hx, hy = 0.5 * size[0], 0.5 * size[1]
    local = np.array([[-hx, -hy], [hx, -hy], [hx, hy], [-hx, hy]])
    rot = np.array([[c, -s], [s, c]])
    return local @ rot.T + np.asarray(position[:2], dtype=float)


def matrix_to_rpy(r: np.ndarray) -> tuple[float, float, float]:
    """Roll, pitch, yaw (fixed axes X, then Y, then Z — URDF's convention) of a rotation matrix."""
    r = np.asarray(r, dtype=float)
    pitch = math.asin(float(np.clip(-r[2, 0], -1.0, 1.0)))
    if abs(math.cos(pitch)) > 1e-9:
        roll = math.atan2(r[2, 1], r[2, 2])
        yaw = math.atan2(r[1, 0], r[0, 0])
    else:  # gimbal lock: put everything into yaw
        roll = 0.0
        yaw = math.atan2(-r[0, 1], r[1, 1])
    return roll, pitch, yaw


def rpy_to_matrix(roll: float, pitch: float, yaw: float) -> np.ndarray:
    cr, sr, cp, sp, cy, sy = math.cos(roll), math.sin(roll), math.cos(pitch), math.sin(pitch), math.cos(yaw), math.sin(yaw)
    return np.array([[cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr],
                     [sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr],
                     [-sp, cp * sr, cp * cr]])


def align_cameras(est: np.ndarray, true: np.ndarray, with_scale: bool = True) -> tuple[np.ndarray, float, np.ndarray]:
    """(R, s, t) mapping estimated camera-to-world poses (N, 4, 4) onto the true ones: x -> s R x + t.

    The rotation is the chordal mean of R_true R_est^T (defined even for a straight walk, where
    positions alone leave the roll about the path free); scale and shift by least squares on the
    camera centres."""
    m = sum(true[i, :3, :3] @ est[i, :3, :3].T for i in range(len(est)))
    u, _, vt = np.linalg.svd(m)
    d = np.diag([1.0, 1.0, np.sign(np.linalg.det(u @ vt))])
    rot = u @ d @ vt
    p, g = est[:, :3, 3], true[:, :3, 3]
    pm, gm = p.mean(0), g.mean(0)
    pr = (p - pm) @ rot.T
    scale = float((pr * (g - gm)).sum() / max((pr ** 2).sum(), 1e-12)) if with_scale else 1.0
    return rot, scale, gm - scale * rot @ pm


def look_pose(position, yaw: float, pitch: float) -> np.ndarray:
    """Camera-to-world (OpenCV axes) for a camera at ``position`` heading ``yaw`` (radians about
    +Z, 0 = +X) and tilted by ``pitch`` (negative looks down)."""
    f = np.array([math.cos(pitch) * math.cos(yaw), math.cos(pitch) * math.sin(yaw), math.sin(pitch)])
    right = np.cross(f, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    down = np.cross(f, right)
    t = np.eye(4)
    t[:3, 0], t[:3, 1], t[:3, 2], t[:3, 3] = right, down, f, position
    return t
