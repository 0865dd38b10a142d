"""The room shell from floor and wall evidence: polygon, height, doors and windows.

Works in the gravity- and Manhattan-aligned metric frame (walls parallel to X and Y).

- Wall lines: room points between 0.25 m and the ceiling whose plan neighbourhood is a line
  parallel to Y (or X) vote for their X (or Y) coordinate; peaks of the vote with enough support
  and extent are walls.
- Free space: the plan cells crossed by camera rays on their way to what they hit, and the cells
  of seen floor. Furniture does not hide floor from a camera at eye height looking over it, and
  nothing outside the walls is ever crossed.
- Polygon: the wall lines cut the plan into rectangles; a rectangle mostly covered by free space
  is inside the room. The outline of the largest connected union of inside rectangles, with holes
  filled, is the floor polygon (counter-clockwise, collinear vertices removed). Walls never seen
  fall back to the extent of the free space, which the notes record.
- Height: a ceiling plane when one is seen, else the top of the walls when seen, else a prior.
- Openings: camera rays that cross a wall's plane inside the room's height and hit something well
  beyond it pass through a hole; holes reaching the floor are doors, others windows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..geometry.polygon import signed_area
from ..scene import Opening

CELL = 0.05
SILL_UNSEEN = 0.5
"""A hole whose bottom is not seen (no wall below it) reaches the floor, a door, when the lowest
rays through it cross the wall below this height (m); cameras at eye height rarely see the last
few decimetres of a wall, and window sills stand higher (0.6-1 m)."""


@dataclass
class RoomEstimate:
    floor: list[list[float]]
    height: float
    openings: list[Opening] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    free: tuple | None = None  # (free raster, x0, y0, cell) for later stages


def _subsample(n: int, k: int, rng) -> np.ndarray:
    return np.arange(n) if n <= k else np.sort(rng.choice(n, k, replace=False))


def _peaks(values: np.ndarray, span: np.ndarray, weight: np.ndarray, width: float,
           min_extent: float = 0.3) -> list[float]:
    """Wall coordinates along one axis: peaks of the weighted 1 cm histogram of ``values`` that
    stand well above their surroundings (walls across the axis spread evenly, walls along it
    pile up), hold at least 0.3 % of the weight (a spurious line costs nothing: the
    free-space test decides which side of it is room; a missed wall costs the room its shape), and whose ``span`` coordinate covers
    ``min_extent``. ``width``: half-width (m) of a wall's peak, from the depth noise."""
    from scipy import ndimage

    if len(values) < 20:
        return []
    lo = values.min() - 0.05
    bins = np.floor((values - lo) / 0.01).astype(int)
    hist = np.bincount(bins, weights=weight)
    half = max(round(width / 0.01), 2)
    mass = ndimage.uniform_filter1d(hist, 2 * half + 1) * (2 * half + 1)
    background = ndimage.median_filter(mass, size=101, mode="constant")  # nothing beyond the ends
    is_peak = (mass == ndimage.maximum_filter1d(mass, 2 * half + 9)) & (mass > 1.8 * background) & \
              (mass >= 0.003 * weight.sum())
    out = []
    for b in np.nonzero(is_peak)[0]:
        c = lo + (b + 0.5) * 0.01
        near = np.abs(values - c) <= half * 0.01
        s = span[near]
        if near.sum() < 10 or np.quantile(s, 0.98) - np.quantile(s, 0.02) < min_extent:
            continue
        # the position: weighted median of a narrow band around the histogram's local maximum
        # (a wide band is biased by the walls across it, which end on one side only)
        top = lo + (b - half + int(np.argmax(hist[max(b - half, 0):b + half + 1])) + 0.5) * 0.01
        band = np.abs(values - top) <= max(0.01, half * 0.01 / 3)
        order = np.argsort(values[band])
        cw = np.cumsum(weight[band][order])
        pos = float(values[band][order][np.searchsorted(cw, cw[-1] / 2)]) if len(cw) else top
        if not out or abs(pos - out[-1][0]) > 0.08:
            out.append((pos, float(mass[b])))
        elif mass[b] > out[-1][1]:
            out[-1] = (pos, float(mass[b]))
    return [p for p, _ in out]


