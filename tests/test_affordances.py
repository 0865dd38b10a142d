"""Affordances (`OUT/affordances.json`) hold in a simulator: base poses and arm mounts are free
for their footprint in the exported MJCF and reachable from a door, every graspable object is
within reach of a listed base pose, a new object put on a listed free spot stays there, the
approaches avoid what is beside and above an object, and handles sit on the moving parts and
pull them open."""

import json
import math

import numpy as np
import pytest
from conftest import EXAMPLES

from vipscene_sim.affordances import SCHEMA_VERSION, AffordanceSettings, compute_affordances, load_affordances
from vipscene_sim.affordances.model import problems
from vipscene_sim.errors import UserError


def _with_probes(out, bodies):
    """The scene's MJCF with extra free bodies (name, pos, geom kwargs), gravity off unless a
    body asks for it: (model, data) after one forward pass."""
    import mujoco

    spec = mujoco.MjSpec.from_file(str(out / "mjcf" / "scene.xml"))
    for name, pos, geom in bodies:
        b = spec.worldbody.add_body(name=name, pos=pos)
        b.add_freejoint()
        b.add_geom(name=name, **geom)
    m = spec.compile()
    d = mujoco.MjData(m)
    mujoco.mj_forward(m, d)
    return m, d


def _penetrating(m, d, prefix: str, tol: float = 0.001) -> dict[str, float]:
    """Probe geom name -> deepest penetration into anything that is not a probe."""
    out = {}
    for c in d.contact[:d.ncon]:
        names = [m.geom(int(g)).name for g in c.geom]
        probes = [n for n in names if n.startswith(prefix)]
        if len(probes) == 1 and c.dist < -tol:
            out[probes[0]] = max(out.get(probes[0], 0.0), -float(c.dist))
    return out


def _cylinder(radius: float, z=(0.02, 0.5)) -> dict:
    import mujoco

    return {"type": mujoco.mjtGeom.mjGEOM_CYLINDER, "size": [radius, (z[1] - z[0]) / 2, 0]}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_affordances_are_written_valid_and_hold_in_mujoco(built_example, path):
    out = built_example(path)
    doc = json.loads((out / "affordances.json").read_text())
    assert problems(doc) == []
    aff = load_affordances(out / "affordances.json")
    s = AffordanceSettings(**{k: tuple(v) if isinstance(v, list) else v for k, v in aff.settings.items()})
    scene = json.loads((out / "scene.json").read_text())
    centre = {o["id"]: np.asarray(o["position"]) for o in scene["objects"]}
    assert aff.base_poses and aff.receptacles, "every example has somewhere to stand and to put things"

    # base poses: a disc of the robot's radius touches nothing in the exported model
    z = (0.02, 0.5)
    probes = [(f"probe_base_{k}", [p.position[0], p.position[1], sum(z) / 2], _cylinder(s.robot_radius - 0.005, z))
              for k, p in enumerate(aff.base_poses)]
    floor_mounts = [m for m in aff.arm_mounts if m.kind == "floor"]
    probes += [(f"probe_mount_{k}", [m.position[0], m.position[1], sum(z) / 2], _cylinder(s.arm_radius - 0.005, z))
               for k, m in enumerate(floor_mounts)]
    m, d = _with_probes(out, probes)
    hits = _penetrating(m, d, "probe_")  # probes overlapping each other do not count
    assert hits == {}, f"poses that collide (m): {hits}"

    # ...on floor a door connects to (the navigation grid, recomputed from the scene)
    from vipscene_sim.evaluate.scene_metrics import floor_blockers, object_geometry
    from vipscene_sim.layout.navigation import free_space
    from vipscene_sim.pipeline.libraries import LibraryOptions
    from vipscene_sim.scene import load_scene

    sc = load_scene(out / "scene.json")
    geo = object_geometry(sc, LibraryOptions().open())
    grid = free_space(sc.room, list(floor_blockers(sc, geo, 0.03).values()), s.robot_radius, s.cell)
    assert grid.door_labels, "every example has a door"
    for p in aff.base_poses:
        j, i = grid.index(p.position[:2])
        assert grid.reachable[j, i], f"base pose {p.position} is not reachable from the door"

    # every graspable object is within reach of a listed base pose that names it
    for g in aff.graspable:
        near = [p for p in aff.base_poses if f"grasp:{g.id}" in p.targets]
        assert near and min(np.linalg.norm(np.asarray(p.position[:2]) - centre[g.id][:2]) for p in near) <= s.reach

    # a 4 cm cube on every free spot with room above it stays where it was put
    spots = [r for r in aff.receptacles if r.place_at and r.place_radius >= 0.03 and r.clearance >= 0.06]
    assert spots
    import mujoco

    cubes = [(f"cube_{k}", [r.place_at[0], r.place_at[1], r.place_at[2] + 0.021],
              {"type": mujoco.mjtGeom.mjGEOM_BOX, "size": [0.02, 0.02, 0.02], "mass": 0.1})
             for k, r in enumerate(spots)]
    m, d = _with_probes(out, cubes)
    assert _penetrating(m, d, "cube_") == {}, "a cube placed on a free spot overlaps something"
    start = {n: d.body(n).xpos.copy() for n, _, _ in cubes}
    for _ in range(int(1.0 / m.opt.timestep)):
        mujoco.mj_step(m, d)
    moved = {f"{spots[k].id}/{spots[k].surface}": round(float(np.linalg.norm(d.body(n).xpos - start[n])), 4)
             for k, (n, _, _) in enumerate(cubes) if np.linalg.norm(d.body(n).xpos - start[n]) > 0.01}
    assert moved == {}, f"cubes that did not stay on their spot (m): {moved}"

    # counter mounts stand at their surface's height, their base wholly on its free part
    from shapely.geometry import Point

    surfaces = {f"{r.id}/{r.surface}": r for r in aff.receptacles}
    for mt in aff.arm_mounts:
        if mt.kind == "counter":
            r = surfaces[mt.surface]
            assert abs(mt.position[2] - r.height) < 1e-6
            assert r.free_region().buffer(1e-6).contains(Point(mt.position[:2]).buffer(s.arm_radius - 0.001))


