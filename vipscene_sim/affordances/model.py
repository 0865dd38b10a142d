"""The affordances document (``OUT/affordances.json``): what a robot can grasp, where it can put
things, what it can open and where it can stand, for one settled scene.

World frame of the scene (metres, radians, +Z up); directions are unit vectors. Versioned like
the Scene: ``schema`` names the format, ``version`` its major version, and a reader refuses
other major versions (`load_affordances`).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import UserError

SCHEMA_ID = "vipscene-sim/affordances"
SCHEMA_VERSION = 1
FILE = "affordances.json"


@dataclass(frozen=True)
class Approach:
    """One way a parallel gripper can close on an object: moving along ``direction`` (towards
    the object: [0, 0, -1] from above) onto ``point`` and closing along ``closing``."""

    kind: str
    """"top" (from above) or "side" (horizontal)"""
    direction: list[float]
    point: list[float]
    closing: list[float]


@dataclass(frozen=True)
class Graspable:
    id: str
    category: str
    width: float
    """narrowest horizontal width of the object (m): what the gripper spans"""
    height: float
    mass: float
    support: str
    """"floor", "wall", "ceiling" or the id of the object it stands on"""
    approaches: list[Approach]
    """the approaches whose gripper and pre-grasp corridor are free of every other object"""


@dataclass(frozen=True)
class Receptacle:
    id: str
    """the object the surface belongs to"""
    surface: str
    """the asset's name for the surface ("top", "shelf_1"), or "top" for the box top of an
    object the scene puts things on"""
    height: float
    """world height of the surface (m)"""
    clearance: float
    """free height above the surface (m): to the next surface, object or ceiling above"""
    outline: list[list[float]]
    """the whole surface in plan ([[x, y], ...], counter-clockwise)"""
    area: float
    """surface area (m²)"""
    free_area: float
    """part of it nothing stands on or reaches into (m²)"""
    free_polygons: list[list[list[list[float]]]]
    """the free part as plan polygons, largest first, each ``[outer, *holes]`` with rings
    ``[[x, y], ...]`` (outer counter-clockwise)"""
    place_at: list[float] | None
    """centre of the largest free circle on the surface ([x, y, z], z the surface height)"""
    place_radius: float
    """its radius (m): an object of smaller half-width placed at ``place_at`` stands clear"""
    holds: list[str]
    """ids of the objects standing on it"""

    def free_region(self):
        """The free area as one shapely geometry (None when nothing is free)."""
        if not self.free_polygons:
            return None
        import shapely
        from shapely.geometry import Polygon

        return shapely.union_all([Polygon(p[0], p[1:]) for p in self.free_polygons])


@dataclass(frozen=True)
class Openable:
    id: str
    joint: str
    """the asset's joint name"""
    mjcf_joint: str
    """the joint's name in mjcf/scene.xml"""
    kind: str
    """"revolute" or "prismatic\""""
    limits: list[float]
    position: float
    handle: list[float]
    """where to pull (world, at the joint's scene position): the handle's centre, or the point
    of the moving part farthest from the hinge when the asset has no handle part"""
    handle_part: str | None
    pull: list[float]
    """direction the handle moves as the joint opens (unit, world)"""


@dataclass(frozen=True)
class BasePose:
    """A floor pose for a round mobile robot: centre ``position`` (z = 0), heading ``yaw``
    (its +X, the front, facing the first target), free of every object for the footprint
    radius and on floor connected to a door."""

    position: list[float]
    yaw: float
    targets: list[str]
    """what is within reach from here: ``grasp:<id>`` (a graspable object's centre),
    ``open:<id>/<joint>`` (a handle), ``place:<id>/<surface>`` (some point of a receptacle's free
    area where a ``min_free_radius`` object fits)"""


@dataclass(frozen=True)
class ArmMount:
    """Where a fixed-base arm can be mounted to work on a surface: ``kind`` "floor" (on the
    floor beside the surface, a pedestal or stand) or "counter" (on the surface itself, near its
    edge); ``position`` is the base's centre at the mounting height, ``yaw`` faces the surface."""

    kind: str
    surface: str
    """``<id>/<surface>``"""
    position: list[float]
    yaw: float
    surface_height: float
    targets: list[str]


@dataclass(frozen=True)
class Affordances:
    scene: str
    settings: dict
    graspable: list[Graspable] = field(default_factory=list)
    receptacles: list[Receptacle] = field(default_factory=list)
    openable: list[Openable] = field(default_factory=list)
    base_poses: list[BasePose] = field(default_factory=list)
    arm_mounts: list[ArmMount] = field(default_factory=list)
    out_of_reach: list[str] = field(default_factory=list)
    """targets (names as in `BasePose.targets`) no base pose reaches; graspable objects among them
    are left out of ``graspable``"""
    notes: list[str] = field(default_factory=list)
    """what could not be computed and why (no door: poses on the largest free region, ...)"""

    def to_dict(self) -> dict:
        return {"schema": SCHEMA_ID, "version": SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, d: dict) -> Affordances:
        return cls(d["scene"], d["settings"],
                   [Graspable(**{**g, "approaches": [Approach(**a) for a in g["approaches"]]}) for g in d["graspable"]],
                   [Receptacle(**r) for r in d["receptacles"]], [Openable(**o) for o in d["openable"]],
                   [BasePose(**p) for p in d["base_poses"]], [ArmMount(**m) for m in d["arm_mounts"]],
                   list(d.get("out_of_reach", [])), list(d.get("notes", [])))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(resources.files("vipscene_sim").joinpath("schema/affordances.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def problems(doc) -> list[str]:
    """Every way ``doc`` differs from the published schema, one line each (empty: valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}" for e in _validator().iter_errors(doc)]


def load_affordances(path: str | os.PathLike) -> Affordances:
    """Read an affordances file; a missing, unreadable or invalid one, or another major
    version, is a UserError naming the file."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text())
    except FileNotFoundError:
        raise UserError(f"{path}: no such file (affordances are written by 'vipscene build')") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: not a readable affordances file ({exc})") from None
    if isinstance(doc, dict) and doc.get("schema") == SCHEMA_ID and doc.get("version") != SCHEMA_VERSION:
        raise UserError(f"{path}: affordances version {doc.get('version')!r}; this vipscene-sim reads version "
                        f"{SCHEMA_VERSION} (rebuild the scene)")
    bad = problems(doc)
    if bad:
        raise UserError(f"{path}: not a valid affordances file ({bad[0]})")
    return Affordances.from_dict(doc)
