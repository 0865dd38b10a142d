"""Ground-truth walkthroughs: depth, instance ids, intrinsics and poses agree with the scene."""

import json
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from exporters.mjcf import export_mjcf
from physics.stage import physical_bodies
from vipscene_sim import load_scene
from vipscene_sim.geometry.polygon import point_in_polygon
from vipscene_sim.geometry.pose import look_pose, quat_to_matrix
from vipscene_sim.retrieve import Retriever, retrieve_scene
from vipscene_sim.synth import CameraSettings, camera_path, render_walkthrough
from vipscene_sim.synth.render import OUTSIDE_GROUND

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def walk(builtin_library, tmp_path_factory):
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / "bedroom.json"), Retriever(libs.libraries), libs)[0]
    out = tmp_path_factory.mktemp("synth")
    mjcf = export_mjcf(scene, libs, physical_bodies(scene, libs), out)
    result = render_walkthrough(mjcf, scene, out, CameraSettings(path="pan", frames=4, width=160, height=120))
    return scene, out, result


def test_files_and_legend(walk):
    scene, out, result = walk
    assert result["frames"] == 4 and result["visible_instances"] >= 5
    assert len(list((out / "frames").glob("rgb_*.png"))) == 4
    legend = json.loads((out / "instances.json").read_text())
    assert legend["1"]["id"] == scene.objects[0].id
    z = np.load(out / "walkthrough.npz")
    assert z["depth"].shape == (4, 120, 160) and z["cam_to_world"].shape == (4, 4, 4)


def test_back_projected_pixels_land_on_their_objects(walk):
    """Depth, K and the camera pose are consistent: pixels of object k back-project into (a
    slightly grown) bounding box of object k, and room pixels never below the floor."""
    scene, out, _ = walk
    z = np.load(out / "walkthrough.npz")
    K = z["K"]
    checked = 0
    for f in range(len(z["depth"])):
        d, inst, T = z["depth"][f], z["instances"][f], z["cam_to_world"][f]
        v, u = np.nonzero(d > 0)
        cam = np.stack([(u + 0.5 - K[0, 2]) / K[0, 0] * d[v, u], (v + 0.5 - K[1, 2]) / K[1, 1] * d[v, u], d[v, u]], 1)
        world = cam @ T[:3, :3].T + T[:3, 3]
        ids = inst[v, u]
        room = world[ids == 0]
        below = room[room[:, 2] < -0.02]  # the ground outside, seen through the door and windows
        assert np.allclose(below[:, 2], -OUTSIDE_GROUND, atol=0.02)
        assert not any(point_in_polygon(p[:2], scene.room.floor) for p in below[::50])
        for k in np.unique(ids[ids > 0]):
            o = scene.objects[k - 1]
            local = (world[ids == k] - o.position) @ quat_to_matrix(o.quaternion)
            inside = np.all(np.abs(local) <= np.asarray(o.size) / 2 + 0.03, axis=1)
            assert inside.mean() > 0.97, (o.id, inside.mean())
            checked += 1
    assert checked >= 10


def test_camera_paths_stay_at_eye_height_and_look_into_the_room():
    scene = load_scene(ROOT / "examples" / "living_room.json")
    for path in ("pan", "orbit", "walk"):
        poses = camera_path(scene.room, CameraSettings(path=path, frames=8), seed=1)
        assert len(poses) == 8
        for p in poses:
            assert abs(p[2, 3] - 1.5) < 0.05 and np.allclose(p[:3, :3] @ p[:3, :3].T, np.eye(3), atol=1e-9)
    t = look_pose([0, 0, 1.5], 0.0, 0.0)
    assert np.allclose(t[:3, 2], [1, 0, 0]) and np.allclose(t[:3, 1], [0, 0, -1])  # z forward, y down


def test_synth_cli(tmp_path, capsys):
    from vipscene_sim.cli.main import main

    assert main(["synth", str(ROOT / "examples" / "kitchen.json"), "--out", str(tmp_path), "--frames", "2",
                 "--size", "64", "48", "--path", "orbit", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["frames"] == 2
    assert (tmp_path / "mjcf" / "scene.xml").exists() and (tmp_path / "frames" / "rgb_0001.png").exists()
    truth = load_scene(tmp_path / "scene.json")  # the layout got assets: the ground truth rendered
    assert all(o.asset is not None for o in truth.objects)
    assert main(["synth", str(ROOT / "examples" / "kitchen.json"), "--out", str(tmp_path), "--frames", "0"]) == 2
