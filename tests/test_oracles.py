"""Oracle reconstruction and perception backends: exact without noise, degraded as configured."""

import json
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from exporters.mjcf import export_mjcf
from physics.stage import physical_bodies
from vipscene_sim import load_scene
from vipscene_sim.perceive import Instances, OraclePerceptionNoise, oracle_instances
from vipscene_sim.reconstruct import Geometry, OracleNoise, oracle_geometry
from vipscene_sim.retrieve import Retriever, retrieve_scene
from vipscene_sim.synth import CameraSettings, render_walkthrough

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def walk(builtin_library, tmp_path_factory):
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / "home_office.json"), Retriever(libs.libraries), libs)[0]
    out = tmp_path_factory.mktemp("oracle")
    render_walkthrough(export_mjcf(scene, libs, physical_bodies(scene, libs), out), scene, out,
                       CameraSettings(path="orbit", frames=4, width=96, height=72))
    with np.load(out / "walkthrough.npz") as z:
        arrays = {k: z[k] for k in z.files}
    return scene, arrays, json.loads((out / "instances.json").read_text()), out


def test_clean_oracle_geometry_is_the_ground_truth(walk, tmp_path):
    _, arrays, _, _ = walk
    g = oracle_geometry(arrays)
    assert np.array_equal(g.depth, arrays["depth"]) and np.allclose(g.cam_to_world, arrays["cam_to_world"])
    g.save(tmp_path / "g.npz")
    back = Geometry.load(tmp_path / "g.npz")
    assert np.array_equal(back.depth, g.depth) and back.metric
    pts, _ = g.points(0)
    assert pts[pts[:, 2] > -0.1, 2].min() > -0.02  # nothing below the floor but the ground outside


def test_noisy_geometry(walk):
    _, arrays, _, _ = walk
    clean = oracle_geometry(arrays)
    noisy = oracle_geometry(arrays, OracleNoise(depth_sigma=0.01, scale_error=0.1, drift_per_frame=0.01, dropout=0.2,
                                                metric=False), seed=3)
    both = (clean.depth > 0) & (noisy.depth > 0)
    ratio = np.median(noisy.depth[both] / clean.depth[both])
    assert ratio == pytest.approx(1.1, abs=0.02) and not noisy.metric
    assert 0.15 < 1 - (noisy.depth > 0).sum() / (clean.depth > 0).sum() < 0.3
    drift = np.linalg.norm(noisy.cam_to_world[-1, :3, 3] / 1.1 - clean.cam_to_world[-1, :3, 3])
    assert 1e-4 < drift < 0.2
    again = oracle_geometry(arrays, OracleNoise(depth_sigma=0.01, scale_error=0.1, drift_per_frame=0.01, dropout=0.2), seed=3)
    assert np.array_equal(again.depth, noisy.depth)  # deterministic


def test_clean_oracle_instances_match_the_legend(walk, tmp_path):
    scene, arrays, legend, _ = walk
    inst = oracle_instances(arrays["instances"], legend)
    assert np.array_equal(inst.masks, arrays["instances"].astype(np.int32))
    for t in inst.tracks():
        assert inst.labels[t] == legend[str(t)]["category"]
    inst.save(tmp_path / "i.npz")
    back = Instances.load(tmp_path / "i.npz")
    assert back.labels == inst.labels and np.array_equal(back.masks, inst.masks)


def test_noisy_instances(walk):
    _, arrays, legend, _ = walk
    gt = arrays["instances"]
    missed = oracle_instances(gt, legend, OraclePerceptionNoise(miss_rate=0.5), seed=1)
    assert (missed.masks > 0).sum() < (gt > 0).sum()
    split = oracle_instances(gt, legend, OraclePerceptionNoise(split_rate=1.0), seed=1)
    assert len(split.tracks()) > len(np.unique(gt[gt > 0]))
    switched = oracle_instances(gt, legend, OraclePerceptionNoise(id_switch_every=2), seed=1)
    assert switched.masks[:2].max() < 1000 and switched.masks[2:][switched.masks[2:] > 0].min() >= 1000
    confused = oracle_instances(gt, legend, OraclePerceptionNoise(confusion_rate=1.0), seed=1)
    assert any(confused.labels[t] != legend[str(t)]["category"] for t in confused.tracks())
    grown = oracle_instances(gt, legend, OraclePerceptionNoise(erode_dilate=2), seed=1)
    assert (grown.masks[0] > 0).sum() > (gt[0] > 0).sum()  # frame 0 is dilated
