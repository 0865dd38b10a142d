"""Scene model: JSON round trip, validation of every problem with its path, atomic save, poses."""

import copy
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vipscene_sim import (
    Room,
    Scene,
    SceneError,
    SceneObject,
    Support,
    load_scene,
    validate_document,
)
from vipscene_sim.geometry.pose import (
    box_corners,
    matrix_to_pose,
    matrix_to_quat,
    pose_to_matrix,
    quat_multiply,
    quat_to_matrix,
    quat_to_yaw,
    yaw_to_quat,
)


def _doc(path):
    return json.loads(Path(path).read_text())


def _paths(doc):
    return {p.path: p.message for p in validate_document(doc)}


def test_minimal_scene_round_trip():
    s = Scene(name="t", room=Room(floor=[[0, 0], [3, 0], [3, 2], [0, 2]]),
              objects=[SceneObject(id="a", category="box", size=[0.3, 0.3, 0.3], position=[1, 1, 0.15]),
                       SceneObject(id="b", category="mug", size=[0.1, 0.1, 0.1], position=[1, 1, 0.35],
                                   support=Support("on", "a"), dynamic=True)])
    again = Scene.from_json(s.to_json())
    assert again.to_json() == s.to_json()
    assert again.object("b").support == Support("on", "a")


def test_every_problem_of_a_broken_document_is_reported_with_its_path(bedroom_path):
    doc = _doc(bedroom_path)
    doc["version"] = 7
    doc["room"]["openings"][0]["width"] = 50.0
    doc["room"]["openings"][1]["wall"] = 9
    doc["objects"][3]["size"][1] = -0.5
    doc["objects"][4]["position"][0] = float("nan")
    doc["objects"][5]["position"][2] = float("inf")
    doc["objects"][6]["id"] = doc["objects"][0]["id"]
    doc["objects"][7]["support"] = {"on": "ghost"}
    doc["objects"][8]["quaternion"] = [0.5, 0, 0, 0]
    doc["objects"][9]["dynamic"] = "yes"
    doc["objects"][10]["colour"] = "red"
    doc["objects"][11]["size"] = "big"
    found = _paths(doc)
    expected = {
        "version": "not supported",
        "room.openings[0].width": "wider",
        "room.openings[1].wall": "only 4 walls",
        "objects[3].size[1]": "must be > 0",
        "objects[4].position[0]": "finite",
        "objects[5].position[2]": "finite",
        "objects[6].id": "duplicate id",
        "objects[7].support.on": "missing object 'ghost'",
        "objects[8].quaternion": "unit quaternion",
        "objects[9].dynamic": "true or false",
        "objects[10].colour": "unknown field",
        "objects[11].size": "list",
    }
    for path, words in expected.items():
        assert path in found, f"{path} not reported; got {sorted(found)}"
        assert words in found[path], (path, found[path])
    assert len(found) == len(expected)


def test_polygon_problems():
    base = {"schema": "vipscene-sim/scene", "version": 1, "name": "x"}
    bowtie = {**base, "room": {"floor": [[0, 0], [2, 2], [2, 0], [0, 2]]}}
    assert "self-intersecting" in _paths(bowtie)["room.floor"]
    clockwise = {**base, "room": {"floor": [[0, 0], [0, 2], [2, 2], [2, 0]]}}
    assert "clockwise" in _paths(clockwise)["room.floor"]
    repeated = {**base, "room": {"floor": [[0, 0], [2, 0], [2, 0], [0, 2]]}}
    assert "repeats point" in _paths(repeated)["room.floor[2]"]
    two = {**base, "room": {"floor": [[0, 0], [2, 0]]}}
    assert "at least 3" in _paths(two)["room.floor"]
    huge = {**base, "room": {"floor": [[0, 0], [500, 0], [500, 500], [0, 500]]}}
    assert "units" in _paths(huge)["room.floor"]


def test_opening_problems():
    room = {"floor": [[0, 0], [4, 0], [4, 3], [0, 3]], "height": 2.5, "openings": [
        {"kind": "door", "wall": 0, "offset": 3.5, "width": 0.9, "height": 2.05},
        {"kind": "window", "wall": 1, "offset": 0.5, "width": 1.0, "height": 2.0, "sill": 1.0},
        {"kind": "door", "wall": 2, "offset": 0.5, "width": 0.9, "height": 2.0, "sill": 0.3},
        {"kind": "window", "wall": 3, "offset": 0.2, "width": 1.0, "height": 1.0, "sill": 1.0},
        {"kind": "window", "wall": 3, "offset": 0.8, "width": 1.0, "height": 1.0, "sill": 1.0},
        {"kind": "skylight", "wall": 2, "offset": 2.0, "width": 0.5, "height": 0.5},
    ]}
    found = _paths({"schema": "vipscene-sim/scene", "version": 1, "name": "x", "room": room})
    assert "past the end of wall 0" in found["room.openings[0].offset"]
    assert "above the ceiling" in found["room.openings[1].height"]
    assert "sill must be 0" in found["room.openings[2].sill"]
    assert "overlaps room.openings[3]" in found["room.openings[4]"]
    assert "'door' or 'window'" in found["room.openings[5].kind"]


