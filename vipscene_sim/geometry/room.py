"""Solid pieces of a room shell: wall boxes with door and window openings cut out.

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
    boxes: list[WallBox] = []
    t, h = room.wall_thickness, room.height
    for i, (a, b) in enumerate(wall_segments(room.floor)):
        d = b - a
        length = float(np.linalg.norm(d))
        u = d / length
        n_out = np.array([u[1], -u[0]])  # outward normal of a counter-clockwise polygon
        yaw = math.atan2(u[1], u[0])
        # each wall is extended by the thickness at both ends so that outer corners close
        cuts = sorted((o.offset, o.offset + o.width, o.sill, o.sill + o.height)
                      for o in room.openings if o.wall == i)
        pieces: list[tuple[float, float, float, float]] = []  # s0, s1, z0, z1
        cursor = -t
        for s0, s1, z0, z1 in cuts:
            if s0 - cursor > min_piece:
                pieces.append((cursor, s0, 0.0, h))
            if z0 > min_piece:
                pieces.append((s0, s1, 0.0, z0))
            if h - z1 > min_piece:
                pieces.append((s0, s1, z1, h))
            cursor = max(cursor, s1)
        if length + t - cursor > min_piece:
            pieces.append((cursor, length + t, 0.0, h))
        for s0, s1, z0, z1 in pieces:
            mid = a + u * (s0 + s1) / 2 + n_out * t / 2
            boxes.append(WallBox(i, (float(mid[0]), float(mid[1]), (z0 + z1) / 2), (s1 - s0, t, z1 - z0), yaw))
    return boxes
