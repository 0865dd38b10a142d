"""A first-person walkthrough of a room: where a person would walk and look to see everything.

FPVScore judges a scene from such a walk (a top-down image hides what matters: a chair facing the
wall, a lamp inside a shelf). The path is planned on the navigable floor of the layout stage:

1. free floor for a walker of ``walker_radius`` (everything standing on the floor blocks it,
   rugs do not), the part connected to the door (else the largest part);
2. candidate viewpoints on a lattice over that floor (its phase drawn from the seed), and for each
   object the viewpoints that see its centre from eye height: within ``view_range``, a camera
   tilt inside ``pitch_range``, and a line of sight over everything else in plan (walls, and
   furniture taller than the line where it crosses; the object's own supports and contents do
   not hide it);
3. a greedy set cover picks viewpoints until every visible object is covered, preferring a view
   from about ``best_distance``; they are visited from the door in nearest-neighbour order
   improved by 2-opt, along shortest paths on the free grid, straightened where a straight line
   stays free;
4. at walking speed the camera looks ahead along the path; at each viewpoint it turns to every
   object it covers (tilting towards it) and dwells, then turns on. Position and heading are
   smoothed, and a smoothed position that would leave free floor keeps its unsmoothed place.

Poses are camera-to-world 4x4 in the OpenCV convention (x right, y down, z forward), world +Z up,
metres, like ``synth``. The same scene and seed give the same trajectory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..geometry.polygon import rasterise
from ..geometry.pose import look_pose


@dataclass(frozen=True)
class TrajectorySettings:
    eye_height: float = 1.6
    walker_radius: float = 0.3
    """Half the width (m) a person needs; tried at 60 % when nothing fits (said in the notes)."""
    cell: float = 0.05
    lattice: float = 0.25
    """Spacing (m) of candidate viewpoints."""
    view_range: tuple[float, float] = (0.6, 5.0)
    best_distance: float = 1.8
    pitch_range_deg: tuple[float, float] = (-60.0, 45.0)
    """How far the walker looks down or up (degrees) to face an object."""
    walk_pitch_deg: float = -12.0
    speed: float = 0.5
    """Walking speed, m/s."""
    turn_rate_deg: float = 60.0
    """Turning speed, degrees/s."""
    dwell_s: float = 0.5
    """Time spent looking at each object from its viewpoint."""
    fps: float = 8.0
    look_ahead: float = 0.8
    """While walking, the camera faces the point this far (m) ahead on the path."""
    max_frames: int = 600
    """Longer walks are resampled to this many frames (evenly in time)."""


@dataclass
class Trajectory:
    poses: np.ndarray
    """(N, 4, 4) camera-to-world, OpenCV camera axes"""
    fps: float
    looking_at: list[str]
    """per frame: the object the camera is turned to at a viewpoint, '' while walking"""
    views: dict[str, int]
    """object id -> first frame that looks straight at it"""
    unseen: list[str]
    """objects no free viewpoint sees (enclosed, or out of sight of all free floor)"""
    walker_radius: float
    viewpoints: list[list[float]]
    notes: list[str] = field(default_factory=list)

    @property
    def length_m(self) -> float:
        p = self.poses[:, :2, 3]
        return float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum()) if len(p) > 1 else 0.0

    def to_dict(self) -> dict:
        return {"convention": "camera-to-world, OpenCV camera (x right, y down, z forward); world +Z up; metres",
                "fps": self.fps, "frames": len(self.poses), "length_m": round(self.length_m, 3),
                "walker_radius_m": self.walker_radius, "viewpoints": self.viewpoints, "views": self.views,
                "unseen": self.unseen, "notes": self.notes, "looking_at": self.looking_at,
                "cam_to_world": [np.round(p, 6).tolist() for p in self.poses]}


class NoFreeFloor(Exception):
    """The room has no floor a person could stand on."""


def plan_trajectory(scene, geo: dict, blockers: dict[str, np.ndarray], s: TrajectorySettings = TrajectorySettings(),
                    seed: int = 0) -> Trajectory:
    """Plan the walk (see the module docstring). ``geo``: object id -> ObjectGeometry (world
    vertices, footprint); ``blockers``: plan footprints of what a person cannot cross."""
    from ..layout.navigation import free_space

    notes = []
    grid = None
    for radius in (s.walker_radius, 0.6 * s.walker_radius):
        grid = free_space(scene.room, list(blockers.values()), radius, s.cell)
        if grid.free.any():
            if radius != s.walker_radius:
                notes.append(f"no floor wide enough for a walker of radius {s.walker_radius} m; planned for {radius:.2f} m")
            break
    if grid is None or not grid.free.any():
        raise NoFreeFloor(f"no free floor for a walker of radius {0.6 * s.walker_radius:.2f} m")
    region = grid.reachable
    if not grid.door_labels:
        notes.append("no door reaches free floor: the walk starts in the largest free area")
    rng = np.random.default_rng(seed)
    cands = _lattice(region, grid, s, rng)
    start = _start_cell(grid, region)
    cand_xy = np.array([grid.point(j, i) for j, i in cands])
    vis, dist, pitch, aim = _visibility(scene, geo, grid, cand_xy, s)
    ids = [o.id for o in scene.objects]
    chosen, covers = _cover(vis, dist, s)
    unseen = [ids[t] for t in range(len(ids)) if not vis[:, t].any()]
    if unseen:
        notes.append(f"{len(unseen)} object(s) visible from no free viewpoint: {', '.join(unseen)}")
    order = _tour(grid, region, start, [cands[c] for c in chosen])
    chosen = [chosen[k] for k in order]
    route = _route(grid, region, start, [cands[c] for c in chosen])
    frames = _frames(route, chosen, covers, cand_xy, ids, pitch, aim, grid, s)
    poses, looking = frames
    if len(poses) > s.max_frames:
        keep = np.round(np.linspace(0, len(poses) - 1, s.max_frames)).astype(int)
        # keep the frame that looks straight at each object
        firsts = {looking[k] for k in range(len(looking)) if looking[k]}
        must = [looking.index(i) for i in firsts]
        keep = np.unique(np.r_[keep, must])
        notes.append(f"{len(poses)} frames resampled to {len(keep)}")
        poses, looking = [poses[k] for k in keep], [looking[k] for k in keep]
    views = {}
    for k, name in enumerate(looking):
        if name and name not in views:
            views[name] = k
    return Trajectory(np.stack(poses), s.fps, looking, views, unseen, float(radius),
                      [[round(float(v), 3) for v in cand_xy[c]] for c in chosen], notes)


def _lattice(region: np.ndarray, grid, s: TrajectorySettings, rng) -> list[tuple[int, int]]:
    step = max(round(s.lattice / s.cell), 1)
    oj, oi = (int(x) for x in rng.integers(0, step, 2))
    jj, ii = np.nonzero(region)
    keep = ((jj - oj) % step == 0) & ((ii - oi) % step == 0)
    cells = list(zip(jj[keep].tolist(), ii[keep].tolist()))
    if not cells:  # a sliver of free floor: every free cell is a candidate
        cells = list(zip(jj.tolist(), ii.tolist()))
    return cells


def _start_cell(grid, region) -> tuple[int, int]:
    """The free cell just inside the first door that reaches the free region (else the most open
    free cell)."""
    for j, i in grid.door_cells:
        if region[j, i]:
            return j, i
    masked = np.where(region, grid.clearance, -1.0)
    j, i = np.unravel_index(int(np.argmax(masked)), masked.shape)
    return int(j), int(i)


def _family(scene) -> dict[str, set[str]]:
    """Object id -> its supports (up the chain) and everything resting on it (down the chain)."""
    parent = {o.id: o.support.on for o in scene.objects if o.support.kind == "on"}
    fam = {o.id: {o.id} for o in scene.objects}
    for oid, members in fam.items():
        p = parent.get(oid)
        while p is not None and p not in members:
            members.add(p)
            fam[p].add(oid)
            p = parent.get(p)
    return fam


def _aim_points(g) -> np.ndarray:
    """Points the walker may look at on an object: its centre, then four points halfway between
    the centre and its footprint corners at its top (a rug half under a bed still shows)."""
    lo, hi = g.vertices.min(axis=0), g.vertices.max(axis=0)
    c = (lo + hi) / 2
    fp = g.footprint
    if len(fp) > 4:
        fp = fp[np.round(np.linspace(0, len(fp) - 1, 4, endpoint=False)).astype(int)]
    rim = np.c_[(fp + c[:2]) / 2, np.full(len(fp), hi[2] if hi[2] - lo[2] < 0.3 else c[2])]
    return np.vstack([c, rim])


def _visibility(scene, geo, grid, cand_xy: np.ndarray, s: TrajectorySettings):
    """For each candidate and object: line of sight (C, T), plan distance, camera pitch (radians)
    and the point looked at (C, T, 3)."""
    objs = scene.objects
    masks, tops, bottoms = [], [], []
    for o in objs:
        g = geo[o.id]
        m = rasterise(g.footprint, grid.xs, grid.ys)
        if not m.any():
            j, i = grid.index(g.vertices[:, :2].mean(axis=0))
            if 0 <= j < m.shape[0] and 0 <= i < m.shape[1]:
                m[j, i] = True
        masks.append(m)
        tops.append(float(g.vertices[:, 2].max()))
        bottoms.append(float(g.vertices[:, 2].min()))
    fam = _family(scene)
    n_c, n_t = len(cand_xy), len(objs)
    vis = np.zeros((n_c, n_t), bool)
    dist = np.zeros((n_c, n_t))
    pitch = np.zeros((n_c, n_t))
    aim = np.zeros((n_c, n_t, 3))
    u = (np.arange(1, 97) / 97.0)[None, :, None]
    shape = grid.inside.shape
    lo_p, hi_p = (math.radians(x) for x in s.pitch_range_deg)
    for t, o in enumerate(objs):
        others = [k for k, other in enumerate(objs) if other.id not in fam[o.id]]
        # the first aim point a candidate sees wins (the centre before the rim)
        for c in _aim_points(geo[o.id])[::-1]:
            d = np.linalg.norm(cand_xy - c[:2], axis=1)
            pt = np.arctan2(c[2] - s.eye_height, np.maximum(d, 1e-6))
            xy = cand_xy[:, None, :] + (c[:2] - cand_xy)[:, None, :] * u  # (C, S, 2)
            h = s.eye_height + (c[2] - s.eye_height) * u[..., 0]  # (1, S)
            jj = np.clip(np.round((xy[..., 1] - grid.ys[0]) / grid.cell).astype(int), 0, shape[0] - 1)
            ii = np.clip(np.round((xy[..., 0] - grid.xs[0]) / grid.cell).astype(int), 0, shape[1] - 1)
            # once over the target's own footprint the ray has arrived: a wall there is the one a
            # wall-hung thing sits in, furniture there is a neighbour sharing the target's cells
            arrived = masks[t][jj, ii]
            wall = ~grid.inside[jj, ii]
            # each object is its own height interval (a rug and a ceiling lamp above it leave the
            # space between them open)
            furniture = np.zeros(jj.shape, bool)
            for k in others:
                furniture |= masks[k][jj, ii] & (tops[k] > h) & (bottoms[k] < h)
            ok = ~((wall | furniture) & ~arrived).any(axis=1) & (d >= s.view_range[0]) & (d <= s.view_range[1]) & \
                (pt >= lo_p) & (pt <= hi_p)
            vis[ok, t] = True
            dist[ok, t], pitch[ok, t], aim[ok, t] = d[ok], pt[ok], c
    return vis, dist, pitch, aim


def _cover(vis: np.ndarray, dist: np.ndarray, s: TrajectorySettings) -> tuple[list[int], dict[int, list[int]]]:
    """Greedy set cover: viewpoints (candidate indices) and the objects each one shows."""
    quality = np.where(vis, 1.0 / (1.0 + np.abs(dist - s.best_distance)), 0.0)
    todo = vis.any(axis=0)
    chosen, covers = [], {}
    while todo.any():
        gain = quality[:, todo].sum(axis=1)
        c = int(np.argmax(gain))
        if gain[c] <= 0:
            break
        got = np.nonzero(vis[c] & todo)[0].tolist()
        chosen.append(c)
        covers[c] = got
        todo[got] = False
    return chosen, covers


def _graph(grid, region):
    """Sparse 8-connected graph of the region's cells; edge cost = length x (1 + 0.3 m / clearance)
    so that paths keep away from furniture."""
    from scipy.sparse import coo_matrix

    idx = -np.ones(region.shape, int)
    jj, ii = np.nonzero(region)
    idx[jj, ii] = np.arange(len(jj))
    rows, cols, w = [], [], []
    pen = 1.0 + 0.3 / np.maximum(grid.clearance, 1e-3)
    for dj, di in ((0, 1), (1, 0), (1, 1), (1, -1)):
        j2, i2 = jj + dj, ii + di
        ok = (j2 >= 0) & (j2 < region.shape[0]) & (i2 >= 0) & (i2 < region.shape[1])
        ok[ok] &= region[j2[ok], i2[ok]]
        a, b = idx[jj[ok], ii[ok]], idx[j2[ok], i2[ok]]
        length = grid.cell * math.hypot(dj, di)
        cost = length * 0.5 * (pen[jj[ok], ii[ok]] + pen[j2[ok], i2[ok]])
        rows += [a, b]
        cols += [b, a]
        w += [cost, cost]
    n = len(jj)
    g = coo_matrix((np.concatenate(w), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsr()
    return g, idx, np.stack([jj, ii], axis=1)


def _tour(grid, region, start, stops: list[tuple[int, int]]) -> list[int]:
    """Visiting order of ``stops`` from ``start``: nearest neighbour, then 2-opt (open path)."""
    if len(stops) <= 1:
        return list(range(len(stops)))
    from scipy.sparse.csgraph import dijkstra

    g, idx, _ = _graph(grid, region)
    nodes = [idx[start]] + [idx[p] for p in stops]
    d = dijkstra(g, indices=nodes)[:, nodes]
    d[~np.isfinite(d)] = 1e6
    order, left, cur = [], set(range(1, len(nodes))), 0
    while left:
        cur = min(left, key=lambda k: (d[cur, k], k))
        order.append(cur)
        left.remove(cur)
    path = [0] + order
    improved = True
    while improved:
        improved = False
        for a in range(1, len(path) - 1):
            for b in range(a + 1, len(path)):
                old = d[path[a - 1], path[a]] + (d[path[b], path[b + 1]] if b + 1 < len(path) else 0)
                new = d[path[a - 1], path[b]] + (d[path[a], path[b + 1]] if b + 1 < len(path) else 0)
                if new < old - 1e-9:
                    path[a:b + 1] = path[a:b + 1][::-1]
                    improved = True
    return [k - 1 for k in path[1:]]


def _route(grid, region, start, stops: list[tuple[int, int]]) -> list[list[np.ndarray]]:
    """Straightened free-floor polylines (plan points) from start to each stop in turn."""
    from scipy.sparse.csgraph import dijkstra

    g, idx, cells = _graph(grid, region)
    legs, cur = [], start
    for stop in stops:
        _, pred = dijkstra(g, indices=idx[cur], return_predecessors=True)
        chain, k = [], idx[stop]
        while k >= 0 and k != idx[cur]:
            chain.append(k)
            k = pred[k]
        chain.append(idx[cur])
        pts = [grid.point(*cells[k]) for k in chain[::-1]]
        legs.append(_straighten(pts, grid, region))
        cur = stop
    return legs


def _segment_free(a, b, grid, region) -> bool:
    n = max(int(np.linalg.norm(b - a) / (grid.cell / 2)), 1)
    for t in np.linspace(0, 1, n + 1):
        j, i = grid.index(a + (b - a) * t)
        if not (0 <= j < region.shape[0] and 0 <= i < region.shape[1] and region[j, i]):
            return False
    return True


def _straighten(pts: list[np.ndarray], grid, region) -> list[np.ndarray]:
    """String pulling: from each kept point, jump to the farthest point still in straight sight."""
    out, k = [pts[0]], 0
    while k < len(pts) - 1:
        nxt = k + 1
        for m in range(len(pts) - 1, k + 1, -1):
            if _segment_free(pts[k], pts[m], grid, region):
                nxt = m
                break
        out.append(pts[nxt])
        k = nxt
    return out


def _frames(legs, chosen, covers, cand_xy, ids, pitch, aim, grid, s: TrajectorySettings):
    """Camera poses at ``s.fps``: walk each leg looking ahead, turn to each covered object at its
    viewpoint and dwell; then smooth."""
    dt = 1.0 / s.fps
    step = s.speed * dt
    turn = math.radians(s.turn_rate_deg) * dt
    walk_pitch = math.radians(s.walk_pitch_deg)
    pos, yaw, pit, look = [], [], [], []
    cur_yaw = None

    def turn_to(p, target_yaw, target_pitch, label=""):
        nonlocal cur_yaw
        start_pitch = pit[-1] if pit else walk_pitch
        delta = math.remainder(target_yaw - cur_yaw, 2 * math.pi)
        n = max(math.ceil(max(abs(delta), abs(target_pitch - start_pitch)) / turn), 1)
        for k in range(1, n + 1):
            pos.append(p.copy())
            yaw.append(cur_yaw + delta * k / n)
            pit.append(start_pitch + (target_pitch - start_pitch) * k / n)
            look.append("")
        cur_yaw = cur_yaw + delta
        if label:
            look[-1] = label

    for leg_no, leg in enumerate(legs):
        samples = _resample(leg, step)
        heading = [_ahead(samples, k, s.look_ahead) for k in range(len(samples))]
        if cur_yaw is None:
            cur_yaw = heading[0] if heading[0] is not None else 0.0
        for k, p in enumerate(samples):
            h = heading[k]
            if h is not None:
                # turn in place first when the path bends sharply
                if abs(math.remainder(h - cur_yaw, 2 * math.pi)) > turn:
                    turn_to(p, h, pit[-1] if pit else walk_pitch)
                cur_yaw = cur_yaw + math.remainder(h - cur_yaw, 2 * math.pi)
            pos.append(p.copy())
            yaw.append(cur_yaw)
            pit.append(walk_pitch if not pit else pit[-1] + float(np.clip(walk_pitch - pit[-1], -turn / 2, turn / 2)))
            look.append("")
        c = chosen[leg_no]
        here = cand_xy[c]
        targets = covers.get(c, [])
        # sweep the objects in one turning direction from the current heading
        ang = {}
        for t in targets:
            d = aim[c, t, :2] - here
            ang[t] = math.atan2(d[1], d[0])
        for t in sorted(targets, key=lambda t: math.remainder(ang[t] - cur_yaw, 2 * math.pi) % (2 * math.pi)):
            turn_to(here, ang[t], float(pitch[c, t]), ids[t])
            for _ in range(max(round(s.dwell_s / dt) - 1, 0)):
                pos.append(here.copy())
                yaw.append(cur_yaw)
                pit.append(pit[-1])
                look.append(ids[t])
    if not pos:  # no viewpoint at all (an empty room): look around from the start
        p = grid.point(*np.unravel_index(int(np.argmax(np.where(grid.reachable, grid.clearance, -1))),
                                         grid.clearance.shape))
        cur_yaw = 0.0
        pos.append(p)
        yaw.append(0.0)
        pit.append(walk_pitch)
        look.append("")
        for q in range(1, 5):
            turn_to(p, q * math.pi / 2, walk_pitch)
    P = _smooth_positions(np.array(pos), grid, sigma=1.5)
    Y = _gauss(np.unwrap(np.array(yaw)), 1.0, keep=[k for k, name in enumerate(look) if name])
    Pt = _gauss(np.array(pit), 1.0, keep=[k for k, name in enumerate(look) if name])
    poses = [look_pose(np.r_[P[k], s.eye_height], float(Y[k]), float(Pt[k])) for k in range(len(P))]
    return poses, look


def _resample(leg: list[np.ndarray], step: float) -> list[np.ndarray]:
    pts = np.array(leg, float)
    if len(pts) < 2:
        return [pts[0]]
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    cum = np.r_[0.0, np.cumsum(seg)]
    n = max(math.ceil(cum[-1] / step), 1)
    ts = np.linspace(0, cum[-1], n + 1)
    return [np.array([np.interp(t, cum, pts[:, 0]), np.interp(t, cum, pts[:, 1])]) for t in ts]


def _ahead(samples: list[np.ndarray], k: int, dist: float) -> float | None:
    """Heading towards the point ``dist`` further along the samples (None at the very end)."""
    p = samples[k]
    for q in samples[k + 1:]:
        if np.linalg.norm(q - p) >= dist:
            return math.atan2(q[1] - p[1], q[0] - p[0])
    q = samples[-1]
    if np.linalg.norm(q - p) > 1e-6:
        return math.atan2(q[1] - p[1], q[0] - p[0])
    return None


def _gauss(x: np.ndarray, sigma: float, keep: list[int] = ()) -> np.ndarray:
    """Gaussian smoothing; the ``keep`` frames (looking straight at an object) stay exact."""
    from scipy.ndimage import gaussian_filter1d

    if len(x) < 3:
        return x
    y = gaussian_filter1d(x, sigma, mode="nearest")
    y[list(keep)] = x[list(keep)]
    return y


def _smooth_positions(p: np.ndarray, grid, sigma: float) -> np.ndarray:
    """Smoothed plan positions; where the smoothed point leaves free floor, the raw one is kept."""
    from scipy.ndimage import gaussian_filter1d

    if len(p) < 3:
        return p
    q = gaussian_filter1d(p, sigma, axis=0, mode="nearest")
    for k in range(len(q)):
        j, i = grid.index(q[k])
        if not (0 <= j < grid.free.shape[0] and 0 <= i < grid.free.shape[1] and grid.free[j, i]):
            q[k] = p[k]
    return q
