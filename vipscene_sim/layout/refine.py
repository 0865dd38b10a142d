"""Layout refinement: make a retrieved layout valid before physics, moving objects as little as
possible (the perceived layout is evidence).

Steps, in order: wall-backed furniture near a wall is turned and pushed flush against it; objects
``on`` another stand on one of its receptacle surfaces, inside its extent; floor objects are
pushed back inside the room polygon (L-shapes too); then interpenetrations, judged in 3D on the
assets' convex collision geometry (a chair may stand under a table's top; a lamp stands on a
nightstand), are resolved by pushing the lighter, smaller, less anchored object of each pair
along the floor, children moving with their parent, snapped objects sliding only along their
wall. Door swing areas count as obstacles, and so does the space each door, drawer and lid of an
articulated object moves through when opened: furniture standing in it is pushed out (seats and
movable objects are not: a person moves a chair to open a drawer); what a wall or fixed
furniture still blocks is then settled without moving anything: the asset's handed twin (the
door hung on the other side) where it clears more, else a stop on the joint where it would touch
(``joint_stops``); what still blocks an opening is reported. Finally the navigable floor for a round robot is
measured from the doors. Every move is recorded with its distance and reason. Deterministic:
objects and pairs are always visited in sorted order.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..catalog import WALL_BACKED
from ..geometry.collision import (
    CollisionWorld,
    layout_hulls,
    overlapping_boxes,
    plan_footprint,
    world_vertices,
)
from ..geometry.polygon import (
    nearest_on_boundary,
    point_in_polygon,
    points_in_polygon,
    wall_segments,
)
from ..geometry.pose import quat_to_yaw, yaw_to_quat
from ..geometry.room import door_swing_box, wall_boxes
from ..retrieve.stage import nearest_receptacle, receptacles
from ..rules import FLOOR_COVERING_HEIGHT, ROBOT_RADIUS, is_floor_covering
from ..scene import Support
from .navigation import navigation

# Furniture that belongs with its back against a wall when perceived near one.


@dataclass(frozen=True)
class RefineSettings:
    snap_distance: float = 0.4
    """A wall-backed object whose back is this close (m) to a wall is pushed flush against it."""
    snap_angle_deg: float = 25.0
    """...if its back faces that wall within this angle."""
    wall_gap: float = 0.002
    """Gap (m) left between a snapped object and its wall."""
    tolerance: float = 0.003
    """Interpenetration (m) below which a pair counts as touching, not colliding."""
    margin: float = 0.005
    """Extra clearance (m) added when pushing objects apart."""
    max_sweeps: int = 60
    """Rounds over all pairs before unresolved collisions are reported."""
    robot_radius: float = ROBOT_RADIUS
    """Radius (m) of the robot whose navigable floor is measured."""
    door_clearance: bool = True
    """Keep the swing area of every door free of floor objects."""
    opening_clearance: str = "push"
    """The space articulated furniture opens into: "push" furniture out of it, "report" only
    what stands in it (an imported house keeps its author's layout), "off"."""
    flat_height: float = FLOOR_COVERING_HEIGHT
    """Floor objects thinner than this (rugs, mats) are floor coverings: never in the way."""
    time_budget_s: float = 60.0
    """Seconds refinement may take; past it the collision sweeps, relocations and path opening
    stop and what still overlaps is reported (``budget_exhausted``) instead of running unbounded
    on a hostile layout."""


class _State:
    def __init__(self, scene, libraries, s: RefineSettings):
        self.scene, self.s = scene, s
        self.objs = {o.id: o for o in scene.objects}
        self.pos = {o.id: np.asarray(o.position, float) for o in scene.objects}
        self.quat = {o.id: np.asarray(o.quaternion, float) for o in scene.objects}
        self.hulls = {o.id: layout_hulls(o, libraries) for o in scene.objects}
        self.libraries = libraries
        self.children: dict[str, list[str]] = {}
        for o in scene.objects:
            if o.support.kind == "on" and o.support.on in self.objs:
                self.children.setdefault(o.support.on, []).append(o.id)
        # id -> reason -> net displacement (3-vector, m) or, for a "turned ..." reason, degrees
        self.reasons: dict[str, dict[str, Any]] = {}
        self.snapped: dict[str, np.ndarray] = {}  # id -> wall tangent
        self._footprints: dict[tuple[str, bytes], np.ndarray] = {}
        self.deadline = time.perf_counter() + s.time_budget_s
        self.exhausted = False

    def out_of_time(self) -> bool:
        """Whether the time budget is spent (remembered: the report says so)."""
        if not self.exhausted and time.perf_counter() > self.deadline:
            self.exhausted = True
        return self.exhausted

    def flat(self, oid: str) -> bool:
        return is_floor_covering(self.objs[oid], self.s.flat_height)

    def verts(self, oid: str) -> np.ndarray:
        return world_vertices(self.hulls[oid], self.pos[oid], self.quat[oid])

    def footprint(self, oid: str) -> np.ndarray:
        # the plan hull only translates with the object: computed once per orientation
        key = (oid, self.quat[oid].tobytes())
        rel = self._footprints.get(key)
        if rel is None:
            rel = self._footprints[key] = plan_footprint(self.verts(oid)) - self.pos[oid][:2]
        return rel + self.pos[oid][:2]

    def descendants(self, oid: str) -> list[str]:
        out = []
        for c in sorted(self.children.get(oid, [])):
            out += [c] + self.descendants(c)
        return out

    def _log_shift(self, oid: str, reason: str, delta: np.ndarray) -> None:
        """Add ``delta`` to the net displacement recorded under ``reason``: a reason's distance is
        where the object ended up because of it, not the length of every step back and forth."""
        log = self.reasons.setdefault(oid, {})
        log[reason] = log.get(reason, np.zeros(3)) + delta

    def move(self, oid: str, delta, reason: str) -> None:
        delta = np.asarray(delta, float)
        if np.linalg.norm(delta) < 1e-9:
            return
        for k in [oid] + self.descendants(oid):
            self.pos[k] = self.pos[k] + delta
            self._log_shift(k, reason if k == oid else f"carried by {oid}", delta)

    def turn(self, oid: str, yaw: float, pivot: np.ndarray, reason: str) -> None:
        """Set an object's yaw, turning its descendants with it about ``pivot``."""
        old = quat_to_yaw(self.quat[oid])
        dyaw = math.remainder(yaw - old, 2 * math.pi)
        if abs(dyaw) < 1e-9:
            return
        c, s = math.cos(dyaw), math.sin(dyaw)
        rot = np.array([[c, -s], [s, c]])
        for k in [oid] + self.descendants(oid):
            rel = self.pos[k][:2] - pivot[:2]
            shift = np.r_[pivot[:2] + rot @ rel - self.pos[k][:2], 0.0]
            self.pos[k][:2] = self.pos[k][:2] + shift[:2]
            self.quat[k] = np.asarray(yaw_to_quat(quat_to_yaw(self.quat[k]) + dyaw))
            if np.linalg.norm(shift) > 1e-9:
                self._log_shift(k, f"swung round by {oid}'s turn" if k != oid else "moved by turning about its back",
                                shift)
        log = self.reasons.setdefault(oid, {})
        log[reason] = log.get(reason, 0.0) + abs(math.degrees(dyaw))


def refine_layout(scene, libraries, settings: RefineSettings = RefineSettings()) -> tuple[Any, dict[str, Any]]:
    """Return the refined Scene and the stage report."""
    scene, shrunk = _fit_under_ceiling(scene)
    st = _State(scene, libraries, settings)
    for oid, factor in shrunk.items():
        st.reasons.setdefault(oid, {})[f"scaled by {factor:.2f} to fit under the ceiling"] = 0.0
    floor_ids = sorted(o.id for o in scene.objects if o.support.kind == "floor" and not st.flat(o.id))
    for oid in floor_ids:
        if st.objs[oid].category in WALL_BACKED:
            _snap_to_wall(st, oid)
    for oid in floor_ids:
        _contain(st, oid)
    for oid in [o.id for o in scene.support_order() if o.support.kind == "on" and o.support.on in st.objs]:
        _place_on_receptacle(st, oid)
    unresolved, exhausted, openings = _resolve_collisions(st)
    floor_ids_nav = [oid for oid in floor_ids]
    nav_moves = _open_paths(st, floor_ids_nav) if not unresolved else []
    objects, moved = [], {}
    for o in scene.objects:
        p, q = st.pos[o.id], st.quat[o.id]
        d = float(np.linalg.norm(p - np.asarray(o.position)))
        dyaw = math.degrees(abs(math.remainder(quat_to_yaw(q) - o.yaw, 2 * math.pi)))
        if d > 1e-6 or dyaw > 1e-6:
            log = st.reasons.get(o.id) or {}
            reasons = [f"{r} ({v:.1f} deg)" if r.startswith("turned") else f"{r} ({np.linalg.norm(v) * 100:.1f} cm)"
                       for r, v in log.items() if r.startswith("turned") or np.linalg.norm(v) > 5e-4 or r.startswith("scaled")]
            moves = {r: [round(float(x), 5) for x in v] for r, v in log.items() if isinstance(v, np.ndarray)}
            moved[o.id] = {"displacement": round(d, 4), "yaw_change_deg": round(dyaw, 3), "reasons": reasons,
                           "moves": moves}
        elif o.id in shrunk:
            moved[o.id] = {"displacement": 0.0, "yaw_change_deg": 0.0, "reasons": list(st.reasons[o.id])}
        objects.append(replace(o, position=[round(float(x), 6) for x in p], quaternion=[round(float(x), 8) for x in q],
                               support=st.objs[o.id].support, asset=st.objs[o.id].asset,
                               joint_stops=st.objs[o.id].joint_stops))
    out = replace(scene, objects=objects)
    blocks = [st.footprint(oid) for oid in floor_ids]
    nav = navigation(scene.room, blocks, settings.robot_radius)
    outside = [oid for oid in floor_ids if not _inside(st, oid)]
    above = [o.id for o in scene.objects if st.pos[o.id][2] + o.size[2] / 2 > scene.room.height + 1e-3]
    report = {
        "moved": moved,
        "unresolved_collisions": unresolved,
        "outside_room": outside,
        "above_ceiling": above,
        "navigation": nav.to_dict(),
        "openings_blocked": openings["blocked"],
        "openings_rehinged": openings["rehinged"],
        "openings_limited": openings["limited"],
        "summary": {"moved": len(moved), "max_displacement": round(max([m["displacement"] for m in moved.values()], default=0.0), 4),
                    "unresolved_collisions": len(unresolved), "snapped_to_wall": sorted(st.snapped),
                    "budget_exhausted": exhausted},
    }
    if nav_moves:
        report["navigation"]["opened_by_moving"] = nav_moves
    if st.exhausted and not exhausted:  # out of time while opening paths: the scene is sound, the paths may not be
        report["navigation"]["path_opening"] = "stopped at the time budget (RefineSettings.time_budget_s)"
    if not nav.doors_connected or nav.reachable_fraction < 0.9:
        report["navigation"]["note"] = (f"a robot of radius {settings.robot_radius} m reaches "
                                        f"{nav.reachable_fraction:.0%} of the free floor from the doors")
    return out, report


def _fit_under_ceiling(scene) -> tuple[Any, dict[str, float]]:
    """Objects taller than the room is high (over their support) are scaled down uniformly."""
    objects, shrunk = [], {}
    by_id = {o.id: o for o in scene.objects}
    for o in scene.objects:
        base = 0.0
        if o.support.kind == "on" and o.support.on in by_id:
            base = by_id[o.support.on].position[2] + by_id[o.support.on].size[2] / 2
        room_left = scene.room.height - 0.01 - (base if o.support.kind != "ceiling" else 0.0)
        if o.support.kind in ("floor", "on") and o.size[2] > room_left > 0:
            f = room_left / o.size[2]
            asset = replace(o.asset, scale=[v * f for v in o.asset.scale]) if o.asset else None
            o = replace(o, size=[v * f for v in o.size], asset=asset,
                        position=[o.position[0], o.position[1], base + o.size[2] * f / 2])
            shrunk[o.id] = f
        objects.append(o)
    return replace(scene, objects=objects), shrunk


def _open_paths(st: _State, floor_ids: list[str], steps=(0.15, 0.3)) -> list[dict]:
    """When doors are cut off from the free floor, try small moves of movable floor objects
    (dynamic ones: chairs, stools, ottomans...) that open a path without new collisions."""
    def score(fps):
        n = navigation(st.scene.room, fps, st.s.robot_radius)
        return (n.doors_connected, round(n.reachable_fraction, 3))

    fps = {oid: st.footprint(oid) for oid in floor_ids}
    best = score(list(fps.values()))
    if best[0] and best[1] >= 0.95:
        return []
    moves = []
    movable = [oid for oid in floor_ids if st.objs[oid].dynamic]
    with CollisionWorld() as world:
        solid = sorted(oid for oid in st.objs if not st.flat(oid))
        for oid in solid:
            world.add(oid, st.hulls[oid], st.pos[oid], st.quat[oid])
        for oid in movable:
            if st.out_of_time():
                break
            trial_best = None
            for step in steps:
                for k in range(8):
                    a = k * math.pi / 4
                    delta = np.array([math.cos(a) * step, math.sin(a) * step, 0.0])
                    world.move(oid, st.pos[oid] + delta, st.quat[oid])
                    clear = all(world.penetration(oid, other)[0] <= st.s.tolerance for other in solid if other != oid)
                    fp = fps[oid] + delta[:2]
                    inside = bool(points_in_polygon(fp, st.scene.room.floor).all())
                    if clear and inside:
                        sc = score([fp if k2 == oid else f for k2, f in fps.items()])
                        if sc > best and (trial_best is None or sc > trial_best[0]):
                            trial_best = (sc, delta)
                world.move(oid, st.pos[oid], st.quat[oid])
            if trial_best is not None:
                best, delta = trial_best
                st.move(oid, delta, "moved to open a path for the robot")
                world.move(oid, st.pos[oid], st.quat[oid])
                fps[oid] = fps[oid] + delta[:2]
                moves.append({"object": oid, "by": [round(float(v), 3) for v in delta[:2]]})
                if best[0] and best[1] >= 0.95:
                    break
    return moves


def _inside(st: _State, oid: str, tol: float = 1e-3) -> bool:
    fp = st.footprint(oid)
    room = st.scene.room.floor
    out = fp[~points_in_polygon(fp, room)]
    return not len(out) or bool((nearest_on_boundary(out, room)[1] <= tol).all())


def _snap_to_wall(st: _State, oid: str) -> None:
    o = st.objs[oid]
    yaw = quat_to_yaw(st.quat[oid])
    front = np.array([math.cos(yaw), math.sin(yaw)])
    back = st.pos[oid][:2] - front * o.size[0] / 2
    best = None
    for a, b in wall_segments(st.scene.room.floor):
        d = (b - a) / np.linalg.norm(b - a)
        n_in = np.array([-d[1], d[0]])
        if math.degrees(math.acos(float(np.clip(front @ n_in, -1, 1)))) > st.s.snap_angle_deg:
            continue
        t = float(np.clip((back - a) @ d, 0, np.linalg.norm(b - a)))
        dist = float(np.linalg.norm(a + d * t - back))
        if dist <= st.s.snap_distance and (best is None or dist < best[0]):
            best = (dist, a, d, n_in)
    if best is None:
        return
    _, a, d, n_in = best
    st.turn(oid, math.atan2(n_in[1], n_in[0]), st.pos[oid], "turned square to the wall")
    gap = float((st.verts(oid)[:, :2] @ n_in).min() - a @ n_in)
    st.move(oid, np.r_[-(gap - st.s.wall_gap) * n_in, 0.0], "pushed flush against the wall")
    st.snapped[oid] = d


def _contain(st: _State, oid: str) -> None:
    """Push a floor object back inside the room: its footprint point furthest outside goes to the
    nearest wall, a hair inside; a wall-snapped object slides along its wall where that helps."""
    room = np.asarray(st.scene.room.floor, float)
    last = math.inf
    for _ in range(8):
        fp = st.footprint(oid)
        outside = fp[~points_in_polygon(fp, room)]
        if not len(outside):
            return
        q, dist, n_in = nearest_on_boundary(outside, room)
        k = int(dist.argmax())
        if dist[k] <= 1e-4 or dist[k] >= last - 1e-4:
            return  # inside, or no longer getting closer (an object wider than the room)
        last = float(dist[k])
        push = (q[k] - outside[k]) + n_in[k] * 0.002
        if oid in st.snapped:  # slide along the wall only... unless the wall itself is the problem
            t = st.snapped[oid]
            along = (push @ t) * t
            push = along if np.linalg.norm(along) > 1e-6 else push
        st.move(oid, np.r_[push, 0.0], "pushed back inside the room")


def _receptacles(st: _State, pid: str) -> list[tuple[float, tuple[float, float], tuple[float, float]]]:
    return receptacles(st.objs[pid], st.libraries)


def _place_on_receptacle(st: _State, oid: str) -> None:
    o = st.objs[oid]
    pid = o.support.on
    pyaw = quat_to_yaw(st.quat[pid])
    c, s = math.cos(pyaw), math.sin(pyaw)
    r_p = np.array([[c, -s], [s, c]])
    bottom = st.pos[pid][2] - st.objs[pid].size[2] / 2
    child_bottom = st.pos[oid][2] - o.size[2] / 2
    local = r_p.T @ (st.pos[oid][:2] - st.pos[pid][:2])

    h, xr, yr = nearest_receptacle(_receptacles(st, pid), local, child_bottom - bottom)
    fp = (st.footprint(oid) - st.pos[oid][:2]) @ r_p  # child's footprint in the parent's axes
    lo_c, hi_c = fp.min(axis=0), fp.max(axis=0)
    target = local.copy()
    for k, (lo, hi) in enumerate((xr, yr)):
        a, b = lo - lo_c[k], hi - hi_c[k]
        target[k] = np.clip(local[k], a, b) if a <= b else (lo + hi) / 2 - (lo_c[k] + hi_c[k]) / 2
    new_xy = st.pos[pid][:2] + r_p @ target
    new_z = bottom + h + o.size[2] / 2
    delta = np.r_[new_xy - st.pos[oid][:2], new_z - st.pos[oid][2]]
    if np.linalg.norm(delta) > 1e-4:
        st.move(oid, delta, f"set on a surface of {pid}")


def _rank(st: _State, oid: str) -> tuple:
    """Lower ranks move first: dynamic before static, free before wall-snapped, small before big."""
    o = st.objs[oid]
    area = float(o.size[0] * o.size[1])
    return (0 if o.dynamic else 1, 1 if oid in st.snapped else 0, 2 if o.support.kind in ("wall", "ceiling") else 0,
            area, oid)


SEATS = frozenset("chair office_chair stool armchair bench ottoman".split())
"""Furniture a person moves aside to open a drawer: it is not pushed out of an opening's space."""


def _openings(st: _State, solid: list[str]) -> dict[str, list]:
    """Per articulated object, the convex pieces (object frame) of the space its doors,
    drawers and lids move through (`assets.articulation.swept_hulls`)."""
    out = {}
    for oid in solid:
        o = st.objs[oid]
        g = st.libraries.resolve(o.asset) if o.asset is not None else None
        if g is None or not g.info.joints:
            continue
        out[oid] = _swept(g, g.info.joints, o, {})  # the full range: stops are found afresh (`_fit_openings`)
    return out


def _swept(g, joints, o, stops: dict[str, float] | None = None) -> list:
    """Convex hulls (object frame) of the space ``joints`` of object ``o`` (asset geometry ``g``)
    sweep, up to the object's joint stops or ``stops``."""
    import trimesh

    from assets.articulation import swept_hulls

    hulls = []
    for pts in swept_hulls(g.parts, joints, o.asset.scale, stops=o.joint_stops if stops is None else stops):
        h = trimesh.convex.convex_hull(pts)
        hulls.append((np.asarray(h.vertices), np.asarray(h.faces)))
    return hulls


STOP_MARGIN_RAD = 0.03
STOP_MARGIN_M = 0.005
"""How far short of what it would touch a stopped hinge (rad, ~1.7 degrees) or slide (m) ends."""
OPEN_ENOUGH = 0.5
"""A door or drawer the room lets open less than this fraction of its range is still reported
blocked (with its stop), not just limited."""


def _fit_openings(st: _State, world, solid: list[str], swept: dict[str, list], wall_of: dict[str, str],
                  hard) -> tuple[list[dict], list[dict]]:
    """Make what still blocks an opening after the pushes harmless, without moving anything:
    first the asset's handed twin (`assets.mirror`: the door hung on the other side) where that
    leaves fewer walls and fixed furniture in the way, then a stop on every joint that would
    still run into one (`SceneObject.joint_stops`: it opens until the wall, as a real door does).
    ``hard(oid)``: the world names an opening of ``oid`` may not enter (walls, fixed furniture).
    Returns (rehinged, limited) report entries; updates the world's openings and ``swept``."""
    tol = st.s.tolerance
    rehinged, limited = [], []

    def hits(name: str, others) -> dict[str, float]:
        out = {}
        for n in others:
            d = world.penetration(n, name)[0]
            if d > tol:
                out[n] = d
        return out

    def probe(hulls, pos, quat, others, name="opening probe") -> dict[str, float]:
        world.add(name, hulls, pos, quat)
        try:
            return hits(name, others)
        finally:
            world.remove(name)

    for oid in sorted(swept):
        o = st.objs[oid]
        others = hard(oid)
        now = hits(f"{oid} opening", others)
        if not now:
            if o.joint_stops:  # nothing in the way any more (a variant moved it): the full range again
                st.objs[oid] = replace(o, joint_stops={})
            continue
        twin = st.libraries.twin(o.asset)
        tg = st.libraries.resolve(twin) if twin is not None else None
        if tg is not None:
            t_obj = replace(o, asset=twin)
            t_hulls = layout_hulls(t_obj, st.libraries)
            t_swept = _swept(tg, tg.info.joints, t_obj, {})
            mine = {oid, *st.descendants(oid)}
            neighbours = [n for n in solid if n not in mine]
            carcass_ok = not probe(t_hulls, st.pos[oid], st.quat[oid], neighbours, "twin probe")
            after = probe(t_swept, st.pos[oid], st.quat[oid], others) if carcass_ok else now
            if len(after) < len(now) or (len(after) == len(now) and sum(after.values()) < 0.5 * sum(now.values())):
                rehinged.append({"object": oid, "asset": twin.id, "was": o.asset.id,
                                 "cleared": sorted({wall_of.get(n, n) for n in now} - {wall_of.get(n, n) for n in after})})
                o = st.objs[oid] = t_obj
                st.hulls[oid], swept[oid] = t_hulls, t_swept
                st._footprints = {k: v for k, v in st._footprints.items() if k[0] != oid}
                for name, hulls in ((oid, t_hulls), (f"{oid} opening", t_swept)):
                    world.remove(name)
                    world.add(name, hulls, st.pos[oid], st.quat[oid])
                now = after
        if not now:
            if o.joint_stops:
                st.objs[oid] = replace(o, joint_stops={})
            continue
        g = st.libraries.resolve(o.asset)
        stops: dict[str, float] = {}
        scale = np.asarray(o.asset.scale, float)
        for j in g.info.joints:
            js = j.scaled(scale)
            lo, hi = js.limits[0], min(js.limits[1], stops.get(j.name, js.limits[1]))

            def blocked_at(q: float) -> dict[str, float]:
                return probe(_swept(g, [j], o, {**stops, j.name: q}), st.pos[oid], st.quat[oid], others)

            full = blocked_at(hi)
            if not full:
                continue
            ok, bad = lo, hi
            for _ in range(9):  # about 0.2 degrees or 1 mm of a drawer's travel
                mid = (ok + bad) / 2
                ok, bad = (mid, bad) if not blocked_at(mid) else (ok, mid)
            # short of the wall by a margin: a door left at its stop rests clear of it, not on it
            ok = max(lo, ok - (STOP_MARGIN_RAD if j.kind == "revolute" else STOP_MARGIN_M))
            stops[j.name] = round(ok, 4)
            fraction = (ok - lo) / (js.limits[1] - lo) if js.limits[1] > lo else 0.0
            limited.append({"object": oid, "joint": j.name, "by": sorted({wall_of.get(n, n) for n in full}),
                            "upper": round(ok, 4), "full": round(js.limits[1], 4), "fraction": round(fraction, 3)})
        if stops != o.joint_stops:
            st.objs[oid] = o = replace(o, joint_stops=stops)
        if stops:
            swept[oid] = _swept(g, g.info.joints, o)
            world.remove(f"{oid} opening")
            world.add(f"{oid} opening", swept[oid], st.pos[oid], st.quat[oid])
    return rehinged, limited


def _resolve_collisions(st: _State) -> tuple[list[dict], bool, dict[str, list[dict]]]:
    """Push interpenetrating pairs apart, sweep after sweep, until none is left, ``max_sweeps``
    or the time budget; the pairs still overlapping, whether the budget ran out, and what still
    stands in the space an articulated object opens into."""
    solid = sorted(oid for oid in st.objs if not st.flat(oid))
    doors = []
    opening_of: dict[str, str] = {}  # "<id> opening" -> id
    with CollisionWorld() as world:
        for oid in solid:
            world.add(oid, st.hulls[oid], st.pos[oid], st.quat[oid])
        if st.s.door_clearance:
            for i, op in enumerate(st.scene.room.openings):
                if op.kind != "door":
                    continue
                box = door_swing_box(st.scene.room.floor, op)
                if box is None:  # an open doorway sweeps nothing
                    continue
                name = f"door swing {i}"
                world.add_box(name, *box)
                doors.append(name)
        if st.s.opening_clearance not in ("push", "report", "off"):
            raise ValueError(f"opening_clearance {st.s.opening_clearance!r}: expected push, report or off")
        swept = _openings(st, solid) if st.s.opening_clearance != "off" else {}
        for oid, hulls in swept.items():
            opening_of[f"{oid} opening"] = oid
            world.add(f"{oid} opening", hulls, st.pos[oid], st.quat[oid])
        wall_of = {}  # a wall split by an opening is several boxes, reported as one wall
        if swept:
            for k, wb in enumerate(wall_boxes(st.scene.room)):
                world.add_box(f"wall piece {k}", wb.center, wb.size, wb.yaw)
                wall_of[f"wall piece {k}"] = f"wall {wb.wall}"
        door_pairs = [(oid, dn) for oid in solid if st.objs[oid].support.kind == "floor" for dn in doors]
        attempts: dict[tuple[str, str], int] = {}
        # broad phase: a pair whose bounding boxes are apart cannot interpenetrate, so only pairs
        # whose boxes meet (found by sort and sweep, `overlapping_boxes`) get the exact (GJK) test;
        # parent and child pairs are included: a child resting on its surface only touches it
        # (depth ~0), while one that runs into another part of its parent (a tap) is pushed out
        boxes = {oid: _bounds(st, oid) for oid in solid}
        own = {name: {oid, *st.descendants(oid)} for name, oid in opening_of.items()}

        def opening_box(name: str) -> tuple[float, ...]:
            oid = opening_of[name]
            v = world_vertices(swept[oid], st.pos[oid], st.quat[oid])
            return (*v.min(axis=0).tolist(), *v.max(axis=0).tolist())

        def pushable(oid: str) -> bool:
            o = st.objs[oid]
            return o.support.kind == "floor" and not o.dynamic and o.category not in SEATS

        def opening_pairs(only_pushable: bool = True) -> list[tuple[str, str]]:
            # the same sort-and-sweep broad phase as the objects', over objects and openings together
            names = sorted(opening_of)
            if not names:
                return []
            rows = np.array([boxes[oid] for oid in solid] + [opening_box(n) for n in names]).reshape(-1, 6)
            out = []
            for i, j in overlapping_boxes(rows, st.s.tolerance):
                if i < len(solid) <= j:  # an object and an opening (i < j: objects come first)
                    oid, name = solid[i], names[j - len(solid)]
                    if oid not in own[name] and (pushable(oid) or not only_pushable):
                        out.append((oid, name))
            return sorted(out, key=lambda pair: (pair[1], pair[0]))

        def candidates() -> list[tuple[str, str]]:
            found = overlapping_boxes(np.array([boxes[oid] for oid in solid]).reshape(-1, 6), st.s.tolerance)
            return ([(solid[i], solid[j]) for i, j in found] + door_pairs
                    + (opening_pairs() if st.s.opening_clearance == "push" else []))

        for _ in range(st.s.max_sweeps):
            changed = False
            for a, b in candidates():
                if st.out_of_time():
                    break
                if b not in doors and b not in opening_of and not _meet(boxes[a], boxes[b], st.s.tolerance):
                    continue  # apart since a move earlier in this sweep
                depth, normal = world.penetration(a, b)
                if depth <= st.s.tolerance:
                    continue
                if b in opening_of:
                    # furniture in an opening's way gets three pushes: one pinned under or beside
                    # it (a fridge below a wall cabinet) stays, and the opening is reported
                    # blocked, as is one that reaches into a wall (a cupboard's end door in a
                    # corner: moving a row of units along their wall only moves the problem)
                    attempts[(a, b)] = attempts.get((a, b), 0) + 1
                    if attempts[(a, b)] > 3:
                        continue
                    mover, sign, other = a, 1.0, b
                elif b in doors:
                    mover, sign, other = a, 1.0, b
                else:
                    parent_of = {st.objs[a].support.on: a, st.objs[b].support.on: b}
                    if a in parent_of or b in parent_of:  # the child moves, never its support
                        mover = parent_of.get(a) or parent_of.get(b)
                    else:
                        mover = a if _rank(st, a) <= _rank(st, b) else b
                        # a mover pinned by walls or neighbours keeps coming back: after three
                        # tries along the contact normal it is pulled away from the other's
                        # centre three times (a chair tucked under a table, caught on its legs,
                        # comes out the way a person pulls it); then the other gives way instead
                        attempts[(a, b)] = attempts.get((a, b), 0) + 1
                        if attempts[(a, b)] > 6 and ((attempts[(a, b)] - 3) // 4) % 2 == 1:
                            mover = b if mover == a else a
                    other = b if mover == a else a
                    sign = 1.0 if mover == a else -1.0
                direction = sign * normal[:2]
                if 3 < attempts.get((a, b), 0) <= 6 and other in st.pos:
                    direction = st.pos[mover][:2] - st.pos[other][:2]
                if np.linalg.norm(direction) < 0.3:
                    ca = st.pos[mover][:2]
                    cb = st.pos[other][:2] if other in st.pos else ca - np.array([1.0, 0.0])
                    direction = ca - cb if np.linalg.norm(ca - cb) > 1e-6 else np.array([1.0, 0.0])
                if np.linalg.norm(direction) < 1e-6:
                    continue  # straight up or down: no move along the floor clears it
                direction = direction / np.linalg.norm(direction)
                if mover in st.snapped:
                    t = st.snapped[mover]
                    along = float(direction @ t)
                    direction = t * (1.0 if along >= 0 else -1.0)
                step = (depth + st.s.margin) / max(abs(float(direction @ (sign * normal[:2]))), 0.3)
                st.move(mover, np.r_[direction * step, 0.0], f"pushed out of {other}")
                if st.objs[mover].support.kind == "on":
                    _place_on_receptacle(st, mover)
                elif st.objs[mover].support.kind == "floor":
                    _contain(st, mover)
                for k in [mover] + st.descendants(mover):
                    if k in world.ids:
                        world.move(k, st.pos[k], st.quat[k])
                        boxes[k] = _bounds(st, k)
                    if f"{k} opening" in world.ids:
                        world.move(f"{k} opening", st.pos[k], st.quat[k])
                changed = True
            if not changed or st.out_of_time():
                break
        # A receptacle too small for everything on it: the object that does not fit goes to the
        # largest free spot of its parent's surfaces, or to the floor beside the parent.
        for a, b in candidates():
            if st.out_of_time():
                break
            if b in doors or b in opening_of or not _meet(boxes[a], boxes[b], st.s.tolerance) \
                    or world.penetration(a, b)[0] <= st.s.tolerance:
                continue
            movers = [o for o in (a, b) if st.objs[o].support.kind == "on" and not st.children.get(o)]
            if movers:
                mover = min(movers, key=lambda o: _rank(st, o))
                _relocate(st, world, mover, solid, boxes)
                for k in [mover] + st.descendants(mover):
                    boxes[k] = _bounds(st, k)
        unresolved = []
        for a, b in candidates():
            if b in opening_of or (b not in doors and not _meet(boxes[a], boxes[b], st.s.tolerance)):
                continue
            depth, _ = world.penetration(a, b)
            if depth > st.s.tolerance:
                unresolved.append({"a": a, "b": b, "depth": round(depth, 4)})
        def hard(oid: str) -> list[str]:
            mine = {oid, *st.descendants(oid)}
            box = opening_box(f"{oid} opening")
            return sorted(wall_of) + [n for n in solid if n not in mine and not st.objs[n].dynamic
                                      and st.objs[n].category not in SEATS and _meet(boxes[n], box, st.s.tolerance)]

        rehinged, limited = _fit_openings(st, world, solid, swept, wall_of, hard) if swept else ([], [])
        pairs = opening_pairs(only_pushable=False) + [(w, name) for name in sorted(opening_of) for w in wall_of]
        worst: dict[tuple[str, str], float] = {}
        for other, name in pairs:
            depth = world.penetration(other, name)[0]
            key = (opening_of[name], wall_of.get(other, other))
            if depth > st.s.tolerance and depth > worst.get(key, 0.0):
                worst[key] = depth
        blocked = [{"object": o, "by": by, "depth": round(d, 4)} for (o, by), d in sorted(worst.items())]
        short: dict[tuple[str, str], list[dict]] = {}  # opened less than OPEN_ENOUGH of its range: still blocked
        for e in limited:
            for by in e["by"] if e["fraction"] < OPEN_ENOUGH else ():
                short.setdefault((e["object"], by), []).append(e)
        blocked += [{"object": o, "by": by, "depth": 0.0, "opens": min(e["fraction"] for e in es),
                     "joints": [e["joint"] for e in es]} for (o, by), es in sorted(short.items())]
    return unresolved, st.exhausted, {"blocked": blocked, "rehinged": rehinged, "limited": limited}


def _bounds(st: _State, oid: str) -> tuple[float, ...]:
    """World bounding box of an object's hulls as plain floats (x0, y0, z0, x1, y1, z1): the
    broad phase compares hundreds of thousands of them, faster without numpy."""
    v = st.verts(oid)
    return (*v.min(axis=0).tolist(), *v.max(axis=0).tolist())


def _meet(a: tuple[float, ...], b: tuple[float, ...], tol: float) -> bool:
    return (a[0] <= b[3] + tol and b[0] <= a[3] + tol and a[1] <= b[4] + tol and b[1] <= a[4] + tol
            and a[2] <= b[5] + tol and b[2] <= a[5] + tol)


def _clear(st: _State, world: CollisionWorld, oid: str, solid: list[str], boxes: dict[str, tuple]) -> bool:
    """Whether ``oid`` at its current pose is free of every other solid object (exact test only
    where the bounding boxes meet)."""
    world.move(oid, st.pos[oid], st.quat[oid])
    box = _bounds(st, oid)
    return all(world.penetration(oid, other)[0] <= st.s.tolerance for other in solid
               if other != oid and _meet(box, boxes[other], st.s.tolerance))


def _relocate(st: _State, world: CollisionWorld, oid: str, solid: list[str], boxes: dict[str, tuple]) -> None:
    o = st.objs[oid]
    pid = o.support.on
    start = st.pos[oid].copy()
    pyaw = quat_to_yaw(st.quat[pid])
    c, s = math.cos(pyaw), math.sin(pyaw)
    r_p = np.array([[c, -s], [s, c]])
    bottom = st.pos[pid][2] - st.objs[pid].size[2] / 2
    half = 0.5 * max(o.size[0], o.size[1])
    for h, xr, yr in sorted(_receptacles(st, pid), key=lambda r: -(r[1][1] - r[1][0]) * (r[2][1] - r[2][0])):
        for lx in np.arange(xr[0] + half, xr[1] - half + 1e-9, 0.05):
            for ly in np.arange(yr[0] + half, yr[1] - half + 1e-9, 0.05):
                st.pos[oid] = np.r_[st.pos[pid][:2] + r_p @ np.array([lx, ly]), bottom + h + o.size[2] / 2]
                if st.out_of_time():
                    break
                if _clear(st, world, oid, solid, boxes):
                    st.pos[oid], target = start, st.pos[oid]
                    st.move(oid, target - start, f"moved to a free spot on {pid}: its surface was full")
                    return
    reach = 0.5 * math.hypot(st.objs[pid].size[0], st.objs[pid].size[1]) + half + 0.05
    for ring in (reach, reach + 0.3, reach + 0.6):
        for k in range(16):
            a = 2 * math.pi * k / 16
            xy = st.pos[pid][:2] + ring * np.array([math.cos(a), math.sin(a)])
            st.pos[oid] = np.r_[xy, o.size[2] / 2]
            if point_in_polygon(xy, st.scene.room.floor) and _inside(st, oid) and _clear(st, world, oid, solid, boxes):
                st.pos[oid], target = start, st.pos[oid]
                st.move(oid, target - start, f"put on the floor beside {pid}: no room left on it")
                st.objs[oid] = replace(o, support=Support("floor"))
                st.children[pid] = [k2 for k2 in st.children.get(pid, []) if k2 != oid]
                return
    st.pos[oid] = start
    world.move(oid, start, st.quat[oid])
