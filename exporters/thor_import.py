"""AI2-THOR house (ProcTHOR, Holodeck, VIPScene) -> one Scene per room, with a report of every choice.

Per object, in order of trust, each recorded in the report:

- category: our ``vipscene`` record > the THOR type (the asset database's ``objectType``, or the
  type the asset id spells) through `THOR_TYPES` > an objathor annotation (Holodeck, Objaverse
  uids) > Holodeck's ``object_name`` > word matching of the asset id (``category_from: words``);
- size: the record > the asset database's box > the objathor annotation's box > the category's
  typical size (``size_from``);
- pose: the bounding-box centre and the full Euler rotation (tilted objects stay tilted).

Every source door and window becomes an opening on the room-polygon edge its wall lies on (split
walls included) or a ``skipped`` entry with the reason; objects in no room are skipped the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from vipscene_sim.geometry.frames import thor_rotation_to_matrix
from vipscene_sim.rules import IDENTIFIER_MAX, identifier_problem
from vipscene_sim.geometry.polygon import point_in_polygon, signed_area, wall_segments
from vipscene_sim.geometry.pose import box_corners, footprint, matrix_to_quat
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

from .thor_house import House, Skip, ThorObject, ThorOpening, ThorRoom, read_house
from .thor_types import THOR_TYPES, AssetDatabase, type_from_asset_name

DEFAULT_HEIGHT = 2.7
WALL_TOLERANCE = 0.03
"""How far (m) a wall's ends may lie off a floor-polygon edge and still be that edge."""


@dataclass
class ObjectImport:
    """Where one imported object's category and size came from."""

    id: str
    asset_id: str
    thor_type: str | None
    category: str
    category_from: str
    """'record', 'thor_type', 'objathor', 'object_name' or 'words'."""
    size_from: str
    """'record', 'database', 'annotation' or 'typical'."""


@dataclass
class RoomImport:
    """One room of the house: its Scene and what the import decided."""

    room: str
    scene: Scene
    objects: list[ObjectImport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def substitutions(self) -> list[dict]:
        """Objects whose size or category had to be inferred rather than read."""
        return [{"object": o.id, "assetId": o.asset_id, "category": o.category,
                 "size": "typical size of the category (no size in the house or the database)"}
                for o in self.objects if o.size_from == "typical"]

    def to_dict(self) -> dict:
        counts: dict[str, dict[str, int]] = {"category_from": {}, "size_from": {}}
        for o in self.objects:
            for key in counts:
                counts[key][getattr(o, key)] = counts[key].get(getattr(o, key), 0) + 1
        return {"room": self.room, **counts, "substitutions": self.substitutions, "skipped": self.skipped,
                "objects": [asdict(o) for o in self.objects]}


@dataclass
class HouseImport:
    rooms: list[RoomImport]
    skipped: list[str]
    """House-level problems: malformed entries, objects in no room, openings on no room's wall."""
    database: str | None
    """The asset database the sizes came from, or None."""
    renamed: list[str] = field(default_factory=list)
    """Object ids changed to identifiers every exporter can write, old and new."""


class _Classifier:
    """Category and size of one THOR object from every source available."""

    def __init__(self, database: AssetDatabase | None, libraries):
        from vipscene_sim.catalog import CATEGORIES
        from vipscene_sim.labels import CategoryMatcher

        self.categories = CATEGORIES
        self.matcher = CategoryMatcher.from_specs(CATEGORIES.values())
        self.database = database
        self.objathor = {}
        for lib in getattr(libraries, "libraries", ()):
            if lib.name == "objathor":
                self.objathor = {i.id: i for i in lib.infos()}

    def words(self, text: str) -> str | None:
        scores = self.matcher.scores(text)
        # only a match on the head noun names a category ("soap bar" is no breakfast bar)
        return self.matcher.categories[int(scores.argmax())] if len(scores) and scores.max() >= 0.5 else None

    def classify(self, o: ThorObject) -> tuple[str | None, str, list[float] | None, str, str | None]:
        """(category or None for a structural type, category_from, size or None, size_from, thor type)."""
        rec = o.record or {}
        db = self.database.get(o.asset_id) if self.database else None
        thor_type = db.object_type if db else type_from_asset_name(o.asset_id)
        info = self.objathor.get(o.asset_id)
        if isinstance(rec.get("category"), str) and identifier_problem(rec["category"]) is None:
            category, source = rec["category"].strip(), "record"
        elif thor_type in THOR_TYPES:
            category, source = THOR_TYPES[thor_type], "thor_type"
            if category is None:
                return None, source, None, "", thor_type
        elif info is not None:
            category, source = info.category.lower().replace(" ", "_"), "objathor"
        elif o.name and (named := self.words(_object_name(o.name))):
            category, source = named, "object_name"
        else:
            label = _words(o.asset_id) or "object"
            category, source = self.words(label) or _clean_ids([label])[label], "words"
        size, size_from = _record_size(rec.get("size")), "record"
        if size is None and db is not None:
            size, size_from = list(db.size), "database"
        if size is None and info is not None:
            size, size_from = list(info.size), "annotation"
        if size is None:
            spec = self.categories.get(category)
            size = (list(spec.typical_size) if spec
                    else [0.12, 0.12, 0.12] if o.parent else [0.5, 0.5, 0.8])
            size_from = "typical"
        return category, source, size, size_from, thor_type


def _object_name(name: str) -> str:
    """Holodeck's 'sofa-0 (living room)' -> 'sofa'."""
    return re.sub(r"\(.*?\)", "", re.sub(r"-\d+", "", name)).replace("_", " ").strip()


def _words(asset_id: str) -> str:
    text = re.sub(r"^(RoboTHOR|THOR|Robo)_", "", asset_id)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).replace("_", " ")
    return " ".join(w for w in text.lower().split() if not re.fullmatch(r"[0-9x]+", w))


