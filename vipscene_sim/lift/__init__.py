"""Lifting: per-frame geometry and instance masks -> a metric layout (room shell and object boxes,
no assets). See `stage.lift`."""

from .stage import LiftSettings, lift

__all__ = ["LiftSettings", "lift"]
