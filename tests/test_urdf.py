"""URDF export: real inertia, relative mesh paths, check_urdf / yourdfpy clean, PyBullet at rest."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

from assets.registry import LibrarySet
from exporters.urdf import export_urdf, validate_urdf
from physics.stage import physical_bodies, simulate
from vipscene_sim import load_scene
from vipscene_sim.geometry.pose import (
    matrix_to_rpy,
    quat_multiply,
    quat_to_matrix,
    rpy_to_matrix,
    yaw_to_quat,
)
from vipscene_sim.layout import refine_layout
from vipscene_sim.retrieve import Retriever, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported(builtin_library, tmp_path_factory):
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / "kitchen.json"), Retriever(libs.libraries), libs)[0]
    scene = simulate(refine_layout(scene, libs)[0], libs)[0]
    bodies = physical_bodies(scene, libs)
    path = export_urdf(scene, libs, bodies, tmp_path_factory.mktemp("urdf"))
    return scene, bodies, path


def test_validates_and_stays_at_rest_in_pybullet(exported):
    scene, _, path = exported
    v = validate_urdf(path, seconds=2.0)
    assert v["ok"], v
    assert v["urdf_files"] == len(scene.objects) + 1 and v["checks"]["yourdfpy"] == "ran"
    if shutil.which("check_urdf"):
        assert v["checks"]["check_urdf"] == "ran"


def test_real_mass_and_inertia_no_placeholders(exported):
    scene, bodies, path = exported
    for o in scene.objects:
        root = etree.parse(str(path.parent / "objects" / f"{o.id}.urdf")).getroot()
        inertial = root.find("link/inertial")
        mass = float(inertial.find("mass").get("value"))
        assert mass == pytest.approx(bodies[o.id].mass.mass, rel=1e-5)
        i = inertial.find("inertia")
        tensor = np.array([[float(i.get("ixx")), float(i.get("ixy")), float(i.get("ixz"))],
                           [float(i.get("ixy")), float(i.get("iyy")), float(i.get("iyz"))],
                           [float(i.get("ixz")), float(i.get("iyz")), float(i.get("izz"))]])
        assert np.allclose(tensor, bodies[o.id].mass.inertia, rtol=1e-4, atol=1e-12)
        assert not np.allclose(tensor, np.eye(3))


def test_mesh_paths_are_relative_and_exist(exported):
    _, _, path = exported
    for f in [path] + sorted((path.parent / "objects").glob("*.urdf")):
        for m in etree.parse(str(f)).getroot().iter("mesh"):
            name = m.get("filename")
            assert not name.startswith("/") and (f.parent / name).resolve().exists(), (f, name)


def test_every_collision_has_drake_contact_properties_that_other_parsers_skip(exported):
    import yourdfpy

    from exporters.urdf import DRAKE, HYDROELASTIC_MODULUS

    _, _, path = exported
    for f in [path] + sorted((path.parent / "objects").glob("*.urdf")):
        root = etree.parse(str(f)).getroot()
        assert root.nsmap.get("drake") == DRAKE
        for col in root.iter("collision"):
            props = col.find(f"{{{DRAKE}}}proximity_properties")
            assert props is not None and props.find(f"{{{DRAKE}}}compliant_hydroelastic") is not None, f
            assert float(props.find(f"{{{DRAKE}}}hydroelastic_modulus").get("value")) == HYDROELASTIC_MODULUS
            mesh = col.find("geometry/mesh")
            assert mesh is None or mesh.find(f"{{{DRAKE}}}declare_convex") is not None  # our hulls are convex
        robot = yourdfpy.URDF.load(str(f), load_meshes=False, build_scene_graph=False)  # the namespace is ignored
        assert robot.link_map
        if shutil.which("check_urdf"):
            assert subprocess.run(["check_urdf", str(f)], capture_output=True).returncode == 0


def test_manifest_lists_every_object_with_its_pose(exported):
    scene, _, path = exported
    manifest = json.loads((path.parent / "manifest.json").read_text())
    by_id = {o["id"]: o for o in manifest["objects"]}
    assert set(by_id) == {o.id for o in scene.objects}
    for o in scene.objects:
        m = by_id[o.id]
        assert np.allclose(m["position"], o.position, atol=1e-6)
        assert np.allclose(rpy_to_matrix(*m["rpy"]), quat_to_matrix(o.quaternion), atol=1e-6)
        assert m["fixed"] == (not o.dynamic)


def test_rpy_round_trip():
    q = quat_multiply(yaw_to_quat(2.0), [np.cos(0.3), 0.0, np.sin(0.3), 0.0])
    r = quat_to_matrix(q)
    assert np.allclose(rpy_to_matrix(*matrix_to_rpy(r)), r, atol=1e-12)
