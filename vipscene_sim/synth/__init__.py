"""Ground-truth walkthroughs of known scenes (RGB, depth, instance masks, cameras), so the stages
after video generation can be tested and benchmarked without a GPU."""

from .cameras import CameraSettings, camera_path, intrinsics
from .render import render_walkthrough

__all__ = ["CameraSettings", "camera_path", "intrinsics", "render_walkthrough"]
