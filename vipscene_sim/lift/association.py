"""Lifting step 3, association: tracks that occupy the same space are one object (a tracker that
lost and re-found it, or a duplicate detection); touching tracks of one category are joined when
their union fits the category's size range better than either part (an object split in two).

Merges happen one at a time, the pair with the largest overlap first. Each pair is judged once:
after a merge only the pairs of the merged candidate are new, and pairs whose boxes (grown by one
voxel) do not meet cannot share a voxel, so they are never compared voxel by voxel.
"""

from __future__ import annotations

import numpy as np

from ..geometry.camera import neighbour_keys, voxel_keys
from .candidates import Candidate, extent, size_misfit

VOXEL = 0.05  # metres: the grid on which overlap and touching are counted


class _Evidence:
    """What the pair tests read of one candidate, computed once."""

    def __init__(self, c: Candidate, category_of):
        self.vox = np.unique(voxel_keys(c.xyz, VOXEL))
        self.frames = set(np.unique(c.frames).tolist())
        self.cat = category_of(c.label)
        self.lo = np.floor(c.xyz.min(axis=0) / VOXEL) - 1 if len(c.xyz) else np.full(3, np.inf)
        self.hi = np.floor(c.xyz.max(axis=0) / VOXEL) + 1 if len(c.xyz) else np.full(3, -np.inf)


def _judge(a: Candidate, b: Candidate, ea: _Evidence, eb: _Evidence) -> tuple[float, str] | None:
    """(overlap, reason) when a and b are one object, else None."""
    small = min(len(ea.vox), len(eb.vox))
    if small == 0 or (ea.hi < eb.lo).any() or (eb.hi < ea.lo).any():
        return None  # apart by more than a voxel: no overlap and no touch
    overlap = len(np.intersect1d(ea.vox, eb.vox, assume_unique=True)) / small
    together = len(ea.frames & eb.frames)
    same = ea.cat is not None and ea.cat == eb.cat
    if together == 0 and overlap >= 0.3:
        return overlap, "same object under another id (never seen together)"
    if same and overlap >= 0.5:
        return overlap, "duplicate detection"
    if same:
        touch = len(np.intersect1d(neighbour_keys(ea.vox), eb.vox)) / small
        if touch >= 0.15:
            mu = size_misfit(extent(np.vstack([a.xyz, b.xyz])), ea.cat)
            mi, mj = size_misfit(extent(a.xyz), ea.cat), size_misfit(extent(b.xyz), eb.cat)
            if mu + 0.15 < min(mi, mj) or (mu < 1e-9 and min(mi, mj) > 0.05):
                return overlap, "one object split in parts"
    return None


def _merge(a: Candidate, b: Candidate) -> Candidate:
    labels = dict(a.labels)
    for k, v in b.labels.items():
        labels[k] = labels.get(k, 0.0) + v
    wa, wb = a.weight.sum(), b.weight.sum()
    return Candidate(a.tracks + b.tracks, labels, np.vstack([a.xyz, b.xyz]), np.r_[a.weight, b.weight],
                     np.r_[a.frames, b.frames], float((a.score * wa + b.score * wb) / max(wa + wb, 1e-9)))


def associate(cands: list[Candidate], category_of) -> tuple[list[Candidate], list[dict]]:
    """Merge candidates that are one object; returns the merged list and a log of merges."""
    log = []
    cands = list(cands)
    ev = {id(c): _Evidence(c, category_of) for c in cands}
    verdicts: dict[tuple[int, int], tuple[float, str]] = {}  # (id a, id b) in list order -> why they are one

    def judge_all(new: Candidate, others: list[Candidate]) -> None:
        for o in others:
            v = _judge(o, new, ev[id(o)], ev[id(new)])
            if v is not None:
                verdicts[(id(o), id(new))] = v

    for j, c in enumerate(cands):
        judge_all(c, cands[:j])
    while verdicts:
        pos = {id(c): k for k, c in enumerate(cands)}
        # the largest overlap; among equals the pair that comes first in the list
        (ia, ib), (_, reason) = min(verdicts.items(), key=lambda kv: (-kv[1][0], pos[kv[0][0]], pos[kv[0][1]]))
        a, b = cands[pos[ia]], cands[pos[ib]]
        merged = _merge(a, b)
        log.append({"tracks": sorted(merged.tracks), "reason": reason})
        cands = [c for c in cands if id(c) not in (ia, ib)]
        verdicts = {k: v for k, v in verdicts.items() if ia not in k and ib not in k}
        ev[id(merged)] = _Evidence(merged, category_of)
        judge_all(merged, cands)
        cands.append(merged)
    return cands, log