def _record_size(value) -> list[float] | None:
    if isinstance(value, list) and len(value) == 3 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and 0 < v < 100 for v in value):
        return [float(v) for v in value]
    return None


def _record_joints(value) -> dict[str, float]:
    """Our record's joint positions (name -> finite number); anything else is ignored."""
    if not isinstance(value, dict):
        return {}
    return {str(k): float(v) for k, v in value.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) <= 100}


def _support(o: ThorObject, category: str, categories, ids: dict[str, str]) -> Support:
    rec = (o.record or {}).get("support")
    if rec in ("floor", "wall", "ceiling"):
        return Support(rec)
    if isinstance(rec, dict) and isinstance(rec.get("on"), str):
        return Support("on", ids.get(rec["on"], rec["on"]))
    if o.parent is not None:
        return Support("on", ids.get(o.parent, o.parent))
    spec = categories.get(category)
    if spec and spec.placement in ("wall", "ceiling"):
        return Support(spec.placement)
    return Support("floor")


def _opening(op: ThorOpening, house: House, room: ThorRoom, segs, height: float) -> Opening | str | None:
    """The opening ``op`` cuts in ``room`` (an Opening), None when none of its walls is the room's,
    or the reason it cannot be placed."""
    wall = next((house.walls[w] for w in op.walls if w in house.walls and house.walls[w].room_id == room.id), None)
    if wall is None:
        return None
    base = [(x, z) for x, y, z in wall.polygon if abs(y) < 1e-6]
    if len(base) < 2:
        return f"{op.kind} {op.id}: its wall {wall.id} has no two corners at floor level"
    w0, w1 = np.array(base[0]), np.array(base[1])
    along = w1 - w0
    if np.linalg.norm(along) < 1e-6:
        return f"{op.kind} {op.id}: its wall {wall.id} has zero length"
    along /= np.linalg.norm(along)
    x0, y0, x1, y1 = op.hole
    p0, p1 = w0 + along * x0, w0 + along * x1
    for i, (a, b) in enumerate(segs):
        edge = b - a
        length = float(np.linalg.norm(edge))
        if length < 1e-6:
            continue
        d = edge / length
        normal = np.array([-d[1], d[0]])
        if max(abs((w0 - a) @ normal), abs((w1 - a) @ normal)) > WALL_TOLERANCE:
            continue
        ts = sorted(((w0 - a) @ d, (w1 - a) @ d))
        if ts[0] < -WALL_TOLERANCE or ts[1] > length + WALL_TOLERANCE:
            continue  # collinear but another stretch of the line
        t0, t1 = sorted((float((p0 - a) @ d), float((p1 - a) @ d)))
        t0, t1 = max(0.0, t0), min(length, t1)
        sill = 0.0 if op.kind == "door" else y0
        top = min(y1, height)
        if t1 - t0 < 0.05 or top - sill < 0.05:
            return f"{op.kind} {op.id}: its hole ({x0:.2f}-{x1:.2f} m, {y0:.2f}-{y1:.2f} m) does not fit wall {wall.id}"
        return Opening(op.kind, i, t0, t1 - t0, top - sill, sill, _leaves(op) if op.kind == "door" else 1)
    return f"{op.kind} {op.id}: its wall {wall.id} lies on no edge of the room's floor polygon"


