"""External libraries: a user's folder of meshes and the objathor/Objaverse format."""

import gzip
import json
import os
import pickle

import msgpack
import numpy as np
import pytest
import trimesh
from conftest import ROOT

from assets.folder import FolderLibrary
from assets.library import AssetLoadError
from assets.objathor import ObjathorLibrary, to_zup
from assets.registry import LibrarySet, open_libraries
from vipscene_sim import load_scene
from vipscene_sim.cli.main import main
from vipscene_sim.errors import UserError
from vipscene_sim.geometry.frames import flip_winding, unity_to_zup
from vipscene_sim.retrieve import Query, Retriever, retrieve_scene


def _marked_box(size, marker_axis: int, marker_sign: float):
    """A box with a small bump on one face, so we can see where the 'front' ends up."""
    box = trimesh.creation.box(extents=size)
    bump = trimesh.creation.box(extents=[0.05, 0.05, 0.05])
    offset = np.zeros(3)
    offset[marker_axis] = marker_sign * (size[marker_axis] / 2 + 0.025)
    bump.apply_translation(offset)
    return trimesh.util.concatenate([box, bump])


# -- frames ---------------------------------------------------------------------------------------

def test_unity_conversion_is_an_involution_and_keeps_outward_normals():
    pts = np.random.default_rng(0).normal(size=(10, 3))
    assert np.allclose(unity_to_zup(unity_to_zup(pts)), pts)
    assert np.allclose(unity_to_zup([1.0, 2.0, 3.0]), [1.0, 3.0, 2.0])  # Unity up (+Y) -> our +Z
    box = trimesh.creation.box(extents=[1, 2, 3])
    converted = trimesh.Trimesh(unity_to_zup(box.vertices), flip_winding(box.faces))
    assert converted.volume == pytest.approx(6.0)  # positive: normals still point out
    assert np.allclose(converted.extents, [1, 3, 2])


# -- user folder ----------------------------------------------------------------------------------

@pytest.fixture
def lab_folder(tmp_path):
    meshes = tmp_path / "meshes"
    meshes.mkdir()
    # glTF is +Y up; this cabinet's front (bump) is +Z in the file, 0.8 wide, 1.2 tall, 0.4 deep
    _marked_box([0.8, 1.2, 0.4], 2, 1.0).export(meshes / "cabinet.glb")
    _marked_box([40.0, 30.0, 20.0], 0, 1.0).export(meshes / "crate_cm.obj")  # centimetres, Z up, front +X
    (meshes / "broken.glb").write_bytes(b"glTF garbage")
    (tmp_path.parent / "outside.obj").write_text("v 0 0 0\n")
    catalog = {"name": "lab", "assets": [
        {"id": "lab_cabinet", "file": "meshes/cabinet.glb", "category": "cabinet", "description": "grey lab cabinet",
         "up": "+y", "front": "+z", "mass": 30},
        {"id": "lab_crate", "file": "meshes/crate_cm.obj", "category": "box", "description": "plastic crate",
         "up": "+z", "front": "+x", "unit": 0.01, "placement": "on"},
        {"id": "escape", "file": "../outside.obj", "category": "box"},
        {"id": "broken", "file": "meshes/broken.glb", "category": "box"},
        {"id": "missing", "file": "meshes/none.glb", "category": "box"},
        {"id": "text", "file": "catalog.json", "category": "box"},
        {"id": "bad_axes", "file": "meshes/cabinet.glb", "category": "box", "up": "+y", "front": "-y"},
    ]}
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    return tmp_path


def test_folder_library_converts_units_and_axes(lab_folder):
    lib = FolderLibrary(lab_folder)
    ids = [i.id for i in lib.infos()]
    assert ids == ["lab_cabinet", "lab_crate"]
    cab = lib.geometry("lab_cabinet")
    assert cab.info.size == pytest.approx((0.45, 0.8, 1.2))  # depth incl. bump, width, height; +Z up
    v = np.vstack([p.vertices for p in cab.parts])
    assert v[:, 0].max() == pytest.approx(0.225)  # the bump (front) is at +X
    assert np.allclose((v.min(axis=0) + v.max(axis=0)) / 2, 0)
    crate = lib.geometry("lab_crate")
    assert crate.info.size == pytest.approx((0.4005, 0.3, 0.2)) and crate.info.placement == "on"  # 0.05 cm bump
    assert cab.info.mass == 30 and not cab.convex_parts
    messages = "\n".join(lib.warnings)
    assert "outside the library folder" in messages
    assert "broken" in messages and "cannot read mesh" in messages
    assert "missing" in messages and "not a mesh" in messages and "different axes" in messages


