"""The room shell's geometry: wall frames, wall boxes with door and window openings cut out,
and the floor a door needs (its swing, its doorway).

Each wall runs along floor-polygon edge i; its inner face lies on the edge and it extends
``wall_thickness`` outwards. A wall with openings is split into boxes: full-height pieces
between openings, a lintel above each opening and, under a window, a sill piece. Used by the
preview, and by the physics and export stages for static colliders.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..scene import Room
from .polygon import wall_segments


@dataclass(frozen=True)
class WallBox:
    """An oriented box: centre (world, m), size along (wall direction, thickness, height), yaw."""

    wall: int
    center: tuple[float, float, float]
    size: tuple[float, float, float]
    yaw: float


def wall_boxes(room: Room, min_piece: float = 1e-3) -> list[WallBox]:
    """The boxes of every wall (openings cut out), in wall order. A wall is extended by its
    thickness past each end whose corner is convex, so outer corners close; never past a reflex
    corner (an L-shaped room's inner corner), where the extension would stand inside the room."""
    boxes: list[WallBox] = []
    t, h = room.wall_thickness, room.height
    segments = wall_segments(room.floor)
    for i, (a, b) in enumerate(segments):
        d = b - a
        length = float(np.linalg.norm(d))
        u = d / length
        n_out = np.array([u[1], -u[0]])  # outward normal of a counter-clockwise polygon
        yaw = math.atan2(u[1], u[0])
        pa, nb = segments[i - 1][0], segments[(i + 1) % len(segments)][1]
        start = t if _cross(a - pa, d) > 0 else 0.0  # a left turn into this wall: a convex corner
        end = t if _cross(d, nb - b) > 0 else 0.0
        cuts = sorted((o.offset, o.offset + o.width, o.sill, o.sill + o.height)
                      for o in room.openings if o.wall == i)
        pieces: list[tuple[float, float, float, float]] = []  # s0, s1, z0, z1
        cursor = -start
        for s0, s1, z0, z1 in cuts:
            if s0 - cursor > min_piece:
                pieces.append((cursor, s0, 0.0, h))
            if z0 > min_piece:
                pieces.append((s0, s1, 0.0, z0))
            if h - z1 > min_piece:
                pieces.append((s0, s1, z1, h))
            cursor = max(cursor, s1)
        if length + end - cursor > min_piece:
            pieces.append((cursor, length + end, 0.0, h))
        for s0, s1, z0, z1 in pieces:
            mid = a + u * (s0 + s1) / 2 + n_out * t / 2
            boxes.append(WallBox(i, (float(mid[0]), float(mid[1]), (z0 + z1) / 2), (s1 - s0, t, z1 - z0), yaw))
    return boxes


def _cross(p, q) -> float:
    return float(p[0] * q[1] - p[1] * q[0])


def wall_frame(floor, wall: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Start, unit direction, inward normal (into the room of a counter-clockwise floor) and
    length of wall ``wall``."""
    a, b = wall_segments(floor)[wall]
    length = float(np.linalg.norm(b - a))
    d = (b - a) / length
    return a, d, np.array([-d[1], d[0]]), length


def door_mouth(floor, door) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre of an opening on its wall, the wall's direction and the inward normal."""
    a, d, n_in, _ = wall_frame(floor, door.wall)
    return a + d * (door.offset + door.width / 2), d, n_in


def swing_depth(door) -> float:
    """How far into the room a door's leaves sweep (m): its width for one leaf, half of it for a
    double door, nothing for an open doorway."""
    return {0: 0.0, 2: door.width / 2}.get(getattr(door, "leaves", 1), door.width)


def door_swing(floor, door, reach: float = 0.0) -> np.ndarray:
    """Counter-clockwise floor polygon (4, 2) a door sweeps: the door's width by its
    `swing_depth` on the room side, plus ``reach`` m beyond it."""
    a, d, n, _ = wall_frame(floor, door.wall)
    s0 = a + d * door.offset
    depth = swing_depth(door) + reach
    return np.array([s0, s0 + d * door.width, s0 + d * door.width + n * depth, s0 + n * depth])


def door_swing_box(floor, door, height: float = 2.0) -> tuple[list[float], list[float], float] | None:
    """The swept area as a box standing on the floor: centre, size and yaw (for 3D queries);
    None for an open doorway, which sweeps nothing."""
    depth = swing_depth(door)
    if depth <= 0:
        return None
    mid, d, n_in = door_mouth(floor, door)
    centre = mid + n_in * (depth / 2)
    return [centre[0], centre[1], height / 2], [door.width, depth, height], math.atan2(d[1], d[0])


def doorway(room) -> tuple[np.ndarray, np.ndarray]:
    """Where one enters: the first door's centre and inward normal (without a door, the middle of
    the longest wall)."""
    doors = [o for o in room.openings if o.kind == "door"]
    if doors:
        mid, _, n_in = door_mouth(room.floor, doors[0])
        return mid, n_in
    segs = wall_segments(room.floor)
    a, b = max(segs, key=lambda s: np.linalg.norm(s[1] - s[0]))
    d = (b - a) / np.linalg.norm(b - a)
    return a + d * (float(np.linalg.norm(b - a)) / 2), np.array([-d[1], d[0]])
