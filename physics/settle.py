"""Settle a Scene in PyBullet and report, object by object, whether it is physically stable.

The room (floor slab, walls with their openings) and static furniture become fixed bodies;
dynamic objects become rigid bodies made of their convex hulls, with mass, centre of mass and
inertia from `physics.mass`. Each body's frame is its principal inertial frame, so PyBullet's
base pose is the centre of mass and the conversion back to our object frame (origin at the
bounding-box centre) is explicit. Before stepping, objects that start inside their support are
lifted out (spawning inside each other launches objects). Then we step until everything rests or
a time cap, detect objects that tipped over, fell, slid off their support or left the room,
re-place and re-settle them once, and finally verify stability over a further simulated interval.

Articulated objects are PyBullet multibodies: the carcass is the base (fixed when static), each
door, drawer or lid a link on its revolute or prismatic joint, set to the scene's position and
held there by a position motor while the room settles (what is in a drawer settles in it); the
report says per joint whether it stayed there.
"""

from __future__ import annotations

import math
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from vipscene_sim.geometry.collision import compound_obj, deepest_penetration, pybullet
from vipscene_sim.geometry.collision import xyzw as _xyzw
from vipscene_sim.geometry.polygon import point_in_polygon
from vipscene_sim.geometry.pose import matrix_to_quat, quat_to_matrix
from vipscene_sim.geometry.room import wall_boxes

from .bodies import ObjectBody

# Each object's hulls load as one compound from a small OBJ file (see vipscene_sim.geometry.collision):
# createCollisionShapeArray would keep only 16 shapes.


@dataclass(frozen=True)
class SettleSettings:
    timestep: float = 1.0 / 240.0
    """Physics step, seconds."""
    solver_iterations: int = 50
    """Constraint solver iterations per step (more: less sinking of stacked objects)."""
    max_time: float = 4.0
    """Simulated seconds allowed to come to rest."""
    verify_time: float = 2.0
    """Further simulated seconds over which stability is measured."""
    rest_linear: float = 0.005
    """m/s below which an object counts as at rest."""
    rest_angular: float = 0.05
    """rad/s below which an object counts as at rest."""
    friction: float = 0.8
    """Lateral friction of every surface."""
    tipped_deg: float = 10.0
    """Tilt of an object's up axis beyond which it has tipped over."""
    stable_drift: float = 0.01
    """Largest drift (m) over the verification interval for an object to count as stable."""
    stable_tilt_deg: float = 2.0
    """Largest rotation (degrees) over the verification interval for an object to count as stable."""
    lift_margin: float = 0.001
    """Clearance (m) left when lifting an object out of an initial penetration."""
    collision_margin: float = 0.0
    """Bullet's collision margin (m) of every object hull. Its default (about 1 mm, added outside
    each convex hull) would leave objects resting about 2 mm above what holds them, so an exported
    scene would start with no contacts at all; the hulls are exact at 0."""
    repair: bool = True
    """Re-place objects that tipped, fell, slid off or left the room, and settle again."""
    time_budget_s: float = 60.0
    """Wall-clock seconds settling may take. A pile of deeply interpenetrating objects can cost
    tens of milliseconds a step; past the budget stepping stops, repairs are skipped, stability is
    measured over ``budget_verify_time`` instead and the report says ``budget_exhausted``."""
    budget_verify_time: float = 0.25
    """Simulated seconds of the shortened verification after the budget ran out."""
    joint_hold_force: float = 200.0
    """Largest force (N) or torque (N m) of the motor holding each joint at its scene position."""
    joint_tolerance: float = 0.01
    """How far (rad or m) a joint may end from its scene position and still count as held."""


def _wxyz(q_xyzw) -> np.ndarray:
    return np.array([q_xyzw[3], q_xyzw[0], q_xyzw[1], q_xyzw[2]], float)


