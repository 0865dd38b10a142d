"""Other simulators accept our files as written (each run in its own process, as its users run
it: `exporters.consumers.isolated`): every example loads in Drake (MJCF and URDF),
SAPIEN (physics only), MuJoCo Warp and MJX (JAX, CPU) and rests, and the USD passes NVIDIA's Asset
Validator. The packages come with the ``sims`` extra (in ``dev``); each test is skipped, saying
which package is missing, where it is not installed.

Costs on this project's 2-core machine: the JIT compile of MuJoCo Warp's kernels (about 100 s
the first time on a machine, cached in ~/.cache/warp after) and of one MJX step per scene
(about 50 s for the kitchen). MJX and Warp run the kitchen (the issue's check: it compiles in
under two minutes) here; the other four examples are marked slow.
"""

import pytest
from conftest import EXAMPLES, readme_python_block

from exporters.consumers import REST_TOLERANCE, isolated

KITCHEN = [p for p in EXAMPLES if p.stem == "kitchen"]
OTHERS = [p for p in EXAMPLES if p.stem != "kitchen"]


@pytest.fixture(scope="module")
def built(built_example):
    """Each example built once (every default format) with the mjx and drake MJCF profiles."""
    return built_example


def _rests(run):
    assert run.drift, f"{run.consumer} saw no movable object in {run.path}"
    assert run.moved == [], f"{run.consumer}: moved over {REST_TOLERANCE} m: " + ", ".join(
        f"{k} {run.drift[k]:.3f} m" for k in run.moved)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_drake_loads_the_drake_mjcf_and_it_rests(built, path):
    pytest.importorskip("pydrake")
    _rests(isolated("drake_mjcf", built(path) / "drake" / "scene.xml", seconds=2.0))


def test_drake_loads_the_plain_mjcf_too(built):
    pytest.importorskip("pydrake")
    _rests(isolated("drake_mjcf", built(KITCHEN[0]) / "mjcf" / "scene.xml", seconds=0.5))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_drake_loads_the_urdf_with_hydroelastic_contact_and_it_rests(built, path):
    pytest.importorskip("pydrake")
    _rests(isolated("drake_urdf", built(path) / "urdf", seconds=2.0))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_sapien_loads_the_urdf_physics_only_and_it_rests(built, path):
    pytest.importorskip("sapien")
    _rests(isolated("sapien", built(path) / "urdf", seconds=2.0))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_usd_passes_the_asset_validator(built, path):
    pytest.importorskip("omni.asset_validator")
    run = isolated("asset_validator", built(path) / "usd" / "scene.usdc")
    assert run.findings == []


def _gpu_params():
    return [pytest.param(p, id=p.stem) for p in KITCHEN] + [pytest.param(p, id=p.stem, marks=pytest.mark.slow) for p in OTHERS]


@pytest.mark.parametrize("path", _gpu_params())
def test_mujoco_warp_rests_1s_with_the_files_buffers_where_classic_mujoco_does(built, path):
    pytest.importorskip("mujoco_warp")
    run = isolated("mujoco_warp", built(path) / "mjcf" / "scene.xml", steps=500, compare=True)
    _rests(run)
    _agrees(run)


def _agrees(run):
    """After 1 s every movable object is within 1 cm of where classic MuJoCo has it."""
    assert run.versus_classic and max(run.versus_classic.values()) <= 0.01, {
        k: round(v, 4) for k, v in run.versus_classic.items() if not v <= 0.01}


@pytest.mark.parametrize("path", _gpu_params())
def test_mjx_rests_1s_on_the_mjx_profile_where_classic_mujoco_does(built, path):
    pytest.importorskip("mujoco.mjx")
    run = isolated("mjx", built(path) / "mjx" / "scene.xml", steps=500, compare=True)  # 1 s; compile: bench_consumers
    _rests(run)
    _agrees(run)


@pytest.fixture(scope="module")
def readme_bedroom(built, tmp_path_factory):
    """A folder holding ``out/bedroom`` as the README's snippets expect (every format and profile)."""
    import shutil

    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(built(next(p for p in EXAMPLES if p.stem == "bedroom")), where / "out" / "bedroom")
    return where


