"""All affordances of a settled scene in one call (`vipscene build` writes them to
``OUT/affordances.json``)."""

from __future__ import annotations

import numpy as np

from ..rules import FLOOR_COVERING_HEIGHT, floor_coverings, is_free_body
from .grasp import graspables
from .handles import openables
from .model import Affordances, Graspable, Openable, Receptacle
from .poses import Target, arm_mounts, base_poses
from .settings import AffordanceSettings
from .surfaces import receptacles


def targets_of(graspable: list[Graspable], recs: list[Receptacle], opens: list[Openable], scene,
               min_radius: float) -> list[Target]:
    """What a robot reaches for: each graspable object's centre, each handle, and each
    receptacle's free area where a ``min_free_radius`` object fits (full ones are no target)."""
    pos = {o.id: np.asarray(o.position, float) for o in scene.objects}
    out = [Target(f"grasp:{g.id}", pos[g.id]) for g in graspable]
    out += [Target(f"open:{o.id}/{o.joint}", np.asarray(o.handle, float)) for o in opens]
    for r in recs:
        if r.place_at is None:
            continue
        free = r.free_region()
        spots = free.buffer(-min_radius)
        out.append(Target(f"place:{r.id}/{r.surface}", np.asarray(r.place_at, float),
                          spots if not spots.is_empty else free))
    return out


def compute_affordances(scene, libraries, bodies, settings: AffordanceSettings = AffordanceSettings()) -> Affordances:
    """Graspables, receptacles, openables, base poses and arm mounts of ``scene`` (settled, with
    ``bodies`` its `physics.stage.physical_bodies`)."""
    from exporters.mjcf import body_names

    from ..evaluate.scene_metrics import floor_blockers, object_geometry
    from ..geometry.collision import CollisionWorld

    skip = floor_coverings(scene)
    geo = object_geometry(scene, libraries)
    with CollisionWorld() as world:
        for o in scene.objects:
            if o.id not in skip:
                world.add(o.id, geo[o.id].hulls, o.position, o.quaternion)
        grasp = graspables(scene, {k: v for k, v in geo.items() if k not in skip}, bodies, world, settings)
    recs = receptacles(scene, geo, libraries, settings, skip)
    opens = openables(scene, bodies, libraries, body_names(scene))
    blockers = list(floor_blockers(scene, geo, FLOOR_COVERING_HEIGHT).values())
    targets = targets_of(grasp, recs, opens, scene, settings.min_free_radius)
    poses, unreached, notes = base_poses(scene, blockers, targets, settings)
    far = set(unreached)
    static = {o.id for o in scene.objects if not is_free_body(o)}
    mounts = arm_mounts(scene, blockers, recs, targets, static, settings)
    return Affordances(scene.name, settings.to_dict(), [g for g in grasp if f"grasp:{g.id}" not in far], recs, opens, poses,
                       mounts, unreached, notes)

