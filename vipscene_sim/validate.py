"""Validate a raw scene document and report *every* problem with its JSON path.

Structure is checked by the published JSON Schema (``vipscene_sim/schema/scene.schema.json``)
through jsonschema, its findings worded for people; on top of it come the checks a schema cannot
express: finite numbers, a simple counter-clockwise floor polygon in metres, openings that fit
their wall and do not overlap, unique object ids, ``on`` references that exist and form no cycle,
and unit quaternions.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import Problem
from .geometry.polygon import self_intersections, signed_area, wall_lengths

SCHEMA_ID = "vipscene-sim/scene"
SCHEMA_VERSION = 1
"""The scene format this reader reads (`scene.Scene` writes it); other major versions are refused."""
SUPPORTED_VERSION = SCHEMA_VERSION

# A room wider than this is almost certainly in the wrong units (metres); the schema bounds object
# sizes (20 m), room heights (20 m) and coordinates (1 km) the same way.
MAX_ROOM_EXTENT = 100.0
QUAT_NORM_TOL = 1e-3

class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))


def _schema() -> dict:
    return json.loads(resources.files("vipscene_sim").joinpath("schema/scene.schema.json").read_text())


@lru_cache(maxsize=1)
def _validator():
    """jsonschema's validator: lists every problem (used when the fast check fails)."""
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


@lru_cache(maxsize=1)
def _fast_check():
    """The same schema compiled to Python by fastjsonschema (8x faster on a 2,500-object scene): a
    valid document, the usual case, is accepted without jsonschema's walk. The schema uses only
    keywords that mean the same in draft 7, which fastjsonschema compiles (test_schema checks both
    agree)."""
    import fastjsonschema

    return fastjsonschema.compile({**_schema(), "$schema": "http://json-schema.org/draft-07/schema#"})


def schema_valid(doc: Any) -> bool:
    """Whether ``doc`` passes the published schema (structure only)."""
    from fastjsonschema import JsonSchemaValueException

    try:
        _fast_check()(doc)
    except JsonSchemaValueException:
        return False
    return True


def validate_document(doc: Any) -> list[Problem]:
    """Every problem in a raw (parsed JSON) scene document; an empty list means valid.

    First the published JSON Schema (through jsonschema: types, required and unknown fields,
    ranges), its findings worded for people; then what a schema cannot say, on the parts that
    passed it."""
    rep = _Report()
    if not isinstance(doc, dict):
        rep.add("$", f"must be an object, got {_kind(doc)}")
        return rep.problems
    bad = _schema_problems(rep, doc)
    room = doc.get("room")
    floor = height = None
    if isinstance(room, dict) and not _under(bad, "room.floor"):
        floor = _check_floor(rep, room["floor"]) if "floor" in room else None
    if isinstance(room, dict) and not _under(bad, "room.height"):
        height = room.get("height", 2.7)
    if isinstance(room, dict) and isinstance(room.get("openings"), list):
        _check_openings(rep, room["openings"], floor, height, bad)
    if isinstance(doc.get("objects"), list):
        _check_objects(rep, doc["objects"], bad)
    _check_strings(rep, doc, bad)
    return rep.problems


def _check_strings(rep: _Report, doc: dict, bad: set[str]) -> None:
    """Identifiers and free text that every exporter can write (`rules.identifier_problem`)."""
    from .rules import identifier_problem, text_problem

    def check(path: str, value, rule) -> None:
        if isinstance(value, str) and not _under(bad, path):
            problem = rule(value)
            if problem:
                rep.add(path, problem)

    check("name", doc.get("name"), identifier_problem)
    for i, o in enumerate(doc.get("objects") or []):
        if not isinstance(o, dict):
            continue
        for key in ("id", "category"):
            check(f"objects[{i}].{key}", o.get(key), identifier_problem)
        check(f"objects[{i}].description", o.get("description"), text_problem)
        support = o.get("support")
        if isinstance(support, dict):
            check(f"objects[{i}].support.on", support.get("on"), identifier_problem)
        asset = o.get("asset")
        if isinstance(asset, dict):
            for key in ("library", "id"):
                check(f"objects[{i}].asset.{key}", asset.get(key), identifier_problem)


def _under(bad: set[str], path: str) -> bool:
    """True when the schema found a problem at ``path`` or inside it."""
    return any(b == path or b.startswith(path + ".") or b.startswith(path + "[") for b in bad)


