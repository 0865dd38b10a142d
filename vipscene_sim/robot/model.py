"""A user's robot read as a `mujoco.MjSpec`: an MJCF file, or a URDF through MuJoCo's own URDF
import (mesh paths resolved: ``package://`` and relative names are found beside the file).

What a scene does not want from a robot file goes on reading: its floor (world planes), its
world lights and its skybox. What we need from it comes out of one compile of the robot alone:
its home pose (the keyframe ``home``, else its first keyframe, else the model's reference pose),
how its base moves (a free joint, slides in the plane, or fixed), and its collision extent at
home in its own frame (lowest point, plan radius about its origin): +X is its front, +Z up,
metres.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import UserError


@dataclass
class RobotModel:
    path: Path
    spec: object
    """the robot's `mujoco.MjSpec`, floor, world lights and skybox removed"""
    base: str
    """"free" (a free joint: it stands on the floor), "planar" (slides in x, y and turns about
    z: a mobile base) or "fixed" (bolted to where it is put: an arm)"""
    home_qpos: dict[str, list[float]]
    """joint name -> its home qpos (7 numbers for a free joint, 1 otherwise)"""
    home_ctrl: dict[str, float]
    """actuator name -> its home control"""
    bottom: float
    """lowest point of the collision geometry at home, robot frame (m)"""
    radius: float
    """largest plan distance of the collision geometry at home from the robot frame's z axis (m)"""
    dropped: list[str] = field(default_factory=list)
    """what was taken out of the file (its floor, lights, skybox)"""

    @property
    def mobile(self) -> bool:
        return self.base in ("free", "planar")


def load_robot(path: str | os.PathLike) -> RobotModel:
    """Read a robot; a missing file, a file MuJoCo cannot read, or one with nothing that moves
    is a `UserError` (exit 2) naming the file."""
    import mujoco

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such robot file (expected an MJCF .xml or a .urdf)")
    if path.suffix.lower() not in (".xml", ".urdf", ".mjcf"):
        raise UserError(f"{path}: not a robot file (expected an MJCF .xml or a .urdf)")
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    urdf = "<robot" in head and "<mujoco" not in head
    try:
        spec = mujoco.MjSpec.from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - mujoco raises plain ValueError/FatalError for any bad file
        raise UserError(f"{path}: MuJoCo cannot read this robot ({_first_line(exc)})") from None
    if urdf:
        _resolve_urdf_meshes(spec, path)
    else:
        _absolute_asset_paths(spec, path)
    dropped = _drop_world_dressing(spec)
    try:
        m = spec.compile()
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"{path}: the robot does not compile in MuJoCo ({_first_line(exc)})") from None
    moving = [m.joint(j).name for j in range(m.njnt) if m.jnt_type[j] != mujoco.mjtJoint.mjJNT_FREE]
    if not moving:
        raise UserError(f"{path}: not a robot: it has no joint that moves (only {m.nbody - 1} rigid bodies)")
    qpos, ctrl = _home(m)
    base = _base_kind(m)
    bottom, radius = _extent(m, qpos)
    return RobotModel(path, spec, base, {m.joint(j).name: qpos[m.jnt_qposadr[j]:m.jnt_qposadr[j] + _width(m, j)].tolist()
                                         for j in range(m.njnt)},
                      {m.actuator(a).name: float(ctrl[a]) for a in range(m.nu)}, bottom, radius, dropped)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _width(m, j: int) -> int:
    import mujoco

    return {int(mujoco.mjtJoint.mjJNT_FREE): 7, int(mujoco.mjtJoint.mjJNT_BALL): 4}.get(int(m.jnt_type[j]), 1)


def _home(m) -> tuple[np.ndarray, np.ndarray]:
    """qpos and ctrl of the keyframe ``home`` (else the first keyframe, else qpos0 and zero
    control)."""
    if m.nkey:
        names = [m.key(k).name for k in range(m.nkey)]
        k = names.index("home") if "home" in names else 0
        return m.key_qpos[k].copy(), m.key_ctrl[k].copy()
    return m.qpos0.copy(), np.zeros(m.nu)


def _base_kind(m) -> str:
    """How the robot's root moves: a free joint, x/y slides (and a z hinge) on a top-level
    body, or not at all."""
    import mujoco

    for b in range(1, m.nbody):
        if m.body_parentid[b] != 0:
            continue
        kinds = [m.jnt_type[j] for j in range(m.body_jntadr[b], m.body_jntadr[b] + m.body_jntnum[b])]
        if mujoco.mjtJoint.mjJNT_FREE in kinds:
            return "free"
        axes = [np.round(m.jnt_axis[j], 6) for j in range(m.body_jntadr[b], m.body_jntadr[b] + m.body_jntnum[b])
                if m.jnt_type[j] == mujoco.mjtJoint.mjJNT_SLIDE]
        if any(abs(a[0]) == 1 for a in axes) and any(abs(a[1]) == 1 for a in axes):
            return "planar"
    return "fixed"


