"""Mass properties of an object from its collision geometry, computed once for every exporter.

Given the convex parts of an object (object frame, metres, already scaled) and its total mass,
the mass is spread uniformly over the parts' volume (union approximated by the sum: parts of our
assets barely overlap). The result holds the centre of mass and the inertia tensor about the
centre of mass, both in the object frame (origin at the bounding-box centre, +X front, +Z up), in
kg and kg m^2 — the form MJCF ``<inertial>``, URDF ``<inertial>`` and UsdPhysics expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

MIN_INERTIA = 1e-9  # kg m^2: simulators reject singular or zero principal moments


@dataclass(frozen=True)
class MassProperties:
    mass: float
    """kg"""
    com: tuple[float, float, float]
    """centre of mass in the object frame, m"""
    inertia: tuple[tuple[float, float, float], ...]
    """3x3 inertia tensor about the centre of mass, axes of the object frame, kg m^2"""

    def principal(self) -> tuple[np.ndarray, np.ndarray]:
        """Principal moments (ascending) and axes (columns) of the inertia tensor."""
        w, v = np.linalg.eigh(np.asarray(self.inertia))
        return np.maximum(w, MIN_INERTIA), v

    def principal_frame(self) -> tuple[np.ndarray, np.ndarray]:
        """Principal moments and axes as a proper rotation (columns, determinant +1)."""
        w, v = self.principal()
        if np.linalg.det(v) < 0:
            v[:, 0] = -v[:, 0]
        return w, v

    def diaginertia_quat(self) -> tuple[list[float], list[float]]:
        """Principal moments and the [w, x, y, z] rotation of the principal axes (MJCF style)."""
        from vipscene_sim.geometry.pose import matrix_to_quat

        w, v = self.principal_frame()
        return w.tolist(), matrix_to_quat(v).tolist()


def _tetra_props(vertices: np.ndarray, faces: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Volume, centroid and second-moment matrix (about the origin, unit density) of a closed
    mesh by signed tetrahedra from the origin (exact for closed, consistently wound meshes)."""
    a, b, c = (vertices[faces[:, i]] for i in range(3))
    vol6 = np.einsum("ij,ij->i", a, np.cross(b, c))
    volume = vol6.sum() / 6.0
    centroid = ((a + b + c) * vol6[:, None]).sum(axis=0) / (24.0 * volume) if volume else np.zeros(3)
    # covariance of a tetrahedron (0, a, b, c): vol/20 * (sum_i v_i v_i^T + s s^T), s = a + b + c
    s = a + b + c
    cov = (np.einsum("i,ij,ik->jk", vol6 / 120.0, a, a) + np.einsum("i,ij,ik->jk", vol6 / 120.0, b, b)
           + np.einsum("i,ij,ik->jk", vol6 / 120.0, c, c) + np.einsum("i,ij,ik->jk", vol6 / 120.0, s, s))
    return float(volume), centroid, cov


def mass_properties(parts: Sequence[tuple[np.ndarray, np.ndarray]], mass: float) -> MassProperties:
    """Mass properties of a rigid object made of closed meshes ``(vertices, faces)`` with total
    ``mass`` kg spread uniformly over their volume. Degenerate input falls back to the bounding box."""
    if not mass > 0:
        raise ValueError(f"mass must be > 0, got {mass}")
    vol, first, cov = 0.0, np.zeros(3), np.zeros((3, 3))
    for v, f in parts:
        pv, pc, pcov = _tetra_props(np.asarray(v, float), np.asarray(f, np.int64))
        if pv <= 0 or not np.isfinite(pv):
            continue
        vol += pv
        first += pv * pc
        cov += pcov
    if vol <= 1e-12:
        allv = np.vstack([np.asarray(v, float) for v, _ in parts]) if parts else np.zeros((1, 3))
        return box_mass_properties(allv.max(axis=0) - allv.min(axis=0), mass, (allv.max(axis=0) + allv.min(axis=0)) / 2)
    density = mass / vol
    com = first / vol
    cov_com = cov - vol * np.outer(com, com)
    inertia = density * (np.trace(cov_com) * np.eye(3) - cov_com)
    inertia = 0.5 * (inertia + inertia.T)
    return MassProperties(float(mass), tuple(float(x) for x in com), tuple(tuple(float(x) for x in row) for row in inertia))


def box_mass_properties(size: Sequence[float], mass: float, center: Sequence[float] = (0.0, 0.0, 0.0)) -> MassProperties:
    """Solid box of extents ``size`` (m): I = m/12 (b^2 + c^2) about each axis."""
    x, y, z = (float(max(s, 1e-6)) for s in size)
    d = np.diag([y * y + z * z, x * x + z * z, x * x + y * y]) * mass / 12.0
    return MassProperties(float(mass), tuple(float(c) for c in center), tuple(tuple(float(v) for v in row) for row in d))
