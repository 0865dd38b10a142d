"""Lifting: from rendered walkthroughs of known rooms back to their layout, clean and noisy, in
any reconstruction frame, and with bad input."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from exporters.mjcf import export_mjcf
from physics.stage import physical_bodies
from vipscene_sim import load_scene
from vipscene_sim.evaluate.layout_accuracy import (
    box_iou,
    evaluate_lift,
    polygon_iou,
    visible_objects,
    yaw_error_deg,
)
from vipscene_sim.lift import LiftSettings, lift
from vipscene_sim.lift.manhattan import dominant_yaw
from vipscene_sim.lift.room import _outline
from vipscene_sim.perceive import Instances, oracle_instances
from vipscene_sim.perceive.oracle import NOISE_LEVELS as PERCEPTION_NOISE
from vipscene_sim.reconstruct import Geometry, oracle_geometry
from vipscene_sim.reconstruct.oracle import NOISE_LEVELS as GEOMETRY_NOISE
from vipscene_sim.retrieve import Retriever, retrieve_scene
from vipscene_sim.synth import CameraSettings, render_walkthrough

ROOT = Path(__file__).resolve().parent.parent
SMALL = CameraSettings(path="orbit", frames=16, width=200, height=150)


def _walk(name, builtin_library, tmp_path_factory, settings=SMALL):
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / f"{name}.json"), Retriever(libs.libraries), libs)[0]
    out = tmp_path_factory.mktemp(name)
    render_walkthrough(export_mjcf(scene, libs, physical_bodies(scene, libs), out), scene, out, settings)
    scene.save(out / "scene.json")
    with np.load(out / "walkthrough.npz") as z:
        arrays = {k: z[k] for k in z.files}
    return scene, arrays, json.loads((out / "instances.json").read_text()), out


@pytest.fixture(scope="module")
def bedroom(builtin_library, tmp_path_factory):
    return _walk("bedroom", builtin_library, tmp_path_factory)


@pytest.fixture(scope="module")
def living(builtin_library, tmp_path_factory):
    return _walk("living_room", builtin_library, tmp_path_factory)


def _evaluate(truth, arrays, legend, geometry, instances, settings=None):
    layout, report = lift(geometry, instances, settings or LiftSettings())
    m = evaluate_lift(truth, layout, report, geometry.cam_to_world, arrays["cam_to_world"],
                      visible_objects(arrays["instances"], legend))
    return layout, report, m


# -- pieces ---------------------------------------------------------------------------------------

def test_box_iou_and_symmetric_yaw():
    a = ([1.0, 1.0, 1.0], [0.0, 0.0, 0.5], 0.0)
    assert box_iou(a, a) == pytest.approx(1.0)
    assert box_iou(a, ([1.0, 1.0, 1.0], [0.5, 0.0, 0.5], 0.0)) == pytest.approx(1 / 3)
    assert box_iou(a, ([1.0, 1.0, 1.0], [0.0, 0.0, 0.5], math.pi / 2)) == pytest.approx(1.0)
    assert box_iou(a, ([1.0, 1.0, 1.0], [3.0, 0.0, 0.5], 0.0)) == 0.0
    # a table has no front: half a turn is no error, a chair's half turn is
    assert yaw_error_deg("dining_table", [1.8, 0.9, 0.75], 0.0, math.pi) == pytest.approx(0.0, abs=1e-9)
    assert yaw_error_deg("dining_table", [1.8, 0.9, 0.75], 0.0, math.pi / 2, [0.9, 1.8, 0.75]) == pytest.approx(0.0, abs=1e-9)
    assert yaw_error_deg("chair", [0.5, 0.5, 0.9], 0.0, math.pi) == pytest.approx(180.0)
    assert yaw_error_deg("vase", [0.2, 0.2, 0.3], 0.0, 1.0) == 0.0  # round: no yaw
    assert polygon_iou([[0, 0], [2, 0], [2, 1], [0, 1]], [[1, 0], [3, 0], [3, 1], [1, 1]]) == pytest.approx(1 / 3, abs=0.01)


def test_manhattan_angle_of_rotated_walls():
    rng = np.random.default_rng(0)
    t = rng.uniform(0, 1, 4000)
    walls = np.concatenate([np.c_[t * 5, np.zeros_like(t)], np.c_[t * 5, np.full_like(t, 4)],
                            np.c_[np.zeros_like(t), t * 4], np.c_[np.full_like(t, 5), t * 4]])
    walls += rng.normal(scale=0.02, size=walls.shape)
    for deg in (0.0, 17.0, -32.0):
        a = math.radians(deg)
        R = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        angle, strength = dominant_yaw(walls @ R.T)
        assert math.degrees(angle) == pytest.approx(deg, abs=0.3) and strength > 0.3


def test_outline_of_an_l_shaped_union_of_cells():
    inside = np.array([[True, True], [True, False]])  # x cells 0..1, y cells 0..1; (1, 1) missing
    assert _outline([0.0, 2.0, 5.0], [0.0, 3.0, 4.0], inside) == [[0.0, 0.0], [5.0, 0.0], [5.0, 3.0], [2.0, 3.0],
                                                                 [2.0, 4.0], [0.0, 4.0]]


# -- whole rooms ----------------------------------------------------------------------------------

def test_clean_bedroom_is_recovered(bedroom):
    truth, arrays, legend, _ = bedroom
    layout, report, m = _evaluate(truth, arrays, legend, oracle_geometry(arrays), oracle_instances(arrays["instances"], legend))
    assert m["room_iou"] > 0.97 and m["height_error"] < 0.05
    assert m["recall"] >= 0.9 and m["precision"] >= 0.9
    assert m["mean_iou"] > 0.8 and m["yaw_under_5"] >= 0.9 and m["support_accuracy"] >= 0.9
    assert report["floor"]["found"] and report["scale"]["value"] == 1.0
    reg = report["registration"]  # right poses stay (sampling moves a camera by millimetres)
    assert reg["applied"] and reg["median_shift"] < 0.002 and reg["max_shift"] < 0.01
    doors = [o for o in layout.room.openings if o.kind == "door"]
    assert len(doors) == 1 and doors[0].wall == 0 and abs(doors[0].offset - 2.2) < 0.1
    bed = next(o for o in layout.objects if o.category == "bed")
    assert bed.support.kind == "floor" and abs(math.degrees(bed.yaw) + 90) < 5  # headboard to the wall
    lamps = [o for o in layout.objects if o.category == "table_lamp"]
    assert lamps and all(o.support.kind == "on" and o.support.on.startswith("nightstand") for o in lamps)
    assert type(layout).from_json(layout.to_json()) == layout  # a valid Scene


def test_l_shaped_room_polygon(living):
    truth, arrays, legend, _ = living
    layout, _, m = _evaluate(truth, arrays, legend, oracle_geometry(arrays), oracle_instances(arrays["instances"], legend))
    assert len(layout.room.floor) == 6 and m["room_iou"] > 0.95
    assert {o.kind for o in layout.room.openings} == {"door", "window"}


def test_any_reconstruction_frame_and_unknown_scale(bedroom):
    """A reconstruction puts its world anywhere (tilted, shifted) and may not know metres:
    lifting finds the floor, the walls' directions and the scale again."""
    truth, arrays, legend, _ = bedroom
    a = math.radians(25)
    T = np.eye(4)
    T[:3, :3] = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]]) @ \
        np.array([[math.cos(1.0), -math.sin(1.0), 0], [math.sin(1.0), math.cos(1.0), 0], [0, 0, 1]])
    T[:3, 3] = [3.0, -2.0, 1.0]
    g = oracle_geometry(arrays)
    poses = np.einsum("ij,njk->nik", T, g.cam_to_world)
    poses[:, :3, 3] *= 0.5
    moved = Geometry(g.depth * 0.5, g.conf, g.K, poses, metric=False, source="test")
    _, report, m = _evaluate(truth, arrays, legend, moved, oracle_instances(arrays["instances"], legend))
    assert report["scale"]["value"] == pytest.approx(2.0, rel=0.1)
    assert "typical heights" in report["scale"]["note"]
    assert m["room_iou"] > 0.85 and m["recall"] >= 0.85


