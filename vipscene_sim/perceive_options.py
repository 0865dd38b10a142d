"""The settings of lifting a video to a layout (`vipscene perceive`, and generate's perception):
one frozen record that every reconstruction and perception backend reads its part of."""

from __future__ import annotations

from dataclasses import dataclass, field

from .vlm import VlmSettings


@dataclass(frozen=True)
class PerceiveOptions:
    """Backends by name, their models and thresholds, and the lifting cap."""

    reconstruct: str = "auto"
    perceive: str = "auto"
    noise: str = "none"
    """Oracle noise level (oracle backends only)."""
    seed: int = 0
    max_frames: int = 60
    """Frames used, evenly spaced over the input."""
    prompt: str | None = None
    """The room description: the objects it names lead the detection vocabulary."""
    vocab: tuple[str, ...] = ()
    catalog: bool = True
    track: str = "3d"
    detect_every: int = 0
    device: str = "auto"
    precision: str = "auto"
    depth_model: str | None = None
    """Model ids, each optionally ``ID@REVISION``; None keeps the backend's default."""
    detector: str | None = None
    segmenter: str | None = None
    vggt_model: str | None = None
    box_threshold: float | None = None
    text_threshold: float | None = None
    nms_iou: float | None = None
    max_detections: int | None = None
    batch_size: int | None = None
    fov_deg: float | None = None
    """Known horizontal field of view of the video (degrees); SfM keeps the focal length fixed."""
    max_objects: int = 150
    """Lift at most this many objects, the most confident."""
    vlm: VlmSettings = field(default_factory=VlmSettings)


