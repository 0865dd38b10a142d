"""Visual meshes and materials of the built-in assets (issue: assets a camera believes): detail
that simulators draw, colliders, mass and the physics of every build unchanged."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import trimesh
from lxml import etree
from PIL import Image

from assets.materials import MATERIALS, images, texture_files
from assets.visual import BOX_MAPPING, LATHE_MAPPING, VisualMesh, scaled_uv
from tests.conftest import EXAMPLES

KITCHEN = next(p for p in EXAMPLES if p.stem == "kitchen")
TOLERANCE = 0.01
"""How far (m) a visual mesh may reach outside its asset's collider union, and a collider's
outer surface lie from the visual mesh."""


def _signed_distance(hull: trimesh.Trimesh, pts: np.ndarray) -> np.ndarray:
    """Distance outside a convex hull (negative inside): the largest of its face planes'."""
    n, o = hull.face_normals, hull.vertices[hull.faces[:, 0]]
    return np.einsum("pfk,fk->pf", pts[:, None, :] - o[None], n).max(axis=1)


def test_every_builtin_visual_mesh_is_closed_has_uvs_and_fits_its_colliders(builtin_library):
    """Every asset has visual meshes, each closed (watertight once the duplicated UV seam is
    merged), with one finite UV per vertex and a known material; together they lie inside the
    union of the asset's convex parts within 1 cm, and every outer point of that union lies within
    1 cm of them (the parts bound the visual closely)."""
    rng = np.random.default_rng(0)
    worst_out, worst_cover = (0.0, ""), (0.0, "")
    for info in builtin_library.infos():
        g = builtin_library.geometry(info.id)
        assert g.visuals, f"{info.id}: no visual meshes"
        assert {m.link for m in g.visuals} == {p.link for p in g.parts}, f"{info.id}: a link without visuals"
        hulls = [trimesh.Trimesh(p.vertices, p.faces, process=False) for p in g.parts]
        for m in g.visuals:
            assert m.surface.material in MATERIALS and m.mapping in (BOX_MAPPING, LATHE_MAPPING)
            assert m.uv.shape == (len(m.vertices), 2) and np.isfinite(m.uv).all(), f"{info.id}/{m.name}: UVs"
            closed = trimesh.Trimesh(m.vertices, m.faces)  # merges the seam's coincident vertices
            assert closed.is_watertight, f"{info.id}/{m.name}: not closed"
        pts = np.vstack([m.vertices for m in g.visuals])
        pts = pts[rng.choice(len(pts), min(len(pts), 2000), replace=False)]
        out = np.min([_signed_distance(h, pts) for h in hulls], axis=0).max()
        worst_out = max(worst_out, (float(out), info.id))
        # outer surface of the union: samples whose outward neighbour is inside no other part
        samples = []
        for i, h in enumerate(hulls):
            p, face = trimesh.sample.sample_surface(h, max(12, 300 // len(hulls)), seed=i)
            probe = p + 1e-3 * h.face_normals[face]
            inside = np.zeros(len(p), bool)
            for j, other in enumerate(hulls):
                if j != i:
                    inside |= _signed_distance(other, probe) < 0
            samples.append(p[~inside])
        vis = trimesh.Trimesh(*g.merged(g.visuals), process=False)
        _, cover, _ = trimesh.proximity.closest_point(vis, np.vstack(samples))
        worst_cover = max(worst_cover, (float(cover.max()), info.id))
    assert worst_out[0] <= TOLERANCE, f"{worst_out[1]}: visual {worst_out[0] * 1000:.1f} mm outside its colliders"
    assert worst_cover[0] <= TOLERANCE, f"{worst_cover[1]}: a collider {worst_cover[0] * 1000:.1f} mm from the visual"


def test_turned_objects_are_smooth_and_furniture_edges_rounded(builtin_library):
    """What a camera sees of the detail: a mug's wall is a smooth vessel (dozens of meridians, not
    the collider's 12 sectors), a vase's stacked frustums one smooth profile with no step between
    sections, a table top has rounded edges, a keyboard a grid of keys."""
    mug = builtin_library.geometry("mug__classic")
    wall = max(mug.visuals, key=lambda m: len(m.vertices))
    assert wall.mapping == LATHE_MAPPING
    angles = np.unique(np.round(np.arctan2(wall.vertices[:, 1] - wall.vertices[:, 1].mean(),
                                           wall.vertices[:, 0] - wall.vertices[:, 0].mean()), 3))
    assert len(angles) >= 40
    vase = builtin_library.geometry("vase__belly")
    sections = sorted((m for m in vase.visuals), key=lambda m: m.vertices[:, 2].min())
    for lower, upper in zip(sections[:-1], sections[1:]):  # the radius at each junction agrees
        z = lower.vertices[:, 2].max()
        r_low = np.linalg.norm(lower.vertices[np.isclose(lower.vertices[:, 2], z)][:, :2], axis=1).max()
        r_up = np.linalg.norm(upper.vertices[np.isclose(upper.vertices[:, 2], z)][:, :2], axis=1).max()
        assert r_low == pytest.approx(r_up, abs=1e-6)
    table = builtin_library.geometry("dining_table__trestle")
    top = next(m for m in table.visuals if m.name == "top")
    corner = top.vertices.max(axis=0)
    assert np.linalg.norm(top.vertices - corner, axis=1).min() > 1e-3, "a top's corner is rounded off"
    for kid in ("keyboard__full", "keyboard__compact", "laptop__open"):
        keys = [m for m in builtin_library.geometry(kid).visuals if m.name.startswith("key")]
        assert sum(len(m.faces) for m in keys) > 12 * 40, kid  # a base and dozens of keycaps, not one slab


def test_mass_colliders_and_physics_never_depend_on_the_visuals(builtin_library):
    """Mass and inertia come from the convex parts: the physics stage gives the same bodies with
    the visual meshes as without them."""
    from assets.registry import LibrarySet
    from physics.stage import physical_bodies
    from vipscene_sim import load_scene

    class NoVisuals:
        name, warnings = builtin_library.name, []

        def infos(self):
            return builtin_library.infos()

        def geometry(self, asset_id):
            return replace(builtin_library.geometry(asset_id), visuals=[])

        def source_stamp(self, asset_id):
            return builtin_library.source_stamp(asset_id)

    scene = load_scene(KITCHEN)
    with_v = physical_bodies(scene, LibrarySet([builtin_library]))
    without = physical_bodies(scene, LibrarySet([NoVisuals()]))
    assert with_v.keys() == without.keys()
    for oid, body in with_v.items():
        other = without[oid]
        assert body.mass.mass == other.mass.mass and np.array_equal(body.mass.inertia, other.mass.inertia), oid
        assert all(np.array_equal(a[0], b[0]) for a, b in zip(body.hulls, other.hulls)), oid


def _without_visual_elements(xml: bytes) -> bytes:
    """An MJCF document less what only a camera sees: visual geoms, materials, textures and the
    meshes that only visual geoms use."""
    root = etree.fromstring(xml)
    from exporters.mjcf import VISUAL

    visual = [g for g in root.iter("geom") if g.get("class") == VISUAL]
    visual_meshes = {g.get("mesh") for g in visual if g.get("mesh")}
    for g in visual:
        g.getparent().remove(g)
    used = {g.get("mesh") for g in root.iter("geom")}
    asset = root.find("asset")
    for el in list(asset):
        if el.tag in ("material", "texture") or (el.tag == "mesh" and el.get("name") in visual_meshes - used):
            asset.remove(el)
    for g in root.iter("geom"):
        g.attrib.pop("material", None)
    return etree.tostring(root)


def test_the_kitchen_builds_byte_identical_but_for_what_is_seen(built_example, tmp_path, monkeypatch):
    """The kitchen built with visual meshes and with none (the parts drawn, as before) gives the
    same scene.json, ProcTHOR house, collision meshes (MJCF and URDF), inertials, joints and
    report physics; only visual meshes, materials and textures differ."""
    from assets.library import BuiltinLibrary
    from vipscene_sim.pipeline.build import build

    out = built_example(KITCHEN)
    geometry = BuiltinLibrary.geometry
    monkeypatch.setattr(BuiltinLibrary, "geometry", lambda self, i: replace(geometry(self, i), visuals=[]))
    plain = tmp_path / "plain"
    assert build(KITCHEN, plain).problems() == []
    for f in ("scene.json", "procthor/house.json"):
        assert (out / f).read_bytes() == (plain / f).read_bytes(), f
    for fmt in ("mjcf/assets", "urdf/meshes"):
        cols = sorted(p.name for p in (out / fmt).iterdir() if "_collision_" in p.name)
        assert cols and cols == sorted(p.name for p in (plain / fmt).iterdir() if "_collision_" in p.name)
        assert all((out / fmt / c).read_bytes() == (plain / fmt / c).read_bytes() for c in cols)
    assert _without_visual_elements((out / "mjcf/scene.xml").read_bytes()) == \
        _without_visual_elements((plain / "mjcf/scene.xml").read_bytes())

    def timeless(d):  # run times and cache hits are not physics
        if isinstance(d, dict):
            return {k: timeless(v) for k, v in d.items() if k not in ("seconds", "cached")}
        return [timeless(v) for v in d] if isinstance(d, list) else d

    def physics(folder):
        report = json.loads((folder / "report.json").read_text())
        return [timeless(s.get("details")) for s in report["stages"] if s["name"] in ("colliders", "settle")]

    assert physics(out) == physics(plain)


def test_every_texture_the_formats_reference_exists_and_loads(built_example, tmp_path, builtin_library):
    """MJCF, USD, URDF, the ProcTHOR asset folders and a GLB: every texture file named exists and
    opens; MuJoCo compiles the scene with its textures; textures are 512 px and each kind's is one
    file shared by every asset that uses it."""
    import mujoco
    from pxr import Usd, UsdShade

    out = built_example(KITCHEN)
    root = etree.parse(str(out / "mjcf/scene.xml")).getroot()
    files = [t.get("file") for t in root.iter("texture") if t.get("file")]
    assert files and len(files) == len(set(files))
    for f in files:
        assert Image.open(out / "mjcf" / f).size == (512, 512)
    model = mujoco.MjModel.from_xml_path(str(out / "mjcf/scene.xml"))
    assert model.ntex == len(files) + 1  # and the skybox
    kinds = {t.get("name") for t in root.iter("texture") if t.get("file")}
    assert {"tex_wood", "tex_plaster"} <= kinds  # furniture and the walls
    stage = Usd.Stage.Open(str(out / "usd/scene.usdc"))
    usd_files = {UsdShade.Shader(p).GetInput("file").Get().resolvedPath for p in stage.Traverse()
                 if UsdShade.Shader(p) and UsdShade.Shader(p).GetIdAttr().Get() == "UsdUVTexture"}
    assert usd_files and all(Image.open(f).size == (512, 512) for f in usd_files)
    urdf_textures = set()
    for urdf in [out / "urdf/scene.urdf", *sorted((out / "urdf/objects").glob("*.urdf"))]:
        for t in etree.parse(str(urdf)).getroot().iter("texture"):
            urdf_textures.add((urdf.parent / t.get("filename")).resolve())
    assert urdf_textures and all(Image.open(f).size == (512, 512) for f in urdf_textures)
    folders = [p for p in (out / "procthor/assets").iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        doc = json.loads((folder / f"{folder.name}.json").read_text())
        for key in ("albedoTexturePath", "normalTexturePath"):
            path = folder.parent / doc[key]
            assert Image.open(path).size[0] >= 256
        uv = np.array([[p["x"], p["y"]] for p in doc["uvs"]])
        assert len(uv) == len(doc["vertices"]) and uv.min() >= 0 and uv.max() <= 1
    geom = builtin_library.geometry("chair__windsor")
    (tmp_path / "c.glb").write_bytes(geom.scene().export(file_type="glb"))
    loaded = trimesh.load(tmp_path / "c.glb", force="scene")
    assert all(m.visual.material.baseColorTexture.size == (512, 512) for m in loaded.geometry.values())


def test_the_kitchen_stays_within_the_visual_budget(built_example):
    """Visual meshes are never colliders (MJCF group 2, no contacts) and the kitchen's total
    visual triangles stay under 300,000."""
    import mujoco

    out = built_example(KITCHEN)
    model = mujoco.MjModel.from_xml_path(str(out / "mjcf/scene.xml"))
    faces = 0
    for g in range(model.ngeom):
        if model.geom_group[g] == 2:
            assert model.geom_contype[g] == 0 and model.geom_conaffinity[g] == 0
            if model.geom_type[g] == mujoco.mjtGeom.mjGEOM_MESH:
                faces += int(model.mesh_facenum[model.geom_dataid[g]])
        else:
            assert model.geom_group[g] in (1, 3), "every other geom is a collider"
    assert 20_000 < faces < 300_000


def test_each_assets_mujoco_render_differs_from_its_collision_parts(builtin_library):
    """The visual meshes are really what MuJoCo draws: every asset rendered with them differs
    from the same asset drawn as its collision parts."""
    from assets.registry import LibrarySet
    from assets.render_mujoco import render_many

    libs = LibrarySet([builtin_library])
    geoms = [builtin_library.geometry(i.id) for i in builtin_library.infos()]
    seen = render_many(geoms, libs.texture, 96)
    parts = render_many(geoms, libs.texture, 96, visual=False)
    same = [g.info.id for g, a, b in zip(geoms, seen, parts)
            if np.abs(np.asarray(a, float) - np.asarray(b, float)).mean() < 0.3]
    assert not same, f"rendered as their collision parts: {same}"
    assert all(np.asarray(a).min() < 200 for a in seen), "every asset is in its frame"


def test_textures_are_deterministic_seamless_and_uvs_keep_metres_when_scaled(asset_cache):
    """A kind's texture is the same image on every run, tiles without a seam (the step across
    the wrap is like any step inside), and a stretched asset's UVs stretch with it, so the texture
    keeps its size in metres."""
    for kind in ("wood", "fabric", "tiles", "brushed_metal"):
        a, _ = images(kind, 64)
        b, _ = images(kind, 64)
        assert np.array_equal(a, b)
        img = images(kind, 128)[0][..., 0].astype(float)
        inner = np.abs(np.diff(img, axis=1)).mean()
        wrap = np.abs(img[:, 0] - img[:, -1]).mean()
        assert wrap <= 2.5 * inner + 1.0, kind
    files = texture_files("wood", asset_cache)
    assert files.albedo.is_file() and files.normal.is_file()
    assert texture_files("wood", asset_cache) == files  # cached, not rewritten
    from assets.materials import Surface
    from assets.visual import rounded_box, triplanar_uv

    v, f = rounded_box((-0.5, -0.5, -0.5), (0.5, 0.5, 0.5), 0.01, 2)
    tile = MATERIALS["wood"].tile
    vm = VisualMesh("box", v, f, triplanar_uv(v, f, tile), Surface("wood", (1, 1, 1, 1)))
    stretched = scaled_uv(vm, (2.0, 1.0, 1.0))
    top = np.isclose(v[:, 2], 0.5)
    assert np.ptp(stretched[top][:, 0]) == pytest.approx(1.96 / tile)
    assert np.ptp(vm.uv[top][:, 0]) == pytest.approx(0.98 / tile)


def test_room_surfaces_have_materials_of_their_kind(built_example):
    """The floor and walls carry the material kinds of the room (wood floor, plaster walls by
    default; a Scene's ``texture`` naming a kind chooses another)."""
    from assets.materials import room_material

    out = built_example(KITCHEN)
    root = etree.parse(str(out / "mjcf/scene.xml")).getroot()
    mats = {m.get("name"): m for m in root.iter("material")}
    scene = json.loads((out / "scene.json").read_text())
    floor = room_material("floor", scene["room"]["materials"]["floor"].get("texture"))
    assert mats["floor"].get("texture") == f"tex_{floor}" and mats["walls"].get("texture") == "tex_plaster"
    assert room_material("floor", "tiles") == "tiles" and room_material("floor", "no/such.png") == "wood"
    assert Path(out / "mjcf/assets/room_floor.obj").read_text().count("\nvt ") > 0