def _free_space(points, rng, x0: float, y0: float, shape: tuple[int, int], max_rays: int = 60000) -> np.ndarray:
    free = np.zeros(shape, bool)
    keep = points.xyz[:, 2] > -0.08  # rays to things below the floor (seen through a door) leave the room
    idx = np.nonzero(keep)[0]
    idx = idx[_subsample(len(idx), max_rays, rng)]
    p = points.xyz[idx, :2]
    c = points.cam_centers[points.frame[idx], :2]
    d = p - c
    length = np.linalg.norm(d, axis=1)
    steps = np.maximum(np.ceil((length - 0.08) / (CELL / 2)).astype(int), 0)
    rep = np.repeat(np.arange(len(idx)), steps)
    t = (np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps)) * (CELL / 2)
    q = c[rep] + d[rep] / np.maximum(length[rep], 1e-9)[:, None] * t[:, None]
    floor = points.xyz[(np.abs(points.xyz[:, 2]) < 0.04) & (points.track == 0), :2]
    q = np.vstack([q, floor, points.cam_centers[:, :2]])
    ij = np.floor((q - [x0, y0]) / CELL).astype(int)
    ok = (ij[:, 0] >= 0) & (ij[:, 1] >= 0) & (ij[:, 0] < shape[0]) & (ij[:, 1] < shape[1])
    free[ij[ok, 0], ij[ok, 1]] = True
    return free


def _outline(xs: list[float], ys: list[float], inside: np.ndarray) -> list[list[float]]:
    """Counter-clockwise outline of the union of grid cells ``inside[i, j]`` = [xs[i], xs[i+1]] x
    [ys[j], ys[j+1]] (one 4-connected region without holes)."""
    nx, ny = inside.shape
    get = lambda i, j: 0 <= i < nx and 0 <= j < ny and inside[i, j]
    nxt = {}
    for i, j in zip(*np.nonzero(inside)):
        if not get(i, j - 1):
            nxt.setdefault((i, j), []).append((i + 1, j))
        if not get(i + 1, j):
            nxt.setdefault((i + 1, j), []).append((i + 1, j + 1))
        if not get(i, j + 1):
            nxt.setdefault((i + 1, j + 1), []).append((i, j + 1))
        if not get(i - 1, j):
            nxt.setdefault((i, j + 1), []).append((i, j))
    start = min(nxt)
    loop, v = [start], nxt[start].pop()
    while v != start and len(loop) < 4 * inside.size + 4:
        loop.append(v)
        v = nxt[v].pop()
    pts = [(xs[i], ys[j]) for i, j in loop]
    out = []
    n = len(pts)
    for k in range(n):
        a, b, c = np.array(pts[k - 1]), np.array(pts[k]), np.array(pts[(k + 1) % n])
        if abs((b - a)[0] * (c - b)[1] - (b - a)[1] * (c - b)[0]) > 1e-12:
            out.append([round(float(b[0]), 4), round(float(b[1]), 4)])
    if signed_area(out) < 0:
        out.reverse()
    return out


def _height(bg: np.ndarray, skyline: np.ndarray, default: float, notes: list[str]) -> float:
    """``bg``: room points; ``skyline``: which of them have nothing measured right above."""
    high = bg[:, 2] > 1.9
    if high.sum() >= 50:
        z = bg[high, 2]
        hist = np.bincount(np.floor((z - 1.9) / 0.01).astype(int))
        b = int(np.argmax(hist))
        near = np.abs(z - (1.9 + (b + 0.5) * 0.01)) < 0.03
        xy = bg[high][near, :2]
        if near.sum() > 0.3 * len(z) and np.ptp(xy[:, 0]) > 1.0 and np.ptp(xy[:, 1]) > 1.0:
            notes.append("room height from the ceiling plane")
            return round(float(np.median(z[near])), 3)
        # where walls end against nothing: many pixels along one horizontal line
        tops = bg[high & skyline, 2]
        if len(tops) >= 20:
            hist = np.bincount(np.floor((tops - 1.9) / 0.02).astype(int))
            b = int(np.argmax(hist))
            near = np.abs(tops - (1.9 + (b + 0.5) * 0.02)) < 0.03
            if near.sum() >= max(20, 0.2 * len(tops)):
                notes.append("room height from the top of the walls")
                return round(float(np.median(tops[near])), 3)
        top = float(np.quantile(z, 0.998))
        if top + 0.05 > default:
            notes.append(f"room height: walls seen up to {top:.2f} m, ceiling not seen")
            return round(top + 0.05, 3)
    notes.append(f"room height: neither ceiling nor wall tops seen, {default} m assumed")
    return default


