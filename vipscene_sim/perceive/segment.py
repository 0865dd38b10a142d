"""Masks for detected boxes with SAM 2 through transformers (image model, one frame at a time),
and SAM 2's video model for tracking (``sam2_video.py``). Both share the settings and loading here.

The processors of SAM 2 in transformers need torchvision (installed with a CUDA build of torch,
and by our ``gen`` extra).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..ml import LoadedModel
from .detect import Detection


@dataclass(frozen=True)
class SegmenterSettings:
    model: str = "facebook/sam2.1-hiera-tiny"
    """Hugging Face id (or local folder) of a SAM 2 / 2.1 checkpoint in transformers format (tiny,
    small, base-plus, large)."""
    revision: str | None = None
    mask_threshold: float = 0.0
    """Mask logits above this are the object."""
    min_mask_px: int = 20
    """Masks smaller than this (pixels) are dropped."""
    device: str = "auto"
    precision: str = "auto"


class Segmenter(LoadedModel):
    """SAM 2 image model: a mask for each box of a frame in one forward pass."""

    WHAT = "SAM 2 segmentation (--perceive gdino_sam2)"
    FLAG = "--segmenter"

    def __init__(self, settings: SegmenterSettings = SegmenterSettings(), model=None, processor=None):
        super().__init__(settings.model, settings.revision, settings.device, settings.precision,
                         self.WHAT, self.FLAG, ("Sam2Processor", "Sam2Model"),
                         model, processor)
        self.settings = settings

    def masks(self, frame: np.ndarray, detections: list[Detection]) -> list[np.ndarray]:
        """(H, W) bool mask per detection (same order)."""
        import torch

        if not detections:
            return []
        boxes = [[[float(v) for v in d.box] for d in detections]]
        inputs = self.processor(images=frame, input_boxes=boxes, return_tensors="pt")
        original = inputs.pop("original_sizes")
        inputs = self.on_device(inputs)
        with torch.inference_mode():
            out = self.model(**inputs, multimask_output=False)
        masks = self.processor.post_process_masks(out.pred_masks.float().cpu(), original,
                                                  mask_threshold=self.settings.mask_threshold, binarize=True)[0]
        return [m[0].numpy().astype(bool) for m in masks]