class World:
    """A PyBullet DIRECT world holding one scene."""

    def __init__(self, settings: SettleSettings):
        pb = pybullet()

        self.pb = pb
        self.s = settings
        self.cid = pb.connect(pb.DIRECT)
        self._tmp = tempfile.TemporaryDirectory(prefix="vipscene_settle_")
        pb.setGravity(0, 0, -9.81, physicsClientId=self.cid)
        pb.setTimeStep(settings.timestep, physicsClientId=self.cid)
        pb.setPhysicsEngineParameter(numSolverIterations=settings.solver_iterations, physicsClientId=self.cid)
        self.static_ids: list[int] = []
        self.bodies: dict[str, list[int]] = {}  # object id -> body ids (several for big static objects)
        self.frames: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # object id -> (com, R_principal)
        self.joints: dict[str, list[tuple[int, str, float]]] = {}  # object id -> (link index, joint, target)
        self._shapes = 0

    def close(self) -> None:
        self.pb.disconnect(self.cid)
        self._tmp.cleanup()

    def _static_box(self, center, size, yaw: float) -> int:
        pb = self.pb
        shape = pb.createCollisionShape(pb.GEOM_BOX, halfExtents=[s / 2 for s in size], physicsClientId=self.cid)
        q = [0, 0, math.sin(yaw / 2), math.cos(yaw / 2)]
        bid = pb.createMultiBody(0, shape, basePosition=list(center), baseOrientation=q, physicsClientId=self.cid)
        pb.changeDynamics(bid, -1, lateralFriction=self.s.friction, restitution=0.0, physicsClientId=self.cid)
        self.static_ids.append(bid)
        return bid

    def add_room(self, room) -> None:
        lo = np.min(room.floor, axis=0)
        hi = np.max(room.floor, axis=0)
        c = (lo + hi) / 2
        ext = hi - lo + 4.0
        self.floor_id = self._static_box([c[0], c[1], -0.25], [ext[0], ext[1], 0.5], 0.0)
        for wb in wall_boxes(room):
            self._static_box(wb.center, wb.size, wb.yaw)

    def _shape(self, hulls) -> int:
        self._shapes += 1
        path = Path(self._tmp.name) / f"{self._shapes}.obj"
        path.write_text(compound_obj(hulls))
        return self.pb.createCollisionShape(self.pb.GEOM_MESH, fileName=str(path), physicsClientId=self.cid)

    def _add_articulated(self, obj, body: ObjectBody) -> None:
        """The carcass as the base (link frame = object frame, inertial frame at its centre of
        mass: PyBullet reports and resets a base by its inertial frame, as for rigid objects) and
        a link per joint, set to its scene position and held there."""
        pb = self.pb
        mp = body.mass
        moments, rp = mp.principal_frame()
        kinds = {"revolute": pb.JOINT_REVOLUTE, "prismatic": pb.JOINT_PRISMATIC}
        links = body.links
        link_frames = [link.mass.principal_frame() for link in links]
        o = [np.asarray(link.joint.origin, float) for link in links]
        bid = pb.createMultiBody(
            mp.mass if body.dynamic else 0.0, self._shape(body.hulls) if body.hulls else -1,
            basePosition=list(map(float, obj.position)), baseOrientation=_xyzw(obj.quaternion),
            baseInertialFramePosition=list(map(float, mp.com)), baseInertialFrameOrientation=_xyzw(matrix_to_quat(rp)),
            linkMasses=[link.mass.mass for link in links],
            linkCollisionShapeIndices=[self._shape([(v - oi, f) for v, f in link.hulls]) for link, oi in zip(links, o)],
            linkVisualShapeIndices=[-1] * len(links), linkPositions=[oi.tolist() for oi in o],
            linkOrientations=[[0, 0, 0, 1]] * len(links),
            linkInertialFramePositions=[(np.asarray(link.mass.com) - oi).tolist() for link, oi in zip(links, o)],
            linkInertialFrameOrientations=[_xyzw(matrix_to_quat(lr)) for _, lr in link_frames],
            linkParentIndices=[0] * len(links), linkJointTypes=[kinds[link.joint.kind] for link in links],
            linkJointAxis=[list(link.joint.axis) for link in links], physicsClientId=self.cid)
        surface = {"lateralFriction": _friction(body, self.s.friction), "restitution": 0.0, "rollingFriction": 0.001,
                   "spinningFriction": 0.001, "collisionMargin": self.s.collision_margin, "physicsClientId": self.cid}
        pb.changeDynamics(bid, -1, **surface, **({"localInertiaDiagonal": moments.tolist()} if body.dynamic else {}))
        for i, (link, (link_moments, _)) in enumerate(zip(links, link_frames)):
            pb.changeDynamics(bid, i, **surface, jointLowerLimit=link.joint.limits[0], jointUpperLimit=link.joint.limits[1],
                              jointDamping=link.joint.damping, localInertiaDiagonal=link_moments.tolist())
        self.joints[obj.id] = []
        for i, link in enumerate(links):
            pb.resetJointState(bid, i, link.position, physicsClientId=self.cid)
            pb.setJointMotorControl2(bid, i, pb.POSITION_CONTROL, targetPosition=link.position,
                                     force=self.s.joint_hold_force, physicsClientId=self.cid)
            self.joints[obj.id].append((i, link.joint.name, link.position))
        self.bodies[obj.id] = [bid]
        self.frames[obj.id] = (np.asarray(mp.com, float), rp)

    def joint_positions(self, oid: str) -> dict[str, float]:
        bid = self.bodies[oid][0]
        return {name: float(self.pb.getJointState(bid, i, physicsClientId=self.cid)[0]) for i, name, _ in self.joints.get(oid, [])}

    def add_object(self, obj, body: ObjectBody) -> None:
        if body.links:
            self._add_articulated(obj, body)
            return
        pb = self.pb
        mp = body.mass
        com = np.asarray(mp.com, float)
        moments, rp = mp.principal_frame()
        hulls = [((v - com) @ rp, f) for v, f in body.hulls]  # into the principal frame
        dynamic = body.dynamic
        r_obj = quat_to_matrix(obj.quaternion)
        pos = np.asarray(obj.position, float) + r_obj @ com
        quat = _xyzw(matrix_to_quat(r_obj @ rp))
        shape = self._shape(hulls)
        bid = pb.createMultiBody(mp.mass if dynamic else 0.0, shape, basePosition=pos.tolist(),
                                 baseOrientation=quat, physicsClientId=self.cid)
        pb.changeDynamics(bid, -1, lateralFriction=_friction(body, self.s.friction), restitution=0.0, rollingFriction=0.001,
                          spinningFriction=0.001, collisionMargin=self.s.collision_margin, physicsClientId=self.cid,
                          **({"localInertiaDiagonal": moments.tolist()} if dynamic else {}))
        self.bodies[obj.id] = [bid]
        self.frames[obj.id] = (com, rp)

    # -- poses in our convention -------------------------------------------------------------
    def pose(self, oid: str) -> tuple[np.ndarray, np.ndarray]:
        """Object-frame origin (bbox centre) and [w, x, y, z] quaternion of an object."""
        p, q = self.pb.getBasePositionAndOrientation(self.bodies[oid][0], physicsClientId=self.cid)
        com, rp = self.frames[oid]
        r_obj = quat_to_matrix(_wxyz(q)) @ rp.T
        return np.asarray(p) - r_obj @ com, matrix_to_quat(r_obj)

    def set_pose(self, oid: str, position, quat_wxyz) -> None:
        com, rp = self.frames[oid]
        r_obj = quat_to_matrix(quat_wxyz)
        pos = np.asarray(position, float) + r_obj @ com
        for bid in self.bodies[oid]:
            self.pb.resetBasePositionAndOrientation(bid, pos.tolist(), _xyzw(matrix_to_quat(r_obj @ rp)),
                                                    physicsClientId=self.cid)
            self.pb.resetBaseVelocity(bid, [0, 0, 0], [0, 0, 0], physicsClientId=self.cid)

    def velocity(self, oid: str) -> tuple[float, float]:
        lin, ang = self.pb.getBaseVelocity(self.bodies[oid][0], physicsClientId=self.cid)
        return float(np.linalg.norm(lin)), float(np.linalg.norm(ang))

    def penetration(self, oid: str) -> float:
        """Deepest penetration (m, >= 0) of an object into anything else."""
        worst = 0.0
        mine = set(self.bodies[oid])
        for bid in self.bodies[oid]:
            for other in self.all_ids():
                if other in mine:
                    continue
                worst = max(worst, deepest_penetration(self.pb, bid, other, self.cid)[0])
        return worst

    def deepest_contact(self, oid: str) -> tuple[float, np.ndarray]:
        """Deepest penetration of an object and the unit normal that pushes it out."""
        worst, normal = 0.0, np.array([0.0, 0.0, 1.0])
        mine = set(self.bodies[oid])
        for bid in self.bodies[oid]:
            for other in self.all_ids():
                if other in mine:
                    continue
                depth, n = deepest_penetration(self.pb, bid, other, self.cid)
                if depth > worst:
                    worst, normal = depth, n  # normal on the other body, towards us
        return worst, normal

    def contacts_with(self, oid: str, other_oid: str) -> bool:
        for a in self.bodies[oid]:
            for b in self.bodies.get(other_oid, []):
                if self.pb.getClosestPoints(a, b, distance=0.005, physicsClientId=self.cid):
                    return True
        return False

    def all_ids(self) -> list[int]:
        return self.static_ids + [b for ids in self.bodies.values() for b in ids]

    def step(self, seconds: float) -> None:
        for _ in range(max(1, int(round(seconds / self.s.timestep)))):
            self.pb.stepSimulation(physicsClientId=self.cid)


