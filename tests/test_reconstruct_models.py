"""Reconstruction backends on real synthetic walkthroughs: video reading, the depth model's real
loading and inference code (tiny random Depth Anything), structure from motion with pycolmap and
the scale alignment of depth_sfm, VGGT's output conversion, and model errors a user can fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tiny_models import save_pretrained, tiny_depth_anything

from vipscene_sim.errors import MissingExtraError, UserError
from vipscene_sim.evaluate.camera_accuracy import align_cameras, camera_errors
from vipscene_sim.reconstruct.depth_model import DepthModel, DepthModelSettings
from vipscene_sim.reconstruct.depth_sfm import depth_sfm_geometry
from vipscene_sim.reconstruct.vggt import preprocess, vggt_to_geometry
from vipscene_sim.synth import CameraSettings
from vipscene_sim.video import read_video

ROOT = Path(__file__).resolve().parent.parent
WALK = CameraSettings(path="orbit", frames=36, width=320, height=240)  # as conftest.bedroom_orbit


@pytest.fixture(scope="module")
def walk(bedroom_orbit):
    """(folder, walkthrough arrays) of the bedroom orbit (conftest)."""
    return bedroom_orbit[:2]


class ScaledTruth:
    """A stand-in depth model that returns the true depth, each frame off by its own factor (how
    monocular metric depth errs), to check depth_sfm's scale alignment against known metres."""

    def __init__(self, depth, factors):
        self.depth, self.factors = depth, factors
        self.settings = DepthModelSettings(model="truth x per-frame factor")
        self.device = "cpu"

    def predict(self, frames, progress=None):
        return (self.depth * self.factors[:, None, None]).astype(np.float32)


def test_read_video_folders_files_and_bad_input(walk, tmp_path):
    folder, _ = walk
    v = read_video(folder)
    assert v.frames.shape == (WALK.frames, WALK.height, WALK.width, 3) and v.frames.dtype == np.uint8
    sub = read_video(folder, max_frames=5)
    assert sub.indices == [0, 9, 18, 26, 35] and len(sub.frames) == 5  # evenly spaced, first and last kept
    assert np.array_equal(sub.frames[2], v.frames[18])
    import imageio.v2 as iio

    iio.mimwrite(tmp_path / "walk.mp4", list(v.frames[:6]), fps=8, format="FFMPEG", macro_block_size=1)
    mp4 = read_video(tmp_path / "walk.mp4")
    assert mp4.frames.shape == (6, WALK.height, WALK.width, 3) and mp4.fps == pytest.approx(8)
    assert np.abs(mp4.frames.astype(int) - v.frames[:6]).mean() < 12  # lossy, but the same frames
    (tmp_path / "empty").mkdir()
    (tmp_path / "mixed").mkdir()
    from PIL import Image

    Image.new("RGB", (32, 32)).save(tmp_path / "mixed" / "a.png")
    Image.new("RGB", (40, 32)).save(tmp_path / "mixed" / "b.png")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "a.png").write_bytes(b"not a png")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "broken.mp4").write_bytes(b"\x00" * 64)
    for bad, words in ((tmp_path / "empty", "no frames"), (tmp_path / "mixed", "differ in size"),
                       (tmp_path / "junk", "unreadable image"), (tmp_path / "notes.txt", "not a video"),
                       (tmp_path / "broken.mp4", "unreadable video"), (tmp_path / "nothing", "no such")):
        with pytest.raises(UserError, match=words):
            read_video(bad)


def test_depth_model_runs_the_real_transformers_code_and_loads_from_a_folder(tmp_path):
    model, processor = tiny_depth_anything()
    folder = save_pretrained(model, processor, tmp_path / "depth")
    dm = DepthModel(DepthModelSettings(model=str(folder), batch_size=3))  # the real loading path
    frames = np.random.default_rng(0).integers(0, 255, (5, 60, 80, 3), dtype=np.uint8)
    depth = dm.predict(frames)
    assert depth.shape == (5, 60, 80) and depth.dtype == np.float32
    assert np.isfinite(depth).all() and (depth > 0).all() and depth.max() <= 10.0  # the head's max depth
    # batching does not change the answer
    assert np.allclose(DepthModel(DepthModelSettings(batch_size=1), model, processor).predict(frames), depth,
                       atol=1e-4)
    model.config.depth_estimation_type = "relative"
    with pytest.raises(UserError, match="relative depth"):
        DepthModel(DepthModelSettings(), model, processor)