def _grid(u: np.ndarray, v: np.ndarray, length: float, height: float, nb: int, nh: int) -> np.ndarray:
    """Counts of (along-wall, height) samples in CELL-sized bins of a wall."""
    g = np.zeros((nb, nh))
    ok = (u > 0) & (u < length) & (v > 0) & (v < height)
    np.add.at(g, (np.minimum((u[ok] / CELL).astype(int), nb - 1), np.minimum((v[ok] / CELL).astype(int), nh - 1)), 1)
    return g


def _openings(points, floor: list[list[float]], height: float, rng, max_rays: int = 200000) -> list[Opening]:
    idx = _subsample(len(points.xyz), max_rays, rng)
    p = points.xyz[idx]
    c = points.cam_centers[points.frame[idx]]
    bg = points.track[idx] == 0
    poly = np.asarray(floor)
    out = []
    for w in range(len(poly)):
        a, b = poly[w], poly[(w + 1) % len(poly)]
        length = float(np.linalg.norm(b - a))
        d = (b - a) / length
        nrm = np.array([-d[1], d[0]])
        sc = (c[:, :2] - a) @ nrm
        sp = (p[:, :2] - a) @ nrm
        through = (sc > 0.05) & (sp < -0.3)
        t = sc[through] / (sc[through] - sp[through])
        q = c[through] + (p[through] - c[through]) * t[:, None]
        along, z = (q[:, :2] - a) @ d, q[:, 2]
        on_wall = bg & (np.abs(sp) < 0.06)
        wa, wz = (p[on_wall, :2] - a) @ d, p[on_wall, 2]
        nb, nh = int(np.ceil(length / CELL)), int(np.ceil(height / CELL))
        if nb < 1 or nh < 1:
            continue

        hole, wall = _grid(along, z, length, height, nb, nh), _grid(wa, wz, length, height, nb, nh)
        is_hole = (hole >= 2) & (hole > 2 * wall)
        cols = is_hole.any(axis=1)
        k = 0
        while k < nb:
            if not cols[k]:
                k += 1
                continue
            e = k
            while e + 1 < nb and (cols[e + 1] or (e + 2 < nb and cols[e + 2])):
                e += 1
            width = (e - k + 1) * CELL
            rows = np.nonzero(is_hole[k:e + 1].any(axis=0))[0]
            # low down a hole is seen by few rays (cameras at eye height look over the floor
            # near the wall): there the run's columns vote together
            h_run, w_run = hole[k:e + 1].sum(axis=0), wall[k:e + 1].sum(axis=0)
            run_rows = np.nonzero((h_run >= 2) & (h_run > 2 * w_run))[0]
            lo_r, hi_r = int(min(rows.min(), run_rows.min(initial=nh))), int(rows.max())
            solid = (wall[k:e + 1] > 0).mean(axis=0) > 0.5  # rows where the wall is seen across the run
            # the opening reaches up to the lintel and down to the sill where they are seen: rays
            # through a window's upper part often hit nothing measurable
            up = next((r for r in range(hi_r + 1, nh) if solid[r]), None)
            down = next((r for r in range(lo_r - 1, -1, -1) if solid[r]), None)
            top = (up if up is not None else hi_r + 1) * CELL
            bottom = (down + 1) * CELL if down is not None else 0.0 if lo_r * CELL < SILL_UNSEEN else lo_r * CELL
            start, width = max(k * CELL, 0.02), min(width, length - 0.04)
            if width >= 0.4 and top - bottom >= 0.3 and start + width <= length - 0.02:
                if bottom < 0.1:
                    out.append(Opening("door", w, round(start, 3), round(width, 3),
                                       round(min(max(top, 1.9), height - 0.05), 3), 0.0))
                else:
                    out.append(Opening("window", w, round(start, 3), round(width, 3),
                                       round(min(top, height - 0.05) - bottom, 3), round(bottom, 3)))
            k = e + 1
    return out


