"""URDF export: one URDF per object plus ``scene.urdf`` rooted at a ``world`` link.

``OUT/urdf/objects/<object>.urdf`` holds one link with visual meshes (the asset's colours),
convex collision meshes and the real inertial (mass, centre of mass and full inertia tensor about
it, in the object frame, from `physics.mass` — never a placeholder). ``OUT/urdf/scene.urdf``
welds the room and every static object to ``world`` with fixed joints at their settled poses;
movable objects stay separate URDFs, listed with their poses in ``OUT/urdf/manifest.json``, so a
simulator spawns them as free bodies. Mesh paths are relative to each URDF file.

An articulated object's carcass is its link, and each door, drawer or lid a child link on a
``revolute`` or ``prismatic`` joint (``limit`` with effort and velocity, ``dynamics`` damping and
friction), modelled at position 0; the scene's joint positions are in the manifest
(``joints``: name -> position), for the simulator to set after loading, with each joint's URDF
name in the object's own file (``urdf_joints``) and, for static objects, in scene.urdf
(``scene_joints``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
from lxml import etree

from physics.mass import MassProperties
from vipscene_sim.atomic import replaced_folder
from vipscene_sim.geometry.pose import matrix_to_rpy, quat_to_matrix
from vipscene_sim.geometry.room import wall_boxes

from assets.meshes import write_obj

from .mjcf import _f, _vec, safe_name


def _origin(parent, xyz, rpy=(0.0, 0.0, 0.0)):
    etree.SubElement(parent, "origin", xyz=_vec(xyz), rpy=_vec(rpy))


def _inertial(link, mp) -> None:
    inertial = etree.SubElement(link, "inertial")
    _origin(inertial, mp.com)
    etree.SubElement(inertial, "mass", value=_f(mp.mass))
    i = np.asarray(mp.inertia)
    etree.SubElement(inertial, "inertia", ixx=_f(i[0, 0]), ixy=_f(i[0, 1]), ixz=_f(i[0, 2]), iyy=_f(i[1, 1]),
                     iyz=_f(i[1, 2]), izz=_f(i[2, 2]))


class _Meshes:
    """Writes each mesh file once (named by content) into the shared meshes folder."""

    def __init__(self, folder: Path, libraries=None):
        self.folder = folder
        self.libraries = libraries
        self.written: set[str] = set()

    def add(self, stem: str, v, f, uv=None) -> str:
        import hashlib

        v, f = np.asarray(v, float), np.asarray(f, np.int64)
        h = hashlib.sha1(np.ascontiguousarray(v).tobytes() + np.ascontiguousarray(f).tobytes())
        if uv is not None:
            h.update(np.ascontiguousarray(uv, float).tobytes())
        name = f"{safe_name(stem)}_{h.hexdigest()[:10]}.obj"
        if name not in self.written:
            write_obj(self.folder / name, v, f, uv)
            self.written.add(name)
        return name

    def texture(self, kind: str) -> str:
        """A material kind's albedo image copied once into ``textures/`` beside ``meshes/``; its name."""
        src = self.libraries.texture(kind).albedo
        if src.name not in self.written:
            folder = self.folder.parent / "textures"
            folder.mkdir(exist_ok=True)
            (folder / src.name).write_bytes(src.read_bytes())
            self.written.add(src.name)
        return src.name


JOINT_EFFORT = {"revolute": 50.0, "prismatic": 200.0}
"""``<limit effort>``: the most torque (N m) or force (N) a hand or gripper would apply."""
JOINT_VELOCITY = {"revolute": 3.0, "prismatic": 1.0}
"""``<limit velocity>``: rad/s or m/s a door or drawer is moved at, at most."""


def moving_link_name(base: str, joint: str) -> str:
    """The URDF link (and joint) name of an object's moving part."""
    return f"{base}__{safe_name(joint)}"


