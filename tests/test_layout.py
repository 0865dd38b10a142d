"""Layout refinement on real scenes: collisions resolved in 3D, objects inside the room, wall
snapping, objects on receptacles, door swings kept clear, navigation measured."""

import math
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from vipscene_sim import Opening, Room, Scene, SceneObject, Support, load_scene
from vipscene_sim.geometry.collision import CollisionWorld, layout_hulls
from vipscene_sim.geometry.pose import yaw_to_quat
from vipscene_sim.layout import RefineSettings, navigation, refine_layout
from vipscene_sim.retrieve import Retriever, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def libs(builtin_library):
    return LibrarySet([builtin_library])


def _retrieved(libs, scene):
    return retrieve_scene(scene, Retriever(libs.libraries), libs)[0]


def _max_penetration(scene, libs, skip_flat=True):
    solid = [o for o in scene.objects if not (skip_flat and o.support.kind == "floor" and o.size[2] < 0.03)]
    worst = 0.0
    with CollisionWorld() as w:
        for o in solid:
            w.add(o.id, layout_hulls(o, libs), o.position, o.quaternion)
        for i, a in enumerate(solid):
            for b in solid[i + 1:]:
                worst = max(worst, w.penetration(a.id, b.id)[0])
    return worst


@pytest.mark.parametrize("name", ["bedroom", "living_room", "kitchen", "home_office", "bathroom"])
def test_examples_refine_to_valid_layouts(libs, name):
    scene = _retrieved(libs, load_scene(ROOT / "examples" / f"{name}.json"))
    out, report = refine_layout(scene, libs)
    assert report["unresolved_collisions"] == [] and report["outside_room"] == []
    assert _max_penetration(out, libs) <= RefineSettings().tolerance + 1e-4
    assert report["navigation"]["doors_connected"]
    assert report["summary"]["max_displacement"] < 0.7  # the perceived layout is evidence
    again, _ = refine_layout(scene, libs)
    assert again.to_json() == out.to_json()  # deterministic


def _room(*objects, openings=()):

    return Scene(name="t", room=Room(floor=[[0, 0], [4, 0], [4, 3], [0, 3]], height=2.5,
                                      openings=[Opening(*o) for o in openings]), objects=list(objects))


def test_interpenetrating_furniture_is_pushed_apart_in_3d(libs):
    sofa = SceneObject("sofa", "sofa", [0.9, 2.0, 0.85], [2.0, 1.5, 0.425], yaw_to_quat(0))
    chair = SceneObject("chair", "chair", [0.5, 0.45, 0.9], [2.3, 1.5, 0.45], yaw_to_quat(math.pi), dynamic=True)
    out, report = refine_layout(_retrieved(libs, _room(sofa, chair)), libs)
    assert _max_penetration(out, libs) <= 0.004
    assert "chair" in report["moved"] and "sofa" not in report["moved"]  # the lighter object gives way
    assert any("pushed out of sofa" in r for r in report["moved"]["chair"]["reasons"])


def test_chair_may_stand_under_a_table_top(libs):
    """Judged on convex parts, not boxes: a stool between a table's legs is not a collision."""
    table = SceneObject("table", "dining_table", [0.95, 1.8, 0.76], [2.0, 1.5, 0.38])
    stool = SceneObject("stool", "stool", [0.34, 0.34, 0.45], [2.0, 1.5, 0.225], dynamic=True)
    scene = _retrieved(libs, _room(table, stool))
    assert scene.object("stool").asset.id.startswith("stool__")
    out, report = refine_layout(scene, libs)
    assert "stool" not in report["moved"], report["moved"]


