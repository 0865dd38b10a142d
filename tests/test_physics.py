"""Colliders for bad and real meshes, and settling in PyBullet."""

import math
import time
from pathlib import Path

import numpy as np
import pybullet_data
import pytest
import trimesh

from assets.registry import LibrarySet
from physics.colliders import CoacdSettings, ColliderSettings, decompose_meshes, exact_parts, repair
from physics.settle import SettleSettings
from physics.stage import PhysicsSettings, simulate
from vipscene_sim import Room, Scene, SceneObject, Support, load_scene
from vipscene_sim.geometry.pose import quat_to_matrix
from vipscene_sim.layout import refine_layout
from vipscene_sim.retrieve import Retriever, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent
FAST = ColliderSettings(CoacdSettings(threshold=0.2, preprocess_resolution=20, resolution=300, mcts_nodes=8,
                                      mcts_iterations=20, mcts_max_depth=1, max_convex_hull=8), timeout_s=60)


def _mesh(m):
    return np.asarray(m.vertices, float), np.asarray(m.faces, np.int64)


def _volume(hulls):
    return sum(trimesh.Trimesh(v, f).volume for v, f in hulls)


# -- colliders -------------------------------------------------------------------------------------

def test_bad_meshes_get_colliders_or_a_recorded_fallback(tmp_path):
    cube = trimesh.creation.box(extents=[0.2, 0.2, 0.2])
    v, f = _mesh(cube)
    nan = v.copy()
    nan[0] = np.nan
    pieces = trimesh.util.concatenate([trimesh.creation.box(extents=[0.05] * 3).apply_translation([i * 0.1, 0, 0])
                                       for i in range(30)])
    meshes = {
        "empty": (np.zeros((0, 3)), np.zeros((0, 3), np.int64)),
        "nan": (nan, f),
        "degenerate": (np.array([[0, 0, 0], [1, 0, 0], [2, 0, 0], [0, 0, 0]], float), np.array([[0, 1, 2], [0, 3, 1]])),
        "duplicated": (v, np.vstack([f, f])),
        "flipped": (v, f[:, ::-1]),
        "open": (v, f[:-2]),
        "bad_index": (v, np.vstack([f, [[0, 1, 999]]])),
        "pieces": _mesh(pieces),
    }
    res = decompose_meshes(meshes, FAST, tmp_path)
    for name, r in res.items():
        assert r.hulls, name
        for hv, hf in r.hulls:
            h = trimesh.Trimesh(hv, hf)
            assert h.is_watertight and h.volume > 0, name
            assert len(hv) <= FAST.max_hull_vertices
    assert res["empty"].method == "box" and "empty" in res["empty"].reason
    assert res["degenerate"].method == "box"
    assert "non-finite" in res["nan"].reason
    assert res["flipped"].method == "convex_pieces"  # a cube is its own hull, however it is wound
    assert _volume(res["flipped"].hulls) == pytest.approx(0.008, rel=0.1)
    assert len(res["pieces"].hulls) == 30 and "30 separate pieces" in res["pieces"].reason


def test_repair_reports_what_it_fixed():
    v, f = _mesh(trimesh.creation.box(extents=[1, 1, 1]))
    (rv, rf), notes = repair(v, np.vstack([f, f, [[0, 0, 1]]]))
    assert len(rf) == 12 and any("duplicate" in n for n in notes)
    with pytest.raises(ValueError):
        repair(np.zeros((0, 3)), np.zeros((0, 3)))


def test_huge_meshes_are_decimated_first(tmp_path):
    torus = trimesh.creation.torus(major_radius=0.3, minor_radius=0.08, major_sections=200, minor_sections=100)
    assert len(torus.faces) == 40_000
    settings = ColliderSettings(FAST.coacd, max_faces=3000, timeout_s=60)
    t0 = time.perf_counter()
    r = decompose_meshes({"t": _mesh(torus)}, settings, tmp_path)["t"]
    assert time.perf_counter() - t0 < 60
    assert r.method == "coacd" and len(r.hulls) > 2  # a torus needs several hulls
    assert torus.volume < _volume(r.hulls) < 1.5 * torus.volume  # hulls cover it, loosely at coarse settings


def test_crashing_or_slow_coacd_falls_back_to_the_hull(tmp_path):
    duck = trimesh.load(Path(pybullet_data.getDataPath()) / "duck.obj", force="mesh")
    crashed = decompose_meshes({"d": _mesh(duck)}, FAST, None, worker="physics.no_such_worker")["d"]
    assert crashed.method == "convex_hull" and "CoACD failed" in crashed.reason
    slow = decompose_meshes({"d": _mesh(duck)}, ColliderSettings(FAST.coacd, timeout_s=0.05), None)["d"]
    assert slow.method == "convex_hull" and "timed out" in slow.reason
    assert all(trimesh.Trimesh(v, f).is_watertight for v, f in crashed.hulls + slow.hulls)


def test_real_mesh_decomposition_is_cached(tmp_path):
    bunny = trimesh.load(Path(pybullet_data.getDataPath()) / "bunny.obj", force="mesh")
    t0 = time.perf_counter()
    first = decompose_meshes({"b": _mesh(bunny)}, FAST, tmp_path)["b"]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = decompose_meshes({"bunny again": _mesh(bunny)}, FAST, tmp_path)["bunny again"]
    warm = time.perf_counter() - t0
    assert first.method == "coacd" and len(first.hulls) > 1 and not first.cached
    assert again.cached and warm < cold
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(first.hulls, again.hulls))


