"""Detailed visual meshes of the built-in assets, derived from the primitives they are built of.

A built-in asset is made of convex parts, which are its colliders and carry its mass. What a
camera sees is built here, separately, from what each primitive was (`Builder` records it): boxes
get rounded edges, cylinders and frustums become smooth solids of revolution with rounded rims,
coaxial stacks of frustums (a vase, a bottle, a lamp base) merge into one smooth profile, hollow
rings (a mug's or a bowl's wall) become smooth vessels, rods get rounded ends, rounded boxes
(cushions, mattresses) soft volumes, keyboards a grid of keys. Every visual mesh is a closed
surface (watertight once coincident seam vertices are merged), lies within its parts' hulls plus
a few millimetres and is covered by them, and has UVs in metres over its material's tile
(`assets.materials`): triplanar for boxy meshes, cylindrical for meshes of revolution.

Object frame, metres. Deterministic: pure functions of the primitives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import trimesh

from .materials import MATERIALS, Surface
from .palette import material_of

BOX_MAPPING = "box"
LATHE_MAPPING = "lathe"


@dataclass
class VisualMesh:
    """One visual mesh of an asset: triangles, per-vertex UVs, what it looks like (`Surface`) and
    the moving link it belongs to ("" the carcass). ``mapping``: how its UVs were made (`BOX_MAPPING`
    triplanar, `LATHE_MAPPING` around ``axis`` from ``centre``), so an exporter can redo them for a
    stretched copy (`scaled_uv`)."""

    name: str
    vertices: np.ndarray
    faces: np.ndarray
    uv: np.ndarray
    surface: Surface
    link: str = ""
    mapping: str = BOX_MAPPING


# -- what the builder records about each primitive ---------------------------------------------
@dataclass(frozen=True)
class Box:
    lo: tuple[float, float, float]
    hi: tuple[float, float, float]
    radius: float | None = None
    """Edge radius of a rounded box (`Builder.rbox`); None: a plain box, bevelled here."""


@dataclass(frozen=True)
class Frustum:
    cx: float
    cy: float
    z: tuple[float, float]
    r: tuple[float, float]
    n: int
    """Sides of the collider's polygon: the smooth visual sits between its in- and circumradius."""


@dataclass(frozen=True)
class Rod:
    p0: tuple[float, float, float]
    p1: tuple[float, float, float]
    r: float
    n: int


@dataclass(frozen=True)
class Ellipsoid:
    center: tuple[float, float, float]
    radii: tuple[float, float, float]
    subdivisions: int = 2
    """Of the icosphere whose hull is the collider."""


@dataclass(frozen=True)
class Ring:
    """A hollow wall of revolution made of convex sectors (`Builder.ring`)."""

    cx: float
    cy: float
    z: tuple[float, float]
    r_out: tuple[float, float]
    thickness: float
    segments: int


Shape = Box | Frustum | Rod | Ellipsoid | Ring

SEGMENT_LENGTH = 0.008
"""Target arc length (m) between the meridians of a surface of revolution."""
MIN_SEGMENTS, MAX_SEGMENTS = 20, 64
BEVEL = 0.006
"""Edge radius (m) of furniture boxes, at most a quarter of their thinnest side."""


def _segments(r: float) -> int:
    return int(np.clip(math.ceil(2 * math.pi * r / SEGMENT_LENGTH), MIN_SEGMENTS, MAX_SEGMENTS))


def _mid_radius(r: float, n: int) -> float:
    """A smooth circle halfway between the in- and circumradius of the collider's n-gon."""
    return r * (1 + math.cos(math.pi / max(n, 3))) / 2


def icosphere_mid(subdivisions: int) -> float:
    """Halfway between the in- and circumradius of the hull of a unit icosphere: the radius of the
    smooth sphere that deviates least from a collider built of one."""
    m = trimesh.creation.icosphere(subdivisions=subdivisions)
    inradius = float(np.min(np.einsum("ij,ij->i", m.face_normals, m.vertices[m.faces[:, 0]])))
    return (1 + inradius) / 2