def test_objects_are_pushed_inside_an_l_shaped_room(libs):
    room = Room(floor=[[0, 0], [5, 0], [5, 2.5], [2.5, 2.5], [2.5, 5], [0, 5]], height=2.6)
    box = SceneObject("cab", "cabinet", [0.45, 0.8, 0.9], [3.5, 2.6, 0.45])  # pokes into the missing quadrant
    out, report = refine_layout(_retrieved(libs, Scene(name="l", room=room, objects=[box])), libs)
    o = out.object("cab")
    from vipscene_sim.geometry.polygon import polygon_inside
    from vipscene_sim.geometry.pose import footprint

    assert polygon_inside(footprint(o.size, o.position, o.quaternion), room.floor, tol=1e-3)
    assert report["outside_room"] == [] and "pushed back inside the room" in " ".join(report["moved"]["cab"]["reasons"])


def test_wall_backed_furniture_snaps_flush(libs):
    wardrobe = SceneObject("w", "wardrobe", [0.6, 1.2, 2.1], [3.55, 1.5, 1.05], yaw_to_quat(math.radians(170)))
    out, report = refine_layout(_retrieved(libs, _room(wardrobe)), libs)
    o = out.object("w")
    assert math.isclose(abs(o.yaw), math.pi, abs_tol=1e-6)
    assert o.position[0] + o.size[0] / 2 == pytest.approx(4.0 - 0.002, abs=0.01)
    assert report["summary"]["snapped_to_wall"] == ["w"]


def test_small_objects_land_on_a_receptacle_inside_its_extent(libs):
    shelf = SceneObject("shelf", "bookshelf", [0.32, 0.9, 1.8], [0.2, 1.5, 0.9])
    book = SceneObject("book", "book", [0.16, 0.24, 0.03], [0.9, 1.5, 0.8], support=Support("on", "shelf"), dynamic=True)
    out, _ = refine_layout(_retrieved(libs, _room(shelf, book)), libs)
    b, s = out.object("book"), out.object("shelf")
    assert abs(b.position[1] - s.position[1]) < 0.45 and b.position[0] < s.position[0] + 0.16 + 1e-6
    info = libs.get("builtin").info(s.asset.id)
    heights = [s.bottom_z + r.height * s.asset.scale[2] for r in info.receptacles]
    assert min(abs(b.bottom_z - h) for h in heights) < 1e-6


def test_door_swing_is_kept_clear(libs):
    chair = SceneObject("chair", "armchair", [0.8, 0.8, 0.85], [1.0, 0.6, 0.425], dynamic=False)
    scene = _room(chair, openings=[("door", 0, 0.5, 0.9, 2.05, 0.0)])
    out, report = refine_layout(_retrieved(libs, scene), libs)
    assert any("door swing" in r for r in report["moved"]["chair"]["reasons"])
    assert out.object("chair").position[1] - 0.4 >= 0.9 - 0.01 or out.object("chair").position[0] - 0.4 >= 1.4 - 0.01


def test_navigation_reports_a_blocked_doorway():
    room = Room(floor=[[0, 0], [4, 0], [4, 3], [0, 3]])
    from vipscene_sim import Opening

    room.openings = [Opening("door", 0, 1.5, 0.9, 2.05, 0.0)]
    open_nav = navigation(room, [])
    assert open_nav.doors_connected and open_nav.reachable_fraction == pytest.approx(1.0)
    wall_of_furniture = np.array([[0, 1.0], [4, 1.0], [4, 1.4], [0, 1.4]])
    blocked = navigation(room, [wall_of_furniture])
    assert blocked.reachable_fraction < 0.5


def test_too_many_objects_are_reported_not_dropped(libs):
    objs = [SceneObject(f"w{i}", "wardrobe", [0.6, 1.2, 2.1], [2.0, 1.5, 1.05]) for i in range(12)]
    out, report = refine_layout(_retrieved(libs, _room(*objs)), libs, RefineSettings(max_sweeps=10))
    assert len(out.objects) == 12
    assert report["unresolved_collisions"], "a room that cannot hold everything must say so"


