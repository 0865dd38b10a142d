"""Lifting: Geometry + Instances -> a metric layout (a Scene without assets) and a report.

The layout frame: +Z up with the floor at z = 0, walls along X and Y, metres. It is the
reconstruction's frame turned by the gravity and Manhattan rotations, shifted so the floor is at
z = 0 and scaled to metres; ``report["frame"]`` holds that similarity so cameras and points of the
reconstruction can be brought into the layout.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass

import numpy as np

from ..catalog import CATEGORIES
from ..geometry.pose import yaw_to_quat
from ..labels import CategoryMatcher
from ..scene import Provenance, Room, Scene, SceneObject, Support
from .association import associate
from .boxes import fit_box, plan_occupancy
from .candidates import size_misfit
from .consistency import harmonise_depth
from .fusion import gather
from .gravity import eye_height_scale, fit_floor, prior_scale
from .manhattan import dominant_yaw, yaw_rotation
from .points import back_project
from .registration import refine_poses
from .room import estimate_room
from .supports import assign_supports, complete_rugs

CATEGORY_MATCH = 0.5  # a label names a catalog category when its text score reaches this
TRIM_PER_NOISE = 0.7
"""Share of an object's points cut from each end of each axis before its extent is read, per unit
of the video's measured depth noise (``a`` of sigma = a * depth^2, metres at 1 m), up to 0.5 %;
clean depth (not denoised) cuts none: the outermost points are the object's outline. On
bench_lift: realistic noise (a ~ 0.002) is best near 0.1 %, harsh (a ~ 0.006) near 0.4 %."""


@dataclass(frozen=True)
class LiftSettings:
    point_budget: int = 1_500_000
    """At most this many pixels are back-projected (a pixel stride is chosen to fit)."""
    erode: int = 0
    """Mask boundary pixels dropped (pixels). Flying pixels at depth discontinuities are always
    dropped; erosion also drops boundaries between touching surfaces (a mug on a table) at the
    cost of small objects' size."""
    default_height: float = 2.7
    """Room height (m) when neither ceiling nor wall tops are seen."""
    min_points: int = 15
    """Tracks with fewer usable points are reported, not lifted."""
    min_confidence: float = 0.05
    """Objects below this confidence are reported, not lifted."""
    consistency: bool = True
    """Pull each frame's depth towards its neighbours' before fusing (see consistency.py)."""
    registration: bool = True
    """Align every camera to the other views' surfaces before fusing (see registration.py)."""
    max_objects: int = 150
    """At most this many objects, the most confident (a room holds far fewer; more means the
    perception produced fragments, and building thousands of objects takes hours)."""


def _matcher_fn():
    matcher = CategoryMatcher.from_specs(CATEGORIES.values())
    cache: dict[str, str | None] = {}

    def category_of(label: str) -> str | None:
        if label not in cache:
            s = matcher.scores(label)
            cache[label] = matcher.categories[int(s.argmax())] if s.max(initial=0.0) >= CATEGORY_MATCH else None
        return cache[label]

    return category_of


def _typical_height(category: str | None) -> float | None:
    spec = CATEGORIES.get(category or "")
    if spec is None or spec.placement != "floor" or category == "rug":
        return None
    return spec.typical_size[2]


