"""Reconstruction: Video -> Geometry (per-frame metric depth, confidence, intrinsics, poses).

Backends: ``oracle`` (a synthetic walkthrough's ground truth with noise), ``vggt`` (VGGT, installed
from its repository) and ``depth_sfm`` (transformers metric depth + pycolmap; PyPI only). ``auto``
is vggt when it is installed, else depth_sfm.
"""

from .geometry import Geometry
from .oracle import OracleNoise, oracle_geometry

RECONSTRUCTORS = ("auto", "oracle", "vggt", "depth_sfm")


def choose_reconstructor(name: str) -> str:
    """The backend ``name`` stands for ("auto" -> vggt when installed, else depth_sfm)."""
    if name == "auto":
        from .vggt import vggt_available

        return "vggt" if vggt_available() else "depth_sfm"
    return name


__all__ = ["RECONSTRUCTORS", "Geometry", "OracleNoise", "choose_reconstructor", "oracle_geometry"]