def test_objects_taller_than_the_room_are_scaled_down(libs):
    shelf = SceneObject("shelf", "bookshelf", [0.35, 0.9, 2.3], [2.0, 2.7, 1.15])
    scene = _retrieved(libs, _room(shelf))
    scene = type(scene)(name="t", room=type(scene.room)(floor=scene.room.floor, height=2.0), objects=scene.objects)
    out, report = refine_layout(scene, libs)
    o = out.object("shelf")
    assert o.top_z <= 2.0 and any("ceiling" in r for r in report["moved"]["shelf"]["reasons"])
    assert report["above_ceiling"] == []


def test_a_chair_blocking_the_only_doorway_is_moved_aside(libs):
    """A narrow room whose door leads past a chair: the chair (movable) is nudged to open the way."""
    from vipscene_sim import Opening

    room = Room(floor=[[0, 0], [1.2, 0], [1.2, 4], [0, 4]], height=2.5,
                openings=[Opening("door", 0, 0.15, 0.9, 2.05, 0.0)])
    chair = SceneObject("chair", "chair", [0.5, 0.45, 0.9], [0.6, 1.3, 0.45], dynamic=True)
    scene = _retrieved(libs, Scene(name="corridor", room=room, objects=[chair]))
    before = navigation(room, [np.array([[0.35, 1.05], [0.85, 1.05], [0.85, 1.55], [0.35, 1.55]])])
    assert before.reachable_fraction < 0.6
    out, report = refine_layout(scene, libs)
    assert report["navigation"]["reachable_fraction"] > before.reachable_fraction
    assert report["navigation"].get("opened_by_moving"), report["navigation"]


def test_recorded_distances_are_where_the_objects_went(libs):
    """Every reason's distance is the net displacement it caused (not the length of every step
    back and forth), the reasons of an object add up to its displacement, and a reason's text
    states its vector's length. Checked on the crowded rooms of the real ProcTHOR house (true
    sizes: the kitchen counter full of things) and on random rooms."""
    import re

    from exporters.thor_import import import_house
    from vipscene_sim.synth.rooms import random_room

    reference = ROOT.parent / "shared" / "reference" / "procthor" / "procthor_train_1.json"
    scenes = [r.scene for r in import_house(reference).rooms if r.room in ("room|2", "room|3")]
    scenes += [random_room(seed) for seed in (1, 2, 3)]
    checked = 0
    for scene in scenes:
        scene = retrieve_scene(scene, Retriever(libs.libraries), libs)[0]
        start = {o.id: np.asarray(o.position) for o in scene.objects}
        refined, report = refine_layout(scene, libs)
        for o in refined.objects:
            rec = report["moved"].get(o.id)
            if rec is None or not rec["moves"]:
                continue
            total = np.sum([np.asarray(v) for v in rec["moves"].values()], axis=0)
            assert np.allclose(total, np.asarray(o.position) - start[o.id], atol=1e-4), (o.id, rec)
            for text in rec["reasons"]:
                m = re.match(r"(.*) \(([0-9.]+) cm\)$", text)
                if m and m.group(1) in rec["moves"]:
                    assert float(m.group(2)) == pytest.approx(100 * np.linalg.norm(rec["moves"][m.group(1)]), abs=0.06)
                    assert float(m.group(2)) <= 100 * rec["displacement"] + 100 * sum(
                        np.linalg.norm(v) for r, v in rec["moves"].items() if r != m.group(1)) + 0.1
            checked += 1
    assert checked >= 10


def test_double_doors_sweep_half_their_width_and_open_doorways_nothing():
    from vipscene_sim.geometry.room import door_swing, door_swing_box

    floor = [[0, 0], [4, 0], [4, 3], [0, 3]]
    one, two, none = (Opening("door", 0, 1.0, 1.8, 2.05, 0.0, leaves) for leaves in (1, 2, 0))
    assert door_swing_box(floor, one)[1][:2] == [1.8, 1.8] and door_swing_box(floor, two)[1][:2] == [1.8, 0.9]
    assert door_swing_box(floor, none) is None
    assert np.ptp(door_swing(floor, two)[:, 1]) == pytest.approx(0.9)
    scene = Scene(name="t", room=Room(floor=floor, openings=[two]))
    assert Scene.from_json(scene.to_json()).room.openings[0].leaves == 2
    assert "leaves" not in Scene(name="t", room=Room(floor=floor, openings=[one])).to_json()


