"""Perception: Video -> Instances (per-frame instance masks with track ids, labels, scores)."""

from .instances import Instances
from .oracle import OraclePerceptionNoise, oracle_instances

__all__ = ["Instances", "OraclePerceptionNoise", "oracle_instances"]
