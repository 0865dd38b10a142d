"""AI2-THOR / ProcTHOR house JSON (schema 1.0.0): export a Scene, import houses.

All Unity conversion goes through `vipscene_sim.geometry.frames`: points (x, y, z)_Unity <-> (x, z, y)_ours
and `thor_rotation_y_to_yaw` / `yaw_to_thor_rotation_y` for headings. Positions are bounding-box
centres, rotations Euler degrees, as in the real houses.

Export writes ``OUT/procthor/house.json`` for one room: the room, interior and exterior walls per
polygon edge, doors and windows as holes in them, objects (small objects as ``children`` of their
receptacle), procedural parameters and metadata with the same keys and value types as ProcTHOR
houses. Each object also carries a ``vipscene`` record (id, category, size, support, dynamic,
library) so an import restores the scene exactly; AI2-THOR ignores unknown keys (Holodeck adds
its own too). Objaverse uids pass through as assetIds; built-in assets are written as
objathor-format asset folders (`exporters.thor_assets`) that AI2-THOR's runtime asset loading
accepts, and the house names them.

Import reads ProcTHOR, Holodeck and VIPScene houses: every room becomes a Scene (floor polygon,
height from its walls, doors and windows on the matching polygon edges), objects are assigned to
the room that contains them, categories come from the ``vipscene`` record, an objathor annotation,
or the assetId's words, and sizes from the record, the objathor bounding box, or the category's
typical size — every substitution is recorded.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from vipscene_sim.atomic import read_user_json
from vipscene_sim.errors import UserError
from vipscene_sim.geometry.frames import thor_rotation_y_to_yaw, yaw_to_thor_rotation_y
from vipscene_sim.geometry.polygon import point_in_polygon, signed_area, wall_segments
from vipscene_sim.geometry.pose import quat_to_yaw, yaw_to_quat
from vipscene_sim.scene import (
    Material,
    Materials,
    Opening,
    Provenance,
    Room,
    Scene,
    SceneObject,
    Support,
)

LAYER = "Procedural2"


def _xyz(x: float, y: float, z: float) -> dict:
    return {"x": float(x), "y": float(y), "z": float(z)}


def _rgb(color) -> dict:
    return {"r": float(color[0]), "g": float(color[1]), "b": float(color[2])}


def _wall_id(room: str, a, b) -> str:
    return f"wall|{room}|{a[0]:.2f}|{a[1]:.2f}|{b[0]:.2f}|{b[1]:.2f}"


def scene_to_house(scene: Scene, asset_ids: dict[str, str] | None = None) -> dict[str, Any]:
    """The ProcTHOR house dict of a one-room Scene (Unity frame); ``asset_ids`` maps object ids
    to the assetIds to write (default: the Scene's asset ids)."""
    asset_ids = asset_ids or {}
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
            "assetId": "Doorframe_Single_1" if op.kind == "door" else "Window_Fixed_36x36",
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
            "position": _xyz(x, z, y), "rotation": _xyz(0, yaw_to_thor_rotation_y(o.yaw), 0), "layer": LAYER,
            "vipscene": {"category": o.category, "size": list(map(float, o.size)), "support": o.support.to_json(),
                         "dynamic": o.dynamic, "library": o.asset.library if o.asset else None,
                         "scale": list(map(float, o.asset.scale)) if o.asset else None,
                         "description": o.description},
        }
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
        house = scene_to_house(scene, asset_ids)
        (tmp / "house.json").write_text(json.dumps(house, indent=2, ensure_ascii=False) + "\n")
    return Path(out_dir) / "procthor" / "house.json"


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


# -- import --------------------------------------------------------------------------------------

def _label(asset_id: str) -> str:
    """Words of an AI2-THOR asset id: 'Countertop_L_4x4' -> 'countertop l', 'RoboTHOR_office_chair_x' ->
    'office chair x'."""
    text = re.sub(r"^(RoboTHOR|THOR|Robo)_", "", asset_id)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).replace("_", " ")
    return " ".join(w for w in text.lower().split() if not re.fullmatch(r"[0-9x]+", w))


