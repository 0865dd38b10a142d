"""Articulated furniture: every door, drawer and lid of the built-in library opens and closes in
MuJoCo and in PyBullet without passing through its carcass, holds where it is left, carries what
is put in it, and reaches every exporter with its joint state."""

import json
import math
from pathlib import Path

import mujoco
import numpy as np
import pytest
from lxml import etree

from assets.articulation import clamp_positions, link_transform, opened, posed_parts
from assets.builder import Builder, Joint
from assets.library import BuiltinLibrary
from assets.registry import LibrarySet
from exporters.mjcf import export_mjcf, joint_name, validate_mjcf
from exporters.urdf import export_urdf, validate_urdf
from physics.stage import physical_bodies, simulate
from vipscene_sim import Room, Scene, SceneObject, Support
from vipscene_sim.scene import AssetRef

PENETRATION = 0.005
"""The most a moving part may pass into its carcass or a neighbour (m)."""


@pytest.fixture(scope="module")
def libs(builtin_library):
    return LibrarySet([builtin_library])


ARTICULATED = ("basket", "box", "cabinet", "clothes_dryer", "desk", "dishwasher", "dresser", "kettle",
               "kitchen_counter", "kitchen_island", "laptop", "laundry_hamper", "microwave", "nightstand", "piano",
               "refrigerator", "safe", "sink", "stove", "toilet", "trash_can", "tv_stand", "wall_cabinet", "wardrobe",
               "washing_machine")
"""The categories with a door, drawer or lid in at least one variant."""


def test_the_articulated_categories_are_the_ones_tested(builtin_library):
    assert {i.category for i in builtin_library.infos() if i.joints} == set(ARTICULATED)


def _variants(lib: BuiltinLibrary, category: str):
    return [i for i in lib.infos() if i.category == category and i.joints]


def one_object(info, joints=None) -> Scene:
    size = list(info.size)
    obj = SceneObject("obj", info.category, size, [0.0, 0.0, size[2] / 2 + 1e-4], asset=AssetRef("builtin", info.id),
                      dynamic=info.dynamic, mass=info.mass, joints=dict(joints or {}))
    return Scene("one", Room([[-3, -3], [3, -3], [3, 3], [-3, 3]]), [obj])


def kp(mass: float, limits) -> float:
    """A position gain that holds a part of ``mass`` kg against its weight (and the friction
    that holds it) within 2 % of its range."""
    return 200.0 * (1.0 + mass) + 2.5 * mass * 9.81 / (0.02 * (limits[1] - limits[0]))


def driven_model(xml: Path, joints: dict[str, tuple[float, float]], mass: dict[str, float]) -> mujoco.MjModel:
    """The exported model with a position actuator on every named joint (as a user would add)."""
    root = etree.parse(str(xml)).getroot()
    act = etree.SubElement(root, "actuator")
    for name, (lo, hi) in joints.items():
        etree.SubElement(act, "position", name=f"drive_{name}", joint=name, kp=f"{kp(mass[name], (lo, hi)):.6g}",
                         dampratio="1", ctrlrange=f"{lo:.6g} {hi:.6g}")
    out = xml.with_name("driven.xml")
    out.write_bytes(etree.tostring(root))
    return mujoco.MjModel.from_xml_path(str(out))


def _contacts(model, data, moving: set[int]) -> list[float]:
    """Distances (m, negative: penetration) of the contacts involving a body in ``moving``."""
    return [float(c.dist) for c in data.contact[:data.ncon]
            if model.geom_bodyid[c.geom1] in moving or model.geom_bodyid[c.geom2] in moving]


def _worst_contact(model, data, moving: set[int]) -> float:
    return min([0.0] + _contacts(model, data, moving))


def drive_mujoco(model, data, targets: dict[str, float], seconds: float, moving: set[int], ramp: float = 0.6) -> float:
    """Step with every actuator's target moving to ``targets`` over the first ``ramp`` of the
    time, as a hand pulls a drawer (not a jerk); the deepest penetration met on the way."""
    ids = {name: model.actuator(f"drive_{name}").id for name in targets}
    start = {name: float(data.ctrl[i]) for name, i in ids.items()}
    steps = int(seconds / model.opt.timestep)
    worst = 0.0
    for k in range(steps):
        f = min(1.0, k / max(1.0, ramp * steps))
        for name, i in ids.items():
            data.ctrl[i] = start[name] + f * (targets[name] - start[name])
        mujoco.mj_step(model, data)
        if k % 10 == 0:
            worst = min(worst, _worst_contact(model, data, moving))
    return worst


@pytest.mark.parametrize("category", ARTICULATED)
def test_every_joint_opens_and_closes_in_mujoco(libs, builtin_library, tmp_path, category):
    for info in _variants(builtin_library, category):
        _mujoco_open_close(libs, info, tmp_path / info.id)


