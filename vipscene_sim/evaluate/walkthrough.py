"""Render a first-person walkthrough of an exported scene (MuJoCo offscreen; MUJOCO_GL=egl on a
CPU) and a top-down view for comparison.

Files written into a folder (``OUT/score/`` for `vipscene score`):
- ``walkthrough/fpv_0000.png`` ... 8-bit RGB frames, and ``walkthrough.mp4`` (needs imageio-ffmpeg);
- ``topdown.png``: the room from above;
- ``trajectory.json``: the camera poses (see `trajectory.Trajectory.to_dict`).

Which objects the walk really shows is measured on the rendered segmentation: an object counts as
seen when at least ``min_pixels`` of its pixels appear in one frame.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_bytes, atomic_write_text
from ..offscreen import aim_free_camera
from ..offscreen import renderer as offscreen_renderer


@dataclass(frozen=True)
class RenderSettings:
    width: int = 512
    height: int = 384
    fovy_deg: float = 60.0
    min_pixels: int = 50
    """Pixels of an object in one frame for it to count as seen."""


def _png(image: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return buf.getvalue()


def render_trajectory(mjcf_path: str | Path, scene, trajectory, out: str | Path,
                      s: RenderSettings = RenderSettings(), progress=None) -> dict:
    """Render every pose of ``trajectory``; returns what was written and the per-object coverage.
    The frames are also returned (uint8, N x H x W x 3) under ``"frames"`` for the judge."""
    import mujoco

    from exporters.mjcf import body_names, render_mjcf

    from ..video.io import write_mp4

    out = Path(out)
    model = mujoco.MjModel.from_xml_path(str(mjcf_path))
    model.vis.global_.fovy = s.fovy_deg
    model.vis.global_.offwidth = max(model.vis.global_.offwidth, s.width)
    model.vis.global_.offheight = max(model.vis.global_.offheight, s.height)
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    bodies = body_names(scene)
    names = [o.id for o in scene.objects]
    index = {bodies[n]: k for k, n in enumerate(names)}
    geom_obj = np.array([index.get(model.body(int(b)).name, -1) for b in model.geom_bodyid] + [-1])
    opt = mujoco.MjvOption()
    opt.geomgroup[3] = 0  # collision geoms are not what a person sees
    cam = mujoco.MjvCamera()
    cam.type = mujoco.mjtCamera.mjCAMERA_FREE
    frames = []
    best = np.zeros(len(names), int)
    with offscreen_renderer(model, s.height, s.width) as r:
        for k, pose in enumerate(trajectory.poses):
            if progress:
                progress("frame", k + 1, len(trajectory.poses))
            aim_free_camera(cam, pose)
            r.update_scene(data, cam, opt)
            frames.append(r.render().copy())
            r.enable_segmentation_rendering()
            r.update_scene(data, cam, opt)
            seg = r.render()
            r.disable_segmentation_rendering()
            ids = seg[..., 0].ravel()
            is_geom = (seg[..., 1].ravel() == int(mujoco.mjtObj.mjOBJ_GEOM)) & (ids >= 0)
            obj = geom_obj[np.where(is_geom, ids, -1)]
            counts = np.bincount(obj[obj >= 0], minlength=len(names))
            best = np.maximum(best, counts)
    (out / "walkthrough").mkdir(parents=True, exist_ok=True)
    for k, im in enumerate(frames):
        atomic_write_bytes(out / "walkthrough" / f"fpv_{k:04d}.png", _png(im))
    video = write_mp4(out / "walkthrough.mp4", frames, trajectory.fps)
    top = render_mjcf(mjcf_path, s.width, s.height, azimuth_deg=90.0, elevation_deg=-89.0)
    atomic_write_bytes(out / "topdown.png", _png(top))
    atomic_write_text(out / "trajectory.json", json.dumps(trajectory.to_dict()) + "\n")
    seen = [n for n, c in zip(names, best) if c >= s.min_pixels]
    return {
        "frames": len(frames), "fps": trajectory.fps, "size": [s.width, s.height], "video": video,
        "folder": "walkthrough", "topdown": "topdown.png", "trajectory": "trajectory.json",
        "length_m": round(trajectory.length_m, 3),
        "coverage": round(len(seen) / len(names), 4) if names else 1.0,
        "unseen": [n for n in names if n not in seen],
        "max_pixels": {n: int(c) for n, c in zip(names, best)},
        "images": np.stack(frames) if frames else np.zeros((0, s.height, s.width, 3), np.uint8),
    }
