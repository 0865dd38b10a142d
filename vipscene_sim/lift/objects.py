"""Per-object 3D evidence: fused point clouds, cleanup, association, oriented boxes, fronts,
supports.

Works in the aligned metric frame (floor z = 0, walls along X and Y).

1. Fusion: every track's points across all frames, weighted by depth confidence and detection
   score. Floor pixels bleeding into a mask are dropped (unless the object is flat, like a rug).
2. Cleanup: density clustering (DBSCAN with eps 6 cm on a 2 cm voxel grid, as connected
   components) and statistical outlier removal. A track's clusters are one object while they fit
   its category's size range together; a large cluster that breaks it is another object under
   the same id (a merged detection) and becomes its own candidate.
3. Association: tracks that occupy the same space are one object (a tracker that lost and
   re-found it, or a duplicate detection); touching tracks of one category are joined when their
   union fits the category's size range better than either part (an object split in two).
4. Boxes: yaw from the Manhattan axes unless the footprint is clearly a rectangle and a turned one
   is clearly tighter; extents from the outermost points (a small share trimmed when depth is
   noisy). The front is the side with the most weighted evidence: a wall behind it (weak for
   seats, which stand at tables, not walls), the higher side at the back (backrests, headboards),
   the category's proportions, open floor before it (for seats: the table or desk; for desks and
   islands: the seats at them), the side the cameras saw. Unseen backs of wall-backed furniture
   are completed to the wall, other unseen backs to the category's minimum depth, round things
   to a circle.
5. Supports (`assign_supports`): floor, on the object below (its surface under the child), wall,
   ceiling or inside a container, each box snapped onto what holds it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..catalog import CATEGORIES, NO_FRONT, ROUND, WALL_BACKED

VOXEL = 0.02
EPS = 0.06
SEATS = frozenset({"chair", "office_chair", "stool", "bench"})  # seats that stand at a table
WORK_SURFACES = frozenset({"dining_table", "desk", "kitchen_island", "kitchen_counter", "coffee_table"})
SEATED_AT = frozenset({"desk", "kitchen_island"})  # their front is where one sits (stools at an island's overhang)


@dataclass
class Candidate:
    tracks: list[int]
    labels: dict[str, float]  # label -> total weight
    xyz: np.ndarray
    weight: np.ndarray
    frames: np.ndarray  # frame index per point
    score: float

    @property
    def label(self) -> str:
        return max(sorted(self.labels), key=lambda k: self.labels[k])


@dataclass
class LiftedBox:
    category: str
    label: str
    size: list[float]
    center: list[float]
    yaw: float
    front_evidence: str
    support: str = "floor"
    parent: int | None = None
    confidence: float = 1.0
    tracks: list[int] = field(default_factory=list)
    frames: int = 0
    points: int = 0
    notes: list[str] = field(default_factory=list)
    xyz: np.ndarray | None = field(default=None, repr=False)


def _components(xyz: np.ndarray, eps: float = EPS) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of points at ``eps`` over a voxel grid: (label per point, voxel per point)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    keys, inv = np.unique(np.floor(xyz / VOXEL).astype(np.int64), axis=0, return_inverse=True)
    inv = inv.ravel()
    centres = (keys + 0.5) * VOXEL
    pairs = cKDTree(centres).query_pairs(eps, output_type="ndarray")
    g = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(keys), len(keys))) if len(pairs) else \
        coo_matrix((len(keys), len(keys)))
    _, lab = connected_components(g, directed=False)
    return lab[inv], inv


def _outliers(xyz: np.ndarray, k: int = 8, std: float = 2.5) -> np.ndarray:
    """Statistical outlier removal: True where a point's mean distance to its k nearest
    neighbours is more than ``std`` standard deviations above the mean."""
    from scipy.spatial import cKDTree

    if len(xyz) <= k + 1:
        return np.zeros(len(xyz), bool)
    d, _ = cKDTree(xyz).query(xyz, k=k + 1)
    m = d[:, 1:].mean(axis=1)
    return m > m.mean() + std * m.std()


def gather(points, labels: dict[int, str], scores: dict[int, float], category_of=lambda label: None,
           min_points: int = 15, max_points: int = 60000, seed: int = 0) -> tuple[list[Candidate], list[dict]]:
    """Per track: cleaned clusters as candidates; the list says what was dropped.

    A track's clusters are one object when they stay within its category's size range together (a
    headboard seen apart from the mattress). A large cluster that would break the range is another
    object under the same id (a detection that swallowed its neighbour): it becomes a candidate of
    its own, named by the track's label only if it fits that category itself, else "object".
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    order = np.argsort(points.track, kind="stable")
    tr = points.track[order]
    starts = np.searchsorted(tr, np.unique(tr))
    dropped, out = [], []
    for s, e in zip(starts, list(starts[1:]) + [len(tr)]):
        t = int(tr[s])
        if t == 0:
            continue
        label = labels.get(t, "object")
        category = category_of(label)
        idx = order[s:e]
        if len(idx) > max_points:
            idx = np.sort(rng.choice(idx, max_points, replace=False))
        xyz, w, fr = points.xyz[idx], points.weight[idx], points.frame[idx]
        flat = np.median(xyz[:, 2]) < 0.05
        if not flat:
            keep = xyz[:, 2] > 0.015
            xyz, w, fr = xyz[keep], w[keep], fr[keep]
        if len(xyz) < min_points:
            dropped.append({"track": t, "label": label, "reason": f"only {len(xyz)} usable points"})
            continue
        lab, _ = _components(xyz)
        mass = np.bincount(lab, weights=w)
        by_mass = [c for c in np.argsort(-mass) if (lab == c).sum() >= 5]
        if not by_mass:
            dropped.append({"track": t, "label": label, "reason": "scattered points, no cluster of 5"})
            continue
        big = [c for c in by_mass if mass[c] >= 0.2 * mass[by_mass[0]]]
        # the core: the big cluster that best fits the label's category (the largest without one)
        core = min(big, key=lambda c: (round(size_misfit(_extent(xyz[lab == c]), category), 1), -mass[c]))
        groups: list[tuple[np.ndarray, str]] = [(lab == core, label)]
        main_tree = main_misfit = None  # of groups[0], rebuilt only when a part joins it
        for c in by_mass:
            if c == core:
                continue
            sel = lab == c
            main = groups[0][0]
            if main_tree is None:
                main_tree, main_misfit = cKDTree(xyz[main]), size_misfit(_extent(xyz[main]), category)
            gap = float(main_tree.query(xyz[sel][:: max(1, sel.sum() // 500)])[0].min())
            if gap < 0.5 and size_misfit(_extent(xyz[main | sel]), category) <= main_misfit + 0.15:
                groups[0] = (main | sel, label)  # a part of the same object seen apart
                main_tree = None
            elif mass[c] >= 0.2 * mass[by_mass[0]] and sel.sum() >= max(min_points, 50):
                own = size_misfit(_extent(xyz[sel]), category)
                groups.append((sel, label if own < 0.3 else "object"))  # another object under this id
        for sel, name in groups:
            cx, cw, cf = xyz[sel], w[sel], fr[sel]
            bad = _outliers(cx)
            cx, cw, cf = cx[~bad], cw[~bad], cf[~bad]
            out.append(Candidate([t], {name: float(cw.sum())}, cx, cw, cf, scores.get(t, 1.0)))
    return out, dropped


def _voxels(xyz: np.ndarray, size: float = 0.05) -> np.ndarray:
    k = np.floor(xyz / size).astype(np.int64) + 100000
    return np.unique(k[:, 0] * 400000 ** 2 + k[:, 1] * 400000 + k[:, 2])


def _dilate(keys: np.ndarray) -> np.ndarray:
    offs = [dx * 400000 ** 2 + dy * 400000 + dz for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)]
    return np.unique((keys[:, None] + np.array(offs)[None]).ravel())


def size_misfit(extent: np.ndarray, category: str | None) -> float:
    """How far a box's (sorted horizontal, height) extents lie outside the category's size
    range, in summed log ratios; 0 inside the range or without a category."""
    spec = CATEGORIES.get(category or "")
    if spec is None:
        return 0.0
    lo = np.r_[np.sort(spec.size_min[:2]), spec.size_min[2]]
    hi = np.r_[np.sort(spec.size_max[:2]), spec.size_max[2]]
    e = np.r_[np.sort(extent[:2]), extent[2]]
    return float(np.sum(np.abs(np.log(np.clip(e, 1e-3, None) / np.clip(e, lo, hi)))))


def _extent(xyz: np.ndarray) -> np.ndarray:
    return np.quantile(xyz, 0.99, axis=0) - np.quantile(xyz, 0.01, axis=0)


def associate(cands: list[Candidate], category_of) -> tuple[list[Candidate], list[dict]]:
    """Merge candidates that are one object; returns the merged list and a log of merges."""
    log = []
    changed = True
    while changed:
        changed = False
        vox = [_voxels(c.xyz) for c in cands]
        frames = [set(np.unique(c.frames).tolist()) for c in cands]
        cats = [category_of(c.label) for c in cands]
        best = None
        for i in range(len(cands)):
            for j in range(i + 1, len(cands)):
                small = min(len(vox[i]), len(vox[j]))
                if small == 0:
                    continue
                overlap = len(np.intersect1d(vox[i], vox[j], assume_unique=True)) / small
                together = len(frames[i] & frames[j])
                same = cats[i] is not None and cats[i] == cats[j]
                reason = None
                if together == 0 and overlap >= 0.3:
                    reason = "same object under another id (never seen together)"
                elif same and overlap >= 0.5:
                    reason = "duplicate detection"
                elif same:
                    touch = len(np.intersect1d(_dilate(vox[i]), vox[j])) / small
                    if touch >= 0.15:
                        union = np.vstack([cands[i].xyz, cands[j].xyz])
                        mu = size_misfit(_extent(union), cats[i])
                        mi, mj = size_misfit(_extent(cands[i].xyz), cats[i]), size_misfit(_extent(cands[j].xyz), cats[j])
                        if mu + 0.15 < min(mi, mj) or (mu < 1e-9 and min(mi, mj) > 0.05):
                            reason = "one object split in parts"
                if reason and (best is None or overlap > best[0]):
                    best = (overlap, i, j, reason)
        if best is not None:
            _, i, j, reason = best
            a, b = cands[i], cands[j]
            labels = dict(a.labels)
            for k, v in b.labels.items():
                labels[k] = labels.get(k, 0.0) + v
            wa, wb = a.weight.sum(), b.weight.sum()
            merged = Candidate(a.tracks + b.tracks, labels, np.vstack([a.xyz, b.xyz]), np.r_[a.weight, b.weight],
                               np.r_[a.frames, b.frames], float((a.score * wa + b.score * wb) / max(wa + wb, 1e-9)))
            log.append({"tracks": sorted(merged.tracks), "reason": reason})
            cands = [c for k, c in enumerate(cands) if k not in (i, j)] + [merged]
            changed = True
    return cands, log


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


def _ray_to_walls(p: np.ndarray, u: np.ndarray, poly: np.ndarray) -> float:
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
        gap = _ray_to_walls(back, -d, floor)
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
            typical = math.sqrt(spec.size_min[0] * spec.size_max[0]) / math.sqrt(spec.size_min[1] * spec.size_max[1])
            proportion = -2.0 * abs(math.log(max(dw[0], 1e-3) / max(dw[1], 1e-3) / typical)) \
                - 4.0 * float(np.sum(np.abs(np.log(dw / np.clip(dw, spec.size_min[:2], spec.size_max[:2])))))
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
        typical = math.sqrt(spec.size_min[0] * spec.size_max[0])
        ext = min(max(back_gap[k] - 0.002, 0.0), max(typical - depth, 0.0))
        if ext > 0.005:
            centre = centre - front * ext / 2
            depth += ext
            notes.append(f"back completed toward the wall (+{ext * 100:.0f} cm)")
    elif has_front and spec is not None and spec.placement == "floor":
        gap = back_gap[k]
        if wall_backed and 0.02 < gap < 0.5 and depth + gap <= spec.size_max[0] * 1.1:
            centre = centre - front * (gap - 0.005) / 2
            depth += gap - 0.005
            notes.append(f"back completed to the wall ({gap * 100:.0f} cm)")
        elif depth < spec.size_min[0]:
            ext = min(spec.size_min[0] - depth, max(gap - 0.005, 0.0))
            centre = centre - front * ext / 2
            depth += ext
            if ext > 0.01:
                notes.append(f"back completed to the category's minimum depth (+{ext * 100:.0f} cm)")
    return LiftedBox(category or c.label, c.label, [depth, width, ztop - zlo], [float(centre[0]), float(centre[1]), (ztop + zlo) / 2],
                     math.atan2(front[1], front[0]), evidence, tracks=sorted(c.tracks),
                     frames=len(np.unique(c.frames)), points=len(xyz), notes=notes, xyz=xyz)


def _footprint_contains(b: LiftedBox, p: np.ndarray, margin: float) -> bool:
    c, s = math.cos(b.yaw), math.sin(b.yaw)
    d = p - np.asarray(b.center[:2])
    return abs(d[0] * c + d[1] * s) <= b.size[0] / 2 + margin and abs(-d[0] * s + d[1] * c) <= b.size[1] / 2 + margin


ON_RUGS = frozenset({"bed", "sofa", "dining_table", "coffee_table", "desk"})


def complete_rugs(boxes: list[LiftedBox]) -> None:
    """Rugs hidden under the furniture standing on them: a rug whose visible part ends at a bed,
    sofa or table continues under it, so its box grows to that furniture's middle (as far as the
    category's size range allows). Axis-aligned rugs and furniture only."""
    for r in boxes:
        if r.category != "rug" or abs(math.sin(2 * r.yaw)) > 1e-3:
            continue
        spec = CATEGORIES["rug"]
        lo = np.array(r.center[:2]) - _plan_half(r)
        hi = np.array(r.center[:2]) + _plan_half(r)
        for f in boxes:
            if f is r or f.category not in ON_RUGS or abs(math.sin(2 * f.yaw)) > 1e-3:
                continue
            flo, fhi = np.array(f.center[:2]) - _plan_half(f), np.array(f.center[:2]) + _plan_half(f)
            gap = np.maximum(flo - hi, lo - fhi)  # per axis, negative where they overlap
            edge = np.abs(gap) <= 0.05  # the seen rug ends at the furniture's edge along this axis
            if edge.sum() != 1 or gap[~edge][0] >= 0:
                continue
            # how far under it the rug goes is not seen: to the furniture's middle (a rug under a
            # bed or sofa usually reaches under its front half)
            mid = np.array(f.center[:2])
            new_lo = np.where(edge, np.minimum(lo, mid), lo)
            new_hi = np.where(edge, np.maximum(hi, mid), hi)
            if np.all(np.sort(new_hi - new_lo) <= np.sort(spec.size_max[:2]) + 1e-9):
                lo, hi = new_lo, new_hi
                r.notes.append(f"continues under {f.category} (hidden by it)")
        swap = abs(math.sin(r.yaw)) > 0.5  # the box's x axis along world y
        ext = hi - lo
        r.size[0], r.size[1] = (ext[1], ext[0]) if swap else (ext[0], ext[1])
        r.center[0], r.center[1] = float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2)


def _plan_half(b: LiftedBox) -> np.ndarray:
    """Half extents along world x and y of an axis-aligned (multiple of 90 degrees) box."""
    swap = abs(math.sin(b.yaw)) > 0.5
    return np.array([b.size[1], b.size[0]]) / 2 if swap else np.array([b.size[0], b.size[1]]) / 2


def _set_bottom(b: LiftedBox, z: float) -> None:
    """Move a box's bottom to ``z`` keeping its top (a box at least 5 mm tall)."""
    top = max(b.center[2] + b.size[2] / 2, z + 0.005)
    b.size[2] = top - z
    b.center[2] = (top + z) / 2


def _surface_under(parent: LiftedBox, child: LiftedBox) -> float:
    """Height of the parent's surface under the child: its highest points within the child's
    footprint (a mattress below a headboard's top), else the parent's top."""
    top = parent.center[2] + parent.size[2] / 2
    if parent.xyz is None:
        return top
    r = max(min(child.size[0], child.size[1]) / 2, 0.05)
    d = parent.xyz[:, :2] - np.asarray(child.center[:2])
    under = parent.xyz[np.hypot(d[:, 0], d[:, 1]) < r, 2]
    under = under[under < child.center[2] - child.size[2] / 2 + 0.12]
    return float(np.quantile(under, 0.9)) if len(under) >= 5 else top


def assign_supports(boxes: list[LiftedBox], floor: np.ndarray, height: float) -> None:
    """Support relation of every box (floor, on another box, wall, ceiling), snapping the box onto
    what holds it. Boxes are processed bottom-up so a parent is settled before its children; only
    boxes already settled can hold another, so supports never form a cycle."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].center[2] - boxes[i].size[2] / 2)
    for pos, i in enumerate(order):
        settled = order[:pos]
        b = boxes[i]
        spec = CATEGORIES.get(b.category)
        bottom, top = b.center[2] - b.size[2] / 2, b.center[2] + b.size[2] / 2
        placement = spec.placement if spec else None
        xy = np.asarray(b.center[:2])

        parents = []
        for j in settled:
            p = boxes[j]
            if not _footprint_contains(p, xy, 0.03):
                continue
            for ptop in (_surface_under(p, b), p.center[2] + p.size[2] / 2):
                if bottom - 0.1 < ptop < bottom + 0.12 and ptop < top:
                    parents.append((abs(ptop - bottom), j, ptop))
        front = np.array([math.cos(b.yaw), math.sin(b.yaw)])
        back_gap = _ray_to_walls(xy - front * b.size[0] / 2, -front, floor)
        containers = [j for j in settled if _footprint_contains(boxes[j], xy, 0.0)
                      and boxes[j].center[2] - boxes[j].size[2] / 2 < b.center[2] < boxes[j].center[2] + boxes[j].size[2] / 2]
        big_floor_thing = placement == "floor" and b.size[2] > 0.5
        if placement == "ceiling":
            b.support = "ceiling"
            b.size[2] = max(height - bottom, 0.02)
            b.center[2] = height - b.size[2] / 2
            b.notes.append("hangs from the ceiling: extended to it")
        elif bottom < 0.06:
            b.support = "floor"
            _set_bottom(b, 0.0)
        elif parents and not big_floor_thing:
            _, j, ptop = min(parents)
            b.support, b.parent = "on", j
            # the parent's top is measured from above (noise pushes it up), the child's bottom from
            # its own points (noise pushes it down): the surface lies between
            surface = 0.5 * (ptop + bottom)
            p = boxes[j]
            if abs(ptop - (p.center[2] + p.size[2] / 2)) < 1e-9 and surface < ptop:
                p_bottom = p.center[2] - p.size[2] / 2
                p.size[2] = max(surface - p_bottom, 0.005)
                p.center[2] = p_bottom + p.size[2] / 2
            _set_bottom(b, surface)
        elif placement == "floor":
            b.support = "floor"
            b.notes.append(f"bottom not seen ({bottom:.2f} m up): extended to the floor")
            _set_bottom(b, 0.0)
        elif (back_gap < 0.15 and (placement is None or (bottom > 0.3 and placement != "on"))) or \
                (placement == "wall" and back_gap < 0.6):
            b.support = "wall"
            if back_gap > 0.002:
                b.center[0] -= front[0] * (back_gap - 0.002)
                b.center[1] -= front[1] * (back_gap - 0.002)
        elif containers:
            j = min(containers, key=lambda j: float(np.prod(boxes[j].size)))
            b.support, b.parent = "on", j
            b.notes.append("inside another object (a shelf not seen under it): on it")
        elif top > height - 0.15 and placement is None:
            b.support = "ceiling"
            b.center[2] = height - b.size[2] / 2
        else:
            below = [(boxes[j].center[2] + boxes[j].size[2] / 2, j) for j in settled
                     if boxes[j].center[2] + boxes[j].size[2] / 2 <= bottom + 0.12 and _footprint_contains(boxes[j], xy, 0.03)]
            if below:
                ptop, j = max(below)
                b.support, b.parent = "on", j
                _set_bottom(b, ptop)
                b.notes.append(f"lowered {bottom - ptop:.2f} m onto what is below it")
            else:
                b.support = "floor"
                b.notes.append(f"nothing seen holding it {bottom:.2f} m above the floor: set down on the floor")
                b.center[2] = b.size[2] / 2