def _mujoco_open_close(libs, info, tmp_path):
    scene = one_object(info)
    bodies = physical_bodies(scene, libs)
    xml = export_mjcf(scene, libs, bodies, tmp_path)
    links = {joint_name("obj", lk.joint.name): lk for lk in bodies["obj"].links}
    model = driven_model(xml, {n: lk.joint.limits for n, lk in links.items()}, {n: lk.mass.mass for n, lk in links.items()})
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    for n, lk in links.items():
        data.ctrl[model.actuator(f"drive_{n}").id] = lk.position
    moving = {model.body(n).id for n in links}
    qadr = {n: model.jnt_qposadr[model.joint(n).id] for n in links}
    assert not _contacts(model, data, moving), f"{info.id}: a moving part touches something when closed"
    carcass0 = data.xpos[model.body("obj").id].copy()

    worst = drive_mujoco(model, data, {n: lk.joint.limits[1] for n, lk in links.items()}, 2.0, moving)
    for n, lk in links.items():
        lo, hi = lk.joint.limits
        assert data.qpos[qadr[n]] >= lo + 0.95 * (hi - lo), f"{info.id}: {n} opened to {data.qpos[qadr[n]]:.3f} of {lo:.3f}..{hi:.3f}"
    worst = min(worst, drive_mujoco(model, data, {n: lk.joint.limits[0] for n, lk in links.items()}, 2.0, moving))
    for n, lk in links.items():
        lo, hi = lk.joint.limits
        assert data.qpos[qadr[n]] <= lo + 0.05 * (hi - lo), f"{n} closed only to {data.qpos[qadr[n]]:.3f}"
    assert worst >= -PENETRATION, f"{info.id}: a part passed {-worst * 1000:.1f} mm into its carcass or a neighbour"

    held = {n: float(data.qpos[qadr[n]]) for n in links}
    drive_mujoco(model, data, {n: lk.joint.limits[0] for n, lk in links.items()}, 0.5, moving)
    for n in links:
        assert abs(data.qpos[qadr[n]] - held[n]) < 0.005, f"{n} drifts while held"
    assert np.linalg.norm(data.xpos[model.body("obj").id] - carcass0) < 0.01


@pytest.mark.parametrize("category", ARTICULATED)
def test_every_joint_opens_and_closes_in_pybullet(libs, builtin_library, tmp_path, category):
    for info in _variants(builtin_library, category):
        _pybullet_open_close(libs, info, tmp_path / info.id)


def _pybullet_open_close(libs, info, tmp_path):
    from vipscene_sim.geometry.collision import pybullet

    pb = pybullet()
    scene = one_object(info)
    bodies = physical_bodies(scene, libs)
    export_urdf(scene, libs, bodies, tmp_path)
    manifest = json.loads((tmp_path / "urdf" / "manifest.json").read_text())
    entry = manifest["objects"][0]
    cid = pb.connect(pb.DIRECT)
    try:
        pb.setGravity(0, 0, -9.81, physicsClientId=cid)
        pb.createMultiBody(0, pb.createCollisionShape(pb.GEOM_PLANE, physicsClientId=cid), physicsClientId=cid)
        w, x, y, z = entry["quaternion_wxyz"]
        body = pb.loadURDF(str(tmp_path / "urdf" / entry["urdf"]), basePosition=entry["position"], baseOrientation=[x, y, z, w],
                           useFixedBase=not info.dynamic, physicsClientId=cid,
                           flags=pb.URDF_USE_INERTIA_FROM_FILE | pb.URDF_USE_SELF_COLLISION
                           | pb.URDF_USE_SELF_COLLISION_INCLUDE_PARENT)
        index = {pb.getJointInfo(body, i, physicsClientId=cid)[1].decode(): i
                 for i in range(pb.getNumJoints(body, physicsClientId=cid))}
        links = {entry["urdf_joints"][lk.joint.name]: lk for lk in bodies["obj"].links}
        assert set(links) == set(index)

        def drive(targets: dict[str, float], seconds: float) -> float:
            for n, q in targets.items():
                pb.setJointMotorControl2(body, index[n], pb.POSITION_CONTROL, targetPosition=q, force=500.0,
                                         maxVelocity=2.0, physicsClientId=cid)
            worst = 0.0
            for k in range(int(seconds * 240)):
                pb.stepSimulation(physicsClientId=cid)
                if k % 10 == 0:
                    pts = pb.getContactPoints(bodyA=body, bodyB=body, physicsClientId=cid)
                    worst = min([worst] + [p[8] for p in pts])
            return worst

        worst = drive({n: lk.joint.limits[1] for n, lk in links.items()}, 2.0)
        for n, lk in links.items():
            lo, hi = lk.joint.limits
            q = pb.getJointState(body, index[n], physicsClientId=cid)[0]
            assert q >= lo + 0.95 * (hi - lo), f"{info.id}: {n} opened to {q:.3f} of {lo:.3f}..{hi:.3f}"
        worst = min(worst, drive({n: lk.joint.limits[0] for n, lk in links.items()}, 2.0))
        for n, lk in links.items():
            lo, hi = lk.joint.limits
            assert pb.getJointState(body, index[n], physicsClientId=cid)[0] <= lo + 0.05 * (hi - lo)
        assert worst >= -PENETRATION, f"{info.id}: a part passed {-worst * 1000:.1f} mm into its carcass"
        held = {n: pb.getJointState(body, index[n], physicsClientId=cid)[0] for n in links}
        base = np.asarray(pb.getBasePositionAndOrientation(body, physicsClientId=cid)[0])
        drive({n: lk.joint.limits[0] for n, lk in links.items()}, 0.5)
        for n in links:
            assert abs(pb.getJointState(body, index[n], physicsClientId=cid)[0] - held[n]) < 0.005, f"{info.id}: {n} drifts"
        assert np.linalg.norm(np.asarray(pb.getBasePositionAndOrientation(body, physicsClientId=cid)[0]) - base) < 0.01
    finally:
        pb.disconnect(cid)


