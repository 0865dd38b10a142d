"""Multi-view pose refinement: every frame's camera moved onto what the other views see.

Reconstructions drift: each camera is a little off, and the error grows along the video, so an
object seen at the start and again at the end appears twice a few centimetres apart and its fused
box swells. Views far apart in the video are what disagree, so each frame is aligned to the
points of every frame outside its own stretch of the video (``exclude`` frames either side, which
share its drift), by point-to-plane ICP on sampled surface points, all frames at once, a few
rounds with a shrinking match distance. Each camera turns about its own centre. At the end the
cameras as a whole are moved back onto where they were, so the reconstruction's frame stays.
Correct poses get no correction.

Units: metres; cameras as in `reconstruct.geometry.Geometry` (OpenCV axes, camera-to-world).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..geometry.camera import backproject
from ..geometry.pose import align_cameras


@dataclass(frozen=True)
class RegistrationSettings:
    samples: int = 2500
    """Surface points sampled per frame."""
    grid: int = 3
    """Pixel step of the grid that normals are measured on (larger: smoother normals)."""
    exclude: int = 3
    """Frames either side of a frame whose points it is not aligned to (they share its drift)."""
    rounds: tuple[float, ...] = (0.08, 0.05, 0.03, 0.03)
    """Largest match distance of each round, in metres of a room seen at a median depth of 3 m
    (scaled by the video's median depth / 3 m, so an unscaled reconstruction is treated alike)."""
    min_conf: float = 0.05
    """Depth confidence a pixel needs to be sampled (as in back-projection)."""
    min_matches: int = 150
    """Matches a frame needs to be corrected in a round."""
    damping: float = 0.5
    """Share of its correction a frame takes per round: all frames move at once, and two frames
    that each took all of it would cross over."""
    max_step: float = 0.05
    """Largest rotation (rad) and translation (scaled like ``rounds``) one round may apply."""


def surface_samples(depth: np.ndarray, K: np.ndarray, n: int, grid: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``n`` camera-frame points with unit normals (from the surface over ``grid`` pixels),
    only where the surface is continuous (no depth jump between the grid neighbours)."""
    h, w = depth.shape
    v, u = np.mgrid[grid:h - grid:grid, grid:w - grid:grid]

    def point(vv, uu):
        z = depth[vv, uu]
        return backproject(uu, vv, z, K), z

    p, z = point(v, u)
    px, zx = point(v, u + grid)
    mx, zmx = point(v, u - grid)
    py, zy = point(v + grid, u)
    my, zmy = point(v - grid, u)
    ok = (z > 0) & (zx > 0) & (zmx > 0) & (zy > 0) & (zmy > 0) & np.isfinite(z)
    for zz in (zx, zmx, zy, zmy):
        ok &= np.abs(zz - z) < 0.06 * z
    nrm = np.cross(px - mx, py - my)
    length = np.linalg.norm(nrm, axis=-1)
    ok &= length > 1e-12
    nrm = nrm / np.maximum(length, 1e-12)[..., None]
    # normals face the camera; a surface seen nearly edge-on gives a poor normal
    facing = -(nrm * p).sum(-1) / np.maximum(np.linalg.norm(p, axis=-1), 1e-12)
    nrm = np.where((facing < 0)[..., None], -nrm, nrm)
    ok &= np.abs(facing) > 0.2
    idx = np.flatnonzero(ok)
    if len(idx) > n:
        idx = np.sort(rng.choice(idx, n, replace=False))
    return p.reshape(-1, 3)[idx], nrm.reshape(-1, 3)[idx]


def _keep_frame(poses: np.ndarray, start: np.ndarray) -> np.ndarray:
    """``poses`` moved rigidly back onto where ``start`` had the cameras: the refinement corrects
    cameras relative to each other, not the reconstruction's frame. Fitted to the cameras the
    refinement moved least (a few corrected cameras would otherwise drag all the others along)."""
    def apply(rot, shift):
        out = poses.copy()
        out[:, :3, :3] = rot @ poses[:, :3, :3]
        out[:, :3, 3] = poses[:, :3, 3] @ rot.T + shift
        return out

    rot, _, shift = align_cameras(poses, start, with_scale=False)
    first = apply(rot, shift)
    moved = np.linalg.norm(first[:, :3, 3] - start[:, :3, 3], axis=1) + \
        np.linalg.norm(first[:, :3, 2] - start[:, :3, 2], axis=1)  # centre and view direction (1 m)
    keep = moved <= max(2 * float(np.median(moved)), 1e-9)
    if keep.sum() < 3:
        return first
    rot, _, shift = align_cameras(poses[keep], start[keep], with_scale=False)
    return apply(rot, shift)


def refine_poses(geometry, s: RegistrationSettings = RegistrationSettings(), seed: int = 0):
    """A Geometry whose cameras agree better with each other, and a report (median and largest
    correction, frames corrected)."""
    from scipy.spatial import cKDTree
    from scipy.spatial.transform import Rotation

    n = len(geometry.depth)
    if n < 2 * s.exclude + 3:
        return geometry, {"applied": False, "reason": f"fewer than {2 * s.exclude + 3} frames"}
    rng = np.random.default_rng(seed)
    poses = np.asarray(geometry.cam_to_world, float).copy()
    K = np.asarray(geometry.K, float)

    def usable(f):  # NaN, missing and unconfident depth are no surface
        d = np.nan_to_num(np.asarray(geometry.depth[f], float), nan=0.0, posinf=0.0, neginf=0.0)
        return np.where(np.nan_to_num(np.asarray(geometry.conf[f], float)) > s.min_conf, d, 0.0)

    samples = [surface_samples(usable(f), K[f], s.samples, s.grid, rng) for f in range(n)]
    frame_of = np.concatenate([np.full(len(p), f) for f, (p, _) in enumerate(samples)])
    if len(frame_of) == 0:
        return geometry, {"applied": False, "reason": "no continuous surface in any frame"}
    start = poses.copy()
    corrected = set()
    depths = np.concatenate([p[:, 2] for p, _ in samples])
    unit = float(np.median(depths)) / 3.0  # metres for a room at a typical depth; scale-free otherwise
    for dist in np.asarray(s.rounds) * unit:
        new_poses = poses.copy()  # all frames move at once, against the last round's points
        world = np.concatenate([p @ poses[f, :3, :3].T + poses[f, :3, 3] for f, (p, _) in enumerate(samples)])
        normals = np.concatenate([q @ poses[f, :3, :3].T for f, (_, q) in enumerate(samples)])
        tree = cKDTree(world)
        for f in range(n):
            sel = frame_of == f
            if not sel.any():
                continue
            src, src_n = world[sel], normals[sel]
            d, j = tree.query(src, k=12, distance_upper_bound=dist)
            # the nearest point of another stretch of the video, facing the same way
            valid = np.isfinite(d) & (j < len(world))
            jj = np.where(valid, j, 0)
            other = valid & (np.abs(frame_of[jj] - f) > s.exclude)
            other &= (normals[jj] * src_n[:, None, :]).sum(-1) > 0.7
            first = np.argmax(other, axis=1)
            has = other[np.arange(len(src)), first]
            if has.sum() < s.min_matches:
                continue
            hit = jj[np.arange(len(src)), first][has]
            tgt, tn = world[hit], normals[hit]
            # a small turn about the camera's own centre and a shift: a = p - c moves to
            # a + w x a + t; point-to-plane residual n . (a + w x a + t - (q - c))
            c = poses[f, :3, 3]
            a = src[has] - c
            r = ((a - (tgt - c)) * tn).sum(1)
            J = np.hstack([np.cross(a, tn), tn])
            scale = max(1.4826 * float(np.median(np.abs(r))), 1e-4 * unit)
            wgt = np.minimum(1.0, 1.5 * scale / np.maximum(np.abs(r), 1e-12))  # Huber
            x = np.linalg.solve((J * wgt[:, None]).T @ J + 1e-6 * np.eye(6), -(J * wgt[:, None]).T @ r)
            x *= s.damping
            w, t = np.clip(x[:3], -s.max_step, s.max_step), np.clip(x[3:], -s.max_step * unit, s.max_step * unit)
            R = Rotation.from_rotvec(w).as_matrix()
            new_poses[f, :3, :3] = R @ poses[f, :3, :3]
            new_poses[f, :3, 3] = c + t
            corrected.add(f)
        poses = new_poses
    poses = _keep_frame(poses, start)
    moved = np.linalg.norm(poses[:, :3, 3] - start[:, :3, 3], axis=1)
    report = {"applied": True, "frames_corrected": len(corrected),
              "median_shift": round(float(np.median(moved)), 5), "max_shift": round(float(moved.max()), 5)}
    return replace(geometry, cam_to_world=poses), report
