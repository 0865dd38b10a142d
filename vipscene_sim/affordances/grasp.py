"""Graspable objects: dynamic objects a parallel gripper can span and lift, with the approaches
(from above, from either side) whose fingers and pre-grasp corridor touch nothing else.

The gripper closes along the direction in which the object's plan footprint is narrowest
(rotating calipers over its convex hull); a side approach comes in horizontally across it.
World frame, metres.
"""

from __future__ import annotations

import math

import numpy as np

from ..geometry.polygon import points_in_polygon
from .model import Approach, Graspable
from .settings import AffordanceSettings

CONTACT_TOL = 0.001
"""Penetration (m) of a gripper box into another object that counts as a collision."""


def narrowest(footprint: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Narrowest width of a convex plan polygon, the unit direction across it (the closing
    direction) and the centre of the polygon's extent in that frame."""
    fp = np.asarray(footprint, float)
    best = (math.inf, np.array([1.0, 0.0]), fp.mean(axis=0))
    edges = np.roll(fp, -1, axis=0) - fp
    for e in edges:
        n = np.linalg.norm(e)
        if n < 1e-9:
            continue
        nrm = np.array([-e[1], e[0]]) / n
        t = np.array([nrm[1], -nrm[0]])
        a, b = fp @ nrm, fp @ t
        w = float(a.max() - a.min())
        if w < best[0]:
            centre = nrm * (a.max() + a.min()) / 2 + t * (b.max() + b.min()) / 2
            best = (w, nrm, centre)
    return best


def gripper_boxes(kind: str, centre: np.ndarray, n: np.ndarray, t: np.ndarray, width: float, extent_t: float,
                  z: tuple[float, float], grasp_z: float, s: AffordanceSettings) -> list[tuple[np.ndarray, list[float], float]]:
    """(centre, size along (n, t, z), yaw of n) of the boxes a gripper fills on an approach:
    the two fingers beside the object and the corridor the hand comes through. ``t`` is the
    side approach's outward direction (the hand comes from +t)."""
    yaw = math.atan2(n[1], n[0])
    off = width / 2 + s.finger_thickness / 2 + 0.002
    span = width + 2 * s.finger_thickness + 0.004
    if kind == "top":
        top = z[1]
        depth = min(s.finger_depth, 0.5 * (z[1] - z[0]))
        fz = top - depth / 2
        boxes = [(np.r_[centre + k * off * n, fz], [s.finger_thickness, s.finger_breadth, depth], yaw) for k in (-1, 1)]
        boxes.append((np.r_[centre, top + 0.004 + s.approach_distance / 2], [span, s.finger_breadth, s.approach_distance], yaw))
        return boxes
    depth = min(s.finger_depth, extent_t / 2)
    edge = centre + t * extent_t / 2
    fc = edge - t * depth / 2
    fh = s.finger_breadth
    boxes = [(np.r_[fc + k * off * n, grasp_z], [s.finger_thickness, depth, fh], yaw) for k in (-1, 1)]
    boxes.append((np.r_[edge + t * (0.004 + s.approach_distance / 2), grasp_z], [span, s.approach_distance, fh], yaw))
    return boxes


def graspables(scene, geo, bodies, world, s: AffordanceSettings) -> list[Graspable]:
    """Every dynamic object narrower than the gripper opening and lighter than ``max_mass``,
    with its free approaches. ``geo``: `object_geometry` of the scene; ``world``: a
    `CollisionWorld` holding every object's hulls under its id."""
    floor = np.asarray(scene.room.floor, float)
    boxes_all = {oid: np.r_[g.vertices.min(axis=0), g.vertices.max(axis=0)] for oid, g in geo.items()}
    out = []
    probe = 0
    for o in scene.objects:
        b = bodies.get(o.id)
        if b is None or not b.dynamic or not b.hulls:
            continue
        mass = float(b.mass.mass) + sum(float(lk.mass.mass) for lk in b.links)  # carcass and moving links
        g = geo[o.id]
        width, n, centre = narrowest(g.footprint)
        if width > s.gripper_opening or mass > s.max_mass:
            continue
        z = (float(g.vertices[:, 2].min()), float(g.vertices[:, 2].max()))
        t = np.array([n[1], -n[0]])
        ext_t = float(np.ptp(g.footprint @ t))
        height = z[1] - z[0]
        grasp_z = z[0] + min(max(0.5 * height, s.finger_breadth / 2 + 0.005), 0.15)
        approaches = []
        for kind, side in (("top", t), ("side", t), ("side", -t)):
            parts = gripper_boxes(kind, centre, n, side, width, ext_t, z, grasp_z, s)
            probe += 1
            if _free(world, parts, o.id, boxes_all, floor, scene.room.height, probe):
                direction = [0.0, 0.0, -1.0] if kind == "top" else [float(-side[0]), float(-side[1]), 0.0]
                point = [float(centre[0]), float(centre[1]), float(z[1] - min(s.finger_depth, 0.5 * height) / 2
                                                                  if kind == "top" else grasp_z)]
                approaches.append(Approach(kind, _r(direction), _r(point), _r([n[0], n[1], 0.0])))
        support = o.support.on if o.support.kind == "on" else o.support.kind
        out.append(Graspable(o.id, o.category, round(width, 4), round(height, 4), round(mass, 4), support, approaches))
    return out


def _free(world, parts, own: str, boxes: dict, floor: np.ndarray, ceiling: float, probe: int) -> bool:
    """No gripper box reaches into another object, through a wall or the ceiling."""
    for k, (c, size, yaw) in enumerate(parts):
        cy, sy = math.cos(yaw), math.sin(yaw)
        hx, hy = size[0] / 2, size[1] / 2
        corners = np.array([[c[0] + cy * a - sy * b, c[1] + sy * a + cy * b] for a in (-hx, hx) for b in (-hy, hy)])
        if not points_in_polygon(corners, floor).all() or c[2] + size[2] / 2 > ceiling or c[2] - size[2] / 2 < 0:
            return False
        lo = np.r_[corners.min(axis=0), c[2] - size[2] / 2]
        hi = np.r_[corners.max(axis=0), c[2] + size[2] / 2]
        near = [oid for oid, bb in boxes.items() if oid != own and (bb[:3] <= hi).all() and (lo <= bb[3:]).all()]
        if not near:
            continue
        name = f"__gripper_{probe}_{k}"
        world.add_box(name, c, size, yaw)
        try:
            if any(world.penetration(name, oid)[0] > CONTACT_TOL for oid in near if oid in world.ids):
                return False
        finally:
            world.remove(name)
    return True


def _r(v) -> list[float]:
    return [round(float(x), 4) for x in v]
