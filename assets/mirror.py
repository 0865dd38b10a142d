"""Handed twins: an asset reflected through its XZ plane (Y -> -Y), so a door hinged on the left
is hinged on the right.

A kitchen fitter chooses which side a cupboard door hangs on from the room: the end door of a run
in a corner is hinged at the wall, so it opens away from it. Built-in assets are modelled one way;
layout refinement swaps an object's asset for its twin when that clears an opening a wall or a
neighbour blocks. Only assets with a side hinge that the reflection moves have a twin (a pair of
doors meeting in the middle, drawers and lids are their own mirror image).

Reflection is improper, so triangles are re-wound (outward normals stay outward) and a hinge's
axis flips as well as reflects (R(a, q) reflected is R(-M a, q)): positive motion still opens.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .builder import REVOLUTE, Joint, Receptacle

SUFFIX = "_mirrored"
"""An asset id's twin is the id with this suffix (and back)."""

_M = np.array([1.0, -1.0, 1.0])


def twin_id(asset_id: str) -> str:
    """The id of ``asset_id``'s handed twin (either way round)."""
    return asset_id[: -len(SUFFIX)] if asset_id.endswith(SUFFIX) else asset_id + SUFFIX


def mirrored_joint(j: Joint) -> Joint:
    axis = np.asarray(j.axis, float) * _M
    if j.kind == REVOLUTE:
        axis = -axis
    return replace(j, axis=tuple(float(v) + 0.0 for v in axis), origin=tuple(float(v) + 0.0 for v in np.asarray(j.origin) * _M))


def mirrored_receptacle(r: Receptacle) -> Receptacle:
    return replace(r, y=(-r.y[1] + 0.0, -r.y[0] + 0.0))


def mirrored_mesh(m):
    """A part or visual mesh (anything with ``vertices`` and ``faces``) reflected, faces re-wound."""
    return replace(m, vertices=np.asarray(m.vertices) * _M, faces=np.ascontiguousarray(np.asarray(m.faces)[:, ::-1]))


def has_twin(joints) -> bool:
    """Whether reflecting changes how the asset opens: some side hinge (vertical axis) whose mirror
    image is not already one of its joints."""
    def key(j: Joint) -> tuple:
        return tuple(round(v, 4) + 0.0 for v in (*j.axis, *j.origin))

    own = {key(j) for j in joints if j.kind == REVOLUTE}
    return any(j.kind == REVOLUTE and abs(j.axis[2]) > 0.9 and key(mirrored_joint(j)) not in own for j in joints)


def mirrored_info(info):
    """The catalog entry of an asset's twin (`assets.library.AssetInfo`)."""
    return replace(info, id=twin_id(info.id), variant=info.variant + SUFFIX,
                   description=f"{info.description} (hinged on the other side)",
                   joints=tuple(mirrored_joint(j) for j in info.joints),
                   receptacles=tuple(mirrored_receptacle(r) for r in info.receptacles))


def mirrored_geometry(g):
    """An `assets.library.AssetGeometry` reflected, with its info made the twin's."""
    collision = None if g.collision_parts is None else [mirrored_mesh(p) for p in g.collision_parts]
    return replace(g, info=mirrored_info(g.info), parts=[mirrored_mesh(p) for p in g.parts], textures=dict(g.textures),
                   collision_parts=collision, visuals=[mirrored_mesh(m) for m in g.visuals])

