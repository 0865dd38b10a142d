"""Camera paths like the room videos a video model generates: a slow pan from the doorway, an
orbit around the room centre, and a walk into the room. Eye height about 1.5 m; deterministic for
a seed (a small smooth wobble makes paths less synthetic).

Poses are camera-to-world 4x4 matrices in the OpenCV camera convention (x right, y down, z
forward), world +Z up, metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..geometry.grid import clearance, free_cells, plan_axes
from ..geometry.pose import look_pose
from ..geometry.room import doorway

PATHS = ("pan", "orbit", "walk")


@dataclass(frozen=True)
class CameraSettings:
    path: str = "pan"
    """"pan" (from the doorway), "orbit" (around the room centre) or "walk" (into the room)."""
    frames: int = 24
    """Number of frames."""
    width: int = 320
    height: int = 240
    fovy_deg: float = 60.0
    """Vertical field of view."""
    eye_height: float = 1.5
    pitch_deg: float = -12.0
    """Downward tilt of the camera."""
    wobble: float = 0.01
    """Amplitude (m) of a smooth hand-held wobble, 0 for none."""


def intrinsics(s: CameraSettings) -> np.ndarray:
    fy = 0.5 * s.height / math.tan(math.radians(s.fovy_deg) / 2)
    return np.array([[fy, 0.0, s.width / 2], [0.0, fy, s.height / 2], [0.0, 0.0, 1.0]])


def clearance_map(room, obstacles=(), cell: float = 0.05) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance (m) from each plan cell centre to the nearest wall or obstacle footprint (0
    outside the room), with the cell centres' x and y."""
    xs, ys = plan_axes(room.floor, cell)
    return clearance(free_cells(room.floor, obstacles, xs, ys)[1], cell), xs, ys


def camera_path(room, s: CameraSettings, seed: int = 0, obstacles=()) -> list[np.ndarray]:
    """Camera-to-world poses along the path. ``obstacles``: plan footprints (k, 2) of things
    taller than the camera can pass over; the orbit keeps clear of them and of the walls."""
    if s.path not in PATHS:
        raise ValueError(f"camera path must be one of {PATHS}, got {s.path!r}")
    rng = np.random.default_rng(seed)
    phase = rng.uniform(0, 2 * math.pi, 3)
    floor = np.asarray(room.floor, float)
    # the orbit's centre is the point farthest from walls and tall furniture, so that in an
    # L-shaped or cluttered room the circle stays inside and clear
    dist, xs, ys = clearance_map(room, obstacles)
    j, i = np.unravel_index(int(np.argmax(dist)), dist.shape)
    centre, clearance = np.array([xs[i], ys[j]]), float(dist[j, i])
    door, n_in = doorway(room)
    pitch = math.radians(s.pitch_deg)
    poses = []
    n = max(s.frames, 1)
    for k in range(n):
        t = k / max(n - 1, 1)
        wob = s.wobble * np.sin(2 * math.pi * t * np.array([1.0, 1.3, 0.7]) + phase)
        if s.path == "pan":
            pos = door + n_in * 0.5
            yaw = math.atan2(n_in[1], n_in[0]) + math.radians(-60 + 120 * t)
        elif s.path == "orbit":
            radius = max(min(0.3 * float(min(floor.max(axis=0) - floor.min(axis=0))), clearance - 0.35), 0.0)
            ang = 2 * math.pi * t
            pos = centre + radius * np.array([math.cos(ang), math.sin(ang)])
            yaw = ang + math.pi  # look back at the centre
        else:
            start = door + n_in * 0.4
            target = centre
            pos = start + (target - start) * t * 0.9
            d = target - start
            yaw = math.atan2(d[1], d[0]) + math.radians(15) * math.sin(2 * math.pi * t)
        poses.append(look_pose(np.r_[pos, s.eye_height] + wob, yaw, pitch))
    return poses