def test_realistic_noise(bedroom):
    truth, arrays, legend, _ = bedroom
    _, report, m = _evaluate(truth, arrays, legend, oracle_geometry(arrays, GEOMETRY_NOISE["realistic"], seed=2),
                                  oracle_instances(arrays["instances"], legend, PERCEPTION_NOISE["realistic"], seed=2))
    assert m["room_iou"] > 0.9 and m["recall"] >= 0.9 and m["mean_iou"] > 0.5
    assert report["dropped_pixels"]["depth_noise_at_1m"] > 0.001  # the noise was seen and allowed for


def test_multi_view_consistency_undoes_most_of_a_smooth_depth_warp(bedroom):
    from vipscene_sim.lift.consistency import harmonise_depth
    from vipscene_sim.reconstruct.oracle import OracleNoise

    _, arrays, _, _ = bedroom
    truth = oracle_geometry(arrays)
    warped = oracle_geometry(arrays, OracleNoise(depth_warp=0.02), seed=3)
    fixed, report = harmonise_depth(warped)
    seen = truth.depth > 0

    def error(g):
        return float(np.median(np.abs(g.depth[seen] / truth.depth[seen] - 1)))

    assert report["applied"] and error(warped) > 0.01
    assert error(fixed) < 0.6 * error(warped)
    # correct depth stays as it is
    same, _ = harmonise_depth(truth)
    assert float(np.median(np.abs(same.depth[seen] / truth.depth[seen] - 1))) < 1e-3
    assert np.array_equal(same.depth == 0, truth.depth == 0)


