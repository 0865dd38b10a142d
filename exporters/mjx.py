"""The collision budget of the ``mjx`` MJCF profile, for simulators that batch many worlds on a GPU
(MJX, MuJoCo Warp).

MJX compiles one collision routine per pair of geom types *and per distinct mesh*, and evaluates
every candidate geom pair of a group on every step: a room of a few hundred convex hulls never
finishes compiling. So in this profile:

- every collision hull becomes a box primitive (its minimum-volume oriented box; MJX and Warp
  collide boxes natively), and a movable object's hulls merge into one box where the object's
  outer shape (the convex hull of all its hulls) fills at least `MERGE_IOU` of it: a hollow mug
  of sixteen wall pieces becomes one box, as solid as it looks from outside; a movable object's
  boxes stay within its plan outline, so a round thing's box corners do not push into its
  neighbours;
- a door, drawer or lid of static furniture cannot touch static furniture, or another such
  part, outside the space it sweeps: those body pairs are excluded (exact: nothing is lost that
  could ever touch);
- ``max_geom_pairs`` and ``max_contact_points`` (MJX's custom numerics) bound the pairs and
  contacts each step processes, sized from the scene at rest with headroom;
- (in `exporters.mjcf`) condim 3, pyramidal cones and MuJoCo's default contact softness: what
  float32 simulation stays stable with.

What was approximated is returned per object with the volume IoU of its boxes against its hulls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MERGE_IOU = 0.5
"""A movable object's hulls become one box when its outer shape fills this much of the box."""
SWEEP_MARGIN = 0.05
"""m around the space a moving part sweeps within which static furniture keeps its contacts."""
CONTACTS_PER_PAIR = 8
"""Contact points MJX's box-box routine returns for a pair (kept or not): ``max_contact_points``
keeps the deepest, so it must hold all of every touching pair's."""
PAIR_HEADROOM = 2
"""Broad-phase pairs kept per step: this many times the pairs whose bounding spheres overlap at rest."""


@dataclass(frozen=True)
class Approximation:
    """How an object's colliders were replaced: hulls in, boxes out, the volume IoU kept."""

    object_id: str
    hulls: int
    boxes: int
    iou: float

    def to_dict(self) -> dict:
        return {"hulls": self.hulls, "boxes": self.boxes, "iou": round(self.iou, 4)}


def _volume(v: np.ndarray) -> float:
    from scipy.spatial import ConvexHull, QhullError

    try:
        return float(ConvexHull(v).volume)
    except (QhullError, ValueError):  # flat or degenerate: no volume
        return 0.0


