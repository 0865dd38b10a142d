"""The Scene: one JSON document and one dataclass tree that every stage passes on.

Units are metres, kilograms and radians; the world is right-handed with +Z up and the floor at
z = 0. An object's frame has its origin at the centre of its bounding box, +X its front and +Z
up; ``size`` is the box extent along the object's own X, Y, Z. Quaternions are [w, x, y, z].

Loading validates the whole document first (see `vipscene_sim.validate`) and raises a
`SceneError` listing every problem with its JSON path; saving is atomic.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .atomic import atomic_write_text
from .errors import Problem, SceneError, UserError
from .geometry.pose import pose_to_matrix, quat_to_yaw, yaw_to_quat
from .validate import SCHEMA_ID, SCHEMA_VERSION, validate_document

SupportKind = Literal["floor", "on", "wall", "ceiling"]
OpeningKind = Literal["door", "window"]


@dataclass
class Material:
    """Surface appearance: linear RGB or RGBA in [0, 1] and an optional texture path."""

    color: list[float]
    texture: str | None = None


def _default_materials() -> dict[str, Material]:
    return {
        "floor": Material([0.62, 0.50, 0.38]),
        "walls": Material([0.90, 0.89, 0.86]),
        "ceiling": Material([0.97, 0.97, 0.97]),
    }


@dataclass
class Materials:
    floor: Material = field(default_factory=lambda: _default_materials()["floor"])
    walls: Material = field(default_factory=lambda: _default_materials()["walls"])
    ceiling: Material = field(default_factory=lambda: _default_materials()["ceiling"])


@dataclass
class Opening:
    """A door or window cut into wall ``wall`` (from vertex ``wall`` to ``wall + 1``).

    ``offset`` is the distance along the wall from its start vertex to the opening's near edge;
    ``sill`` is the height of its bottom edge above the floor (0 for doors).
    """

    kind: OpeningKind
    wall: int
    offset: float
    width: float
    height: float
    sill: float = 0.0
    leaves: int = 1
    """A door's leaves: 1 sweeps the whole width, 2 (a double door) each half of it, 0 (an open
    doorway or a frame without a door) nothing. Written only when not 1."""


@dataclass
class Room:
    """The room shell: a counter-clockwise floor polygon at z = 0 extruded to ``height``."""

    floor: list[list[float]]
    height: float = 2.7
    wall_thickness: float = 0.12
    openings: list[Opening] = field(default_factory=list)
    materials: Materials = field(default_factory=Materials)


@dataclass
class Support:
    """What holds an object up: the floor, a wall, the ceiling, or another object (``on``)."""

    kind: SupportKind = "floor"
    on: str | None = None

    def to_json(self) -> Any:
        return {"on": self.on} if self.kind == "on" else self.kind

    @classmethod
    def from_json(cls, value: Any) -> Support:
        if isinstance(value, dict):
            return cls("on", value["on"])
        return cls(value)


@dataclass
class AssetRef:
    """The 3D asset chosen for an object: which library, which asset, and its per-axis scale."""

    library: str
    id: str
    scale: list[float] = field(default_factory=lambda: [1.0, 1.0, 1.0])


@dataclass
class SceneObject:
    """One object: an oriented box (size, pose) with a category and, after retrieval, an asset."""

    id: str
    category: str
    size: list[float]
    position: list[float]
    quaternion: list[float] = field(default_factory=lambda: [1.0, 0.0, 0.0, 0.0])
    description: str = ""
    support: Support = field(default_factory=Support)
    dynamic: bool = False
    mass: float | None = None
    asset: AssetRef | None = None
    confidence: float = 1.0
    source: dict[str, Any] = field(default_factory=dict)
    joints: dict[str, float] = field(default_factory=dict)
    """Position of each of the asset's joints by name (radians for a hinge, metres for a slide);
    a joint not named is closed (0). Out-of-range values are clamped by the physics stage, which
    reports it."""
    materials: dict[str, Material] = field(default_factory=dict)
    """The asset's surfaces restyled, by surface name (`assets.materials.Surface.name`: kind and
    colour, e.g. ``wood_8a5a3c``): each becomes this colour and material kind (``texture``) in
    every exporter. Empty: as the asset is."""
    friction: float | None = None
    """Sliding friction coefficient of the object's surfaces (None: the default, 0.8)."""
    damping: float | None = None
    """Multiplier on the damping of the object's joints (None: as the asset declares)."""
    joint_stops: dict[str, float] = field(default_factory=dict)
    """Where the room stops a joint short of its asset's full opening, by name (same units, the
    object's scale applied): a cupboard door beside a wall opens until the wall. Set by layout
    refinement (`layout.refine`); physics and every exporter use the narrowed range."""

    @property
    def yaw(self) -> float:
        """Heading of the object's front (+X) in the floor plane, radians."""
        return quat_to_yaw(self.quaternion)

    def set_yaw(self, yaw: float) -> None:
        self.quaternion = yaw_to_quat(yaw)

    def matrix(self) -> np.ndarray:
        """4x4 object-to-world transform."""
        return pose_to_matrix(self.position, self.quaternion)

    @property
    def bottom_z(self) -> float:
        """Lowest point of the (yaw-only) box; exact for upright objects."""
        return self.position[2] - 0.5 * self.size[2]

    @property
    def top_z(self) -> float:
        return self.position[2] + 0.5 * self.size[2]