def _moving_links(robot, obj, geom, body, meshes: _Meshes, rel: str, base: str) -> None:
    """A child link per joint of an articulated object (link frame at the joint's origin)."""
    scale = np.asarray(obj.asset.scale if obj.asset else [1, 1, 1], float)
    stem = safe_name(obj.asset.id if obj.asset else obj.id)
    for lk in body.links:
        j = lk.joint
        o = np.asarray(j.origin, float)
        name = moving_link_name(base, j.name)
        link = etree.SubElement(robot, "link", name=name)
        _inertial(link, MassProperties(lk.mass.mass, tuple(np.asarray(lk.mass.com) - o), lk.mass.inertia))
        visuals = ([(surf, v * scale - o, f, uv) for surf, v, f, uv in geom.visual_groups(link=j.name, scale=scale, restyle=obj.materials)]
                   if geom is not None else [])
        _shapes(link, visuals, [(v - o, f) for v, f in lk.hulls], meshes, rel, f"{stem}_{safe_name(j.name)}", name)
        joint = etree.SubElement(robot, "joint", name=name, type=j.kind)
        _origin(joint, o)
        etree.SubElement(joint, "parent", link=base)
        etree.SubElement(joint, "child", link=name)
        etree.SubElement(joint, "axis", xyz=_vec(j.axis))
        etree.SubElement(joint, "limit", lower=_f(j.limits[0]), upper=_f(j.limits[1]), effort=_f(JOINT_EFFORT[j.kind]),
                         velocity=_f(JOINT_VELOCITY[j.kind]))
        etree.SubElement(joint, "dynamics", damping=_f(j.damping), friction=_f(lk.hold_friction))


DRAKE = "http://drake.mit.edu"
"""Drake's URDF extension namespace: its elements are read by Drake and skipped by every other
parser (urdfdom's check_urdf, yourdfpy, PyBullet)."""
HYDROELASTIC_MODULUS = 1e7
"""Pa: Drake's compliant hydroelastic contact for every collision shape. Drake's default point
contact lets thin objects (a plate on a table) tip through their support; at this stiffness a
furnished room rests (a wooden or plastic surface under a few kilograms sinks well under 0.1 mm)."""
HUNT_CROSSLEY_DISSIPATION = 3.0
"""s/m: contact damping, so a dropped object does not bounce."""
FRICTION = 0.8
"""Coulomb friction of every surface (the physics stage's and the MJCF's)."""


def robot_element(name: str):
    """A ``<robot>`` root that declares Drake's namespace."""
    return etree.Element("robot", name=name, nsmap={"drake": DRAKE})


def _drake_contact(collision, convex: bool) -> None:
    """Drake's proximity properties on a ``<collision>``; ``convex``: its mesh is a convex hull
    (Drake then collides it as one, and can make it compliant)."""
    if convex:
        etree.SubElement(collision.find("geometry/mesh"), f"{{{DRAKE}}}declare_convex")
    props = etree.SubElement(collision, f"{{{DRAKE}}}proximity_properties")
    etree.SubElement(props, f"{{{DRAKE}}}compliant_hydroelastic")
    etree.SubElement(props, f"{{{DRAKE}}}hydroelastic_modulus", value=_f(HYDROELASTIC_MODULUS))
    etree.SubElement(props, f"{{{DRAKE}}}hunt_crossley_dissipation", value=_f(HUNT_CROSSLEY_DISSIPATION))
    etree.SubElement(props, f"{{{DRAKE}}}mu_dynamic", value=_f(FRICTION))
    etree.SubElement(props, f"{{{DRAKE}}}mu_static", value=_f(FRICTION))


