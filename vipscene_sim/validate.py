"""Validate a raw scene document and report *every* problem with its JSON path.

Structural checks mirror the published JSON Schema (``vipscene_sim/schema/scene.schema.json``);
on top of it come the checks a schema cannot express: a simple counter-clockwise floor polygon,
openings that fit their wall and do not overlap, unique object ids, ``on`` references that exist
and form no cycle, unit quaternions, and plausible sizes.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from .errors import Problem
from .geometry.polygon import self_intersections, signed_area, wall_lengths

SCHEMA_ID = "vipscene-sim/scene"
SCHEMA_VERSION = 1
"""The scene format this reader reads (`scene.Scene` writes it); other major versions are refused."""
SUPPORTED_VERSION = SCHEMA_VERSION

# Plausibility limits (metres). A scene beyond them is almost certainly in the wrong units.
MAX_ROOM_EXTENT = 100.0
MAX_ROOM_HEIGHT = 20.0
MAX_OBJECT_SIZE = 20.0
MAX_COORDINATE = 1000.0
QUAT_NORM_TOL = 1e-3

TOP_FIELDS = ("schema", "version", "name", "seed", "room", "objects", "provenance")
ROOM_FIELDS = ("floor", "height", "wall_thickness", "openings", "materials")
OPENING_FIELDS = ("kind", "wall", "offset", "width", "height", "sill")
OBJECT_FIELDS = (
    "id", "category", "size", "position", "quaternion", "description", "support",
    "dynamic", "mass", "asset", "confidence", "source",
)
ASSET_FIELDS = ("library", "id", "scale")
PROVENANCE_FIELDS = ("prompt", "image", "models", "stages")


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- typed getters: each returns None (and records a problem) when the value is wrong ---
    def obj(self, value: Any, path: str, known: tuple[str, ...], required: tuple[str, ...] = ()) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, f"must be an object, got {_kind(value)}")
            return None
        for key in required:
            if key not in value:
                self.add(_join(path, key), "is required")
        for key in value:
            if key not in known:
                self.add(_join(path, key), f"unknown field (known fields: {', '.join(known)})")
        return value

    def number(self, value: Any, path: str, *, gt: float | None = None, ge: float | None = None,
               le: float | None = None) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"must be a number, got {_kind(value)}")
            return None
        if not math.isfinite(value):
            self.add(path, f"must be a finite number, got {value}")
            return None
        if gt is not None and not value > gt:
            self.add(path, f"must be > {_fmt(gt)}, got {_fmt(value)}")
            return None
        if ge is not None and not value >= ge:
            self.add(path, f"must be >= {_fmt(ge)}, got {_fmt(value)}")
            return None
        if le is not None and not value <= le:
            self.add(path, f"must be <= {_fmt(le)}, got {_fmt(value)}")
            return None
        return float(value)

    def integer(self, value: Any, path: str, *, ge: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"must be an integer, got {_kind(value)}")
            return None
        if ge is not None and value < ge:
            self.add(path, f"must be >= {ge}, got {value}")
            return None
        return value

    def string(self, value: Any, path: str, *, nonempty: bool = False) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"must be a string, got {_kind(value)}")
            return None
        if nonempty and not value.strip():
            self.add(path, "must not be empty")
            return None
        return value

    def vector(self, value: Any, path: str, lengths: tuple[int, ...],
               check: Callable[[Any, str], float | None]) -> list[float] | None:
        if not isinstance(value, list):
            self.add(path, f"must be a list of {_lengths(lengths)} numbers, got {_kind(value)}")
            return None
        if len(value) not in lengths:
            self.add(path, f"must have {_lengths(lengths)} numbers, got {len(value)}")
            return None
        out = [check(v, f"{path}[{i}]") for i, v in enumerate(value)]
        return None if any(v is None for v in out) else out


def validate_document(doc: Any) -> list[Problem]:
    """Every problem in a raw (parsed JSON) scene document; an empty list means valid."""
    rep = _Report()
    top = rep.obj(doc, "$", TOP_FIELDS, required=("schema", "version", "name", "room"))
    if top is None:
        return rep.problems
    if "schema" in top:
        schema = rep.string(top["schema"], "schema")
        if schema is not None and schema != SCHEMA_ID:
            rep.add("schema", f"must be {SCHEMA_ID!r}, got {schema!r}; is this a vipscene-sim scene?")
    if "version" in top:
        version = rep.integer(top["version"], "version", ge=1)
        if version is not None and version != SUPPORTED_VERSION:
            rep.add("version", f"version {version} is not supported by this reader (it reads version "
                    f"{SUPPORTED_VERSION}); upgrade vipscene-sim or re-export the scene")
    if "name" in top:
        rep.string(top["name"], "name", nonempty=True)
    if "seed" in top:
        seed = rep.integer(top["seed"], "seed", ge=0)
        if seed is not None and seed >= 2**63:
            rep.add("seed", "must be < 2**63")
    room_height = _check_room(rep, top["room"]) if "room" in top else None
    if "objects" in top:
        _check_objects(rep, top["objects"], room_height)
    if "provenance" in top:
        _check_provenance(rep, top["provenance"])
    return rep.problems


def _check_room(rep: _Report, value: Any) -> float | None:
    room = rep.obj(value, "room", ROOM_FIELDS, required=("floor",))
    if room is None:
        return None
    height = rep.number(room["height"], "room.height", gt=0, le=MAX_ROOM_HEIGHT) if "height" in room else 2.7
    if "wall_thickness" in room:
        rep.number(room["wall_thickness"], "room.wall_thickness", gt=0, le=2.0)
    floor = _check_floor(rep, room["floor"]) if "floor" in room else None
    if "openings" in room:
        _check_openings(rep, room["openings"], floor, height)
    if "materials" in room:
        mats = rep.obj(room["materials"], "room.materials", ("floor", "walls", "ceiling"))
        for key, mat in (mats or {}).items():
            if key in ("floor", "walls", "ceiling"):
                _check_material(rep, mat, f"room.materials.{key}")
    return height


def _check_floor(rep: _Report, value: Any) -> list[list[float]] | None:
    if not isinstance(value, list):
        rep.add("room.floor", f"must be a list of [x, y] points, got {_kind(value)}")
        return None
    if len(value) < 3:
        rep.add("room.floor", f"needs at least 3 points, got {len(value)}")
        return None
    pts = [rep.vector(p, f"room.floor[{i}]", (2,), lambda v, p: rep.number(v, p, ge=-MAX_COORDINATE, le=MAX_COORDINATE))
           for i, p in enumerate(value)]
    if any(p is None for p in pts):
        return None
    ok = True
    for i in range(len(pts)):
        a, b = pts[i], pts[(i + 1) % len(pts)]
        if math.dist(a, b) < 1e-6:
            rep.add(f"room.floor[{(i + 1) % len(pts)}]", f"repeats point {i}; remove the duplicate")
            ok = False
    if not ok:
        return None
    for i, j in self_intersections(pts):
        rep.add("room.floor", f"is self-intersecting: wall {i} crosses wall {j}")
        ok = False
    if not ok:
        return None
    area = signed_area(pts)
    if abs(area) < 1e-6:
        rep.add("room.floor", "has zero area")
        return None
    if area < 0:
        rep.add("room.floor", "runs clockwise; list the points counter-clockwise (seen from above)")
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    if extent > MAX_ROOM_EXTENT:
        rep.add("room.floor", f"spans {extent:.1f} m, more than {MAX_ROOM_EXTENT:.0f} m; are the units metres?")
    return pts


def _check_openings(rep: _Report, value: Any, floor: list[list[float]] | None, height: float | None) -> None:
    if not isinstance(value, list):
        rep.add("room.openings", f"must be a list, got {_kind(value)}")
        return
    lengths = wall_lengths(floor) if floor else None
    spans: dict[int, list[tuple[float, float, int]]] = {}
    for i, item in enumerate(value):
        path = f"room.openings[{i}]"
        o = rep.obj(item, path, OPENING_FIELDS, required=("kind", "wall", "offset", "width", "height"))
        if o is None:
            continue
        kind = o.get("kind")
        if "kind" in o and kind not in ("door", "window"):
            rep.add(f"{path}.kind", f"must be 'door' or 'window', got {kind!r}")
        wall = rep.integer(o["wall"], f"{path}.wall", ge=0) if "wall" in o else None
        if wall is not None and lengths is not None and wall >= len(lengths):
            rep.add(f"{path}.wall", f"is {wall} but the floor has only {len(lengths)} walls (0..{len(lengths) - 1})")
            wall = None
        offset = rep.number(o["offset"], f"{path}.offset", ge=0) if "offset" in o else None
        width = rep.number(o["width"], f"{path}.width", gt=0) if "width" in o else None
        oh = rep.number(o["height"], f"{path}.height", gt=0) if "height" in o else None
        sill = rep.number(o["sill"], f"{path}.sill", ge=0) if "sill" in o else 0.0
        if kind == "door" and sill:
            rep.add(f"{path}.sill", f"a door starts at the floor: sill must be 0, got {_fmt(sill)}")
        if None not in (oh, sill, height) and sill + oh > height + 1e-9:
            rep.add(f"{path}.height", f"sill + height = {_fmt(sill + oh)} m is above the ceiling ({_fmt(height)} m)")
        if wall is not None and lengths is not None and width is not None:
            length = lengths[wall]
            if width > length + 1e-9:
                rep.add(f"{path}.width", f"opening is wider ({_fmt(width)} m) than its wall {wall} ({_fmt(length)} m)")
            elif offset is not None and offset + width > length + 1e-9:
                rep.add(f"{path}.offset", f"opening runs past the end of wall {wall}: offset + width = "
                        f"{_fmt(offset + width)} m > wall length {_fmt(length)} m")
            elif offset is not None:
                for a, b, j in spans.get(wall, []):
                    if offset < b - 1e-9 and a < offset + width - 1e-9:
                        rep.add(path, f"overlaps room.openings[{j}] on wall {wall}")
                spans.setdefault(wall, []).append((offset, offset + width, i))


def _check_material(rep: _Report, value: Any, path: str) -> None:
    mat = rep.obj(value, path, ("color", "texture"), required=("color",))
    if mat is None:
        return
    if "color" in mat:
        rep.vector(mat["color"], f"{path}.color", (3, 4), lambda v, p: rep.number(v, p, ge=0, le=1))
    if mat.get("texture") is not None:
        rep.string(mat["texture"], f"{path}.texture", nonempty=True)


def _check_objects(rep: _Report, value: Any, room_height: float | None) -> None:
    if not isinstance(value, list):
        rep.add("objects", f"must be a list, got {_kind(value)}")
        return
    first_index: dict[str, int] = {}
    parents: dict[str, tuple[str, int]] = {}
    for i, item in enumerate(value):
        path = f"objects[{i}]"
        o = rep.obj(item, path, OBJECT_FIELDS, required=("id", "category", "size", "position"))
        if o is None:
            continue
        oid = rep.string(o["id"], f"{path}.id", nonempty=True) if "id" in o else None
        if oid is not None:
            if oid in first_index:
                rep.add(f"{path}.id", f"duplicate id {oid!r} (also objects[{first_index[oid]}])")
            else:
                first_index[oid] = i
        if "category" in o:
            rep.string(o["category"], f"{path}.category", nonempty=True)
        if "description" in o:
            rep.string(o["description"], f"{path}.description")
        if "size" in o:
            rep.vector(o["size"], f"{path}.size", (3,), lambda v, p: rep.number(v, p, gt=0, le=MAX_OBJECT_SIZE))
        if "position" in o:
            rep.vector(o["position"], f"{path}.position", (3,),
                       lambda v, p: rep.number(v, p, ge=-MAX_COORDINATE, le=MAX_COORDINATE))
        if "quaternion" in o:
            q = rep.vector(o["quaternion"], f"{path}.quaternion", (4,), rep.number)
            if q is not None and abs(math.sqrt(sum(c * c for c in q)) - 1.0) > QUAT_NORM_TOL:
                norm = math.sqrt(sum(c * c for c in q))
                rep.add(f"{path}.quaternion", f"must be a unit quaternion [w, x, y, z], norm is {norm:.4g}")
        if "support" in o:
            parent = _check_support(rep, o["support"], f"{path}.support")
            if parent is not None and oid is not None:
                parents[oid] = (parent, i)
        if "dynamic" in o and not isinstance(o["dynamic"], bool):
            rep.add(f"{path}.dynamic", f"must be true or false, got {_kind(o['dynamic'])}")
        if o.get("mass") is not None:
            rep.number(o["mass"], f"{path}.mass", gt=0, le=10000)
        if o.get("asset") is not None:
            a = rep.obj(o["asset"], f"{path}.asset", ASSET_FIELDS, required=("library", "id"))
            if a is not None:
                if "library" in a:
                    rep.string(a["library"], f"{path}.asset.library", nonempty=True)
                if "id" in a:
                    rep.string(a["id"], f"{path}.asset.id", nonempty=True)
                if "scale" in a:
                    rep.vector(a["scale"], f"{path}.asset.scale", (3,), lambda v, p: rep.number(v, p, gt=0, le=1000))
        if "confidence" in o:
            rep.number(o["confidence"], f"{path}.confidence", ge=0, le=1)
        if "source" in o:
            _check_json_object(rep, o["source"], f"{path}.source")
    _check_support_graph(rep, parents, first_index)


def _check_support(rep: _Report, value: Any, path: str) -> str | None:
    """Returns the parent id for an ``{"on": id}`` support."""
    if isinstance(value, str):
        if value not in ("floor", "wall", "ceiling"):
            rep.add(path, f"must be 'floor', 'wall', 'ceiling' or {{\"on\": <object id>}}, got {value!r}")
        return None
    s = rep.obj(value, path, ("on",), required=("on",))
    if s is None or "on" not in s:
        return None
    return rep.string(s["on"], f"{path}.on", nonempty=True)


def _check_support_graph(rep: _Report, parents: dict[str, tuple[str, int]], index: dict[str, int]) -> None:
    for oid, (parent, i) in parents.items():
        if parent == oid:
            rep.add(f"objects[{i}].support.on", f"object {oid!r} cannot stand on itself")
        elif parent not in index:
            rep.add(f"objects[{i}].support.on", f"refers to missing object {parent!r}")
    reported: set[str] = set()
    for start in parents:
        chain, node = [], start
        while node in parents and node not in chain:
            chain.append(node)
            node = parents[node][0]
            if node == start and len(chain) > 1 and not reported.intersection(chain):
                reported.update(chain)
                cycle = " -> ".join(chain + [start])
                rep.add(f"objects[{parents[start][1]}].support.on", f"support cycle: {cycle}")


def _check_provenance(rep: _Report, value: Any) -> None:
    p = rep.obj(value, "provenance", PROVENANCE_FIELDS)
    if p is None:
        return
    for key in ("prompt", "image"):
        if p.get(key) is not None:
            rep.string(p[key], f"provenance.{key}")
    if "models" in p:
        if not isinstance(p["models"], dict):
            rep.add("provenance.models", f"must be an object of name -> model id, got {_kind(p['models'])}")
        else:
            for k, v in p["models"].items():
                rep.string(v, _join("provenance.models", k))
    if "stages" in p:
        _check_json_object(rep, p["stages"], "provenance.stages")


def _check_json_object(rep: _Report, value: Any, path: str) -> None:
    """Free-form metadata: any JSON object, but numbers must be finite."""
    if not isinstance(value, dict):
        rep.add(path, f"must be an object, got {_kind(value)}")
        return
    _check_finite(rep, value, path)


def _check_finite(rep: _Report, value: Any, path: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        rep.add(path, f"must be a finite number, got {value}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_finite(rep, v, _join(path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_finite(rep, v, f"{path}[{i}]")


def _join(path: str, key: str) -> str:
    if path == "$":
        return key
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {_fmt(value)}"
    if isinstance(value, str):
        return "a string" if len(value) > 30 else f"the string {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _lengths(lengths: tuple[int, ...]) -> str:
    return " or ".join(str(n) for n in lengths)
