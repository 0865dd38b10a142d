"""The axes a variant is drawn along. Each is a pure function of the scene, the libraries, its
own random generator and its settings, returning the changed scene and a record of every change
(what `variant.json` lists). Geometry is left for refinement and settling to make valid, as in
any build; an axis that cannot do what is asked raises `VariantInvalid`.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass, replace
from typing import Any, Callable

import numpy as np

from ..catalog import CATEGORIES, WALL_BACKED
from ..geometry.polygon import points_in_polygon
from ..geometry.pose import quat_to_yaw, yaw_to_quat
from ..registry import Registry
from ..scene import Light, Material, Materials, Scene, SceneObject, Support


class VariantInvalid(Exception):
    """This draw cannot be made into a valid scene (the reason is the message); the next seed is tried."""


@dataclass
class VaryContext:
    libraries: Any
    retriever: Any


Axis = Callable[[Scene, VaryContext, np.random.Generator, Any], tuple[Scene, dict]]
AXES: Registry = Registry("variation axis", "--vary")


def _r(x: float, n: int = 5) -> float:
    return round(float(x), n)


def _descendants(scene: Scene, oid: str) -> list[str]:
    kids: dict[str, list[str]] = {}
    for o in scene.objects:
        if o.support.kind == "on" and o.support.on:
            kids.setdefault(o.support.on, []).append(o.id)
    out, todo = [], list(kids.get(oid, []))
    while todo:
        k = todo.pop(0)
        out.append(k)
        todo += kids.get(k, [])
    return out


def _colour(rng: np.random.Generator, st) -> list[float]:
    h, s, v = rng.random(), rng.uniform(*st.saturation), rng.uniform(*st.value)
    return [_r(c, 4) for c in colorsys.hsv_to_rgb(h, s, v)]


# -- assets ---------------------------------------------------------------------------------------
@AXES.register("assets", "another asset of the same category whose size fits the object's box, drawn by retrieval score")
def _assets_loader():
    return vary_assets


def vary_assets(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    from assets.mirror import twin_id

    from ..retrieve.rank import Query
    from ..retrieve.stage import retrieve_scene

    prefer, changes = {}, {}
    for o in scene.objects:
        if o.asset is None or rng.random() >= st.fraction:
            continue
        ranking = ctx.retriever.rank(Query(o.category, tuple(o.size), o.support.kind, description=o.description),
                                     st.top_k + 2)
        base = {o.asset.id, twin_id(o.asset.id)}  # the asset hung either way is the same asset
        cands = [c for c in ranking.candidates if c.category == o.category and c.id not in base]
        cands = cands[:st.top_k]
        if not cands:
            continue
        scores = np.array([c.score for c in cands])
        w = np.exp((scores - scores.max()) / max(st.temperature, 1e-6))
        pick = cands[int(rng.choice(len(cands), p=w / w.sum()))]
        prefer[o.id] = (pick.library, pick.id)
        changes[o.id] = {"from": f"{o.asset.library}/{o.asset.id}", "to": f"{pick.library}/{pick.id}",
                         "score": _r(pick.score, 4)}
    if not prefer:
        return scene, {}
    cleared = replace(scene, objects=[replace(o, asset=None, mass=None, joint_stops={}, materials={}) if o.id in prefer else o
                                      for o in scene.objects])
    chosen, _ = retrieve_scene(cleared, ctx.retriever, ctx.libraries, prefer=prefer)
    for o in chosen.objects:
        if o.id in changes and (o.asset is None or f"{o.asset.library}/{o.asset.id}" != changes[o.id]["to"]):
            raise VariantInvalid(f"{o.id}: asset {changes[o.id]['to']} could not be fitted")
    return chosen, changes


# -- poses ----------------------------------------------------------------------------------------
@AXES.register("poses", "furniture shifted and turned within bounds, wall-backed and wall-hung objects slid along their wall")
def _poses_loader():
    return vary_poses


def vary_poses(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    objs = {o.id: replace(o, position=list(o.position), quaternion=list(o.quaternion)) for o in scene.objects}
    changes = {}

    def move(oid: str, delta: np.ndarray, turn: float) -> None:
        o = objs[oid]
        pivot = np.asarray(o.position[:2], float)
        c, s = math.cos(turn), math.sin(turn)
        for k in [oid] + _descendants(scene, oid):
            p = np.asarray(objs[k].position[:2], float) - pivot
            p = pivot + np.array([c * p[0] - s * p[1], s * p[0] + c * p[1]]) + delta
            objs[k].position = [_r(p[0], 6), _r(p[1], 6), objs[k].position[2]]
            if turn:
                objs[k].quaternion = [_r(q, 8) for q in yaw_to_quat(quat_to_yaw(objs[k].quaternion) + turn)]

    from shapely.geometry import Polygon

    def footprint(o: SceneObject, delta=(0.0, 0.0), turn: float = 0.0) -> Polygon:
        yaw = quat_to_yaw(o.quaternion) + turn
        c, s = math.cos(yaw), math.sin(yaw)
        hx, hy = o.size[0] / 2, o.size[1] / 2
        return Polygon([(o.position[0] + delta[0] + c * x - s * y, o.position[1] + delta[1] + s * x + c * y)
                        for x, y in ((-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy))])

    room = Polygon(scene.room.floor)

    def crowding(o: SceneObject, delta, turn) -> float:
        """Plan overlap (m^2) of the moved object with the other floor (or wall) objects where
        they are now, plus how much of it reaches through the walls."""
        fp = footprint(o, delta, turn)
        return fp.difference(room).area + sum(
            fp.intersection(footprint(objs[k])).area for k in objs
            if k != o.id and objs[k].support.kind == o.support.kind and objs[k].support.kind in ("floor", "wall"))

    for o in scene.objects:  # roots first (their children ride along), then what stands on them
        kind = o.support.kind
        yaw = quat_to_yaw(o.quaternion)
        along = np.array([-math.sin(yaw), math.cos(yaw)])  # the object's +Y: along the wall it backs onto
        if kind == "wall" or (kind == "floor" and o.category in WALL_BACKED):
            delta, turn = along * rng.uniform(-st.slide, st.slide), 0.0
        elif kind in ("floor", "ceiling"):
            a, r = rng.uniform(0, 2 * math.pi), st.shift * math.sqrt(rng.random())
            delta = np.array([r * math.cos(a), r * math.sin(a)])
            turn = math.radians(rng.uniform(-st.turn_deg, st.turn_deg)) if kind == "floor" else 0.0
        else:
            continue
        # a move into a neighbour or a wall is shortened (fitted units in a run stay a run): halved
        # while it crowds the others or the walls more than the object does where it stands, then dropped
        here = crowding(objs[o.id], (0.0, 0.0), 0.0)
        for _ in range(4):
            if crowding(objs[o.id], delta, turn) <= here + 1e-6:
                break
            delta, turn = delta / 2, turn / 2
        else:
            delta, turn = np.zeros(2), 0.0
        move(o.id, delta, turn)
        changes[o.id] = {"shift": [_r(d, 4) for d in delta], "turn_deg": _r(math.degrees(turn), 3)}
    for o in scene.support_order():
        if o.support.kind != "on":
            continue
        a, r = rng.uniform(0, 2 * math.pi), st.small_shift * math.sqrt(rng.random())
        delta = np.array([r * math.cos(a), r * math.sin(a)])
        turn = math.radians(rng.uniform(-st.small_turn_deg, st.small_turn_deg))
        move(o.id, delta, turn)
        changes[o.id] = {"shift": [_r(d, 4) for d in delta], "turn_deg": _r(math.degrees(turn), 3)}
    return replace(scene, objects=[objs[o.id] for o in scene.objects]), changes


# -- materials ------------------------------------------------------------------------------------
@AXES.register("materials", "colours and material kinds of the floor, walls, ceiling and the objects' surfaces")
def _materials_loader():
    return vary_materials


def vary_materials(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    room = {name: Material(_colour(rng, st), str(rng.choice(kinds)))
            for name, kinds in (("floor", st.floor), ("walls", st.walls), ("ceiling", st.ceiling))}
    room["ceiling"] = Material([_r(0.85 + 0.15 * c, 4) for c in room["ceiling"].color], room["ceiling"].texture)
    changes: dict[str, Any] = {"room": {k: {"color": m.color, "kind": m.texture} for k, m in room.items()}, "objects": {}}
    objects = []
    for o in scene.objects:
        g = ctx.libraries.resolve(o.asset) if o.asset is not None else None
        if g is None or rng.random() >= st.object_fraction:
            objects.append(o)
            continue
        styles = {}
        for surf in g.surfaces():
            group = st.hard if surf.material in st.hard else st.soft if surf.material in st.soft else None
            if group:
                styles[surf.name] = Material(_colour(rng, st), str(rng.choice(group)))
        if styles:
            changes["objects"][o.id] = {k: {"color": m.color, "kind": m.texture} for k, m in styles.items()}
        objects.append(replace(o, materials=styles) if styles else o)
    return replace(scene, room=replace(scene.room, materials=Materials(**room)), objects=objects), changes


# -- lighting -------------------------------------------------------------------------------------
@AXES.register("lighting", "number, position, colour temperature and intensity of the lights")
def _lighting_loader():
    return vary_lighting


def vary_lighting(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    from shapely.geometry import Polygon

    inner = Polygon(scene.room.floor).buffer(-0.3)
    if inner.is_empty:
        inner = Polygon(scene.room.floor)
    lo, hi = np.asarray(inner.bounds[:2]), np.asarray(inner.bounds[2:])
    floor = np.asarray(inner.exterior.coords)[:-1] if inner.geom_type == "Polygon" else np.asarray(scene.room.floor)
    lights = []
    for _ in range(int(rng.integers(st.count[0], st.count[1] + 1))):
        for _try in range(100):
            p = lo + rng.random(2) * (hi - lo)
            if points_in_polygon(p[None], floor)[0]:
                break
        lights.append(Light([_r(p[0], 4), _r(p[1], 4), _r(scene.room.height - st.below_ceiling, 4)],
                            _r(rng.uniform(*st.temperature), 1), _r(rng.uniform(*st.intensity), 3)))
    return replace(scene, lights=lights), {"lights": [{"position": li.position, "temperature": li.temperature,
                                                       "intensity": li.intensity} for li in lights]}


# -- clutter --------------------------------------------------------------------------------------
@AXES.register("clutter", "small objects from the catalog on free receptacle areas and on the floor")
def _clutter_loader():
    return vary_clutter


def _typical(category: str, rng: np.random.Generator) -> list[float]:
    spec = CATEGORIES[category]
    lo, hi = np.asarray(spec.size_min, float), np.asarray(spec.size_max, float)
    return [_r(v, 4) for v in np.sqrt(lo * hi) * rng.uniform(0.9, 1.1)]


def vary_clutter(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    from ..geometry.room import door_swing_box
    from ..retrieve.stage import receptacles, retrieve_scene

    taken = {o.id for o in scene.objects}
    added: list[SceneObject] = []

    def new_id(category: str) -> str:
        k = 0
        while f"clutter_{category}_{k}" in taken:
            k += 1
        taken.add(f"clutter_{category}_{k}")
        return f"clutter_{category}_{k}"

    # on surfaces: the top receptacle of each piece of furniture, away from what already stands there
    for parent in scene.objects:
        if len(added) >= st.most or parent.dynamic or parent.support.kind != "floor" or parent.size[2] > 1.5:
            continue
        h, xr, yr = max(receptacles(parent, ctx.libraries), key=lambda r: r[0])
        if h < parent.size[2] * 0.8 or (xr[1] - xr[0]) < 0.2 or (yr[1] - yr[0]) < 0.2:
            continue
        yaw = quat_to_yaw(parent.quaternion)
        c, s = math.cos(yaw), math.sin(yaw)
        occupied = [(np.asarray(o.position[:2]), max(o.size[:2]) / 2) for o in scene.objects if o.support.on == parent.id]
        area = (xr[1] - xr[0]) * (yr[1] - yr[0])
        for _ in range(int(st.density * area + rng.random())):
            category = str(rng.choice(st.on_surfaces))
            size = _typical(category, rng)
            r = max(size[:2]) / 2 + 0.01
            if xr[1] - xr[0] < 2 * r or yr[1] - yr[0] < 2 * r:
                continue
            lx, ly = rng.uniform(xr[0] + r, xr[1] - r), rng.uniform(yr[0] + r, yr[1] - r)
            xy = np.asarray(parent.position[:2]) + np.array([c * lx - s * ly, s * lx + c * ly])
            if any(np.linalg.norm(xy - p) < r + q for p, q in occupied):
                continue
            occupied.append((xy, r))
            z = parent.position[2] - parent.size[2] / 2 + h + size[2] / 2 + 0.002
            added.append(SceneObject(new_id(category), category, size, [_r(xy[0], 6), _r(xy[1], 6), _r(z, 6)],
                                     [_r(q, 8) for q in yaw_to_quat(rng.uniform(-math.pi, math.pi))],
                                     support=Support("on", parent.id), dynamic=True))
            if len(added) >= st.most:
                break
    # on the floor: clear of furniture, walls and door swings
    from shapely.geometry import Point, Polygon, box

    room = Polygon(scene.room.floor)
    blocked = [Point(o.position[:2]).buffer(max(o.size[:2]) / 2 + 0.1) for o in scene.objects + added
               if o.support.kind == "floor"]
    for op in scene.room.openings:
        b = door_swing_box(scene.room.floor, op) if op.kind == "door" else None
        if b is not None:
            (cx, cy, _), (sx, sy, _), _yaw = b
            blocked.append(box(cx - max(sx, sy) / 2, cy - max(sx, sy) / 2, cx + max(sx, sy) / 2, cy + max(sx, sy) / 2))
    lo, hi = np.asarray(room.bounds[:2]), np.asarray(room.bounds[2:])
    for _ in range(int(st.floor_density * room.area + rng.random())):
        if len(added) >= st.most:
            break
        category = str(rng.choice(st.on_floor))
        size = _typical(category, rng)
        r = max(size[:2]) / 2 + 0.05
        for _try in range(30):
            xy = lo + rng.random(2) * (hi - lo)
            spot = Point(xy).buffer(r)
            if room.buffer(-0.05).contains(spot) and not any(spot.intersects(b) for b in blocked):
                break
        else:
            continue
        blocked.append(spot)
        added.append(SceneObject(new_id(category), category, size, [_r(xy[0], 6), _r(xy[1], 6), _r(size[2] / 2, 6)],
                                 [_r(q, 8) for q in yaw_to_quat(rng.uniform(-math.pi, math.pi))], dynamic=True))
    if not added:
        raise VariantInvalid("clutter: no free receptacle surface or floor holds another object")
    with_clutter, report = retrieve_scene(replace(scene, objects=scene.objects + added), ctx.retriever, ctx.libraries)
    final = {o.id: o for o in with_clutter.objects}
    return with_clutter, {"added": [{"id": o.id, "category": o.category, "on": o.support.on or "floor",
                                     "asset": f"{final[o.id].asset.library}/{final[o.id].asset.id}" if final[o.id].asset else None,
                                     "position": final[o.id].position} for o in added]}


# -- dynamics -------------------------------------------------------------------------------------
@AXES.register("dynamics", "mass, friction and joint damping per object")
def _dynamics_loader():
    return vary_dynamics


def vary_dynamics(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    objects, changes = [], {}
    for o in scene.objects:
        g = ctx.libraries.resolve(o.asset) if o.asset is not None else None
        c: dict[str, float] = {"friction": _r(rng.uniform(*st.friction), 4)}
        mass = o.mass
        if o.dynamic and o.mass:
            mass = _r(o.mass * rng.uniform(*st.mass), 4)
            c["mass"] = mass
        damping = _r(rng.uniform(*st.damping), 4) if g is not None and g.info.joints else o.damping
        if damping is not None and damping != o.damping:
            c["damping"] = damping
        objects.append(replace(o, mass=mass, friction=c["friction"], damping=damping))
        changes[o.id] = c
    return replace(scene, objects=objects), changes


# -- joints ---------------------------------------------------------------------------------------
@AXES.register("joints", "doors, drawers and lids at sampled openings, within what the room lets them open")
def _joints_loader():
    return vary_joints


def vary_joints(scene: Scene, ctx: VaryContext, rng: np.random.Generator, st) -> tuple[Scene, dict]:
    from assets.articulation import stopped

    from assets.articulation import swept_hulls

    objects, changes = [], {}
    opened: list[tuple[float, ...]] = []  # world boxes of the space open doors and drawers take
    for o in scene.objects:
        g = ctx.libraries.resolve(o.asset) if o.asset is not None else None
        if g is None or not g.info.joints:
            objects.append(o)
            continue
        joints = stopped([j.scaled(o.asset.scale) for j in g.info.joints], o.joint_stops)
        state = {}
        for j in joints:
            lo, hi = j.limits
            state[j.name] = _r(lo + rng.uniform(*st.opening) * (hi - lo), 5) if rng.random() < st.fraction else _r(lo, 5)
        # two open doors of neighbouring units would meet: the later object stays closed
        ajar = {k: v for k, v in state.items() if v != _r(next(j for j in joints if j.name == k).limits[0], 5)}
        if ajar:
            pts = np.vstack(swept_hulls(g.parts, [j for j in g.info.joints if j.name in ajar], o.asset.scale,
                                        stops={**o.joint_stops, **ajar}))
            w = pts @ o.matrix()[:3, :3].T + np.asarray(o.position)
            box = (*w.min(axis=0), *w.max(axis=0))
            if any(all(box[a] < b[a + 3] and b[a] < box[a + 3] for a in range(3)) for b in opened):
                state = {j.name: _r(j.limits[0], 5) for j in joints}
            else:
                opened.append(box)
        objects.append(replace(o, joints=state))
        changes[o.id] = state
    return replace(scene, objects=objects), changes
