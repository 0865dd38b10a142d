"""Model-free metrics of a built scene: what a robotics user checks before training in it.

- **collisions**: pairs of objects whose collision geometry (the assets' convex parts, as refined
  and settled) interpenetrates deeper than ``collision_tol``; the rate is the fraction of objects
  in at least one such pair. Floor coverings (rugs, mats: flat floor objects) are part of the
  floor and take no part.
- **out of bounds**: objects with geometry outside the floor polygon, below the floor or above the
  ceiling by more than ``bounds_tol``.
- **navigation**: free floor for a round robot of ``robot_radius`` (fraction of the floor), the
  part reachable from a door, and per object whether a robot standing on reachable floor comes
  within ``reach`` of its footprint (ceiling objects are not asked).
- **stability**: from the settle stage of ``report.json`` when the scene was built (objects that
  stayed put when simulated); "not measured" otherwise.
- **prompt coverage**: the catalog categories the prompt names, and which of them the scene has.
- **count and density**: objects, objects per m² of floor, the floor share under furniture.

Units are metres; every rate is in [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ..geometry.polygon import nearest_on_boundary, points_in_polygon, rasterise, signed_area
from ..rules import FLOOR_COVERING_HEIGHT, ROBOT_RADIUS, is_floor_covering


@dataclass(frozen=True)
class MetricSettings:
    robot_radius: float = ROBOT_RADIUS
    """Radius (m) of the round robot whose navigable floor is measured."""
    reach: float = 0.6
    """How far (m) beyond its body the robot reaches: an object is reachable when the robot can
    stand with its edge within this distance of the object's footprint."""
    collision_tol: float = 0.01
    """Penetration (m) below which two objects count as touching, not colliding."""
    bounds_tol: float = 0.02
    """How far (m) geometry may stick out of the room (wall-hung things touch the wall)."""
    flat_height: float = FLOOR_COVERING_HEIGHT
    """Floor objects thinner than this (m) are floor coverings."""
    cell: float = 0.05
    """Plan grid cell (m) for navigation."""


@dataclass
class ObjectGeometry:
    """An object's collision hulls in the world frame, with its plan footprint."""

    id: str
    vertices: np.ndarray
    """(n, 3) all hull vertices, world frame"""
    footprint: np.ndarray
    """(k, 2) convex hull of the vertices in the floor plane"""
    hulls: list


def object_geometry(scene, libraries) -> dict[str, ObjectGeometry]:
    """World-frame collision geometry of every object (its box when it has no loadable asset)."""
    from ..geometry.collision import layout_hulls, plan_footprint, world_vertices

    out = {}
    for o in scene.objects:
        hulls = layout_hulls(o, libraries)
        v = world_vertices(hulls, o.position, o.quaternion)
        out[o.id] = ObjectGeometry(o.id, v, plan_footprint(v), hulls)
    return out


def floor_blockers(scene, geo: dict[str, ObjectGeometry], flat_height: float) -> dict[str, np.ndarray]:
    """Plan footprints of what a robot or a person cannot cross: everything standing on the floor
    except floor coverings (the rule layout refinement keeps paths open with)."""
    return {o.id: geo[o.id].footprint for o in scene.objects
            if o.support.kind == "floor" and not is_floor_covering(o, flat_height)}


def collisions(scene, geo: dict[str, ObjectGeometry], tol: float, flat_height: float) -> list[dict]:
    from ..geometry.collision import CollisionWorld, overlapping_boxes

    solid = [o for o in scene.objects if not is_floor_covering(o, flat_height)]
    pairs = []
    with CollisionWorld() as world:
        for o in solid:
            world.add(o.id, geo[o.id].hulls, o.position, o.quaternion)
        boxes = np.array([np.r_[geo[o.id].vertices.min(axis=0), geo[o.id].vertices.max(axis=0)] for o in solid])
        for i, j in overlapping_boxes(boxes.reshape(-1, 6), tol):
            a, b = solid[i], solid[j]
            depth, _ = world.penetration(a.id, b.id)
            if depth > tol:
                pairs.append({"a": a.id, "b": b.id, "depth_m": round(depth, 4)})
    return pairs


