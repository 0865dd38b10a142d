"""Reading an AI2-THOR house file (ProcTHOR, Holodeck, VIPScene) into typed records, or refusing it.

A house written by someone else may be malformed anywhere. What the import cannot do without
(the rooms: an id and a floor polygon of finite points) is an exit-2 `UserError` naming the JSON
path inside the house file (``house.json: rooms[2].floorPolygon[1].x: must be a finite number,
got 'a'``). One bad object, door, window or wall loses only itself: it becomes a `Skip` with its
path and the reason, and the import report lists it. Values stay in Unity's frame (metres, Y up,
Euler degrees); `exporters.thor_import` converts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vipscene_sim.atomic import read_user_json
from vipscene_sim.errors import UserError

MAX_NESTING = 32
"""Deepest ``children`` nesting read; deeper objects are skipped (real houses nest one level)."""


class _Bad(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


@dataclass(frozen=True)
class Skip:
    """Something in the house the import leaves out, and why."""

    path: str
    """Where it is in the house file, e.g. 'objects[3].children[1]'."""
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ThorRoom:
    path: str
    id: str
    floor: tuple[tuple[float, float], ...]
    """Floor polygon as Unity (x, z) points, in the file's order."""
    room_type: str = ""
    floor_color: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class ThorWall:
    path: str
    id: str
    room_id: str
    polygon: tuple[tuple[float, float, float], ...]
    """Unity (x, y, z) corners."""


@dataclass(frozen=True)
class ThorOpening:
    path: str
    kind: str
    """'door' or 'window'."""
    id: str
    walls: tuple[str, ...]
    """The back-to-back walls it cuts (``wall0``, ``wall1``)."""
    hole: tuple[float, float, float, float]
    """x0, y0, x1, y1 of ``holePolygon`` in the wall's own frame (metres along the wall, height)."""
    asset_id: str = ""


@dataclass(frozen=True)
class ThorObject:
    path: str
    id: str
    asset_id: str
    position: tuple[float, float, float]
    """Bounding-box centre, Unity (x, y, z)."""
    rotation: tuple[float, float, float]
    """Unity Euler angles (x, y, z) in degrees, applied z, x, y."""
    parent: str | None
    """The id of the object whose ``children`` hold this one."""
    kinematic: bool | None = None
    name: str = ""
    """Holodeck's ``object_name`` ('sofa-0 (living room)'), empty if absent."""
    record: dict[str, Any] | None = None
    """The ``vipscene`` record our exporter writes (category, size, support...), if any."""
    openness: float | None = None
    """AI2-THOR's ``openness`` (0 closed .. 1 fully open, clamped) of an openable object; None when
    absent or not a finite number (the object is kept, closed)."""


