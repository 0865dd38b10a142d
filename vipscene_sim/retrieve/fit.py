"""Fit a chosen asset into an object's measured box.

The asset is turned so its front matches the box (a quarter turn when perception's X and Y are
swapped), scaled uniformly to the box (geometric mean of the per-axis ratios), then each axis may
deviate from that uniform scale by a bounded fraction to absorb a slightly different aspect
ratio. What is left is the residual, reported per axis. Sizes far outside the category's
plausible range are clamped to it with a warning instead of producing a 10 m chair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FitSettings:
    max_axis_deviation: float = 0.15
    """Largest per-axis departure from the uniform scale (0.15: an axis may be 15 % longer or shorter)."""
    clamp_to_category: bool = True
    """Clamp fitted sizes to the category's plausible range (times ``range_tolerance``)."""
    range_tolerance: float = 1.25
    """How far past the category range a fitted size may go before it is clamped."""
    exact_axis_deviation: float = 1.0
    """``max_axis_deviation`` for a box known exactly (an AI2-THOR database box, objathor
    annotations, our own house record): the asset fills the box, so what stands on it rests at
    the source height, unless an axis would be stretched past twice the uniform scale; such a box
    is never clamped to the category's range either."""


@dataclass(frozen=True)
class Fit:
    """Result of fitting: per-axis scale of the asset, its fitted size (object axes, metres),
    the extra yaw applied to the object (0 or pi/2 radians), and relative residuals."""

    scale: tuple[float, float, float]
    size: tuple[float, float, float]
    yaw_offset: float
    residual: tuple[float, float, float]
    clamped: bool
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "scale": [round(v, 6) for v in self.scale],
            "size": [round(v, 6) for v in self.size],
            "yaw_offset": round(self.yaw_offset, 6),
            "residual": [round(v, 4) for v in self.residual],
            "clamped": self.clamped,
            "warnings": list(self.warnings),
        }


def fit_asset(asset_size, box_size, swap_xy: bool, size_min=None, size_max=None,
              settings: FitSettings = FitSettings(), label: str = "object", exact: bool = False,
              uniform_only: bool = False) -> Fit:
    """Scale an asset of nominal ``asset_size`` (its own X, Y, Z) to a ``box_size`` measured by
    perception, or known ``exact``ly (see `FitSettings.exact_axis_deviation`). ``uniform_only``: one
    scale on all axes (an articulated asset of the user's: stretching would bend its joints)."""
    a = np.asarray(asset_size, float)
    box = np.asarray(box_size, float)
    target = box[[1, 0, 2]] if swap_xy else box
    ratio = target / a
    uniform = float(np.exp(np.log(ratio).mean()))
    dev = 0.0 if uniform_only else settings.exact_axis_deviation if exact else settings.max_axis_deviation
    scale = uniform * np.clip(ratio / uniform, 1 - dev, 1 + dev)
    size = a * scale
    warnings = []
    clamped = False
    if settings.clamp_to_category and not exact and size_min is not None and size_max is not None:
        lo = np.asarray(size_min, float) / settings.range_tolerance
        hi = np.asarray(size_max, float) * settings.range_tolerance
        if np.any(size < lo) or np.any(size > hi):
            clamped = True
            new = np.clip(size, lo, hi)
            if uniform_only:  # the one scale that brings the most implausible axis into range
                f = new / size
                new = size * (f.min() if f.max() <= 1 else f.max())
            axes = "XYZ"
            for i in np.nonzero(~np.isclose(new, size))[0]:
                warnings.append(f"{label}: fitted {axes[i]} size {size[i]:.2f} m is implausible; clamped to {new[i]:.2f} m")
            size = new
            scale = size / a
    residual = (size - target) / target
    return Fit(tuple(float(v) for v in scale), tuple(float(v) for v in size), math.pi / 2 if swap_xy else 0.0,
               tuple(float(v) for v in residual), clamped, tuple(warnings))
