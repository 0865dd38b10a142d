"""Floor-polygon geometry in the floor plane (metres): area, orientation, simplicity, walls,
containment, distances, intersections.

Wall ``i`` of a room runs from vertex ``i`` to vertex ``i + 1`` (wrapping), so openings can name
a wall by index and an offset along it. Containment, distances and intersections are shapely's
(GEOS: exact predicates); what stays our own says why on its first line.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

Point = Sequence[float]


def signed_area(poly: Sequence[Point]) -> float:
    """Shoelace area: positive when the vertices run counter-clockwise (ours: shapely's area has
    no sign, and the sign is the orientation check)."""
    p = np.asarray(poly, dtype=float)
    x, y = p[:, 0], p[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def wall_segments(poly: Sequence[Point]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(start, end) of each wall: wall i runs from vertex i to vertex i+1."""
    p = np.asarray(poly, dtype=float)
    return [(p[i], p[(i + 1) % len(p)]) for i in range(len(p))]


def wall_lengths(poly: Sequence[Point]) -> list[float]:
    return [float(np.linalg.norm(b - a)) for a, b in wall_segments(poly)]


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a: Point, b: Point, p: Point, eps: float) -> bool:
    return (
        min(a[0], b[0]) - eps <= p[0] <= max(a[0], b[0]) + eps
        and min(a[1], b[1]) - eps <= p[1] <= max(a[1], b[1]) + eps
    )


def segments_intersect(a: Point, b: Point, c: Point, d: Point, eps: float = 1e-12) -> bool:
    """True when closed segments ab and cd share at least one point (touching counts)."""
    d1, d2 = _orient(c, d, a), _orient(c, d, b)
    d3, d4 = _orient(a, b, c), _orient(a, b, d)
    if ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and (
        (d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps)
    ):
        return True
    return (
        (abs(d1) <= eps and _on_segment(c, d, a, eps))
        or (abs(d2) <= eps and _on_segment(c, d, b, eps))
        or (abs(d3) <= eps and _on_segment(a, b, c, eps))
        or (abs(d4) <= eps and _on_segment(a, b, d, eps))
    )


def self_intersections(poly: Sequence[Point]) -> list[tuple[int, int]]:
    """Pairs of wall indices (i, j) that cross or touch although they are not neighbours.

    Validation names the walls, which shapely's ``is_simple`` does not; it answers the usual
    case (a simple outline) in O(n log n), and only a crossing outline is searched pair by pair,
    among the segments whose bounding boxes meet (shapely's STRtree): a 5,000-point floor costs
    milliseconds, not minutes.
    """
    from shapely import LineString, LinearRing, STRtree

    segs = wall_segments(poly)
    n = len(segs)
    if n >= 3 and LinearRing([tuple(a) for a, _ in segs]).is_simple:
        return []
    tree = STRtree([LineString([tuple(a), tuple(b)]) for a, b in segs])
    left, right = tree.query(tree.geometries, predicate="intersects")
    hits = set()
    for i, j in zip(left.tolist(), right.tolist()):
        if i >= j or j == i + 1 or (i == 0 and j == n - 1):
            continue
        if segments_intersect(*segs[i], *segs[j]):
            hits.add((i, j))
    return sorted(hits)


def _shape(poly: Sequence[Point]):
    import shapely

    return shapely.Polygon(np.asarray(poly, dtype=float)[:, :2])


def point_in_polygon(pt: Point, poly: Sequence[Point]) -> bool:
    """True when a point lies inside the polygon (points on an edge count as outside)."""
    import shapely

    return bool(shapely.contains_xy(_shape(poly), float(pt[0]), float(pt[1])))


def distance_to_boundary(pt: Point, poly: Sequence[Point]) -> float:
    """Shortest distance from a point to any wall segment."""
    import shapely

    return float(shapely.distance(_shape(poly).exterior, shapely.Point(float(pt[0]), float(pt[1]))))


def points_in_polygon(points: np.ndarray, poly: Sequence[Point]) -> np.ndarray:
    """`point_in_polygon` of many points at once (one shape built, one vectorised query)."""
    import shapely

    pts = np.asarray(points, float).reshape(-1, 2)
    return np.asarray(shapely.contains_xy(_shape(poly), pts[:, 0], pts[:, 1]), bool)


