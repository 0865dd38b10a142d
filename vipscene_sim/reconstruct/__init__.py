"""Reconstruction: Video -> Geometry (per-frame metric depth, confidence, intrinsics, poses).

Backends (`RECONSTRUCTORS`, a `vipscene_sim.registry.Registry`): ``oracle`` (a synthetic
walkthrough's ground truth with noise), ``vggt`` (VGGT, installed from its repository) and
``depth_sfm`` (transformers metric depth + pycolmap; PyPI only). ``auto`` is vggt when it is
installed, else depth_sfm. Each backend is an object with ``inputs`` ("video" or
"walkthrough"), ``load(options, models)`` (a `perceive_options.PerceiveOptions`; weights first, so a missing model fails before any
long step) and ``run(source, options, models, progress) -> (Geometry, report dict)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..registry import Registry
from .geometry import Geometry
from .oracle import OracleNoise, oracle_geometry


@dataclass
class Source:
    """What a stage reads: the video's frames (N, H, W, 3) uint8, and for the oracle backends a
    synth walkthrough's arrays and instance legend."""

    frames: np.ndarray | None = None
    walkthrough: dict | None = None
    legend: dict | None = None


RECONSTRUCTORS: Registry = Registry("reconstruction", "--reconstruct")


@RECONSTRUCTORS.register("oracle", "a 'vipscene synth' walkthrough's true depth and cameras, degraded by --noise")
def _oracle():
    from .oracle import OracleBackend

    return OracleBackend()


# VGGT is not on PyPI: its backend's load() names the install line itself
@RECONSTRUCTORS.register("vggt", "VGGT feed-forward reconstruction (installed from its repository)")
def _vggt():
    from .vggt import VggtBackend

    return VggtBackend()


@RECONSTRUCTORS.register("depth_sfm", "metric monocular depth (transformers) + structure from motion (pycolmap)",
                         requires=("torch", "transformers", "pycolmap"), extra="gen")
def _depth_sfm():
    from .depth_sfm import DepthSfmBackend

    return DepthSfmBackend()


def choose_reconstructor(name: str) -> str:
    """The backend ``name`` stands for ("auto" -> vggt when installed, else depth_sfm)."""
    if name == "auto":
        from .vggt import vggt_available

        return "vggt" if vggt_available() else "depth_sfm"
    RECONSTRUCTORS.entry(name)
    return name


__all__ = ["RECONSTRUCTORS", "Geometry", "OracleNoise", "Source", "choose_reconstructor",
           "oracle_geometry"]
