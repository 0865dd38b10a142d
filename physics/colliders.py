"""Convex colliders for every asset, with a disk cache and isolated CoACD workers.

Built-in assets are made of convex parts: those parts are the colliders (exact). Any other mesh
(objathor, a user's GLB/OBJ) is repaired (merged vertices, no NaN, degenerate or duplicate faces,
consistent normals, holes filled), decimated when very large, then decomposed by CoACD. CoACD can
abort the whole process on bad input, so it runs in separate worker processes with a timeout;
when it fails the mesh falls back to its convex hull, and to its bounding box when even the hull
is degenerate — the reason is recorded. Every hull is capped at ``max_hull_vertices``. Results
are cached on disk, keyed by the mesh's content and the settings, so a mesh is decomposed once.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

Mesh = tuple[np.ndarray, np.ndarray]  # (vertices (n, 3) float, faces (m, 3) int)


@dataclass(frozen=True)
class CoacdSettings:
    """Forwarded to ``coacd.run_coacd`` as keyword arguments (see CoACD's documentation)."""

    threshold: float = 0.08
    """Concavity threshold: larger is coarser and faster (obj2mjcf uses 0.05)."""
    preprocess_mode: str = "auto"
    """Manifold pre-processing: "auto" runs it only when the mesh is not a manifold."""
    preprocess_resolution: int = 30
    """Voxel resolution of the manifold pre-processing (obj2mjcf: 50)."""
    resolution: int = 1000
    """Samples for the concavity metric (obj2mjcf: 2000)."""
    mcts_nodes: int = 20
    """Children explored per MCTS node."""
    mcts_iterations: int = 60
    """MCTS iterations (obj2mjcf: 100)."""
    mcts_max_depth: int = 2
    """MCTS search depth (obj2mjcf: 3)."""
    max_convex_hull: int = 32
    """Upper bound on hulls per mesh; merging stops there (-1: no bound)."""
    max_ch_vertex: int = 64
    """Vertices per hull CoACD keeps."""
    seed: int = 0
    """Random seed: the same mesh and settings give the same hulls."""


PHYSX_GPU_HULL_VERTICES = 64
"""Most vertices a convex hull may have for PhysX to simulate it on the GPU (Isaac Sim and Isaac
Lab fall back to the CPU, or refuse, above it)."""


@dataclass(frozen=True)
class ColliderSettings:
    coacd: CoacdSettings = field(default_factory=CoacdSettings)
    max_hull_vertices: int = PHYSX_GPU_HULL_VERTICES
    """Cap on the vertices of any hull (built-in parts included); larger hulls are simplified.
    The default is PhysX's GPU limit, so Isaac Sim simulates every collider on the GPU as written."""
    max_faces: int = 20000
    """Meshes with more faces are decimated before decomposition."""
    timeout_s: float = 120.0
    """Wall-clock limit per CoACD run; past it the worker is killed and the hull fallback used."""
    workers: int = 0
    """Parallel CoACD processes (0: one per core)."""


@dataclass
class ColliderResult:
    hulls: list[Mesh]
    method: str  # "exact" | "coacd" | "convex_hull" | "box"
    reason: str = ""
    seconds: float = 0.0
    cached: bool = False

    def summary(self) -> dict:
        return {"method": self.method, "hulls": len(self.hulls), "reason": self.reason,
                "seconds": round(self.seconds, 3), "cached": self.cached}


# -- repair and simplification -------------------------------------------------------------------

def repair(vertices, faces) -> tuple[Mesh, list[str]]:
    """A cleaned copy of a triangle mesh and notes on what was wrong. Raises ValueError when
    nothing usable is left (empty, all NaN, all degenerate)."""
    import trimesh

    notes = []
    v = np.asarray(vertices, dtype=float).reshape(-1, 3)
    f = np.asarray(faces, dtype=np.int64).reshape(-1, 3) if len(faces) else np.zeros((0, 3), np.int64)
    if len(v) == 0 or len(f) == 0:
        raise ValueError("empty mesh")
    bad_v = ~np.isfinite(v).all(axis=1)
    if bad_v.any():
        notes.append(f"{int(bad_v.sum())} non-finite vertices removed")
        keep_f = ~bad_v[np.clip(f, 0, len(v) - 1)].any(axis=1) & (f < len(v)).all(axis=1) & (f >= 0).all(axis=1)
        f = f[keep_f]
        v = np.where(bad_v[:, None], 0.0, v)
    out_of_range = ~((f >= 0) & (f < len(v))).all(axis=1)
    if out_of_range.any():
        notes.append(f"{int(out_of_range.sum())} faces with invalid indices removed")
        f = f[~out_of_range]
    m = trimesh.Trimesh(v, f, process=True, validate=False)
    n0 = len(m.faces)
    m.update_faces(m.nondegenerate_faces())
    m.update_faces(m.unique_faces())
    m.remove_unreferenced_vertices()
    if len(m.faces) < n0:
        notes.append(f"{n0 - len(m.faces)} degenerate or duplicate faces removed")
    if len(m.faces) == 0:
        raise ValueError("no non-degenerate faces")
    if not m.is_winding_consistent or (m.is_watertight and m.volume < 0):
        trimesh.repair.fix_normals(m)
        notes.append("face winding made consistent")
    if not m.is_watertight:
        trimesh.repair.fill_holes(m)
        notes.append("not watertight" + (" (holes filled)" if m.is_watertight else ""))
    return (np.asarray(m.vertices, float), np.asarray(m.faces, np.int64)), notes


def decimate(mesh: Mesh, max_faces: int) -> Mesh:
    """Vertex-clustering decimation down to at most ``max_faces``: vertices are merged on a grid
    whose cell grows until few enough faces remain. Coarse but robust, and enough for CoACD, which
    voxelises its input anyway; ours, not quadric simplification (fast-simplification, which the
    visual meshes use): CoACD took 4.5x longer on the finer quadric result of a 40k-face torus.
    Small meshes pass through."""
    v, f = mesh
    if len(f) <= max_faces:
        return mesh
    lo, hi = v.min(axis=0), v.max(axis=0)
    cell = float((hi - lo).max()) / 256.0
    while True:
        keys = np.floor((v - lo) / cell).astype(np.int64)
        _, index, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        faces = inverse[f]
        faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])]
        _, first = np.unique(np.sort(faces, axis=1), axis=0, return_index=True)
        faces = faces[np.sort(first)]
        if len(faces) <= max_faces or cell > float((hi - lo).max()):
            # each cluster is represented by the mean of its vertices
            sums = np.zeros((len(index), 3))
            np.add.at(sums, inverse, v)
            counts = np.bincount(inverse, minlength=len(index))[:, None]
            return sums / counts, faces
        cell *= 1.5