def oriented_box(points: np.ndarray, upright: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(centre, 3x3 rotation with columns the box axes, half extents) of the smallest box
    holding ``points``; the axis-aligned box when it is as small (exact for box hulls).
    ``upright``: turned about +Z only, so its bottom is flat where the object stands."""
    import trimesh

    p = np.asarray(points, float)
    lo, hi = p.min(axis=0), p.max(axis=0)
    aabb = ((lo + hi) / 2, np.eye(3), (hi - lo) / 2)
    try:
        if upright:
            to_origin, extents = trimesh.bounds.oriented_bounds_2D(p[:, :2])
            t2 = np.linalg.inv(to_origin)
            r = np.eye(3)
            r[:2, :2] = t2[:2, :2]
            if np.linalg.det(r) < 0:
                r[:, 1] *= -1
            t = np.eye(4)
            t[:3, :3] = r
            t[:2, 3] = t2[:2, 2]
            t[2, 3] = (lo[2] + hi[2]) / 2
            to_origin = np.linalg.inv(t)
            extents = np.array([extents[0], extents[1], hi[2] - lo[2]])
        else:
            to_origin, extents = trimesh.bounds.oriented_bounds(p)
    except Exception:  # noqa: BLE001 - degenerate point sets: the axis-aligned box holds them
        return aabb
    if np.prod(extents) >= np.prod(hi - lo) * (1 - 1e-6):
        return aabb
    t = np.linalg.inv(to_origin)
    r = t[:3, :3]
    if np.linalg.det(r) < 0:  # a right-handed frame for the geom's quaternion
        r = r * np.array([1.0, 1.0, -1.0])
    return t[:3, 3], r, np.asarray(extents, float) / 2


def within_footprint(box, points: np.ndarray):
    """``box`` with its two most horizontal axes shrunk (never grown) so that its vertical edges
    stay inside the plan outline of ``points``: a round lamp's box does not poke its corners into
    the wall behind it (the object still stands on the box's full height)."""
    from scipy.spatial import ConvexHull, QhullError

    c, r, h = box
    up = int(np.argmax(np.abs(r[2, :])))  # the box axis nearest the object's +Z
    across = [k for k in range(3) if k != up]
    local = ((np.asarray(points, float) - c) @ r)[:, across]
    try:
        eq = ConvexHull(local).equations  # n . p + d <= 0 inside
    except (QhullError, ValueError):
        return box
    corners = np.array([[sx * h[across[0]], sy * h[across[1]]] for sx in (-1, 1) for sy in (-1, 1)])
    reach = corners @ eq[:, :2].T  # (corner, edge)
    with np.errstate(divide="ignore", invalid="ignore"):
        limits = np.where(reach > 1e-12, -eq[:, 2] / reach, np.inf)
    scale = float(np.clip(limits.min(), 0.5, 1.0))  # an outline the box centre lies outside of: at most halved
    h = h.copy()
    h[across] *= scale
    return c, r, h


def volume_iou(boxes, hulls, samples: int = 24) -> float:
    """Intersection over union of the union of ``boxes`` and the union of ``hulls``, on a fixed
    ``samples``-cubed grid over both (deterministic, about 1 % at the default)."""
    from scipy.spatial import ConvexHull, QhullError

    corners = [c[:, None] + (r * h) @ np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]).T
               for c, r, h in boxes]
    pts = np.vstack([np.asarray(v, float) for v, _ in hulls] + [k.T for k in corners])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    axes = [np.linspace(lo[k], hi[k], samples) for k in range(3)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)
    in_box = np.zeros(len(grid), bool)
    for c, r, h in boxes:
        in_box |= np.all(np.abs((grid - c) @ r) <= h + 1e-9, axis=1)
    in_hull = np.zeros(len(grid), bool)
    for v, _ in hulls:
        try:
            eq = ConvexHull(np.asarray(v, float)).equations
        except (QhullError, ValueError):
            continue
        in_hull |= np.all(grid @ eq[:, :3].T + eq[:, 3] <= 1e-9, axis=1)
    union = np.count_nonzero(in_box | in_hull)
    return float(np.count_nonzero(in_box & in_hull)) / union if union else 1.0


def boxes_for(object_id: str, hulls: list, movable: bool, merge: bool = True) -> tuple[list, Approximation]:
    """Boxes (centre, axes, half extents) replacing ``hulls`` (object or link frame). For a
    ``movable`` object: upright boxes, one for all of them where ``merge`` and their outer shape
    fills `MERGE_IOU` of it, each kept inside the object's plan outline (`within_footprint`)."""
    if not hulls:  # nothing collides (a rug, a carcass made only of moving parts)
        return [], Approximation(object_id, 0, 0, 1.0)
    points = np.vstack([np.asarray(v, float) for v, _ in hulls])
    boxes = None
    if movable and merge and len(hulls) > 1:
        box = oriented_box(points, upright=True)
        if _volume(points) / max(float(np.prod(2 * box[2])), 1e-12) >= MERGE_IOU:
            boxes = [within_footprint(box, points)]
    if boxes is None:
        boxes = [oriented_box(np.asarray(v, float), upright=movable) for v, _ in hulls]
        if movable:
            boxes = [within_footprint(b, np.asarray(v, float)) for b, (v, _) in zip(boxes, hulls)]
    return boxes, Approximation(object_id, len(hulls), len(boxes), volume_iou(boxes, hulls))


