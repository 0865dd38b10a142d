"""Navigable floor for a round robot: an occupancy grid of the room, eroded by the robot radius,
and which free floor can be reached from the doors.

Shared by layout refinement (keep paths open) and the scene metrics / first-person walkthrough of
`vipscene score` (reachability of every object, where a person can walk).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..geometry.grid import clearance, free_cells, plan_axes
from ..geometry.room import door_mouth
from ..rules import ROBOT_RADIUS


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


@dataclass
class NavGrid:
    """Plan grid of the room (row j = y, column i = x; cell centres ``xs``, ``ys``, metres)."""

    xs: np.ndarray
    ys: np.ndarray
    cell: float
    inside: np.ndarray
    """cell centre inside the floor polygon"""
    clearance: np.ndarray
    """distance (m) from the cell centre to the nearest wall or obstacle"""
    free: np.ndarray
    """clearance > robot radius: the robot's centre may stand here"""
    labels: np.ndarray
    """connected components of ``free`` (0: not free)"""
    door_labels: list[int]
    """component entered through each reachable door"""
    unreachable_doors: list[int]
    door_cells: list[tuple[int, int]]
    """(row, column) of the first free cell inside each reachable door"""

    @property
    def reachable(self) -> np.ndarray:
        """Free cells connected to a door (all free cells of the largest component when the room
        has no door)."""
        if self.door_labels:
            return np.isin(self.labels, self.door_labels)
        if not self.labels.any():
            return np.zeros_like(self.free)
        counts = np.bincount(self.labels.ravel())
        counts[0] = 0
        return self.labels == int(np.argmax(counts))

    def index(self, xy) -> tuple[int, int]:
        """(row, column) of the cell holding plan point ``xy`` (may lie outside the grid)."""
        return round((xy[1] - self.ys[0]) / self.cell), round((xy[0] - self.xs[0]) / self.cell)

    def point(self, j: int, i: int) -> np.ndarray:
        return np.array([self.xs[i], self.ys[j]])


def free_space(room, footprints: list[np.ndarray], robot_radius: float = ROBOT_RADIUS, cell: float = 0.05) -> NavGrid:
    """``footprints``: floor-plane convex polygons (k, 2) of everything a robot cannot cross."""
    from scipy import ndimage

    floor = np.asarray(room.floor, float)
    xs, ys = plan_axes(floor, cell, margin=cell)  # a ring of wall cells all round
    inside, open_floor = free_cells(floor, footprints, xs, ys)
    dist = clearance(open_floor, cell)
    free = dist > robot_radius
    labels, _ = ndimage.label(free)
    grid = NavGrid(xs, ys, cell, inside, dist, free, labels, [], [], [])
    for k, op in enumerate(room.openings):
        if op.kind != "door":
            continue
        mid, _, n_in = door_mouth(floor, op)
        found = 0
        for depth in np.arange(robot_radius, robot_radius + 0.6, cell):  # step in from the doorway
            j, i = grid.index(mid + n_in * depth)
            if 0 <= j < labels.shape[0] and 0 <= i < labels.shape[1] and labels[j, i]:
                found = int(labels[j, i])
                break
        if found:
            grid.door_labels.append(found)
            grid.door_cells.append((j, i))
        else:
            grid.unreachable_doors.append(k)
    return grid


def navigation(room, footprints: list[np.ndarray], robot_radius: float = ROBOT_RADIUS, cell: float = 0.05) -> NavReport:
    """Free and door-reachable fractions of the floor for a robot of ``robot_radius``."""
    g = free_space(room, footprints, robot_radius, cell)
    n_free = int(g.free.sum())
    reach = int(np.isin(g.labels, list(set(g.door_labels))).sum()) if g.door_labels else 0
    return NavReport(
        free_fraction=n_free / max(int(g.inside.sum()), 1),
        reachable_fraction=reach / max(n_free, 1),
        doors_connected=len(set(g.door_labels)) <= 1 and not g.unreachable_doors,
        unreachable_doors=g.unreachable_doors,
    )
