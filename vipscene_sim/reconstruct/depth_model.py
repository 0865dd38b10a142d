"""Monocular metric depth through transformers (default: Depth Anything V2 Metric Indoor, Small).

Each frame gets a depth map in metres along the optical axis at the frame's own resolution. The
model sees frames one batch at a time, in half precision on a GPU. Relative-depth checkpoints
(inverse depth up to an unknown affine map) are refused: the depth_sfm backend needs metres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import UserError
from ..ml import LoadedModel


@dataclass(frozen=True)
class DepthModelSettings:
    model: str = "depth-anything/Depth-Anything-V2-Metric-Indoor-Small-hf"
    """Hugging Face id (or local folder) of a transformers depth-estimation model with metric
    output: Depth Anything V2 Metric (Indoor Small/Base/Large), ZoeDepth, Depth Pro."""
    revision: str | None = None
    """Model revision (branch, tag or commit) for reproducible runs."""
    batch_size: int = 8
    """Frames per forward pass."""
    device: str = "auto"
    precision: str = "auto"
    """auto (bf16/fp16 on a GPU, fp32 on the CPU), fp32, fp16 or bf16."""
    max_depth: float = 20.0
    """Depths beyond this (m) are treated as no measurement."""


class DepthModel(LoadedModel):
    """A loaded depth model; ``model``/``processor`` may be given (tests build tiny ones)."""

    WHAT = "monocular depth (--reconstruct depth_sfm)"
    FLAG = "--depth-model"

    def __init__(self, settings: DepthModelSettings = DepthModelSettings(), model=None, processor=None):
        super().__init__(settings.model, settings.revision, settings.device, settings.precision,
                         self.WHAT, self.FLAG,
                         ("AutoImageProcessor", "AutoModelForDepthEstimation"), model, processor)
        self.settings = settings
        if getattr(self.model.config, "depth_estimation_type", "metric") == "relative":
            raise UserError(f"depth model '{settings.model}' predicts relative depth; depth_sfm needs a metric model "
                            "such as depth-anything/Depth-Anything-V2-Metric-Indoor-Small-hf (--depth-model)")

    def predict(self, frames: np.ndarray, progress=None) -> np.ndarray:
        """(N, H, W, 3) uint8 -> (N, H, W) float32 metres (0 where beyond ``max_depth``)."""
        import torch

        n, h, w = frames.shape[:3]
        out = np.zeros((n, h, w), np.float32)
        bs = max(1, self.settings.batch_size)
        for start in range(0, n, bs):
            batch = [frames[i] for i in range(start, min(n, start + bs))]
            inputs = self.on_device(self.processor(images=batch, return_tensors="pt"))
            with torch.inference_mode():
                outputs = self.model(**inputs)
            outputs.predicted_depth = outputs.predicted_depth.float()
            maps = self.processor.post_process_depth_estimation(outputs, target_sizes=[(h, w)] * len(batch))
            for k, m in enumerate(maps):
                out[start + k] = m["predicted_depth"].float().cpu().numpy()
            if progress:
                progress(min(n, start + bs), n)
        out[~np.isfinite(out) | (out <= 0) | (out > self.settings.max_depth)] = 0.0
        return out