@dataclass
class Light:
    """A point light: world position (m), colour temperature (kelvin) and brightness relative to
    the exporters' default ceiling light (1). A Scene without lights gets that default."""

    position: list[float]
    temperature: float = 4000.0
    intensity: float = 1.0


@dataclass
class Provenance:
    """How the scene was made: the prompt/image, model ids and versions, per-stage records."""

    prompt: str | None = None
    image: str | None = None
    models: dict[str, str] = field(default_factory=dict)
    stages: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scene:
    name: str
    room: Room
    objects: list[SceneObject] = field(default_factory=list)
    seed: int = 0
    lights: list[Light] = field(default_factory=list)
    """The room's lights; empty: each exporter's default lighting."""
    provenance: Provenance = field(default_factory=Provenance)
    schema: str = SCHEMA_ID
    version: int = SCHEMA_VERSION

    def support_order(self) -> list[SceneObject]:
        """Objects in scene order, except that every object comes after the one it stands on
        (stages that place or simulate children need their supports first)."""
        by_id = {o.id: o for o in self.objects}
        done: set[str] = set()
        out: list[SceneObject] = []

        def visit(o: SceneObject) -> None:
            if o.id in done:
                return
            done.add(o.id)
            if o.support.kind == "on" and o.support.on in by_id:
                visit(by_id[o.support.on])
            out.append(o)

        for o in self.objects:
            visit(o)
        return out

    def object(self, object_id: str) -> SceneObject:
        for obj in self.objects:
            if obj.id == object_id:
                return obj
        raise KeyError(object_id)

    # -- JSON ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict in canonical key order."""
        return {
            "schema": self.schema,
            "version": self.version,
            "name": self.name,
            "seed": self.seed,
            "room": _room_to_dict(self.room),
            "objects": [_object_to_dict(o) for o in self.objects],
            **({"lights": [{"position": _floats(li.position), "temperature": float(li.temperature),
                            "intensity": float(li.intensity)} for li in self.lights]} if self.lights else {}),
            "provenance": _plain(self.provenance),
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any], source: str = "<scene>") -> Scene:
        """Build a Scene from a JSON dict; raises SceneError listing every problem."""

        problems = validate_document(doc)
        if problems:
            raise SceneError(source, problems)
        return _scene_from_valid(doc)

    def to_json(self) -> str:
        """Canonical text: two-space indent, fixed key order, trailing newline."""
        return dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str, source: str = "<scene>") -> Scene:
        return cls.from_dict(parse_json(text, source), source)

    def save(self, path: str | os.PathLike) -> Path:
        """Write atomically: a crash mid-save leaves the previous file untouched."""
        return atomic_write_text(path, self.to_json())


def dumps(doc: Any) -> str:
    """Serialise JSON the way every vipscene file is written: two-space indent, lists of
    scalars (points, sizes, quaternions) on one line, NaN/inf refused. Same input, same bytes."""
    return _dump(doc, "") + "\n"


def _dump(value: Any, pad: str) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "[" + ", ".join(_dump(v, pad) for v in value) + "]"
        inner = pad + "  "
        return "[\n" + ",\n".join(inner + _dump(v, inner) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def parse_json(text: str, source: str) -> Any:
    """Parse JSON text; syntax errors and duplicate keys become a SceneError at path ``$``.

    NaN and Infinity literals are parsed to floats so validation can name where they are.
    """

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"duplicate key {key!r}")
            out[key] = value
        return out

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise SceneError(source, [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]) from None
    except ValueError as exc:
        raise SceneError(source, [Problem("$", f"not valid JSON: {exc}")]) from None
    except RecursionError:
        raise SceneError(source, [Problem("$", "not valid JSON: nested too deeply")]) from None


