"""MuJoCo offscreen renderers that can share a process with PyTorch.

On a machine without a GPU, MuJoCo's EGL rendering runs on Mesa's software rasteriser, which
carries its own LLVM. CUDA builds of PyTorch bring Triton, which carries another. If Mesa's is
loaded first, a later ``import triton`` (torch.compile, and transformers imports it) kills the
process with a segmentation fault; loaded the other way round both work. So Triton, when it is
installed and not yet loaded, is imported before the first GL context (about a third of a second,
once per process).
"""

from __future__ import annotations

import sys
from importlib.util import find_spec


def renderer(model, height: int, width: int):
    """``mujoco.Renderer(model, height, width)``, Triton's LLVM loaded first where installed."""
    import mujoco

    if "triton" not in sys.modules and find_spec("triton") is not None:
        try:
            import triton  # noqa: F401
        except Exception:  # noqa: BLE001 - a broken Triton is no reason not to render
            pass
    return mujoco.Renderer(model, height, width)


def aim_free_camera(cam, cam_to_world) -> None:
    """Point a free ``mujoco.MjvCamera`` like an OpenCV camera-to-world pose (z forward). MuJoCo's
    free camera has no roll, so the pose's x axis must be level (true for walkthrough poses)."""
    import math

    import numpy as np

    pose = np.asarray(cam_to_world, float)
    forward = pose[:3, 2]
    cam.lookat[:] = pose[:3, 3] + forward
    cam.distance = 1.0
    cam.azimuth = math.degrees(math.atan2(forward[1], forward[0]))
    cam.elevation = math.degrees(math.asin(float(np.clip(forward[2], -1, 1))))
