"""Perception: Video -> Instances (per-frame instance masks with track ids, labels, scores).

Backends: ``oracle`` (a synthetic walkthrough's ground-truth ids with noise) and ``gdino_sam2``
(Grounding DINO + SAM 2 through transformers; ids kept by association in 3D or SAM 2 video
propagation). ``auto`` is gdino_sam2.
"""

from .instances import Instances
from .oracle import OraclePerceptionNoise, oracle_instances

PERCEIVERS = ("auto", "oracle", "gdino_sam2")

__all__ = ["PERCEIVERS", "Instances", "OraclePerceptionNoise", "oracle_instances"]
