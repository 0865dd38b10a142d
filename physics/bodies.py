"""Physical description of every object of a Scene: convex hulls (object frame, scaled) and mass
properties, from the assets' colliders. Shared by settling and the exporters."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .colliders import ColliderResult, ColliderSettings, decompose_meshes, exact_parts
from .mass import MassProperties, box_mass_properties, mass_properties

Mesh = tuple[np.ndarray, np.ndarray]


@dataclass
class ObjectBody:
    id: str
    hulls: list[Mesh]
    """convex hulls in the object frame (origin at the bbox centre, scaled), metres"""
    mass: MassProperties
    dynamic: bool
    collider: dict
    """how the hulls were made (method, reason, cached)"""


def _box(size) -> Mesh:
    import trimesh

    b = trimesh.creation.box(extents=np.maximum(np.asarray(size, float), 1e-3))
    return np.asarray(b.vertices, float), np.asarray(b.faces, np.int64)


def scene_bodies(scene, libraries, settings: ColliderSettings = ColliderSettings(),
                 cache_dir: str | os.PathLike | None = None) -> dict[str, ObjectBody]:
    """Hulls and mass properties of every object; arbitrary meshes are decomposed (in parallel,
    cached) once per asset, not once per object."""
    needed: dict[str, Mesh] = {}
    geoms = {}
    for obj in scene.objects:
        if obj.asset is None:
            continue
        key = f"{obj.asset.library}/{obj.asset.id}"
        if key in geoms:
            continue
        g = geoms[key] = libraries.resolve(obj.asset)
        if g is None:
            continue
        if not g.convex_parts and not g.collision_parts:
            needed[key] = g.merged()
    decomposed = decompose_meshes(needed, settings, cache_dir) if needed else {}
    out: dict[str, ObjectBody] = {}
    for obj in scene.objects:
        scale = np.asarray(obj.asset.scale if obj.asset else [1.0, 1.0, 1.0], float)
        key = f"{obj.asset.library}/{obj.asset.id}" if obj.asset else None
        g = geoms.get(key)
        if key is None or g is None:
            res = ColliderResult([_box(obj.size)], "box", "no asset" if key is None else
                                 f"asset unavailable ({libraries.failures.get(key, 'unknown')})")
            scale = np.ones(3)
        elif g.convex_parts:
            res = exact_parts([(p.vertices, p.faces) for p in g.parts], settings)
        elif g.collision_parts:
            res = exact_parts([(p.vertices, p.faces) for p in g.collision_parts], settings)
            res.reason = "colliders shipped with the asset"
        else:
            res = decomposed[key]
        hulls = [(v * scale, f) for v, f in res.hulls]
        mass = float(obj.mass) if obj.mass else 1.0
        try:
            mp = mass_properties(hulls, mass)
        except ValueError:
            mp = box_mass_properties(obj.size, mass)
        out[obj.id] = ObjectBody(obj.id, hulls, mp, bool(obj.dynamic) and obj.support.kind in ("floor", "on"),
                                 res.summary())
    return out