def test_builder_rejects_broken_joints():
    b = Builder((0.5, 0.5, 0.5))
    door = b.box("door", (0.2, 0.25), (-0.25, 0.25), (0, 0.5), (1, 1, 1, 1))
    for axis, limits, parts in [((0, 0, 0), (0, 1), [door]), ((0, 0, 1), (1, 0), [door]),
                                ((0, 0, 1), (0, float("nan")), [door]), ((0, 0, 1), (0, 1), ["no_such_part"])]:
        b.joints = []
        try:
            b.joints.append(Joint("j", "revolute", axis, (0, 0, 0), limits, tuple(parts), 0.1, 0.1))
            b.finish()
        except ValueError as exc:
            assert "j" in str(exc)
        else:
            raise AssertionError(f"accepted axis {axis}, limits {limits}, parts {parts}")


def test_kinematics_match_the_joint_definition():
    hinge = Joint("door", "revolute", (0.0, 0.0, -1.0), (0.3, -0.2, 0.5), (0.0, 1.9), ("door",))
    t = link_transform(hinge, math.pi / 2)
    # a door hinged at its low-Y edge opening outwards: a point 0.4 m along the door swings to +X
    p = t @ np.array([0.3, 0.2, 0.5, 1.0])
    assert np.allclose(p[:3], [0.7, -0.2, 0.5], atol=1e-9)
    slide = Joint("drawer", "prismatic", (1.0, 0.0, 0.0), (0.3, 0.0, 0.2), (0.0, 0.4), ("drawer",))
    assert np.allclose(link_transform(slide, 0.25)[:3, 3], [0.25, 0, 0])
    stretched = slide.scaled((2.0, 1.0, 1.0))
    assert stretched.limits == (0.0, 0.8) and np.allclose(stretched.origin, (0.6, 0.0, 0.2))
    positions, notes = clamp_positions([hinge, slide], {"door": 3.0, "drawer": -1.0, "lid": 0.2})
    assert positions == {"door": 1.9, "drawer": 0.0}
    assert len(notes) == 3 and any("lid" in n for n in notes)
    assert opened([hinge, slide], 0.5) == {"door": 0.95, "drawer": 0.2}


def test_catalog_and_assets_show_list_the_joints(builtin_library, tmp_path, capsys):
    from vipscene_sim.cli.main import main

    info = builtin_library.info("wardrobe__two_door")
    door = info.joints[0]
    assert door.parts and door.kind == "revolute" and door.damping > 0 and door.friction > 0
    geom = builtin_library.geometry(info.id)
    moving = {p.name for p in geom.parts if p.link == door.name}
    assert moving == set(door.parts) and any("handle" in n for n in moving)  # the handle moves with its door
    closed, opened_png = tmp_path / "closed.png", tmp_path / "open.png"
    assert main(["assets", "show", info.id, "--out", str(closed)]) == 0
    assert main(["assets", "show", info.id, "--out", str(opened_png), "--open", "1"]) == 0
    shown = capsys.readouterr().out
    assert "joint door_0: revolute" in shown and opened_png.read_bytes() != closed.read_bytes()
    assert main(["assets", "show", info.id, "--out", str(tmp_path / "x.png"), "--open", "2"]) == 2
    assert "--open 2" in capsys.readouterr().err and not (tmp_path / "x.png").exists()
    assert main(["assets", "list", "--category", "wardrobe", "--json"]) == 0
    listed = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    assert [j["name"] for j in listed[info.id]["joints"]] == [j.name for j in info.joints]
    assert listed[info.id]["joints"][0]["parts"] == list(door.parts)


def test_an_imported_openness_opens_the_chosen_assets_joints(libs, tmp_path):
    """AI2-THOR's one number becomes positions of whichever asset is chosen; a value that is not
    a number leaves the object closed and imported."""
    from vipscene_sim import load_scene
    from vipscene_sim.cli.main import main
    from vipscene_sim.retrieve import Retriever, retrieve_scene

    ref = Path(__file__).parent.parent.parent / "shared" / "reference" / "procthor" / "procthor_train_1.json"
    house = json.loads(ref.read_text())
    laptops = []

    def walk(items):
        for o in items or []:
            if o["assetId"].startswith("Laptop"):
                laptops.append(o)
            walk(o.get("children"))

    walk(house["objects"])
    assert len(laptops) >= 2
    laptops[0]["openness"], laptops[1]["openness"] = 1.0, "wide open"
    path = tmp_path / "house.json"
    path.write_text(json.dumps(house))
    out = tmp_path / "out"
    assert main(["import", str(path), "--out", str(out), "--no-build"]) == 0
    files = {o["id"]: f for f in out.glob("*/imported_layout.json") for o in json.loads(f.read_text())["objects"]}
    got = {o["id"]: o for f in set(files.values()) for o in json.loads(f.read_text())["objects"]}
    assert got[laptops[0]["id"]]["source"]["openness"] == 1.0
    assert "openness" not in got[laptops[1]["id"]]["source"]  # kept, closed
    scene = retrieve_scene(load_scene(files[laptops[0]["id"]]), Retriever(libs.libraries), libs)[0]
    laptop = next(o for o in scene.objects if o.id == laptops[0]["id"])
    joints = libs.resolve(laptop.asset).info.joints
    assert joints and laptop.joints == {j.name: j.limits[1] for j in joints}  # fully open