def test_folder_catalog_errors_exit_2(tmp_path, capsys):
    with pytest.raises(UserError, match="catalog.json"):
        FolderLibrary(tmp_path)
    (tmp_path / "catalog.json").write_text("[1, 2]")
    with pytest.raises(UserError, match="'assets' list"):
        FolderLibrary(tmp_path)
    assert main(["assets", "list", "--assets", str(tmp_path)]) == 2
    assert "assets" in capsys.readouterr().err


def test_user_assets_are_searched_with_the_builtin_library(lab_folder, asset_cache, capsys):
    libs = open_libraries(asset_cache, [lab_folder])
    r = Retriever(libs.libraries).rank(Query("cabinet", (0.45, 0.8, 1.2), description="grey lab cabinet"), 3)
    assert r.best.library == "lab" and r.best.id == "lab_cabinet"
    assert main(["assets", "search", "plastic crate", "--assets", str(lab_folder), "--json"]) == 0
    assert any(c["library"] == "lab" for c in json.loads(capsys.readouterr().out))


def test_an_oversize_user_mesh_is_simplified_once_when_loaded(tmp_path, monkeypatch):
    """A scan far over the face budget is simplified by the library, before refinement, colliders
    and exporters see it, keeping its box; the build report carries the warning."""
    import assets.meshes

    monkeypatch.setattr(assets.meshes, "MAX_ASSET_FACES", 2_000)
    (tmp_path / "m").mkdir()
    torus = trimesh.creation.torus(major_radius=0.4, minor_radius=0.1, major_sections=120, minor_sections=60)
    torus.export(tmp_path / "m" / "ring.ply")
    (tmp_path / "catalog.json").write_text(json.dumps({"name": "scan", "assets": [
        {"id": "ring", "file": "m/ring.ply", "category": "rug", "up": "+z", "front": "+x"}]}))
    lib = FolderLibrary(tmp_path)
    g = lib.geometry("ring")
    assert len(torus.faces) > 10_000 and sum(len(p.faces) for p in g.parts) <= 2_000
    assert g.info.size == pytest.approx((1.0, 1.0, 0.2), abs=0.01)
    assert lib.geometry("ring") is g and len(lib.warnings) == 1 and "simplified to" in lib.warnings[0]


def test_a_rerun_notices_an_edited_asset(lab_folder, asset_cache):
    """The fingerprints a rerun compares follow the asset files and the catalog, not only names."""
    from vipscene_sim.scene import AssetRef

    ref = AssetRef("lab", "lab_cabinet", [1.0, 1.0, 1.0])
    libs = open_libraries(asset_cache, [lab_folder])
    before = (libs.catalog_fingerprint(), libs.assets_fingerprint([ref, None, ref]))
    assert (open_libraries(asset_cache, [lab_folder]).catalog_fingerprint(),
            open_libraries(asset_cache, [lab_folder]).assets_fingerprint([ref])) == before
    _marked_box([0.8, 1.3, 0.4], 2, 1.0).export(lab_folder / "meshes" / "cabinet.glb")  # 10 cm taller
    libs = open_libraries(asset_cache, [lab_folder])
    assert libs.catalog_fingerprint() != before[0] and libs.assets_fingerprint([ref]) != before[1]
    missing = AssetRef("nope", "x", [1.0, 1.0, 1.0])
    assert libs.assets_fingerprint([missing]) != libs.assets_fingerprint([])


# -- objathor --------------------------------------------------------------------------------------

