"""Reconstruction: Video -> Geometry (per-frame metric depth, confidence, intrinsics, poses)."""

from .geometry import Geometry
from .oracle import OracleNoise, oracle_geometry

__all__ = ["Geometry", "OracleNoise", "oracle_geometry"]