def test_missing_model_is_one_clear_error(tmp_path, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(UserError) as err:
        DepthModel(DepthModelSettings(model="vipscene-test/no-such-depth-model", revision="v9"))
    msg = str(err.value)
    assert "vipscene-test/no-such-depth-model" in msg and "v9" in msg and "hf download" in msg
    assert "HF_HUB_OFFLINE" in msg and "--depth-model" in msg
    import torch

    if not torch.cuda.is_available():
        with pytest.raises(UserError, match="no CUDA GPU"):
            DepthModel(DepthModelSettings(device="cuda"))
    with pytest.raises(UserError, match="--precision"):
        DepthModel(DepthModelSettings(device="cpu", precision="fp8"))


def test_missing_extra_names_the_pip_install(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_torch(name, *a, **k):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(MissingExtraError, match=r"pip install 'vipscene-sim\[gen\]'"):
        DepthModel(DepthModelSettings())


def test_sfm_poses_and_depth_sfm_scale_on_a_synthetic_walkthrough(walk):
    folder, arrays = walk
    frames = read_video(folder).frames
    rng = np.random.default_rng(1)
    factors = rng.uniform(0.85, 1.15, len(frames))
    geometry, report = depth_sfm_geometry(frames, depth_model=ScaledTruth(arrays["depth"], factors))
    # lossless frames of a textured room: pycolmap (single-threaded, so deterministic) registers all
    assert report.fallback is None and report.sfm["registered"] == WALK.frames
    assert abs(report.sfm["focal_px"] / arrays["K"][0, 0] - 1) < 0.03
    # poses from the RGB frames alone, up to a similarity
    err = camera_errors(geometry.cam_to_world, arrays["cam_to_world"])
    assert err["rot_max_deg"] < 2.0 and err["trans_max_frac"] < 0.05, err
    # metric: no scale allowed in the alignment, the scale came from the (noisy) depth
    metric = camera_errors(geometry.cam_to_world, arrays["cam_to_world"], with_scale=False)
    assert metric["trans_mean_frac"] < 0.03, metric
    assert geometry.metric and geometry.source == "depth_sfm"
    # each frame's depth was brought back to the multi-view scale: the factors are undone
    ratio = [np.median(geometry.depth[k][arrays["depth"][k] > 0] / arrays["depth"][k][arrays["depth"][k] > 0])
             for k in range(len(frames))]
    assert np.percentile(np.abs(np.log(ratio)), 90) < 0.04


def test_depth_sfm_falls_back_to_one_view_when_sfm_cannot_match_the_frames():
    from vipscene_sim.reconstruct.depth_sfm import DepthSfmSettings

    frames = np.random.default_rng(0).integers(0, 255, (5, 96, 128, 3), dtype=np.uint8)  # nothing to match
    depth = DepthModel(DepthModelSettings(batch_size=5), *tiny_depth_anything())
    geometry, report = depth_sfm_geometry(frames, DepthSfmSettings(), depth)
    assert report.fallback.startswith("single view (frame 2): structure from motion")
    assert report.sfm is None and report.scale_m_per_unit is None
    assert report.unregistered_frames == [0, 1, 3, 4] and report.focal_from.startswith("assumed 60")
    assert (geometry.depth[2] > 0).all() and not geometry.depth[[0, 1, 3, 4]].any()
    assert geometry.K[0, 0, 0] == pytest.approx(64 / np.tan(np.radians(30)))
    pose = geometry.cam_to_world[2]
    assert np.allclose(pose[:3, 3], [0, 0, 1.5]) and np.allclose(pose[:3, 2], [1, 0, 0])  # level, looking along +X
    with pytest.raises(UserError, match="structure from motion"):
        depth_sfm_geometry(frames, DepthSfmSettings(single_view_fallback=False), depth)


def test_vggt_outputs_map_back_to_the_frames_pixels(walk):
    """VGGT's depth and cameras at its own 518-px input, made from the truth, come back as the
    truth up to VGGT's frame (first camera, arbitrary scale)."""
    _, arrays = walk
    frames = np.zeros((4, WALK.height, WALK.width, 3), np.uint8)
    pre = preprocess(frames)
    n, _, mh, mw = pre.images.shape
    assert mw == 518 and mh % 14 == 0
    true_c2w = arrays["cam_to_world"][:4]
    K = arrays["K"]
    # VGGT's outputs: world = first camera, scale 1/2.5; intrinsics and depth at model pixels
    first = np.linalg.inv(true_c2w[0])
    scale = 1 / 2.5
    extrinsic = np.zeros((n, 3, 4))
    for k in range(n):
        c2w = first @ true_c2w[k]
        c2w[:3, 3] *= scale
        extrinsic[k] = np.linalg.inv(c2w)[:3]
    Km = np.repeat(K[None], n, axis=0).copy()
    Km[:, 0, :] *= pre.scale_x
    Km[:, 1, :2] *= pre.scale_y
    Km[:, 1, 2] = K[1, 2] * pre.scale_y - pre.crop_top
    cols = np.minimum(((np.arange(mw) + 0.5) / pre.scale_x).astype(int), WALK.width - 1)
    rows = np.minimum(((np.arange(mh) + 0.5 + pre.crop_top) / pre.scale_y).astype(int), WALK.height - 1)
    depth = arrays["depth"][:4][:, rows][:, :, cols] * scale
    conf = np.full(depth.shape, 3.0)
    g = vggt_to_geometry(extrinsic, Km, depth[..., None], conf, pre)
    assert not g.metric and g.depth.shape == (4, WALK.height, WALK.width)
    assert np.allclose(g.K[0], K, atol=1e-6)
    assert g.conf.max() == pytest.approx(1 - 1 / 3)
    err = camera_errors(g.cam_to_world, true_c2w)
    assert err["rot_max_deg"] < 1e-6 and err["trans_max_frac"] < 1e-6 and err["scale"] == pytest.approx(2.5)
    # back-projected points land where the truth's do (after the similarity)
    rot, s, t = align_cameras(g.cam_to_world, true_c2w)
    from vipscene_sim.reconstruct import Geometry

    truth = Geometry(arrays["depth"][:4], np.ones_like(arrays["depth"][:4]), np.repeat(K[None], 4, 0), true_c2w)
    for k in range(4):
        p, idx = g.points(k)
        q, idx_t = truth.points(k)
        lookup = {tuple(x): i for i, x in enumerate(idx_t)}
        same = np.array([lookup.get(tuple(x), -1) for x in idx])
        ok = same >= 0
        dist = np.linalg.norm(s * p[ok] @ rot.T + t - q[same[ok]], axis=1)
        assert np.median(dist) < 0.03  # nearest-pixel resampling: within a model pixel's depth step


def test_an_unreachable_hub_is_known_at_once_and_only_the_cache_is_read(tmp_path, monkeypatch):
    """No HF_HUB_OFFLINE, but no way to the Hub either (a machine without network): the loader
    asks the Hub once (a TCP connection), then reads only the cache, so a missing model is one
    complete sentence within seconds instead of minutes of retries."""
    import socket
    import time

    import vipscene_sim.ml as ml

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    open_port = listener.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    assert ml.hub_reachable(f"http://127.0.0.1:{open_port}", 2.0)
    assert not ml.hub_reachable(f"http://127.0.0.1:{closed_port}", 2.0)
    listener.close()

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port}")
    t0 = time.perf_counter()
    with pytest.raises(UserError) as err:
        DepthModel(DepthModelSettings(model="vipscene-test/no-such-depth-model"))
    assert time.perf_counter() - t0 < 5.0
    msg = str(err.value)
    assert "cannot be reached" in msg and "not in the Hugging Face cache" in msg and msg.endswith("holding the model.")
    assert "vipscene-test/no-such-depth-model" in msg and "hf download" in msg and "--depth-model" in msg
    # a model in the cache loads without the Hub: the cache layout huggingface_hub writes
    snapshot = tmp_path / "hf" / "hub" / "models--vipscene-test--cached-depth" / "snapshots" / "0123abcd"
    save_pretrained(*tiny_depth_anything(), snapshot)
    (snapshot.parents[1] / "refs").mkdir()
    (snapshot.parents[1] / "refs" / "main").write_text("0123abcd")
    t0 = time.perf_counter()
    model = DepthModel(DepthModelSettings(model="vipscene-test/cached-depth", device="cpu"))
    assert model.settings.model == "vipscene-test/cached-depth" and time.perf_counter() - t0 < 30


def test_perceive_without_models_is_one_line(walk, tmp_path):
    """`vipscene perceive VIDEO` on a machine without the weights: exit 2, one line naming the
    model and how to get it, before any long computation, nothing written."""
    folder, _ = walk
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"), TRANSFORMERS_VERBOSITY="error")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "perceive", str(folder), "--out", str(out),
                           "--reconstruct", "depth_sfm"], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("vipscene:")]
    assert len(lines) == 1 and "Depth-Anything-V2-Metric-Indoor-Small-hf" in lines[0] and "hf download" in lines[0]
    assert "Traceback" not in proc.stderr and not out.exists()
    proc = subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "perceive", str(folder), "--out", str(out),
                           "--reconstruct", "vggt"], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "git+https://github.com/facebookresearch/vggt" in proc.stderr
