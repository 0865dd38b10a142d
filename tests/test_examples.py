"""The example layouts are what a new user runs first: they must be valid and look like rooms."""

import math

import numpy as np
import pytest

from conftest import EXAMPLES
from vipscene_sim import load_scene
from vipscene_sim.polygon import (
    convex_penetration,
    distance_to_boundary,
    point_in_polygon,
    polygon_inside,
    wall_segments,
)
from vipscene_sim.pose import footprint

FLAT = {"rug"}  # objects other furniture may stand on without it being a collision


def _fp(o):
    return footprint(o.size, o.position, o.quaternion)


def test_there_are_five_named_examples():
    names = {p.stem for p in EXAMPLES}
    assert {"bedroom", "living_room", "kitchen", "home_office", "bathroom"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip_is_byte_identical(path):
    text = path.read_text()
    scene = load_scene(path)
    assert scene.to_json() == text
    assert type(scene).from_json(scene.to_json()) == scene


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_a_plausible_room(path):
    s = load_scene(path)
    assert 12 <= len(s.objects) <= 30
    kinds = {o.kind for o in s.room.openings}
    assert kinds == {"door", "window"}
    assert any(o.support.kind == "on" for o in s.objects)
    assert s.provenance.prompt
    by_id = {o.id: o for o in s.objects}
    room = s.room.floor
    for o in s.objects:
        fp = _fp(o)
        assert polygon_inside(fp, room, tol=1e-3), f"{o.id} pokes out of the room"
        assert o.top_z <= s.room.height + 1e-6, f"{o.id} goes through the ceiling"
        kind = o.support.kind
        if kind == "floor":
            assert abs(o.bottom_z) < 1e-3, f"{o.id} does not stand on the floor"
        elif kind == "ceiling":
            assert abs(o.top_z - s.room.height) < 1e-3
        elif kind == "wall":
            back = np.asarray(o.position[:2]) - 0.5 * o.size[0] * np.array([math.cos(o.yaw), math.sin(o.yaw)])
            assert distance_to_boundary(back, room) < 0.02, f"{o.id} is not on a wall"
        else:
            parent = by_id[o.support.on]
            assert parent.bottom_z < o.bottom_z <= parent.top_z + 1e-3, f"{o.id} is not on {parent.id}"
            assert point_in_polygon(o.position[:2], _fp(parent)), f"{o.id} overhangs {parent.id}"
    floor_objs = [o for o in s.objects if o.support.kind == "floor" and o.category not in FLAT]
    for i, a in enumerate(floor_objs):
        for b in floor_objs[i + 1:]:
            assert convex_penetration(_fp(a), _fp(b)) < 0.01, f"{a.id} overlaps {b.id}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_door_swing_is_clear_and_sizes_are_real(path):
    s = load_scene(path)
    walls = wall_segments(s.room.floor)
    for op in s.room.openings:
        if op.kind != "door":
            continue
        assert 0.75 <= op.width <= 1.0 and 2.0 <= op.height <= 2.1
        a, b = walls[op.wall]
        d = (b - a) / np.linalg.norm(b - a)
        n = np.array([-d[1], d[0]])
        s0 = a + d * op.offset
        swing = [s0, s0 + d * op.width, s0 + d * op.width + n * op.width, s0 + n * op.width]
        for o in s.objects:
            if o.support.kind == "floor" and o.category not in FLAT:
                assert convex_penetration(swing, _fp(o)) < 0.0, f"{o.id} blocks the door"
    for o in s.objects:
        if o.category == "bed":
            assert 1.9 <= o.size[0] <= 2.2 and 1.3 <= o.size[1] <= 2.0
        if o.category in ("kitchen_counter", "stove", "dishwasher") and path.stem == "kitchen":
            assert abs(o.size[2] - 0.9) < 0.03


def test_one_example_room_is_not_rectangular():
    assert any(len(load_scene(p).room.floor) > 4 for p in EXAMPLES)
