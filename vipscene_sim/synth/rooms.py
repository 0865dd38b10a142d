"""Random plausible rooms, so lifting is measured on more than the five examples.

A room kind (bedroom, living room, kitchen, office, bathroom, dining room) fixes which furniture
appears and how it is arranged: big furniture with its back to a wall and its front to the room,
nightstands beside the bed, a coffee table before the sofa, chairs around the table facing it,
small things on the surfaces that hold them, pictures on walls clear of windows and doors. Rooms
are rectangles or L-shapes with a door and windows; sizes are drawn inside each category's size
range. Every placement is checked as it is made (inside the room, clear of other furniture and of
the door's swing, pictures clear of windows), and the finished room by `plausibility_problems`;
a room that fails is drawn again from a derived seed, so the result is valid by construction and
the same seed always gives the same room.
"""

from __future__ import annotations

import math

import numpy as np

from ..catalog import CATEGORIES
from ..geometry.polygon import (
    convex_penetration,
    distance_to_boundary,
    point_in_polygon,
    polygon_inside,
    wall_segments,
)
from ..geometry.pose import footprint, yaw_to_quat
from ..geometry.room import door_swing, wall_frame
from ..scene import Opening, Provenance, Room, Scene, SceneObject, Support

FLAT = {"rug"}  # other furniture may stand on these

# kind -> (size range of the longer and shorter side, items); an item is
# (category, how it is placed, probability, count range, what it is placed relative to)
KINDS: dict[str, tuple[tuple[float, float], tuple[float, float], list[tuple]]] = {
    "bedroom": ((3.4, 5.0), (3.0, 4.2), [
        ("bed", "wall", 1.0, (1, 1), None), ("nightstand", "beside", 1.0, (1, 2), "bed"),
        ("wardrobe", "wall", 0.9, (1, 1), None), ("dresser", "wall", 0.6, (1, 1), None),
        ("rug", "front", 0.6, (1, 1), "bed"), ("armchair", "free", 0.5, (1, 1), None),
        ("floor_lamp", "corner", 0.5, (1, 1), None), ("plant", "corner", 0.5, (1, 1), None),
        ("table_lamp", "on", 0.9, (1, 2), "nightstand"), ("alarm_clock", "on", 0.5, (1, 1), "nightstand"),
        ("book", "on", 0.4, (1, 1), "nightstand"), ("vase", "on", 0.4, (1, 1), "dresser"),
        ("painting", "wall_mounted", 0.8, (1, 2), None), ("mirror", "wall_mounted", 0.5, (1, 1), None)]),
    "living_room": ((4.0, 6.5), (3.4, 5.0), [
        ("sofa", "wall", 1.0, (1, 1), None), ("coffee_table", "front", 1.0, (1, 1), "sofa"),
        ("tv_stand", "wall", 0.9, (1, 1), None), ("tv", "on", 1.0, (1, 1), "tv_stand"),
        ("rug", "under", 0.7, (1, 1), "coffee_table"), ("armchair", "free", 0.8, (1, 2), None),
        ("side_table", "beside", 0.6, (1, 1), "sofa"), ("table_lamp", "on", 0.8, (1, 1), "side_table"),
        ("floor_lamp", "corner", 0.6, (1, 1), None), ("plant", "corner", 0.7, (1, 2), None),
        ("bookshelf", "wall", 0.6, (1, 1), None), ("vase", "on", 0.5, (1, 1), "coffee_table"),
        ("book", "on", 0.5, (1, 2), "coffee_table"), ("painting", "wall_mounted", 0.8, (1, 2), None)]),
    "kitchen": ((3.6, 5.5), (3.0, 4.2), [
        ("kitchen_counter", "wall", 1.0, (2, 3), None), ("refrigerator", "wall", 1.0, (1, 1), None),
        ("stove", "wall", 1.0, (1, 1), None), ("sink", "wall", 0.9, (1, 1), None),
        ("dishwasher", "wall", 0.5, (1, 1), None), ("dining_table", "free", 0.7, (1, 1), None),
        ("chair", "around", 1.0, (2, 4), "dining_table"), ("trash_can", "corner", 0.6, (1, 1), None),
        ("microwave", "on", 0.7, (1, 1), "kitchen_counter"), ("toaster", "on", 0.5, (1, 1), "kitchen_counter"),
        ("cooking_pot", "on", 0.5, (1, 1), "stove"), ("bowl", "on", 0.6, (1, 2), "dining_table"),
        ("mug", "on", 0.5, (1, 2), "kitchen_counter"), ("wall_cabinet", "wall_mounted", 0.6, (1, 2), None)]),
    "office": ((3.0, 4.5), (2.8, 3.8), [
        ("desk", "wall", 1.0, (1, 1), None), ("office_chair", "front", 1.0, (1, 1), "desk"),
        ("bookshelf", "wall", 0.8, (1, 2), None), ("cabinet", "wall", 0.5, (1, 1), None),
        ("armchair", "free", 0.4, (1, 1), None), ("plant", "corner", 0.6, (1, 1), None),
        ("floor_lamp", "corner", 0.4, (1, 1), None), ("rug", "free", 0.4, (1, 1), None),
        ("monitor", "on", 0.9, (1, 1), "desk"), ("keyboard", "on", 0.8, (1, 1), "desk"),
        ("laptop", "on", 0.3, (1, 1), "desk"), ("mug", "on", 0.5, (1, 1), "desk"),
        ("table_lamp", "on", 0.4, (1, 1), "desk"), ("painting", "wall_mounted", 0.7, (1, 1), None)]),
    "bathroom": ((2.4, 3.6), (2.0, 3.0), [
        ("bathtub", "wall", 0.7, (1, 1), None), ("toilet", "wall", 1.0, (1, 1), None),
        ("sink", "wall", 1.0, (1, 1), None), ("trash_can", "corner", 0.6, (1, 1), None),
        ("rug", "free", 0.6, (1, 1), None), ("bottle", "on", 0.7, (1, 2), "sink"),
        ("mirror", "wall_mounted", 0.9, (1, 1), None), ("wall_shelf", "wall_mounted", 0.5, (1, 1), None)]),
    "dining_room": ((3.6, 5.5), (3.2, 4.5), [
        ("dining_table", "free", 1.0, (1, 1), None), ("chair", "around", 1.0, (4, 6), "dining_table"),
        ("cabinet", "wall", 0.8, (1, 2), None), ("plant", "corner", 0.7, (1, 2), None),
        ("rug", "under", 0.5, (1, 1), "dining_table"), ("bowl", "on", 0.6, (1, 1), "dining_table"),
        ("vase", "on", 0.6, (1, 1), "dining_table"), ("plate", "on", 0.6, (2, 4), "dining_table"),
        ("painting", "wall_mounted", 0.8, (1, 2), None), ("ceiling_lamp", "ceiling", 0.8, (1, 1), None)]),
}


