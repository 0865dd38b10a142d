"""What lifting knows about each object on the way from pixels to a box: a `Candidate` (a
track's fused points and labels) and a `LiftedBox` (its fitted box, front, support and evidence),
and how far an extent lies outside its category's size range."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..catalog import CATEGORIES


@dataclass
class Candidate:
    tracks: list[int]
    labels: dict[str, float]  # label -> total weight
    xyz: np.ndarray
    weight: np.ndarray
    frames: np.ndarray  # frame index per point
    score: float

    @property
    def label(self) -> str:
        return max(sorted(self.labels), key=lambda k: self.labels[k])


@dataclass
class LiftedBox:
    category: str
    label: str
    size: list[float]
    center: list[float]
    yaw: float
    front_evidence: str
    support: str = "floor"
    parent: int | None = None
    confidence: float = 1.0
    tracks: list[int] = field(default_factory=list)
    frames: int = 0
    points: int = 0
    notes: list[str] = field(default_factory=list)
    xyz: np.ndarray | None = field(default=None, repr=False)


def size_misfit(extent: np.ndarray, category: str | None) -> float:
    """How far a box's (sorted horizontal, height) extents lie outside the category's size
    range, in summed log ratios; 0 inside the range or without a category."""
    spec = CATEGORIES.get(category or "")
    if spec is None:
        return 0.0
    size_min, size_max = spec.typical_range
    lo = np.r_[np.sort(size_min[:2]), size_min[2]]
    hi = np.r_[np.sort(size_max[:2]), size_max[2]]
    e = np.r_[np.sort(extent[:2]), extent[2]]
    return float(np.sum(np.abs(np.log(np.clip(e, 1e-3, None) / np.clip(e, lo, hi)))))


def extent(xyz: np.ndarray) -> np.ndarray:
    return np.quantile(xyz, 0.99, axis=0) - np.quantile(xyz, 0.01, axis=0)
