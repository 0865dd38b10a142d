"""Physical description of every object of a Scene: convex hulls (object frame, scaled) and mass
properties, from the assets' colliders, per rigid link: the carcass, and for an articulated
asset each moving link with its joint (scaled with the object) and position. Shared by settling
and the exporters."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import numpy as np

from assets.articulation import clamp_positions, link_transform, stopped
from assets.builder import PRISMATIC, Joint

from vipscene_sim.rules import is_free_body

from .colliders import ColliderResult, ColliderSettings, decompose_meshes, exact_parts
from .mass import MassProperties, box_mass_properties, mass_properties

GRAVITY = 9.81

Mesh = tuple[np.ndarray, np.ndarray]


@dataclass
class LinkBody:
    """A moving link of an articulated object: its joint (object frame, scaled), its position in
    the scene (radians or metres, within the limits), and its hulls and mass properties in the
    object frame with the link closed (position 0)."""

    joint: Joint
    position: float
    hulls: list[Mesh]
    mass: MassProperties
    hold_friction: float
    """the joint's dry friction (N m or N): the asset's, raised to 1.5x the largest gravity load
    over its range where gravity would otherwise move it (an open lid stays open)"""


@dataclass
class ObjectBody:
    id: str
    hulls: list[Mesh]
    """convex hulls of the carcass (everything that does not move) in the object frame (origin at
    the bbox centre, scaled), metres"""
    mass: MassProperties
    """of the carcass"""
    dynamic: bool
    collider: dict
    """how the hulls were made (method, reason, cached)"""
    links: list[LinkBody] = field(default_factory=list)
    """moving links, in the asset's joint order; empty for a rigid object"""
    notes: list[str] = field(default_factory=list)
    """joint positions the scene asked for that were clamped or unknown"""
    friction: float | None = None
    """the object's sliding friction coefficient (`SceneObject.friction`); None: each consumer's default"""



def _box(size) -> Mesh:
    import trimesh

    b = trimesh.creation.box(extents=np.maximum(np.asarray(size, float), 1e-3))
    return np.asarray(b.vertices, float), np.asarray(b.faces, np.int64)


def scene_bodies(scene, libraries, settings: ColliderSettings = ColliderSettings(),
                 cache_dir: str | os.PathLike | None = None, articulation: bool = True) -> dict[str, ObjectBody]:
    """Hulls and mass properties of every object; arbitrary meshes are decomposed (in parallel,
    cached) once per asset, not once per object, and an articulated one link by link.
    ``articulation`` False: every object one rigid body (what articulation costs is measured so)."""
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
        if not g.convex_parts and g.info.joints and articulation:
            for link in ["", *(j.name for j in g.info.joints)]:
                needed[f"{key}#{link}"] = g.merged([p for p in g.parts if p.link == link])
        elif not g.convex_parts and not g.collision_parts:
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
        elif g.info.joints and articulation and (g.convex_parts or f"{key}#" in decomposed):
            if g.convex_parts:
                groups = {link: exact_parts([(p.vertices * scale, p.faces) for p in g.parts if p.link == link], settings)
                          for link in ["", *(j.name for j in g.info.joints)]}
            else:
                groups = {link: decomposed[f"{key}#{link}"] for link in ["", *(j.name for j in g.info.joints)]}
                groups = {k: replace(r, hulls=[(v * scale, f) for v, f in r.hulls]) for k, r in groups.items()}
            out[obj.id] = replace(_articulated(obj, g, scale, groups), friction=obj.friction)
            continue
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
        out[obj.id] = ObjectBody(obj.id, hulls, mp, is_free_body(obj),
                                 res.summary(), friction=obj.friction)
    return out


def _volume(hulls: list[Mesh]) -> float:
    from .mass import _tetra_props

    return sum(max(_tetra_props(np.asarray(v, float), np.asarray(f, np.int64))[0], 0.0) for v, f in hulls)


def _articulated(obj, g, scale: np.ndarray, groups: dict[str, ColliderResult]) -> ObjectBody:
    """Carcass and links of an articulated asset from each link's colliders (scaled, by link
    name, "" the carcass): the object's mass is shared by volume, each joint scaled with it."""
    # a slide's travel stretches with the object; where the room stops a door, its range ends there
    joints = stopped([j.scaled(scale) for j in g.info.joints], obj.joint_stops)
    if obj.damping is not None:  # the scene's multiplier on the asset's joint damping
        joints = [replace(j, damping=j.damping * float(obj.damping)) for j in joints]
    positions, notes = clamp_positions(joints, obj.joints)
    volumes = {k: _volume(r.hulls) for k, r in groups.items()}
    total = sum(volumes.values()) or 1.0
    mass = float(obj.mass) if obj.mass else 1.0

    def props(key: str) -> MassProperties:
        m = max(mass * volumes[key] / total, 1e-3)
        try:
            return mass_properties(groups[key].hulls, m)
        except ValueError:
            return box_mass_properties(obj.size, m)

    links = []
    for js in joints:
        mp = props(js.name)
        links.append(LinkBody(js, positions[js.name], groups[js.name].hulls, mp, max(js.friction, _holding(js, mp))))
    carcass = props("")
    collider = groups[""].summary()
    collider["links"] = len(links)
    return ObjectBody(obj.id, groups[""].hulls, carcass, is_free_body(obj),
                      collider, links, notes)


def _holding(joint: Joint, mp: MassProperties, samples: int = 9) -> float:
    """1.5x the largest load gravity puts on a joint over its range (object upright): the
    torque of the link's weight about a hinge, or its weight along a slide."""
    w = mp.mass * GRAVITY
    if joint.kind == PRISMATIC:
        return 1.5 * w * abs(float(joint.axis[2]))
    worst = 0.0
    com = np.append(np.asarray(mp.com, float), 1.0)
    for q in np.linspace(joint.limits[0], joint.limits[1], samples):
        c = (link_transform(joint, float(q)) @ com)[:3]
        arm = c - np.asarray(joint.origin, float)
        torque = np.cross(arm, [0.0, 0.0, -w])
        worst = max(worst, abs(float(torque @ np.asarray(joint.axis, float))))
    return 1.5 * worst