def _schema_problems(rep: _Report, doc: dict) -> set[str]:
    """The schema's findings, one per place, in our words; returns the paths they are at.
    Non-finite numbers (which JSON Schema cannot reject) are found first and mask the range
    errors they cause."""
    seen: set[tuple[str, str]] = set()
    try:
        json.dumps(doc, allow_nan=False)  # the C encoder finds a NaN or infinity at once; then say where
    except (ValueError, TypeError):
        _check_finite(rep, doc, "$")
    nonfinite = {p.path for p in rep.problems}
    in_order = lambda e: [(0, x, "") if isinstance(x, int) else (1, 0, str(x)) for x in e.absolute_path]  # noqa: E731
    errors = [] if schema_valid(doc) else _validator().iter_errors(doc)
    for error in sorted(errors, key=in_order):
        for path, message in _words(error):
            if path in nonfinite or (path, message) in seen:
                continue
            seen.add((path, message))
            rep.add(path, message)
    return {p.path for p in rep.problems}


def _words(error) -> list[tuple[str, str]]:
    """(path, message) pairs for one jsonschema error, phrased as a person would fix it."""
    path = _path(error.absolute_path)
    value, schema, kind = error.instance, error.schema, error.validator
    if kind == "required":
        return [(_join(path, k), "is required") for k in error.validator_value
                if isinstance(value, dict) and k not in value]
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        return [(_join(path, k), f"unknown field (known fields: {', '.join(known)})")
                for k in value if k not in known]
    if kind == "type":
        return [(path, f"must be {_expected(schema)}, got {_kind(value)}")]
    if kind in ("minItems", "maxItems"):
        what = "points" if path == "room.floor" else "numbers"
        lo, hi = schema.get("minItems"), schema.get("maxItems")
        if lo == hi:
            return [(path, f"must have {lo} {what}, got {len(value)}")]
        if kind == "minItems":
            return [(path, f"needs at least {lo} {what}, got {len(value)}")]
        return [(path, f"must have at most {hi} {what}, got {len(value)}")]
    limits = {"exclusiveMinimum": ">", "minimum": ">=", "maximum": "<=", "exclusiveMaximum": "<"}
    if kind in limits:
        return [(path, f"must be {limits[kind]} {_fmt(error.validator_value)}, got {_fmt(value)}")]
    if kind == "minLength":
        return [(path, "must not be empty")]
    if kind == "const":
        if path == "version" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return [(path, f"version {value} is not supported by this reader (it reads version "
                           f"{SUPPORTED_VERSION}); upgrade vipscene-sim or re-export the scene")]
        if path == "version":
            return [(path, f"must be {SUPPORTED_VERSION}, got {_kind(value)}")]
        return [(path, f"must be {error.validator_value!r}, got {_kind(value)}; is this a vipscene-sim scene?")]
    if kind == "enum":
        options = " or ".join(repr(v) for v in error.validator_value)
        return [(path, f"must be {options}, got {value!r}")]
    if kind in ("oneOf", "anyOf"):
        if path.endswith(".support"):
            if isinstance(value, dict):  # the {"on": id} form: report what is wrong inside it
                inner = [w for sub in error.context if sub.validator != "enum" for w in _words(sub)]
                if inner:
                    return inner
            return [(path, f"must be 'floor', 'wall', 'ceiling' or {{\"on\": <object id>}}, got {_kind(value)}")]
        inner = [w for sub in error.context if sub.validator != "type" for w in _words(sub)]
        return inner or [(path, f"must be {' or '.join(_expected(s) for s in schema[kind])}, got {_kind(value)}")]
    return [(path, error.message)]


def _expected(schema: dict) -> str:
    """How to name what a (sub)schema accepts: 'a number', 'a list of 3 numbers', 'true or false'."""
    if "enum" in schema:
        return " or ".join(repr(v) for v in schema["enum"])
    types = schema.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    names = []
    for t in types:
        if t == "array":
            lo, hi = schema.get("minItems"), schema.get("maxItems")
            item = (schema.get("items") or {}).get("type")
            if item == "array":
                names.append("a list of [x, y] points")
            elif lo is not None and lo == hi:
                names.append(f"a list of {lo} numbers")
            elif lo is not None and hi is not None:
                names.append(f"a list of {lo} or {hi} numbers" if hi == lo + 1 else f"a list of {lo} to {hi} numbers")
            else:
                names.append("a list")
        else:
            names.append({"number": "a number", "integer": "an integer", "string": "a string", "object": "an object",
                          "boolean": "true or false", "null": "null"}.get(t, t))
    return " or ".join(names) or "valid"


def _path(parts) -> str:
    out = "$"
    for p in parts:
        out = f"{out}[{p}]" if isinstance(p, int) else _join(out, p)
    return out


def _check_floor(rep: _Report, pts: list) -> list | None:
    """A floor the schema accepted (at least 3 finite [x, y] points): simple, counter-clockwise,
    not zero, in metres."""
    for i in range(len(pts)):
        if math.dist(pts[i], pts[(i + 1) % len(pts)]) < 1e-6:
            rep.add(f"room.floor[{(i + 1) % len(pts)}]", f"repeats point {i}; remove the duplicate")
            return None
    crossings = self_intersections(pts)
    for i, j in crossings:
        rep.add("room.floor", f"is self-intersecting: wall {i} crosses wall {j}")
    if crossings:
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