def _thor_asset(uid, size_unity):
    """An asset in AI2-THOR runtime format: a Unity-frame box with a bump on its +Z (front) face."""
    mesh = _marked_box(size_unity, 2, 1.0)
    mesh.apply_translation([0, size_unity[1] / 2, 0])
    # Unity draws clockwise triangles as front faces in its left-handed frame; numerically that
    # is the same index order whose right-hand-rule normals point out, as trimesh writes them
    faces = mesh.faces
    hull = trimesh.creation.box(extents=size_unity)
    hull.apply_translation([0, size_unity[1] / 2, 0])
    return {
        "name": uid,
        "vertices": [{"x": float(x), "y": float(y), "z": float(z)} for x, y, z in mesh.vertices],
        "triangles": [int(i) for i in faces.ravel()],
        "normals": [{"x": 0.0, "y": 1.0, "z": 0.0}] * len(mesh.vertices),
        "uvs": [{"x": 0.0, "y": 0.0}] * len(mesh.vertices),
        "albedoTexturePath": f"{uid}/albedo.jpg",
        "colliders": [{"vertices": [{"x": float(x), "y": float(y), "z": float(z)} for x, y, z in hull.vertices],
                       "triangles": [int(i) for i in hull.faces.ravel()]}],
        "yRotOffset": 0,
    }


def _annotation(category, size_unity, **flags):
    return {"category": category, "description": f"a {category}", "onFloor": True, "onWall": False,
            "onObject": False, "onCeiling": False, "pose_z_rot_angle": 0.0, **flags,
            "thor_metadata": {"assetMetadata": {"boundingBox": {
                "min": {"x": -size_unity[0] / 2, "y": 0.0, "z": -size_unity[2] / 2},
                "max": {"x": size_unity[0] / 2, "y": size_unity[1], "z": size_unity[2] / 2}}}}}


@pytest.fixture
def objathor_dir(tmp_path):
    root = tmp_path / "2023_09_23"
    (root / "assets").mkdir(parents=True)
    ann = {
        "a1sofa": _annotation("sofa", (2.0, 0.8, 0.9)),
        "b2mug": _annotation("mug", (0.1, 0.1, 0.08), onFloor=False, onObject=True),
        "c3pickle": _annotation("armchair", (0.8, 0.9, 0.8)),
        "d4corrupt": _annotation("sofa", (2.1, 0.85, 0.95)),
        "e5nobox": {"category": "lamp", "description": "no size"},
        "f6cm": {"category": "side table", "description": "small table", "onFloor": True,
                 "width": 45, "height": 55, "depth": 40},
    }
    with gzip.open(root / "annotations.json.gz", "wt") as fh:
        json.dump(ann, fh)
    for uid, size in (("a1sofa", (2.0, 0.8, 0.9)), ("b2mug", (0.1, 0.1, 0.08)), ("f6cm", (0.45, 0.55, 0.4))):
        (root / "assets" / uid).mkdir()
        from PIL import Image

        Image.new("RGB", (16, 16), (200, 60, 40)).save(root / "assets" / uid / "albedo.jpg")
        with gzip.open(root / "assets" / uid / f"{uid}.msgpack.gz", "wb") as fh:
            fh.write(msgpack.packb(_thor_asset(uid, size)))
    (root / "assets" / "c3pickle").mkdir()
    with gzip.open(root / "assets" / "c3pickle" / "c3pickle.pkl.gz", "wb") as fh:
        pickle.dump(_thor_asset("c3pickle", (0.8, 0.9, 0.8)), fh)
    (root / "assets" / "d4corrupt").mkdir()
    (root / "assets" / "d4corrupt" / "d4corrupt.msgpack.gz").write_bytes(b"\x1f\x8b not really gzip")
    return root