def _world_aabb(points: np.ndarray, position, quaternion) -> np.ndarray:
    from vipscene_sim.geometry.pose import quat_to_matrix

    w = np.asarray(points, float) @ quat_to_matrix(quaternion).T + np.asarray(position, float)
    return np.stack([w.min(axis=0), w.max(axis=0)])


def far_link_pairs(scene, bodies, names: dict[str, str], link_name) -> list[tuple[str, str]]:
    """MJCF body-name pairs that can never touch: a moving part of static furniture and a static
    object, or two such parts of different objects, where the space the part sweeps over its
    whole range (plus `SWEEP_MARGIN`) misses the other. ``link_name(body, joint)`` names a part's
    body. Parts of movable objects go where their object goes and keep all their pairs."""
    from assets.articulation import link_transform

    statics, links = {}, {}
    for o in scene.objects:
        b = bodies.get(o.id)
        if b is None or b.dynamic:
            continue
        if b.hulls:
            statics[names[o.id]] = (o.id, _world_aabb(np.vstack([v for v, _ in b.hulls]), o.position, o.quaternion))
        for lk in b.links:
            pts = np.vstack([v for v, _ in lk.hulls])
            qs = np.linspace(lk.joint.limits[0], lk.joint.limits[1], 9)
            swept = np.vstack([pts @ t[:3, :3].T + t[:3, 3] for t in (link_transform(lk.joint, float(q)) for q in qs)])
            links[link_name(names[o.id], lk.joint.name)] = (o.id, _world_aabb(swept, o.position, o.quaternion))

    def apart(a, b) -> bool:
        return bool(np.any(a[0] - SWEEP_MARGIN > b[1]) or np.any(b[0] - SWEEP_MARGIN > a[1]))

    out = []
    for name, (oid, box) in links.items():
        out += [(name, other) for other, (sid, sbox) in statics.items() if sid != oid and apart(box, sbox)]
    names_l = list(links)
    for i, a in enumerate(names_l):
        out += [(a, b) for b in names_l[i + 1:] if links[a][0] != links[b][0] and apart(links[a][1], links[b][1])]
    return out


def broadphase_pairs(model, data) -> int:
    """Candidate geom pairs (colliding types, different weld bodies, not excluded) whose bounding
    spheres overlap in the state of ``data``, planes left out (MJX never culls them)."""
    import mujoco

    g = np.array([i for i in range(model.ngeom) if (model.geom_contype[i] or model.geom_conaffinity[i])
                  and model.geom_type[i] != mujoco.mjtGeom.mjGEOM_PLANE])
    if len(g) < 2:
        return 0
    weld = model.body_weldid[model.geom_bodyid[g]]
    body = model.geom_bodyid[g]
    i, j = np.triu_indices(len(g), 1)
    keep = weld[i] != weld[j]
    keep &= ((model.geom_contype[g][i] & model.geom_conaffinity[g][j]) | (model.geom_contype[g][j] & model.geom_conaffinity[g][i])) != 0
    lo, hi = np.minimum(body[i], body[j]), np.maximum(body[i], body[j])
    keep &= ~np.isin((lo.astype(np.int64) << 16) + hi, np.asarray(model.exclude_signature, np.int64))
    gap = np.linalg.norm(data.geom_xpos[g][i] - data.geom_xpos[g][j], axis=1) - model.geom_rbound[g][i] - model.geom_rbound[g][j]
    return int(np.count_nonzero(keep & (gap <= 0)))


PENETRATION = 0.001
"""m: a movable object's boxes overlapping anything deeper than this at the start are unmerged."""


def penetrating(model, data) -> set[str]:
    """Names of free bodies whose geoms overlap another body's by more than `PENETRATION` in the
    state of ``data`` (after ``mj_forward``): a merged box that swallowed a neighbour (a book
    under a lamp's shade)."""
    free = {int(model.jnt_bodyid[j]) for j in range(model.njnt) if model.jnt_type[j] == 0}
    out = set()
    for c in data.contact[:data.ncon]:
        if c.dist < -PENETRATION:
            for g in (c.geom1, c.geom2):
                b = int(model.body_rootid[model.geom_bodyid[g]])
                if b in free:
                    out.add(model.body(b).name)
    return out