def _check_openings(rep: _Report, openings: list, floor: list | None, height: float | None, bad: set[str]) -> None:
    """Openings within their wall, below the ceiling, doors on the floor, no two overlapping."""
    lengths = wall_lengths(floor) if floor else None
    spans: dict[int, list[tuple[float, float, int]]] = {}
    for i, o in enumerate(openings):
        path = f"room.openings[{i}]"
        if _under(bad, path):
            continue
        wall, offset, width, oh, sill = o["wall"], o["offset"], o["width"], o["height"], o.get("sill", 0.0)
        if lengths is not None and wall >= len(lengths):
            rep.add(f"{path}.wall", f"is {wall} but the floor has only {len(lengths)} walls (0..{len(lengths) - 1})")
            continue
        if o["kind"] == "door" and sill:
            rep.add(f"{path}.sill", f"a door starts at the floor: sill must be 0, got {_fmt(sill)}")
        if height is not None and sill + oh > height + 1e-9:
            rep.add(f"{path}.height", f"sill + height = {_fmt(sill + oh)} m is above the ceiling ({_fmt(height)} m)")
        if lengths is None:
            continue
        length = lengths[wall]
        if width > length + 1e-9:
            rep.add(f"{path}.width", f"opening is wider ({_fmt(width)} m) than its wall {wall} ({_fmt(length)} m)")
        elif offset + width > length + 1e-9:
            rep.add(f"{path}.offset", f"opening runs past the end of wall {wall}: offset + width = "
                    f"{_fmt(offset + width)} m > wall length {_fmt(length)} m")
        else:
            for a, b, j in spans.get(wall, []):
                if offset < b - 1e-9 and a < offset + width - 1e-9:
                    rep.add(path, f"overlaps room.openings[{j}] on wall {wall}")
            spans.setdefault(wall, []).append((offset, offset + width, i))


def _check_objects(rep: _Report, objects: list, bad: set[str]) -> None:
    """Unique ids, unit quaternions, supports that exist and form no cycle."""
    first_index: dict[str, int] = {}
    parents: dict[str, tuple[str, int]] = {}
    for i, o in enumerate(objects):
        path = f"objects[{i}]"
        if not isinstance(o, dict):
            continue
        oid = o.get("id") if not _under(bad, f"{path}.id") else None
        if oid is not None:
            if oid in first_index:
                rep.add(f"{path}.id", f"duplicate id {oid!r} (also objects[{first_index[oid]}])")
            else:
                first_index[oid] = i
        q = o.get("quaternion")
        if q is not None and not _under(bad, f"{path}.quaternion"):
            norm = math.sqrt(sum(c * c for c in q))
            if abs(norm - 1.0) > QUAT_NORM_TOL:
                rep.add(f"{path}.quaternion", f"must be a unit quaternion [w, x, y, z], norm is {norm:.4g}")
        support = o.get("support")
        if isinstance(support, dict) and oid is not None and not _under(bad, f"{path}.support"):
            parents[oid] = (support["on"], i)
    _check_support_graph(rep, parents, first_index)


def _check_support_graph(rep: _Report, parents: dict[str, tuple[str, int]], index: dict[str, int]) -> None:
    for oid, (parent, i) in parents.items():
        if parent == oid:
            rep.add(f"objects[{i}].support.on", f"object {oid!r} cannot stand on itself")
        elif parent not in index:
            rep.add(f"objects[{i}].support.on", f"refers to missing object {parent!r}")
    # Each object has at most one support, so the supports form a functional graph: one walk from
    # every object, never revisiting one already walked, finds every cycle in linear time.
    done: set[str] = set()
    for start in parents:
        path: dict[str, int] = {}  # objects on this walk -> their position in it
        node = start
        while node in parents and node not in done and node not in path:
            path[node] = len(path)
            node = parents[node][0]
        if node in path and node != parents[node][0]:  # the walk came back: a cycle (self-support reported above)
            chain = list(path)[path[node]:]
            shown = chain if len(chain) <= 8 else chain[:4] + ["..."] + chain[-2:]
            cycle = " -> ".join(shown + [node]) + (f" ({len(chain)} objects)" if len(chain) > 8 else "")
            rep.add(f"objects[{parents[chain[0]][1]}].support.on", f"support cycle: {cycle}")
        done.update(path)


def _check_finite(rep: _Report, value: Any, path: str) -> None:
    """JSON Schema cannot reject NaN and infinity: every number anywhere must be finite."""
    if isinstance(value, float) and not math.isfinite(value):
        rep.add(path, f"must be a finite number, got {value}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_finite(rep, v, _join(path, k) if isinstance(k, str) else f"{path}[{k!r}]")
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