def test_objathor_annotations_and_geometry(objathor_dir):
    lib = ObjathorLibrary(objathor_dir)
    infos = {i.id: i for i in lib.infos()}
    assert set(infos) == {"a1sofa", "b2mug", "c3pickle", "d4corrupt", "f6cm"}
    assert any("e5nobox" in w for w in lib.warnings)
    sofa = infos["a1sofa"]
    assert sofa.size == pytest.approx((0.9, 2.0, 0.8)) and sofa.placement == "floor"  # depth, width, height
    assert infos["b2mug"].placement == "on"
    assert infos["f6cm"].size == pytest.approx((0.40, 0.45, 0.55))
    g = lib.geometry("a1sofa")
    v = g.parts[0].vertices
    assert np.allclose(v.max(axis=0) - v.min(axis=0), (0.95, 2.0, 0.8))  # bump makes it 5 cm deeper
    assert v[:, 0].max() == pytest.approx(0.475)  # Unity forward (+Z) became our +X
    assert trimesh.Trimesh(v, g.parts[0].faces).volume > 0  # outward winding kept
    assert g.collision_parts and trimesh.Trimesh(g.collision_parts[0].vertices, g.collision_parts[0].faces).volume > 0
    # a rerun notices a rewritten asset file although the annotations are the same
    stamp = lib.source_stamp("a1sofa")
    path = objathor_dir / "assets" / "a1sofa" / "a1sofa.msgpack.gz"
    path.write_bytes(path.read_bytes() + b"")
    os.utime(path, ns=(1, 1))
    assert lib.source_stamp("a1sofa") != stamp


def test_objathor_pickle_needs_opt_in(objathor_dir):
    with pytest.raises(AssetLoadError, match="allow-pickle"):
        ObjathorLibrary(objathor_dir).geometry("c3pickle")
    assert ObjathorLibrary(objathor_dir, allow_pickle=True).geometry("c3pickle").info.category == "armchair"


def test_corrupt_objathor_asset_is_skipped_in_retrieval(objathor_dir, builtin_library):
    libs = LibrarySet([ObjathorLibrary(objathor_dir)])
    with pytest.raises(AssetLoadError, match="corrupt"):
        libs.get("objathor").geometry("d4corrupt")
    scene = load_scene(__import__("pathlib").Path(__file__).parent.parent / "examples" / "living_room.json")
    sofa = next(o for o in scene.objects if o.id == "sofa")
    sofa.size = [0.95, 2.1, 0.95]  # closest to the corrupt asset
    out, report = retrieve_scene(type(scene)(name="s", room=scene.room, objects=[sofa]), Retriever(libs.libraries), libs)
    entry = report["objects"]["sofa"]
    assert entry["chosen"]["id"] == "a1sofa"
    assert any("d4corrupt" in s for s in entry.get("skipped", [])) or entry["ranking"][0]["id"] == "a1sofa"
    assert out.objects[0].asset.library == "objathor"


def test_objathor_missing_annotations_exit_2(tmp_path, capsys):
    assert main(["assets", "list", "--objathor", str(tmp_path)]) == 2
    assert "annotations.json.gz" in capsys.readouterr().err


def test_to_zup_front_mapping():
    v, f = to_zup([{"x": 0, "y": 0, "z": 1}, {"x": 1, "y": 0, "z": 0}, {"x": 0, "y": 1, "z": 0}], [0, 1, 2])
    assert np.allclose(v[0], [1, 0, 0])  # Unity forward -> our front (+X)
    assert np.allclose(v[2], [0, 0, 1])  # Unity up -> our up
    assert np.allclose(v[1], [0, -1, 0])  # Unity right -> our -Y (right-handed, seen from the front)
    assert list(f[0]) == [2, 1, 0]


def test_objathor_textures_reach_the_mjcf(objathor_dir, tmp_path):
    import mujoco

    from exporters.mjcf import export_mjcf
    from physics.stage import physical_bodies
    from vipscene_sim import Room, Scene, SceneObject

    libs = LibrarySet([ObjathorLibrary(objathor_dir)])
    g = libs.geometry("objathor", "a1sofa")
    assert g.textures["albedo"].endswith("albedo.jpg") and g.parts[0].uv is not None
    scene = Scene(name="t", room=Room(floor=[[0, 0], [4, 0], [4, 3], [0, 3]]),
                  objects=[SceneObject("sofa", "sofa", [0.95, 2.0, 0.8], [2, 1.5, 0.4])])
    scene.objects[0].asset = __import__("vipscene_sim").AssetRef("objathor", "a1sofa", [1.0, 1.0, 1.0])
    path = export_mjcf(scene, libs, physical_bodies(scene, libs), tmp_path)
    model = mujoco.MjModel.from_xml_path(str(path))
    assert model.ntex >= 2 and any(model.mat_texid[i].max() >= 0 for i in range(model.nmat))