def _shapes(link, visuals, hulls, meshes: _Meshes, rel: str, stem: str, material: str) -> None:
    """A link's visual meshes ((surface, vertices, faces, uv or None) per surface: `AssetGeometry.visual_groups`)
    and collision hulls, all in the link frame, written once each into the meshes folder; a
    textured surface's ``<material>`` names its image in ``textures/`` (``<texture>``; the colour
    is what parsers that ignore textures show)."""
    for k, (surf, v, f, uv) in enumerate(visuals):
        textured = uv is not None and surf.spec.texture and meshes.libraries is not None
        vis = etree.SubElement(link, "visual", name=f"visual_{k}")
        _origin(vis, (0, 0, 0))
        g = etree.SubElement(vis, "geometry")
        etree.SubElement(g, "mesh", filename=f"{rel}/{meshes.add(f'{stem}_visual_{k}', v, f, uv if textured else None)}")
        mat = etree.SubElement(vis, "material", name=f"{safe_name(material)}_{k}")
        etree.SubElement(mat, "color", rgba=_vec(surf.color))
        if textured:
            etree.SubElement(mat, "texture", filename=f"{rel.rsplit('meshes', 1)[0]}textures/{meshes.texture(surf.material)}")
    for i, (v, f) in enumerate(hulls):
        col = etree.SubElement(link, "collision", name=f"collision_{i}")
        _origin(col, (0, 0, 0))
        g = etree.SubElement(col, "geometry")
        etree.SubElement(g, "mesh", filename=f"{rel}/{meshes.add(f'{stem}_collision_{i}', v, f)}")
        _drake_contact(col, convex=True)


def _object_link(robot, obj, geom, body, meshes: _Meshes, rel: str, link_name: str) -> None:
    link = etree.SubElement(robot, "link", name=link_name)
    if body is not None:
        _inertial(link, body.mass)
        # PyBullet's contact extension (other parsers ignore it): without rolling friction round
        # objects never come to rest
        contact = etree.SubElement(link, "contact")
        etree.SubElement(contact, "lateral_friction", value=_f(FRICTION if body.friction is None else body.friction))
        etree.SubElement(contact, "rolling_friction", value="0.001")
        etree.SubElement(contact, "spinning_friction", value="0.001")
    scale = np.asarray(obj.asset.scale if obj.asset else [1, 1, 1], float)
    stem = safe_name(obj.asset.id if obj.asset else obj.id)
    articulated = body is not None and bool(body.links)
    visuals = ([(surf, v * scale, f, uv) for surf, v, f, uv in geom.visual_groups(link="" if articulated else None, scale=scale,
                                                                              restyle=obj.materials)]
               if geom is not None else [])
    _shapes(link, visuals, body.hulls if body is not None else [], meshes, rel, stem, link_name)
    if articulated:
        _moving_links(robot, obj, geom, body, meshes, rel, link_name)


def export_urdf(scene, libraries, bodies, out_dir: str | Path) -> Path:
    """Write ``out_dir/urdf/`` (replacing a previous export) and return the path of scene.urdf."""
    with replaced_folder(out_dir, "urdf") as tmp:
        (tmp / "meshes").mkdir()
        (tmp / "objects").mkdir()
        meshes = _Meshes(tmp / "meshes", libraries)
        scene_robot = robot_element(safe_name(scene.name))
        etree.SubElement(scene_robot, "link", name="world")
        _room(scene, scene_robot)
        manifest = {"scene": "scene.urdf", "frame": "world: +Z up, metres", "objects": []}
        for obj in scene.objects:
            geom = libraries.resolve(obj.asset)  # None (no asset, or unloadable and recorded): collision only
            body = bodies.get(obj.id)
            fname = f"{safe_name(obj.id)}.urdf"
            robot = robot_element(safe_name(obj.id))
            _object_link(robot, obj, geom, body, meshes, "../meshes", "base_link")
            (tmp / "objects" / fname).write_bytes(etree.tostring(robot, pretty_print=True, encoding="utf-8",
                                                                 xml_declaration=True))
            r = quat_to_matrix(obj.quaternion)
            static = body is None or not body.dynamic
            if static:
                link_name = f"obj_{safe_name(obj.id)}"
                _object_link(scene_robot, obj, geom, body, meshes, "meshes", link_name)
                j = etree.SubElement(scene_robot, "joint", name=f"{link_name}_fixed", type="fixed")
                _origin(j, obj.position, matrix_to_rpy(r))
                etree.SubElement(j, "parent", link="world")
                etree.SubElement(j, "child", link=link_name)
            manifest["objects"].append({
                "id": obj.id, "urdf": f"objects/{fname}", "position": [round(float(x), 6) for x in obj.position],
                "quaternion_wxyz": [round(float(x), 8) for x in obj.quaternion], "rpy": [round(x, 8) for x in matrix_to_rpy(r)],
                "fixed": static, "in_scene_urdf": static,
                **({"joints": {lk.joint.name: round(float(lk.position), 8) for lk in body.links},
                    "urdf_joints": {lk.joint.name: moving_link_name("base_link", lk.joint.name) for lk in body.links},
                    **({"scene_joints": {lk.joint.name: moving_link_name(f"obj_{safe_name(obj.id)}", lk.joint.name)
                                         for lk in body.links}} if static else {})}
                   if body is not None and body.links else {}),
            })
        (tmp / "scene.urdf").write_bytes(etree.tostring(scene_robot, pretty_print=True, encoding="utf-8", xml_declaration=True))
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return Path(out_dir) / "urdf" / "scene.urdf"