def test_builtin_parts_are_the_colliders(builtin_library):
    g = builtin_library.geometry("chair__dining")
    r = exact_parts([(p.vertices, p.faces) for p in g.parts])
    assert r.method == "exact" and len(r.hulls) == len(g.parts)


# -- settling --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def libs(builtin_library):
    return LibrarySet([builtin_library])


def _prepare(libs, scene):
    scene, _ = retrieve_scene(scene, Retriever(libs.libraries), libs)
    return refine_layout(scene, libs)[0]


def _room(*objects):
    return Scene(name="t", room=Room(floor=[[0, 0], [4, 0], [4, 3], [0, 3]], height=2.5), objects=list(objects))


@pytest.mark.parametrize("name", ["bedroom", "living_room", "kitchen", "home_office", "bathroom"])
def test_examples_settle_stable_without_interpenetration(libs, name):
    scene = _prepare(libs, load_scene(ROOT / "examples" / f"{name}.json"))
    settings = PhysicsSettings(settle=SettleSettings(verify_time=5.0))
    out, colliders, report = simulate(scene, libs, settings)
    s = report["summary"]
    assert s["unstable"] == [] and s["max_penetration"] <= 0.005, report
    for oid, r in report["objects"].items():
        assert r["drift_verify"] < 0.01 and r["rotation_verify_deg"] < 2.0, (oid, r)
    assert all(abs(np.linalg.norm(o.quaternion) - 1) < 1e-4 for o in out.objects)
    assert set(colliders["floor_coverings"]) == {o.id for o in scene.objects if o.category == "rug"}


def test_objects_spawned_inside_the_floor_are_pushed_out_and_rest(libs):
    scene = _retrieved_only(libs, _room(SceneObject("box", "box", [0.3, 0.4, 0.25], [2.0, 1.5, 0.125], dynamic=True)))
    scene.objects[0].position[2] = 0.05  # spawned 7.5 cm into the floor
    out, _, report = simulate(scene, libs)
    r = report["objects"]["box"]
    assert r["initial_penetration"] > 0.05 and r["stable"]
    assert out.object("box").position[2] == pytest.approx(0.125, abs=0.005)


def _retrieved_only(libs, scene):
    return retrieve_scene(scene, Retriever(libs.libraries), libs)[0]


def test_a_mug_on_a_table_stays_on_it(libs):
    table = SceneObject("table", "dining_table", [0.95, 1.8, 0.76], [2.0, 1.5, 0.38])
    mug = SceneObject("mug", "mug", [0.09, 0.12, 0.1], [2.0, 1.5, 0.81], support=Support("on", "table"), dynamic=True)
    out, _, report = simulate(_prepare(libs, _room(table, mug)), libs)
    r = report["objects"]["mug"]
    assert r["stable"] and r["displacement"] < 0.01
    assert out.object("mug").bottom_z == pytest.approx(out.object("table").top_z, abs=0.01)


def test_an_object_that_topples_is_reported(libs):
    """A tall bottle balanced half off a shelf edge: it tips, is re-placed, tips again, and the
    report says so instead of hiding it."""
    bottle = SceneObject("bottle", "bottle", [0.075, 0.075, 0.3], [2.0, 1.5, 0.4], dynamic=True,
                         quaternion=[math.cos(0.35), math.sin(0.35), 0.0, 0.0])  # tilted 40 degrees in the air
    out, _, report = simulate(_retrieved_only(libs, _room(bottle)), libs)
    r = report["objects"]["bottle"]
    assert not r["stable"] and r["problem"] == "tipped over"
    assert any("re-placed" in a for a in r["actions"])
    up = quat_to_matrix(out.object("bottle").quaternion)[:, 2]
    assert up[2] < 0.5  # lying down, honestly written back as a full quaternion


def test_settling_has_a_budget_and_says_when_it_ran_out(libs):
    """With no wall-clock time left, stepping stops at once, the drift is measured over the short
    interval, and the report and the build's problems say the budget ran out."""
    from physics.settle import SettleSettings
    from physics.stage import PhysicsSettings
    from vipscene_sim.pipeline.build import scene_problems

    table = SceneObject("table", "dining_table", [0.95, 1.8, 0.76], [2.0, 1.5, 0.38])
    mug = SceneObject("mug", "mug", [0.09, 0.12, 0.1], [2.0, 1.5, 0.81], support=Support("on", "table"), dynamic=True)
    scene = _prepare(libs, _room(table, mug))
    _, _, report = simulate(scene, libs, settings=PhysicsSettings(settle=SettleSettings(time_budget_s=0.0)))
    assert report["summary"]["budget_exhausted"] and report["summary"]["simulated_seconds"] == pytest.approx(0.25)
    assert "settling ran out of its time budget" in scene_problems({"settle": report})[0]
    _, _, report = simulate(scene, libs)
    assert not report["summary"]["budget_exhausted"] and not scene_problems({"settle": report})


def test_settle_cli(tmp_path, capsys):
    import json

    from vipscene_sim.cli.main import main

    assert main(["build", str(ROOT / "examples" / "bedroom.json"), "--out", str(tmp_path / "b"), "--no-preview"]) == 0
    capsys.readouterr()
    assert main(["settle", str(tmp_path / "b" / "scene.json"), "--out", str(tmp_path / "s"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["settle"]["unstable"] == [] and summary["colliders"]["bed"] == "exact"
    report = json.loads((tmp_path / "s" / "report.json").read_text())
    assert [s["name"] for s in report["stages"]] == ["colliders", "settle"]
    assert main(["settle", str(tmp_path / "missing.json"), "--out", str(tmp_path / "x")]) == 2
