"""MJCF export: loads in MuJoCo, stays at rest, Menagerie conventions, real inertia, robust names,
deterministic bytes, no stale files, MuJoCo's face limit respected."""

import json
import re
from pathlib import Path

import mujoco
import numpy as np
import pytest
from lxml import etree

from assets.registry import LibrarySet
from exporters import available_formats, export_all
from exporters.mjcf import MUJOCO_MAX_FACES, MjcfSettings, export_mjcf, render_mjcf, validate_mjcf
from physics.stage import physical_bodies, simulate
from vipscene_sim import Room, Scene, SceneObject, Support, load_scene
from vipscene_sim.layout import refine_layout
from vipscene_sim.retrieve import Retriever, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def libs(builtin_library):
    return LibrarySet([builtin_library])


def _settled(libs, scene):
    scene = retrieve_scene(scene, Retriever(libs.libraries), libs)[0]
    scene = refine_layout(scene, libs)[0]
    return simulate(scene, libs)[0]


@pytest.fixture(scope="module")
def bedroom(libs, tmp_path_factory):
    scene = _settled(libs, load_scene(ROOT / "examples" / "bedroom.json"))
    out = tmp_path_factory.mktemp("mjcf")
    path = export_mjcf(scene, libs, physical_bodies(scene, libs), out)
    return scene, path


def test_loads_and_stays_at_rest_for_five_seconds(bedroom):
    scene, path = bedroom
    v = validate_mjcf(path, seconds=5.0)
    assert v["ok"] and v["warnings"] == {} and v["moved_more_than_1cm"] == [], v
    assert v["max_drift"] < 0.01


def test_menagerie_conventions(bedroom):
    scene, path = bedroom
    root = etree.parse(str(path)).getroot()
    assert root.find("compiler").get("meshdir") is None  # files are named assets/..., see the include test
    assert all(m.get("file").startswith("assets/") for m in root.iter("mesh"))
    classes = {d.get("class"): d.find("geom") for d in root.find("default").findall("default")}
    assert classes["vipscene/visual"].get("group") == "2" and classes["vipscene/visual"].get("contype") == "0"
    assert classes["vipscene/visual"].get("density") == "0" and classes["vipscene/collision"].get("group") == "3"
    model = mujoco.MjModel.from_xml_path(str(path))
    collision = [g for g in range(model.ngeom) if model.geom_group[g] == 3]
    assert all(model.geom(g).name for g in collision)  # every collision geom is named
    # world-fixed geometry (floor, walls) lies directly in the worldbody
    assert model.geom("floor_plane").bodyid[0] == 0 and "room" not in {model.body(i).name for i in range(model.nbody)}
    names = {model.body(i).name for i in range(model.nbody)}
    assert {o.id for o in scene.objects} <= names
    free = {model.body(model.jnt_bodyid[j]).name for j in range(model.njnt) if model.jnt_type[j] == mujoco.mjtJoint.mjJNT_FREE}
    assert free == {o.id for o in scene.objects if o.dynamic}
    assert any(model.mesh(i).name.endswith("_collision_0") for i in range(model.nmesh))
    textures = {t.get("file") for t in root.iter("texture") if t.get("file")}
    for f in (path.parent / "assets").iterdir():  # meshes, and one texture image per material kind
        assert f.suffix == ".obj" or (f.suffix == ".png" and f"assets/{f.name}" in textures), f.name


def test_inertia_comes_from_the_collision_hulls(bedroom, libs):
    scene, path = bedroom
    model = mujoco.MjModel.from_xml_path(str(path))
    bodies = physical_bodies(scene, libs)
    for o in scene.objects:
        if not o.dynamic:
            continue
        b = model.body(o.id)
        assert b.mass[0] == pytest.approx(bodies[o.id].mass.mass, rel=1e-5)  # visual geoms add nothing
        assert sorted(b.inertia) == pytest.approx(sorted(bodies[o.id].mass.principal()[0]), rel=1e-4)
        assert np.allclose(b.ipos, bodies[o.id].mass.com, atol=1e-5)


