"""Building parametric assets from convex parts.

Generators describe an asset in a frame with the floor at z = 0, the footprint centred on the
origin and +X the front; `Builder.finish` moves the origin to the bounding-box centre (our object
convention). Every primitive is a convex hull, so each part is both a watertight visual mesh and
an exact convex collider: the physics stage gets colliders without decomposition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import trimesh

Color = tuple[float, float, float, float]


def rgba(hex_or_rgb: str | Sequence[float], alpha: float = 1.0) -> Color:
    """'#rrggbb' or (r, g, b) in [0, 1] -> (r, g, b, a)."""
    if isinstance(hex_or_rgb, str):
        h = hex_or_rgb.lstrip("#")
        return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)
    r, g, b = hex_or_rgb[:3]
    return (float(r), float(g), float(b), alpha)


@dataclass
class Part:
    """One convex, watertight piece of an asset with its colour (object frame, metres)."""

    name: str
    vertices: np.ndarray
    faces: np.ndarray
    color: Color
    uv: np.ndarray | None = None
    """Per-vertex texture coordinates (n, 2) when the part is textured (external assets)."""

    def mesh(self) -> trimesh.Trimesh:
        return trimesh.Trimesh(self.vertices, self.faces, process=False)


@dataclass(frozen=True)
class Receptacle:
    """A horizontal surface that can hold objects: its height above the asset's bottom and its
    extent in the object frame (x and y ranges, metres)."""

    name: str
    height: float
    x: tuple[float, float]
    y: tuple[float, float]


@dataclass(frozen=True)
class JointHint:
    """Where an articulation would go (doors, drawers, lids); recorded for later, not simulated."""

    name: str
    kind: str  # "revolute" or "prismatic"
    part: str
    axis: tuple[float, float, float]
    origin: tuple[float, float, float]
    limits: tuple[float, float]


@dataclass
class Built:
    parts: list[Part]
    receptacles: list[Receptacle]
    joints: list[JointHint]
    size: tuple[float, float, float]


def _hull(points: np.ndarray) -> trimesh.Trimesh:
    return trimesh.convex.convex_hull(np.asarray(points, dtype=float))


def _circle(cx: float, cy: float, z: float, r: float, n: int, phase: float = 0.0) -> np.ndarray:
    t = np.linspace(0, 2 * math.pi, n, endpoint=False) + phase
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t), np.full(n, z)], axis=1)


@dataclass
class Builder:
    """Collects parts for one asset. Sizes are the asset's nominal extent (x, y, z)."""

    size: tuple[float, float, float]
    parts: list[Part] = field(default_factory=list)
    receptacles: list[Receptacle] = field(default_factory=list)
    joints: list[JointHint] = field(default_factory=list)

    # shorthands for the extent of the bounding box in the building frame
    @property
    def hx(self) -> float:
        return self.size[0] / 2

    @property
    def hy(self) -> float:
        return self.size[1] / 2

    @property
    def h(self) -> float:
        return self.size[2]

    def _add(self, name: str, mesh: trimesh.Trimesh, color: Color) -> str:
        base, k = name, 1
        names = {p.name for p in self.parts}
        while name in names:
            k += 1
            name = f"{base}_{k}"
        self.parts.append(Part(name, np.asarray(mesh.vertices, float), np.asarray(mesh.faces, np.int64), color))
        return name

    # -- primitives (all convex) ---------------------------------------------------------------
    def box(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
            color: Color) -> str:
        """Axis-aligned box spanning the given ranges."""
        pts = np.array([[a, b, c] for a in x for b in y for c in z], dtype=float)
        return self._add(name, _hull(pts), color)

    def cyl(self, name: str, cx: float, cy: float, z: tuple[float, float], r: float, color: Color,
            n: int = 20, r_top: float | None = None) -> str:
        """Vertical cylinder (or frustum when ``r_top`` differs) centred on (cx, cy)."""
        rt = r if r_top is None else r_top
        pts = np.vstack([_circle(cx, cy, z[0], r, n), _circle(cx, cy, z[1], rt, n)])
        return self._add(name, _hull(pts), color)

    def rod(self, name: str, p0: Sequence[float], p1: Sequence[float], r: float, color: Color, n: int = 10) -> str:
        """Cylinder of radius ``r`` between two points (legs at an angle, rails, handles)."""
        p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
        axis = p1 - p0
        axis /= np.linalg.norm(axis)
        helper = np.array([1.0, 0, 0]) if abs(axis[0]) < 0.9 else np.array([0, 1.0, 0])
        u = np.cross(axis, helper)
        u /= np.linalg.norm(u)
        v = np.cross(axis, u)
        t = np.linspace(0, 2 * math.pi, n, endpoint=False)
        ring = np.cos(t)[:, None] * u + np.sin(t)[:, None] * v
        pts = np.vstack([p0 + r * ring, p1 + r * ring])
        return self._add(name, _hull(pts), color)

    def ellipsoid(self, name: str, center: Sequence[float], radii: Sequence[float], color: Color,
                  subdivisions: int = 2) -> str:
        sphere = trimesh.creation.icosphere(subdivisions=subdivisions)
        pts = np.asarray(sphere.vertices) * np.asarray(radii, float) + np.asarray(center, float)
        return self._add(name, _hull(pts), color)

    def rbox(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
             r: float, color: Color) -> str:
        """Box with rounded edges of radius ``r`` (cushions, mattresses): hull of corner spheres."""
        r = min(r, (x[1] - x[0]) / 2, (y[1] - y[0]) / 2, (z[1] - z[0]) / 2) * 0.999
        ball = np.asarray(trimesh.creation.icosphere(subdivisions=1).vertices) * r
        corners = [[a, b, c] for a in (x[0] + r, x[1] - r) for b in (y[0] + r, y[1] - r) for c in (z[0] + r, z[1] - r)]
        pts = np.vstack([ball + np.asarray(c) for c in corners])
        return self._add(name, _hull(pts), color)

    def hull(self, name: str, points: Sequence[Sequence[float]], color: Color) -> str:
        return self._add(name, _hull(np.asarray(points, float)), color)

    def ring(self, name: str, cx: float, cy: float, z: tuple[float, float], r_out: tuple[float, float],
             thickness: float, color: Color, segments: int = 12) -> list[str]:
        """A hollow wall of revolution (cup, bowl, bin) as ``segments`` convex sectors.

        ``r_out`` is the outer radius at the bottom and at the top (a flaring bowl has
        r_out[1] > r_out[0]); each sector is the hull of its inner and outer arcs.
        """
        names = []
        for k in range(segments):
            a0, a1 = 2 * math.pi * k / segments, 2 * math.pi * (k + 1) / segments
            pts = []
            for zz, ro in ((z[0], r_out[0]), (z[1], r_out[1])):
                for a in np.linspace(a0, a1, 3):
                    for rr in (ro, ro - thickness):
                        pts.append([cx + rr * math.cos(a), cy + rr * math.sin(a), zz])
            names.append(self.hull(f"{name}_{k}", pts, color))
        return names

    def tray(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
             wall: float, color: Color, bottom: float | None = None) -> None:
        """An open-topped rectangular box (bathtub, sink basin, drawer, basket) as 5 slabs."""
        b = wall if bottom is None else bottom
        self.box(f"{name}_bottom", x, y, (z[0], z[0] + b), color)
        self.box(f"{name}_front", (x[1] - wall, x[1]), y, (z[0] + b, z[1]), color)
        self.box(f"{name}_back", (x[0], x[0] + wall), y, (z[0] + b, z[1]), color)
        self.box(f"{name}_left", (x[0] + wall, x[1] - wall), (y[1] - wall, y[1]), (z[0] + b, z[1]), color)
        self.box(f"{name}_right", (x[0] + wall, x[1] - wall), (y[0], y[0] + wall), (z[0] + b, z[1]), color)

    def legs(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
             r: float, color: Color, square: bool = False, inset: float = 0.0) -> None:
        """Four legs at the corners of a rectangle (centres inset by ``r + inset``)."""
        d = r + inset
        for i, (px, py) in enumerate([(x[0] + d, y[0] + d), (x[0] + d, y[1] - d), (x[1] - d, y[0] + d), (x[1] - d, y[1] - d)]):
            if square:
                self.box(f"{name}_{i}", (px - r, px + r), (py - r, py + r), z, color)
            else:
                self.cyl(f"{name}_{i}", px, py, z, r, color, n=10)

    def splayed_legs(self, name: str, n: int, r_floor: float, r_top: float, z_top: float, radius: float,
                     color: Color, phase: float = 0.0) -> None:
        """``n`` legs around the vertical axis, from radius ``r_floor`` on the floor to ``r_top`` at ``z_top``."""
        for k in range(n):
            a = 2 * math.pi * k / n + phase
            c, s = math.cos(a), math.sin(a)
            self.rod(f"{name}_{k}", (r_floor * c, r_floor * s, 0.0), (r_top * c, r_top * s, z_top), radius, color, n=8)

    # -- metadata ------------------------------------------------------------------------------
    def surface(self, name: str, height: float, x: tuple[float, float], y: tuple[float, float]) -> None:
        """A receptacle at ``height`` above the bottom spanning x, y of the building frame."""
        self.receptacles.append(Receptacle(name, float(height), (float(x[0]), float(x[1])), (float(y[0]), float(y[1]))))

    def joint(self, name: str, kind: str, part: str, axis: Sequence[float], origin: Sequence[float],
              limits: tuple[float, float]) -> None:
        self.joints.append(JointHint(name, kind, part, tuple(map(float, axis)), tuple(map(float, origin)),
                                     (float(limits[0]), float(limits[1]))))

    def finish(self) -> Built:
        """Recentre on the bounding-box centre (origin convention) and return the asset."""
        allv = np.vstack([p.vertices for p in self.parts])
        lo, hi = allv.min(axis=0), allv.max(axis=0)
        c = (lo + hi) / 2
        parts = [Part(p.name, p.vertices - c, p.faces, p.color) for p in self.parts]
        half = (hi - lo) / 2

        def clip(v, k):  # surfaces never reach past the asset's own bounding box
            return float(np.clip(v - c[k], -half[k], half[k]))

        recs = [Receptacle(r.name, float(min(r.height - lo[2], hi[2] - lo[2])), (clip(r.x[0], 0), clip(r.x[1], 0)),
                           (clip(r.y[0], 1), clip(r.y[1], 1)))
                for r in self.receptacles]
        recs = [r for r in recs if r.x[1] - r.x[0] >= 0.02 and r.y[1] - r.y[0] >= 0.02]  # too small to hold anything
        joints = [JointHint(j.name, j.kind, j.part, j.axis, tuple(float(o) for o in np.asarray(j.origin) - c), j.limits)
                  for j in self.joints]
        return Built(parts, recs, joints, tuple(float(v) for v in hi - lo))