RESTING_GAP = 0.05
"""How far (m) an object's bottom may be from a surface below it and still rest on it."""


def _rest_on_what_is_below(objects: list[SceneObject], categories) -> None:
    """Top-level THOR objects above the floor (a faucet on a counter, a lamp on a side table) stand
    on the highest object under their centre whose top meets their bottom; set that support.
    Boxes are the exact rotated ones (a tilted object's lowest corner is its bottom)."""
    bounds = {o.id: box_corners(o.size, o.position, o.quaternion) for o in objects}
    for o in objects:
        if o.support.kind != "floor":
            continue
        bottom = float(bounds[o.id][:, 2].min())
        if bottom < RESTING_GAP:
            continue
        best, best_top = None, -1.0
        for other in objects:
            if other is o or other.support.kind == "on" and other.support.on == o.id:
                continue
            c = bounds[other.id]
            top = float(c[:, 2].max())
            if abs(top - bottom) <= RESTING_GAP and top > best_top and point_in_polygon(
                    o.position[:2], footprint(other.size, other.position, other.quaternion).tolist()):
                best, best_top = other, top
        if best is not None:
            o.support = Support("on", best.id)
        elif categories.get(o.category) and categories[o.category].placement == "wall":
            o.support = Support("wall")


def _leaves(op: ThorOpening) -> int:
    """A THOR door's leaves from its asset: a Doorframe has no door, a 'Double' asset two leaves."""
    thor_type = type_from_asset_name(op.asset_id) if op.asset_id else None
    if thor_type == "Doorframe":
        return 0
    return 2 if "double" in op.asset_id.lower() else 1


def _room_height(house: House, room: ThorRoom) -> float:
    heights = [y for w in house.walls.values() if w.room_id == room.id for _, y, _ in w.polygon]
    height = max(heights) if heights else (house.wall_height or DEFAULT_HEIGHT)
    return height if 1.0 <= height <= 20.0 else DEFAULT_HEIGHT


def _trim_to_valid(rep: RoomImport, room: ThorRoom, house: House) -> None:
    """Drop each opening or object the Scene rules reject (overlapping doors, an object whose
    parent was dropped...), recording why; what is wrong with the room itself is a `UserError`
    naming the room's path in the house file."""
    from vipscene_sim.errors import UserError
    from vipscene_sim.validate import validate_document

    for _ in range(len(rep.scene.objects) + len(rep.scene.room.openings) + 1):
        problems = validate_document(rep.scene.to_dict())
        if not problems:
            return
        p = problems[0]
        m = re.match(r"(room\.openings|objects)\[(\d+)\]", p.path)
        if m is None:
            raise UserError(f"{house.path}: {room.path}: the room it describes is not valid ({p.path}: {p.message})")
        i = int(m.group(2))
        if m.group(1) == "objects":
            o = rep.scene.objects.pop(i)
            rep.objects = [r for r in rep.objects if r.id != o.id]
            rep.skipped.append(f"object {o.id!r} skipped: {p.path[len(m.group(0)):].lstrip('.') or 'it'}: {p.message}")
        else:
            op = rep.scene.room.openings.pop(i)
            rep.skipped.append(f"{op.kind} on wall {op.wall} at {op.offset:.2f} m skipped: {p.message}")
    raise UserError(f"{house.path}: {room.path}: cannot be made a valid room")


def _clean_ids(raw: list[str]) -> dict[str, str]:
    """The house's object ids made identifiers every exporter writes (`rules.identifier_problem`):
    control characters and lone surrogates become '_', long ids are cut; kept unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for rid in raw:
        if identifier_problem(rid) is None and rid not in used:
            out[rid] = rid
            used.add(rid)
    for rid in raw:
        if rid in out:
            continue
        base = re.sub(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", "_", rid).strip()[:IDENTIFIER_MAX - 4] or "object"
        clean, n = base, 1
        while clean in used:
            n += 1
            clean = f"{base}_{n}"
        out[rid] = clean
        used.add(clean)
    return out


def folder_name(room_id: str, index: int) -> str:
    """A room id as a folder name: 'room|2' -> 'room_2'."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", room_id).strip("_")[:64] or f"room_{index}"