def test_open_parts_leave_the_closed_box(builtin_library):
    """Posed fully open, a wardrobe's doors reach in front of it; closed, everything is in its box."""
    info = next(i for i in builtin_library.infos() if i.id == "wardrobe__two_door")
    g = builtin_library.geometry(info.id)
    closed = np.vstack([p.vertices for p in g.parts])
    open_ = np.vstack([p.vertices for p in posed_parts(g.parts, info.joints, opened(info.joints, 1.0))])
    assert closed[:, 0].max() <= info.size[0] / 2 + 1e-6
    assert open_[:, 0].max() > info.size[0] / 2 + 0.3


def test_joint_state_reaches_every_exporter(libs, builtin_library, tmp_path):
    from exporters.procthor import export_procthor

    info = builtin_library.info("wardrobe__two_door")
    scene = one_object(info, {"door_0": 0.8, "door_1": 9.0})  # the second out of range: clamped
    bodies = physical_bodies(scene, libs)
    assert [lk.position for lk in bodies["obj"].links] == [0.8, info.joints[1].limits[1]]
    assert any("clamped" in n for n in bodies["obj"].notes)
    xml = export_mjcf(scene, libs, bodies, tmp_path)
    model = mujoco.MjModel.from_xml_path(str(xml))
    assert model.qpos0[model.jnt_qposadr[model.joint("obj__door_0").id]] == pytest.approx(0.8)
    v = validate_mjcf(xml, seconds=1.0)
    assert v["ok"] and v["joints"] == 2 and v["joints_moved"] == [], v
    urdf = export_urdf(scene, libs, bodies, tmp_path)
    manifest = json.loads((urdf.parent / "manifest.json").read_text())
    assert manifest["objects"][0]["joints"]["door_0"] == pytest.approx(0.8)
    u = validate_urdf(urdf, seconds=1.0)
    assert u["ok"] and u["joints"] == 2, u
    house = json.loads(export_procthor(scene, libs, bodies, tmp_path).read_text())
    thor = house["objects"][0]
    assert thor["openable"] is True and thor["openness"] == pytest.approx(1.0)
    assert thor["vipscene"]["joints"] == {"door_0": 0.8, "door_1": 9.0}


def test_usd_articulation_follows_isaac_lab_rules(libs, builtin_library, tmp_path):
    pytest.importorskip("pxr")
    from pxr import Usd, UsdPhysics

    from exporters.usd import export_usd, validate_usd

    wardrobe = builtin_library.info("wardrobe__two_door")
    mug = next(i for i in builtin_library.infos() if i.category == "mug")
    scene = one_object(wardrobe, {"door_0": 0.5})
    scene.objects.append(SceneObject("mug", "mug", list(mug.size), [1.5, 0, mug.size[2] / 2], asset=AssetRef("builtin", mug.id),
                                     dynamic=True, mass=mug.mass))
    bodies = physical_bodies(scene, libs)
    path = export_usd(scene, libs, bodies, tmp_path)
    v = validate_usd(path)
    assert v["ok"] and v["joints"] == 2 and v["articulations"] == 1, v
    stage = Usd.Stage.Open(str(path))
    roots = [p for p in stage.Traverse() if p.HasAPI(UsdPhysics.ArticulationRootAPI)]
    assert [p.GetName() for p in roots] == ["obj"]
    mug_prims = list(Usd.PrimRange(stage.GetPrimAtPath("/World/Objects/mug")))
    assert sum(p.HasAPI(UsdPhysics.RigidBodyAPI) for p in mug_prims) == 1
    revolute = [p for p in stage.Traverse() if p.IsA(UsdPhysics.RevoluteJoint)]
    assert {p.GetCustomDataByKey("vipscene:position") for p in revolute} == {0.5, 0.0}
    assert all(p.GetAttribute("physics:upperLimit").Get() == pytest.approx(math.degrees(1.9)) for p in revolute)


def _mug_in_drawer(builtin_library) -> Scene:
    dresser = builtin_library.info("dresser__tall")
    mug = next(i for i in builtin_library.infos() if i.category == "mug")
    rec = next(r for r in dresser.receptacles if r.name == "drawer_2_0")  # the middle drawer
    scene = one_object(dresser)
    x, y = (rec.x[0] + rec.x[1]) / 2, (rec.y[0] + rec.y[1]) / 2
    scene.objects.append(SceneObject("mug", "mug", list(mug.size), [x, y, rec.height + mug.size[2] / 2 + 0.002],
                                     support=Support("on", "obj"), asset=AssetRef("builtin", mug.id), dynamic=True, mass=mug.mass))
    return scene