def test_export_is_byte_identical_and_replaces_old_files(bedroom, libs, tmp_path):
    scene, _ = bedroom
    bodies = physical_bodies(scene, libs)
    a = export_mjcf(scene, libs, bodies, tmp_path / "a")
    b = export_mjcf(scene, libs, bodies, tmp_path / "b")
    files_a = sorted(p.relative_to(a.parent) for p in a.parent.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b.parent) for p in b.parent.rglob("*") if p.is_file())
    assert all((a.parent / f).read_bytes() == (b.parent / f).read_bytes() for f in files_a)
    (a.parent / "assets" / "stale.obj").write_text("old")
    export_mjcf(scene, libs, bodies, tmp_path / "a")
    assert not (a.parent / "assets" / "stale.obj").exists()
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["mjcf"]  # no temp folders left


def test_odd_names_and_huge_meshes(libs, tmp_path):
    room = Room(floor=[[0, 0], [3, 0], [3, 3], [0, 3]], height=2.5)
    weird = 'tablé <&> "x" 1'
    objs = [SceneObject(weird, "side_table", [0.45, 0.45, 0.55], [1.0, 1.0, 0.275]),
            SceneObject("mug ☕", "mug", [0.09, 0.12, 0.1], [1.0, 1.0, 0.6], support=Support("on", weird), dynamic=True)]
    scene = _settled(libs, Scene(name="odd <names>", room=room, objects=objs))
    bodies = physical_bodies(scene, libs)
    import trimesh

    big = trimesh.creation.icosphere(subdivisions=7)  # 327,680 faces: past MuJoCo's 200,000
    bodies["mug ☕"].hulls = bodies["mug ☕"].hulls + [(np.asarray(big.vertices) * 0.01, np.asarray(big.faces))]
    path = export_mjcf(scene, libs, bodies, tmp_path)
    model = mujoco.MjModel.from_xml_path(str(path))
    # every body, joint and geom name an identifier (Drake, Isaac, Python code take them as such);
    # names.json maps each back to the scene's id, and validation reports ids
    names = json.loads((path.parent / "names.json").read_text())["bodies"]
    assert set(names) == {weird, "mug ☕"} and names["mug ☕"] != names[weird]
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names.values())
    assert model.body(names[weird]).id > 0 and model.body(names["mug ☕"]).id > 0
    for kind, count in ((mujoco.mjtObj.mjOBJ_BODY, model.nbody), (mujoco.mjtObj.mjOBJ_JOINT, model.njnt)):
        assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", mujoco.mj_id2name(model, kind, i) or "world")
                   for i in range(count))
    report = validate_mjcf(path, seconds=0.2)
    assert report["not_in_contact_at_start"] == [] and set(report["moved_more_than_1cm"]) <= {"mug ☕"}
    assert max(model.mesh_facenum) < MUJOCO_MAX_FACES
    assert all(f.name.isascii() for f in (path.parent / "assets").iterdir())


def test_registry_and_render(bedroom, libs, tmp_path):
    scene, path = bedroom
    assert "mjcf" in available_formats()
    report = export_all(scene, libs, physical_bodies(scene, libs), tmp_path, ["mjcf"])
    assert report["mjcf"]["path"] == "mjcf/scene.xml" and report["mjcf"]["validation"]["ok"]
    img = render_mjcf(path, width=160, height=120)  # MUJOCO_GL=egl: Mesa renders on the CPU
    assert img.shape == (120, 160, 3) and img.std() > 10


def test_export_cli(tmp_path, capsys):
    import json

    from vipscene_sim.cli.main import main

    assert main(["build", str(ROOT / "examples" / "bathroom.json"), "--out", str(tmp_path / "b"), "--no-preview"]) == 0
    assert (tmp_path / "b" / "mjcf" / "scene.xml").exists()
    capsys.readouterr()
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "mjcf", "--out", str(tmp_path / "e"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mjcf"]["validation"]["ok"]
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "urdf", "--out", str(tmp_path / "e")]) == 0
    assert "urdf:" in capsys.readouterr().out and (tmp_path / "e" / "urdf" / "manifest.json").exists()
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "procthor", "--out", str(tmp_path / "e")]) == 0
    assert "procthor:" in capsys.readouterr().out and (tmp_path / "e" / "procthor" / "house.json").exists()
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "fbx", "--out", str(tmp_path / "e")]) == 2
    # the on-request MJCF profiles, and USD's text copy
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "mjx,drake", "--out", str(tmp_path / "e")]) == 0
    out = capsys.readouterr().out
    assert "mjx:" in out and "drake:" in out and (tmp_path / "e" / "mjx" / "approximation.json").exists()
    assert not (tmp_path / "b" / "mjx").exists()  # a build writes only the default formats
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "mjcf", "--usda", "--out", str(tmp_path / "e")]) == 2
    assert "add usd to --format" in capsys.readouterr().err
    with pytest.raises(ValueError, match="MJCF profile 'gpu'"):
        export_mjcf(load_scene(tmp_path / "b" / "scene.json"), None, {}, tmp_path / "x", MjcfSettings(profile="gpu"))
    pytest.importorskip("pxr")
    assert main(["export", str(tmp_path / "b" / "scene.json"), "--format", "usd", "--usda", "--out", str(tmp_path / "e")]) == 0
    assert (tmp_path / "e" / "usd" / "scene.usdc").exists() and (tmp_path / "e" / "usd" / "scene.usda").read_text().startswith("#usda")