def _size(category: str, rng) -> list[float]:
    """A size inside the category's range, near its middle (log-uniform over the middle half)."""
    spec = CATEGORIES[category]
    lo, hi = (np.log(r) for r in spec.typical_range)
    t = rng.uniform(0.3, 0.7, 3)
    s = np.exp(lo + (hi - lo) * t)
    if category in ("nightstand", "side_table", "stool", "trash_can", "plant", "vase", "bowl", "plate", "mug",
                    "floor_lamp", "table_lamp", "ceiling_lamp", "bottle", "cooking_pot"):
        s[1] = s[0]  # round or square things
    if category == "kitchen_counter":
        s[2] = 0.9
    return [round(float(x), 3) for x in s]


def _floor(rng, long: tuple[float, float], short: tuple[float, float]) -> list[list[float]]:
    w = round(float(rng.uniform(*long)), 2)
    d = round(float(rng.uniform(*short)), 2)
    if rng.random() < 0.3 and w > 3.6 and d > 3.0:  # an L: one corner cut away
        cw, cd = round(w * rng.uniform(0.3, 0.45), 2), round(d * rng.uniform(0.3, 0.45), 2)
        return [[0.0, 0.0], [w, 0.0], [w, d - cd], [w - cw, d - cd], [w - cw, d], [0.0, d]]
    return [[0.0, 0.0], [w, 0.0], [w, d], [0.0, d]]


