"""Kinematics of articulated assets: where a link is at a joint position, and the asset posed.

One place for the rule every consumer (exporters, settling, layout, rendering) follows: a link's
parts are modelled at position 0 (closed, for all but assets modelled open); at position ``q`` a
hinge turns them by ``q`` radians about the joint's axis through its origin, a slide moves them
``q`` metres along it. Object frame.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np

from .builder import PRISMATIC, Joint, Part


def rotation(axis, angle: float) -> np.ndarray:
    """3x3 rotation by ``angle`` radians about the unit ``axis`` (Rodrigues)."""
    a = np.asarray(axis, float) / np.linalg.norm(axis)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + math.sin(angle) * k + (1 - math.cos(angle)) * (k @ k)


def link_transform(joint: Joint, q: float) -> np.ndarray:
    """4x4 transform taking the link's closed geometry to its pose at position ``q``."""
    t = np.eye(4)
    if joint.kind == PRISMATIC:
        t[:3, 3] = q * np.asarray(joint.axis, float)
    else:
        r = rotation(joint.axis, q)
        o = np.asarray(joint.origin, float)
        t[:3, :3] = r
        t[:3, 3] = o - r @ o
    return t


def link_frame(joint: Joint, q: float) -> tuple[np.ndarray, np.ndarray]:
    """Position and 3x3 rotation (object frame) of a link's own frame at position ``q``: the
    frame sits on the joint's origin and moves with the link; exporters give a link body it."""
    o = np.asarray(joint.origin, float)
    if joint.kind == PRISMATIC:
        return o + q * np.asarray(joint.axis, float), np.eye(3)
    return o, rotation(joint.axis, q)


def clamp_positions(joints, positions: Mapping[str, float]) -> tuple[dict[str, float], list[str]]:
    """Every joint's position (default 0, as modelled) with values outside the range clamped into it;
    and a note per clamped or unknown joint name."""
    by_name = {j.name: j for j in joints}
    out = {j.name: 0.0 for j in joints}
    notes = []
    for name, q in positions.items():
        j = by_name.get(name)
        if j is None:
            notes.append(f"joint {name!r}: the asset has no such joint (known: {', '.join(sorted(by_name)) or 'none'})")
            continue
        c = float(min(max(float(q), j.limits[0]), j.limits[1]))
        if c != float(q):
            notes.append(f"joint {name!r}: position {float(q):g} outside [{j.limits[0]:g}, {j.limits[1]:g}], clamped to {c:g}")
        out[name] = c
    return out, notes


def posed_parts(parts: list, joints, positions: Mapping[str, float]) -> list:
    """The parts (or visual meshes: anything with ``vertices`` and ``link``) with every link moved
    to its position (missing names: closed)."""
    from dataclasses import replace

    moves = {j.name: link_transform(j, positions.get(j.name, 0.0)) for j in joints}
    out = []
    for p in parts:
        t = moves.get(p.link)
        out.append(p if t is None else replace(p, vertices=p.vertices @ t[:3, :3].T + t[:3, 3]))
    return out


MIN_RANGE = 1e-3
"""The least range (rad or m) a stopped joint keeps."""


def stopped(joints, stops: Mapping[str, float]) -> list[Joint]:
    """The joints (already scaled to the object) with each upper limit lowered to its stop
    (`SceneObject.joint_stops`: where the room stops it); a stop never widens a range."""
    from dataclasses import replace

    out = []
    for j in joints:
        stop = stops.get(j.name)
        if stop is not None and math.isfinite(stop) and stop < j.limits[1]:
            # never an empty range (simulators refuse one): a joint the room holds shut keeps a sliver
            j = replace(j, limits=(j.limits[0], max(float(stop), j.limits[0] + MIN_RANGE)))
        out.append(j)
    return out


def swept_hulls(parts: list[Part], joints, scale, segments: int = 4,
                stops: Mapping[str, float] | None = None) -> list[np.ndarray]:
    """The space each link moves through from closed to fully open (object frame, scaled), as
    point sets whose convex hulls cover it: for a slide the hull of the link closed and open,
    for a hinge the hulls of the link at consecutive angles of ``segments`` steps (the arc a
    door sweeps, a little conservatively). ``stops``: upper limits the room imposes (`stopped`)."""
    s = np.asarray(scale, float)
    out = []
    for j in joints:
        pts = np.vstack([p.vertices for p in parts if p.link == j.name]) * s
        js = stopped([j.scaled(s)], stops or {})[0]
        n = 1 if j.kind == PRISMATIC else segments
        qs = np.linspace(js.limits[0], js.limits[1], n + 1)
        posed = [pts @ t[:3, :3].T + t[:3, 3] for t in (link_transform(js, float(q)) for q in qs)]
        out += [np.vstack([posed[k], posed[k + 1]]) for k in range(n)]
    return out


def opened(joints, fraction: float) -> dict[str, float]:
    """Every joint at ``fraction`` of its range (0 closed, 1 fully open)."""
    return {j.name: j.limits[0] + fraction * (j.limits[1] - j.limits[0]) for j in joints}