@pytest.mark.parametrize("module, marker, result", [
    ("pydrake", "parser.AddModels(f\"{folder}/scene.urdf\")", "simulator"),
    ("pydrake", "SceneGraphConfig", "mjcf_simulator"),
    ("mujoco_warp", "mjw.put_data", "warp_qpos"),
    pytest.param("mujoco.mjx", "mjx.put_model", "mjx_qpos", marks=pytest.mark.slow),
    ("sapien", "PhysxCpuSystem", "scene"),
], ids=["drake-urdf", "drake-mjcf", "warp", "mjx", "sapien"])
def test_readme_snippets_run(readme_bedroom, module, marker, result):
    """Each snippet as a user runs it: a script of its own, in the folder holding out/bedroom; it
    then checks what the snippet left (the simulated time, or every copy of every movable object
    still where it started)."""
    import subprocess
    import sys

    pytest.importorskip(module)
    check = {
        "simulator": "assert abs(simulator.get_context().get_time() - 1.0) < 1e-9",
        "mjcf_simulator": "assert abs(mjcf_simulator.get_context().get_time() - 1.0) < 1e-9",
        "scene": "assert scene is not None",
    }.get(result, f"""
import numpy as np
from exporters.consumers import REST_TOLERANCE, free_positions
start = free_positions(mjm, mjm.qpos0)
for qpos in np.asarray({result}).reshape(-1, mjm.nq):
    end = free_positions(mjm, qpos)
    assert max(np.linalg.norm(end[k] - start[k]) for k in start) < REST_TOLERANCE
""")
    script = readme_bedroom / f"snippet_{result}.py"
    script.write_text(readme_python_block(marker) + "\n" + check + "\nprint('SNIPPET OK')\n")
    done = subprocess.run([sys.executable, str(script)], cwd=readme_bedroom, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0 and "SNIPPET OK" in done.stdout, done.stderr[-3000:]


ISAACLAB_STANDINS = '''
import sys, types

class Cfg:
    def __init__(self, **kw):
        self.__dict__.update(kw)

def module(name, **classes):
    m = types.ModuleType(name)
    for k in classes:
        setattr(m, k, type(k, (Cfg,), {}))
    sys.modules[name] = m
    return m

module("isaaclab")
module("isaaclab.sim", UsdFileCfg=None)
module("isaaclab.actuators", ImplicitActuatorCfg=None)
module("isaaclab.assets", ArticulationCfg=None, AssetBaseCfg=None, RigidObjectCfg=None)
module("isaaclab.scene", InteractiveSceneCfg=None)
sys.modules["isaaclab"].sim = sys.modules["isaaclab.sim"]
'''


def test_readme_isaac_lab_recipe_names_every_object_by_its_isaac_lab_rule(readme_bedroom):
    """The README's Isaac Lab snippet, run against stand-ins for Isaac Lab's config classes
    (Isaac Sim is not installable here): the room is spawned from our USD, every articulated
    object becomes an ArticulationCfg and every other movable one a RigidObjectCfg, each at a
    prim that exists in the USD (the room's default prim /World under {ENV_REGEX_NS}/Room) and
    obeys that class's rule."""
    import json
    import subprocess
    import sys

    pytest.importorskip("pxr")
    script = readme_bedroom / "snippet_isaaclab.py"
    script.write_text(ISAACLAB_STANDINS + readme_python_block("InteractiveSceneCfg(") + '''
import json
out = {k: [type(v).__name__, getattr(v, "prim_path", None), getattr(v, "spawn", None) is not None]
       for k, v in vars(scene_cfg).items() if hasattr(v, "prim_path")}
print("CFG " + json.dumps(out))
''')
    done = subprocess.run([sys.executable, str(script)], cwd=readme_bedroom, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    cfg = json.loads(next(ln for ln in done.stdout.splitlines() if ln.startswith("CFG "))[4:])
    from pxr import Usd, UsdPhysics

    stage = Usd.Stage.Open(str(readme_bedroom / "out" / "bedroom" / "usd" / "scene.usdc"))
    assert cfg.pop("room") == ["AssetBaseCfg", "{ENV_REGEX_NS}/Room", True]
    from vipscene_sim.rules import is_floor_covering
    from vipscene_sim.scene import load_scene

    scene = load_scene(readme_bedroom / "out" / "bedroom" / "scene.json")
    names = json.loads((readme_bedroom / "out" / "bedroom" / "mjcf" / "names.json").read_text())["bodies"]
    movable = {names[o.id] for o in scene.objects if o.dynamic and not is_floor_covering(o)}
    kinds = {}
    for name, (kind, path, spawns) in cfg.items():
        assert not spawns and path.startswith("{ENV_REGEX_NS}/Room/")
        prim = stage.GetPrimAtPath(path.replace("{ENV_REGEX_NS}/Room", "/World"))
        assert prim.IsValid(), path
        sub = list(Usd.PrimRange(prim))
        roots = [p for p in sub if p.HasAPI(UsdPhysics.ArticulationRootAPI)]
        rigid = [p for p in sub if p.HasAPI(UsdPhysics.RigidBodyAPI)]
        if kind == "ArticulationCfg":
            assert roots == [prim] and any(p.IsA(UsdPhysics.RevoluteJoint) or p.IsA(UsdPhysics.PrismaticJoint) for p in sub)
        else:
            assert kind == "RigidObjectCfg" and not roots and rigid == [prim]
        kinds.setdefault(kind, set()).add(name)
    assert kinds.get("ArticulationCfg") and kinds.get("RigidObjectCfg")
    assert movable <= kinds["RigidObjectCfg"] | kinds["ArticulationCfg"], "every movable object gets a config"