def _angle_between(q1, q2) -> float:
    d = abs(float(np.dot(q1, q2)) / (np.linalg.norm(q1) * np.linalg.norm(q2)))
    return math.degrees(2 * math.acos(min(1.0, d)))


def _tilt_deg(q) -> float:
    up = quat_to_matrix(q)[:, 2]
    return math.degrees(math.acos(float(np.clip(up[2], -1.0, 1.0))))


def settle_scene(scene, bodies: dict[str, ObjectBody], settings: SettleSettings = SettleSettings()
                 ) -> tuple[Any, dict[str, Any]]:
    """Simulate until rest; return the Scene with settled poses (full quaternions) and a report
    with, per object: displacement, rotation change, largest penetration, stable yes/no, action."""
    world = World(settings)
    try:
        world.add_room(scene.room)
        by_id = {o.id: o for o in scene.objects}
        for obj in scene.objects:
            world.add_object(obj, bodies[obj.id])
        dynamic = [o.id for o in scene.objects if bodies[o.id].dynamic]
        start = {oid: (np.asarray(by_id[oid].position, float), np.asarray(by_id[oid].quaternion, float)) for oid in dynamic}
        report: dict[str, dict[str, Any]] = {}
        dynamic_set = set(dynamic)
        order = [o.id for o in scene.support_order() if o.id in dynamic_set]

        # 1. Move objects out of what they start inside (parents first), along the contact normal.
        for oid in order:
            initial = world.penetration(oid)
            moved = 0.0
            for _ in range(6):
                d, normal = world.deepest_contact(oid)
                if d <= 1e-3:
                    break
                p, q = world.pose(oid)
                step = (d + settings.lift_margin) * normal
                world.set_pose(oid, p + step, q)
                moved += float(np.linalg.norm(step))
            report[oid] = {"initial_penetration": round(initial, 4), "depenetrated": round(moved, 4), "actions": []}
            if moved:
                report[oid]["actions"].append(f"moved {moved * 1000:.1f} mm out of an initial penetration")

        # 2. Step until everything rests, then look for objects that went wrong.
        deadline = time.perf_counter() + settings.time_budget_s
        t_rest = _run_to_rest(world, dynamic, settings, deadline)
        problems = _problems(world, scene, by_id, start, dynamic, settings)
        if settings.repair and problems and time.perf_counter() < deadline:
            for oid, why in problems.items():
                p0, q0 = start[oid]
                world.set_pose(oid, p0 + [0, 0, 0.005], q0)
                report[oid]["actions"].append(f"{why}: re-placed at its layout pose and settled again")
            t_rest += _run_to_rest(world, dynamic, settings, deadline)
            problems = _problems(world, scene, by_id, start, dynamic, settings)

        # Objects that could not be repaired come to rest wherever physics puts them (on the
        # floor, on their side): the scene handed on is at rest, and the report names them.
        t_rest += _run_to_rest(world, dynamic, settings, deadline)

        # 3. Verify: how far does each object still move over a further interval?
        exhausted = time.perf_counter() >= deadline
        verify_time = settings.budget_verify_time if exhausted else settings.verify_time
        before = {oid: world.pose(oid) for oid in dynamic}
        world.step(verify_time)
        settled: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for oid in dynamic:
            p1, q1 = world.pose(oid)
            p0, q0 = before[oid]
            drift = float(np.linalg.norm(p1 - p0))
            turn = _angle_between(q0, q1)
            ps, qs = start[oid]
            r = report[oid]
            r.update({
                "displacement": round(float(np.linalg.norm(p1 - ps)), 4),
                "rotation_change_deg": round(_angle_between(qs, q1), 3),
                "drift_verify": round(drift, 5),
                "rotation_verify_deg": round(turn, 4),
                "penetration": round(world.penetration(oid), 4),
                "stable": bool(drift < settings.stable_drift and turn < settings.stable_tilt_deg and oid not in problems),
            })
            if oid in problems:
                r["problem"] = problems[oid]
            settled[oid] = (p1, q1)
        objects = []
        for obj in scene.objects:
            if obj.id in settled:
                p, q = settled[obj.id]
                objects.append(replace(obj, position=[round(float(x), 6) for x in p],
                                       quaternion=[round(float(x), 8) for x in q]))
            else:
                objects.append(obj)
        joints = {}
        for oid, held in world.joints.items():
            final = world.joint_positions(oid)
            joints[oid] = {name: {"position": round(q, 5), "final": round(final[name], 5),
                                  "held": abs(final[name] - q) <= settings.joint_tolerance} for _, name, q in held}
        moved_joints = sorted(f"{oid}/{name}" for oid, js in joints.items() for name, r in js.items() if not r["held"])
        summary = {
            "dynamic_objects": len(dynamic),
            "static_objects": len(scene.objects) - len(dynamic),
            "stable": sum(1 for oid in dynamic if report[oid]["stable"]),
            "unstable": sorted(oid for oid in dynamic if not report[oid]["stable"]),
            "max_penetration": round(max([report[oid]["penetration"] for oid in dynamic], default=0.0), 4),
            "simulated_seconds": round(t_rest + verify_time, 3),
            "budget_exhausted": exhausted,
            "joints": sum(len(js) for js in joints.values()),
            "joints_moved": moved_joints,
        }
        return replace(scene, objects=objects), {"summary": summary, "objects": report, "joints": joints}
    finally:
        world.close()