def out_of_bounds(scene, geo: dict[str, ObjectGeometry], tol: float) -> dict[str, str]:
    """Object id -> what sticks out (outside the walls, below the floor, above the ceiling)."""
    floor = np.asarray(scene.room.floor, float)
    bad = {}
    for o in scene.objects:
        g = geo[o.id]
        out = g.footprint[~points_in_polygon(g.footprint, floor)]
        dist = nearest_on_boundary(out, floor)[1] if len(out) else np.zeros(0)
        z_lo, z_hi = float(g.vertices[:, 2].min()), float(g.vertices[:, 2].max())
        if (dist > tol).any():
            bad[o.id] = f"{float(dist.max()):.2f} m outside the walls"
        elif z_lo < -tol:
            bad[o.id] = f"{-z_lo:.2f} m below the floor"
        elif z_hi > scene.room.height + tol:
            bad[o.id] = f"{z_hi - scene.room.height:.2f} m above the ceiling"
    return bad


def reachability(scene, geo: dict[str, ObjectGeometry], grid, s: MetricSettings) -> dict[str, float]:
    """Object id -> distance (m) from the nearest door-reachable robot centre to the object's
    footprint, minus the robot radius (<= ``reach`` means reachable). Ceiling objects are left out."""
    from scipy import ndimage

    reachable = grid.reachable
    if not reachable.any():
        return {o.id: float("inf") for o in scene.objects if o.support.kind != "ceiling"}
    dist = ndimage.distance_transform_edt(~reachable) * grid.cell
    out = {}
    for o in scene.objects:
        if o.support.kind == "ceiling":
            continue
        cells = rasterise(geo[o.id].footprint, grid.xs, grid.ys)
        if cells.any():
            d = float(dist[cells].min())
        else:  # thinner than a cell: its centre
            j, i = grid.index(o.position[:2])
            j, i = np.clip(j, 0, dist.shape[0] - 1), np.clip(i, 0, dist.shape[1] - 1)
            d = float(dist[j, i])
        out[o.id] = max(d - grid.cell / 2 - s.robot_radius, 0.0)
    return out


def stability(report: dict | None) -> dict[str, Any]:
    """Stability of the settled scene from a build's report.json (its settle stage)."""
    stages = (report or {}).get("stages") or []
    settle = next((st for st in stages if st.get("name") == "settle" and st.get("details")), None)
    if settle is None:
        return {"measured": False, "reason": "no settle stage in report.json (built with --no-physics, or not "
                                              "built by vipscene build)"}
    summ = settle["details"].get("summary", {})
    dyn = int(summ.get("dynamic_objects", 0))
    unstable = list(summ.get("unstable", []))
    return {"measured": True, "dynamic_objects": dyn, "unstable": unstable,
            "stable_rate": round(1.0 - len(unstable) / dyn, 4) if dyn else 1.0,
            "max_penetration_m": summ.get("max_penetration")}


def prompt_coverage(scene, prompt: str | None) -> dict[str, Any]:
    """Objects the prompt names (catalog phrases, in its words) and whether the scene has each: a
    term is covered by an object of its best-matching category, or of a category whose name or
    synonym contains all of its words ("cabinets" by a wall cabinet)."""
    if not prompt:
        return {"measured": False, "reason": "no prompt (give --prompt, or build from a scene whose provenance "
                                              "has one)"}
    from ..catalog import CATEGORIES
    from ..labels import CategoryMatcher, singular, tokens
    from ..perceive.vocabulary import prompt_terms

    matcher = CategoryMatcher.from_specs(CATEGORIES.values())
    present = {o.category for o in scene.objects}

    def words(text: str) -> set[str]:
        return {singular(w) for w in tokens(text)}

    covered, missing = {}, []
    for term in dict.fromkeys(prompt_terms(prompt)):
        best = matcher.categories[int(np.argmax(matcher.scores(term)))]
        hits = [best] if best in present else [
            c for c in sorted(present) if c in CATEGORIES and any(
                words(term) <= words(p) for p in (c.replace("_", " "), *CATEGORIES[c].synonyms))]
        if hits:
            covered[term] = hits[0]
        else:
            missing.append(term)
    n = len(covered) + len(missing)
    return {"measured": True, "prompt": prompt, "requested": sorted(covered) + missing, "covered_by": covered,
            "missing": missing, "coverage": round(len(covered) / n, 4) if n else 1.0}


