"""Instances a perception backend hands to lifting: per frame a track-id image (0 = nothing) and,
per track, a text label and a detection score."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass
class Instances:
    masks: np.ndarray  # (N, H, W) int32 track ids, 0 = background
    labels: dict[int, str] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)
    source: str = ""

    def tracks(self) -> list[int]:
        return sorted(int(t) for t in np.unique(self.masks) if t != 0)

    def save(self, path: str | Path) -> None:
        from ..atomic import atomic_write_bytes

        buf = io.BytesIO()
        meta = json.dumps({"labels": {str(k): v for k, v in self.labels.items()},
                           "scores": {str(k): float(v) for k, v in self.scores.items()}, "source": self.source})
        np.savez_compressed(buf, masks=self.masks.astype(np.int32), meta=np.array(meta))
        atomic_write_bytes(path, buf.getvalue())

    @classmethod
    def load(cls, path: str | Path) -> Instances:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            return cls(z["masks"], {int(k): v for k, v in meta["labels"].items()},
                       {int(k): float(v) for k, v in meta["scores"].items()}, meta["source"])
