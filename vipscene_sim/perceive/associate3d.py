"""Consistent object ids across frames by association in 3D, using the reconstruction.

Per-frame detections (a mask and a label each) are lifted to world points with the frame's depth
and camera, reduced to occupied voxels, and matched to the tracks built so far by how much of the
detection's voxels a track already holds (Hungarian assignment, one detection per track per frame).
A different label needs more overlap than the same one. What matches nothing starts a track. This
works whatever order the camera visits things in (an object seen again after the camera turned
back keeps its id), which frame-to-frame 2D trackers do not.

The voxel size follows the scene's scale (a fraction of the median depth), so non-metric
reconstructions (VGGT) work too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..geometry.camera import backproject, voxel_keys
from .detect import Detection
from .instances import Instances


@dataclass(frozen=True)
class AssociationSettings:
    voxel_fraction: float = 0.03
    """Voxel edge as a fraction of the median depth of the video (about 7 cm at 2.5 m). Larger
    voxels absorb more depth noise but merge small neighbours (plates on a kitchen island)."""
    match_overlap: float = 0.25
    """A detection joins a track holding at least this fraction of its voxels (same label)."""
    relabel_overlap: float = 0.5
    """...or this fraction when the labels differ."""
    max_points: int = 4000
    """Points per detection used for voxels (a random subset, seeded)."""


@dataclass
class _Track:
    id: int
    voxels: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted unique keys
    votes: dict = field(default_factory=dict)
    scores: list = field(default_factory=list)
    frames: list = field(default_factory=list)


def _voxels(geometry, frame: int, mask: np.ndarray, voxel: float, max_points: int, rng) -> np.ndarray:
    """Sorted unique int64 keys of the voxels the mask's points occupy."""
    d = geometry.depth[frame]
    v, u = np.nonzero(mask & (d > 0))
    if len(v) > max_points:
        pick = rng.choice(len(v), max_points, replace=False)
        v, u = v[pick], u[pick]
    if not len(v):
        return np.zeros(0, np.int64)
    world = backproject(u, v, d[v, u], geometry.K[frame], geometry.cam_to_world[frame])
    return np.unique(voxel_keys(world, voxel))


def associate_3d(detections: list[list[tuple[Detection, np.ndarray]]], geometry,
                 settings: AssociationSettings = AssociationSettings(), seed: int = 0) -> tuple[Instances, dict]:
    """``detections[k]``: (detection, (H, W) bool mask) pairs of frame k. Returns Instances whose
    track ids are consistent over the video, and a report."""
    from scipy.optimize import linear_sum_assignment

    rng = np.random.default_rng(seed)
    n, h, w = geometry.depth.shape
    valid = geometry.depth[geometry.depth > 0]
    voxel = settings.voxel_fraction * float(np.median(valid)) if len(valid) else 0.05
    tracks: list[_Track] = []
    assigned: list[list[tuple[int, np.ndarray]]] = [[] for _ in range(n)]
    without_depth = 0
    for k in range(n):
        items = []
        for det, mask in detections[k] if k < len(detections) else []:
            vox = _voxels(geometry, k, mask, voxel, settings.max_points, rng)
            if len(vox):
                items.append((det, mask, vox))
            else:
                without_depth += 1
        if not items:
            continue
        gain = np.zeros((len(items), len(tracks)))
        for i, (det, _, vox) in enumerate(items):
            for j, t in enumerate(tracks):
                overlap = len(np.intersect1d(vox, t.voxels, assume_unique=True)) / len(vox)
                need = settings.match_overlap if max(t.votes, key=t.votes.get) == det.label else settings.relabel_overlap
                gain[i, j] = overlap if overlap >= need else 0.0
        rows, cols = linear_sum_assignment(-gain) if len(tracks) else ([], [])
        match = {int(r): int(c) for r, c in zip(rows, cols) if gain[r, c] > 0}
        for i, (det, mask, vox) in enumerate(items):
            if i in match:
                t = tracks[match[i]]
            else:
                t = _Track(len(tracks) + 1)
                tracks.append(t)
            t.voxels = np.union1d(t.voxels, vox)
            t.votes[det.label] = t.votes.get(det.label, 0.0) + det.score
            t.scores.append(det.score)
            t.frames.append(k)
            assigned[k].append((t.id, mask))
    masks = np.zeros((n, h, w), np.int32)
    for k in range(n):
        # big masks first: a mug on a table keeps its pixels
        for tid, mask in sorted(assigned[k], key=lambda x: -int(x[1].sum())):
            masks[k][mask] = tid
    labels = {t.id: max(t.votes, key=t.votes.get) for t in tracks}
    scores = {t.id: float(np.mean(t.scores)) for t in tracks}
    report = {"tracker": "3d", "voxel": round(voxel, 4), "tracks": len(tracks),
              "detections": int(sum(len(a) for a in assigned)), "without_depth": without_depth,
              "relabelled": sum(1 for t in tracks if len(t.votes) > 1)}
    return Instances(masks, labels, scores, "gdino_sam2+3d"), report