def test_a_mug_settles_in_a_drawer_and_comes_out_with_it(libs, builtin_library, tmp_path):
    scene = _mug_in_drawer(builtin_library)
    settled, _, report = simulate(scene, libs)
    assert report["summary"]["unstable"] == [] and report["summary"]["joints_moved"] == []
    mug0 = np.asarray(settled.objects[1].position)
    assert abs(mug0[2] - scene.objects[1].position[2]) < 0.01  # it rests on the drawer's floor
    bodies = physical_bodies(settled, libs)
    xml = export_mjcf(settled, libs, bodies, tmp_path)
    drawer = next(lk for lk in bodies["obj"].links if lk.joint.name == "drawer_2_0")
    name = joint_name("obj", "drawer_2_0")
    model = driven_model(xml, {name: drawer.joint.limits}, {name: drawer.mass.mass})
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    start = data.xpos[model.body("mug").id].copy()
    data.ctrl[:] = 0.0
    drive_mujoco(model, data, {name: drawer.joint.limits[1]}, 3.0, set())
    moved = data.xpos[model.body("mug").id] - start
    travel = drawer.joint.limits[1]
    assert moved[0] == pytest.approx(travel, abs=0.03) and abs(moved[2]) < 0.01, moved


def test_a_half_open_lid_holds_in_settling_and_in_every_simulator(libs, builtin_library, tmp_path):
    info = builtin_library.info("box__crate")  # a movable box: the lid's weight pulls on a free body
    assert info.dynamic
    scene = one_object(info, {"lid": 1.2})
    settled, _, report = simulate(scene, libs)
    assert report["joints"]["obj"]["lid"]["held"] and report["summary"]["joints_moved"] == []
    bodies = physical_bodies(settled, libs)
    v = validate_mjcf(export_mjcf(settled, libs, bodies, tmp_path), seconds=2.0)
    assert v["ok"] and v["joints_moved"] == [], v
    u = validate_urdf(export_urdf(settled, libs, bodies, tmp_path), seconds=2.0)
    assert u["ok"] and u["joints_moved"] == [], u


@pytest.fixture(scope="module")
def kitchen(libs, tmp_path_factory):
    from vipscene_sim import load_scene
    from vipscene_sim.layout import refine_layout
    from vipscene_sim.retrieve import Retriever, retrieve_scene

    scene = retrieve_scene(load_scene(Path(__file__).parent.parent / "examples" / "kitchen.json"), Retriever(libs.libraries), libs)[0]
    scene, refine_report = refine_layout(scene, libs)
    # a mug put away in the first drawer of the kitchen that has one, before settling
    unit = next(o for o in scene.objects if o.asset and any(r.name.startswith("drawer_") for r in libs.resolve(o.asset).info.receptacles))
    info = libs.resolve(unit.asset).info
    rec = next(r for r in info.receptacles if r.name.startswith("drawer_"))
    sx, sy, sz = unit.asset.scale
    local = np.array([(rec.x[0] + rec.x[1]) / 2 * sx, (rec.y[0] + rec.y[1]) / 2 * sy, 0.0])
    world = unit.matrix()[:3, :3] @ local + np.asarray(unit.position)
    mug = next(i for i in libs.libraries[0].infos() if i.category == "mug")
    scene.objects.append(SceneObject("mug_in_drawer", "mug", list(mug.size),
                                     [world[0], world[1], unit.bottom_z + rec.height * sz + mug.size[2] / 2 + 0.002],
                                     quaternion=list(unit.quaternion), support=Support("on", unit.id),
                                     asset=AssetRef("builtin", mug.id), dynamic=True, mass=mug.mass))
    scene, _, settle_report = simulate(scene, libs)
    assert settle_report["summary"]["unstable"] == [] and settle_report["summary"]["joints_moved"] == []
    bodies = physical_bodies(scene, libs)
    xml = export_mjcf(scene, libs, bodies, tmp_path_factory.mktemp("kitchen"))
    return scene, bodies, xml, refine_report, (unit.id, rec.name)


def test_a_mug_in_a_kitchen_drawer_comes_out_with_it(kitchen):
    scene, bodies, xml, _, (unit, drawer) = kitchen
    name = joint_name(unit, drawer)
    lk = next(lk for lk in bodies[unit].links if lk.joint.name == drawer)
    model = driven_model(xml, {name: lk.joint.limits}, {name: lk.mass.mass})
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    start = data.xpos[model.body("mug_in_drawer").id].copy()
    drive_mujoco(model, data, {name: lk.joint.limits[1]}, 3.0, set())
    moved = data.xpos[model.body("mug_in_drawer").id] - start
    assert np.linalg.norm(moved[:2]) == pytest.approx(lk.joint.limits[1], abs=0.03) and abs(moved[2]) < 0.01, moved