def hull(points: np.ndarray, max_vertices: int) -> Mesh | None:
    """Convex hull of points with at most ``max_vertices`` vertices (farthest-point subsampling of
    the hull's vertices when there are more); None when the points are degenerate (flat)."""
    import trimesh

    pts = np.asarray(points, float)
    pts = pts[np.isfinite(pts).all(axis=1)]
    if len(pts) < 4:
        return None
    try:
        h = trimesh.convex.convex_hull(pts)
    except Exception:  # noqa: BLE001 - qhull raises on coplanar input
        return None
    if h.volume <= 1e-12:
        return None
    hv = np.asarray(h.vertices)
    if len(hv) > max_vertices:
        chosen = [int(np.argmax(np.linalg.norm(hv - hv.mean(axis=0), axis=1)))]
        d = np.linalg.norm(hv - hv[chosen[0]], axis=1)
        while len(chosen) < max_vertices:
            k = int(np.argmax(d))
            chosen.append(k)
            d = np.minimum(d, np.linalg.norm(hv - hv[k], axis=1))
        h = trimesh.convex.convex_hull(hv[chosen])
    return np.asarray(h.vertices, float), np.asarray(h.faces, np.int64)


def box_of(points: np.ndarray, min_thickness: float = 0.002) -> Mesh:
    import trimesh

    pts = np.asarray(points, float)
    pts = pts[np.isfinite(pts).all(axis=1)] if len(pts) else np.zeros((1, 3))
    lo, hi = (pts.min(axis=0), pts.max(axis=0)) if len(pts) else (np.zeros(3), np.zeros(3))
    ext = np.maximum(hi - lo, min_thickness)
    b = trimesh.creation.box(extents=ext)
    b.apply_translation((lo + hi) / 2)
    return np.asarray(b.vertices, float), np.asarray(b.faces, np.int64)


# -- CoACD in isolated processes -----------------------------------------------------------------