def _run_to_rest(world: World, dynamic: list[str], s: SettleSettings, deadline: float) -> float:
    """Step in short chunks until every dynamic object has rested for 0.25 s, ``max_time`` or
    the wall-clock ``deadline``; the simulated seconds."""
    t, calm = 0.0, 0.0
    chunk = 0.05
    while t < s.max_time and time.perf_counter() < deadline:
        world.step(chunk)
        t += chunk
        if all(v[0] < s.rest_linear and v[1] < s.rest_angular for v in (world.velocity(o) for o in dynamic)):
            calm += chunk
            if calm >= 0.25:
                break
        else:
            calm = 0.0
    return t


def _problems(world: World, scene, by_id, start, dynamic, s: SettleSettings) -> dict[str, str]:
    out = {}
    for oid in dynamic:
        p, q = world.pose(oid)
        obj = by_id[oid]
        if _tilt_deg(q) - _tilt_deg(start[oid][1]) > s.tipped_deg:
            out[oid] = "tipped over"
        elif p[2] < start[oid][0][2] - max(0.1, obj.size[2]):
            out[oid] = "fell"
        elif not point_in_polygon(p[:2], scene.room.floor):
            out[oid] = "left the room"
        elif obj.support.kind == "on" and obj.support.on in world.bodies and not world.contacts_with(oid, obj.support.on):
            out[oid] = f"slid off {obj.support.on}"
    return out


def _friction(body: ObjectBody, default: float) -> float:
    """An object's sliding friction: its own (`SceneObject.friction`), else the default."""
    return default if body.friction is None else float(body.friction)
