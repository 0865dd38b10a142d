"""Openable joints of articulated furniture: where the handle is and which way to pull it.

The handle is the moving link's part named like one (``handle``, ``knob``, ``pull``); without
one, the point of the link farthest from a hinge's axis (the free edge of a door), or the
centre of a drawer's front. The pull direction is the handle's velocity as the joint opens: a
slide's axis, or ``axis x (handle - origin)`` for a hinge. World frame, at the joint's scene
position."""

from __future__ import annotations

import numpy as np

from assets.articulation import link_transform
from assets.builder import PRISMATIC

from ..geometry.pose import quat_to_matrix
from .model import Openable

HANDLE_WORDS = ("handle", "knob", "pull")


def openables(scene, bodies, libraries, mjcf_names: dict[str, str]) -> list[Openable]:
    """One entry per joint of every articulated object. ``mjcf_names``: object id -> MJCF body
    name (`exporters.mjcf.body_names`)."""
    from exporters.mjcf import joint_name

    out = []
    for o in scene.objects:
        b = bodies.get(o.id)
        if b is None or not b.links or o.asset is None:
            continue
        g = libraries.resolve(o.asset)
        if g is None:
            continue
        scale = np.asarray(o.asset.scale, float)
        r, p = quat_to_matrix(o.quaternion), np.asarray(o.position, float)
        for link in b.links:
            j = link.joint
            parts = [q for q in g.parts if q.link == j.name]
            if not parts:
                continue
            t = link_transform(j, link.position)
            handles = [q for q in parts if any(w in q.name.lower() for w in HANDLE_WORDS)]
            pts = np.vstack([q.vertices for q in (handles or parts)]) * scale
            pts = pts @ t[:3, :3].T + t[:3, 3]
            axis = np.asarray(j.axis, float)
            origin = np.asarray(j.origin, float)  # on a hinge's axis, which does not move
            if handles:
                handle = pts.mean(axis=0)
            elif j.kind == PRISMATIC:  # the middle of the drawer's front
                front = pts @ axis
                handle = pts[front > front.max() - 0.01].mean(axis=0)
            else:  # the free edge of the door at its mid height
                rel = pts - origin
                radial = rel - np.outer(rel @ axis, axis)
                d = np.linalg.norm(radial, axis=1)
                handle = pts[d > d.max() - 0.01].mean(axis=0)
            pull = axis if j.kind == PRISMATIC else np.cross(axis, handle - origin)
            norm = float(np.linalg.norm(pull))
            if norm < 1e-9:
                continue
            out.append(Openable(o.id, j.name, joint_name(mjcf_names[o.id], j.name), j.kind,
                                [round(float(v), 4) for v in j.limits], round(float(link.position), 4),
                                _r(r @ handle + p), handles[0].name if handles else None, _r(r @ (pull / norm))))
    return out


def _r(v) -> list[float]:
    return [round(float(x), 4) for x in v]
