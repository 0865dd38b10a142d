"""Where robots can be: floor poses for a round mobile robot from which each target (a graspable
object, a receptacle's free spot, a handle) is within reach, and mounts for a fixed-base arm
beside and on counters and tables.

A base pose is a cell of the navigation grid (`layout.navigation`) connected to a door, the one
nearest the target, checked exactly: the robot's footprint disc touches no floor object and
stays inside the walls. Reach is horizontal, from the base's centre. World frame, metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..layout.navigation import free_space
from .model import ArmMount, BasePose, Receptacle
from .settings import AffordanceSettings


@dataclass(frozen=True)
class Target:
    name: str
    """``grasp:<id>``, ``open:<id>/<joint>`` or ``place:<id>/<surface>``"""
    point: np.ndarray
    """(x, y, z) world"""
    region: object = None
    """a plan region (shapely) any point of which will do (where something can be placed);
    None: ``point`` itself"""

    def distances(self, xy: np.ndarray) -> np.ndarray:
        """Horizontal distance (m) from each plan point to the target."""
        if self.region is None:
            return np.linalg.norm(xy - self.point[:2], axis=1)
        import shapely

        return shapely.distance(shapely.points(xy), self.region)

    def aim(self, xy: np.ndarray) -> np.ndarray:
        """The plan point a robot at ``xy`` faces: the target's point, or the nearest point of
        its region."""
        if self.region is None:
            return self.point[:2]
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        p = nearest_points(self.region, Point(*xy))[0]
        return np.array([p.x, p.y])


class FloorCheck:
    """Exact test of a disc on the floor against the walls and the floor objects' footprints."""

    def __init__(self, room, blockers: list[np.ndarray]):
        import shapely
        from shapely.geometry import Polygon
        from shapely.prepared import prep

        self.floor = prep(Polygon(np.asarray(room.floor, float)))
        polys = [Polygon(b).buffer(0) for b in blockers if len(b) >= 3]
        self.blocked = prep(shapely.union_all(polys)) if polys else None

    def free(self, xy, radius: float) -> bool:
        from shapely.geometry import Point

        disc = Point(float(xy[0]), float(xy[1])).buffer(radius, quad_segs=16)
        return self.floor.contains(disc) and (self.blocked is None or not self.blocked.intersects(disc))


def base_poses(scene, blockers: list[np.ndarray], targets: list[Target], s: AffordanceSettings
               ) -> tuple[list[BasePose], list[str], list[str]]:
    """(poses, targets no pose reaches, notes). One pose per target, facing it; targets whose
    best pose is the same cell share it."""
    grid = free_space(scene.room, blockers, s.robot_radius, s.cell)
    notes = []
    if not grid.door_labels:
        notes.append("the room has no door a robot of this radius enters by: base poses lie on its largest free region"
                     if not grid.unreachable_doors else
                     f"no door admits a robot of radius {s.robot_radius} m: base poses lie on the largest free region")
    reach_mask = grid.reachable
    jj, ii = np.nonzero(reach_mask)
    cells = np.stack([grid.xs[ii], grid.ys[jj]], axis=1) if len(jj) else np.zeros((0, 2))
    clear = grid.clearance[jj, ii] if len(jj) else np.zeros(0)
    check = FloorCheck(scene.room, blockers)
    chosen: dict[int, list[Target]] = {}
    unreached = []
    for t in targets:
        d = t.distances(cells) if len(cells) else np.zeros(0)
        near = np.nonzero(d <= s.reach)[0]
        found = None
        for k in near[np.lexsort((-clear[near], np.round(d[near], 3)))]:
            if check.free(cells[k], s.robot_radius):
                found = int(k)
                break
        if found is None:
            unreached.append(t.name)
        else:
            chosen.setdefault(found, []).append(t)
    poses = []
    for k, ts in sorted(chosen.items(), key=lambda kv: kv[1][0].name):
        c = cells[k]
        aim = ts[0].aim(c) - c
        poses.append(BasePose([round(float(c[0]), 4), round(float(c[1]), 4), 0.0],
                              round(math.atan2(aim[1], aim[0]), 4), [t.name for t in ts]))
    return poses, unreached, notes


def arm_mounts(scene, blockers: list[np.ndarray], receptacles: list[Receptacle], targets: list[Target],
               static: set[str], s: AffordanceSettings) -> list[ArmMount]:
    """For every surface of a static object at a working height with room above it: per edge
    a floor mount just clear of the furniture and a counter mount on the free surface near the
    edge, each facing the surface's inside."""
    from shapely.geometry import Point

    check = FloorCheck(scene.room, blockers)
    out = []
    lo, hi = s.mount_heights
    for r in receptacles:
        if r.id not in static or not lo <= r.height <= hi or r.clearance < 0.5:
            continue
        outline = np.asarray(r.outline, float)
        centre = outline.mean(axis=0)
        free = r.free_region()
        for a, b in zip(outline, np.roll(outline, -1, axis=0)):
            edge = b - a
            length = float(np.linalg.norm(edge))
            if length < 2 * s.arm_radius:
                continue
            mid = (a + b) / 2
            n = np.array([edge[1], -edge[0]]) / length  # outward for a counter-clockwise outline
            if (centre - mid) @ n > 0:
                n = -n
            yaw = round(math.atan2(-n[1], -n[0]), 4)
            for d in np.arange(s.arm_radius + 0.01, s.arm_radius + 0.4, 0.02):
                q = mid + n * d
                if check.free(q, s.arm_radius):
                    out.append(_mount("floor", r, q, 0.0, yaw, targets, s))
                    break
            q = mid - n * (s.arm_radius + 0.02)
            if free is not None and free.contains(Point(q).buffer(s.arm_radius, quad_segs=16)):
                out.append(_mount("counter", r, q, r.height, yaw, targets, s))
    return out


def _mount(kind: str, r: Receptacle, q, z: float, yaw: float, targets: list[Target], s: AffordanceSettings) -> ArmMount:
    near = [t.name for t in targets if float(t.distances(np.asarray(q, float)[None])[0]) <= s.reach]
    return ArmMount(kind, f"{r.id}/{r.surface}", [round(float(q[0]), 4), round(float(q[1]), 4), round(float(z), 4)],
                    yaw, r.height, near)
