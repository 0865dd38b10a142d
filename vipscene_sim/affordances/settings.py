"""Settings of the affordance computation: the gripper, the mobile robot and the fixed arm
whose abilities `affordances.json` describes (metres, kilograms)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..rules import ROBOT_RADIUS


@dataclass(frozen=True)
class AffordanceSettings:
    gripper_opening: float = 0.08
    """Widest object (m) the parallel gripper closes on: the narrowest horizontal width counts."""
    max_mass: float = 3.0
    """Heaviest object (kg) it lifts."""
    finger_thickness: float = 0.015
    """Each finger's thickness (m) along the closing direction."""
    finger_breadth: float = 0.02
    """Each finger's extent (m) across the closing direction."""
    finger_depth: float = 0.04
    """How far (m) the fingers reach over the object (down from its top, in from its side)."""
    approach_distance: float = 0.10
    """Length (m) of the pre-grasp corridor the hand moves through before closing."""
    robot_radius: float = ROBOT_RADIUS
    """Footprint radius (m) of the round mobile robot whose base poses are listed."""
    reach: float = 0.8
    """Horizontal distance (m) from a base's centre within which its arm reaches a target."""
    arm_radius: float = 0.1
    """Footprint radius (m) of a fixed-base arm's mount."""
    mount_heights: tuple[float, float] = (0.4, 1.2)
    """Surfaces (counters, tables, desks) at these heights (m) get arm mounts."""
    cell: float = 0.05
    """Plan grid cell (m) of the navigation grid."""
    min_free_radius: float = 0.03
    """A receptacle's free circle smaller than this (m) holds nothing: no ``place_at``."""

    def to_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}
