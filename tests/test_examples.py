"""The example layouts are what a new user runs first: they must be valid and look like rooms."""


import pytest
from conftest import EXAMPLES

from vipscene_sim import load_scene
from vipscene_sim.synth.rooms import plausibility_problems


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
    assert plausibility_problems(s) == []  # inside, supported, no overlaps, doors clear


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_doors_and_sizes_are_real(path):
    s = load_scene(path)
    for op in s.room.openings:
        if op.kind == "door":
            assert 0.75 <= op.width <= 1.0 and 2.0 <= op.height <= 2.1
    for o in s.objects:
        if o.category == "bed":
            assert 1.9 <= o.size[0] <= 2.2 and 1.3 <= o.size[1] <= 2.0
        if o.category in ("kitchen_counter", "stove", "dishwasher") and path.stem == "kitchen":
            assert abs(o.size[2] - 0.9) < 0.03


def test_one_example_room_is_not_rectangular():
    assert any(len(load_scene(p).room.floor) > 4 for p in EXAMPLES)
