"""The ``oracle`` perception backend: ground-truth instance ids of a synthetic walkthrough,
degraded the way open-vocabulary detection and segmentation degrade them. Deterministic for a seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .instances import Instances

# Plausible confusions of a detector (label -> what it is mistaken for).
CONFUSIONS = {"armchair": "chair", "chair": "armchair", "sofa": "armchair", "side_table": "nightstand",
              "nightstand": "side_table", "coffee_table": "side_table", "dresser": "cabinet", "cabinet": "dresser",
              "table_lamp": "floor_lamp", "mug": "bowl", "bowl": "plate", "bookshelf": "cabinet",
              "tv": "monitor", "monitor": "tv", "kitchen_counter": "cabinet", "painting": "mirror"}


@dataclass(frozen=True)
class OraclePerceptionNoise:
    erode_dilate: int = 0
    """Mask boundary error in pixels: each mask is eroded (odd frames) or dilated (even) this much."""
    miss_rate: float = 0.0
    """Probability that an object is not detected in a frame."""
    confusion_rate: float = 0.0
    """Probability that a track's label is replaced by a plausible confusion."""
    split_rate: float = 0.0
    """Probability that a track is split in two (left and right halves get different ids)."""
    merge_rate: float = 0.0
    """Probability that a track is merged with another track of the same frame set."""
    id_switch_every: int = 0
    """Every this many frames every track gets a new id (0: stable ids), as a tracker losing objects."""


# Named noise levels for `vipscene perceive --noise` and the lifting benchmark: "realistic" is an
# open-vocabulary detector with a video segmenter on a good video; "harsh" one that loses tracks.
NOISE_LEVELS = {
    "none": OraclePerceptionNoise(),
    "realistic": OraclePerceptionNoise(erode_dilate=1, miss_rate=0.1, confusion_rate=0.05, split_rate=0.05,
                                       merge_rate=0.03),
    "harsh": OraclePerceptionNoise(erode_dilate=2, miss_rate=0.25, confusion_rate=0.15, split_rate=0.1,
                                   merge_rate=0.08, id_switch_every=12),
}


def oracle_instances(instances: np.ndarray, legend: dict, noise: OraclePerceptionNoise = OraclePerceptionNoise(),
                     seed: int = 0) -> Instances:
    """``instances``: (N, H, W) ground-truth instance ids; ``legend``: id -> {"category": ...}."""
    from scipy import ndimage

    rng = np.random.default_rng(seed)
    gt = np.asarray(instances, np.int64)
    n = len(gt)
    ids = sorted(int(t) for t in np.unique(gt) if t != 0)
    label = {t: legend.get(str(t), {}).get("category", "object") for t in ids}
    for t in ids:
        if rng.random() < noise.confusion_rate and label[t] in CONFUSIONS:
            label[t] = CONFUSIONS[label[t]]
    merge_into = {}
    for t in ids:
        if len(ids) > 1 and rng.random() < noise.merge_rate:
            merge_into[t] = int(rng.choice([o for o in ids if o != t]))
    split = {t for t in ids if rng.random() < noise.split_rate}
    out = np.zeros(gt.shape, np.int32)
    next_id = max(ids, default=0) + 1
    split_id = {t: next_id + i for i, t in enumerate(sorted(split))}
    for k in range(n):
        for t in ids:
            m = gt[k] == t
            if not m.any() or rng.random() < noise.miss_rate:
                continue
            if noise.erode_dilate:
                op = ndimage.binary_erosion if k % 2 else ndimage.binary_dilation
                m = op(m, iterations=noise.erode_dilate) & ((out[k] == 0) | m)
            target = merge_into.get(t, t)
            if t in split:
                cols = np.nonzero(m.any(axis=0))[0]
                mid = (cols.min() + cols.max()) // 2 if len(cols) else 0
                right = m.copy()
                right[:, :mid] = False
                m = m & ~right
                out[k][right] = split_id[t]
            out[k][m] = target
        if noise.id_switch_every and k // noise.id_switch_every:
            shift = (k // noise.id_switch_every) * 1000
            out[k][out[k] > 0] += shift
    labels, scores = {}, {}
    for t in (int(x) for x in np.unique(out) if x != 0):
        base = t % 1000 if noise.id_switch_every else t
        orig = next((s for s, v in split_id.items() if v == base), base)
        labels[t] = label.get(orig, "object")
        scores[t] = float(np.clip(0.9 - 0.3 * rng.random() * (noise.miss_rate + noise.confusion_rate), 0.05, 1.0))
    return Instances(out, labels, scores, "oracle")


class OracleBackend:
    """The ``oracle`` perception backend (see `vipscene_sim.perceive.PERCEIVERS`)."""

    inputs = "walkthrough"

    def load(self, request, models) -> None:
        """Nothing to load (the noise level is checked with the other flags by `run_perceive`)."""

    def run(self, source, geometry, request, models, progress=None) -> tuple[Instances, dict]:
        return (oracle_instances(source.walkthrough["instances"], source.legend, NOISE_LEVELS[request.noise],
                                 seed=request.seed), {"backend": "oracle", "noise": request.noise})

    def describe(self, report: dict) -> str:
        return f"oracle ({report['noise']} noise)"