def test_opening_everything_in_a_kitchen_disturbs_nothing_else(kitchen):
    """Each articulated object in turn opens as far as the room lets it: nothing else moves more
    than 1 cm, no door or drawer enters a wall, and one hits furniture only where refinement
    reported the opening blocked (by a stool a person moves aside, which it does not push)."""
    scene, bodies, xml, refine_report, _ = kitchen
    articulated = sorted(oid for oid, b in bodies.items() if b.links)
    assert len(articulated) >= 8
    assert all(b["by"].startswith("stool") for b in refine_report["openings_blocked"]), refine_report["openings_blocked"]
    assert {e["object"] for e in refine_report["openings_limited"]} >= {"counter_2", "wall_cabinet_2"}
    links = {joint_name(oid, lk.joint.name): lk for oid in articulated for lk in bodies[oid].links}
    model = driven_model(xml, {n: lk.joint.limits for n, lk in links.items()}, {n: lk.mass.mass for n, lk in links.items()})
    data = mujoco.MjData(model)
    blocked = {(b["object"], b["by"]) for b in refine_report["openings_blocked"]}
    by_id = {o.id: o for o in scene.objects}
    free = [o.id for o in scene.objects if bodies.get(o.id) and bodies[o.id].dynamic]
    for oid in articulated:
        mujoco.mj_resetData(model, data)
        mujoco.mj_forward(model, data)
        start = {k: data.xpos[model.body(k).id].copy() for k in free}
        own = [n for n in links if n.startswith(f"{oid}/")]
        moving = {model.body(n).id for n in own}
        inside = {k for k in free if by_id[k].support.on == oid and by_id[k].bottom_z < by_id[oid].top_z - 0.02}
        hits = set()
        steps = int(1.5 / model.opt.timestep)
        for k in range(steps):
            f = min(1.0, k / (0.8 * steps))
            for n in own:
                data.ctrl[model.actuator(f"drive_{n}").id] = f * links[n].joint.limits[1]
            mujoco.mj_step(model, data)
            for c in data.contact[:data.ncon]:
                g1, g2 = c.geom1, c.geom2
                if c.dist >= -PENETRATION or not ({model.geom_bodyid[g1], model.geom_bodyid[g2]} & moving):
                    continue
                other = g2 if model.geom_bodyid[g1] in moving else g1
                name = model.geom(other).name or model.body(model.geom_bodyid[other]).name
                hits.add(f"wall {name.split('_')[1]}" if name.startswith("wall_") else model.body(model.geom_bodyid[other]).name)
        hits -= {oid} | {b for b in hits if b.startswith(f"{oid}/")}
        assert not [h for h in hits if h.startswith("wall")], f"{oid} opened into a wall: {sorted(hits)}"
        assert {(oid, h) for h in hits} <= blocked, f"{oid} opened into {sorted(hits)}, reported only {sorted(blocked)}"
        for k in free:
            if k not in inside and (oid, k) not in blocked:  # a stool in front of a door it blocks is pushed
                moved = float(np.linalg.norm(data.xpos[model.body(k).id] - start[k]))
                assert moved < 0.01, f"opening {oid} moved {k} by {moved * 100:.1f} cm"


def _boxes_obj(*boxes) -> str:
    """An OBJ of boxes (each a closed convex shell) given by their corners (lo, hi)."""
    import trimesh

    v, f = [], []
    for lo, hi in boxes:
        b = trimesh.creation.box(bounds=[lo, hi])
        f += [f"f {a + 1 + len(v)} {c + 1 + len(v)} {d + 1 + len(v)}" for a, c, d in b.faces]
        v += [f"v {x:.6f} {y:.6f} {z:.6f}" for x, y, z in b.vertices]
    return "\n".join(v + f) + "\n"


CABINET_URDF = """<?xml version="1.0"?>
<robot name="cabinet">
  <link name="base"><visual><geometry><mesh filename="meshes/base.obj"/></geometry></visual></link>
  <link name="door_l"><visual><geometry><mesh filename="meshes/door_l.obj"/></geometry></visual></link>
  <link name="door_r"><visual><geometry><mesh filename="meshes/door_r.obj"/></geometry></visual></link>
  <link name="handle_l"><visual><origin xyz="0.02 -0.33 0.45"/><geometry><mesh filename="meshes/handle.obj"/></geometry></visual></link>
  <link name="knob_r"><visual><origin xyz="0.02 0.33 0.45"/><geometry><mesh filename="meshes/handle.obj"/></geometry></visual></link>
  <joint name="{left}" type="revolute"><parent link="{parent}"/><child link="door_l"/>
    <origin xyz="0.272 0.4 0"/><axis xyz="{axis}"/><limit lower="0" upper="{upper}" effort="10" velocity="1"/>
    <dynamics damping="0.2" friction="0.1"/></joint>
  <joint name="right" type="revolute"><parent link="base"/><child link="door_r"/>
    <origin xyz="0.272 -0.4 0"/><axis xyz="0 0 -1"/><limit lower="0" upper="1.57" effort="10" velocity="1"/></joint>
  <joint name="handle_fixed" type="fixed"><parent link="door_l"/><child link="handle_l"/></joint>
  <joint name="knob_turn" type="continuous"><parent link="door_r"/><child link="{knob_parent}"/><axis xyz="1 0 0"/></joint>
</robot>
"""


