"""The Geometry a reconstruction backend hands to lifting.

Per frame: ``depth`` (H, W) metres along the optical axis (0 = no measurement), ``conf`` (H, W) in
[0, 1], intrinsics ``K`` (3, 3) and ``cam_to_world`` (4, 4) in the OpenCV camera convention (x
right, y down, z forward), world +Z up. ``metric`` says whether the scale is in metres (a prior is
needed to fix it when False).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class Geometry:
    depth: np.ndarray  # (N, H, W) float32
    conf: np.ndarray  # (N, H, W) float32
    K: np.ndarray  # (N, 3, 3)
    cam_to_world: np.ndarray  # (N, 4, 4)
    metric: bool = True
    source: str = ""

    def __post_init__(self):
        n = len(self.depth)
        if self.conf.shape != self.depth.shape or self.K.shape != (n, 3, 3) or self.cam_to_world.shape != (n, 4, 4):
            raise ValueError("Geometry arrays disagree in shape")

    def points(self, frame: int, min_conf: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """World points (M, 3) of a frame's valid pixels, and their (row, col) indices."""
        from ..geometry.camera import depth_points

        pts, v, u = depth_points(self.depth[frame], self.K[frame], self.cam_to_world[frame],
                                 self.conf[frame] > min_conf)
        return pts, np.stack([v, u], 1)

    def save(self, path: str | Path) -> None:
        from ..atomic import atomic_write_bytes

        buf = io.BytesIO()
        np.savez_compressed(buf, depth=self.depth.astype(np.float32), conf=self.conf.astype(np.float32), K=self.K,
                            cam_to_world=self.cam_to_world, metric=np.array(self.metric), source=np.array(self.source))
        atomic_write_bytes(path, buf.getvalue())

    @classmethod
    def load(cls, path: str | Path) -> Geometry:
        with np.load(path, allow_pickle=False) as z:
            return cls(z["depth"], z["conf"], z["K"], z["cam_to_world"], bool(z["metric"]), str(z["source"]))