def nearest_on_boundary(points: np.ndarray, poly: Sequence[Point]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each point: the nearest point on the polygon's boundary, its distance and the unit
    normal of that wall segment pointing into a counter-clockwise polygon."""
    pts = np.asarray(points, float).reshape(-1, 1, 2)
    ring = np.asarray(poly, float)[:, :2]
    a, b = ring, np.roll(ring, -1, axis=0)
    ab = b - a
    t = np.clip(((pts - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-18), 0.0, 1.0)
    q = a + t[..., None] * ab
    d = np.linalg.norm(q - pts, axis=-1)
    k = d.argmin(axis=1)
    rows = np.arange(len(pts))
    seg = ab[k]
    normal = np.stack([-seg[:, 1], seg[:, 0]], axis=1) / np.maximum(np.linalg.norm(seg, axis=1, keepdims=True), 1e-18)
    return q[rows, k], d[rows, k], normal


def polygon_inside(inner: Sequence[Point], outer: Sequence[Point], tol: float = 1e-6) -> bool:
    """True when polygon ``inner`` lies inside ``outer``, allowing it to stick out by ``tol``."""
    return bool(_shape(outer).buffer(tol, join_style="mitre").covers(_shape(inner)))


def intersection_area(a: Sequence[Point], b: Sequence[Point]) -> float:
    """Area (m^2) of the overlap of two simple polygons."""
    return float(_shape(a).intersection(_shape(b)).area)


def polygon_iou(a: Sequence[Point], b: Sequence[Point]) -> float:
    """Intersection over union of two simple polygons' areas (0 when both are empty)."""
    pa, pb = _shape(a), _shape(b)
    union = pa.union(pb).area
    return float(pa.intersection(pb).area / union) if union > 0 else 0.0


def convex_penetration(a: Sequence[Point], b: Sequence[Point]) -> float:
    """Overlap depth of two convex polygons by the separating-axis theorem (metres); ours: shapely
    measures overlap areas, not the push that separates two shapes.

    Returns the smallest push that would separate them: > 0 when they overlap, <= 0 (minus the
    gap along the best axis) when they are apart.
    """
    pa, pb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    best = math.inf
    for poly in (pa, pb):
        edges = np.roll(poly, -1, axis=0) - poly
        for ex, ey in edges:
            n = np.array([-ey, ex])
            norm = math.hypot(*n)
            if norm == 0:
                continue
            n /= norm
            proj_a, proj_b = pa @ n, pb @ n
            depth = min(proj_a.max() - proj_b.min(), proj_b.max() - proj_a.min())
            best = min(best, depth)
    return float(best)


def triangulate(poly: Sequence[Point]) -> np.ndarray:
    """Ear-clipping triangulation of a simple counter-clockwise polygon: (n - 2, 3) vertex
    indices, each triangle counter-clockwise (normal +Z). Ours: exporters need indices into the
    polygon's own vertices, which shapely's triangulations (new coordinates) do not give."""
    p = np.asarray(poly, dtype=float)
    idx = list(range(len(p)))
    tris = []
    guard = 0
    while len(idx) > 3 and guard < 10 * len(p) ** 2:
        guard += 1
        n = len(idx)
        for k in range(n):
            i0, i1, i2 = idx[(k - 1) % n], idx[k], idx[(k + 1) % n]
            a, b, c = p[i0], p[i1], p[i2]
            if _orient(a, b, c) <= 1e-12:
                continue  # reflex or degenerate corner
            if any(_in_triangle(p[j], a, b, c) for j in idx if j not in (i0, i1, i2)):
                continue
            tris.append((i0, i1, i2))
            idx.pop(k)
            break
        else:
            break
    if len(idx) == 3:
        tris.append(tuple(idx))
    return np.asarray(tris, dtype=np.int64)


def _in_triangle(q: Point, a: Point, b: Point, c: Point) -> bool:
    return _orient(a, b, q) >= 0 and _orient(b, c, q) >= 0 and _orient(c, a, q) >= 0


def rasterise(poly: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Boolean grid (len(ys), len(xs)) of cell centres inside a polygon (even-odd rule). Ours: one
    vectorised pass per edge over the cells of the polygon's bounding box (a mug's footprint
    touches a few cells of a house-sized grid), faster than a point query per cell.
    ``xs`` and ``ys`` are increasing."""
    poly = np.asarray(poly, float)
    inside = np.zeros((len(ys), len(xs)), bool)
    if len(poly) < 3:
        return inside
    lo, hi = poly.min(axis=0), poly.max(axis=0)
    i0, i1 = np.searchsorted(xs, lo[0], "left"), np.searchsorted(xs, hi[0], "right")
    j0, j1 = np.searchsorted(ys, lo[1], "left"), np.searchsorted(ys, hi[1], "right")
    if i0 >= i1 or j0 >= j1:
        return inside
    gx, gy = np.meshgrid(xs[i0:i1], ys[j0:j1])
    window = np.zeros(gx.shape, bool)
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if y1 == y2:
            continue
        crosses = (y1 > gy) != (y2 > gy)
        xc = x1 + (gy - y1) * (x2 - x1) / (y2 - y1)
        window ^= crosses & (gx < xc)
    inside[j0:j1, i0:i1] = window
    return inside
