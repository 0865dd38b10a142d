"""Bringing external meshes into the asset convention: +Z up, +X front, origin at the
bounding-box centre, metres. Shared by the user-folder and objathor libraries."""

from __future__ import annotations

import re

import numpy as np

AXES = {"+x": (0, 1.0), "-x": (0, -1.0), "+y": (1, 1.0), "-y": (1, -1.0), "+z": (2, 1.0), "-z": (2, -1.0)}


def axis_vector(name: str) -> np.ndarray:
    if name not in AXES:
        raise ValueError(f"axis must be one of {', '.join(AXES)}, got {name!r}")
    i, sgn = AXES[name]
    v = np.zeros(3)
    v[i] = sgn
    return v


def orientation_matrix(up: str, front: str) -> np.ndarray:
    """Rotation taking the mesh's ``up`` axis to +Z and its ``front`` axis to +X."""
    u, f = axis_vector(up), axis_vector(front)
    if abs(u @ f) > 0.5:
        raise ValueError(f"up {up!r} and front {front!r} must be different axes")
    y = np.cross(u, f)  # +Y completes the right-handed frame: Z x X = Y
    src = np.stack([f, y, u])  # rows: where our X, Y, Z come from
    return src


def canonicalise(vertices: np.ndarray, rotation: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Rotate and scale vertices into our frame and centre them; returns (vertices, centre moved)."""
    v = (np.asarray(vertices, float) @ rotation.T) * scale
    lo, hi = v.min(axis=0), v.max(axis=0)
    c = (lo + hi) / 2
    return v - c, c


def clean_triangles(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop faces that index past the vertex array or repeat a vertex, and non-finite vertices."""
    v = np.asarray(vertices, float)
    f = np.asarray(faces, dtype=np.int64).reshape(-1, 3)
    finite = np.isfinite(v).all(axis=1)
    ok = (f >= 0).all(axis=1) & (f < len(v)).all(axis=1)
    f = f[ok]
    ok = finite[f].all(axis=1) & (f[:, 0] != f[:, 1]) & (f[:, 1] != f[:, 2]) & (f[:, 0] != f[:, 2])
    return v, f[ok]


def compact(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Only the vertices the faces use, faces renumbered (unused vertices may be NaN or far away
    and would otherwise set the bounding box)."""
    used, inverse = np.unique(np.asarray(faces).reshape(-1), return_inverse=True)
    return np.asarray(vertices, float)[used], inverse.reshape(-1, 3)


_NEGATIVE_ZERO = re.compile(r"(?<= )-0(?=[ \n])")


def write_obj(path, vertices: np.ndarray, faces: np.ndarray, uv: np.ndarray | None = None) -> None:
    """A Wavefront OBJ of triangles (6 significant digits, no negative zeros), with one texture
    coordinate per vertex when ``uv`` is given: what every exporter and the asset renderer write.
    printf-style formatting of whole lists: a furnished room's meshes in a fraction of a second."""
    from pathlib import Path

    parts = ["\n".join("v %.6g %.6g %.6g" % r for r in map(tuple, np.asarray(vertices, float).tolist()))]
    faces1 = (np.asarray(faces, np.int64) + 1).tolist()
    if uv is not None:
        parts.append("\n".join("vt %.6g %.6g" % r for r in map(tuple, np.asarray(uv, float).tolist())))
        parts.append("\n".join("f %d/%d %d/%d %d/%d" % (a, a, b, b, c, c) for a, b, c in faces1))
    else:
        parts.append("\n".join("f %d %d %d" % (a, b, c) for a, b, c in faces1))
    Path(path).write_text(_NEGATIVE_ZERO.sub("0", "\n".join(p for p in parts if p) + "\n"))


MAX_ASSET_FACES = 200_000
"""Triangles an external asset may bring into a build (MuJoCo's limit for one mesh). A larger one
is simplified once, when its library loads it, before refinement, decomposition and every
exporter touch it: a scanned 4-million-triangle sofa otherwise costs minutes and gigabytes in
each of them, for detail no simulator keeps."""


def simplify(v: np.ndarray, f: np.ndarray, uv: np.ndarray | None, max_faces: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """A mesh simplified by quadric edge collapse (fast-simplification) to at most ``max_faces``
    triangles; each kept vertex takes the texture coordinate of the nearest original vertex that
    collapsed into it, so textures stay on."""
    import fast_simplification

    v, f = np.asarray(v, float), np.asarray(f, np.int64)
    if len(f) <= max_faces:
        return v, f, uv
    _, _, collapses = fast_simplification.simplify(v, f, target_count=max_faces, return_collapses=True)
    pts, tris, mapping = fast_simplification.replay_simplification(v, f, collapses)
    new_uv = None
    if uv is not None:
        dist = np.linalg.norm(v - pts[mapping], axis=1)
        order = np.lexsort((dist, mapping))  # per kept vertex, its nearest original first
        first = order[np.r_[True, mapping[order][1:] != mapping[order][:-1]]]
        new_uv = np.zeros((len(pts), 2))
        new_uv[mapping[first]] = np.asarray(uv, float)[first]
    return np.asarray(pts, float), np.asarray(tris, np.int64).reshape(-1, 3), new_uv


def within_face_budget(meshes: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]], what: str,
                       warnings: list[str], max_faces: int | None = None
                       ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """An asset's meshes (vertices, faces, uv or None), each simplified in proportion when all
    of them together exceed ``max_faces`` (default `MAX_ASSET_FACES`); the simplification is
    recorded in ``warnings``."""
    max_faces = MAX_ASSET_FACES if max_faces is None else max_faces
    total = sum(len(f) for _, f, _ in meshes)
    if total <= max_faces:
        return meshes
    out = [simplify(v, f, uv, max(4, int(len(f) * max_faces / total))) for v, f, uv in meshes]
    warnings.append(f"{what}: {total:,} triangles simplified to {sum(len(f) for _, f, _ in out):,} "
                    f"(the limit for an asset is {max_faces:,})")
    return out


MIN_EXTENT = 1e-3
"""Thinnest axis of an asset, m: a flat or degenerate mesh cannot be a solid or a convex collider."""
MAX_EXTENT = 100.0
"""Largest axis of an asset, m: beyond it the mesh's unit is wrong (millimetres read as metres)."""


def check_extent(size, what: str) -> None:
    """Raise `AssetLoadError` unless every axis of ``size`` (m) lies within [MIN_EXTENT, MAX_EXTENT]."""
    from .library import AssetLoadError

    size = np.asarray(size, float)
    if not np.isfinite(size).all() or size.min() < MIN_EXTENT:
        raise AssetLoadError(f"{what}: the mesh is flat or degenerate (extent {np.round(size, 5).tolist()} m; "
                             f"every axis must be at least {MIN_EXTENT * 1000:g} mm)")
    if size.max() > MAX_EXTENT:
        raise AssetLoadError(f"{what}: the mesh is {size.max():.3g} m across; check its 'unit' "
                             f"(metres per file unit), at most {MAX_EXTENT:g} m is accepted")
