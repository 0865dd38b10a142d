"""Building parametric assets from convex parts.

Generators describe an asset in a frame with the floor at z = 0, the footprint centred on the
origin and +X the front; `Builder.finish` moves the origin to the bounding-box centre (our object
convention). Every primitive is a convex hull, so each part is an exact convex collider: the physics stage gets
colliders without decomposition. The builder records what each primitive was, and
`assets.visual` draws the detailed visual meshes from that (rounded, smooth, textured).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np
import trimesh

from .palette import Color, rgba  # noqa: F401 - rgba: the families take it from here
from .visual import Box, Ellipsoid, Frustum, Ring, Rod, Shape, VisualMesh, detail, translated



@dataclass
class Part:
    """One convex, watertight piece of an asset with its colour (object frame, metres)."""

    name: str
    vertices: np.ndarray
    faces: np.ndarray
    color: Color
    uv: np.ndarray | None = None
    """Per-vertex texture coordinates (n, 2) when the part is textured (external assets)."""
    link: str = ""
    """The moving link (a `Joint`'s name) this part belongs to; "" for the carcass, the fixed rest."""

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


GAP = 0.002
"""Clearance (m) between a moving part and its carcass when closed: they never touch, so no
contact between them has to be switched off in any simulator."""

REVOLUTE = "revolute"
PRISMATIC = "prismatic"

JOINT_DAMPING = {REVOLUTE: 0.3, PRISMATIC: 6.0}
"""Default viscous damping: N m s/rad for a hinge (a cabinet door comes to rest in a fraction of a
second), N s/m for a slide (a drawer on runners)."""
JOINT_FRICTION = {REVOLUTE: 0.05, PRISMATIC: 0.5}
"""Default dry friction: N m for a hinge, N for a slide. The physics stage raises it where gravity
would otherwise move the part (a lid holds where it is left, as a real hinge does)."""


@dataclass(frozen=True)
class Joint:
    """One moving link of an asset: a revolute (hinge) or prismatic (slide) joint between the
    carcass (the asset's fixed parts) and the link named like the joint, which is made of
    ``parts`` (a door and its handle; a drawer's box and its front).

    Object frame, metres and radians. ``origin`` is a point on the axis; ``axis`` a unit vector,
    oriented so that positive motion opens. ``limits`` is (lower, upper): lower closed, upper
    fully open. Position 0 is the asset as modelled: closed (lower = 0), except for the few
    assets modelled open (an open laptop), whose lower limit is negative. ``damping`` and ``friction`` in the units of `JOINT_DAMPING` / `JOINT_FRICTION`.
    """

    name: str
    kind: str
    axis: tuple[float, float, float]
    origin: tuple[float, float, float]
    limits: tuple[float, float]
    parts: tuple[str, ...]
    damping: float = 0.0
    friction: float = 0.0

    def scaled(self, scale) -> Joint:
        """The joint of the asset stretched by per-axis ``scale``: the origin moves with it, the
        axis direction follows the stretch and a slide's travel grows with it; angles keep."""
        s = np.asarray(scale, float)
        a = np.asarray(self.axis, float) * s
        stretch = float(np.linalg.norm(a))
        limits = self.limits if self.kind == REVOLUTE else (self.limits[0] * stretch, self.limits[1] * stretch)
        return Joint(self.name, self.kind, tuple(float(v) for v in a / stretch),
                     tuple(float(v) for v in np.asarray(self.origin) * s), tuple(float(v) for v in limits),
                     self.parts, self.damping, self.friction)

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "axis": list(self.axis), "origin": list(self.origin),
                "limits": list(self.limits), "parts": list(self.parts), "damping": self.damping,
                "friction": self.friction}

    @classmethod
    def from_dict(cls, d: dict) -> Joint:
        return cls(str(d["name"]), str(d["kind"]), tuple(float(v) for v in d["axis"]),
                   tuple(float(v) for v in d["origin"]), tuple(float(v) for v in d["limits"]),
                   tuple(str(p) for p in d.get("parts", ())), float(d.get("damping", 0.0)),
                   float(d.get("friction", 0.0)))


