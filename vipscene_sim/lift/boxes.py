"""Lifting step 4, boxes and fronts: yaw from the Manhattan axes unless the footprint is clearly a
rectangle and a turned one is clearly tighter; extents from the outermost points (a small share
trimmed when depth is noisy). The front is the side with the most weighted evidence: a wall behind
it (weak for seats, which stand at tables, not walls), the higher side at the back (backrests,
headboards), the category's proportions, open floor before it (for seats: the table or desk; for
desks and islands: the seats at them), the side the cameras saw. Unseen backs of wall-backed
furniture are completed to the wall, other unseen backs to the category's minimum depth, round
things to a circle."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..catalog import CATEGORIES, NO_FRONT, ROUND, WALL_BACKED
from .candidates import Candidate, LiftedBox

SEATS = frozenset({"chair", "office_chair", "stool", "bench"})  # seats that stand at a table
WORK_SURFACES = frozenset({"dining_table", "desk", "kitchen_island", "kitchen_counter", "coffee_table"})
SEATED_AT = frozenset({"desk", "kitchen_island"})  # their front is where one sits (stools at an island's overhang)


@dataclass
class PlanOccupancy:
    """Object points between 0.1 and 1.8 m per plan cell, and which cells are inside the room:
    what a front must face (open floor) and what it must not (a wall, another object); the
    points of tables, desks and counters, which seats face; and the points of seats, which a desk
    or an island faces."""

    counts: np.ndarray  # (nx, ny)
    inside: np.ndarray  # (nx, ny) bool
    origin: np.ndarray  # (2,) lower-left corner
    cell: float
    surfaces: np.ndarray | None = None  # (nx, ny) points of work surfaces
    seats: np.ndarray | None = None  # (nx, ny) points of seats

    def index(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ij = np.floor((xy - self.origin) / self.cell).astype(int)
        ok = (ij[:, 0] >= 0) & (ij[:, 1] >= 0) & (ij[:, 0] < self.counts.shape[0]) & (ij[:, 1] < self.counts.shape[1])
        return ij, ok


def plan_occupancy(cands: list[Candidate], floor: np.ndarray, categories: list[str | None] | None = None,
                   cell: float = 0.05) -> PlanOccupancy:
    from ..geometry.polygon import rasterise

    lo, hi = floor.min(axis=0), floor.max(axis=0)
    nx, ny = int(np.ceil((hi[0] - lo[0]) / cell)), int(np.ceil((hi[1] - lo[1]) / cell))
    occ = PlanOccupancy(np.zeros((nx, ny)), np.zeros((nx, ny), bool), lo, cell, np.zeros((nx, ny)), np.zeros((nx, ny)))
    occ.inside = rasterise(floor, lo[0] + (np.arange(nx) + 0.5) * cell, lo[1] + (np.arange(ny) + 0.5) * cell).T
    for k, c in enumerate(cands):
        ij, ok = occ.index(c.xyz[(c.xyz[:, 2] > 0.1) & (c.xyz[:, 2] < 1.8), :2])
        np.add.at(occ.counts, (ij[ok, 0], ij[ok, 1]), 1)
        if categories is not None and categories[k] in WORK_SURFACES:
            np.add.at(occ.surfaces, (ij[ok, 0], ij[ok, 1]), 1)
        if categories is not None and categories[k] in SEATS:
            np.add.at(occ.seats, (ij[ok, 0], ij[ok, 1]), 1)
    return occ


def _ahead(grid: np.ndarray, occ: PlanOccupancy, face: np.ndarray, d: np.ndarray, half_width: float,
           reach: float = 0.6) -> float:
    """1 when what ``grid`` counts (work surfaces, seats) is right in front of a face, falling to 0
    at ``reach``."""
    lateral = np.array([-d[1], d[0]])
    offs = np.linspace(-0.6, 0.6, 5) * half_width
    for t in np.arange(occ.cell, reach + 1e-9, occ.cell):
        ij, ok = occ.index(face + d * t + offs[:, None] * lateral)
        if ok.any() and (grid[ij[ok, 0], ij[ok, 1]] > 3).sum() >= 2:
            return float(1 - t / reach)
    return 0.0


def _clearance(occ: PlanOccupancy, own: np.ndarray, face: np.ndarray, d: np.ndarray, half_width: float,
               reach: float = 1.0) -> float:
    """Free distance (m, up to ``reach``) in front of a face: room floor not taken by others
    (``own``: counts that do not block, the object's own points and for a desk its seats)."""
    lateral = np.array([-d[1], d[0]])
    offs = np.linspace(-0.8, 0.8, 5) * half_width
    for t in np.arange(occ.cell, reach + 1e-9, occ.cell):
        q = face + d * t + offs[:, None] * lateral
        ij, ok = occ.index(q)
        if not ok.all():
            return float(t)
        others = occ.counts[ij[:, 0], ij[:, 1]] - own[ij[:, 0], ij[:, 1]]
        if (~occ.inside[ij[:, 0], ij[:, 1]]).any() or (others > 3).sum() >= 2:
            return float(t)
    return reach


def _min_area_yaw(xy: np.ndarray) -> tuple[float, float]:
    """Angle (modulo 90 degrees) of the footprint's minimum-area rectangle, and how rectangular
    the footprint is (hull area / rectangle area: 1 for a box, pi/4 for a disc)."""
    from scipy.spatial import ConvexHull

    try:
        ch = ConvexHull(xy)
        hull = xy[ch.vertices]
    except Exception:  # noqa: BLE001 - degenerate (collinear) footprints keep the room axes
        return 0.0, 0.0
    best, best_a = 0.0, math.inf
    for k in range(len(hull)):
        e = hull[(k + 1) % len(hull)] - hull[k]
        a = math.atan2(e[1], e[0])
        r = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
        p = hull @ r.T
        area = float(np.ptp(p[:, 0]) * np.ptp(p[:, 1]))
        if area < best_a:
            best, best_a = a, area
    return math.remainder(best, math.pi / 2), float(ch.volume / best_a) if best_a > 0 else 0.0


def ray_to_walls(p: np.ndarray, u: np.ndarray, poly: np.ndarray) -> float:
    """Signed distance from ``p`` along unit ``u`` to the nearest wall of ``poly`` ahead; inf if
    none. From a point outside the room (noise pushes wall-hung things into the wall) a wall up
    to 0.3 m behind counts, at a negative distance."""
    from ..geometry.polygon import point_in_polygon

    behind = -0.05 if point_in_polygon(p, poly) else -0.3
    best = math.inf
    for k in range(len(poly)):
        a, b = poly[k], poly[(k + 1) % len(poly)]
        e = b - a
        den = u[0] * (-e[1]) - u[1] * (-e[0])
        if abs(den) < 1e-12:
            continue
        w = a - p
        t = (w[0] * (-e[1]) - w[1] * (-e[0])) / den
        s = (u[0] * w[1] - u[1] * w[0]) / den
        if t >= behind and -1e-9 <= s <= 1 + 1e-9 and (best == math.inf or abs(t) < abs(best)):
            best = t
    return best


def fit_box(c: Candidate, category: str | None, floor: np.ndarray, cam_centers: np.ndarray,
            pad_pixels: float = 0.0, occupancy: PlanOccupancy | None = None, trim: float = 0.0) -> LiftedBox:
    """Oriented box of a candidate with its front chosen by evidence (see the module docstring).

    ``trim``: share of the points cut from each end of each axis before the extent is read (0 for
    clean depth, where the outermost points are the object's outline).

    ``pad_pixels``: angle (radians) of the silhouette lost to mask erosion; extents grow by its
    footprint at the object's distance per side.
    """
    xyz = c.xyz
    notes = []
    xy = xyz[:, :2]
    spec = CATEGORIES.get(category or "")
    yaw = 0.0
    ym, rectangular = _min_area_yaw(xy)

    def extents(a: float) -> tuple[np.ndarray, np.ndarray]:
        r = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
        p = xy @ r.T
        return np.quantile(p, trim, axis=0), np.quantile(p, 1 - trim, axis=0)

    pad = pad_pixels * float(np.median(np.linalg.norm(xyz - cam_centers[c.frames], axis=1))) if len(xyz) else 0.0
    lo0, hi0 = extents(0.0)
    lom, him = extents(ym)
    # off the room axes only when the footprint is clearly a rectangle (round things have no yaw)
    # and the turned rectangle is clearly tighter
    if abs(ym) > math.radians(4) and rectangular > 0.86 and np.prod(him - lom) < 0.93 * np.prod(hi0 - lo0):
        yaw, lo, hi = ym, lom, him
        notes.append(f"turned {math.degrees(ym):.0f} deg off the room axes (tighter footprint)")
    else:
        lo, hi = lo0, hi0
    lo, hi = lo - pad, hi + pad
    zlo, ztop = float(np.quantile(xyz[:, 2], trim)), float(np.quantile(xyz[:, 2], 1 - trim)) + pad
    if spec is not None and ztop - zlo > spec.size_max[2] * 1.15:  # noise thickens flat things
        ztop = zlo + spec.size_max[2] * 1.15
    axes = np.array([[math.cos(yaw), math.sin(yaw)], [-math.sin(yaw), math.cos(yaw)]])  # rows: box u, v
    centre_uv = (lo + hi) / 2
    half = (hi - lo) / 2
    centre = axes.T @ centre_uv
    seen_from = cam_centers[np.unique(c.frames)][:, :2]
    # the four candidate fronts: +u, +v, -u, -v
    dirs = [axes[0], axes[1], -axes[0], -axes[1]]
    halves = [half[0], half[1], half[0], half[1]]
    has_front = category not in NO_FRONT
    wall_backed = category in WALL_BACKED or (spec is not None and spec.placement == "wall")
    scores, back_gap, terms = [], [], []
    if occupancy is not None:
        own = np.zeros_like(occupancy.counts)
        ij, ok = occupancy.index(xyz[(xyz[:, 2] > 0.1) & (xyz[:, 2] < 1.8), :2])
        np.add.at(own, (ij[ok, 0], ij[ok, 1]), 1)
        if category in SEATED_AT:  # the seats at a desk or an island stand on the floor it faces
            own = own + occupancy.seats
    for idx, (d, h) in enumerate(zip(dirs, halves)):
        back = centre - d * h
        gap = ray_to_walls(back, -d, floor)
        back_gap.append(gap)
        wall = float(np.clip((0.6 - gap) / 0.35, 0, 1))
        s = (xy - centre) @ d
        front_part, back_part = xyz[s > 0.15 * h, 2], xyz[s < -0.15 * h, 2]
        shape = 0.0
        if len(front_part) > 20 and len(back_part) > 20 and ztop - zlo > 0.1:
            shape = float(np.clip((np.quantile(back_part, 0.97) - np.quantile(front_part, 0.97)) / (0.15 * (ztop - zlo)), -1, 1))
        to_cam = seen_from - centre
        to_cam /= np.maximum(np.linalg.norm(to_cam, axis=1, keepdims=True), 1e-9)
        cam = float(np.mean(to_cam @ d)) if len(to_cam) else 0.0
        # the category's proportions and ranges: a desk or a counter is long sideways, a bed
        # front to back
        proportion = 0.0
        if spec is not None:
            dw = np.array([2 * h, 2 * halves[(idx + 1) % 4]])
            size_min, size_max = spec.typical_range
            typical = math.sqrt(size_min[0] * size_max[0]) / math.sqrt(size_min[1] * size_max[1])
            proportion = -2.0 * abs(math.log(max(dw[0], 1e-3) / max(dw[1], 1e-3) / typical)) \
                - 4.0 * float(np.sum(np.abs(np.log(dw / np.clip(dw, size_min[:2], size_max[:2])))))
        # a front is where one stands to use it: open floor, not a wall or the next cabinet (seats
        # are the exception: they face the table or desk they stand at)
        seat = category in SEATS
        clear = _clearance(occupancy, own, centre + d * h, d, halves[(idx + 1) % 4]) \
            if occupancy is not None and not seat else 0.0
        table = _ahead(occupancy.surfaces, occupancy, centre + d * h, d, halves[(idx + 1) % 4]) \
            if occupancy is not None and seat else 0.0
        seats = _ahead(occupancy.seats, occupancy, centre + d * h, d, halves[(idx + 1) % 4]) \
            if occupancy is not None and category in SEATED_AT else 0.0
        terms.append({"a wall behind it": (5.0 if wall_backed else 1.5 if seat else 3.0) * wall,
                      "higher at the back": 1.5 * shape,
                      "the side the cameras saw": cam, "its category's proportions": proportion,
                      "open floor before it": 1.5 * clear, "a table or desk before it": 3.0 * table,
                      "seats before it": 2.0 * seats})
        scores.append(sum(terms[-1].values()))
    if has_front:
        k = int(np.argmax(scores))
        cues = sorted(((v, n) for n, v in terms[k].items() if v > 0.2), reverse=True)
        evidence = ", ".join(f"{n} ({v:.1f})" for v, n in cues) or "no clear evidence"
    else:
        k = 0 if half[0] >= half[1] else 1  # no front: +X along the longer side
        evidence = "no front (symmetric category)"
    front = dirs[k]
    depth, width = 2 * halves[k], 2 * halves[(k + 1) % 4]
    # completion of the unseen back
    if category in ROUND and abs(depth - width) > 0.005:
        # round: as deep as wide; the hidden part of the shorter axis lies away from the cameras
        short = k if depth < width else (k + 1) % 4
        away = -np.mean(seen_from - centre, axis=0) if len(seen_from) else -dirs[short]
        u = dirs[short] if float(away @ dirs[short]) >= 0 else -dirs[short]
        ext = abs(depth - width)
        centre = centre + u * ext / 2
        depth = width = max(depth, width)
        notes.append(f"round: completed to a circle (+{ext * 100:.0f} cm away from the cameras)")
    elif has_front and spec is not None and spec.placement == "wall":
        # wall-mounted things are seen from the front: their depth reaches back toward the wall,
        # up to the category's typical depth (a TV on a stand does not reach it)
        typical = spec.typical_size[0]
        ext = min(max(back_gap[k] - 0.002, 0.0), max(typical - depth, 0.0))
        if ext > 0.005:
            centre = centre - front * ext / 2
            depth += ext
            notes.append(f"back completed toward the wall (+{ext * 100:.0f} cm)")
    elif has_front and spec is not None and spec.placement == "floor":
        gap = back_gap[k]
        if wall_backed and 0.02 < gap < 0.5 and depth + gap <= spec.typical_range[1][0] * 1.1:
            centre = centre - front * (gap - 0.005) / 2
            depth += gap - 0.005
            notes.append(f"back completed to the wall ({gap * 100:.0f} cm)")
        elif depth < spec.typical_range[0][0]:
            ext = min(spec.typical_range[0][0] - depth, max(gap - 0.005, 0.0))
            centre = centre - front * ext / 2
            depth += ext
            if ext > 0.01:
                notes.append(f"back completed to the category's minimum depth (+{ext * 100:.0f} cm)")
    return LiftedBox(category or c.label, c.label, [depth, width, ztop - zlo], [float(centre[0]), float(centre[1]), (ztop + zlo) / 2],
                     math.atan2(front[1], front[0]), evidence, tracks=sorted(c.tracks),
                     frames=len(np.unique(c.frames)), points=len(xyz), notes=notes, xyz=xyz)