@dataclass
class House:
    path: Path
    rooms: list[ThorRoom]
    walls: dict[str, ThorWall]
    openings: list[ThorOpening]
    objects: list[ThorObject]
    """Every object, children after their parent, depth first."""
    wall_height: float | None
    skipped: list[Skip] = field(default_factory=list)


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(path, f"must be a finite number, got {_show(value)}")
    v = float(value)
    if not math.isfinite(v) or abs(v) > 1e6:
        raise _Bad(path, f"must be a finite number of metres or degrees under 1e6, got {value!r}")
    return v


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dict(value, path: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad(path, f"must be an object, got {_show(value)}")
    return value


def _list(value, path: str) -> list:
    if not isinstance(value, list):
        raise _Bad(path, f"must be a list, got {_show(value)}")
    return value


def _text(value, path: str, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _Bad(path, f"must be a string, got {_show(value)}")
    return str(value)


def _point(value, path: str, keys: str) -> tuple[float, ...]:
    d = _dict(value, path)
    out = []
    for k in keys:
        if k not in d:
            raise _Bad(f"{path}.{k}", "is missing")
        out.append(_number(d[k], f"{path}.{k}"))
    return tuple(out)


def _room(value, path: str) -> ThorRoom:
    d = _dict(value, path)
    rid = _text(d.get("id"), f"{path}.id")
    poly = _list(d.get("floorPolygon"), f"{path}.floorPolygon")
    floor = tuple(_point(p, f"{path}.floorPolygon[{i}]", "xz") for i, p in enumerate(poly))
    if len({(round(x, 4), round(z, 4)) for x, z in floor}) < 3:
        raise _Bad(f"{path}.floorPolygon", f"needs at least 3 distinct points, got {len(floor)}")
    color = None
    mat = d.get("floorMaterial")
    if isinstance(mat, dict) and isinstance(mat.get("color"), dict):
        try:
            color = tuple(min(1.0, max(0.0, _number(mat["color"].get(c, 0.5), "c"))) for c in "rgb")
        except _Bad:
            color = None  # a colour is decoration; a bad one falls back to the default floor
    room_type = d.get("roomType")
    return ThorRoom(path, rid, floor, room_type if isinstance(room_type, str) else "", color)


def _wall(value, path: str) -> ThorWall:
    d = _dict(value, path)
    poly = _list(d.get("polygon"), f"{path}.polygon")
    return ThorWall(path, _text(d.get("id"), f"{path}.id"), _text(d.get("roomId"), f"{path}.roomId", ""),
                    tuple(_point(p, f"{path}.polygon[{i}]", "xyz") for i, p in enumerate(poly)))


def _opening(value, path: str, kind: str) -> ThorOpening:
    d = _dict(value, path)
    hole = _list(d.get("holePolygon"), f"{path}.holePolygon")
    if len(hole) < 2:
        raise _Bad(f"{path}.holePolygon", f"needs two corners, got {len(hole)}")
    (ax, ay), (bx, by) = (_point(hole[i], f"{path}.holePolygon[{i}]", "xy") for i in (0, 1))
    walls = tuple(_text(d[k], f"{path}.{k}") for k in ("wall0", "wall1") if d.get(k) is not None)
    x0, x1 = sorted((ax, bx))
    y0, y1 = sorted((ay, by))
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        raise _Bad(f"{path}.holePolygon", "is empty (zero width or height)")
    asset = d.get("assetId")
    return ThorOpening(path, kind, _text(d.get("id"), f"{path}.id", kind), walls, (x0, y0, x1, y1),
                       asset if isinstance(asset, str) else "")


def _object(d: dict, path: str, parent: str | None) -> ThorObject:
    pos = _point(d.get("position"), f"{path}.position", "xyz") if "position" in d else None
    if pos is None:
        raise _Bad(f"{path}.position", "is missing")
    rot = d.get("rotation", {"x": 0, "y": 0, "z": 0})
    rotation = tuple(_number(_dict(rot, f"{path}.rotation").get(k, 0), f"{path}.rotation.{k}") for k in "xyz")
    kinematic = d.get("kinematic")
    record = d.get("vipscene")
    name = d.get("object_name")
    openness = d.get("openness")
    # a state, not the object: one that is not a finite number is read as closed, never a reason to drop it
    ok = isinstance(openness, (int, float)) and not isinstance(openness, bool) and math.isfinite(openness)
    openness = min(max(float(openness), 0.0), 1.0) if ok else None
    return ThorObject(path, _text(d.get("id"), f"{path}.id"), _text(d.get("assetId"), f"{path}.assetId", ""),
                      pos, rotation, parent, kinematic if isinstance(kinematic, bool) else None,
                      name if isinstance(name, str) else "", record if isinstance(record, dict) else None, openness)


def _objects(items, skipped: list[Skip]) -> list[ThorObject]:
    """Flatten ``objects`` and their ``children`` depth first, without recursion (a hostile file
    may nest deeper than Python's stack)."""
    out: list[ThorObject] = []
    stack = [(items, "objects", None, 0)]
    while stack:
        group, path, parent, depth = stack.pop()
        if group is None:
            continue
        if not isinstance(group, list):
            skipped.append(Skip(path, f"must be a list, got {_show(group)}"))
            continue
        if depth > MAX_NESTING:
            skipped.append(Skip(path, f"nested deeper than {MAX_NESTING} levels"))
            continue
        pending = []
        for i, item in enumerate(group):
            here = f"{path}[{i}]"
            try:
                obj = _object(_dict(item, here), here, parent)
            except _Bad as bad:
                skipped.append(Skip(bad.path, bad.message))
                continue
            out.append(obj)
            pending.append((item.get("children"), f"{here}.children", obj.id, depth + 1))
        stack.extend(reversed(pending))
    return out


def read_house(path: str | Path) -> House:
    """The house file at ``path`` as typed records; `UserError` (exit 2) when it has no usable room."""
    path = Path(path)
    doc = read_user_json(path, "house JSON")
    try:
        house = _dict(doc, "house")
        rooms_raw = _list(house.get("rooms"), "rooms")
        if not rooms_raw:
            raise _Bad("rooms", "is empty; a house needs at least one room")
        rooms = [_room(r, f"rooms[{i}]") for i, r in enumerate(rooms_raw)]
    except _Bad as bad:
        hint = " (not a ProcTHOR/Holodeck house?)" if bad.path in ("house", "rooms") else ""
        raise UserError(f"{path}: {bad.path}: {bad.message}{hint}") from None
    seen: dict[str, str] = {}
    for r in rooms:
        if r.id in seen:
            raise UserError(f"{path}: {r.path}.id: duplicate room id {r.id!r} (also {seen[r.id]})")
        seen[r.id] = r.path
    skipped: list[Skip] = []
    walls: dict[str, ThorWall] = {}
    openings: list[ThorOpening] = []
    for key, read in (("walls", _wall), ("doors", None), ("windows", None)):
        items = house.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            skipped.append(Skip(key, f"must be a list, got {_show(items)}"))
            continue
        for i, item in enumerate(items):
            try:
                if key == "walls":
                    w = _wall(item, f"{key}[{i}]")
                    walls.setdefault(w.id, w)
                else:
                    openings.append(_opening(item, f"{key}[{i}]", key[:-1]))
            except _Bad as bad:
                skipped.append(Skip(bad.path, bad.message))
    height = house.get("wall_height")
    try:
        wall_height = _number(height, "wall_height") if height is not None else None
        if wall_height is not None and not 1.0 <= wall_height <= 20.0:
            raise _Bad("wall_height", f"must lie in [1, 20] m, got {wall_height:g}")
    except _Bad as bad:
        skipped.append(Skip(bad.path, bad.message + "; the walls' own heights are used"))
        wall_height = None
    objects = _objects(house.get("objects"), skipped)
    return House(path, rooms, walls, openings, objects, wall_height, skipped)


__all__ = ["House", "Skip", "ThorObject", "ThorOpening", "ThorRoom", "ThorWall", "read_house"]
