"""USD export: Z up, metres, rigid bodies with mass, convex colliders, static room, validators clean."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pxr = pytest.importorskip("pxr", reason="needs the 'usd' extra (usd-core)")

from pxr import Usd, UsdGeom, UsdPhysics  # noqa: E402

from assets.registry import LibrarySet  # noqa: E402
from exporters.names import identifier  # noqa: E402
from exporters.usd import export_usd, validate_usd  # noqa: E402
from physics.stage import physical_bodies, simulate  # noqa: E402
from vipscene_sim import load_scene  # noqa: E402
from vipscene_sim.layout import refine_layout  # noqa: E402
from vipscene_sim.retrieve import Retriever, retrieve_scene  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported(builtin_library, tmp_path_factory):
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / "home_office.json"), Retriever(libs.libraries), libs)[0]
    scene = simulate(refine_layout(scene, libs)[0], libs)[0]
    bodies = physical_bodies(scene, libs)
    return scene, bodies, export_usd(scene, libs, bodies, tmp_path_factory.mktemp("usd")), libs


def test_stage_metadata_and_validators(exported):
    scene, bodies, path, _ = exported
    v = validate_usd(path)
    assert v["ok"], v
    stage = Usd.Stage.Open(str(path))
    assert UsdGeom.GetStageUpAxis(stage) == UsdGeom.Tokens.z and UsdGeom.GetStageMetersPerUnit(stage) == 1.0
    assert stage.GetDefaultPrim().GetPath() == "/World"
    # a rigid body per movable object; an articulated one has its carcass and a body per link
    assert v["rigid_bodies"] == sum(1 + len(bodies[o.id].links) if bodies[o.id].links else o.dynamic for o in scene.objects)
    assert v["articulations"] == sum(bool(b.links) for b in bodies.values()) > 0


def test_rigid_bodies_carry_the_hull_mass_properties(exported):
    scene, bodies, path, _ = exported
    stage = Usd.Stage.Open(str(path))
    by_id = {p.GetCustomDataByKey("vipscene:id"): p for p in stage.Traverse() if p.GetCustomDataByKey("vipscene:id")}
    assert set(by_id) == {o.id for o in scene.objects}
    for o in scene.objects:
        prim = by_id[o.id]
        links = bodies[o.id].links
        if links:  # the carcass is the rigid body, under the articulation root
            assert prim.HasAPI(UsdPhysics.ArticulationRootAPI) and not prim.HasAPI(UsdPhysics.RigidBodyAPI)
            carcass = stage.GetPrimAtPath(f"{prim.GetPath()}/Carcass")
            assert UsdPhysics.MassAPI(carcass).GetMassAttr().Get() == pytest.approx(bodies[o.id].mass.mass, rel=1e-5)
        else:
            assert prim.HasAPI(UsdPhysics.RigidBodyAPI) == o.dynamic
        if o.dynamic and not links:
            m = UsdPhysics.MassAPI(prim)
            assert m.GetMassAttr().Get() == pytest.approx(bodies[o.id].mass.mass, rel=1e-5)
            assert np.allclose(m.GetCenterOfMassAttr().Get(), bodies[o.id].mass.com, atol=1e-5)
        hulls = [c for c in Usd.PrimRange(prim) if c.HasAPI(UsdPhysics.CollisionAPI)]
        assert len(hulls) == len(bodies[o.id].hulls) + sum(len(lk.hulls) for lk in links)
        assert all(UsdPhysics.MeshCollisionAPI(h).GetApproximationAttr().Get() == "convexHull" for h in hulls)
        xf = UsdGeom.Xformable(prim).ComputeLocalToWorldTransform(Usd.TimeCode.Default())
        assert np.allclose(np.array(xf.ExtractTranslation()), o.position, atol=1e-6)


def test_room_is_static_colliders_and_names_are_valid(exported):
    _, _, path, _ = exported
    stage = Usd.Stage.Open(str(path))
    room = [p for p in Usd.PrimRange(stage.GetPrimAtPath("/World/Room")) if p.HasAPI(UsdPhysics.CollisionAPI)]
    assert len(room) >= 5 and not any(p.HasAPI(UsdPhysics.RigidBodyAPI) for p in room)
    taken = set()
    names = [identifier(t, taken) for t in ["mug ☕", "1st", "a/b", "a_b", "a_b"]]
    assert len(set(names)) == 5 and all(n[0].isalpha() or n[0] == "_" for n in names)


def test_deterministic(exported, tmp_path):
    scene, bodies, path, libs = exported
    again = export_usd(scene, libs, bodies, tmp_path)
    assert again.read_bytes() == path.read_bytes()


def test_binary_by_default_with_shading_normals_and_a_text_copy_on_request(exported):
    from exporters.usd import write_text_copy
    from pxr import Sdf

    _, _, path, _ = exported
    assert path.name == "scene.usdc" and Sdf.FileFormat.FindByExtension("usdc").CanRead(str(path))
    assert path.read_bytes()[:8] == b"PXR-USDC"  # a crate file, not text
    stage = Usd.Stage.Open(str(path))
    meshes = [UsdGeom.Mesh(p) for p in stage.Traverse() if p.IsA(UsdGeom.Mesh)]
    assert meshes
    for m in meshes:  # every mesh has one unit normal per face corner (Asset Validator's NormalsExistChecker)
        normals = np.asarray(m.GetNormalsAttr().Get())
        assert m.GetNormalsInterpolation() == UsdGeom.Tokens.faceVarying
        assert len(normals) == len(m.GetFaceVertexIndicesAttr().Get())
        assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-5)
    text = write_text_copy(path)
    assert text.read_text().startswith("#usda") and Usd.Stage.Open(str(text)).GetDefaultPrim().GetPath() == "/World"


def test_corner_normals_keep_box_edges_hard_and_round_surfaces_smooth():
    import trimesh

    from vipscene_sim.geometry.normals import corner_normals

    box = trimesh.creation.box([1, 2, 3])
    assert np.allclose(corner_normals(box.vertices, box.faces), np.repeat(box.face_normals, 3, axis=0))
    sphere = trimesh.creation.icosphere(subdivisions=3)
    radial = sphere.vertices[sphere.faces.ravel()]
    assert np.abs(corner_normals(sphere.vertices, sphere.faces) - radial / np.linalg.norm(radial, axis=1)[:, None]).max() < 0.02
    flat = np.array([[0, 0, 0], [1, 0, 0], [2, 0, 0.0]]), np.array([[0, 1, 2]])  # a degenerate triangle
    assert np.allclose(corner_normals(*flat), [0, 0, 1])


def test_visual_meshes_have_preview_materials_and_colliders_a_physics_material(exported):
    """Every visual mesh and room box is bound to a UsdPreviewSurface whose colour is its display
    colour and whose roughness and metallic are its material kind's (steel handles metallic; one
    material per surface, shared); a mesh with UVs (``primvars:st``) is textured, its albedo
    tinted by the colour and the image file beside the stage; every collider is bound, for
    physics, to one material with the friction the other exports use and no restitution."""
    from pxr import UsdShade

    from assets.materials import MATERIALS
    from exporters.urdf import FRICTION

    _, _, path, _ = exported
    stage = Usd.Stage.Open(str(path))
    shaded = colliders = textured = 0
    surfaces, metals = set(), set()
    for prim in stage.Traverse():
        gprim = UsdGeom.Gprim(prim)
        if not gprim:
            continue
        if prim.HasAPI(UsdPhysics.CollisionAPI):
            mat = UsdShade.MaterialBindingAPI(prim).ComputeBoundMaterial("physics")[0]
            api = UsdPhysics.MaterialAPI(mat.GetPrim())
            assert api.GetDynamicFrictionAttr().Get() == pytest.approx(FRICTION) and api.GetRestitutionAttr().Get() == 0
            colliders += 1
        if prim.GetAttribute("primvars:displayColor").HasAuthoredValue():
            mat = UsdShade.MaterialBindingAPI(prim).ComputeBoundMaterial()[0]
            shader = UsdShade.Shader(stage.GetPrimAtPath(f"{mat.GetPath()}/PreviewSurface"))
            assert shader.GetIdAttr().Get() == "UsdPreviewSurface"
            colour = tuple(shader.GetInput("diffuseColor").Get())
            assert np.allclose(colour, gprim.GetDisplayColorAttr().Get()[0], atol=1e-4)
            kind = MATERIALS[mat.GetPrim().GetCustomDataByKey("vipscene:material")]
            assert (shader.GetInput("roughness").Get(), shader.GetInput("metallic").Get()) == pytest.approx(
                (kind.roughness, kind.metallic), abs=1e-4)
            metals.add(kind.metallic)
            source = shader.GetInput("diffuseColor").GetConnectedSource()
            if UsdGeom.PrimvarsAPI(prim).HasPrimvar("st") and kind.texture:
                albedo = UsdShade.Shader(source[0].GetPrim())
                assert albedo.GetIdAttr().Get() == "UsdUVTexture"
                assert tuple(albedo.GetInput("scale").Get())[:3] == pytest.approx(colour, abs=1e-4)
                file = albedo.GetInput("file").Get().resolvedPath
                assert file and Image.open(file).size == (512, 512)
                textured += 1
            surfaces.add((mat.GetPath(), colour, kind.name))
            shaded += 1
    assert shaded > 50 and colliders > 20 and textured > 20
    assert len({p for p, _, _ in surfaces}) == len({(c, k) for _, c, k in surfaces})  # one material per surface
    assert metals == {0.0, 1.0}