def run_coacd_isolated(jobs: dict[str, Mesh], settings: ColliderSettings,
                       worker: str = "physics.coacd_worker") -> dict[str, tuple[str, object, float]]:
    """CoACD for several meshes, each in its own ``python -m physics.coacd_worker`` process, at
    most ``workers`` at a time; a worker past ``timeout_s`` is killed.
    Returns key -> ("ok", hulls, seconds) or ("error", reason, seconds)."""
    workers = settings.workers or os.cpu_count() or 1
    kwargs = json.dumps(asdict(settings.coacd))
    pending = sorted(jobs)
    running: dict[str, tuple[subprocess.Popen, float, threading.Thread, list]] = {}
    results: dict[str, tuple[str, object, float]] = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                                       os.environ.get("PYTHONPATH", "")]))}
    while pending or running:
        while pending and len(running) < workers:
            key = pending.pop(0)
            v, f = jobs[key]
            buf = io.BytesIO()
            np.savez(buf, vertices=np.asarray(v, float), faces=np.asarray(f, np.int32), kwargs=np.array(kwargs))
            proc = subprocess.Popen([sys.executable, "-m", worker], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            box: list = []
            # communicate() in a thread: pipes are drained while we watch the clock
            t = threading.Thread(target=lambda p=proc, b=box, d=buf.getvalue(): b.append(p.communicate(d)), daemon=True)
            t.start()
            running[key] = (proc, time.monotonic(), t, box)
        time.sleep(0.02)
        for key, (proc, start, t, box) in list(running.items()):
            elapsed = time.monotonic() - start
            if not t.is_alive():
                running.pop(key)
                out, err = box[0] if box else (b"", b"")
                if proc.returncode == 0:
                    try:
                        with np.load(io.BytesIO(out), allow_pickle=False) as z:
                            n = sum(1 for k in z.files if k.startswith("v"))
                            hulls = [(z[f"v{i}"], z[f"f{i}"]) for i in range(n)]
                        results[key] = ("ok", hulls, elapsed)
                        continue
                    except (OSError, ValueError) as exc:
                        results[key] = ("error", f"CoACD output unreadable ({exc})", elapsed)
                        continue
                last = err.decode(errors="replace").strip().splitlines()[-1:] if err else []
                results[key] = ("error", f"CoACD failed (exit code {proc.returncode}{': ' + last[0] if last else ''})", elapsed)
            elif elapsed > settings.timeout_s:
                proc.kill()
                t.join(5)
                running.pop(key)
                results[key] = ("error", f"CoACD timed out after {settings.timeout_s:.0f} s", elapsed)
    return results


# -- cache and entry points ------------------------------------------------------------------------

def mesh_key(mesh: Mesh, settings: ColliderSettings) -> str:
    v, f = mesh
    h = hashlib.sha256()
    h.update(np.ascontiguousarray(np.asarray(v, np.float64)).tobytes())
    h.update(np.ascontiguousarray(np.asarray(f, np.int64)).tobytes())
    h.update(json.dumps(asdict(settings), sort_keys=True).encode())
    return h.hexdigest()[:32]


def _save(path: Path, res: ColliderResult) -> None:
    from vipscene_sim.atomic import atomic_write_bytes

    arrays = {"meta": np.array(json.dumps({"method": res.method, "reason": res.reason, "seconds": res.seconds}))}
    for i, (v, f) in enumerate(res.hulls):
        arrays[f"v{i}"], arrays[f"f{i}"] = v, f
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    atomic_write_bytes(path, buf.getvalue())


def _load(path: Path) -> ColliderResult | None:
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            n = sum(1 for k in z.files if k.startswith("v"))
            hulls = [(z[f"v{i}"], z[f"f{i}"]) for i in range(n)]
        return ColliderResult(hulls, meta["method"], meta["reason"], meta["seconds"], cached=True)
    except (OSError, ValueError, KeyError):
        return None


def split_pieces(mesh: Mesh, max_pieces: int = 64) -> list[Mesh]:
    """Connected components, largest first; past ``max_pieces`` the small rest is merged."""
    import trimesh

    m = trimesh.Trimesh(*mesh, process=False)
    parts = m.split(only_watertight=False)
    if len(parts) <= 1:
        return [mesh]
    parts = sorted(parts, key=lambda p: -float(np.prod(np.maximum(p.extents, 1e-6))))
    if len(parts) > max_pieces:
        parts = parts[:max_pieces - 1] + [trimesh.util.concatenate(parts[max_pieces - 1:])]
    return [(np.asarray(p.vertices, float), np.asarray(p.faces, np.int64)) for p in parts]


def _is_convex(mesh: Mesh) -> bool:
    import trimesh

    m = trimesh.Trimesh(*mesh, process=False)
    if not m.is_watertight or m.volume <= 0:
        return False
    try:
        return abs(m.convex_hull.volume - m.volume) <= 0.02 * m.volume
    except Exception:  # noqa: BLE001 - qhull on degenerate input
        return False


def decompose_meshes(meshes: dict[str, Mesh], settings: ColliderSettings = ColliderSettings(),
                     cache_dir: str | os.PathLike | None = None, worker: str = "physics.coacd_worker"
                     ) -> dict[str, ColliderResult]:
    """Colliders for arbitrary meshes: repaired, split into connected pieces (a convex piece is
    its own hull), decimated, the rest through CoACD in parallel isolated workers with a hull or
    box fallback; identical meshes are decomposed once and cached on disk."""
    cache = Path(cache_dir) / "colliders" if cache_dir is not None else None
    out: dict[str, ColliderResult] = {}
    todo: dict[str, list] = {}  # key -> per piece: hull list (done) or job name
    jobs: dict[str, Mesh] = {}
    notes: dict[str, list[str]] = {}
    for name in sorted(meshes):
        key = mesh_key(meshes[name], settings)
        if key in out or key in todo:
            continue
        if cache is not None and (hit := _load(cache / f"{key}.npz")) is not None:
            out[key] = hit
            continue
        try:
            fixed, notes[key] = repair(*meshes[name])
        except ValueError as exc:
            pts = np.asarray(meshes[name][0], float).reshape(-1, 3)
            out[key] = ColliderResult([box_of(pts)], "box", f"mesh unusable ({exc}); bounding box used")
            continue
        pieces = split_pieces(fixed)
        if len(pieces) > 1:
            notes[key].append(f"{len(pieces)} separate pieces")
        todo[key] = []
        for i, piece in enumerate(pieces):
            if _is_convex(piece):
                h = hull(piece[0], settings.max_hull_vertices)
                todo[key].append([h] if h is not None else [])
            else:
                jobs[f"{key}#{i}"] = decimate(piece, settings.max_faces)
                todo[key].append(f"{key}#{i}")
    ran = run_coacd_isolated(jobs, settings, worker) if jobs else {}
    for key, pieces in todo.items():
        hulls, methods, failures, seconds = [], set(), [], 0.0
        for piece in pieces:
            if not isinstance(piece, str):
                hulls += piece
                methods.add("convex pieces")
                continue
            status, payload, secs = ran[piece]
            seconds += secs
            got = [h for h in (hull(v, settings.max_hull_vertices) for v, _ in payload) if h is not None] if status == "ok" else []
            if got:
                hulls += got
                methods.add("coacd")
                continue
            failures.append(payload if status != "ok" else "CoACD returned only degenerate hulls")
            h = hull(jobs[piece][0], settings.max_hull_vertices)
            if h is not None:
                hulls.append(h)
                methods.add("convex_hull")
            else:
                hulls.append(box_of(jobs[piece][0]))
                methods.add("box")
        note = "; ".join(notes.get(key, []))
        method = ("coacd" if "coacd" in methods else "convex_hull" if "convex_hull" in methods
                  else "box" if "box" in methods else "convex_pieces")
        reason = "; ".join(failures + ([f"{m} used" for m in ("convex_hull", "box") if m in methods] if failures else [])
                           + ([note] if note else []))
        out[key] = ColliderResult(hulls, method, reason, seconds)
    if cache is not None:
        for key, res in out.items():
            if not res.cached:
                _save(cache / f"{key}.npz", res)
    return {name: out[mesh_key(meshes[name], settings)] for name in meshes}


def exact_parts(parts: Sequence[Mesh], settings: ColliderSettings = ColliderSettings()) -> ColliderResult:
    """Colliders of an asset already made of convex parts (the built-in library): the parts
    themselves, each capped at ``max_hull_vertices``."""
    hulls = []
    for v, f in parts:
        h = hull(v, settings.max_hull_vertices) if len(v) > settings.max_hull_vertices else (np.asarray(v, float), np.asarray(f, np.int64))
        if h is not None:
            hulls.append(h)
    return ColliderResult(hulls, "exact", "" if len(hulls) == len(parts) else "degenerate parts dropped")