def test_an_unloadable_asset_is_recorded_once_and_every_export_falls_back_to_its_box(lab_folder, asset_cache,
                                                                                   tmp_path):
    """A scene naming an asset whose file went missing builds: the failure is recorded once where
    the geometry is resolved and reaches report.json; colliders, every exporter and the preview
    fall back to the object's box instead of swallowing it."""
    from vipscene_sim.pipeline.build import BuildSettings, build
    from vipscene_sim.scene import AssetRef, SceneObject, Support

    scene = load_scene(ROOT / "examples" / "bedroom.json")
    scene.objects.append(SceneObject(id="crate", category="box", size=[0.4, 0.3, 0.2], position=[0.5, 0.5, 0.1],
                                     support=Support("floor"), dynamic=False,
                                     asset=AssetRef("lab", "lab_crate", [1.0, 1.0, 1.0])))
    layout = tmp_path / "layout.json"
    scene.save(layout)
    (lab_folder / "meshes" / "crate_cm.obj").unlink()  # listed in the catalog, gone from the disk
    result = build(layout, tmp_path / "out", BuildSettings(cache_dir=str(asset_cache), asset_folders=(str(lab_folder),)))
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert list(report["asset_failures"]) == ["lab/lab_crate"]
    stages = {s["name"]: s for s in report["stages"]}
    assert stages["colliders"]["details"]["objects"]["crate"]["method"] == "box"
    assert "asset unavailable" in stages["colliders"]["details"]["objects"]["crate"]["reason"]
    assert all(e["validation"]["ok"] for e in stages["export"]["details"].values())
    assert result.scene.object("crate").asset.id == "lab_crate"


def test_every_library_refuses_paths_out_of_its_folder(tmp_path, objathor_dir):
    """An absolute path, '..', a symlink out, or a NUL byte in a catalog is skipped with the
    reason, in the user-folder and the objathor library alike; the good entries still load."""
    from assets.folder import FolderLibrary
    from assets.paths import AssetPathError, inside

    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "mesh.obj").write_text("v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3\nf 1 2 4\nf 1 3 4\nf 2 3 4\n")
    lab = tmp_path / "lab"
    (lab / "meshes").mkdir(parents=True)
    (lab / "meshes" / "ok.obj").write_text((outside / "mesh.obj").read_text())
    (lab / "meshes" / "link.obj").symlink_to(outside / "mesh.obj")
    bad = {"abs": str(outside / "mesh.obj"), "up": "../secret/mesh.obj", "link": "meshes/link.obj",
           "nul": "meshes/o\u0000k.obj"}
    catalog = {"assets": [{"id": "ok", "file": "meshes/ok.obj", "category": "box", "unit": 0.1}]
               + [{"id": k, "file": f, "category": "box"} for k, f in bad.items()]}
    (lab / "catalog.json").write_text(json.dumps(catalog))
    lib = FolderLibrary(lab)
    assert [i.id for i in lib.infos()] == ["ok"]
    assert len(lib.warnings) == 4 and all("skipped" in w for w in lib.warnings)
    for rel in ("/etc/passwd", "../x", "a\x00b", ""):
        with pytest.raises(AssetPathError):
            inside(lab, rel)

    (objathor_dir / "assets" / "leak").symlink_to(outside)
    with gzip.open(objathor_dir / "annotations.json.gz", "rt") as fh:
        ann = json.load(fh)
    for key in ("../../secret", "/abs/olute", "leak", "nul\u0000id"):
        ann[key] = _annotation("sofa", (2.0, 0.8, 0.9))
    with gzip.open(objathor_dir / "annotations.json.gz", "wt") as fh:
        json.dump(ann, fh)
    objathor = ObjathorLibrary(objathor_dir)
    ids = {i.id for i in objathor.infos()}
    assert not ids & {"../../secret", "/abs/olute", "leak", "nul\u0000id"} and "a1sofa" in ids
    assert sum("outside the library folder" in w or "absolute path" in w or "control character" in w
               for w in objathor.warnings) == 4


