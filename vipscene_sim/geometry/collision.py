"""Geometric queries between objects of a Scene, on convex hulls, through PyBullet (no dynamics).

Used by layout refinement to judge interpenetration in 3D on the assets' collision geometry (a
chair may slide under a table; a lamp stands on a nightstand), and shared with the physics stage
for loading convex hulls: PyBullet's ``createCollisionShapeArray`` keeps only 16 shapes, so an
object's hulls are written to one small OBJ file whose objects ("o" groups) load as a compound of
convex hulls without that limit.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from pathlib import Path

import numpy as np

from .pose import quat_to_matrix

Mesh = tuple[np.ndarray, np.ndarray]


def pybullet():
    """The pybullet module, imported without its banner: its C code prints the build time on
    stdout and stderr, which would corrupt ``--json`` output and clutter every command's log."""
    import sys

    if "pybullet" not in sys.modules:
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        saved = [os.dup(1), os.dup(2)]
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                os.dup2(null.fileno(), 2)
                import pybullet  # noqa: F401
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
    return sys.modules["pybullet"]


def compound_obj(hulls) -> str:
    """Wavefront OBJ text with one object per convex hull."""
    lines, offset = [], 1
    for k, (v, f) in enumerate(hulls):
        lines.append(f"o hull{k}")
        lines.extend(f"v {x:.9g} {y:.9g} {z:.9g}" for x, y, z in v)
        lines.extend(f"f {a + offset} {b + offset} {c + offset}" for a, b, c in f)
        offset += len(v)
    return "\n".join(lines) + "\n"


def xyzw(q_wxyz) -> list[float]:
    return [float(q_wxyz[1]), float(q_wxyz[2]), float(q_wxyz[3]), float(q_wxyz[0])]


def layout_hulls(obj, libraries) -> list[Mesh]:
    """Convex pieces of an object's asset in its object frame, scaled: the parts of a built-in
    asset, the colliders shipped with an objathor asset, else the convex hull of the whole mesh
    (conservative: it never misses a contact). Objects without an asset are their box."""
    import trimesh

    def box() -> list[Mesh]:
        b = trimesh.creation.box(extents=np.maximum(np.asarray(obj.size, float), 1e-3))
        return [(np.asarray(b.vertices), np.asarray(b.faces))]

    if obj.asset is None:
        return box()
    g = libraries.resolve(obj.asset)
    if g is None:  # unloadable (the library records why): its box
        return box()
    s = np.asarray(obj.asset.scale, float)
    if g.convex_parts:
        return [(p.vertices * s, p.faces) for p in g.parts]
    if g.collision_parts:
        return [(p.vertices * s, p.faces) for p in g.collision_parts]
    h = trimesh.convex.convex_hull(np.vstack([p.vertices for p in g.parts]) * s)
    return [(np.asarray(h.vertices), np.asarray(h.faces))]


class CollisionWorld:
    """Static convex bodies that can be moved and queried for penetration."""

    def __init__(self):
        pb = pybullet()
        self.pb = pb
        self.cid = pb.connect(pb.DIRECT)
        self._tmp = tempfile.TemporaryDirectory(prefix="vipscene_collide_")
        self.ids: dict[str, int] = {}
        self._shapes: dict[bytes, int] = {}

    def close(self) -> None:
        self.pb.disconnect(self.cid)
        self._tmp.cleanup()

    def __enter__(self) -> CollisionWorld:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, name: str, hulls: list[Mesh], position, quat_wxyz) -> None:
        # objects with the same hulls (a hundred copies of one mug) share one collision shape
        h = hashlib.sha1()
        for v, f in hulls:
            h.update(np.ascontiguousarray(v, np.float64).tobytes())
            h.update(np.ascontiguousarray(f, np.int64).tobytes())
        shape = self._shapes.get(h.digest())
        if shape is None:
            path = Path(self._tmp.name) / f"{len(self._shapes)}.obj"
            path.write_text(compound_obj(hulls))
            shape = self.pb.createCollisionShape(self.pb.GEOM_MESH, fileName=str(path), physicsClientId=self.cid)
            self._shapes[h.digest()] = shape
        self.ids[name] = self.pb.createMultiBody(0, shape, basePosition=list(map(float, position)),
                                                 baseOrientation=xyzw(quat_wxyz), physicsClientId=self.cid)

    def add_box(self, name: str, center, size, yaw: float = 0.0) -> None:
        shape = self.pb.createCollisionShape(self.pb.GEOM_BOX, halfExtents=[s / 2 for s in size], physicsClientId=self.cid)
        self.ids[name] = self.pb.createMultiBody(0, shape, basePosition=list(map(float, center)),
                                                 baseOrientation=[0, 0, math.sin(yaw / 2), math.cos(yaw / 2)],
                                                 physicsClientId=self.cid)

    def remove(self, name: str) -> None:
        self.pb.removeBody(self.ids.pop(name), physicsClientId=self.cid)

    def move(self, name: str, position, quat_wxyz) -> None:
        self.pb.resetBasePositionAndOrientation(self.ids[name], list(map(float, position)), xyzw(quat_wxyz),
                                                physicsClientId=self.cid)

    def penetration(self, a: str, b: str) -> tuple[float, np.ndarray]:
        """Deepest penetration depth (m, 0 when apart) of a and b, and the normal pointing from b
        towards a (the direction that separates a from b)."""
        worst, normal = deepest_penetration(self.pb, self.ids[a], self.ids[b], self.cid)
        return worst, np.zeros(3) if normal is None else normal