def test_support_cycle_and_self_support(bedroom_path):
    doc = _doc(bedroom_path)
    a, b, c = doc["objects"][0], doc["objects"][1], doc["objects"][2]
    a["support"], b["support"], c["support"] = {"on": b["id"]}, {"on": c["id"]}, {"on": a["id"]}
    doc["objects"][3]["support"] = {"on": doc["objects"][3]["id"]}
    found = _paths(doc)
    cycles = [m for m in found.values() if "support cycle" in m]
    assert len(cycles) == 1 and cycles[0].count("->") == 3
    assert "stand on itself" in found["objects[3].support.on"]


def test_malformed_json_and_wrong_top_level(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "vipscene-sim/scene",')
    with pytest.raises(SceneError) as err:
        load_scene(bad)
    assert err.value.problems[0].path == "$" and "line 1" in err.value.problems[0].message
    bad.write_text("[1, 2, 3]")
    with pytest.raises(SceneError, match="must be an object"):
        load_scene(bad)
    bad.write_text('{"a": 1, "a": 2}')
    with pytest.raises(SceneError, match="duplicate key"):
        load_scene(bad)
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SceneError, match="UTF-8"):
        load_scene(bad)


def test_atomic_save_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch, bedroom_path):
    target = tmp_path / "scene.json"
    scene = load_scene(bedroom_path)
    scene.save(target)
    before = target.read_bytes()
    changed = copy.deepcopy(scene)
    changed.name = "changed"

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        changed.save(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["scene.json"]


def test_a_process_killed_during_save_leaves_the_old_file_intact(tmp_path, bedroom_path):
    target = tmp_path / "scene.json"
    load_scene(bedroom_path).save(target)
    before = target.read_bytes()
    # The child dies (no cleanup, no exception handling) right before the rename.
    code = (
        "import os, sys\n"
        "from vipscene_sim import load_scene\n"
        "s = load_scene(sys.argv[1]); s.name = 'half'\n"
        "os.replace = lambda *a: os._exit(9)\n"
        "s.save(sys.argv[2])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(bedroom_path), str(target)])
    assert proc.returncode == 9
    assert target.read_bytes() == before
    assert load_scene(target).name == "bedroom"


def test_yaw_quaternion_round_trip():
    for yaw in np.linspace(-math.pi + 1e-6, math.pi, 37):
        q = yaw_to_quat(yaw)
        assert math.isclose(quat_to_yaw(q), yaw, abs_tol=1e-9)
        assert math.isclose(float(np.linalg.norm(q)), 1.0)


def test_pose_matrices():
    q = quat_multiply(yaw_to_quat(0.7), [math.cos(0.2), math.sin(0.2), 0, 0])  # tilted
    t = pose_to_matrix([1, 2, 3], q)
    r = t[:3, :3]
    assert np.allclose(r @ r.T, np.eye(3)) and math.isclose(np.linalg.det(r), 1.0)
    pos, q2 = matrix_to_pose(t)
    assert np.allclose(pos, [1, 2, 3]) and np.allclose(quat_to_matrix(q2), r)
    # +X of an object at yaw 90 degrees points along world +Y
    assert np.allclose(quat_to_matrix(yaw_to_quat(math.pi / 2)) @ [1, 0, 0], [0, 1, 0])
    assert np.allclose(matrix_to_quat(quat_to_matrix(yaw_to_quat(math.pi))), [0, 0, 0, 1])
    corners = box_corners([2, 1, 0.5], [0, 0, 0.25], yaw_to_quat(math.pi / 2))
    assert np.allclose(corners.min(axis=0), [-0.5, -1, 0]) and np.allclose(corners.max(axis=0), [0.5, 1, 0.5])


def test_scene_object_pose_properties():
    o = SceneObject(id="bed", category="bed", size=[2.0, 1.6, 0.5], position=[1, 1, 0.25])
    o.set_yaw(-math.pi / 2)
    assert math.isclose(o.yaw, -math.pi / 2) and o.bottom_z == 0.0 and o.top_z == 0.5
    assert np.allclose(o.matrix()[:3, 0], [0, -1, 0], atol=1e-12)


def test_long_support_chains_and_cycles_are_checked_once_each():
    """A 3,000-object chain is valid; closing it into a cycle gives one problem naming the
    whole cycle; two separate 2-cycles give two; an object on itself is named as such."""
    from vipscene_sim.validate import validate_document

    def scene(supports):
        return {"schema": "vipscene-sim/scene", "version": 1, "name": "t",
                "room": {"floor": [[0, 0], [4, 0], [4, 4], [0, 4]], "height": 2.7},
                "objects": [{"id": f"o{i}", "category": "box", "size": [0.1, 0.1, 0.1], "position": [1, 1, 0.05],
                             "support": s} for i, s in enumerate(supports)]}

    n = 3000
    chain = ["floor"] + [{"on": f"o{i - 1}"} for i in range(1, n)]
    assert validate_document(scene(chain)) == []
    chain[0] = {"on": f"o{n - 1}"}
    (problem,) = validate_document(scene(chain))
    assert problem.message == "support cycle: o0 -> o2999 -> o2998 -> o2997 -> ... -> o2 -> o1 -> o0 (3000 objects)"
    two = [{"on": "o1"}, {"on": "o0"}, {"on": "o3"}, {"on": "o2"}, {"on": "o4"}]
    messages = sorted(p.message for p in validate_document(scene(two)))
    assert messages == ["object 'o4' cannot stand on itself", "support cycle: o0 -> o1 -> o0",
                        "support cycle: o2 -> o3 -> o2"]