def _room(scene, robot) -> None:
    link = etree.SubElement(robot, "link", name="room")
    inertial = etree.SubElement(link, "inertial")  # fixed to the world; the values only satisfy parsers
    _origin(inertial, (0, 0, 0))
    etree.SubElement(inertial, "mass", value="1000")
    etree.SubElement(inertial, "inertia", ixx="1000", ixy="0", ixz="0", iyy="1000", iyz="0", izz="1000")
    lo, hi = np.min(scene.room.floor, axis=0), np.max(scene.room.floor, axis=0)
    c, ext = (lo + hi) / 2, hi - lo + 2.0
    boxes = [((c[0], c[1], -0.05), (ext[0], ext[1], 0.1), 0.0)] + [(wb.center, wb.size, wb.yaw) for wb in wall_boxes(scene.room)]
    colors = [scene.room.materials.floor.color, scene.room.materials.walls.color]
    for k, (center, size, yaw) in enumerate(boxes):
        for tag in ("visual", "collision"):
            el = etree.SubElement(link, tag, name=f"{'floor' if k == 0 else f'wall_{k}'}_{tag}")
            _origin(el, center, (0.0, 0.0, yaw))
            g = etree.SubElement(el, "geometry")
            etree.SubElement(g, "box", size=_vec(size))
            if tag == "collision":
                _drake_contact(el, convex=False)
            if tag == "visual":
                mat = etree.SubElement(el, "material", name="floor" if k == 0 else "walls")
                etree.SubElement(mat, "color", rgba=_vec(list(colors[0 if k == 0 else 1][:3]) + [1.0]))
    j = etree.SubElement(robot, "joint", name="room_fixed", type="fixed")
    _origin(j, (0, 0, 0))
    etree.SubElement(j, "parent", link="world")
    etree.SubElement(j, "child", link="room")


def validate_urdf(path: str | Path, seconds: float = 2.0) -> dict:
    """Parse every URDF (yourdfpy when installed; ``check_urdf`` when on PATH), then load the
    scene and the movable objects into PyBullet at their manifest poses and check they stay put."""
    path = Path(path)
    folder = path.parent
    manifest = json.loads((folder / "manifest.json").read_text())
    files = [path] + [folder / o["urdf"] for o in manifest["objects"]]
    problems: list[str] = []
    checks = {}
    try:
        import yourdfpy

        for f in files:
            try:
                u = yourdfpy.URDF.load(str(f), load_meshes=False, build_scene_graph=True)
                if not u.validate():
                    problems.append(f"{f.name}: yourdfpy validation failed")
            except Exception as exc:  # noqa: BLE001 - any parse error is a finding
                problems.append(f"{f.name}: {type(exc).__name__}: {exc}")
        checks["yourdfpy"] = "ran"
    except ImportError:
        checks["yourdfpy"] = "not installed"
    if shutil.which("check_urdf"):
        for f in files:
            r = subprocess.run(["check_urdf", str(f)], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"{f.name}: check_urdf: {(r.stderr or r.stdout).strip().splitlines()[-1:]}")
        checks["check_urdf"] = "ran"
    else:
        checks["check_urdf"] = "not installed"
    drift, joint_drift = _pybullet_rest(folder, manifest, seconds)
    moved = sorted(k for k, d in drift.items() if d >= 0.01)
    joints_moved = sorted(k for k, d in joint_drift.items() if d >= 0.01)
    return {"ok": not problems and not moved and not joints_moved, "checks": checks, "problems": problems[:20],
            "urdf_files": len(files), "max_drift": round(max(drift.values(), default=0.0), 5),
            "moved_more_than_1cm": moved, "joints": len(joint_drift),
            "max_joint_drift": round(max(joint_drift.values(), default=0.0), 5), "joints_moved": joints_moved,
            "simulated_seconds": seconds}