def test_missing_asset_files_fall_back_to_boxes(libs, tmp_path):
    from vipscene_sim import AssetRef

    room = Room(floor=[[0, 0], [3, 0], [3, 3], [0, 3]], height=2.5)
    ghost = SceneObject("ghost", "box", [0.3, 0.3, 0.3], [1.0, 1.0, 0.15], dynamic=True,
                        asset=AssetRef("builtin", "no_such_asset", [1.0, 1.0, 1.0]))
    scene = Scene(name="ghost", room=room, objects=[ghost])
    bodies = physical_bodies(scene, libs)
    assert bodies["ghost"].collider["method"] == "box" and "unavailable" in bodies["ghost"].collider["reason"]
    path = export_mjcf(scene, libs, bodies, tmp_path)
    assert validate_mjcf(path, seconds=1.0)["ok"]


def test_visual_meshes_over_mujocos_face_limit_are_simplified_with_their_texture_coordinates():
    """Quadric simplification (fast-simplification) keeps the shape and carries each kept vertex's
    texture coordinate; here the mapping is planar (u, v = x, y), so every kept vertex's UV must
    still read its own position back, to within the collapsed edges' length."""
    import trimesh

    from assets.meshes import simplify

    t = trimesh.creation.torus(major_radius=0.3, minor_radius=0.08, major_sections=200, minor_sections=100)
    v, f = np.asarray(t.vertices), np.asarray(t.faces)
    uv = v[:, :2].copy()
    v2, f2, uv2 = simplify(v, f, uv, 5000)
    assert len(f2) <= 5000 and uv2.shape == (len(v2), 2) and f2.max() < len(v2)
    assert np.abs(uv2 - v2[:, :2]).max() < 0.05
    assert abs(trimesh.Trimesh(v2, f2).volume / t.volume - 1) < 0.02
    assert simplify(v, f, None, 5000)[2] is None


def _compiled(scene, builtin_library, folder):
    """The scene with assets retrieved, exported to MJCF and compiled: (scene, model, data at rest)."""
    import mujoco

    from assets.registry import LibrarySet
    from physics.stage import physical_bodies
    from vipscene_sim.retrieve import Retriever, retrieve_scene

    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(scene, Retriever(libs.libraries), libs)[0]
    model = mujoco.MjModel.from_xml_path(str(export_mjcf(scene, libs, physical_bodies(scene, libs), folder)))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    return scene, model, data


def test_the_preview_hides_only_what_hangs_on_a_see_through_wall(tmp_path, builtin_library):
    """A painting on the wall nearest the camera is hidden with that wall; a floor lamp standing
    against the same wall (its centre well above 0.5 m) stays in the picture."""
    import math


    from exporters.mjcf import hidden_with_walls, see_through_walls
    from vipscene_sim.geometry.pose import yaw_to_quat
    from vipscene_sim.pipeline.preview import wall_hung
    from vipscene_sim.scene import Room, Scene, SceneObject, Support

    scene = Scene(name="t", room=Room(floor=[[0, 0], [4, 0], [4, 3], [0, 3]]), objects=[
        SceneObject(id="painting", category="painting", size=[0.04, 0.8, 0.6], position=[2.0, 0.03, 1.5],
                    quaternion=yaw_to_quat(math.pi / 2), support=Support("wall")),
        SceneObject(id="lamp", category="floor_lamp", size=[0.4, 0.4, 1.6], position=[1.0, 0.25, 0.8],
                    support=Support("floor"))])
    scene, model, data = _compiled(scene, builtin_library, tmp_path)
    to_camera = np.array([0.0, -1.0, 0.5])  # looking from outside the wall at y = 0
    near = see_through_walls(model, data, to_camera)
    assert near and all(model.geom(g).name.startswith("wall_") for g in near)
    hidden = {model.body(b).name for b in hidden_with_walls(model, data, near, wall_hung(scene))}
    assert hidden == {"painting"}
    assert wall_hung(scene) == frozenset({"painting"})