def write_cabinet_folder(root: Path, variants: dict[str, dict] | None = None) -> Path:
    """A PartNet-Mobility-style asset folder: a two-door cabinet (hollow carcass, doors hinged at
    their outer edges, a handle fixed to one door, a knob turning on the other) per variant of
    the URDF's fields (the good one is ``cabinet``)."""
    meshes = root / "cab" / "meshes"
    meshes.mkdir(parents=True)
    shells = [((-0.25, -0.4, 0.0), (0.25, 0.4, 0.02)), ((-0.25, -0.4, 0.88), (0.25, 0.4, 0.9)),
              ((-0.25, -0.4, 0.02), (-0.23, 0.4, 0.88)), ((-0.23, -0.4, 0.02), (0.25, -0.38, 0.88)),
              ((-0.23, 0.38, 0.02), (0.25, 0.4, 0.88))]
    (meshes / "base.obj").write_text(_boxes_obj(*shells))  # five separate convex shells
    (meshes / "door_l.obj").write_text(_boxes_obj(((-0.02, -0.397, 0.003), (0.0, -0.003, 0.897))))
    (meshes / "door_r.obj").write_text(_boxes_obj(((-0.02, 0.003, 0.003), (0.0, 0.397, 0.897))))
    (meshes / "handle.obj").write_text(_boxes_obj(((0.0, -0.01, -0.06), (0.015, 0.01, 0.06))))
    good = {"left": "left", "parent": "base", "axis": "0 0 1", "upper": "1.57", "knob_parent": "knob_r"}
    variants = {"cabinet": {}, **(variants or {})}
    entries = []
    for name, change in variants.items():
        (root / "cab" / f"{name}.urdf").write_text(CABINET_URDF.format(**{**good, **change}))
        entries.append({"id": name, "file": f"cab/{name}.urdf", "category": "cabinet", "placement": "floor",
                        "description": "two-door lab cabinet", "up": "+z", "front": "+x", "mass": 30.0})
    (root / "catalog.json").write_text(json.dumps({"name": "mylab", "assets": entries}))
    return root


def test_a_partnet_style_urdf_is_an_articulated_asset(tmp_path):
    from assets.folder import FolderLibrary

    lib = FolderLibrary(write_cabinet_folder(tmp_path / "lab"))
    info = lib.infos()[0]
    assert {j.name for j in info.joints} == {"left", "right"}
    assert any("knob_turn" in w and "kept at 0" in w for w in lib.warnings)
    g = lib.geometry(info.id)
    left = next(j for j in info.joints if j.name == "left")
    assert {p.name for p in g.parts if p.link == "left"} == {"door_l_0", "handle_l_0"}  # the fixed handle moves with it
    assert np.allclose(info.size, (0.25 + 0.272 + 0.035, 0.8, 0.9), atol=1e-6)  # to the handle's face
    assert left.axis == pytest.approx((0.0, 0.0, 1.0)) and left.limits == (0.0, 1.57)
    assert left.damping == pytest.approx(0.2) and left.friction == pytest.approx(0.1)
    # the hinge is where the URDF put it, in our frame (origin at the box centre)
    lo = np.vstack([p.vertices for p in g.parts]).min(axis=0)
    assert np.allclose(np.asarray(left.origin) - lo, (0.272 + 0.25, 0.8, 0.0), atol=1e-6)


@pytest.mark.parametrize("change, words", [
    ({"parent": "nowhere"}, "joint 'left': its parent link 'nowhere' does not exist"),
    ({"knob_parent": "base"}, "the joints form a loop"),
    ({"axis": "0 0 0"}, "joint 'left': zero-length axis"),
    ({"upper": "-1"}, "joint 'left': lower limit 0 is not below upper limit -1"),
    ({"upper": "nan"}, "joint 'left' upper limit"),
    ({"left": 'left" /><bad'}, "not a readable URDF"),
])
def test_broken_urdfs_are_skipped_naming_the_file_and_joint(tmp_path, change, words):
    from assets.folder import FolderLibrary

    lib = FolderLibrary(write_cabinet_folder(tmp_path / "lab", {"broken": change}))
    assert [i.id for i in lib.infos()] == ["cabinet"]
    assert any("broken.urdf" in w and words in w for w in lib.warnings), lib.warnings


def test_a_urdf_whose_mesh_does_not_load_is_skipped(tmp_path):
    from assets.folder import FolderLibrary

    root = write_cabinet_folder(tmp_path / "lab")
    (root / "cab" / "meshes" / "door_r.obj").write_text("v 1 2\nf 9 9 9\n")
    lib = FolderLibrary(root)
    assert lib.infos() == [] and any("door_r" in w for w in lib.warnings), lib.warnings


def test_a_urdf_cabinet_builds_into_every_simulator_file(tmp_path):
    from vipscene_sim.cli.main import main

    root = write_cabinet_folder(tmp_path / "lab")
    layout = {"schema": "vipscene-sim/scene", "version": 1, "name": "lab", "room": {"floor": [[0, 0], [4, 0], [4, 3], [0, 3]]},
              "objects": [{"id": "cab", "category": "cabinet", "size": [0.537, 0.8, 0.9], "position": [2.0, 0.4, 0.45],
                           "quaternion": [0.7071068, 0, 0, 0.7071068], "description": "two-door lab cabinet",
                           "joints": {"left": 0.6}}]}
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(layout))
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out), "--assets", str(root), "--no-preview"]) == 0
    scene = json.loads((out / "scene.json").read_text())
    obj = scene["objects"][0]
    assert obj["asset"]["library"] == "mylab" and len(set(obj["asset"]["scale"])) == 1  # uniform only
    assert obj["joints"] == {"left": 0.6}
    report = json.loads((out / "report.json").read_text())
    stages = {s["name"]: s for s in report["stages"]}
    export = stages["export"]["details"]
    assert export["mjcf"]["validation"]["joints"] == 2 and export["urdf"]["validation"]["joints"] == 2
    if "usd" in export:
        assert export["usd"]["validation"]["articulations"] == 1
    assert stages["colliders"]["details"]["objects"]["cab"]["links"] == 2
    model = mujoco.MjModel.from_xml_path(str(out / "mjcf" / "scene.xml"))
    assert model.qpos0[model.jnt_qposadr[model.joint("cab__left").id]] == pytest.approx(0.6)
    urdf = (out / "urdf" / "scene.urdf").read_text()
    assert 'type="revolute"' in urdf and "obj_cab__left" in urdf


