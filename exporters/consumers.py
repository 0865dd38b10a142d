"""Our files loaded by other simulators, as their users load them: Drake (MJCF and URDF), MuJoCo
Warp, MJX, SAPIEN (physics only) and NVIDIA's Asset Validator for USD.

Each function loads what an export wrote, lets the scene rest and reports a `ConsumerRun`: load
and compile time, steps per second and how far each movable object moved. None of these packages
is a dependency: each is imported inside its function (the ``sims`` extra installs them all), and
`MissingExtraError` names what to install. The tests and ``benchmarks/bench_consumers.py`` call
these; the README's "Use in other simulators" snippets are the same calls, by hand.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vipscene_sim.errors import MissingExtraError

REST_TOLERANCE = 0.01
"""m a movable object may move while the scene rests and still count as resting."""


@dataclass(frozen=True)
class ConsumerRun:
    """What one simulator made of one exported scene."""

    consumer: str
    path: str
    load_s: float
    """Parsing the file(s) and building the simulator's model."""
    compile_s: float | None
    """Compiling the step function (JIT simulators; includes the first step), else None."""
    steps: int
    steps_per_s: float | None
    drift: dict[str, float] = field(default_factory=dict)
    """Object id -> distance (m) it moved while resting."""
    worlds: int = 1
    findings: list[str] = field(default_factory=list)
    """Validator findings (errors and failures) or warnings that matter."""
    versus_classic: dict[str, float] = field(default_factory=dict)
    """Object id -> distance (m) between its position here and in classic MuJoCo after the same
    steps from the same start (MJX, MuJoCo Warp; empty when not compared)."""

    @property
    def max_drift(self) -> float:
        return max(self.drift.values(), default=0.0)

    @property
    def moved(self) -> list[str]:
        return sorted(k for k, d in self.drift.items() if not d < REST_TOLERANCE)  # NaN: it blew up

    @property
    def ok(self) -> bool:
        return not self.moved and not self.findings