def test_handles_are_on_the_moving_part_and_pull_it_open(built_example):
    out = built_example(next(p for p in EXAMPLES if p.stem == "kitchen"))
    aff = load_affordances(out / "affordances.json")
    scene = {o["id"]: o for o in json.loads((out / "scene.json").read_text())["objects"]}
    assert len(aff.openable) >= 10
    # handle parts where the asset has them; the microwave's door and the pedal bin's lid have
    # none and get the free edge of the moving part
    assert sorted((o.id, o.joint) for o in aff.openable if not o.handle_part) == [("microwave", "door"), ("trash_can", "lid")]
    import mujoco

    m = mujoco.MjModel.from_xml_path(str(out / "mjcf" / "scene.xml"))
    d = mujoco.MjData(m)
    for o in aff.openable:
        from vipscene_sim.geometry.pose import quat_to_matrix

        front = quat_to_matrix(scene[o.id]["quaternion"])[:, 0]
        pull = np.asarray(o.pull)
        assert abs(np.linalg.norm(pull) - 1) < 1e-3
        assert pull @ front > 0.3 or pull[2] > 0.3, f"{o.id}/{o.joint} pulls {pull}, the front is {front}"
        # the handle moves with the joint, the way `pull` says: open the joint a little in MuJoCo
        j = m.joint(o.mjcf_joint)
        body = int(m.jnt_bodyid[j.id])
        mujoco.mj_resetData(m, d)
        mujoco.mj_kinematics(m, d)
        local = d.xmat[body].reshape(3, 3).T @ (np.asarray(o.handle) - d.xpos[body])
        step = 0.02 if o.kind == "prismatic" else 0.05
        d.qpos[m.jnt_qposadr[j.id]] += step
        mujoco.mj_kinematics(m, d)
        moved = d.xpos[body] + d.xmat[body].reshape(3, 3) @ local - np.asarray(o.handle)
        assert np.linalg.norm(moved) > 0.5 * step * (1 if o.kind == "prismatic" else 0.2), f"{o.id}/{o.joint}: the handle does not move"
        assert moved @ pull / np.linalg.norm(moved) > 0.95, f"{o.id}/{o.joint}: the handle moves along {moved}, not {pull}"


def _room(objects: list[dict]) -> dict:
    return {"schema": "vipscene-sim/scene", "version": 1, "name": "probe", "seed": 0,
            "room": {"floor": [[0, 0], [3, 0], [3, 3], [0, 3]], "height": 2.5, "wall_thickness": 0.1,
                     "openings": [{"kind": "door", "wall": 0, "offset": 1.0, "width": 0.9, "height": 2.0, "sill": 0.0}]},
            "objects": objects}


def _box(oid, size, pos, support="floor", dynamic=False, mass=None):
    return {"id": oid, "category": "box", "size": list(size), "position": list(pos), "quaternion": [1, 0, 0, 0],
            "support": support, "dynamic": dynamic, "mass": mass, "asset": None}


