"""Perception: Video -> Instances (per-frame instance masks with track ids, labels, scores).

Backends (`PERCEIVERS`, a `vipscene_sim.registry.Registry`): ``oracle`` (a synthetic
walkthrough's ground-truth ids with noise) and ``gdino_sam2`` (Grounding DINO + SAM 2 through
transformers; ids kept by association in 3D or SAM 2 video propagation). ``auto`` is gdino_sam2.
Each backend is an object with ``inputs``, ``load(options, models)`` (a
`perceive_options.PerceiveOptions`) and ``run(source, geometry, options, models, progress) -> (Instances, report dict)``.
"""

from __future__ import annotations

from ..registry import Registry
from .instances import Instances
from .oracle import OraclePerceptionNoise, oracle_instances

PERCEIVERS: Registry = Registry("perception", "--perceive")


@PERCEIVERS.register("oracle", "a 'vipscene synth' walkthrough's true instance ids, degraded by --noise")
def _oracle():
    from .oracle import OracleBackend

    return OracleBackend()


@PERCEIVERS.register("gdino_sam2", "Grounding DINO boxes + SAM 2 masks, ids by 3D association or SAM 2 video",
                     requires=("torch", "transformers"), extra="gen")
def _gdino_sam2():
    from .gdino_sam2 import GdinoSam2Backend

    return GdinoSam2Backend()


def choose_perceiver(name: str) -> str:
    """The backend ``name`` stands for ("auto" -> gdino_sam2)."""
    if name == "auto":
        return "gdino_sam2"
    PERCEIVERS.entry(name)
    return name


__all__ = ["PERCEIVERS", "Instances", "OraclePerceptionNoise", "choose_perceiver",
           "oracle_instances"]