def joint_problem(j: Joint) -> str | None:
    """Why a joint cannot be simulated (None: it can): the one rule every library's joints obey."""
    if j.kind not in (REVOLUTE, PRISMATIC):
        return f"joint {j.name!r}: type {j.kind!r} is not revolute or prismatic"
    values = [*j.axis, *j.origin, *j.limits, j.damping, j.friction]
    if not all(math.isfinite(v) for v in values):
        return f"joint {j.name!r}: axis, origin, limits, damping and friction must be finite numbers"
    if math.sqrt(sum(a * a for a in j.axis)) < 1e-9:
        return f"joint {j.name!r}: zero-length axis"
    if not j.limits[0] < j.limits[1]:
        return f"joint {j.name!r}: lower limit {j.limits[0]:g} is not below upper limit {j.limits[1]:g}"
    if j.kind == REVOLUTE and j.limits[1] - j.limits[0] > 2 * math.pi + 1e-9:
        return f"joint {j.name!r}: a hinge range over a full turn"
    if j.damping < 0 or j.friction < 0:
        return f"joint {j.name!r}: negative damping or friction"
    if not j.parts:
        return f"joint {j.name!r}: moves no part"
    return None


@dataclass
class Built:
    parts: list[Part]
    receptacles: list[Receptacle]
    joints: list[Joint]
    size: tuple[float, float, float]
    visuals: list[VisualMesh] = field(default_factory=list)


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
    joints: list[Joint] = field(default_factory=list)
    shapes: dict[str, Shape] = field(default_factory=dict)
    """The primitive each part was built as (the visual mesh is detailed from it: `assets.visual`)."""
    rings: list[tuple[tuple[str, ...], Ring]] = field(default_factory=list)
    """Hollow walls of revolution: the names of their sectors and the ring they make."""

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

    def _add(self, name: str, mesh: trimesh.Trimesh, color: Color, shape: Shape | None = None) -> str:
        base, k = name, 1
        names = {p.name for p in self.parts}
        while name in names:
            k += 1
            name = f"{base}_{k}"
        self.parts.append(Part(name, np.asarray(mesh.vertices, float), np.asarray(mesh.faces, np.int64), color))
        if shape is not None:
            self.shapes[name] = shape
        return name

    # -- primitives (all convex) ---------------------------------------------------------------
    def box(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
            color: Color) -> str:
        """Axis-aligned box spanning the given ranges."""
        pts = np.array([[a, b, c] for a in x for b in y for c in z], dtype=float)
        return self._add(name, _hull(pts), color, Box((x[0], y[0], z[0]), (x[1], y[1], z[1])))

    def cyl(self, name: str, cx: float, cy: float, z: tuple[float, float], r: float, color: Color,
            n: int = 20, r_top: float | None = None) -> str:
        """Vertical cylinder (or frustum when ``r_top`` differs) centred on (cx, cy)."""
        rt = r if r_top is None else r_top
        pts = np.vstack([_circle(cx, cy, z[0], r, n), _circle(cx, cy, z[1], rt, n)])
        return self._add(name, _hull(pts), color, Frustum(float(cx), float(cy), (float(z[0]), float(z[1])),
                                                           (float(r), float(rt)), n))

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
        return self._add(name, _hull(pts), color, Rod(tuple(map(float, p0)), tuple(map(float, p1)), float(r), n))

    def ellipsoid(self, name: str, center: Sequence[float], radii: Sequence[float], color: Color,
                  subdivisions: int = 2) -> str:
        sphere = trimesh.creation.icosphere(subdivisions=subdivisions)
        pts = np.asarray(sphere.vertices) * np.asarray(radii, float) + np.asarray(center, float)
        return self._add(name, _hull(pts), color, Ellipsoid(tuple(map(float, center)), tuple(map(float, radii)),
                                                                     subdivisions))

    def rbox(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
             r: float, color: Color) -> str:
        """Box with rounded edges of radius ``r`` (cushions, mattresses): hull of corner spheres."""
        r = min(r, (x[1] - x[0]) / 2, (y[1] - y[0]) / 2, (z[1] - z[0]) / 2) * 0.999
        ball = np.asarray(trimesh.creation.icosphere(subdivisions=1).vertices) * r
        corners = [[a, b, c] for a in (x[0] + r, x[1] - r) for b in (y[0] + r, y[1] - r) for c in (z[0] + r, z[1] - r)]
        pts = np.vstack([ball + np.asarray(c) for c in corners])
        return self._add(name, _hull(pts), color, Box((x[0], y[0], z[0]), (x[1], y[1], z[1]), radius=r))

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
        self.rings.append((tuple(names), Ring(float(cx), float(cy), (float(z[0]), float(z[1])),
                                       (float(r_out[0]), float(r_out[1])), float(thickness), segments)))
        return names

    def tray(self, name: str, x: tuple[float, float], y: tuple[float, float], z: tuple[float, float],
             wall: float, color: Color, bottom: float | None = None) -> list[str]:
        """An open-topped rectangular box (bathtub, sink basin, drawer, basket) as 5 slabs; their names."""
        b = wall if bottom is None else bottom
        return [self.box(f"{name}_bottom", x, y, (z[0], z[0] + b), color),
                self.box(f"{name}_front", (x[1] - wall, x[1]), y, (z[0] + b, z[1]), color),
                self.box(f"{name}_back", (x[0], x[0] + wall), y, (z[0] + b, z[1]), color),
                self.box(f"{name}_left", (x[0] + wall, x[1] - wall), (y[1] - wall, y[1]), (z[0] + b, z[1]), color),
                self.box(f"{name}_right", (x[0] + wall, x[1] - wall), (y[0], y[0] + wall), (z[0] + b, z[1]), color)]

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

    def joint(self, name: str, kind: str, parts: str | Sequence[str], axis: Sequence[float], origin: Sequence[float],
              limits: tuple[float, float], damping: float | None = None, friction: float | None = None) -> None:
        """A moving link ``name`` made of ``parts`` (part names, e.g. a door and its handle),
        moving about/along ``axis`` through ``origin`` (building frame) within ``limits``."""
        parts = (parts,) if isinstance(parts, str) else tuple(parts)
        a = np.asarray(axis, float)
        self.joints.append(Joint(name, kind, tuple(float(v) for v in a / np.linalg.norm(a)), tuple(map(float, origin)),
                                 (float(limits[0]), float(limits[1])), parts,
                                 JOINT_DAMPING[kind] if damping is None else float(damping),
                                 JOINT_FRICTION[kind] if friction is None else float(friction)))

    def side_hinge(self, name: str, parts, x: float, y: float, z: float, extends: int, limit: float = 1.9) -> None:
        """A door on a vertical hinge at its outer front edge (x, y), ``z`` its mid height;
        ``extends`` +1 when the door reaches from the hinge towards +Y, -1 towards -Y. Opens outwards."""
        self.joint(name, REVOLUTE, parts, (0, 0, -extends), (x, y, z), (0.0, limit))

    def bottom_hinge(self, name: str, parts, x: float, y: float, z: float, limit: float = 1.57) -> None:
        """A door that drops forward (oven, dishwasher, flap): axis along Y at its bottom outer edge."""
        self.joint(name, REVOLUTE, parts, (0, 1, 0), (x, y, z), (0.0, limit))

    def back_hinge(self, name: str, parts, x: float, y: float, z: float, limit: float = 1.7) -> None:
        """A lid that lifts at the front: axis along Y at its top back edge (x at the back, z its top)."""
        self.joint(name, REVOLUTE, parts, (0, -1, 0), (x, y, z), (0.0, limit))

    def slide(self, name: str, parts, x: float, y: float, z: float, travel: float, axis=(1.0, 0.0, 0.0)) -> None:
        """A drawer (or anything pulled straight out) moving ``travel`` metres along ``axis``."""
        self.joint(name, PRISMATIC, parts, axis, (x, y, z), (0.0, travel))

    def finish(self) -> Built:
        """Recentre on the bounding-box centre (origin convention) and return the asset."""
        allv = np.vstack([p.vertices for p in self.parts])
        lo, hi = allv.min(axis=0), allv.max(axis=0)
        c = (lo + hi) / 2
        link_of: dict[str, str] = {}
        names = {p.name for p in self.parts}
        for j in self.joints:
            problem = joint_problem(j)
            if problem or any(n in link_of or n not in names for n in j.parts):
                raise ValueError(problem or f"joint {j.name!r}: a part that does not exist or already moves with another joint")
            link_of.update({n: j.name for n in j.parts})
        parts = [Part(p.name, p.vertices - c, p.faces, p.color, link=link_of.get(p.name, "")) for p in self.parts]
        half = (hi - lo) / 2

        def clip(v, k):  # surfaces never reach past the asset's own bounding box
            return float(np.clip(v - c[k], -half[k], half[k]))

        recs = [Receptacle(r.name, float(min(r.height - lo[2], hi[2] - lo[2])), (clip(r.x[0], 0), clip(r.x[1], 0)),
                           (clip(r.y[0], 1), clip(r.y[1], 1)))
                for r in self.receptacles]
        recs = [r for r in recs if r.x[1] - r.x[0] >= 0.02 and r.y[1] - r.y[0] >= 0.02]  # too small to hold anything
        joints = [replace(j, origin=tuple(float(o) for o in np.asarray(j.origin) - c)) for j in self.joints]
        visuals = detail(parts, {n: translated(s, -c) for n, s in self.shapes.items()},
                         [(names, translated(r, -c)) for names, r in self.rings])
        return Built(parts, recs, joints, tuple(float(v) for v in hi - lo), visuals)
