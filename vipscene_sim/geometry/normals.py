"""Shading normals of triangle meshes, for formats that want them authored (USD).

Per corner ("face-varying"): each triangle corner takes the area-weighted mean of the normals of
the triangles around its vertex that bend less than a crease angle from its own, so a box stays
sharp-edged while a turned bowl shades smooth, without splitting any vertex.
"""

from __future__ import annotations

import numpy as np

CREASE_DEG = 35.0
"""Faces meeting at a larger angle than this keep a hard edge between them."""


def corner_normals(vertices: np.ndarray, faces: np.ndarray, crease_deg: float = CREASE_DEG) -> np.ndarray:
    """(3F, 3) unit normals, one per triangle corner in face order (``faces.ravel()``)."""
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    raw = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])  # length: twice the area
    length = np.linalg.norm(raw, axis=1)
    unit = np.divide(raw, length[:, None], out=np.zeros_like(raw), where=length[:, None] > 0)
    corner_vertex = f.ravel()
    corner_face = np.repeat(np.arange(len(f)), 3)
    # every (corner, face around the corner's vertex) pair, through the faces sorted by vertex
    order = np.argsort(corner_vertex, kind="stable")
    start = np.searchsorted(corner_vertex[order], np.arange(len(v)))
    count = np.bincount(corner_vertex, minlength=len(v))
    reps = count[corner_vertex]
    pair_corner = np.repeat(np.arange(len(corner_vertex)), reps)
    offset = np.arange(len(pair_corner)) - np.repeat(np.cumsum(reps) - reps, reps)
    pair_face = corner_face[order[start[corner_vertex[pair_corner]] + offset]]
    keep = np.einsum("ij,ij->i", unit[corner_face[pair_corner]], unit[pair_face]) >= np.cos(np.radians(crease_deg))
    out = np.zeros((len(corner_vertex), 3))
    np.add.at(out, pair_corner[keep], raw[pair_face[keep]])
    n = np.linalg.norm(out, axis=1)
    fallback = unit[corner_face]
    fallback[np.linalg.norm(fallback, axis=1) == 0] = (0.0, 0.0, 1.0)  # degenerate triangles
    return np.where(n[:, None] > 0, out / np.maximum(n, 1e-300)[:, None], fallback)
