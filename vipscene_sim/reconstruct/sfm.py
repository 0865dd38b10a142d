"""Camera poses and intrinsics of a walkthrough by incremental structure from motion (pycolmap:
SIFT features, sequential matching as suits a video, incremental mapping with bundle adjustment).

All frames share one pinhole camera (a video), its focal length estimated unless given. The result
is up to an unknown similarity: ``depth_sfm`` fixes the scale with metric depth and lifting finds
gravity from the floor. Poses are camera-to-world in the OpenCV convention COLMAP uses too (x
right, y down, z forward). Frames SfM could not register keep the pose of their nearest registered
neighbour and are flagged, so the caller can ignore their depth.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import UserError

INSTALL = "pip install pycolmap (or the 'gen' extra)"


@dataclass(frozen=True)
class SfmSettings:
    max_features: int = 4096
    """SIFT features per frame."""
    overlap: int = 10
    """Each frame is matched with this many following frames (and, quadratically, a few further)."""
    camera_model: str = "SIMPLE_PINHOLE"
    """COLMAP camera model shared by all frames; generated videos have no lens distortion, phone
    videos a little (use SIMPLE_RADIAL)."""
    focal_px: float | None = None
    """Known focal length in pixels (kept fixed); None estimates it from a 1.2 x image size prior."""
    min_registered: float = 0.5
    """Below this fraction of frames registered the reconstruction is refused (a pure rotation,
    a textureless video)."""
    threads: int = 1
    """Threads for COLMAP's matching and mapping. More is faster (2 threads: about 1.45x) but COLMAP
    is then not deterministic (poses differed by up to a metre between two runs of one video), and
    the same input must give the same output."""
    seed: int = 0


@dataclass
class SfmResult:
    K: np.ndarray  # (3, 3) shared pinhole intrinsics, pixels
    cam_to_world: np.ndarray  # (N, 4, 4); unregistered frames: the nearest registered pose
    registered: np.ndarray  # (N,) bool
    observations: list[tuple[np.ndarray, np.ndarray]]
    """Per frame: pixel coordinates (M, 2) of triangulated points and their depth (M,) along the
    optical axis, in SfM units."""
    reprojection_px: float
    points: int

    def summary(self) -> dict:
        return {"registered": int(self.registered.sum()), "frames": len(self.registered),
                "focal_px": round(float(self.K[0, 0]), 2), "points": self.points,
                "reprojection_px": round(self.reprojection_px, 3)}


def require_pycolmap():
    """The pycolmap module, or the exit-2 line that says how to install it."""
    try:
        import pycolmap
    except ImportError as exc:
        raise UserError(f"structure from motion needs pycolmap: {INSTALL} ({exc})") from None
    return pycolmap


def run_sfm(frames: np.ndarray, settings: SfmSettings = SfmSettings()) -> SfmResult:
    """(N, H, W, 3) uint8 frames of one video -> shared intrinsics and per-frame poses."""
    pycolmap = require_pycolmap()
    from PIL import Image

    n, h, w = frames.shape[:3]
    if n < 2:
        raise UserError(f"structure from motion needs at least 2 frames, the video has {n}")
    pycolmap.logging.minloglevel = 2  # COLMAP's progress goes to its log, not the user's terminal
    with tempfile.TemporaryDirectory(prefix="vipscene_sfm_") as tmp:
        tmp = Path(tmp)
        (tmp / "images").mkdir()
        names = [f"{i:05d}.png" for i in range(n)]
        for name, f in zip(names, frames):
            Image.fromarray(f).save(tmp / "images" / name)
        db = tmp / "database.db"
        reader = pycolmap.ImageReaderOptions()
        reader.camera_model = settings.camera_model
        if settings.focal_px:
            model = pycolmap.Camera.create(0, settings.camera_model, settings.focal_px, w, h)
            reader.camera_params = ",".join(str(float(p)) for p in model.params)
        extract = pycolmap.FeatureExtractionOptions()
        extract.num_threads = settings.threads
        extract.sift.max_num_features = settings.max_features
        pycolmap.extract_features(db, tmp / "images", image_names=names, camera_mode=pycolmap.CameraMode.SINGLE,
                                  reader_options=reader, extraction_options=extract, device=pycolmap.Device.cpu)
        pairing = pycolmap.SequentialPairingOptions()
        pairing.overlap = settings.overlap
        pairing.quadratic_overlap = True
        matching = pycolmap.FeatureMatchingOptions()
        matching.num_threads = settings.threads
        pycolmap.match_sequential(db, matching_options=matching, pairing_options=pairing, device=pycolmap.Device.cpu)
        mapping = pycolmap.IncrementalPipelineOptions()
        mapping.num_threads = settings.threads
        mapping.random_seed = settings.seed
        if settings.focal_px:
            mapping.ba_refine_focal_length = False
        models = pycolmap.incremental_mapping(db, tmp / "images", tmp / "sparse", options=mapping)
    if not models:
        raise UserError(f"structure from motion registered none of the {n} frames: the video needs texture and "
                        "camera translation (a pure rotation or a blank wall cannot be reconstructed)")
    rec = max(models.values(), key=lambda r: r.num_reg_images())
    return _result(rec, names, settings, n)


def _result(rec, names: list[str], settings: SfmSettings, n: int) -> SfmResult:
    poses = np.full((n, 4, 4), np.nan)
    registered = np.zeros(n, bool)
    observations: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros((0, 2)), np.zeros(0))] * n
    xyz = {pid: p.xyz for pid, p in rec.points3D.items()}
    for image in rec.images.values():
        if not image.has_pose:
            continue
        k = names.index(image.name)
        w2c = np.eye(4)
        w2c[:3] = image.cam_from_world().matrix()
        poses[k] = np.linalg.inv(w2c)
        registered[k] = True
        uv, pts = [], []
        for p2d in image.points2D:
            if p2d.has_point3D():
                uv.append(p2d.xy)
                pts.append(xyz[p2d.point3D_id])
        if pts:
            cam = (np.asarray(pts) @ w2c[:3, :3].T) + w2c[:3, 3]
            ok = cam[:, 2] > 0
            observations[k] = (np.asarray(uv)[ok], cam[ok, 2])
    if registered.sum() < max(2, settings.min_registered * n):
        raise UserError(f"structure from motion registered only {int(registered.sum())} of {n} frames: the video "
                        "needs texture and camera translation (a pure rotation or a blank wall cannot be "
                        "reconstructed)")
    idx = np.nonzero(registered)[0]
    for k in np.nonzero(~registered)[0]:
        poses[k] = poses[idx[np.argmin(np.abs(idx - k))]]
    cam = next(iter(rec.cameras.values()))
    K = np.asarray(cam.calibration_matrix(), float)
    return SfmResult(K, poses, registered, observations, float(rec.compute_mean_reprojection_error()),
                     int(rec.num_points3D()))
