"""The physics stage: colliders for every object, then settling, as one call for `build` and
`vipscene settle`."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from vipscene_sim.rules import FLOOR_COVERING_HEIGHT, floor_coverings

from .bodies import scene_bodies
from .colliders import ColliderSettings
from .settle import SettleSettings, settle_scene


@dataclass(frozen=True)
class PhysicsSettings:
    colliders: ColliderSettings = field(default_factory=ColliderSettings)
    settle: SettleSettings = field(default_factory=SettleSettings)
    flat_height: float = FLOOR_COVERING_HEIGHT
    """Floor objects thinner than this (rugs, mats) are floor coverings: no collider, not simulated."""
    articulation: bool = True
    """Doors, drawers and lids as jointed links; False: every object one rigid body."""


def physical_bodies(scene, libraries, settings: PhysicsSettings = PhysicsSettings(),
                    cache_dir: str | os.PathLike | None = None) -> dict:
    """`ObjectBody` per object as every exporter needs it: floor coverings have no hulls."""
    bodies = scene_bodies(scene, libraries, settings.colliders, cache_dir, settings.articulation)
    for oid in floor_coverings(scene, settings.flat_height):
        bodies[oid].hulls, bodies[oid].dynamic = [], False
    return bodies


def simulate(scene, libraries, settings: PhysicsSettings = PhysicsSettings(),
             cache_dir: str | os.PathLike | None = None, bodies: dict | None = None
             ) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """Returns (settled scene, colliders report, settle report). ``bodies``: the scene's
    `physical_bodies` when the caller has them already (object-frame hulls and mass do not change
    when the poses do, so build computes them once for settling and every exporter)."""
    t0 = time.perf_counter()
    coverings = floor_coverings(scene, settings.flat_height)
    solid = type(scene)(**{**scene.__dict__, "objects": [o for o in scene.objects if o.id not in coverings]})
    if bodies is None:
        bodies = scene_bodies(solid, libraries, settings.colliders, cache_dir, settings.articulation)
    else:
        bodies = {o.id: bodies[o.id] for o in solid.objects}
    colliders = {
        "seconds": round(time.perf_counter() - t0, 3),
        "objects": {oid: {**b.collider, "mass": round(b.mass.mass, 4), "com": [round(c, 5) for c in b.mass.com],
                          **({"joint_notes": b.notes} if b.notes else {})}
                    for oid, b in sorted(bodies.items())},
        "floor_coverings": sorted(coverings),
        "joint_notes": [f"{oid}: {n}" for oid, b in sorted(bodies.items()) for n in b.notes],
    }
    settled, report = settle_scene(solid, bodies, settings.settle)
    poses = {o.id: o for o in settled.objects}
    objects = [poses.get(o.id, o) for o in scene.objects]
    return type(scene)(**{**scene.__dict__, "objects": objects}), colliders, report