def estimate_room(points, seed: int = 0, default_height: float = 2.7, noise: float = 0.0) -> RoomEstimate:
    """``points``: PointSet in the aligned metric frame (floor z = 0, walls along X and Y);
    ``noise``: depth noise coefficient (sigma = noise * depth^2, metres)."""
    from scipy import ndimage

    rng = np.random.default_rng(seed)
    notes: list[str] = []
    bg = points.xyz[points.track == 0]
    height = _height(bg, points.skyline[points.track == 0], default_height, notes)
    sel = (points.track == 0) & (points.xyz[:, 2] > 0.25) & (points.xyz[:, 2] < height - 0.1)
    idx = np.nonzero(sel)[0]
    idx = idx[_subsample(len(idx), 120000, rng)]
    wall, ww = points.xyz[idx], points.weight[idx].astype(float)
    # a wall's peak is as wide as the depth noise at the distance it is seen from
    dist = np.linalg.norm(wall - points.cam_centers[points.frame[idx]], axis=1)
    width = float(np.clip(2 * noise * np.median(dist) ** 2, 0.03, 0.25))
    xs_lines = _peaks(wall[:, 0], wall[:, 1], ww, width)
    ys_lines = _peaks(wall[:, 1], wall[:, 0], ww, width)
    # the extent of everything seen inside bounds the room where no wall was found
    # (seen floor and the cameras: things seen through a door or window lie beyond the room)
    floor_seen = points.xyz[(np.abs(points.xyz[:, 2]) < 0.04) & (points.track == 0), :2]
    seen = np.vstack([floor_seen, points.cam_centers[:, :2]]) if len(floor_seen) else points.cam_centers[:, :2]
    lo, hi = np.quantile(seen, 0.01, axis=0), np.quantile(seen, 0.99, axis=0)
    # a wall must stand on each side of the cameras; where none was seen, the extent of the seen
    # floor bounds the room (floor seen through a door lies beyond a wall that was seen)
    cam = np.median(points.cam_centers[:, :2], axis=0)
    for axis, lines, name in ((0, xs_lines, "x"), (1, ys_lines, "y")):
        if not any(x < cam[axis] for x in lines):
            lines.append(float(min(lo[axis], cam[axis] - 0.3)))
            notes.append(f"no wall seen at the low-{name} side: bounded by the extent of what was seen")
        if not any(x > cam[axis] for x in lines):
            lines.append(float(max(hi[axis], cam[axis] + 0.3)))
            notes.append(f"no wall seen at the high-{name} side: bounded by the extent of what was seen")
        lines.sort()
    x0, y0 = min(xs_lines) - 0.5, min(ys_lines) - 0.5
    shape = (int(np.ceil((max(xs_lines) + 0.5 - x0) / CELL)), int(np.ceil((max(ys_lines) + 0.5 - y0) / CELL)))
    free = _free_space(points, rng, x0, y0, shape)
    free_c = ndimage.binary_closing(free, iterations=2)
    cx = x0 + (np.arange(shape[0]) + 0.5) * CELL
    cy = y0 + (np.arange(shape[1]) + 0.5) * CELL
    inside = np.zeros((len(xs_lines) - 1, len(ys_lines) - 1), bool)
    for i in range(len(xs_lines) - 1):
        mi = (cx > xs_lines[i]) & (cx < xs_lines[i + 1])
        for j in range(len(ys_lines) - 1):
            mj = (cy > ys_lines[j]) & (cy < ys_lines[j + 1])
            block = free_c[np.ix_(mi, mj)]
            inside[i, j] = block.size > 0 and block.mean() >= 0.4
    if not inside.any():
        notes.append("no free space between the walls found: the room is the extent of what was seen")
        inside[:] = True
    lab, n = ndimage.label(inside)
    if n > 1:
        sizes = ndimage.sum(np.ones_like(lab), lab, range(1, n + 1))
        inside = lab == 1 + int(np.argmax(sizes))
    inside = ndimage.binary_fill_holes(inside)
    floor = _outline(xs_lines, ys_lines, inside)
    openings = _openings(points, floor, height, rng)
    return RoomEstimate(floor, height, openings, notes, (free, x0, y0, CELL))