def deepest_penetration(pb, a: int, b: int, client: int) -> tuple[float, np.ndarray | None]:
    """Deepest penetration depth (m, 0 when apart) of PyBullet bodies a and b, and the contact
    normal on b pointing towards a (None when they do not penetrate)."""
    worst, normal = 0.0, None
    for c in pb.getClosestPoints(a, b, distance=0.0, physicsClientId=client):
        if -float(c[8]) > worst:
            worst, normal = -float(c[8]), np.asarray(c[7], float)
    return worst, normal


def overlapping_boxes(boxes: np.ndarray, tol: float = 0.0) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of axis-aligned boxes (rows x0 y0 z0 x1 y1 z1) that meet
    within ``tol``, in sorted order: the broad phase before an exact contact test. Sort and sweep
    along the floor axis the boxes spread over most, so the cost is n log n plus the pairs found
    (not n squared: ten thousand mugs on a floor are a few thousand candidates, not fifty million)."""
    b = np.asarray(boxes, float).reshape(-1, 6)
    n = len(b)
    if n < 2:
        return []
    size = np.maximum(b[:, 3:5] - b[:, 0:2], 1e-9).mean(axis=0)
    spread = (b[:, 0:2].max(axis=0) - b[:, 0:2].min(axis=0)) / size
    ax = int(np.argmax(spread))
    order = np.argsort(b[:, ax], kind="stable")
    s = b[order]
    starts = s[:, ax]
    ends = np.searchsorted(starts, s[:, ax + 3] + tol, side="right")
    out = []
    for k in range(n - 1):
        if ends[k] <= k + 1:
            continue
        c = s[k + 1:ends[k]]
        hit = np.ones(len(c), bool)
        for d in range(3):
            if d != ax:
                hit &= (c[:, d] <= s[k, d + 3] + tol) & (s[k, d] <= c[:, d + 3] + tol)
        i = int(order[k])
        for j in order[k + 1:ends[k]][hit].tolist():
            out.append((i, j) if i < j else (j, i))
    out.sort()
    return out


def plan_footprint(vertices: np.ndarray) -> np.ndarray:
    """Counter-clockwise convex hull (k, 2) of vertices in the floor plane; their bounding
    rectangle when the hull is degenerate (a flat or one-point object)."""
    from scipy.spatial import ConvexHull, QhullError

    xy = np.asarray(vertices, float)[:, :2]
    try:
        return xy[ConvexHull(xy).vertices]
    except (QhullError, ValueError):
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        return np.array([[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]])


def world_vertices(hulls: list[Mesh], position, quat_wxyz) -> np.ndarray:
    r = quat_to_matrix(quat_wxyz)
    return np.vstack([v @ r.T for v, _ in hulls]) + np.asarray(position, float)


__all__ = ["CollisionWorld", "compound_obj", "deepest_penetration", "layout_hulls", "overlapping_boxes", "plan_footprint", "pybullet", "world_vertices", "xyzw"]
