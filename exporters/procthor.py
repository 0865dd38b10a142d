"""AI2-THOR / ProcTHOR house JSON (schema 1.0.0): export a Scene.

All Unity conversion goes through `vipscene_sim.geometry.frames`: points (x, y, z)_Unity <-> (x, z, y)_ours
and `matrix_to_thor_rotation` / `thor_rotation_to_matrix` for full rotations. Positions are
bounding-box centres, rotations Euler degrees, as in the real houses.

Export writes ``OUT/procthor/house.json`` for one room: the room, interior and exterior walls per
polygon edge, doors and windows as holes in them, objects (small objects as ``children`` of their
receptacle), procedural parameters and metadata with the same keys and value types as ProcTHOR
houses. Each object also carries a ``vipscene`` record (id, category, size, support, dynamic,
library) so an import restores the scene exactly; AI2-THOR ignores unknown keys (Holodeck adds
its own too). Objaverse uids pass through as assetIds; built-in assets are written as
objathor-format asset folders (`exporters.thor_assets`) that AI2-THOR's runtime asset loading
accepts, and the house names them. Import is `exporters.thor_import`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from vipscene_sim.geometry.frames import matrix_to_thor_rotation
from vipscene_sim.geometry.polygon import wall_segments
from vipscene_sim.geometry.pose import quat_to_matrix, quat_to_yaw
from vipscene_sim.scene import (
    Scene,
    SceneObject,
)

LAYER = "Procedural2"
DOOR_ASSETS = {0: "Doorframe_1", 1: "Doorway_1", 2: "Doorway_Double_1"}
"""AI2-THOR door assets by leaves: a frame without a door, a single door, a double door."""


def _xyz(x: float, y: float, z: float) -> dict:
    return {"x": float(x), "y": float(y), "z": float(z)}


def _rgb(color) -> dict:
    return {"r": float(color[0]), "g": float(color[1]), "b": float(color[2])}


def _wall_id(room: str, a, b) -> str:
    return f"wall|{room}|{a[0]:.2f}|{a[1]:.2f}|{b[0]:.2f}|{b[1]:.2f}"


def scene_to_house(scene: Scene, asset_ids: dict[str, str] | None = None,
                   openness: dict[str, float] | None = None) -> dict[str, Any]:
    """The ProcTHOR house dict of a one-room Scene (Unity frame); ``asset_ids`` maps object ids
    to the assetIds to write (default: the Scene's asset ids)."""
    asset_ids = asset_ids or {}
    openness = openness or {}
    rid = "room|0"
    floor = np.asarray(scene.room.floor, float)
    h = scene.room.height
    walls, doors, windows = [], [], []
    segs = wall_segments(floor)
    for i, (a, b) in enumerate(segs):
        for owner in (rid, "exterior"):
            walls.append({
                "id": _wall_id(owner.split("|")[-1], a, b),
                "material": {"name": "PureWhite", "color": _rgb(scene.room.materials.walls.color)},
                "polygon": [_xyz(a[0], 0, a[1]), _xyz(b[0], 0, b[1]), _xyz(a[0], h, a[1]), _xyz(b[0], h, b[1])],
                "roomId": owner, "layer": LAYER if owner == rid else "Procedural1",
                "color": _rgb(scene.room.materials.walls.color),
            })
    for k, op in enumerate(scene.room.openings):
        a, b = segs[op.wall]
        entry = {
            "assetId": DOOR_ASSETS[op.leaves] if op.kind == "door" else "Window_Fixed_36x36",
            "id": f"{op.kind}|0|{k}", "room0": rid, "room1": rid,
            "wall0": _wall_id("0", a, b), "wall1": _wall_id("exterior", a, b),
            "holePolygon": [_xyz(op.offset, op.sill, 0), _xyz(op.offset + op.width, op.sill + op.height, 0)],
            "assetPosition": _xyz(op.offset + op.width / 2, op.sill + op.height / 2, 0),
        }
        if op.kind == "door":
            entry.update({"openable": True, "openness": 0})
            doors.append(entry)
        else:
            windows.append(entry)
    by_parent: dict[str, list] = {}
    for o in scene.objects:
        by_parent.setdefault(o.support.on if o.support.kind == "on" else "", []).append(o)

    def obj(o: SceneObject) -> dict:
        x, y, z = o.position
        asset = asset_ids.get(o.id) or (o.asset.id if o.asset else o.category)
        entry = {
            "assetId": asset, "id": o.id, "kinematic": not o.dynamic,
            "position": _xyz(x, z, y), "rotation": _xyz(*matrix_to_thor_rotation(quat_to_matrix(o.quaternion))), "layer": LAYER,
            "vipscene": {"category": o.category, "size": list(map(float, o.size)), "support": o.support.to_json(),
                         "dynamic": o.dynamic, "library": o.asset.library if o.asset else None,
                         "scale": list(map(float, o.asset.scale)) if o.asset else None,
                         "description": o.description, **({"joints": dict(o.joints)} if o.joints else {})},
        }
        if o.id in openness:  # how AI2-THOR records an openable object's state: one fraction
            entry.update({"openable": True, "openness": round(openness[o.id], 4)})
        kids = [obj(c) for c in by_parent.get(o.id, [])]
        if kids:
            entry["children"] = kids
        return entry

    objects = [obj(o) for o in by_parent.get("", [])]
    centre = floor.mean(axis=0)
    lights = [{"id": "DirectionalLight", "indirectMultiplier": 1.0, "intensity": 1, "position": _xyz(0.84, 0.1855, -1.09),
               "rgb": _rgb((1, 1, 1)), "rotation": _xyz(66, 75, 0),
               "shadow": {"type": "Soft", "strength": 1, "normalBias": 0, "bias": 0, "nearPlane": 0.2, "resolution": "FromQualitySettings"},
               "type": "directional"},
              {"id": "light_0", "intensity": 0.45, "position": _xyz(centre[0], h - 0.2, centre[1]), "range": 15,
               "rgb": _rgb((1.0, 0.855, 0.722)),
               "shadow": {"type": "Soft", "strength": 1, "normalBias": 0, "bias": 0.05, "nearPlane": 0.2, "resolution": "FromQualitySettings"},
               "type": "point", "layer": LAYER, "cullingMaskOff": ["Procedural0", "Procedural1", "Procedural3"]}]
    if scene.lights:  # the scene's own lights replace the default point light
        from vipscene_sim.lighting import kelvin_to_rgb

        point = lights.pop()
        lights += [{**point, "id": f"light_{k}", "intensity": round(0.45 * li.intensity, 4),
                    "position": _xyz(li.position[0], li.position[2], li.position[1]), "rgb": _rgb(kelvin_to_rgb(li.temperature))}
                   for k, li in enumerate(scene.lights)]
    agent = {"horizon": 30, "position": _xyz(centre[0], 0.95, centre[1]), "rotation": _xyz(0, 90, 0), "standing": True}
    return {
        "doors": doors,
        "metadata": {"agent": agent, "roomSpecId": f"vipscene|{scene.name}", "schema": "1.0.0", "warnings": {},
                     "agentPoses": {"default": agent}},
        "objects": objects,
        "proceduralParameters": {
            "ceilingColor": _rgb(scene.room.materials.ceiling.color),
            "ceilingMaterial": {"name": "PureWhite", "color": _rgb(scene.room.materials.ceiling.color)},
            "floorColliderThickness": 1.0, "lights": lights, "receptacleHeight": 0.7, "reflections": [],
            "skyboxId": "Sky1",
        },
        "rooms": [{"ceilings": [], "children": [], "floorMaterial": {"name": "OrangeWood", "color": _rgb(scene.room.materials.floor.color)},
                   "floorPolygon": [_xyz(x, 0, y) for x, y in floor], "id": rid, "roomType": _room_type(scene), "layer": LAYER}],
        "walls": walls,
        "windows": windows,
    }


def _room_type(scene: Scene) -> str:
    cats = {o.category for o in scene.objects}
    for kind, keys in (("Bathroom", {"toilet", "bathtub", "shower"}), ("Kitchen", {"stove", "refrigerator", "kitchen_counter"}),
                       ("Bedroom", {"bed", "bunk_bed", "crib"}), ("LivingRoom", {"sofa", "tv"})):
        if cats & keys:
            return kind
    return "LivingRoom"


def export_procthor(scene, libraries, bodies, out_dir: str | Path) -> Path:
    """``OUT/procthor/house.json`` and, for built-in assets, objathor-format asset folders under
    ``OUT/procthor/assets/`` (see `exporters.thor_assets`); the house names those folders."""
    from vipscene_sim.atomic import replaced_folder

    with replaced_folder(out_dir, "procthor") as tmp:
        asset_ids = {}
        if libraries is not None:
            from .thor_assets import write_asset_folders

            asset_ids = write_asset_folders(scene, libraries, bodies or {}, tmp / "assets")
        house = scene_to_house(scene, asset_ids, {oid: openness_of(b) for oid, b in (bodies or {}).items() if b.links})
        (tmp / "house.json").write_text(json.dumps(house, indent=2, ensure_ascii=False) + "\n")
    return Path(out_dir) / "procthor" / "house.json"


def openness_of(body) -> float:
    """AI2-THOR's ``openness`` of an articulated object: how far its most open part is, 0..1."""
    return max((lk.position - lk.joint.limits[0]) / (lk.joint.limits[1] - lk.joint.limits[0]) for lk in body.links)


SCHEMA_PATH = Path(__file__).parent / "schemas" / "procthor_house.schema.json"


def validate_procthor(path: str | Path) -> dict:
    """Check a house file against the ProcTHOR house schema shipped with this package
    (`schemas/procthor_house.schema.json`: the keys and value types of AI2-THOR's house format
    1.0.0, as the real ProcTHOR-10K houses use them; extra keys are allowed). Every problem is
    listed with its JSON path."""
    import jsonschema

    house = json.loads(Path(path).read_text())
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    problems = [f"{_json_path(e.absolute_path)}: {e.message}"
                for e in sorted(validator.iter_errors(house), key=lambda e: list(map(str, e.absolute_path)))]
    return {"ok": not problems, "problems": problems[:20], "schema": SCHEMA_PATH.name, "problem_count": len(problems)}


def _json_path(parts) -> str:
    out = "house"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def round_trip_errors(a: Scene, b: Scene) -> dict:
    """Largest position error (m) and yaw error (degrees) between objects with the same id."""
    by_id = {o.id: o for o in b.objects}
    dp = max((float(np.linalg.norm(np.asarray(o.position) - by_id[o.id].position)) for o in a.objects), default=0.0)
    dy = max((abs(math.degrees(math.remainder(quat_to_yaw(o.quaternion) - quat_to_yaw(by_id[o.id].quaternion), 2 * math.pi)))
              for o in a.objects), default=0.0)
    return {"position": dp, "yaw_deg": dy, "categories_kept": all(o.category == by_id[o.id].category for o in a.objects)}


__all__ = ["export_procthor", "round_trip_errors", "scene_to_house", "validate_procthor"]
