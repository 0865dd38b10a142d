"""The ``vggt`` reconstruction backend: facebookresearch/vggt (Visual Geometry Grounded
Transformer), one feed-forward pass over all frames for depth, confidence and cameras.

VGGT is not on PyPI; the user installs it from its repository (``INSTALL``). The model sees frames
resized to 518 px wide with the height rounded to a multiple of 14 and centre-cropped to at most
518 (VGGT's "crop" preprocessing, reimplemented here on arrays so we know exactly where every pixel
went). Its outputs are converted to our conventions by ``vggt_to_geometry`` (pure numpy, unit
tested without VGGT): camera-from-world extrinsics -> camera-to-world, intrinsics and depth mapped
back to the frames' own pixels (rows cropped away get no depth), and VGGT's confidence (1 + exp(x),
unbounded) to [0, 1). VGGT's world is the first camera's frame at an arbitrary scale (it normalises
by the mean point distance), so the Geometry is not metric: lifting finds gravity from the floor and
the scale from the camera height and typical furniture sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import UserError

INSTALL = "pip install git+https://github.com/facebookresearch/vggt"
TARGET_WIDTH = 518
PATCH = 14


@dataclass(frozen=True)
class VggtSettings:
    model: str = "facebook/VGGT-1B"
    """Hugging Face id or local folder of the VGGT weights."""
    revision: str | None = None
    device: str = "auto"
    precision: str = "auto"
    """auto: bf16 on GPUs that have it (Ampere and newer), else fp16; fp32 on the CPU."""
    max_frames: int = 60
    """VGGT attends over all frames at once: memory grows with the count (VGGT's README, H100:
    10 frames 3.6 GB, 50 frames 11.4 GB, 100 frames 21.2 GB)."""


@dataclass(frozen=True)
class Preprocessed:
    images: np.ndarray  # (N, 3, h, w) float32 in [0, 1]
    scale_x: float  # model pixels per frame pixel, across
    scale_y: float  # and down (rounding the height to 14 px makes it differ by a hair)
    crop_top: int  # rows of the resized frame cut from the top
    frame_size: tuple[int, int]  # (H, W) of the original frames


def preprocess(frames: np.ndarray) -> Preprocessed:
    """VGGT's "crop" mode: width 518, height scaled and rounded to a multiple of 14, then
    centre-cropped to 518 rows when taller."""
    from PIL import Image

    n, h, w = frames.shape[:3]
    new_w = TARGET_WIDTH
    new_h = max(PATCH, round(h * new_w / w / PATCH) * PATCH)
    top = (new_h - TARGET_WIDTH) // 2 if new_h > TARGET_WIDTH else 0
    out_h = min(new_h, TARGET_WIDTH)
    images = np.empty((n, 3, out_h, new_w), np.float32)
    for k in range(n):
        im = Image.fromarray(frames[k]).resize((new_w, new_h), Image.Resampling.BICUBIC)
        images[k] = (np.asarray(im, np.float32) / 255.0)[top:top + out_h].transpose(2, 0, 1)
    return Preprocessed(images, new_w / w, new_h / h, top, (h, w))


def vggt_to_geometry(extrinsic: np.ndarray, intrinsic: np.ndarray, depth: np.ndarray, depth_conf: np.ndarray,
                     pre: Preprocessed):
    """VGGT outputs for one video -> Geometry at the frames' resolution.

    ``extrinsic`` (N, 3, 4) camera-from-world (OpenCV axes), ``intrinsic`` (N, 3, 3) in model
    pixels, ``depth`` (N, h, w) or (N, h, w, 1) along the optical axis, ``depth_conf`` (N, h, w).
    """
    from .geometry import Geometry

    depth = np.asarray(depth, np.float32)
    if depth.ndim == 4:
        depth = depth[..., 0]
    n, mh, mw = depth.shape
    H, W = pre.frame_size
    sx, sy, top = pre.scale_x, pre.scale_y, pre.crop_top
    # frame point (u, v) (continuous, pixel corners at integers) sits at model (u sx, v sy - top)
    K = np.array(intrinsic, float).copy()
    K[:, 0, 0] /= sx
    K[:, 0, 2] /= sx
    K[:, 1, 1] /= sy
    K[:, 1, 2] = (K[:, 1, 2] + top) / sy
    poses = np.zeros((n, 4, 4))
    for k in range(n):
        w2c = np.eye(4)
        w2c[:3] = extrinsic[k]
        poses[k] = np.linalg.inv(w2c)
    conf = 1.0 - 1.0 / np.maximum(np.asarray(depth_conf, np.float32), 1.0)
    # nearest model pixel of every frame pixel centre; rows cropped away get no depth
    cols = np.minimum(np.floor((np.arange(W) + 0.5) * sx).astype(int), mw - 1)
    rows = np.floor((np.arange(H) + 0.5) * sy - top).astype(int)
    seen = (rows >= 0) & (rows < mh)
    out_d = np.zeros((n, H, W), np.float32)
    out_c = np.zeros((n, H, W), np.float32)
    out_d[:, seen] = depth[:, rows[seen]][:, :, cols]
    out_c[:, seen] = conf[:, rows[seen]][:, :, cols]
    bad = ~np.isfinite(out_d) | (out_d <= 0)
    out_d[bad] = 0.0
    out_c[bad] = 0.0
    return Geometry(out_d, out_c, K, poses, False, "vggt")


def vggt_available() -> bool:
    from importlib.util import find_spec

    return find_spec("vggt") is not None


def require_vggt() -> None:
    """A UserError with the install line when VGGT is not installed."""
    if not vggt_available():
        raise UserError(f"--reconstruct vggt needs VGGT, which is not on PyPI: {INSTALL} "
                        "(or use --reconstruct depth_sfm)")


def vggt_geometry(frames: np.ndarray, settings: VggtSettings = VggtSettings(), model=None) -> tuple:
    """(N, H, W, 3) uint8 -> (Geometry, report). ``model``: an already loaded VGGT module."""
    import time

    from ..ml import from_pretrained, resolve_device, resolve_dtype, torch_module

    torch = torch_module("VGGT reconstruction")
    require_vggt()
    from vggt.utils.pose_enc import pose_encoding_to_extri_intri

    if len(frames) > settings.max_frames:
        raise UserError(f"VGGT sees all frames at once; {len(frames)} frames exceed --max-frames {settings.max_frames}")
    device = resolve_device(settings.device)
    dtype = resolve_dtype(device, settings.precision)
    t0 = time.perf_counter()
    if model is None:
        from vggt.models.vggt import VGGT

        model = from_pretrained(VGGT, settings.model, settings.revision, "VGGT", "--vggt-model")
    model = model.to(device).eval()
    pre = preprocess(frames)
    images = torch.from_numpy(pre.images).to(device)
    t1 = time.perf_counter()
    with torch.inference_mode(), torch.autocast(device_type=device.split(":")[0], dtype=dtype,
                                                enabled=dtype != torch.float32):
        pred = model(images)
    extrinsic, intrinsic = pose_encoding_to_extri_intri(pred["pose_enc"], images.shape[-2:])
    t2 = time.perf_counter()
    geometry = vggt_to_geometry(extrinsic[0].float().cpu().numpy(), intrinsic[0].float().cpu().numpy(),
                                pred["depth"][0].float().cpu().numpy(), pred["depth_conf"][0].float().cpu().numpy(),
                                pre)
    report = {"backend": "vggt", "model": settings.model, "revision": settings.revision, "device": device,
              "precision": str(dtype).replace("torch.", ""), "model_input": list(pre.images.shape[2:]),
              "metric": False, "seconds": {"load": round(t1 - t0, 3), "inference": round(t2 - t1, 3)}}
    return geometry, report


class VggtBackend:
    """The ``vggt`` reconstruction backend (see `vipscene_sim.reconstruct.RECONSTRUCTORS`)."""

    inputs = "video"

    def settings(self, request) -> VggtSettings:
        from ..ml import split_model_ref

        model, rev = split_model_ref(request.vggt_model, VggtSettings.model)
        return VggtSettings(model=model, revision=rev, max_frames=request.max_frames, device=request.device,
                            precision=request.precision)

    def load(self, request, models) -> None:
        if not models.has("vggt"):
            require_vggt()
            from ..ml import require_weights

            s = self.settings(request)
            require_weights(s.model, s.revision, "VGGT", "--vggt-model")

    def run(self, source, request, models, progress=None) -> tuple:
        return vggt_geometry(source.frames, self.settings(request), models.get("vggt", lambda: None))

    def describe(self, report: dict) -> str:
        return f"vggt: {report['model']}"