def test_refinement_has_a_budget_and_says_when_it_ran_out(libs):
    """With no time left the sweeps stop at once and every overlap is reported, flagged as the
    budget running out (a hostile layout cannot keep refinement busy for ever)."""
    objs = [SceneObject(id=f"sofa{i}", category="sofa", size=[0.9, 2.0, 0.8], position=[2.0, 2.0 + 0.1 * i, 0.4])
            for i in range(4)]
    scene = retrieve_scene(Scene(name="t", room=Room(floor=[[0, 0], [5, 0], [5, 5], [0, 5]]), objects=objs),
                           Retriever(libs.libraries), libs)[0]
    _, report = refine_layout(scene, libs, RefineSettings(time_budget_s=0.0))
    assert report["summary"]["budget_exhausted"] and len(report["unresolved_collisions"]) == 6
    from vipscene_sim.pipeline.build import scene_problems

    assert "refinement ran out of its time budget" in scene_problems({"refine": report})[0]
    _, report = refine_layout(scene, libs)
    assert not report["summary"]["budget_exhausted"] and report["unresolved_collisions"] == []


def test_the_broad_phase_finds_exactly_the_pairs_whose_boxes_meet():
    """Sort and sweep (`overlapping_boxes`) against the all-pairs test, on seeded random boxes
    spread along x, along y, and piled on one spot."""
    import itertools

    from vipscene_sim.geometry.collision import overlapping_boxes

    rng = np.random.default_rng(7)
    for n, spread in ((0, (1, 1)), (1, (1, 1)), (60, (6, 1)), (60, (1, 6)), (40, (0.1, 0.1))):
        lo = rng.uniform(0, 1, (n, 3)) * [*spread, 1]
        boxes = np.hstack([lo, lo + rng.uniform(0.05, 0.8, (n, 3))])
        brute = [(i, j) for i, j in itertools.combinations(range(n), 2)
                 if all(boxes[i, d] <= boxes[j, d + 3] + 0.01 and boxes[j, d] <= boxes[i, d + 3] + 0.01 for d in range(3))]
        assert overlapping_boxes(boxes, 0.01) == brute, (n, spread)


def test_walls_close_outer_corners_and_stay_out_of_an_l_shaped_room():
    """A wall extends past a convex corner (the outer corner closes) and never past a reflex one,
    where the extension would stand inside the room (a counter flush in the inner corner hit it)."""
    from shapely.geometry import Polygon

    from vipscene_sim.geometry.room import wall_boxes

    floor = [[0, 0], [4.5, 0], [4.5, 2.7], [2.5, 2.7], [2.5, 4.1], [0, 4.1]]
    room = Room(floor, wall_thickness=0.12)
    inside, shell = Polygon(floor), []
    for wb in wall_boxes(room):
        c, s = math.cos(wb.yaw), math.sin(wb.yaw)
        hx, hy = wb.size[0] / 2, wb.size[1] / 2
        box = Polygon([(wb.center[0] + c * x - s * y, wb.center[1] + s * x + c * y)
                       for x, y in ((-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy))])
        assert box.intersection(inside).area < 1e-9, wb
        shell.append(box)
    from shapely.ops import unary_union

    ring = unary_union(shell)
    assert ring.geom_type == "Polygon"  # closed all round: no gap at any corner
    assert ring.union(inside).buffer(-1e-6).difference(inside.buffer(0.12, join_style=2)).area < 1e-6
