"""`vipscene robot OUT --robot ROBOT.xml|ROBOT.urdf`: a user's robot attached to a built scene
with MjSpec, on a base pose checked free of collision, written as ``OUT/robot/scene.xml``.

The scene's own files stay as they are: the new model reads the scene's meshes from
``../mjcf/assets`` and the robot's from ``OUT/robot/assets`` (copied). Every robot name gets a
prefix (its default classes too, apart from ours), its actuators and sensors come along, its
floor, world lights and skybox do not. One keyframe, ``home``, holds every scene object at its
settled pose and the robot at its home pose and control (MuJoCo does not merge keyframes on
attach). World frame of the scene, metres, radians.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from ..errors import UserError
from ..geometry.pose import quat_to_matrix, yaw_to_quat
from ..transaction import fixable, output_lock
from .model import RobotModel, collision_geoms, geom_corners, load_robot

MOUNTS = ("floor", "counter")
PROFILES = {"mujoco": ("mjcf", "robot"), "mjx": ("mjx", "robot_mjx")}
"""MJCF profile -> (the scene's export folder it attaches to, the folder it writes)."""


@dataclass(frozen=True)
class RobotSettings:
    base: tuple[float, float, float] | None = None
    """(x, y, yaw) to put the robot at; None: the best base pose from the affordances"""
    near: str | None = None
    """prefer poses that reach this object id"""
    mount: str = "floor"
    """"floor": stand on the floor (mobile bases, and arms on a stand); "counter": an arm
    mounted on a counter or table top"""
    prefix: str = "robot_"
    """put before every name of the robot"""
    profile: str = "mujoco"
    """"mujoco": attach to ``OUT/mjcf`` and write ``OUT/robot``; "mjx": attach to the MJX profile
    (``OUT/mjx``, `vipscene export --format mjx`) and write ``OUT/robot_mjx`` for MJX and MuJoCo
    Warp (buffer sizes and MJX's pair caps recounted with the robot at home)"""
    tolerance: float = 0.001
    """deepest overlap (m) between robot and scene accepted at the home pose (touching the floor)"""
    max_candidates: int = 60


@dataclass
class Placement:
    position: list[float]
    yaw: float
    source: str
    """"given", or which affordance the pose came from ("base pose", "floor mount", "counter mount")"""
    targets: list[str] = field(default_factory=list)


@dataclass
class RobotResult:
    model: str
    """OUT/robot/scene.xml"""
    robot: str
    base: str
    placement: Placement
    clearance: float
    """smallest distance (m) between the robot and the scene at home (negative: overlap)"""
    tried: int
    rejected: list[str]
    dropped: list[str]
    prefix: str

    def to_dict(self) -> dict:
        return asdict(self)


def insert_robot(out: str | os.PathLike, robot_path: str | os.PathLike, s: RobotSettings, libraries) -> RobotResult:
    """Attach the robot to the scene built in ``out`` and write ``out/robot``; ``libraries``: the
    asset libraries the scene was built with (`vipscene_sim.pipeline.robot.run_robot` opens them
    from the build's report). A robot that
    collides at every candidate pose, a file that is not a robot, names that clash, an unknown
    ``near`` object or a missing build: `UserError` (exit 2) with the reason."""
    import mujoco

    out = Path(out)
    if s.profile not in PROFILES:
        raise UserError(f"--profile {s.profile!r}: choose {' or '.join(PROFILES)}")
    source, folder = PROFILES[s.profile]
    scene_xml = out / source / "scene.xml"
    if not scene_xml.is_file():
        how = (f"build the scene first ('vipscene build LAYOUT.json --out {out}')" if s.profile == "mujoco" else
               f"export it first ('vipscene export {out / 'scene.json'} --format mjx --out {out}')")
        raise UserError(f"{out}: no {source}/scene.xml here; {how}")
    if s.mount not in MOUNTS:
        raise UserError(f"--mount {s.mount!r}: choose floor or counter")
    if not s.prefix or not s.prefix.replace("_", "a").isalnum() or s.prefix[0].isdigit():
        raise UserError(f"--prefix {s.prefix!r}: must be an identifier (letters, digits, underscores), e.g. robot_")
    robot = load_robot(robot_path)
    _name_everything(robot.spec)
    spec = mujoco.MjSpec.from_file(str(scene_xml))
    clash = sorted(n for n in _names(spec) if n.startswith(s.prefix))
    if clash:
        raise UserError(f"names cannot be made unique: the scene already has {clash[0]!r} starting with the prefix "
                        f"{s.prefix!r}; pass another --prefix")
    notes = list(robot.dropped) + _align_options(robot.spec, spec)
    frame = spec.worldbody.add_frame(name=f"{s.prefix}mount")
    try:
        spec.attach(robot.spec, prefix=s.prefix, frame=frame)
        m = spec.compile()
    except Exception as exc:  # noqa: BLE001 - MjSpec raises ValueError for repeated names and compile errors
        raise UserError(f"{robot.path}: cannot be attached to the scene ({str(exc).strip().splitlines()[0]})") from None
    for k in list(spec.keys):  # the scene's, and the robot's attached with the scene's qpos unset
        spec.delete(k)
    candidates = _candidates(out, robot, s, libraries)
    scene_geoms = [g for g in collision_geoms(m) if not m.geom(g).name.startswith(s.prefix)]
    rejected, chosen = [], None
    for cand in candidates[:s.max_candidates]:
        z = cand.position[2] - robot.bottom
        frame.pos = [cand.position[0], cand.position[1], z]
        frame.quat = yaw_to_quat(cand.yaw)
        m = spec.compile()
        qpos, ctrl = _home(m, robot, s.prefix, frame.pos, cand.yaw)
        d = mujoco.MjData(m)
        d.qpos[:] = qpos
        mujoco.mj_forward(m, d)
        gap, worst = _clearance(m, d, s.prefix, scene_geoms)
        if gap >= -s.tolerance:
            chosen = (cand, m, qpos, ctrl, gap)
            break
        rejected.append(f"({cand.position[0]:.2f}, {cand.position[1]:.2f}, yaw {cand.yaw:.2f}): "
                        f"{-gap * 1000:.0f} mm into {worst}")
    if chosen is None:
        if s.base is not None:
            raise UserError(f"{robot.path}: the robot collides with the scene at --base {rejected[0]}; choose a free pose "
                            "or leave --base out for one from the affordances")
        why = rejected[0] if rejected else "no candidate pose (no free floor within reach of anything)"
        raise UserError(f"{robot.path}: the robot collides with the scene at every candidate pose "
                        f"({len(rejected)} tried; first: {why}); give a free one with --base X Y YAW")
    cand, m, qpos, ctrl, gap = chosen
    spec.add_key(name="home", qpos=qpos.tolist(), ctrl=ctrl.tolist(), time=0.0)
    result = RobotResult(str(out / folder / "scene.xml"), str(robot.path), robot.base, cand, round(float(gap), 5),
                         len(rejected) + 1, rejected, notes, s.prefix)
    try:
        with output_lock(out.absolute()):  # a build swapping OUT meanwhile would drop OUT/robot
            _write(spec, m, result, out, source, folder, s.profile)
    except OSError as exc:
        err = fixable(exc, out / folder)
        if err is None:
            raise
        raise err from None
    return result


def _write(spec, m, result: RobotResult, out: Path, source: str, folder: str, profile: str) -> None:
    """OUT/<folder>/scene.xml (+ assets/, robot.json), swapped in whole once it loads."""
    import mujoco

    from exporters.mjcf import with_buffer_sizes

    from ..atomic import atomic_write_text, replaced_folder
    from ..scene import dumps

    with replaced_folder(out, folder) as tmp:
        atomic_write_text(tmp / "scene.xml", _relocated(spec.to_xml(), tmp, out / source))
        sized = with_buffer_sizes((tmp / "scene.xml").read_bytes(), tmp / "scene.xml", culled=profile == "mjx",
                                  keyframe="home")
        atomic_write_text(tmp / "scene.xml", sized.decode())
        try:  # what was written loads as the model that was checked
            check = mujoco.MjModel.from_xml_path(str(tmp / "scene.xml"))
        except Exception as exc:  # noqa: BLE001
            raise RuntimeError(f"the written robot scene does not load: {exc}") from None
        if check.nkey != 1 or check.nq != m.nq:
            raise RuntimeError("the written robot scene differs from the checked one")
        atomic_write_text(tmp / "robot.json", dumps(result.to_dict()))


def _align_options(robot_spec, scene_spec) -> list[str]:
    """The scene's simulation options win (MuJoCo warns on every differing one when attaching):
    each robot option that differs is set to the scene's, and said so."""
    import mujoco

    default = mujoco.MjSpec().option
    out = []
    for name in dir(scene_spec.option):
        if name.startswith("_"):
            continue
        ours, theirs = getattr(scene_spec.option, name), getattr(robot_spec.option, name)
        if callable(ours) or np.array_equal(np.asarray(ours), np.asarray(theirs)):
            continue
        setattr(robot_spec.option, name, ours)
        if not np.array_equal(np.asarray(theirs), np.asarray(getattr(default, name))):  # the robot file set it
            out.append(f"option {name} {_fmt(theirs)} (the scene's {_fmt(ours)} kept)")
    return out


def _fmt(v) -> str:
    a = np.asarray(v)
    return " ".join(f"{x:g}" for x in a.ravel()) if a.dtype.kind in "fiu" else str(v)


def _names(spec) -> set[str]:
    out = set()
    for items in (spec.bodies, spec.geoms, spec.joints, spec.sites, spec.actuators, spec.sensors, spec.meshes,
                  spec.materials, spec.textures, spec.cameras, spec.lights, spec.tendons, spec.equalities):
        out.update(x.name for x in items if x.name)
    return out


def _name_everything(spec) -> None:
    """Give unnamed robot geoms and bodies a name, so that every robot element carries the
    prefix after attaching (which is how the checks tell robot from scene)."""
    taken = _names(spec)
    for kind, items in (("geom", spec.geoms), ("body", spec.bodies)):
        k = 0
        for x in items:
            if x.name or (kind == "body" and x is spec.worldbody):
                continue
            while f"{kind}_{k}" in taken:
                k += 1
            x.name = f"{kind}_{k}"
            taken.add(x.name)


def _home(m, robot: RobotModel, prefix: str, pos, yaw: float) -> tuple[np.ndarray, np.ndarray]:
    """The merged home keyframe: the scene at its reference pose (settled), the robot's joints
    at their home values; a free base's home pose carried into the scene by the mount frame."""
    import mujoco


    qpos = m.qpos0.copy()
    r = quat_to_matrix(yaw_to_quat(yaw))
    for name, value in robot.home_qpos.items():
        j = m.joint(prefix + name)
        adr = m.jnt_qposadr[j.id]
        if m.jnt_type[j.id] == mujoco.mjtJoint.mjJNT_FREE:
            p = r @ np.asarray(value[:3]) + np.asarray(pos, float)
            q = np.zeros(4)
            mujoco.mju_mulQuat(q, np.asarray(yaw_to_quat(yaw)), np.asarray(value[3:7]))
            qpos[adr:adr + 7] = np.r_[p, q]
        else:
            qpos[adr:adr + len(value)] = value
    ctrl = np.zeros(m.nu)
    for name, value in robot.home_ctrl.items():
        ctrl[m.actuator(prefix + name).id] = value
    return qpos, ctrl


def _clearance(m, d, prefix: str, scene_geoms: list[int]) -> tuple[float, str]:
    """Smallest signed distance between a robot collision geom and a scene collision geom they
    could collide with (bitmasks), and the scene body it is to; capped at 5 cm."""
    import mujoco

    cap = 0.05
    robot = [g for g in collision_geoms(m) if m.geom(g).name.startswith(prefix)]
    boxes = {g: _aabb(m, d, g) for g in robot + scene_geoms if m.geom_type[g] != mujoco.mjtGeom.mjGEOM_PLANE}
    best, where = cap, ""
    for a in robot:
        for b in scene_geoms:
            if not (m.geom_contype[a] & m.geom_conaffinity[b] or m.geom_contype[b] & m.geom_conaffinity[a]):
                continue
            if a in boxes and b in boxes and not _overlap(boxes[a], boxes[b], cap):
                continue
            dist = mujoco.mj_geomDistance(m, d, a, b, cap, None)
            if dist < best:
                best, where = dist, m.body(int(m.geom_bodyid[b])).name or m.geom(b).name or f"geom {b}"
    return float(best), where


def _aabb(m, d, g: int) -> np.ndarray:
    c = geom_corners(m, d, g)
    return np.r_[c.min(axis=0), c.max(axis=0)]


def _overlap(a: np.ndarray, b: np.ndarray, margin: float) -> bool:
    return bool((a[:3] <= b[3:] + margin).all() and (b[:3] <= a[3:] + margin).all())


def _candidates(out: Path, robot: RobotModel, s: RobotSettings, libraries) -> list[Placement]:
    """Poses to try, best first: the given one, or the affordances' base poses (mobile robots)
    and arm mounts, recomputed for this robot's footprint and ordered by how much they reach
    (or by distance to ``near``)."""
    from ..affordances import AffordanceSettings, load_affordances, targets_of
    from ..affordances.poses import arm_mounts, base_poses
    from ..evaluate.scene_metrics import floor_blockers, object_geometry
    from ..rules import FLOOR_COVERING_HEIGHT
    from ..scene import load_scene

    aff = load_affordances(out / "affordances.json")
    scene = load_scene(out / "scene.json")
    ids = {o.id: o for o in scene.objects}
    if s.near is not None and s.near not in ids:
        close = sorted(ids, key=lambda k: (not k.startswith(s.near[:3]), k))[:5]
        raise UserError(f"--near {s.near!r}: no such object in {out / 'scene.json'} (objects include "
                        f"{', '.join(close)})")
    if s.base is not None:
        x, y, yaw = s.base
        return [Placement([x, y, _support_height(aff, x, y, s.mount)], yaw, "given")]
    geo = object_geometry(scene, libraries)
    blockers = list(floor_blockers(scene, geo, FLOOR_COVERING_HEIGHT).values())
    settings = AffordanceSettings(**{k: tuple(v) if isinstance(v, list) else v for k, v in aff.settings.items()})
    radius = max(robot.radius, 0.05)
    settings = replace(settings, robot_radius=radius, arm_radius=radius)
    targets = targets_of(aff.graspable, aff.receptacles, aff.openable, scene, settings.min_free_radius)
    out_list: list[Placement] = []
    if s.mount == "floor":  # base poses suit any robot standing on the floor, mounts only fixed arms
        poses, _, _ = base_poses(scene, blockers, targets, settings)
        out_list += [Placement(p.position, p.yaw, "base pose", p.targets) for p in poses]
        if not robot.mobile:
            out_list += [Placement(mt.position, mt.yaw, "floor mount", mt.targets)
                         for mt in arm_mounts(scene, blockers, aff.receptacles, targets, _static(scene), settings)
                         if mt.kind == "floor"]
    else:
        out_list += [Placement(mt.position, mt.yaw, "counter mount", mt.targets)
                     for mt in arm_mounts(scene, blockers, aff.receptacles, targets, _static(scene), settings)
                     if mt.kind == "counter"]
    if s.near is not None:
        goal = np.asarray(ids[s.near].position[:2], float)
        mine = [p for p in out_list if any(t.split(":", 1)[1].split("/")[0] == s.near for t in p.targets)]
        pool = mine or out_list
        pool.sort(key=lambda p: float(np.linalg.norm(np.asarray(p.position[:2]) - goal)))
        return pool
    out_list.sort(key=lambda p: (-len(p.targets), p.position[0], p.position[1]))
    return out_list


def _static(scene) -> set[str]:
    from ..rules import is_free_body

    return {o.id for o in scene.objects if not is_free_body(o)}


def _support_height(aff, x: float, y: float, mount: str) -> float:
    """Height of what a given base stands on: the floor, or the highest receptacle under it."""
    if mount == "floor":
        return 0.0
    from shapely.geometry import Point, Polygon

    under = [r.height for r in aff.receptacles if Polygon(r.outline).contains(Point(x, y))]
    if not under:
        raise UserError(f"--base {x:g} {y:g}: no counter or table surface there for --mount counter")
    return max(under)


def _relocated(xml: str, folder: Path, mjcf: Path) -> str:
    """The model's XML with file paths for a model saved in ``folder``: the scene's meshes and
    textures (relative to ``mjcf``) stay where they are, the robot's (absolute paths) are
    copied into ``folder/assets``."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    assets = folder / "assets"
    copied: dict[str, str] = {}
    for el in root.iter("mesh", "texture", "hfield", "skin"):
        f = el.get("file")
        if not f:
            continue
        if os.path.isabs(f):
            name = copied.get(f)
            if name is None:
                assets.mkdir(exist_ok=True)
                name = copied[f] = _free_name(assets, Path(f).name)
                shutil.copyfile(f, assets / name)
            el.set("file", f"assets/{name}")
        else:
            el.set("file", os.path.relpath((mjcf / f).resolve(), folder.resolve()))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def _free_name(folder: Path, name: str) -> str:
    stem, suffix, k = Path(name).stem, Path(name).suffix, 1
    while (folder / name).exists():
        k += 1
        name = f"{stem}_{k}{suffix}"
    return name