def test_registration_moves_a_drifted_camera_back(bedroom):
    from dataclasses import replace

    from scipy.spatial.transform import Rotation

    from vipscene_sim.lift.registration import refine_poses

    _, arrays, _, _ = bedroom
    truth = oracle_geometry(arrays)
    poses = truth.cam_to_world.copy()
    f = 8
    poses[f, :3, :3] = Rotation.from_rotvec(np.radians([0.5, 1.0, 0.3])).as_matrix() @ poses[f, :3, :3]
    poses[f, :3, 3] += [0.03, -0.02, 0.01]
    fixed, report = refine_poses(replace(truth, cam_to_world=poses))

    def errors(p):  # degrees and metres from the true camera
        cos = (np.einsum("nij,nij->n", p[:, :3, :3], truth.cam_to_world[:, :3, :3]) - 1) / 2
        turn = np.degrees(np.arccos(np.clip(cos, -1, 1)))
        return turn, np.linalg.norm(p[:, :3, 3] - truth.cam_to_world[:, :3, 3], axis=1)

    turn, shift = errors(fixed.cam_to_world)
    turn0, shift0 = errors(poses)
    assert report["applied"] and turn0[f] > 1.0 and shift0[f] > 0.03
    assert turn[f] < 0.45 * turn0[f] and shift[f] < 0.45 * shift0[f]  # most of the way back in 4 half steps
    others = np.arange(len(poses)) != f
    # the rest stay where they were; the views that faced the drifted one are pulled a little
    assert np.median(turn[others]) < 0.05 and np.median(shift[others]) < 0.002
    assert turn[others].max() < 0.4 and shift[others].max() < 0.015
    # an unscaled reconstruction (a tenth of the size) is corrected alike
    tenth = poses.copy()
    tenth[:, :3, 3] *= 0.1
    small, _ = refine_poses(replace(truth, depth=truth.depth * 0.1, cam_to_world=tenth))
    assert np.allclose(small.cam_to_world[:, :3, :3], fixed.cam_to_world[:, :3, :3], atol=1e-3)
    assert np.allclose(small.cam_to_world[:, :3, 3], 0.1 * fixed.cam_to_world[:, :3, 3], atol=1e-3)
    # too short a video to tell drift from motion: left alone
    short, rep = refine_poses(replace(truth, depth=truth.depth[:5], conf=truth.conf[:5], K=truth.K[:5],
                                      cam_to_world=truth.cam_to_world[:5]))
    assert not rep["applied"] and np.array_equal(short.cam_to_world, truth.cam_to_world[:5])


def test_outline_pixels_stay_and_flying_pixels_go():
    """A pole one pixel wide in front of a wall keeps every pixel; a pixel halfway between them
    (a flying pixel), the wall's pixels along the pole and a lone speck go."""
    from vipscene_sim.lift.points import _interior

    depth = np.full((40, 40), 4.0)
    ids = np.zeros((40, 40), np.int64)
    depth[5:35, 20] = 2.0
    ids[5:35, 20] = 7
    depth[5:35, 21] = 3.0  # mixed foreground and background
    depth[10, 5] = 1.0  # speckle
    ok = _interior(ids, depth, 0, 0.04 * depth)
    assert ok[6:34, 20].all()
    assert not ok[5:35, 21].any() and not ok[5:35, 19].any()
    assert not ok[10, 5] and ok[30, 5]


