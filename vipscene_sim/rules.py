"""Rules of the scene that several stages must apply alike; each is written once, here.

- A floor covering (rug, mat: a floor object thinner than `FLOOR_COVERING_HEIGHT`) is part of
  the floor: it blocks no path, gets no collider, is never simulated or counted as a collision.
- `ROBOT_RADIUS` is the round robot whose navigable floor refinement keeps open and the metrics
  measure, unless the user gives another.
- Door swings and doorways are geometry: `vipscene_sim.geometry.room`.
"""

from __future__ import annotations

FLOOR_COVERING_HEIGHT = 0.03
"""Metres: floor objects thinner than this are floor coverings."""

ROBOT_RADIUS = 0.25
"""Metres: the default robot's radius."""


def is_floor_covering(obj, height: float = FLOOR_COVERING_HEIGHT) -> bool:
    """True for a floor object thinner than ``height`` (a `SceneObject`, or anything with
    ``support.kind`` and ``size``)."""
    return obj.support.kind == "floor" and obj.size[2] < height


def floor_coverings(scene, height: float = FLOOR_COVERING_HEIGHT) -> set[str]:
    """Ids of the scene's floor coverings."""
    return {o.id for o in scene.objects if is_floor_covering(o, height)}
