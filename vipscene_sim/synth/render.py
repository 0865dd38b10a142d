"""Render a ground-truth walkthrough of an exported scene with MuJoCo offscreen (set
MUJOCO_GL=egl to render on the CPU): RGB frames, metric depth, per-pixel instance ids, intrinsics
and camera-to-world poses.

Files written into OUT:
- ``frames/rgb_0000.png`` ... (8-bit RGB) and ``frames/instance_0000.png`` (16-bit instance ids);
- ``walkthrough.npz``: ``depth`` (N, H, W) float32 metres along the optical axis (0 where nothing
  was hit), ``instances`` (N, H, W) uint16 (0: room or background, k: the k-th object of the
  scene), ``K`` (3, 3) and ``cam_to_world`` (N, 4, 4) in the OpenCV camera convention (x right, y
  down, z forward), world +Z up, metres;
- beyond doors and windows lies a ground plane 0.15 m below the floor (instance 0);
- the floor and walls are textured (wood grain, plaster; `materials.py`) so that structure from
  motion and detectors find features on them, as on a real or generated video;
- ``instances.json``: instance id -> object id and category; ``cameras.json``: the same K and poses
  as text.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_bytes, atomic_write_text
from ..geometry.pose import footprint
from ..offscreen import aim_free_camera
from ..offscreen import renderer as offscreen_renderer
from ..video.io import write_mp4
from .cameras import CameraSettings, camera_path, intrinsics
from .materials import texture_room

OUTSIDE_GROUND = 0.15  # m below the room's floor


def render_walkthrough(mjcf_path: str | Path, scene, out: str | Path, settings: CameraSettings = CameraSettings(),
                       seed: int = 0, progress=None) -> dict:
    import io

    import mujoco
    from PIL import Image

    from exporters.mjcf import body_names

    out = Path(out)
    spec = mujoco.MjSpec.from_file(str(mjcf_path))
    # ground outside the room, a step below its floor: what a camera sees through a door or a
    # window is then something beyond the wall (as in a real home), not empty space
    spec.worldbody.add_geom(name="synth_outside_ground", type=mujoco.mjtGeom.mjGEOM_PLANE, size=[60, 60, 0.1],
                            pos=[0, 0, -OUTSIDE_GROUND], rgba=[0.45, 0.5, 0.42, 1], contype=0, conaffinity=0)
    texture_room(spec, Path(mjcf_path).parent, seed)
    model = spec.compile()
    model.vis.global_.fovy = settings.fovy_deg
    model.vis.global_.offwidth = max(model.vis.global_.offwidth, settings.width)
    model.vis.global_.offheight = max(model.vis.global_.offheight, settings.height)
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    bodies = body_names(scene)
    index = {bodies[o.id]: k + 1 for k, o in enumerate(scene.objects)}
    body_instance = np.zeros(model.nbody, np.uint16)
    for b in range(model.nbody):
        body_instance[b] = index.get(model.body(b).name, 0)
    geom_instance = body_instance[model.geom_bodyid]
    opt = mujoco.MjvOption()
    opt.geomgroup[3] = 0  # collision geoms are not seen
    tall = [footprint(o.size, o.position, o.quaternion) for o in scene.objects
            if o.top_z > settings.eye_height - 0.3 and o.bottom_z < settings.eye_height + 0.3]
    poses = camera_path(scene.room, settings, seed, tall)
    K = intrinsics(settings)
    cam = mujoco.MjvCamera()
    cam.type = mujoco.mjtCamera.mjCAMERA_FREE
    rgbs, depths, insts = [], [], []
    with offscreen_renderer(model, settings.height, settings.width) as r:
        for k, pose in enumerate(poses):
            if progress:
                progress("frame", k + 1, len(poses))
            aim_free_camera(cam, pose)
            r.update_scene(data, cam, opt)
            rgbs.append(r.render().copy())
            r.enable_depth_rendering()
            r.update_scene(data, cam, opt)
            depth = r.render().copy().astype(np.float32)
            r.disable_depth_rendering()
            r.enable_segmentation_rendering()
            r.update_scene(data, cam, opt)
            seg = r.render().copy()
            r.disable_segmentation_rendering()
            ids = seg[..., 0]
            is_geom = (seg[..., 1] == int(mujoco.mjtObj.mjOBJ_GEOM)) & (ids >= 0)
            inst = np.zeros(ids.shape, np.uint16)
            inst[is_geom] = geom_instance[ids[is_geom]]
            depth[~is_geom] = 0.0
            insts.append(inst)
            depths.append(depth)
    (out / "frames").mkdir(parents=True, exist_ok=True)
    for k, (rgb, inst) in enumerate(zip(rgbs, insts)):
        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, format="PNG")
        atomic_write_bytes(out / "frames" / f"rgb_{k:04d}.png", buf.getvalue())
        buf = io.BytesIO()
        Image.fromarray(inst.astype(np.uint16)).save(buf, format="PNG")
        atomic_write_bytes(out / "frames" / f"instance_{k:04d}.png", buf.getvalue())
    buf = io.BytesIO()
    np.savez_compressed(buf, depth=np.stack(depths), instances=np.stack(insts), K=K, cam_to_world=np.stack(poses))
    atomic_write_bytes(out / "walkthrough.npz", buf.getvalue())
    legend = {str(k + 1): {"id": o.id, "category": o.category} for k, o in enumerate(scene.objects)}
    atomic_write_text(out / "instances.json", json.dumps(legend, indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(out / "cameras.json", json.dumps({
        "convention": "OpenCV camera (x right, y down, z forward); world +Z up; metres",
        "K": K.tolist(), "width": settings.width, "height": settings.height,
        "cam_to_world": [p.tolist() for p in poses], "settings": asdict(settings)}, indent=1) + "\n")
    video = write_mp4(out / "walkthrough.mp4", rgbs, fps=8)
    return {"frames": len(rgbs), "video": video, "visible_instances": int(len(np.unique(np.stack(insts))) - 1)}