def load_scene(path: str | os.PathLike) -> Scene:
    """Read and validate a scene file; a missing or unreadable file is a UserError."""
    from .atomic import regular_file

    path = regular_file(Path(path), "scene JSON file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, expected a scene JSON file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SceneError(str(path), [Problem("$", "not UTF-8 text; expected a JSON scene file")]) from None
    return Scene.from_json(text, str(path))


# -- dict conversion helpers (input already validated) ------------------------------------------


def _plain(obj: Any) -> Any:
    """Dataclass tree -> JSON-ready dict, keeping field order."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


# Numbers are written as floats wherever the schema holds a real quantity, so a scene built in
# Python with integer literals serialises exactly like the same scene read back from disk.


def _room_to_dict(room: Room) -> dict[str, Any]:
    return {
        "floor": [_floats(p) for p in room.floor],
        "height": float(room.height),
        "wall_thickness": float(room.wall_thickness),
        "openings": [
            {"kind": o.kind, "wall": int(o.wall), "offset": float(o.offset), "width": float(o.width),
             "height": float(o.height), "sill": float(o.sill), **({"leaves": int(o.leaves)} if o.leaves != 1 else {})}
            for o in room.openings
        ],
        "materials": {
            k: _material_dict(m)
            for k, m in (("floor", room.materials.floor), ("walls", room.materials.walls),
                         ("ceiling", room.materials.ceiling))
        },
    }


def _object_to_dict(o: SceneObject) -> dict[str, Any]:
    return {
        "id": o.id,
        "category": o.category,
        "size": _floats(o.size),
        "position": _floats(o.position),
        "quaternion": _floats(o.quaternion),
        "description": o.description,
        "support": o.support.to_json(),
        "dynamic": bool(o.dynamic),
        "mass": None if o.mass is None else float(o.mass),
        "asset": None if o.asset is None else {
            "library": o.asset.library, "id": o.asset.id, "scale": _floats(o.asset.scale)},
        "confidence": float(o.confidence),
        "source": _plain(o.source),
        **({"joints": {str(k): float(v) for k, v in o.joints.items()}} if o.joints else {}),
        **({"materials": {str(k): _material_dict(m) for k, m in o.materials.items()}} if o.materials else {}),
        **({"friction": float(o.friction)} if o.friction is not None else {}),
        **({"damping": float(o.damping)} if o.damping is not None else {}),
        **({"joint_stops": {str(k): float(v) for k, v in o.joint_stops.items()}} if o.joint_stops else {}),
    }


def _material_dict(m: Material) -> dict[str, Any]:
    return {"color": _floats(m.color), "texture": m.texture}


def _floats(values: Any) -> list[float]:
    return [float(v) for v in values]


def _material(d: dict[str, Any] | None, default: Material) -> Material:
    if d is None:
        return default
    return Material(_floats(d["color"]), d.get("texture"))


def _scene_from_valid(doc: dict[str, Any]) -> Scene:
    r = doc["room"]
    defaults = _default_materials()
    m = r.get("materials") or {}
    room = Room(
        floor=[_floats(p) for p in r["floor"]],
        height=float(r.get("height", 2.7)),
        wall_thickness=float(r.get("wall_thickness", 0.12)),
        openings=[
            Opening(
                kind=o["kind"],
                wall=int(o["wall"]),
                offset=float(o["offset"]),
                width=float(o["width"]),
                height=float(o["height"]),
                sill=float(o.get("sill", 0.0)),
                leaves=int(o.get("leaves", 1)),
            )
            for o in r.get("openings", [])
        ],
        materials=Materials(**{k: _material(m.get(k), defaults[k]) for k in ("floor", "walls", "ceiling")}),
    )
    objects = []
    for o in doc.get("objects", []):
        asset = o.get("asset")
        objects.append(
            SceneObject(
                id=o["id"],
                category=o["category"],
                size=_floats(o["size"]),
                position=_floats(o["position"]),
                quaternion=_floats(o.get("quaternion", [1.0, 0.0, 0.0, 0.0])),
                description=o.get("description", ""),
                support=Support.from_json(o.get("support", "floor")),
                dynamic=bool(o.get("dynamic", False)),
                mass=None if o.get("mass") is None else float(o["mass"]),
                asset=None
                if asset is None
                else AssetRef(asset["library"], asset["id"], _floats(asset.get("scale", [1.0, 1.0, 1.0]))),
                confidence=float(o.get("confidence", 1.0)),
                source=dict(o.get("source", {})),
                joints={str(k): float(v) for k, v in (o.get("joints") or {}).items()},
                materials={str(k): _material(v, None) for k, v in (o.get("materials") or {}).items()},
                friction=None if o.get("friction") is None else float(o["friction"]),
                damping=None if o.get("damping") is None else float(o["damping"]),
                joint_stops={str(k): float(v) for k, v in (o.get("joint_stops") or {}).items()},
            )
        )
    p = doc.get("provenance") or {}
    return Scene(
        name=doc["name"],
        room=room,
        objects=objects,
        seed=int(doc.get("seed", 0)),
        lights=[Light(_floats(li["position"]), float(li.get("temperature", 4000.0)), float(li.get("intensity", 1.0)))
                for li in doc.get("lights") or []],
        provenance=Provenance(
            prompt=p.get("prompt"),
            image=p.get("image"),
            models=dict(p.get("models", {})),
            stages=dict(p.get("stages", {})),
        ),
        schema=doc["schema"],
        version=int(doc["version"]),
    )