def import_house(path: str | Path, libraries=None, database: AssetDatabase | None = None) -> HouseImport:
    """Read the house at ``path`` and turn each room into a Scene; ``database`` gives true sizes
    (default: the installed ``procthor`` package's, when present)."""
    house = read_house(path)
    database = database if database is not None else AssetDatabase.installed()
    classifier = _Classifier(database, libraries)
    skipped = [str(s) for s in house.skipped]
    polys = []
    for room in house.rooms:
        poly = [tuple(p) for p in room.floor]
        polys.append(poly[::-1] if signed_area(poly) < 0 else poly)
    room_of: dict[str, int] = {}
    placed: list[tuple[int, ThorObject]] = []
    for o in house.objects:
        if o.parent is not None:
            r = room_of.get(o.parent)
        else:
            xy = (o.position[0], o.position[2])
            r = next((i for i, poly in enumerate(polys) if point_in_polygon(xy, poly)), None)
        if r is None:
            why = "its parent was not imported" if o.parent is not None else "its position lies in no room"
            skipped.append(str(Skip(o.path, f"object {o.id!r} skipped: {why}")))
            continue
        if o.id in room_of:
            skipped.append(str(Skip(o.path, f"object {o.id!r} skipped: duplicate id")))
            continue
        room_of[o.id] = r
        placed.append((r, o))
    ids = _clean_ids([o.id for _, o in placed])
    renamed = [f"{o.path}: id {o.id!r} renamed {ids[o.id]!r} (ids must be plain text of at most "
               f"{IDENTIFIER_MAX} characters)" for _, o in placed if ids[o.id] != o.id]
    rooms: list[RoomImport] = []
    placed_openings: set[int] = set()
    for r_index, room in enumerate(house.rooms):
        room_skipped: list[str] = []
        records: list[ObjectImport] = []
        poly = polys[r_index]
        height = _room_height(house, room)
        segs = wall_segments(poly)
        openings = []
        for k, op in enumerate(house.openings):
            result = _opening(op, house, room, segs, height)
            if result is None:
                continue
            placed_openings.add(k)
            if isinstance(result, str):
                room_skipped.append(f"{op.path}: {result}")
            else:
                openings.append(result)
        objects = []
        for _, o in (p for p in placed if p[0] == r_index):
            category, source, size, size_from, thor_type = classifier.classify(o)
            if category is None:
                room_skipped.append(f"{o.path}: object {o.id!r} is a {thor_type}, part of the house (imported "
                                    "from its doors and windows)")
                continue
            rotation = thor_rotation_to_matrix(o.rotation)
            rec = o.record or {}
            info = classifier.objathor.get(o.asset_id)
            description = str(rec.get("description") or (info.description if info else "") or _object_name(o.name))
            objects.append(SceneObject(
                id=ids[o.id], category=category, size=size, position=[o.position[0], o.position[2], o.position[1]],
                quaternion=[float(q) for q in matrix_to_quat(rotation)], description=description,
                support=_support(o, category, classifier.categories, ids),
                dynamic=bool(rec["dynamic"]) if isinstance(rec.get("dynamic"), bool) else o.kinematic is False,
                source={"house": house.path.name, "assetId": o.asset_id, "size_from": size_from,
                        **({"thor_type": thor_type} if thor_type else {}),
                        **({"openness": o.openness} if o.openness else {})},
                joints=_record_joints(rec.get("joints")),
            ))
            records.append(ObjectImport(ids[o.id], o.asset_id, thor_type, category, source, size_from))
        _rest_on_what_is_below(objects, classifier.categories)
        mats = Materials(floor=Material(list(room.floor_color))) if room.floor_color else Materials()
        scene = Scene(
            name=folder_name(room.id, r_index),
            room=Room(floor=[list(p) for p in poly], height=height, openings=openings, materials=mats),
            objects=objects,
            provenance=Provenance(prompt=None, stages={"import": {"house": str(house.path), "room": room.id}}))
        rep = RoomImport(room.id, scene, records, room_skipped)
        _trim_to_valid(rep, room, house)
        rooms.append(rep)
    for k, op in enumerate(house.openings):
        if k not in placed_openings:
            skipped.append(f"{op.path}: {op.kind} {op.id} skipped: none of its walls ({', '.join(op.walls) or 'none'}) "
                           "belongs to a room")
    return HouseImport(rooms, skipped, database.source if database else None, renamed)


__all__ = ["HouseImport", "ObjectImport", "RoomImport", "folder_name", "import_house"]