class _Layout:
    """The room being furnished: what stands where, and the free wall and floor left."""

    def __init__(self, room: Room, rng):
        self.room, self.rng = room, rng
        self.poly = np.asarray(room.floor, float)
        self.walls = wall_segments(room.floor)
        self.room_floor = room.floor
        self.objects: list[SceneObject] = []
        self.blocked: list[np.ndarray] = []  # floor footprints others may not overlap
        # door swings, and a step of floor beyond them
        self.blocked += [door_swing(room.floor, op, reach=0.2) for op in room.openings if op.kind == "door"]

    def free(self, fp: np.ndarray, gap: float = 0.03) -> bool:
        return polygon_inside(fp, self.poly, tol=1e-6) and all(convex_penetration(fp, b) < -gap for b in self.blocked)

    def add(self, category: str, size, xy, yaw: float, support: Support, z: float | None = None,
            block: bool = True) -> SceneObject:
        n = sum(o.category == category for o in self.objects) + 1
        zc = size[2] / 2 if z is None else z
        o = SceneObject(f"{category}_{n}", category, list(size), [round(float(xy[0]), 4), round(float(xy[1]), 4),
                                                                   round(float(zc), 4)],
                        [round(q, 8) for q in yaw_to_quat(yaw)], support=support, dynamic=CATEGORIES[category].dynamic)
        self.objects.append(o)
        if block and support.kind == "floor" and category not in FLAT:
            self.blocked.append(footprint(o.size, o.position, o.quaternion))
        return o

    def window_clear(self, wall: int, t0: float, t1: float, top: float, bottom: float = 0.0) -> bool:
        for op in self.room.openings:
            if op.wall == wall and op.offset - 0.05 < t1 and t0 < op.offset + op.width + 0.05:
                if op.kind == "door" or (bottom < op.sill + op.height and top > op.sill):
                    return False
        return True

    def against_wall(self, category: str, size, tries: int = 60) -> SceneObject | None:
        lengths = np.array([np.linalg.norm(b - a) for a, b in self.walls])
        for _ in range(tries):
            w = int(self.rng.choice(len(self.walls), p=lengths / lengths.sum()))
            a, d, n, length = wall_frame(self.room_floor, w)
            half = size[1] / 2
            if length < size[1] + 0.1:
                continue
            t = self.rng.uniform(half + 0.02, length - half - 0.02)
            if not self.window_clear(w, t - half, t + half, size[2]):
                continue
            xy = a + d * t + n * (size[0] / 2 + 0.01)
            yaw = math.atan2(n[1], n[0])
            if self.free(footprint(size, [*xy, 0], yaw_to_quat(yaw))):
                return self.add(category, size, xy, yaw, Support("floor"))
        return None

    def wall_mounted(self, category: str, size, tries: int = 60) -> SceneObject | None:
        zc = float(self.rng.uniform(1.3, 1.6)) if category != "wall_cabinet" else 1.85
        zc = min(zc, self.room.height - size[2] / 2 - 0.05)
        for _ in range(tries):
            w = int(self.rng.integers(len(self.walls)))
            a, d, n, length = wall_frame(self.room_floor, w)
            half = size[1] / 2
            if length < size[1] + 0.2:
                continue
            t = self.rng.uniform(half + 0.1, length - half - 0.1)
            if not self.window_clear(w, t - half, t + half, zc + size[2] / 2, zc - size[2] / 2):
                continue
            xy = a + d * t + n * (size[0] / 2)
            yaw = math.atan2(n[1], n[0])
            fp = footprint(size, [*xy, zc], yaw_to_quat(yaw))
            clash = any(o.support.kind == "wall" and convex_penetration(fp, footprint(o.size, o.position, o.quaternion)) > -0.1
                        and abs(o.position[2] - zc) < (o.size[2] + size[2]) / 2 for o in self.objects)
            tall = any(o.support.kind == "floor" and o.top_z > zc - size[2] / 2 and
                       convex_penetration(fp, footprint(o.size, o.position, o.quaternion)) > -0.05 for o in self.objects)
            if not clash and not tall:
                return self.add(category, size, xy, yaw, Support("wall"), z=zc)
        return None

    def at(self, category: str, size, xy, yaw: float, support: Support = Support("floor")) -> SceneObject | None:
        fp = footprint(size, [*xy, 0], yaw_to_quat(yaw))
        if category in FLAT:
            return self.add(category, size, xy, yaw, support) if polygon_inside(fp, self.poly, tol=1e-6) else None
        return self.add(category, size, xy, yaw, support) if self.free(fp) else None

    def anywhere(self, category: str, size, tries: int = 80, corner: bool = False) -> SceneObject | None:
        lo, hi = self.poly.min(axis=0), self.poly.max(axis=0)
        centre = (lo + hi) / 2
        for _ in range(tries):
            xy = self.rng.uniform(lo + 0.2, hi - 0.2)
            if not point_in_polygon(xy, self.poly):
                continue
            if corner and distance_to_boundary(xy, self.poly) > max(size[:2]) / 2 + 0.25:
                continue
            to_c = centre - xy
            yaw = round(math.atan2(to_c[1], to_c[0]) / (math.pi / 2)) * (math.pi / 2)  # face into the room
            o = self.at(category, size, xy, yaw)
            if o is not None:
                return o
        return None