def isolated(consumer: str, *args, timeout: float = 900.0, **kwargs) -> ConsumerRun:
    """``consumer(*args, **kwargs)`` (a function of this module) in a child Python process, as a
    user runs one simulator per program: Drake, JAX, Warp and SAPIEN each bring their own native
    runtime, and loaded together in one process with the rest of the pipeline they have aborted
    it (a libc++ static-initialisation guard). Arguments and the result cross as JSON."""
    import subprocess
    import sys

    call = json.dumps({"consumer": consumer, "args": [str(a) if isinstance(a, Path) else a for a in args], "kwargs": kwargs})
    code = ("import json, sys; from dataclasses import asdict; from exporters import consumers as c; "
            "q = json.loads(sys.argv[1]); r = getattr(c, q['consumer'])(*q['args'], **q['kwargs']); "
            "print('\\nVIPSCENE_RESULT ' + json.dumps(asdict(r)))")
    done = subprocess.run([sys.executable, "-c", code, call], capture_output=True, text=True, timeout=timeout,
                          cwd=Path(__file__).resolve().parent.parent)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("VIPSCENE_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"{consumer} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return ConsumerRun(**json.loads(line[len("VIPSCENE_RESULT "):]))


def _need(what: str, module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(what, "sims", str(exc)) from None


def _ids(path: Path) -> dict[str, str]:
    from .mjcf import object_ids

    return object_ids(path)


def free_positions(model, qpos: np.ndarray) -> dict[str, np.ndarray]:
    """MJCF body name -> position of every free body in ``qpos``."""
    out = {}
    for j in range(model.njnt):
        if model.jnt_type[j] == 0:
            a = model.jnt_qposadr[j]
            out[model.body(model.jnt_bodyid[j]).name] = np.asarray(qpos[a:a + 3], float).copy()
    return out


def _drift(ids: dict[str, str], start: dict, end: dict) -> dict[str, float]:
    return {ids.get(k, k): float(np.linalg.norm(end[k] - start[k])) for k in start}


def classic_positions(mjm, steps: int) -> dict[str, np.ndarray]:
    """Free bodies' positions after ``steps`` steps of classic MuJoCo from the model's reference
    pose: what a batched simulator is compared with."""
    import mujoco

    d = mujoco.MjData(mjm)
    for _ in range(steps):
        mujoco.mj_step(mjm, d)
    return free_positions(mjm, d.qpos)


def mujoco_warp(path: str | Path, steps: int = 200, compare: bool = False, keyframe: str | None = None) -> ConsumerRun:
    """MuJoCo Warp on its CPU device (or the default device where a GPU is), buffers from the
    file's ``<size nconmax njmax>``, from the reference pose or ``keyframe``; ``compare``: also
    step classic MuJoCo as far and record how far apart each object ends."""
    import mujoco

    wp = _need("MuJoCo Warp", "warp")
    wp.config.quiet = True  # no line per kernel module loaded
    mjw = _need("MuJoCo Warp", "mujoco_warp")
    path = Path(path)
    t0 = time.perf_counter()
    mjm = mujoco.MjModel.from_xml_path(str(path))
    mjd = mujoco.MjData(mjm)
    if keyframe is not None:
        mujoco.mj_resetDataKeyframe(mjm, mjd, mjm.key(keyframe).id)
    mujoco.mj_forward(mjm, mjd)
    device = "cuda:0" if wp.is_cuda_available() else "cpu"
    with wp.ScopedDevice(device):
        m = mjw.put_model(mjm)
        d = mjw.put_data(mjm, mjd, nconmax=int(mjm.nconmax), njmax=int(mjm.njmax))
        load_s = time.perf_counter() - t0
        start = free_positions(mjm, d.qpos.numpy()[0])
        t0 = time.perf_counter()
        mjw.step(m, d)
        wp.synchronize()
        compile_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(steps - 1):
            mjw.step(m, d)
        wp.synchronize()
        rate = (steps - 1) / max(time.perf_counter() - t0, 1e-9)
        end = free_positions(mjm, d.qpos.numpy()[0])
    ids = _ids(path)
    versus = _drift(ids, classic_positions(mjm, steps), end) if compare else {}
    return ConsumerRun(f"mujoco-warp ({device})", str(path), load_s, compile_s, steps, rate, _drift(ids, start, end),
                       versus_classic=versus)


def mjx(path: str | Path, steps: int = 200, worlds: int = 1, compare: bool = False,
        keyframe: str | None = None) -> ConsumerRun:
    """MJX (JAX) with a jitted ``mjx.step``, vmapped over ``worlds`` copies of the scene, from
    the model's reference pose or its ``keyframe`` (qpos and ctrl: a robot's ``home``);
    ``compare``: also step classic MuJoCo as far and record how far apart each object ends."""
    import mujoco

    jax = _need("MJX", "jax")
    mjx_ = _need("MJX", "mujoco.mjx")
    path = Path(path)
    t0 = time.perf_counter()
    mjm = mujoco.MjModel.from_xml_path(str(path))
    m = mjx_.put_model(mjm)

    def start_data(_=None):
        d0 = mjx_.make_data(m)
        if keyframe is None:
            return d0
        key = mjm.key(keyframe)
        return d0.replace(qpos=d0.qpos.at[:].set(key.qpos), ctrl=d0.ctrl.at[:].set(key.ctrl))

    d = start_data()
    step = jax.jit(mjx_.step)
    if worlds > 1:
        d = jax.vmap(start_data)(np.arange(worlds))
        step = jax.jit(jax.vmap(mjx_.step, in_axes=(None, 0)))
    load_s = time.perf_counter() - t0
    start = free_positions(mjm, np.asarray(d.qpos).reshape(-1, mjm.nq)[0])
    t0 = time.perf_counter()
    d = jax.block_until_ready(step(m, d))
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(steps - 1):
        d = step(m, d)
    jax.block_until_ready(d)
    rate = (steps - 1) * worlds / max(time.perf_counter() - t0, 1e-9)
    end = free_positions(mjm, np.asarray(d.qpos).reshape(-1, mjm.nq)[-1])
    ids = _ids(path)
    versus = _drift(ids, classic_positions(mjm, steps), end) if compare else {}
    return ConsumerRun("mjx", str(path), load_s, compile_s, steps, rate, _drift(ids, start, end), worlds,
                       versus_classic=versus)


def drake_contact(pd):
    """Drake's ``SceneGraphConfig`` for our files: geometry without its own proximity properties
    (everything in an MJCF: Drake reads none from it) is compliant hydroelastic with the URDF
    export's modulus, dissipation and friction. With Drake's default point contact a stack of
    books slides off itself (3-6 cm in 2 s)."""
    from .urdf import FRICTION, HUNT_CROSSLEY_DISSIPATION, HYDROELASTIC_MODULUS

    config = pd.SceneGraphConfig()
    p = config.default_proximity_properties
    p.compliance_type = "compliant"
    p.hydroelastic_modulus = HYDROELASTIC_MODULUS
    p.hunt_crossley_dissipation = HUNT_CROSSLEY_DISSIPATION
    p.slab_thickness = DRAKE_SLAB  # the floor plane is a compliant half space of this depth
    p.dynamic_friction = p.static_friction = FRICTION
    return config


DRAKE_SLAB = 0.1
"""m: depth of the compliant layer Drake gives a half space (the MJCF floor plane)."""


def _drake_rest(plant_builder, seconds: float, time_step: float):
    """Build a Drake diagram with ``plant_builder(plant, parser)``, which adds the models and
    returns a function that, once the plant is finalized, gives {object id: (body, pose to set
    or None)}; rest ``seconds`` and return (load_s, steps per second, drift by id)."""
    pd = _need("Drake", "pydrake.all")
    t0 = time.perf_counter()
    builder = pd.DiagramBuilder()
    plant, _ = pd.AddMultibodyPlant(pd.MultibodyPlantConfig(time_step=time_step, contact_model="hydroelastic_with_fallback",
                                                            discrete_contact_approximation="lagged"),
                                    drake_contact(pd), builder)
    parser = pd.Parser(plant)
    parser.SetAutoRenaming(True)
    movable = plant_builder(plant, parser)
    plant.Finalize()
    simulator = pd.Simulator(builder.Build())
    context = plant.GetMyContextFromRoot(simulator.get_mutable_context())
    bodies = {}
    for oid, (body, pose) in movable().items():
        if pose is not None:
            plant.SetFreeBodyPose(context, body, pose)
        bodies[oid] = body
    load_s = time.perf_counter() - t0
    start = {k: plant.EvalBodyPoseInWorld(context, b).translation().copy() for k, b in bodies.items()}
    t0 = time.perf_counter()
    simulator.AdvanceTo(seconds)
    rate = seconds / time_step / max(time.perf_counter() - t0, 1e-9)
    drift = {k: float(np.linalg.norm(plant.EvalBodyPoseInWorld(context, b).translation() - start[k])) for k, b in bodies.items()}
    return load_s, rate, drift


def drake_mjcf(path: str | Path, seconds: float = 2.0, time_step: float = 0.005) -> ConsumerRun:
    """Drake's MJCF parser on a scene.xml (the ``drake`` profile is written for it), with our
    contact profile (`drake_contact`)."""
    path = Path(path)
    ids = _ids(path)

    def build(plant, parser):
        parser.AddModels(str(path))
        return lambda: {ids.get(plant.get_body(i).name(), plant.get_body(i).name()): (plant.get_body(i), None)
                        for i in plant.GetFloatingBaseBodies()}

    load_s, rate, drift = _drake_rest(build, seconds, time_step)
    return ConsumerRun("drake (MJCF)", str(path), load_s, None, int(round(seconds / time_step)), rate, drift)


def drake_urdf(folder: str | Path, seconds: float = 2.0, time_step: float = 0.005) -> ConsumerRun:
    """Drake on the URDF export: scene.urdf welded to the world, each movable object's URDF added
    and posed from manifest.json; contact is the files' compliant hydroelastic properties."""
    pd = _need("Drake", "pydrake.all")
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())

    def build(plant, parser):
        parser.AddModels(str(folder / manifest["scene"]))
        added = []
        for o in manifest["objects"]:
            if not o["in_scene_urdf"]:
                (instance,) = parser.AddModels(str(folder / o["urdf"]))
                w, x, y, z = o["quaternion_wxyz"]
                added.append((o["id"], instance, pd.RigidTransform(pd.Quaternion(w, x, y, z), o["position"])))
        return lambda: {oid: (plant.get_body(plant.GetBodyIndices(mi)[0]), pose) for oid, mi, pose in added}

    load_s, rate, drift = _drake_rest(build, seconds, time_step)
    return ConsumerRun("drake (URDF)", str(folder / manifest["scene"]), load_s, None, int(round(seconds / time_step)), rate, drift)


def physics_only_urdf(path: Path) -> Path:
    """A copy of a URDF beside it with no ``<visual>``: SAPIEN's loader makes a render material
    for every visual and fails where no rendering device (Vulkan) exists."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    for v in list(root.iter("visual")):
        v.getparent().remove(v)
    out = path.with_name(f"{path.stem}.physics.urdf")
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return out


def sapien(folder: str | Path, seconds: float = 2.0, visuals: bool = False) -> ConsumerRun:
    """SAPIEN 3 with its CPU PhysX system on the URDF export; ``visuals=False`` loads
    physics-only copies (`physics_only_urdf`) so no rendering device is needed."""
    sp = _need("SAPIEN", "sapien")
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    t0 = time.perf_counter()
    scene = sp.Scene() if visuals else sp.Scene([sp.physx.PhysxCpuSystem()])
    scene.set_timestep(1 / 240)
    loader = scene.create_urdf_loader()

    def load(path: Path, fixed: bool, pose=None) -> list:
        loader.fix_root_link = fixed
        articulations, actors, _ = loader.parse(str(path if visuals else physics_only_urdf(path)))
        built = []
        for b in list(articulations) + list(actors):
            if pose is not None:
                b.initial_pose = pose
            built.append(b.build())
        return built

    load(folder / manifest["scene"], True)
    objects = {}
    for o in manifest["objects"]:
        if not o["in_scene_urdf"]:
            w, x, y, z = o["quaternion_wxyz"]
            objects[o["id"]] = load(folder / o["urdf"], False, sp.Pose(o["position"], [w, x, y, z]))[0]
    load_s = time.perf_counter() - t0

    def where(e) -> np.ndarray:
        return np.asarray((e.root_pose if hasattr(e, "root_pose") else e.pose).p, float)

    start = {k: where(e) for k, e in objects.items()}
    steps = int(round(seconds * 240))
    t0 = time.perf_counter()
    for _ in range(steps):
        scene.step()
    rate = steps / max(time.perf_counter() - t0, 1e-9)
    drift = {k: float(np.linalg.norm(where(e) - start[k])) for k, e in objects.items()}
    return ConsumerRun("sapien (physics only)" if not visuals else "sapien", str(folder / manifest["scene"]), load_s,
                       None, steps, rate, drift)


def asset_validator(path: str | Path) -> ConsumerRun:
    """NVIDIA's Asset Validator (``omniverse-asset-validator``) with its default rules: every
    error and failure it reports is a finding."""
    av = _need("the Asset Validator", "omni.asset_validator")
    t0 = time.perf_counter()
    results = av.ValidationEngine().validate(str(path))
    bad = {av.IssueSeverity.ERROR, av.IssueSeverity.FAILURE}
    findings = [f"{i.rule.__name__ if i.rule else '?'}: {i.message}" for i in results if i.severity in bad]
    return ConsumerRun("asset-validator", str(path), time.perf_counter() - t0, None, 0, None, {}, findings=findings)