def lift(geometry, instances, settings: LiftSettings = LiftSettings(), seed: int = 0,
         name: str = "lifted") -> tuple[Scene, dict]:
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    if len(geometry.depth) == 0:
        raise ValueError("no frames to lift")
    consistency = {"applied": False, "reason": "turned off"}
    if settings.consistency:
        geometry, consistency = harmonise_depth(geometry)
    times["consistency"] = time.perf_counter() - t0
    t = time.perf_counter()
    registration = {"applied": False, "reason": "turned off"}
    if settings.registration:
        geometry, registration = refine_poses(geometry, seed=seed)
    times["registration"] = time.perf_counter() - t
    t = time.perf_counter()
    points, dropped = back_project(geometry, instances, settings.point_budget, settings.erode)
    times["back_projection"] = time.perf_counter() - t
    t = time.perf_counter()
    floor = fit_floor(points, seed)
    pts = points.transformed(floor.rotation, floor.translation)
    category_of = _matcher_fn()
    if geometry.metric:
        scale, scale_note = 1.0, "metric reconstruction: scale kept"
    else:
        scale = eye_height_scale(pts)
        scale_note = f"unscaled reconstruction: cameras put at eye height (x{scale:.3f})"
        heights = []
        for tr in np.unique(pts.track[pts.track > 0]):
            h = _typical_height(category_of(instances.labels.get(int(tr), "")))
            z = pts.xyz[pts.track == tr, 2]
            if h and len(z) > 30:
                heights.append((float(np.quantile(z, 0.98)) * scale, h))
        ps = prior_scale(heights)
        if ps is not None:
            scale *= ps
            scale_note = f"unscaled reconstruction: scale from {len(heights)} objects' typical heights (x{scale:.3f})"
    pts = pts.transformed(np.eye(3), np.zeros(3), scale)
    wall = (pts.track == 0) & (pts.xyz[:, 2] > 0.3) & (pts.xyz[:, 2] < 2.0)
    if wall.sum() < 200:  # no room seen: furniture edges follow the walls too
        wall = pts.xyz[:, 2] > 0.1
    angle, strength = dominant_yaw(pts.xyz[wall, :2], pts.weight[wall], seed=seed)
    R_m = yaw_rotation(angle)
    pts = pts.transformed(R_m, np.zeros(3))
    times["gravity_scale_manhattan"] = time.perf_counter() - t
    t = time.perf_counter()
    room = estimate_room(pts, seed, settings.default_height, dropped["depth_noise_at_1m"] / max(scale, 1e-9))
    times["room"] = time.perf_counter() - t
    t = time.perf_counter()
    cands, too_small = gather(pts, instances.labels, instances.scores, category_of, settings.min_points, seed=seed)
    with_points = set(np.unique(pts.track).tolist())
    too_small += [{"track": tr, "label": instances.labels.get(tr, "object"),
                   "reason": "no usable pixels (no depth, or only mask boundaries and depth edges)"}
                  for tr in instances.tracks() if tr not in with_points]
    cands, merges = associate(cands, category_of)
    poly = np.asarray(room.floor, float)
    # eroded masks lose ``erode`` pixels of outline per side; the outermost of many views' pixel
    # centres lies on the outline itself, so nothing is added for pixel size
    pad = settings.erode * float(np.mean(1.0 / geometry.K[:, 0, 0]))
    occupancy = plan_occupancy(cands, poly, [category_of(c.label) for c in cands])
    trim = min(TRIM_PER_NOISE * dropped["depth_noise_at_1m"], 0.005) if dropped["denoised"] else 0.0
    boxes = [fit_box(c, category_of(c.label), poly, pts.cam_centers, pad, occupancy, trim) for c in cands]
    for b, c in zip(boxes, cands):
        prior = _misfit_conf(b)
        b.confidence = round(float(c.score * (1 - math.exp(-b.frames / 2)) * (1 - math.exp(-b.points / 80)) * prior), 4)
    low = [b for b in boxes if b.confidence < settings.min_confidence]
    boxes = [b for b in boxes if b.confidence >= settings.min_confidence]
    excess = sorted(boxes, key=lambda b: -b.confidence)[settings.max_objects:]
    if excess:
        cut = {id(b) for b in excess}
        boxes = [b for b in boxes if id(b) not in cut]
    assign_supports(boxes, poly, room.height)
    complete_rugs(boxes)
    times["objects"] = time.perf_counter() - t
    scene = _scene(boxes, room, name, seed)
    R_total = R_m @ floor.rotation
    report = {
        "frames": len(geometry.depth),
        "points": len(points.xyz), "pixel_stride": points.stride, "dropped_pixels": dropped,
        "consistency": consistency,
        "registration": registration,
        "floor": {"found": floor.found, "inlier_fraction": round(floor.inlier_fraction, 4), "note": floor.note},
        "scale": {"value": round(scale, 6), "note": scale_note},
        "manhattan": {"angle_deg": round(math.degrees(angle), 3), "strength": round(strength, 3)},
        "frame": {"rotation": R_total.tolist(), "translation": (R_m @ floor.translation).tolist(), "scale": scale,
                  "meaning": "x_layout = scale * (rotation @ x_reconstruction + translation)"},
        "room": {"notes": room.notes, "walls": len(room.floor), "openings": len(room.openings), "height": room.height},
        "merges": merges,
        "not_lifted": too_small + [{"tracks": b.tracks, "label": b.label, "reason": f"confidence {b.confidence:.3f} too low"}
                                   for b in low] + [
            {"tracks": b.tracks, "label": b.label,
             "reason": f"beyond the {settings.max_objects} most confident objects (confidence {b.confidence:.3f})"}
            for b in excess],
        "objects": {o.id: {"label": b.label, "tracks": b.tracks, "frames": b.frames, "points": b.points,
                           "front": b.front_evidence, "notes": b.notes, "confidence": b.confidence}
                    for o, b in zip(scene.objects, _ordered(boxes))},
        "settings": asdict(settings),
        "seconds": {k: round(v, 4) for k, v in times.items()} | {"total": round(time.perf_counter() - t0, 4)},
    }
    return scene, report


def _misfit_conf(b) -> float:
    """1 for a box inside its category's size range, less the further outside it lies."""
    return math.exp(-0.5 * size_misfit(np.asarray(b.size), b.category))


def _ordered(boxes):
    return sorted(boxes, key=lambda b: (b.category, round(b.center[0], 2), round(b.center[1], 2), round(b.center[2], 2)))


def _scene(boxes, room, name: str, seed: int) -> Scene:
    ordered = _ordered(boxes)
    counts: dict[str, int] = {}
    ids = {}
    for b in ordered:
        counts[b.category] = counts.get(b.category, 0) + 1
        ids[id(b)] = f"{b.category}_{counts[b.category]}"
    objects = []
    for b in ordered:
        spec = CATEGORIES.get(b.category)
        support = Support("on", ids[id(boxes[b.parent])]) if b.support == "on" else Support(b.support)
        size = [round(max(float(s), 0.005), 4) for s in b.size]
        objects.append(SceneObject(
            id=ids[id(b)], category=b.category, size=size,
            position=[round(float(x), 4) for x in b.center], quaternion=[round(float(q), 8) for q in yaw_to_quat(b.yaw)],
            description=b.label if b.label != b.category else "", support=support,
            dynamic=bool(spec.dynamic) if spec else False, confidence=b.confidence,
            source={"tracks": b.tracks, "frames": b.frames, "points": b.points}))
    shell = Room(floor=room.floor, height=room.height, openings=room.openings)
    return Scene(name=name, room=shell, objects=objects, seed=seed,
                 provenance=Provenance(stages={"lift": {"room_notes": room.notes}}))
