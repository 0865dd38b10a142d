"""Random plausible rooms and camera paths that stay in the room."""

import json

import numpy as np
import pytest

from vipscene_sim.geometry.polygon import convex_penetration, distance_to_boundary, point_in_polygon
from vipscene_sim.geometry.pose import footprint
from vipscene_sim.scene import Scene
from vipscene_sim.synth import CameraSettings, camera_path
from vipscene_sim.synth.rooms import KINDS, plausibility_problems, random_room


def test_random_rooms_are_plausible_valid_and_deterministic():
    kinds, shapes = set(), set()
    for seed in range(40):
        scene = random_room(seed)
        assert plausibility_problems(scene) == [], scene.name
        assert Scene.from_json(scene.to_json()) == scene  # passes validation
        assert len(scene.objects) >= 4 and any(o.kind == "door" for o in scene.room.openings)
        kinds.add(scene.provenance.stages["generator"]["kind"])
        shapes.add(len(scene.room.floor))
    assert kinds == set(KINDS) and shapes == {4, 6}
    assert random_room(7).to_json() == random_room(7).to_json()
    assert random_room(7).to_json() != random_room(8).to_json()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_has_its_furniture(kind):
    anchors = {"bedroom": "bed", "living_room": "sofa", "kitchen": "refrigerator", "office": "desk",
               "bathroom": "toilet", "dining_room": "dining_table"}
    scene = random_room(3, kind)
    assert any(o.category == anchors[kind] for o in scene.objects)


def test_plausibility_catches_what_is_wrong():
    scene = random_room(5, "living_room")
    sofa = next(o for o in scene.objects if o.category == "sofa")
    table = next(o for o in scene.objects if o.category == "coffee_table")
    table.position[:2] = sofa.position[:2]
    sofa.position[2] += 0.3
    problems = plausibility_problems(scene)
    assert any("overlaps" in p for p in problems) and any("does not stand on the floor" in p for p in problems)


def test_random_room_cli(tmp_path, capsys):
    from vipscene_sim.cli.main import main

    assert main(["random-room", "--seed", "4", "--kind", "kitchen", "--out", str(tmp_path / "k.json")]) == 0
    assert json.loads((tmp_path / "k.json").read_text())["name"] == "random_kitchen_4"
    assert main(["validate", str(tmp_path / "k.json")]) == 0
    assert main(["random-room", "--out", str(tmp_path)]) == 2


def test_orbit_stays_inside_and_clear_in_l_shaped_rooms(examples):
    rooms = [s for s in (random_room(seed) for seed in range(40)) if len(s.room.floor) == 6][:5]
    from vipscene_sim import load_scene

    rooms.append(load_scene(next(p for p in examples if p.stem == "living_room")))
    for scene in rooms:
        tall = [footprint(o.size, o.position, o.quaternion) for o in scene.objects if o.top_z > 1.2 and o.bottom_z < 1.8]
        for path in ("orbit", "walk", "pan"):
            for pose in camera_path(scene.room, CameraSettings(path=path, frames=24), seed=0, obstacles=tall):
                xy = pose[:2, 3]
                assert point_in_polygon(xy, scene.room.floor), (scene.name, path)
                if path == "orbit":
                    assert distance_to_boundary(xy, scene.room.floor) > 0.3, (scene.name, xy)
                    cam = np.array([xy + [0.15, 0.15], xy + [-0.15, 0.15], xy + [-0.15, -0.15], xy + [0.15, -0.15]])
                    assert all(convex_penetration(cam, fp) < 0 for fp in tall), (scene.name, xy)