@dataclass
class Collisions:
    rate: float
    """Fraction of objects in at least one colliding pair."""
    pairs: list[dict]
    tolerance_m: float


@dataclass
class OutOfBounds:
    rate: float
    objects: dict[str, str]
    """Object id -> where it sticks out and by how much."""
    tolerance_m: float


@dataclass
class Navigation:
    robot_radius_m: float
    reach_m: float
    navigable_fraction: float
    reachable_fraction: float
    from_door: bool
    unreachable_doors: list[int]
    objects_reachable_rate: float
    unreachable_objects: list[str]


@dataclass
class SceneMetrics:
    """Every model-free metric of a scene (see the module docstring); ``to_dict()`` is the
    ``metrics`` record of score.json."""

    objects: int
    floor_area_m2: float
    density_per_m2: float | None
    furniture_floor_share: float
    collisions: Collisions
    out_of_bounds: OutOfBounds
    navigation: Navigation
    stability: dict[str, Any]
    """``measured`` False with a reason, or the dynamic objects, the unstable ones and the rate."""
    prompt_coverage: dict[str, Any]
    """``measured`` False with a reason, or the terms asked for, what covers them, what is missing."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def scene_metrics(scene, libraries, report: dict | None = None, prompt: str | None = None,
                  s: MetricSettings = MetricSettings()) -> SceneMetrics:
    """Every model-free metric of ``scene`` (see the module docstring)."""
    from ..layout.navigation import free_space

    geo = object_geometry(scene, libraries)
    n = len(scene.objects)
    pairs = collisions(scene, geo, s.collision_tol, s.flat_height)
    colliding = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    oob = out_of_bounds(scene, geo, s.bounds_tol)
    blockers = floor_blockers(scene, geo, s.flat_height)
    grid = free_space(scene.room, list(blockers.values()), s.robot_radius, s.cell)
    reach = reachability(scene, geo, grid, s)
    unreachable = sorted(k for k, d in reach.items() if d > s.reach)
    area = abs(signed_area(scene.room.floor))
    covered = np.zeros_like(grid.inside)
    for fp in blockers.values():
        covered |= rasterise(fp, grid.xs, grid.ys)
    n_inside = max(int(grid.inside.sum()), 1)
    return SceneMetrics(
        objects=n,
        floor_area_m2=round(area, 3),
        density_per_m2=round(n / area, 4) if area > 0 else None,
        furniture_floor_share=round(float((covered & grid.inside).sum()) / n_inside, 4),
        collisions=Collisions(round(len(colliding) / n, 4) if n else 0.0, pairs, s.collision_tol),
        out_of_bounds=OutOfBounds(round(len(oob) / n, 4) if n else 0.0, oob, s.bounds_tol),
        navigation=Navigation(
            robot_radius_m=s.robot_radius, reach_m=s.reach,
            navigable_fraction=round(float(grid.free.sum()) / n_inside, 4),
            reachable_fraction=round(float(grid.reachable.sum()) / n_inside, 4),
            from_door=bool(grid.door_labels),
            unreachable_doors=grid.unreachable_doors,
            objects_reachable_rate=round(1 - len(unreachable) / len(reach), 4) if reach else 1.0,
            unreachable_objects=unreachable),
        stability=stability(report),
        prompt_coverage=prompt_coverage(scene, prompt),
    )