def import_house(path: str | Path, libraries=None) -> list[tuple[Scene, dict]]:
    """ProcTHOR / Holodeck / VIPScene house JSON -> one Scene per room, and an import report each."""
    from vipscene_sim.catalog import CATEGORIES
    from vipscene_sim.labels import CategoryMatcher

    path = Path(path)
    house = read_user_json(path, "house JSON")
    if not isinstance(house, dict) or not isinstance(house.get("rooms"), list) or not house["rooms"]:
        raise UserError(f"{path}: not a ProcTHOR/Holodeck house (needs a non-empty 'rooms' list)")
    matcher = CategoryMatcher.from_specs(CATEGORIES.values())
    objathor = {}
    if libraries is not None:
        for lib in libraries.libraries:
            if lib.name == "objathor":
                objathor = {i.id: i for i in lib.infos()}
    walls = {w.get("id"): w for w in house.get("walls", []) if isinstance(w, dict)}
    flat: list[tuple[dict, str | None]] = []

    def collect(items, parent):
        for o in items or []:
            if isinstance(o, dict) and "position" in o:
                flat.append((o, parent))
                collect(o.get("children"), o.get("id"))

    collect(house.get("objects"), None)
    out = []
    for r_index, room in enumerate(house["rooms"]):
        rid = str(room.get("id", f"room|{r_index}"))
        try:
            poly = [(float(p["x"]), float(p["z"])) for p in room["floorPolygon"]]
        except (KeyError, TypeError, ValueError):
            raise UserError(f"{path}: rooms[{r_index}].floorPolygon must be a list of {{x, y, z}} points") from None
        if signed_area(poly) < 0:
            poly = poly[::-1]
        heights = [float(p["y"]) for w in walls.values() if w.get("roomId") == rid for p in w.get("polygon", [])]
        height = max(heights) if heights else float(house.get("wall_height", 2.7) or 2.7)
        report: dict[str, Any] = {"room": rid, "substitutions": [], "skipped": []}
        openings = []
        segs = wall_segments(poly)
        for kind, items in (("door", house.get("doors", [])), ("window", house.get("windows", []))):
            for d in items or []:
                wall = next((walls.get(d.get(k)) for k in ("wall0", "wall1") if walls.get(d.get(k), {}).get("roomId") == rid), None)
                if wall is None:
                    continue
                try:
                    pts = [(float(p["x"]), float(p["z"])) for p in wall["polygon"] if float(p["y"]) == 0.0][:2]
                    hole = d["holePolygon"]
                    x0, x1 = sorted((float(hole[0]["x"]), float(hole[1]["x"])))
                    y0, y1 = sorted((float(hole[0]["y"]), float(hole[1]["y"])))
                except (KeyError, TypeError, ValueError, IndexError):
                    report["skipped"].append(f"{kind} {d.get('id')}: malformed")
                    continue
                start = np.array(pts[0])
                for i, (a, b) in enumerate(segs):
                    if {tuple(np.round(a, 2)), tuple(np.round(b, 2))} == {tuple(np.round(p, 2)) for p in pts}:
                        length = float(np.linalg.norm(b - a))
                        offset = x0 if np.allclose(a, start, atol=0.02) else length - x1
                        sill = 0.0 if kind == "door" else y0
                        openings.append(Opening(kind, i, max(0.0, offset), min(x1 - x0, length), y1 - (0.0 if kind == "door" else y0), sill))
                        break
        objects = []
        for o, parent in flat:
            p = o["position"]
            xy = (float(p["x"]), float(p["z"]))
            if parent is None and not point_in_polygon(xy, poly):
                continue
            if parent is not None and not any(oo.id == parent for oo in objects):
                continue
            rec = o.get("vipscene") or {}
            asset_id = str(o.get("assetId", ""))
            info = objathor.get(asset_id)
            category = rec.get("category") or (info.category if info else None)
            if not category:
                label = _label(asset_id)
                scores = matcher.scores(label)
                # only a match on the head noun names a category ("soap bar" is no breakfast bar,
                # "toilet paper" no toilet); anything weaker stays an unknown label for retrieval
                category = matcher.categories[int(scores.argmax())] if scores.max() >= 0.5 else label or "object"
            size = rec.get("size") or (list(info.size) if info else None)
            if size is None:
                spec = CATEGORIES.get(category)
                unknown = [0.12, 0.12, 0.12] if parent is not None else [0.5, 0.5, 0.8]
                size = [float(np.sqrt(a * b)) for a, b in zip(spec.size_min, spec.size_max)] if spec else unknown
                report["substitutions"].append({"object": o.get("id"), "assetId": asset_id, "category": category,
                                                "size": "typical size of the category (no size in the house)"})
            yaw = thor_rotation_y_to_yaw(float(o.get("rotation", {}).get("y", 0.0)))
            pos = [float(p["x"]), float(p["z"]), float(p["y"])]
            if rec.get("support"):
                support = Support.from_json(rec["support"])
            elif parent is not None:
                support = Support("on", parent)
            elif CATEGORIES.get(category) and CATEGORIES[category].placement in ("wall", "ceiling"):
                support = Support(CATEGORIES[category].placement)
            else:
                support = Support("floor")
            objects.append(SceneObject(
                id=str(o.get("id")), category=category, size=[float(s) for s in size], position=pos,
                quaternion=[float(q) for q in yaw_to_quat(yaw)], description=str(rec.get("description", "")),
                support=support, dynamic=bool(rec.get("dynamic", not o.get("kinematic", True))),
                source={"house": str(path.name), "assetId": asset_id},
            ))
        name = re.sub(r"[^A-Za-z0-9_-]+", "_", rid).strip("_") or f"room_{r_index}"
        mats = Materials()
        fm = (room.get("floorMaterial") or {}).get("color")
        if isinstance(fm, dict):
            mats = Materials(floor=Material([float(fm.get(c, 0.5)) for c in "rgb"]))
        scene = Scene(name=name, room=Room(floor=[list(p) for p in poly], height=height, openings=openings, materials=mats),
                      objects=objects, provenance=Provenance(prompt=None, stages={"import": {"house": str(path), "room": rid}}))
        out.append((scene, report))
    return out


def round_trip_errors(a: Scene, b: Scene) -> dict:
    """Largest position error (m) and yaw error (degrees) between objects with the same id."""
    by_id = {o.id: o for o in b.objects}
    dp = max((float(np.linalg.norm(np.asarray(o.position) - by_id[o.id].position)) for o in a.objects), default=0.0)
    dy = max((abs(math.degrees(math.remainder(quat_to_yaw(o.quaternion) - quat_to_yaw(by_id[o.id].quaternion), 2 * math.pi)))
              for o in a.objects), default=0.0)
    return {"position": dp, "yaw_deg": dy, "categories_kept": all(o.category == by_id[o.id].category for o in a.objects)}


__all__ = ["export_procthor", "import_house", "round_trip_errors", "scene_to_house", "validate_procthor"]
