"""Pinhole cameras and voxels: depth pixels to 3D points, points to voxel keys and their neighbours.

Pixel (row v, column u) has its centre at (u + 0.5, v + 0.5) in the intrinsics' coordinates;
camera frames follow OpenCV (x right, y down, z forward); ``cam_to_world`` is a 4x4 rigid
transform; depth is along the optical axis (metres, or the reconstruction's units).
"""

from __future__ import annotations

import numpy as np


def backproject(u, v, z, K: np.ndarray, cam_to_world: np.ndarray | None = None, offset: float = 0.5) -> np.ndarray:
    """Points (..., 3) of pixels ``u`` (columns) and ``v`` (rows) at depth ``z``, in the camera
    frame, or in the world when ``cam_to_world`` is given. ``offset`` is added to the pixel
    coordinates first (0.5: pixel centres; 0 when the caller passes centres already)."""
    cam = np.stack([(u + offset - K[0, 2]) / K[0, 0] * z, (v + offset - K[1, 2]) / K[1, 1] * z, z], -1)
    if cam_to_world is None:
        return cam
    return cam @ cam_to_world[:3, :3].T + cam_to_world[:3, 3]


def depth_points(depth: np.ndarray, K: np.ndarray, cam_to_world: np.ndarray | None = None,
                 mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points (M, 3) of a depth map's pixels with depth > 0 (and ``mask``), with their rows and
    columns."""
    keep = depth > 0 if mask is None else mask & (depth > 0)
    v, u = np.nonzero(keep)
    return backproject(u, v, depth[v, u], K, cam_to_world), v, u


def voxel_keys(points: np.ndarray, size: float) -> np.ndarray:
    """One int64 key per point naming the voxel of edge ``size`` it lies in (21 bits an axis:
    up to a million voxels either side of the origin)."""
    ijk = np.floor(points / size).astype(np.int64) + (1 << 20)
    return (ijk[:, 0] << 42) | (ijk[:, 1] << 21) | ijk[:, 2]


def neighbour_keys(keys: np.ndarray) -> np.ndarray:
    """The voxels of ``keys`` (from `voxel_keys`) and their 26 neighbours, unique and sorted."""
    offs = np.array([(dx << 42) + (dy << 21) + dz for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)],
                    np.int64)
    return np.unique((np.asarray(keys, np.int64)[:, None] + offs[None]).ravel())