def test_the_preview_looks_from_where_the_room_is_seen(tmp_path, builtin_library):
    """A tall wardrobe between the default camera heading and a bed: the chosen heading sees
    more of the bed (and of the room) than the one behind the wardrobe, and the wardrobe from
    its doors' side."""
    import math

    import mujoco

    from exporters.mjcf import _look, _render_options, best_view
    from vipscene_sim.geometry.pose import yaw_to_quat
    from vipscene_sim.offscreen import renderer
    from vipscene_sim.scene import Room, Scene, SceneObject

    behind = math.radians(130.0)  # MuJoCo's azimuth: the camera looks along this heading
    to_cam = -np.array([math.cos(behind), math.sin(behind)])
    centre = np.array([2.5, 2.0])
    scene = Scene(name="t", room=Room(floor=[[0, 0], [5, 0], [5, 4], [0, 4]]), objects=[
        SceneObject(id="bed", category="bed", size=[2.0, 1.6, 0.6], position=[*centre, 0.3]),
        SceneObject(id="wardrobe", category="wardrobe", size=[0.6, 1.6, 2.2],
                    position=[*(centre + to_cam * 1.3), 1.1], quaternion=yaw_to_quat(math.atan2(-to_cam[1], -to_cam[0])))])
    scene, model, data = _compiled(scene, builtin_library, tmp_path)
    chosen, scores = best_view(model, data, facing=frozenset({"bed", "wardrobe"}))
    assert scores[chosen] == max(scores.values()) and abs(math.remainder(math.radians(chosen) - behind, 2 * math.pi)) > 1.0

    def bed_pixels(az):
        rgba = model.geom_rgba.copy()
        cam, _ = _look(model, data, az, -35.0, frozenset(), rgba)
        with renderer(model, 128, 160) as r:
            r.enable_segmentation_rendering()
            r.update_scene(data, cam, _render_options())
            seg = r.render()
        model.geom_rgba[:] = rgba
        bed = mujoco.mj_name2id(model, mujoco.mjtObj.mjOBJ_BODY, "bed")
        geoms = seg[..., 0][seg[..., 1] == 5]
        return int((model.geom_bodyid[geoms[geoms >= 0]] == bed).sum())

    assert bed_pixels(chosen) > 1.5 * bed_pixels(130.0)