def test_handed_twins_are_reflections_that_open_the_other_way(libs, builtin_library, tmp_path):
    """An asset whose side hinges are not their own mirror image has a twin hung the other way
    (`assets.mirror`), not listed in the catalog: at every opening it is the original reflected
    through its XZ plane, its parts still closed with outward faces, and it opens in MuJoCo."""
    twins = [i for i in builtin_library.infos() if builtin_library.twin(i.id)]
    ids = {i.id for i in builtin_library.infos()}
    assert {"wardrobe__three_door", "refrigerator__bottom_freezer", "microwave__white"} <= {i.id for i in twins}
    assert builtin_library.twin("wardrobe__two_door") is None  # a pair meeting in the middle is its own mirror
    flip = np.array([1.0, -1.0, 1.0])
    for info in twins:
        g, t = builtin_library.geometry(info.id), builtin_library.geometry(builtin_library.twin(info.id))
        assert t.info.id not in ids and builtin_library.twin(t.info.id) == info.id
        for fraction in (0.0, 0.5, 1.0):
            a = posed_parts(g.parts, g.info.joints, opened(g.info.joints, fraction))
            b = posed_parts(t.parts, t.info.joints, opened(t.info.joints, fraction))
            assert all(np.allclose(pa.vertices * flip, pb.vertices, atol=1e-9) for pa, pb in zip(a, b)), info.id
        assert all(p.mesh().is_watertight and p.mesh().volume > 0 for p in t.parts), info.id
        assert [r.y for r in t.info.receptacles] == [(-r.y[1], -r.y[0]) for r in g.info.receptacles]
    _mujoco_open_close(libs, builtin_library.info("wardrobe__three_door_mirrored"), tmp_path)


@pytest.mark.parametrize("asset_id,rehinged", [("wardrobe__three_door", True), ("wardrobe__two_door", False)])
def test_a_door_beside_a_wall_is_hung_the_other_way_or_stops_at_the_wall(libs, builtin_library, tmp_path, asset_id, rehinged):
    """A wardrobe in a corner, its end door swinging past 90 degrees into the side wall: hung on
    the other side where its twin clears the wall, else stopped where the wall is; either way
    nothing moves, nothing is left blocked, and opening every door in MuJoCo touches no wall."""
    from vipscene_sim.layout import refine_layout

    info = builtin_library.info(asset_id)
    size = list(info.size)
    obj = SceneObject("unit", info.category, size, [size[0] / 2 + 0.003, size[1] / 2 + 0.003, size[2] / 2],
                      asset=AssetRef("builtin", info.id), mass=info.mass)
    refined, report = refine_layout(Scene("corner", Room([[0, 0], [3, 0], [3, 3], [0, 3]]), [obj]), libs)
    unit = refined.objects[0]
    assert report["openings_blocked"] == [] and all(m["displacement"] < 0.005 for m in report["moved"].values())
    if rehinged:
        assert unit.asset.id == asset_id + "_mirrored" and unit.joint_stops == {}
        assert report["openings_rehinged"] == [{"object": "unit", "asset": unit.asset.id, "was": asset_id, "cleared": ["wall 0"]}]
    else:
        assert unit.asset.id == asset_id and list(unit.joint_stops) == ["door_0"]
        (limit,) = report["openings_limited"]
        assert limit["by"] == ["wall 0"] and 0.5 < limit["fraction"] < 1.0 and limit["upper"] == unit.joint_stops["door_0"]
    settled, _, _ = simulate(refined, libs)
    bodies = physical_bodies(settled, libs)
    xml = export_mjcf(settled, libs, bodies, tmp_path)
    links = {joint_name("unit", lk.joint.name): lk for lk in bodies["unit"].links}
    model = driven_model(xml, {n: lk.joint.limits for n, lk in links.items()}, {n: lk.mass.mass for n, lk in links.items()})
    for name, stop in unit.joint_stops.items():
        assert model.jnt_range[model.joint(joint_name("unit", name)).id][1] == pytest.approx(stop, abs=1e-5)
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    moving = {model.body(n).id for n in links}
    walls = {g for g in range(model.ngeom) if (model.geom(g).name or "").startswith("wall_")}
    ids = {n: model.actuator(f"drive_{n}").id for n in links}
    worst = 0.0
    for k in range(int(1.5 / model.opt.timestep)):
        for n, lk in links.items():
            data.ctrl[ids[n]] = min(1.0, k / 500) * lk.joint.limits[1]
        mujoco.mj_step(model, data)
        for c in data.contact[:data.ncon]:
            if {c.geom1, c.geom2} & walls and {model.geom_bodyid[c.geom1], model.geom_bodyid[c.geom2]} & moving:
                worst = min(worst, float(c.dist))
    assert worst >= -PENETRATION, f"a door passed {-worst * 1000:.1f} mm into a wall"
    qpos = {n: data.qpos[model.jnt_qposadr[model.joint(n).id]] for n in links}
    assert all(qpos[n] >= 0.95 * lk.joint.limits[1] for n, lk in links.items()), qpos