def set_joints(pb, body: int, positions: dict[str, float], cid: int) -> dict[str, int]:
    """Set a loaded URDF's joints (by URDF joint name) to ``positions`` and give every joint its
    URDF ``dynamics friction`` as a velocity motor's force limit (PyBullet's dry friction);
    returns joint name -> index."""
    index = {}
    for i in range(pb.getNumJoints(body, physicsClientId=cid)):
        info = pb.getJointInfo(body, i, physicsClientId=cid)
        if info[2] not in (pb.JOINT_REVOLUTE, pb.JOINT_PRISMATIC):
            continue
        name = info[1].decode()
        index[name] = i
        if name in positions:
            pb.resetJointState(body, i, positions[name], physicsClientId=cid)
        pb.setJointMotorControl2(body, i, pb.VELOCITY_CONTROL, targetVelocity=0.0, force=float(info[7]),
                                 physicsClientId=cid)
    return index


def _pybullet_rest(folder: Path, manifest: dict, seconds: float) -> tuple[dict[str, float], dict[str, float]]:
    """How far each movable object's base and each joint (by object/joint) moved over ``seconds``."""
    from vipscene_sim.geometry.collision import pybullet

    pb = pybullet()

    cid = pb.connect(pb.DIRECT)
    try:
        pb.setGravity(0, 0, -9.81, physicsClientId=cid)
        scene_id = pb.loadURDF(str(folder / manifest["scene"]), useFixedBase=True, physicsClientId=cid,
                               flags=pb.URDF_USE_INERTIA_FROM_FILE)
        watched = []  # (label, body, joint index, start)
        in_scene = {o["scene_joints"][j]: (f"{o['id']}/{j}", q) for o in manifest["objects"] if o["in_scene_urdf"]
                    for j, q in o.get("joints", {}).items()}
        index = set_joints(pb, scene_id, {k: q for k, (_, q) in in_scene.items()}, cid)
        watched += [(label, scene_id, index[k], q) for k, (label, q) in in_scene.items()]
        ids = {}
        for o in manifest["objects"]:
            if o["in_scene_urdf"]:
                continue
            w, x, y, z = o["quaternion_wxyz"]
            ids[o["id"]] = pb.loadURDF(str(folder / o["urdf"]), basePosition=o["position"], baseOrientation=[x, y, z, w],
                                       physicsClientId=cid, flags=pb.URDF_USE_INERTIA_FROM_FILE)
            pb.changeDynamics(ids[o["id"]], -1, lateralFriction=0.8, physicsClientId=cid)
            own = {o["urdf_joints"][j]: (f"{o['id']}/{j}", q) for j, q in o.get("joints", {}).items()}
            index = set_joints(pb, ids[o["id"]], {k: q for k, (_, q) in own.items()}, cid)
            watched += [(label, ids[o["id"]], index[k], q) for k, (label, q) in own.items()]
        start = {k: np.asarray(pb.getBasePositionAndOrientation(b, physicsClientId=cid)[0]) for k, b in ids.items()}
        for _ in range(int(seconds * 240)):
            pb.stepSimulation(physicsClientId=cid)
        drift = {k: float(np.linalg.norm(np.asarray(pb.getBasePositionAndOrientation(b, physicsClientId=cid)[0]) - start[k]))
                 for k, b in ids.items()}
        joints = {label: abs(float(pb.getJointState(b, i, physicsClientId=cid)[0]) - q) for label, b, i, q in watched}
        return drift, joints
    finally:
        pb.disconnect(cid)


__all__ = ["export_urdf", "validate_urdf"]
