"""Navigable floor for a round robot: an occupancy grid of the room, eroded by the robot radius,
and which free floor can be reached from the doors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..polygon import rasterise, wall_segments


@dataclass
class NavReport:
    free_fraction: float
    """eroded free floor / floor area"""
    reachable_fraction: float
    """free floor reachable from any door / all eroded free floor"""
    doors_connected: bool
    """every door reaches the same free region"""
    unreachable_doors: list[int]

    def to_dict(self) -> dict:
        return {"free_fraction": round(self.free_fraction, 4), "reachable_fraction": round(self.reachable_fraction, 4),
                "doors_connected": self.doors_connected, "unreachable_doors": self.unreachable_doors}


def navigation(room, footprints: list[np.ndarray], robot_radius: float = 0.25, cell: float = 0.05) -> NavReport:
    """``footprints``: floor-plane convex polygons (k, 2) of everything a robot cannot cross."""
    from scipy import ndimage

    floor = np.asarray(room.floor, float)
    lo, hi = floor.min(axis=0) - cell, floor.max(axis=0) + cell
    xs = np.arange(lo[0] + cell / 2, hi[0], cell)
    ys = np.arange(lo[1] + cell / 2, hi[1], cell)
    inside = rasterise(floor, xs, ys)
    blocked = ~inside
    for fp in footprints:
        if len(fp) >= 3:
            blocked |= rasterise(np.asarray(fp, float), xs, ys)
    clearance = ndimage.distance_transform_edt(~blocked) * cell
    free = clearance > robot_radius
    labels, _ = ndimage.label(free)
    door_labels, unreachable = [], []
    segs = wall_segments(floor)
    for i, op in enumerate(room.openings):
        if op.kind != "door":
            continue
        a, b = segs[op.wall]
        d = (b - a) / np.linalg.norm(b - a)
        n_in = np.array([-d[1], d[0]])
        mid = a + d * (op.offset + op.width / 2)
        found = 0
        for depth in np.arange(robot_radius, robot_radius + 0.6, cell):  # step in from the doorway
            p = mid + n_in * depth
            ix, iy = int((p[0] - xs[0]) / cell + 0.5), int((p[1] - ys[0]) / cell + 0.5)
            if 0 <= iy < labels.shape[0] and 0 <= ix < labels.shape[1] and labels[iy, ix]:
                found = labels[iy, ix]
                break
        if found:
            door_labels.append(found)
        else:
            unreachable.append(i)
    n_free = int(free.sum())
    reach = int(np.isin(labels, list(set(door_labels))).sum()) if door_labels else 0
    return NavReport(
        free_fraction=n_free / max(int(inside.sum()), 1),
        reachable_fraction=reach / max(n_free, 1),
        doors_connected=len(set(door_labels)) <= 1 and not unreachable,
        unreachable_doors=unreachable,
    )