def collision_geoms(m) -> list[int]:
    return [g for g in range(m.ngeom) if (m.geom_contype[g] or m.geom_conaffinity[g])]


def geom_corners(m, d, g: int) -> np.ndarray:
    """The 8 corners of geom ``g``'s bounding box in the world (after a forward pass)."""
    c, h = m.geom_aabb[g, :3], m.geom_aabb[g, 3:]
    local = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]) * h + c
    return local @ d.geom_xmat[g].reshape(3, 3).T + d.geom_xpos[g]


def _extent(m, qpos: np.ndarray) -> tuple[float, float]:
    import mujoco

    d = mujoco.MjData(m)
    d.qpos[:] = qpos
    mujoco.mj_forward(m, d)
    geoms = [g for g in collision_geoms(m) if m.geom_type[g] != mujoco.mjtGeom.mjGEOM_PLANE] or list(range(m.ngeom))
    if not geoms:
        raise UserError("not a robot: it has no geometry")
    pts = np.vstack([geom_corners(m, d, g) for g in geoms])
    return float(pts[:, 2].min()), float(np.linalg.norm(pts[:, :2], axis=1).max())


def _drop_world_dressing(spec) -> list[str]:
    """Remove the robot file's floor (planes in the world body), world lights and skybox, and
    the materials and textures only they used."""
    import mujoco

    dropped = []
    used_before = {g.material for g in spec.geoms if g.material}
    textures_before = {t for mat in spec.materials for t in mat.textures if t}
    for g in list(spec.worldbody.geoms):
        if g.type == mujoco.mjtGeom.mjGEOM_PLANE:
            dropped.append(f"floor geom {g.name or '(unnamed)'}")
            spec.delete(g)
    for light in list(spec.worldbody.lights):
        dropped.append(f"light {light.name or '(unnamed)'}")
        spec.delete(light)
    used = {g.material for g in spec.geoms if g.material}
    for mat in list(spec.materials):
        if mat.name in used_before - used:
            spec.delete(mat)
    textures_used = {t for mat in spec.materials for t in mat.textures if t}
    for t in list(spec.textures):
        if t.type == mujoco.mjtTexture.mjTEXTURE_SKYBOX:
            dropped.append(f"skybox {t.name or '(unnamed)'}")
            spec.delete(t)
        elif t.name in textures_before - textures_used:
            spec.delete(t)
    return dropped


def _asset_dirs(spec, path: Path) -> dict[str, Path]:
    base = path.parent
    return {"mesh": base / (spec.meshdir or ""), "texture": base / (spec.texturedir or ""), "hfield": base / (spec.meshdir or "")}


def _absolute_asset_paths(spec, path: Path) -> None:
    """Every mesh, texture and height field file as an absolute path (the robot's meshdir and
    texturedir applied), so the robot reads the same from wherever the combined model is."""
    dirs = _asset_dirs(spec, path)
    for kind, items in (("mesh", spec.meshes), ("texture", spec.textures), ("hfield", spec.hfields)):
        for a in items:
            if a.file and not os.path.isabs(a.file):
                a.file = str((dirs[kind] / a.file).resolve())
    spec.meshdir = ""
    spec.texturedir = ""


def _resolve_urdf_meshes(spec, path: Path) -> None:
    """MuJoCo's URDF import keeps only each mesh's file name; find the file the URDF named
    (``package://pkg/rest``: ``rest`` under a folder named ``pkg`` above the URDF, or beside it;
    a relative name: beside the URDF) and point the mesh at it."""
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as exc:
        raise UserError(f"{path}: not readable XML ({exc})") from None
    named = {}
    for el in root.iter("mesh"):
        f = el.get("filename")
        if f:
            named.setdefault(Path(f.split("://", 1)[-1]).name, f)
    for mesh in spec.meshes:
        original = named.get(Path(mesh.file).name, mesh.file)
        found = _find_mesh(original, path.parent)
        if found is None:
            raise UserError(f"{path}: mesh {original!r} not found beside the URDF (looked for package:// folders "
                            f"above {path.parent})")
        mesh.file = str(found)
    spec.meshdir = ""


def _find_mesh(name: str, here: Path) -> Path | None:
    if name.startswith("file://"):
        p = Path(name[7:])
        return p if p.is_file() else None
    if name.startswith("package://"):
        pkg, _, rest = name[10:].partition("/")
        for d in (here, *here.parents):
            for cand in (d / pkg / rest, d / rest) if d.name != pkg else (d / rest,):
                if cand.is_file():
                    return cand.resolve()
        return None
    p = Path(name) if os.path.isabs(name) else here / name
    return p.resolve() if p.is_file() else None
