"""Perception: Video -> Instances (per-frame instance masks with track ids, labels, scores).

Backends (`PERCEIVERS`, a `vipscene_sim.registry.Registry`): ``oracle`` (a synthetic
walkthrough's ground-truth ids with noise) and ``gdino_sam2`` (Grounding DINO + SAM 2 through
transformers; ids kept by association in 3D or SAM 2 video propagation). ``auto`` is gdino_sam2.
Each backend is an object with ``inputs``, ``load(request, models)`` and
``run(source, geometry, request, models, progress) -> (Instances, report dict)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..registry import Registry
from ..vlm import VlmSettings
from .instances import Instances
from .oracle import OraclePerceptionNoise, oracle_instances


@dataclass(frozen=True)
class PerceiveRequest:
    """The settings every perception backend may read (from the perceive flags)."""

    seed: int = 0
    noise: str = "none"
    """Oracle noise level."""
    prompt: str | None = None
    """The room description: the objects it names lead the detection vocabulary."""
    vocab: tuple[str, ...] = ()
    catalog: bool = True
    track: str = "3d"
    detect_every: int = 0
    device: str = "auto"
    precision: str = "auto"
    detector: str | None = None
    """Model ids, each optionally ``ID@REVISION``; None keeps the backend's default."""
    segmenter: str | None = None
    box_threshold: float | None = None
    text_threshold: float | None = None
    nms_iou: float | None = None
    max_detections: int | None = None
    batch_size: int | None = None
    vlm: VlmSettings = field(default_factory=VlmSettings)


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


__all__ = ["PERCEIVERS", "Instances", "OraclePerceptionNoise", "PerceiveRequest", "choose_perceiver",
           "oracle_instances"]