def test_a_desk_or_island_faces_its_seats_and_a_chair_its_table():
    from vipscene_sim.lift.boxes import fit_box, plan_occupancy
    from vipscene_sim.lift.candidates import Candidate

    rng = np.random.default_rng(0)

    def box(label, lo, hi, n=3000, cut=lambda p: np.zeros(len(p), bool)):
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        p = rng.uniform(lo, hi, (n, 3))
        axis = rng.integers(0, 3, n)  # points on the faces, as a camera sees them
        side = rng.integers(0, 2, n)
        p[np.arange(n), axis] = np.where(side == 1, hi[axis], lo[axis])
        p = p[(p[:, 2] > 0.02) & ~cut(p)]
        return Candidate([0], {label: 1.0}, p, np.ones(len(p)), np.zeros(len(p), int), 1.0)

    floor = np.array([[0, 0], [4.5, 0], [4.5, 3.6], [0, 3.6]], float)
    cams = np.array([[0.4, 0.3, 1.5], [4.1, 0.3, 1.5], [4.1, 3.3, 1.5], [0.4, 3.3, 1.5]])  # all round
    # an island in the open with three stools on its -Y side: open floor on both long sides
    island = box("kitchen_island", [1.55, 0.9, 0], [3.15, 1.8, 0.92])
    stools = [box("stool", [x - 0.2, 0.35, 0], [x + 0.2, 0.75, 0.65]) for x in (1.85, 2.35, 2.85)]
    # a chair at the table's end beside a wall: its side is 7 cm from the wall at x = 4.5
    table = box("dining_table", [3.3, 2.2, 0], [4.4, 3.2, 0.75])
    # its backrest on the -Y side
    chair = box("chair", [3.95, 1.5, 0], [4.43, 1.98, 0.9], cut=lambda p: (p[:, 1] > 1.6) & (p[:, 2] > 0.47))
    cands = [island, *stools, table, chair]
    occ = plan_occupancy(cands, floor, ["kitchen_island", "stool", "stool", "stool", "dining_table", "chair"])
    b = fit_box(island, "kitchen_island", floor, cams, occupancy=occ)
    assert math.degrees(b.yaw) == pytest.approx(-90, abs=1) and "seats before it" in b.front_evidence
    c = fit_box(chair, "chair", floor, cams, occupancy=occ)
    assert math.degrees(c.yaw) == pytest.approx(90, abs=1) and "a table or desk before it" in c.front_evidence


def test_denoise_shrinks_speckle_and_keeps_edges():
    from vipscene_sim.lift.points import denoise, depth_noise

    rng = np.random.default_rng(0)
    clean = np.full((60, 80), 3.0)
    clean[:, 40:] = 2.0  # a step between two surfaces
    clean[:5, :5] = 0.0  # no measurement
    a = 0.002
    noisy = np.where(clean > 0, clean + rng.normal(size=clean.shape) * a * clean**2, 0.0)
    out = denoise(noisy, depth_noise(noisy))
    inner = np.zeros_like(clean, bool)
    inner[8:-8, 8:34] = inner[8:-8, 46:-8] = True
    assert np.std((out - clean)[inner]) < 0.3 * np.std((noisy - clean)[inner])
    assert np.abs(out[:, 38:40] - 3.0).max() < 0.1 and np.abs(out[:, 40:42] - 2.0).max() < 0.1  # the edge stays
    assert (out[:5, :5] == 0).all()


# -- bad input ------------------------------------------------------------------------------------

def test_one_frame_nan_depth_and_tiny_masks(bedroom):
    _, arrays, legend, _ = bedroom
    g = oracle_geometry(arrays)
    depth = g.depth.copy()
    depth[:, :5, :] = np.nan
    masks = arrays["instances"].astype(np.int32).copy()
    masks[3, :2, :2] = 999  # a detection of four pixels
    inst = Instances(masks, {**oracle_instances(arrays["instances"], legend).labels, 999: "mug"}, {})
    _, report = lift(Geometry(depth, g.conf, g.K, g.cam_to_world), inst)
    assert report["dropped_pixels"]["nan"] > 0
    assert any(d.get("track") == 999 for d in report["not_lifted"])
    one = Geometry(g.depth[:1], g.conf[:1], g.K[:1], g.cam_to_world[:1])
    layout1, report1 = lift(one, Instances(masks[:1], inst.labels, {}))
    assert report1["frames"] == 1 and len(layout1.objects) >= 1 and len(layout1.room.floor) >= 4


