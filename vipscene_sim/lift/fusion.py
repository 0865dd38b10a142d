"""Lifting steps 1 and 2, fusion and cleanup: every track's points across all frames, weighted
by depth confidence and detection score (floor pixels bleeding into a mask dropped unless the
object is flat), then density clustering (DBSCAN with eps 6 cm on a 2 cm voxel grid, as connected
components) and statistical outlier removal. A track's clusters are one object while they fit its
category's size range together; a large cluster that breaks it is another object under the same
id (a merged detection) and becomes its own candidate."""

from __future__ import annotations

import numpy as np

from .candidates import Candidate, extent, size_misfit

VOXEL = 0.02
EPS = 0.06


def _components(xyz: np.ndarray, eps: float = EPS) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of points at ``eps`` over a voxel grid: (label per point, voxel per point)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    keys, inv = np.unique(np.floor(xyz / VOXEL).astype(np.int64), axis=0, return_inverse=True)
    inv = inv.ravel()
    centres = (keys + 0.5) * VOXEL
    pairs = cKDTree(centres).query_pairs(eps, output_type="ndarray")
    g = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(keys), len(keys))) if len(pairs) else \
        coo_matrix((len(keys), len(keys)))
    _, lab = connected_components(g, directed=False)
    return lab[inv], inv


def _outliers(xyz: np.ndarray, k: int = 8, std: float = 2.5) -> np.ndarray:
    """Statistical outlier removal: True where a point's mean distance to its k nearest
    neighbours is more than ``std`` standard deviations above the mean."""
    from scipy.spatial import cKDTree

    if len(xyz) <= k + 1:
        return np.zeros(len(xyz), bool)
    d, _ = cKDTree(xyz).query(xyz, k=k + 1)
    m = d[:, 1:].mean(axis=1)
    return m > m.mean() + std * m.std()


def gather(points, labels: dict[int, str], scores: dict[int, float], category_of=lambda label: None,
           min_points: int = 15, max_points: int = 60000, seed: int = 0) -> tuple[list[Candidate], list[dict]]:
    """Per track: cleaned clusters as candidates; the list says what was dropped.

    A track's clusters are one object when they stay within its category's size range together (a
    headboard seen apart from the mattress). A large cluster that would break the range is another
    object under the same id (a detection that swallowed its neighbour): it becomes a candidate of
    its own, named by the track's label only if it fits that category itself, else "object".
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    order = np.argsort(points.track, kind="stable")
    tr = points.track[order]
    starts = np.searchsorted(tr, np.unique(tr))
    dropped, out = [], []
    for s, e in zip(starts, list(starts[1:]) + [len(tr)]):
        t = int(tr[s])
        if t == 0:
            continue
        label = labels.get(t, "object")
        category = category_of(label)
        idx = order[s:e]
        if len(idx) > max_points:
            idx = np.sort(rng.choice(idx, max_points, replace=False))
        xyz, w, fr = points.xyz[idx], points.weight[idx], points.frame[idx]
        flat = np.median(xyz[:, 2]) < 0.05
        if not flat:
            keep = xyz[:, 2] > 0.015
            xyz, w, fr = xyz[keep], w[keep], fr[keep]
        if len(xyz) < min_points:
            dropped.append({"track": t, "label": label, "reason": f"only {len(xyz)} usable points"})
            continue
        lab, _ = _components(xyz)
        mass = np.bincount(lab, weights=w)
        by_mass = [c for c in np.argsort(-mass) if (lab == c).sum() >= 5]
        if not by_mass:
            dropped.append({"track": t, "label": label, "reason": "scattered points, no cluster of 5"})
            continue
        big = [c for c in by_mass if mass[c] >= 0.2 * mass[by_mass[0]]]
        # the core: the big cluster that best fits the label's category (the largest without one)
        core = min(big, key=lambda c: (round(size_misfit(extent(xyz[lab == c]), category), 1), -mass[c]))
        groups: list[tuple[np.ndarray, str]] = [(lab == core, label)]
        main_tree = main_misfit = None  # of groups[0], rebuilt only when a part joins it
        for c in by_mass:
            if c == core:
                continue
            sel = lab == c
            main = groups[0][0]
            if main_tree is None:
                main_tree, main_misfit = cKDTree(xyz[main]), size_misfit(extent(xyz[main]), category)
            gap = float(main_tree.query(xyz[sel][:: max(1, sel.sum() // 500)])[0].min())
            if gap < 0.5 and size_misfit(extent(xyz[main | sel]), category) <= main_misfit + 0.15:
                groups[0] = (main | sel, label)  # a part of the same object seen apart
                main_tree = None
            elif mass[c] >= 0.2 * mass[by_mass[0]] and sel.sum() >= max(min_points, 50):
                own = size_misfit(extent(xyz[sel]), category)
                groups.append((sel, label if own < 0.3 else "object"))  # another object under this id
        for sel, name in groups:
            cx, cw, cf = xyz[sel], w[sel], fr[sel]
            bad = _outliers(cx)
            cx, cw, cf = cx[~bad], cw[~bad], cf[~bad]
            out.append(Candidate([t], {name: float(cw.sum())}, cx, cw, cf, scores.get(t, 1.0)))
    return out, dropped