def _place_on(lay: _Layout, category: str, size, parent: SceneObject, tries: int = 30) -> SceneObject | None:
    hx, hy = parent.size[0] / 2 - size[0] / 2 - 0.02, parent.size[1] / 2 - size[1] / 2 - 0.02
    if hx < 0 or hy < 0 or size[2] + parent.top_z > lay.room.height - 0.1:
        return None
    c, s = math.cos(parent.yaw), math.sin(parent.yaw)
    for _ in range(tries):
        u, v = lay.rng.uniform(-hx, hx), lay.rng.uniform(-hy, hy)
        if category in ("tv", "monitor"):
            u = -hx  # at the back of the stand or desk, facing front
        xy = np.asarray(parent.position[:2]) + np.array([c * u - s * v, s * u + c * v])
        fp = footprint(size, [*xy, 0], yaw_to_quat(parent.yaw))
        siblings = [o for o in lay.objects if o.support.kind == "on" and o.support.on == parent.id]
        if all(convex_penetration(fp, footprint(o.size, o.position, o.quaternion)) < -0.02 for o in siblings):
            return lay.add(category, size, xy, parent.yaw, Support("on", parent.id), z=parent.top_z + size[2] / 2)
    return None


def _furnish(lay: _Layout, items: list[tuple]) -> None:
    rng = lay.rng
    for category, how, p, (n0, n1), anchor in items:
        if rng.random() > p:
            continue
        anchors = [o for o in lay.objects if o.category == anchor] if anchor else []
        if anchor and not anchors:
            continue
        for k in range(int(rng.integers(n0, n1 + 1))):
            size = _size(category, rng)
            if how == "wall":
                lay.against_wall(category, size)
            elif how == "wall_mounted":
                lay.wall_mounted(category, size)
            elif how in ("free", "corner"):
                lay.anywhere(category, size, corner=how == "corner")
            elif how == "ceiling":
                lo, hi = lay.poly.min(axis=0), lay.poly.max(axis=0)
                xy = (lo + hi) / 2
                if point_in_polygon(xy, lay.poly):
                    lay.add(category, size, xy, 0.0, Support("ceiling"), z=lay.room.height - size[2] / 2)
            elif how == "on":
                _place_on(lay, category, size, anchors[k % len(anchors)])
            else:
                a = anchors[0]
                f = np.array([math.cos(a.yaw), math.sin(a.yaw)])
                side = np.array([-f[1], f[0]])
                if how == "beside":
                    sign = 1 if k == 0 else -1
                    back = np.asarray(a.position[:2]) - f * a.size[0] / 2
                    xy = back + f * size[0] / 2 + side * sign * (a.size[1] / 2 + size[1] / 2 + 0.05)
                    lay.at(category, size, xy, a.yaw)
                elif how == "front":
                    gap = 0.35 if category != "office_chair" else 0.05
                    xy = np.asarray(a.position[:2]) + f * (a.size[0] / 2 + gap + size[0] / 2)
                    yaw = a.yaw + (math.pi if category == "office_chair" else 0.0)
                    lay.at(category, size, xy, yaw)
                elif how == "under":
                    size = [max(size[0], a.size[0] + 0.8), max(size[1], a.size[1] + 0.8), 0.012]
                    lay.at(category, size, a.position[:2], a.yaw)
                elif how == "around":
                    sides = [(f, a.size[0]), (-f, a.size[0]), (side, a.size[1]), (-side, a.size[1])]
                    u, extent = sides[k % 4]
                    other = a.size[1] if extent == a.size[0] else a.size[0]
                    slot = (k // 4) * 0.6 - 0.3 * (n1 > 4) if other > 1.1 else 0.0
                    lat = np.array([-u[1], u[0]])
                    xy = np.asarray(a.position[:2]) + u * (extent / 2 + size[0] / 2 + 0.05) + lat * slot
                    lay.at(category, size, xy, math.atan2(-u[1], -u[0]))
        if category == "rug":  # rugs lie flat
            for o in lay.objects:
                if o.category == "rug":
                    o.size[2] = 0.012
                    o.position[2] = 0.006


def plausibility_problems(scene: Scene, flat: set[str] = FLAT) -> list[str]:
    """Why a layout is not a plausible room: objects through walls or the ceiling, floating or
    unsupported, overlapping floor furniture, a blocked door. Empty when plausible."""
    out = []
    by_id = {o.id: o for o in scene.objects}
    room = scene.room.floor
    fp = {o.id: footprint(o.size, o.position, o.quaternion) for o in scene.objects}
    for o in scene.objects:
        if not polygon_inside(fp[o.id], room, tol=1e-3):
            out.append(f"{o.id} pokes out of the room")
        if o.top_z > scene.room.height + 1e-6:
            out.append(f"{o.id} goes through the ceiling")
        kind = o.support.kind
        if kind == "floor" and abs(o.bottom_z) > 1e-3:
            out.append(f"{o.id} does not stand on the floor")
        elif kind == "ceiling" and abs(o.top_z - scene.room.height) > 1e-3:
            out.append(f"{o.id} does not hang from the ceiling")
        elif kind == "wall":
            back = np.asarray(o.position[:2]) - 0.5 * o.size[0] * np.array([math.cos(o.yaw), math.sin(o.yaw)])
            if distance_to_boundary(back, room) > 0.02:
                out.append(f"{o.id} is not on a wall")
        elif kind == "on":
            parent = by_id[o.support.on]
            if not (parent.bottom_z < o.bottom_z <= parent.top_z + 1e-3):
                out.append(f"{o.id} is not on {parent.id}")
            if not point_in_polygon(o.position[:2], fp[parent.id]):
                out.append(f"{o.id} overhangs {parent.id}")
    solid = [o for o in scene.objects if o.support.kind == "floor" and o.category not in flat]
    for i, a in enumerate(solid):
        for b in solid[i + 1:]:
            if convex_penetration(fp[a.id], fp[b.id]) >= 0.01:
                out.append(f"{a.id} overlaps {b.id}")
    for op in scene.room.openings:
        if op.kind != "door":
            continue
        swing = door_swing(room, op)
        for o in solid:
            if convex_penetration(swing, fp[o.id]) >= 0.0:
                out.append(f"{o.id} blocks the door")
    return out


def random_room(seed: int, kind: str | None = None, attempts: int = 20) -> Scene:
    """A random plausible room layout (no assets); deterministic for ``seed``."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"room kind must be one of {sorted(KINDS)}, got {kind!r}")
    k = kind or sorted(KINDS)[int(np.random.default_rng(seed).integers(len(KINDS)))]
    for attempt in range(attempts):
        rng = np.random.default_rng([seed, attempt])
        long, short, items = KINDS[k]
        floor = _floor(rng, long, short)
        room = Room(floor=floor, height=round(float(rng.uniform(2.5, 2.9)), 2))
        walls = wall_segments(floor)
        lengths = [float(np.linalg.norm(b - a)) for a, b in walls]
        dw = int(rng.choice([i for i, L in enumerate(lengths) if L >= 1.4]))
        width = round(float(rng.uniform(0.8, 0.95)), 2)
        room.openings.append(Opening("door", dw, round(float(rng.uniform(0.15, lengths[dw] - width - 0.15)), 2),
                                     width, 2.05, 0.0))
        for w in rng.permutation(len(walls))[: int(rng.integers(1, 3))]:
            w = int(w)
            if w == dw or lengths[w] < 1.6:
                continue
            ww = round(float(rng.uniform(0.8, min(1.8, lengths[w] - 0.6))), 2)
            sill = round(float(rng.uniform(0.75, 1.0)), 2)
            room.openings.append(Opening("window", w, round(float(rng.uniform(0.3, lengths[w] - ww - 0.3)), 2), ww,
                                         round(min(1.4, room.height - sill - 0.25), 2), sill))
        lay = _Layout(room, rng)
        _furnish(lay, items)
        scene = Scene(name=f"random_{k}_{seed}", room=room, objects=lay.objects, seed=seed,
                      provenance=Provenance(prompt=f"a {k.replace('_', ' ')}",
                                            stages={"generator": {"kind": k, "seed": seed, "attempt": attempt}}))
        if len(scene.objects) >= 4 and not plausibility_problems(scene):
            return scene
    raise RuntimeError(f"no plausible {k} found for seed {seed} in {attempts} attempts")