def test_no_floor_in_view(bedroom):
    _, arrays, legend, _ = bedroom
    g = oracle_geometry(arrays)
    depth = g.depth.copy()
    for f in range(len(depth)):  # blank every pixel whose point lies on the floor
        pts, vu = g.points(f)
        low = pts[:, 2] < 0.05
        depth[f][vu[low, 0], vu[low, 1]] = 0.0
    layout, report = lift(Geometry(depth, g.conf, g.K, g.cam_to_world), oracle_instances(arrays["instances"], legend))
    assert not report["floor"]["found"] and "eye height" in report["floor"]["note"]
    assert len(layout.objects) > 5


def test_perceive_cli(bedroom, tmp_path, capsys):
    from vipscene_sim.cli.main import main

    folder = bedroom[3]
    out = tmp_path / "lifted"
    oracle = ["--reconstruct", "oracle", "--perceive", "oracle"]
    assert main(["perceive", str(folder), "--out", str(out), "--noise", "realistic", "--json", *oracle]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["objects"] > 10 and summary["frames"] == SMALL.frames
    for name in ("layout.json", "geometry.npz", "instances.npz", "lift_report.json"):
        assert (out / name).exists()
    assert load_scene(out / "layout.json").objects
    assert main(["validate", str(out / "layout.json")]) == 0
    # unusable inputs: one line, exit 2, nothing written
    empty = tmp_path / "empty"
    empty.mkdir()
    np.savez(empty / "walkthrough.npz", depth=np.zeros((0, 4, 4), np.float32), instances=np.zeros((0, 4, 4), np.uint16),
             K=np.eye(3), cam_to_world=np.zeros((0, 4, 4)))
    (empty / "instances.json").write_text("{}")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "walkthrough.npz").write_bytes(b"not a zip")
    video = tmp_path / "walk.mp4"
    video.write_bytes(b"\x00")
    for bad in (empty, broken, video, tmp_path / "missing", tmp_path):
        assert main(["perceive", str(bad), "--out", str(tmp_path / "never"), *oracle]) == 2
        assert "vipscene: error:" in capsys.readouterr().err
    assert not (tmp_path / "never").exists()
    assert main(["perceive", str(folder), "--out", str(out), "--noise", "loud", *oracle]) == 2


def test_rug_continues_under_the_bed_that_hides_it():
    from vipscene_sim.lift.candidates import LiftedBox
    from vipscene_sim.lift.supports import complete_rugs

    rug = LiftedBox("rug", "rug", [1.7, 0.7, 0.01], [2.1, 1.35, 0.005], 0.0, "")  # the strip seen
    bed = LiftedBox("bed", "bed", [2.0, 1.6, 1.0], [2.1, 2.7, 0.5], -math.pi / 2, "")
    lamp = LiftedBox("floor_lamp", "floor_lamp", [0.3, 0.3, 1.6], [0.5, 1.3, 0.8], 0.0, "")
    complete_rugs([rug, bed, lamp])
    assert rug.center[0] == pytest.approx(2.1) and rug.size[0] == pytest.approx(1.7)  # x untouched
    assert rug.center[1] - rug.size[1] / 2 == pytest.approx(1.0)  # the seen edge stays
    assert rug.center[1] + rug.size[1] / 2 == pytest.approx(2.7)  # reaches the bed's middle
    assert any("under bed" in n for n in rug.notes)


def test_supports_never_form_a_cycle():
    """Two unknown things occupying the same space in mid-air (what random detections give): each
    could be 'inside' the other; only a box already settled may hold another."""
    from vipscene_sim.lift.candidates import LiftedBox
    from vipscene_sim.lift.supports import assign_supports

    floor = np.array([[0, 0], [4, 0], [4, 4], [0, 4]], float)
    boxes = [LiftedBox("object", "thing", [0.4, 0.4, 0.4], [2.0, 2.0, 1.0], 0.0, ""),
             LiftedBox("object", "thing", [0.5, 0.5, 0.5], [2.0, 2.0, 1.05], 0.0, ""),
             LiftedBox("object", "thing", [0.3, 0.3, 0.3], [2.02, 2.0, 1.0], 0.0, "")]
    assign_supports(boxes, floor, 2.7)
    for i in range(len(boxes)):
        seen, j = set(), i
        while boxes[j].support == "on":
            assert j not in seen, "support cycle"
            seen.add(j)
            j = boxes[j].parent
    assert any(b.support == "on" for b in boxes)