def test_the_plan_gives_each_category_its_own_colour_and_a_legend(bedroom_path):
    from vipscene_sim import load_scene
    from vipscene_sim.pipeline.preview import category_colors, render_plan

    scene = load_scene(bedroom_path)
    colors = category_colors(o.category for o in scene.objects)
    assert len(set(colors.values())) == len(colors) == len({o.category for o in scene.objects})
    assert category_colors(reversed([o.category for o in scene.objects])) == colors  # stable
    with_legend = render_plan(scene)
    bare = render_plan(type(scene)(name="t", room=scene.room, objects=[]))
    assert with_legend.height > bare.height + 16 * (len(colors) // 5)


ROBOT = """<mujoco model="arm">
  <default><default class="visual"><geom contype="0" conaffinity="0" group="2"/></default></default>
  <worldbody><body name="base" pos="0.3 0.3 0"><geom class="visual" type="box" size="0.05 0.05 0.05"/>
    <joint name="swivel" type="hinge" axis="0 0 1"/><geom type="capsule" size="0.03 0.2" pos="0 0 0.25"/></body></worldbody>
  <actuator><position name="swivel" joint="swivel" kp="10"/></actuator>
</mujoco>
"""


def test_a_world_file_elsewhere_includes_the_scene_with_a_robot_and_mjspec_round_trips(bedroom, tmp_path):
    """A user's world file in another folder includes scene.xml beside a robot that defines its
    own ``visual`` default class; it compiles, and MjSpec saves the scene and reloads it."""
    import os

    scene, path = bedroom
    world = tmp_path / "elsewhere"
    world.mkdir()
    (world / "arm.xml").write_text(ROBOT)
    rel = os.path.relpath(path, world)
    (world / "world.xml").write_text(f'<mujoco><include file="arm.xml"/><include file="{rel}"/></mujoco>')
    model = mujoco.MjModel.from_xml_path(str(world / "world.xml"))
    assert model.joint("swivel").id >= 0 and model.body(scene.objects[0].id).id > 0
    spec = mujoco.MjSpec.from_file(str(path))
    saved = path.with_name("resaved.xml")
    saved.write_text(spec.to_xml())
    again = mujoco.MjModel.from_xml_path(str(saved))
    assert again.nbody == mujoco.MjModel.from_xml_path(str(path)).nbody


def test_buffer_sizes_cover_the_scene_at_rest(bedroom):
    _, path = bedroom
    model = mujoco.MjModel.from_xml_path(str(path))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    assert model.nconmax >= 3 * data.ncon and model.njmax >= 3 * data.nefc
    assert model.nconmax % 64 == 0 and model.njmax % 64 == 0


def test_mjx_profile_is_boxes_within_a_budget_and_rests(bedroom, libs, tmp_path):
    scene, plain = bedroom
    bodies = physical_bodies(scene, libs)
    path = export_mjcf(scene, libs, bodies, tmp_path, MjcfSettings(profile="mjx"))
    assert path == tmp_path / "mjx" / "scene.xml"
    model = mujoco.MjModel.from_xml_path(str(path))
    collide = [g for g in range(model.ngeom) if model.geom_contype[g] or model.geom_conaffinity[g]]
    assert {int(model.geom_type[g]) for g in collide} <= {int(mujoco.mjtGeom.mjGEOM_BOX), int(mujoco.mjtGeom.mjGEOM_PLANE)}
    assert {int(model.geom_condim[g]) for g in collide} == {3}
    # fewer colliders than hulls: movable objects whose outer shape fills its box are one box
    plain_model = mujoco.MjModel.from_xml_path(str(plain))
    assert len(collide) < sum(1 for g in range(plain_model.ngeom) if plain_model.geom_contype[g] or plain_model.geom_conaffinity[g])
    approx = json.loads((path.parent / "approximation.json").read_text())
    movable = [o.id for o in scene.objects if bodies[o.id].dynamic and not bodies[o.id].links]
    assert set(movable) <= set(approx) and any(approx[k]["boxes"] == 1 < approx[k]["hulls"] for k in movable)
    assert all(0 < a["iou"] <= 1 for a in approx.values())
    # parts of static furniture never meet static furniture beyond their reach: excluded pairs
    assert model.nexclude > 0
    custom = {model.numeric(i).name: int(model.numeric(i).data[0]) for i in range(model.nnumeric)}
    assert custom["max_contact_points"] >= 64 and custom["max_geom_pairs"] >= 64
    v = validate_mjcf(path, seconds=2.0)
    assert v["ok"], v
    assert v["approximated"]["objects"] == sum(1 for a in approx.values() if a["hulls"])
    assert 0 < v["approximated"]["min_iou"] <= v["approximated"]["median_iou"] <= 1


def test_drake_profile_keeps_to_what_drake_reads(bedroom, libs, tmp_path):
    scene, _ = bedroom
    path = export_mjcf(scene, libs, physical_bodies(scene, libs), tmp_path, MjcfSettings(profile="drake"))
    root = etree.parse(str(path)).getroot()
    assert root.find("visual") is None and not list(root.iter("pair")) and not list(root.iter("light"))
    assert all(j.get("frictionloss") is None for j in root.iter("joint"))
    model = mujoco.MjModel.from_xml_path(str(path))
    collide = [g for g in range(model.ngeom) if model.geom_contype[g] or model.geom_conaffinity[g]]
    assert {int(model.geom_condim[g]) for g in collide} == {3}
    assert all(g.get("friction") is None or len(g.get("friction").split()) == 1 for g in root.iter("geom"))
    assert validate_mjcf(path, seconds=2.0)["ok"]