def test_approaches_leave_out_what_a_wall_a_neighbour_or_a_shelf_blocks(builtin_library):
    """Boxes without assets: a table against the back wall (y = 3) holding bottles narrower
    along x than y (the gripper closes along x, side approaches come along y): one in the open,
    one against the wall, one with a box touching its -y side, one under a shelf."""
    from physics.stage import physical_bodies
    from vipscene_sim.pipeline.libraries import LibraryOptions
    from vipscene_sim.scene import Scene

    on = {"on": "table"}
    objs = [_box("table", (1.6, 0.5, 0.75), (1.5, 2.75, 0.375)),
            _box("open", (0.05, 0.07, 0.25), (0.9, 2.6, 0.875), on, True, 0.5),
            _box("walled", (0.05, 0.07, 0.25), (1.3, 2.96, 0.875), on, True, 0.5),
            _box("crowded", (0.05, 0.07, 0.25), (1.7, 2.6, 0.875), on, True, 0.5),
            _box("neighbour", (0.3, 0.2, 0.25), (1.7, 2.6 - 0.035 - 0.1 - 0.001, 0.875), on, True, 2.0),
            _box("sheltered", (0.05, 0.07, 0.25), (2.1, 2.6, 0.875), on, True, 0.5),
            _box("shelf", (0.3, 0.3, 0.02), (2.1, 2.6, 1.03), "wall"),
            _box("heavy", (0.05, 0.07, 0.25), (0.6, 2.6, 0.875), on, True, 9.0),
            _box("wide", (0.2, 0.2, 0.2), (2.5, 2.8, 0.85), on, True, 0.5)]
    scene = Scene.from_dict(_room(objs))
    libs = LibraryOptions().open()
    aff = compute_affordances(scene, libs, physical_bodies(scene, libs), AffordanceSettings())
    kinds = {g.id: sorted((a.kind, tuple(np.sign(np.round(a.direction, 3)))) for a in g.approaches) for g in aff.graspable}
    assert "heavy" not in kinds and "wide" not in kinds  # over the mass limit, wider than the gripper
    assert len(kinds["open"]) == 3
    walled = next(g for g in aff.graspable if g.id == "walled").approaches
    assert len(walled) == 2 and all(a.kind == "top" or a.direction[1] > 0.5 for a in walled), "no hand comes in from the wall"
    crowded = next(g for g in aff.graspable if g.id == "crowded").approaches
    assert len(crowded) == 2 and all(a.kind == "top" or a.direction[1] < -0.5 for a in crowded), \
        "the neighbour at -y blocks the hand from -y"
    assert all(abs(a.closing[0]) > 0.99 for g in aff.graspable for a in g.approaches)
    assert [a.kind for a in next(g for g in aff.graspable if g.id == "sheltered").approaches] == ["side", "side"]
    # the table's top holds the bottles: its free area excludes their footprints
    top = next(r for r in aff.receptacles if r.id == "table")
    assert {"open", "walled", "crowded", "sheltered"} <= set(top.holds)
    assert top.free_area < top.area - 4 * 0.05 * 0.07
    from shapely.geometry import Point, Polygon

    free = Polygon(top.free_polygons[0][0], top.free_polygons[0][1:])
    assert not free.contains(Point(0.9, 2.6)) and free.contains(Point(*top.place_at[:2]))


def test_a_room_with_no_way_in_has_no_unreachable_claims(builtin_library):
    """A door blocked by a wardrobe-sized box: poses fall back to the largest free region and
    the note says so; every pose is still collision-free."""
    from physics.stage import physical_bodies
    from vipscene_sim.pipeline.libraries import LibraryOptions
    from vipscene_sim.scene import Scene

    objs = [_box("blocker", (1.4, 0.7, 2.0), (1.45, 0.36, 1.0)),
            _box("table", (0.8, 0.8, 0.75), (1.5, 2.0, 0.375)),
            _box("cup", (0.06, 0.06, 0.1), (1.5, 2.0, 0.8), {"on": "table"}, True, 0.2)]
    scene = Scene.from_dict(_room(objs))
    libs = LibraryOptions().open()
    aff = compute_affordances(scene, libs, physical_bodies(scene, libs), AffordanceSettings())
    assert any("largest free region" in n for n in aff.notes)
    assert [g.id for g in aff.graspable] == ["cup"] and aff.base_poses


def test_load_affordances_refuses_other_versions_and_broken_files(tmp_path):
    bad = tmp_path / "a.json"
    bad.write_text(json.dumps({"schema": "vipscene-sim/affordances", "version": SCHEMA_VERSION + 1}))
    with pytest.raises(UserError, match="version"):
        load_affordances(bad)
    bad.write_text("{not json")
    with pytest.raises(UserError, match="not a readable"):
        load_affordances(bad)
    bad.write_text(json.dumps({"schema": "vipscene-sim/affordances", "version": SCHEMA_VERSION}))
    with pytest.raises(UserError, match="not a valid"):
        load_affordances(bad)
    with pytest.raises(UserError, match="no such file"):
        load_affordances(tmp_path / "missing.json")
    assert math.isfinite(AffordanceSettings().reach)
