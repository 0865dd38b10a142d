"""What `vipscene vary` may change, axis by axis, with the ranges each axis draws from.

Units: metres, degrees (turns), kelvin, and factors (masses, damping) or coefficients (friction).
Every range is (low, high), drawn uniformly unless an axis says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AXIS_NAMES = ("assets", "poses", "materials", "lighting", "clutter", "dynamics", "joints")
"""The axes, in the order they are applied to a variant (each from its own random stream)."""


@dataclass(frozen=True)
class AssetAxis:
    fraction: float = 0.5
    """Share of the objects that get another asset of their category."""
    top_k: int = 6
    """Candidates of the retrieval ranking drawn from (same category, the current asset excluded)."""
    temperature: float = 0.05
    """Softmax temperature over the candidates' retrieval scores: low keeps to the best-ranked."""


@dataclass(frozen=True)
class PoseAxis:
    shift: float = 0.12
    """Largest shift (m) of a free-standing floor object, in any direction."""
    turn_deg: float = 12.0
    """Largest turn of a free-standing floor object about +Z."""
    slide: float = 0.25
    """Largest slide (m) of wall-backed and wall-hung objects along their wall (they keep facing it)."""
    small_shift: float = 0.05
    """Largest shift (m) of an object standing on another, within its surface."""
    small_turn_deg: float = 45.0


@dataclass(frozen=True)
class MaterialAxis:
    object_fraction: float = 0.5
    """Share of the objects whose surfaces are restyled."""
    floor: tuple[str, ...] = ("wood", "tiles", "stone")
    walls: tuple[str, ...] = ("plaster", "painted")
    ceiling: tuple[str, ...] = ("plaster",)
    hard: tuple[str, ...] = ("wood", "painted", "plastic", "brushed_metal")
    """A hard surface of one of these kinds becomes another of them."""
    soft: tuple[str, ...] = ("fabric", "leather")
    value: tuple[float, float] = (0.25, 0.9)
    """Brightness range of drawn colours (HSV value)."""
    saturation: tuple[float, float] = (0.05, 0.55)


@dataclass(frozen=True)
class LightAxis:
    count: tuple[int, int] = (1, 3)
    temperature: tuple[float, float] = (2700.0, 6500.0)
    intensity: tuple[float, float] = (0.6, 1.4)
    below_ceiling: float = 0.15
    """Lights hang this far (m) under the ceiling, anywhere over the floor at least 0.3 m from a wall."""


@dataclass(frozen=True)
class ClutterAxis:
    density: float = 4.0
    """Small objects per square metre of free receptacle surface (tables, counters, shelves)."""
    floor_density: float = 0.15
    """Floor objects per square metre of free floor."""
    on_surfaces: tuple[str, ...] = ("mug", "bowl", "plate", "book", "cup", "tissue_box", "remote_control", "vase")
    """Flat-bottomed things that rest where they are put (round fruit rolls, a leaning clock tips)."""
    on_floor: tuple[str, ...] = ("trash_can", "laundry_hamper")
    """Floor things that stand steady wherever they are put (a tall plant may tip on a rug's edge)."""
    most: int = 12
    """At most this many objects added per variant."""


@dataclass(frozen=True)
class DynamicsAxis:
    mass: tuple[float, float] = (0.8, 1.25)
    """Factor on each movable object's mass."""
    friction: tuple[float, float] = (0.5, 1.1)
    """Sliding friction coefficient of each object."""
    damping: tuple[float, float] = (0.5, 2.0)
    """Factor on the damping of each articulated object's joints."""


@dataclass(frozen=True)
class JointAxis:
    fraction: float = 0.5
    """Share of the joints left open."""
    opening: tuple[float, float] = (0.15, 0.95)
    """How far an open joint is, as a fraction of the range the room allows (its stop)."""


@dataclass(frozen=True)
class VarySettings:
    axes: tuple[str, ...] = AXIS_NAMES
    assets: AssetAxis = field(default_factory=AssetAxis)
    poses: PoseAxis = field(default_factory=PoseAxis)
    materials: MaterialAxis = field(default_factory=MaterialAxis)
    lighting: LightAxis = field(default_factory=LightAxis)
    clutter: ClutterAxis = field(default_factory=ClutterAxis)
    dynamics: DynamicsAxis = field(default_factory=DynamicsAxis)
    joints: JointAxis = field(default_factory=JointAxis)
    attempts: int = 4
    """Seeds tried for one variant before it is reported failed (each invalid one is recorded)."""