def test_a_nul_byte_in_a_catalog_is_a_warning_not_a_crash(tmp_path, capsys):
    from vipscene_sim.cli.main import main

    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "catalog.json").write_text(json.dumps({"assets": [{"id": "a", "file": "m\u0000.obj", "category": "box"}]}))
    assert main(["assets", "list", "--assets", str(lab), "--category", "mug"]) == 0
    assert "control character" in capsys.readouterr().err


def test_pipes_files_for_folders_and_pickles_are_one_line_each(tmp_path, capsys, objathor_dir):
    """A FIFO as catalog.json or as a layout would block a read forever: refused; --cache-dir
    naming a file and showing a pickled asset without --allow-pickle are exit 2, not crashes."""
    import os

    from vipscene_sim.cli.main import main

    lab = tmp_path / "lab"
    lab.mkdir()
    os.mkfifo(lab / "catalog.json")
    os.mkfifo(tmp_path / "layout.json")
    (tmp_path / "file").write_text("x")
    cases = [(["assets", "list", "--assets", str(lab)], "not a regular file"),
             (["build", str(tmp_path / "layout.json"), "--out", str(tmp_path / "o")], "not a regular file"),
             (["assets", "list", "--cache-dir", str(tmp_path / "file")], "is not a folder"),
             (["assets", "show", "c3pickle", "--objathor", str(objathor_dir), "--out", str(tmp_path / "c.png")],
              "allow-pickle")]
    for argv, words in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and err.count("vipscene: error:") == 1 and "Traceback" not in err, (argv, err)


def test_objathor_meshes_with_bad_indices_or_absurd_coordinates(objathor_dir):
    """Triangles indexing outside the vertices are dropped (the rest of the mesh stays, its UVs
    with it); a mesh with nothing usable, or 1e300 across, is an AssetLoadError the build records
    (and replaces by the object's box) instead of a crash."""
    lib = ObjathorLibrary(objathor_dir)
    good = lib.geometry("a1sofa")
    data = _thor_asset("a1sofa", (2.0, 0.8, 0.9))
    data["triangles"] += [len(data["vertices"]) + 5, 0, 1, -3, 1, 2]
    data["vertices"].append({"x": 1e6, "y": 1e6, "z": 1e6})  # used by no triangle: must not set the box
    data["uvs"].append({"x": 0.5, "y": 0.5})
    with gzip.open(objathor_dir / "assets" / "a1sofa" / "a1sofa.msgpack.gz", "wb") as fh:
        fh.write(msgpack.packb(data))
    g = ObjathorLibrary(objathor_dir).geometry("a1sofa")  # a library reads each asset once: a new one
    assert np.allclose(np.ptp(g.parts[0].vertices, axis=0), np.ptp(good.parts[0].vertices, axis=0))
    assert g.parts[0].uv is not None and len(g.parts[0].uv) == len(g.parts[0].vertices)
    data["triangles"] = [999, 998, 997]
    with gzip.open(objathor_dir / "assets" / "a1sofa" / "a1sofa.msgpack.gz", "wb") as fh:
        fh.write(msgpack.packb(data))
    with pytest.raises(AssetLoadError, match="no usable triangle"):
        ObjathorLibrary(objathor_dir).geometry("a1sofa")
    huge = _thor_asset("a1sofa", (2.0, 0.8, 0.9))
    huge["vertices"][0] = {"x": 1e300, "y": 0.0, "z": 0.0}
    with gzip.open(objathor_dir / "assets" / "a1sofa" / "a1sofa.msgpack.gz", "wb") as fh:
        fh.write(msgpack.packb(huge))
    with pytest.raises(AssetLoadError, match="check its 'unit'|non-finite"):
        ObjathorLibrary(objathor_dir).geometry("a1sofa")