# -- meshes --------------------------------------------------------------------------------------
def lathe(profile: np.ndarray, segments: int, loop: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Surface of revolution about +Z of a profile of (r, z) points (bottom to top). Points with
    r = 0 become single pole vertices; ``loop`` closes the profile back to its first point (a
    tube's section). The seam meridian is duplicated so UVs wrap; returns (vertices, faces, uv)
    with u the arc length round the widest circle and v the arc length along the profile, metres."""
    prof = np.asarray(profile, float)
    if loop:
        prof = np.vstack([prof, prof[:1]])
    t = np.linspace(0, 2 * math.pi, segments + 1)
    arc = np.r_[0, np.cumsum(np.linalg.norm(np.diff(prof, axis=0), axis=1))]
    width = 2 * math.pi * max(float(prof[:, 0].max()), 1e-6)
    verts, uvs, rings = [], [], []
    for (r, z), s in zip(prof, arc):
        start = len(verts)
        if r <= 1e-9:
            verts.append((0.0, 0.0, z))
            uvs.append((width / 2, s))
            rings.append([start] * (segments + 1))
        else:
            verts += [(r * math.cos(a), r * math.sin(a), z) for a in t]
            uvs += [(a / (2 * math.pi) * width, s) for a in t]
            rings.append(list(range(start, start + segments + 1)))
    faces = []
    for lower, upper in zip(rings[:-1], rings[1:]):
        for k in range(segments):
            a, b, c, d = lower[k], lower[k + 1], upper[k + 1], upper[k]
            for tri in ((a, b, c), (a, c, d)):
                if len(set(tri)) == 3:
                    faces.append(tri)
    return np.asarray(verts, float), np.asarray(faces, np.int64), np.asarray(uvs, float)


def _rounded_corner(r: float, z: float, bevel: float, up: bool, steps: int = 3) -> list[tuple[float, float]]:
    """Profile points rounding the corner (r, z) of a profile by ``bevel`` (towards +z if ``up``)."""
    if bevel <= 1e-5:
        return [(r, z)]
    c_r, c_z = r - bevel, z + bevel if up else z - bevel
    angles = np.linspace(-math.pi / 2, 0, steps + 1) if up else np.linspace(0, math.pi / 2, steps + 1)
    return [(c_r + bevel * math.cos(a), c_z + bevel * math.sin(a)) for a in angles]


def solid_profile(sides: list[tuple[float, float]], bevel: float) -> np.ndarray:
    """A closed solid's (r, z) profile: the axis at the bottom, the outer side points (bottom to
    top), the axis at the top, with the bottom and top rims rounded by ``bevel``."""
    (r0, z0), (r1, z1) = sides[0], sides[-1]
    b = min(bevel, 0.25 * (z1 - z0), 0.3 * r0, 0.3 * r1)
    pts = [(0.0, z0), *_rounded_corner(r0, z0, b, up=True)]
    pts += [p for p in sides[1:-1] if z0 + b < p[1] < z1 - b]
    pts += [*_rounded_corner(r1, z1, b, up=False)[::-1], (0.0, z1)]
    return np.asarray(pts, float)


def smooth_sides(points: list[tuple[float, float]], per_segment: int = 6) -> list[tuple[float, float]]:
    """A polyline of (r, z) side points resampled along a shape-preserving cubic (PCHIP) within
    each run of strictly rising z, so a stack of frustums reads as one turned profile; steps
    (two points at one height) stay sharp. The curve is blended halfway back to the polyline:
    the colliders are the polyline's frustums and the visual must stay close to them."""
    from scipy.interpolate import PchipInterpolator

    out: list[tuple[float, float]] = []
    run: list[tuple[float, float]] = []

    def flush():
        if len(run) >= 3:
            z = np.array([p[1] for p in run])
            r = np.array([p[0] for p in run])
            f = PchipInterpolator(z, r)
            zs = np.concatenate([np.linspace(z[i], z[i + 1], per_segment, endpoint=False) for i in range(len(z) - 1)] + [z[-1:]])
            rs = 0.5 * f(zs) + 0.5 * np.interp(zs, z, r)
            out.extend((float(a), float(b)) for a, b in zip(rs, zs))
        else:
            out.extend(run)

    for p in points:
        if run and p[1] <= run[-1][1] + 1e-9:
            flush()
            run = []
        run.append(p)
    flush()
    return out


def rounded_box(lo, hi, radius: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """A box with edges and corners rounded by ``radius``: the hull of corner sphere octants."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    r = min(radius, float((hi - lo).min()) / 2 * 0.999)
    if r <= 1e-5:
        pts = np.array([[a, b, c] for a in (lo[0], hi[0]) for b in (lo[1], hi[1]) for c in (lo[2], hi[2])])
        m = trimesh.convex.convex_hull(pts)
        return np.asarray(m.vertices), np.asarray(m.faces)
    lat = np.linspace(-math.pi / 2, math.pi / 2, 2 * steps + 1)
    lon = np.linspace(0, 2 * math.pi, 4 * steps, endpoint=False)
    ball = np.array([[math.cos(a) * math.cos(b), math.cos(a) * math.sin(b), math.sin(a)] for a in lat for b in lon])
    ball = np.unique(np.round(ball, 12), axis=0) * r
    # the hull of whole corner balls: each ball's inner side falls inside it
    pts = [ball + (cx, cy, cz) for cx in (lo[0] + r, hi[0] - r) for cy in (lo[1] + r, hi[1] - r)
           for cz in (lo[2] + r, hi[2] - r)]
    m = trimesh.convex.convex_hull(np.vstack(pts))
    return np.asarray(m.vertices), np.asarray(m.faces)


def triplanar_uv(vertices: np.ndarray, faces: np.ndarray, tile: float) -> np.ndarray:
    """Per-vertex UVs (metres / tile) projected along each vertex's dominant normal axis: flat
    faces get undistorted texture, only the narrow rounded edges blend two projections."""
    n = trimesh.Trimesh(vertices, faces, process=False).vertex_normals
    axis = np.argmax(np.abs(n), axis=1)
    v = np.asarray(vertices, float) / tile
    uv = np.where((axis == 0)[:, None], v[:, [1, 2]], np.where((axis == 1)[:, None], v[:, [0, 2]], v[:, [0, 1]]))
    return np.ascontiguousarray(uv)


def scaled_uv(vm: VisualMesh, scale) -> np.ndarray:
    """UVs of ``vm`` stretched by per-axis ``scale`` (as exporters place assets), so the texture
    keeps its size in metres instead of stretching with the object."""
    s = np.asarray(scale, float)
    if np.allclose(s, 1.0):
        return vm.uv
    if vm.mapping == LATHE_MAPPING:
        return vm.uv * np.array([(s[0] + s[1]) / 2, s[2]])
    return triplanar_uv(vm.vertices * s, vm.faces, MATERIALS[vm.surface.material].tile)


def _rod_mesh(s: Rod):
    p0, p1 = np.asarray(s.p0, float), np.asarray(s.p1, float)
    axis = p1 - p0
    length = float(np.linalg.norm(axis))
    axis /= length
    r = _mid_radius(s.r, s.n)
    prof = solid_profile([(r, 0.0), (r, length)], min(0.5 * r, 0.25 * length, 0.008))
    v, f, uv = lathe(prof, max(16, _segments(r)))
    helper = np.array([1.0, 0, 0]) if abs(axis[0]) < 0.9 else np.array([0, 1.0, 0])
    u = np.cross(axis, helper)
    u /= np.linalg.norm(u)
    w = np.cross(axis, u)
    return v @ np.stack([u, w, axis]) + p0, f, uv


def _ellipsoid_mesh(s: Ellipsoid):
    lat = np.linspace(-math.pi / 2, math.pi / 2, 17)
    prof = np.c_[np.cos(lat), np.sin(lat)]
    prof[0, 0] = prof[-1, 0] = 0.0
    v, f, uv = lathe(prof, 32)
    radii = np.asarray(s.radii, float) * icosphere_mid(s.subdivisions)
    return v * radii + np.asarray(s.center, float), f, uv * np.array([radii[:2].mean(), radii[2]])


def _ring_mesh(s: Ring):
    n = s.segments * 2  # the collider's sectors each span two chords
    ro0, ro1 = _mid_radius(s.r_out[0], n), _mid_radius(s.r_out[1], n)
    t = s.thickness
    lip = min(t / 2 * 0.95, 0.004)
    z0, z1 = s.z
    prof = [(ro0 - t, z0), (ro0, z0), (ro1, z1 - lip)]
    prof += [(ro1 - lip + lip * math.cos(a), z1 - lip + lip * math.sin(a)) for a in np.linspace(0, math.pi, 7)[1:-1]]
    prof += [(ro1 - t, z1 - lip)]
    v, f, uv = lathe(np.asarray(prof, float), _segments(max(ro0, ro1)), loop=True)
    return v + (s.cx, s.cy, 0.0), f, uv


def _keyboard(lo, hi, pitch: float = 0.019):
    """A key grid on a base slab filling the box: the visible structure of a keyboard."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    ext = hi - lo
    cols, rows = round(ext[1] / pitch), max(1, round(ext[0] / pitch))
    if cols < 3 or ext[2] < 0.001:
        return None
    base_top = lo[2] + 0.45 * ext[2]
    meshes = [rounded_box(lo, (hi[0], hi[1], base_top), 0.001, 1)]
    px, py = ext[0] / rows, ext[1] / cols
    gap = 0.12
    for i in range(rows):
        for j in range(cols):
            klo = (lo[0] + (i + gap) * px, lo[1] + (j + gap) * py, base_top)
            khi = (lo[0] + (i + 1 - gap) * px, lo[1] + (j + 1 - gap) * py, hi[2])
            meshes.append(rounded_box(klo, khi, 0.0, 1))
    offsets = np.cumsum([0] + [len(v) for v, _ in meshes[:-1]])
    return np.vstack([v for v, _ in meshes]), np.vstack([f + o for (_, f), o in zip(meshes, offsets)])


KEYBOARD_PARTS = ("keys", "keycaps", "key")
"""Part names drawn as a key grid (`_keyboard`)."""


def _box_mesh(name: str, s: Box):
    if s.radius is None and name.split("_")[0] in KEYBOARD_PARTS:
        keys = _keyboard(s.lo, s.hi)
        if keys is not None:
            return keys
    ext = np.asarray(s.hi, float) - np.asarray(s.lo, float)
    if s.radius is not None:  # cushions, mattresses, lids: soft and smooth (corner balls of the
        # collider are icospheres of one subdivision, `Builder.rbox`)
        shrink = s.radius * (1 - icosphere_mid(1))
        return rounded_box(np.asarray(s.lo) + shrink, np.asarray(s.hi) - shrink, s.radius * icosphere_mid(1), 4)
    return rounded_box(s.lo, s.hi, min(BEVEL, 0.25 * float(ext.min())), 2)


def _slices(prof: np.ndarray, ranges: list[tuple[float, float]]) -> list[np.ndarray]:
    """A stack's closed (r, z) profile cut into one closed profile per part (z ranges bottom to
    top, touching): each part keeps its own colour, the outline stays one smooth curve. At a step
    (two points at one height) the lower point goes to the part below."""
    for _, zb in ranges[:-1]:  # a junction inside a rounded rim has no point of its own yet
        if not np.any(np.abs(prof[:, 1] - zb) < 1e-9):
            i = int(np.argmax(prof[:, 1] > zb))
            t = (zb - prof[i - 1, 1]) / (prof[i, 1] - prof[i - 1, 1])
            prof = np.insert(prof, i, [prof[i - 1, 0] + t * (prof[i, 0] - prof[i - 1, 0]), zb], axis=0)
    z = prof[:, 1]
    out, start = [], 0
    for k, (za, zb) in enumerate(ranges):
        if k == len(ranges) - 1:
            end = len(prof) - 1
        else:
            end = start + int(np.argmax(np.abs(z[start:] - zb) < 1e-9))
        piece = prof[start:end + 1]
        if piece[0, 0] > 1e-9:
            piece = np.vstack([[0.0, za], piece])
        if piece[-1, 0] > 1e-9:
            piece = np.vstack([piece, [0.0, zb]])
        out.append(piece)
        # the next part starts at the last point at this height (the upper side of a step)
        start = end + int(np.sum(np.abs(z[end + 1:end + 3] - zb) < 1e-9))
    return out


def _coaxial_stacks(parts, shapes) -> list[list[str]]:
    """Names of frustum parts that stand on one another on one axis, in one link: each list is
    drawn as one smooth turned profile, cut back into its parts (each in its own colour)."""
    groups: dict[tuple, list[tuple[float, str]]] = {}
    for p in parts:
        s = shapes.get(p.name)
        if isinstance(s, Frustum):
            key = (round(s.cx, 6), round(s.cy, 6), p.link)
            groups.setdefault(key, []).append((s.z[0], p.name))
    stacks = []
    for members in groups.values():
        members.sort()
        chain: list[str] = []
        for _, name in members:
            if chain and abs(shapes[name].z[0] - shapes[chain[-1]].z[1]) > 1e-6:
                stacks.append(chain)
                chain = []
            chain.append(name)
        stacks.append(chain)
    return stacks


def material_for(color, part_name: str) -> Surface:
    return Surface(material_of(color, part_name), tuple(float(c) for c in color))


def detail(parts, shapes: dict[str, Shape], rings: list[tuple[list[str], Ring]]) -> list[VisualMesh]:
    """The visual meshes of an asset's parts (`assets.builder.Part`, object frame), given the
    primitive each part was built as (``shapes``; a part without one, a general hull, is drawn as
    itself) and the hollow rings whose sectors are drawn as one vessel."""
    by_name = {p.name: p for p in parts}
    done: set[str] = set()
    out: list[VisualMesh] = []

    def add(name: str, v, f, uv_m, mapping: str, like):
        surf = material_for(like.color, name)
        tile = MATERIALS[surf.material].tile
        if uv_m is None:
            uv = triplanar_uv(v, f, tile)
        else:
            uv = uv_m / tile
        out.append(VisualMesh(name, np.asarray(v, float), np.asarray(f, np.int64), np.asarray(uv, float), surf,
                              like.link, mapping))

    for names, ring in rings:
        members = [n for n in names if n in by_name]
        if not members:
            continue
        v, f, uv = _ring_mesh(ring)
        add(members[0], v, f, uv, LATHE_MAPPING, by_name[members[0]])
        done.update(members)
    for stack in _coaxial_stacks(parts, shapes):
        sides: list[tuple[float, float]] = []
        last_r = None  # the collider's own radius at the top of the previous frustum
        for name in stack:
            s = shapes[name]
            lo, hi = (_mid_radius(s.r[0], s.n), s.z[0]), (_mid_radius(s.r[1], s.n), s.z[1])
            if last_r is not None and abs(last_r - s.r[0]) < 1e-6:  # continuous: one point, the tighter fit
                sides[-1] = (min(sides[-1][0], lo[0]), lo[1])
                sides.append(hi)
            else:
                sides += [lo, hi]
            last_r = s.r[1]
        sides = smooth_sides(sides) if len(stack) > 1 else sides
        first = shapes[stack[0]]
        prof = solid_profile(sides, min(0.004, 0.2 * max(r for r, _ in sides)))
        for name, piece in zip(stack, _slices(prof, [shapes[n].z for n in stack])):
            v, f, uv = lathe(piece, _segments(float(piece[:, 0].max())))
            add(name, v + (first.cx, first.cy, 0.0), f, uv, LATHE_MAPPING, by_name[name])
        done.update(stack)
    for p in parts:
        if p.name in done:
            continue
        s = shapes.get(p.name)
        if isinstance(s, Box):
            v, f = _box_mesh(p.name, s)
            add(p.name, v, f, None, BOX_MAPPING, p)
        elif isinstance(s, Rod):
            v, f, uv = _rod_mesh(s)
            add(p.name, v, f, uv, LATHE_MAPPING, p)
        elif isinstance(s, Ellipsoid):
            v, f, uv = _ellipsoid_mesh(s)
            add(p.name, v, f, uv, LATHE_MAPPING, p)
        else:  # a general convex hull (wedges, screens at an angle, sectors): drawn as modelled
            add(p.name, p.vertices, p.faces, None, BOX_MAPPING, p)
    return out


def translated(shape: Shape, d: np.ndarray) -> Shape:
    """The shape moved by ``d`` (the builder's recentring)."""
    from dataclasses import replace

    dx, dy, dz = (float(x) for x in d)
    if isinstance(shape, Box):
        return replace(shape, lo=tuple(np.asarray(shape.lo) + d), hi=tuple(np.asarray(shape.hi) + d))
    if isinstance(shape, (Frustum, Ring)):
        return replace(shape, cx=shape.cx + dx, cy=shape.cy + dy, z=(shape.z[0] + dz, shape.z[1] + dz))
    if isinstance(shape, Rod):
        return replace(shape, p0=tuple(np.asarray(shape.p0) + d), p1=tuple(np.asarray(shape.p1) + d))
    return replace(shape, center=tuple(np.asarray(shape.center) + d))
