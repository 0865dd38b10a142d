"""`vipscene robot` on every example with each test robot (a fixed arm and a mobile base in
MJCF, an arm in URDF, and robosuite's Panda when robosuite is installed): the result compiles,
holds 2 s from its home keyframe with no robot-scene contact deeper than 5 mm, and no scene
object moves more than 1 cm. Then what a user gets wrong: not a robot, a clash of names, a
pose inside the furniture, a missing build."""

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import EXAMPLES
from robots import FILES, panda

from vipscene_sim.errors import UserError
from vipscene_sim.pipeline.robot import run_robot
from vipscene_sim.robot import RobotSettings

ROBOTS = ["arm", "mobile", "urdf", "panda"]


@pytest.fixture(scope="module")
def robot_files():
    return {**FILES, "panda": panda()}


def _hold(out, seconds: float = 2.0, prefix: str = "robot_") -> tuple[float, dict[str, float], float]:
    """Simulate OUT/robot/scene.xml from its home keyframe, the robot's joints held there
    (gravity compensation and a PD loop on top of its own actuators, as a controller would):
    (deepest robot-scene contact, scene free bodies that moved over 1 cm, robot drift)."""
    import mujoco

    m = mujoco.MjModel.from_xml_path(str(out / "robot" / "scene.xml"))
    d = mujoco.MjData(m)
    mujoco.mj_resetDataKeyframe(m, d, m.key("home").id)
    mujoco.mj_forward(m, d)
    robot_body = np.array([m.body(b).name.startswith(prefix) for b in range(m.nbody)])
    dofs = [j for j in range(m.njnt) if robot_body[m.jnt_bodyid[j]] and m.jnt_type[j] != mujoco.mjtJoint.mjJNT_FREE]
    qadr = [int(m.jnt_qposadr[j]) for j in dofs]
    vadr = [int(m.jnt_dofadr[j]) for j in dofs]
    home = d.qpos[qadr].copy()
    free = [b for b in range(1, m.nbody) if not robot_body[b] and m.body_jntnum[b] and
            m.jnt_type[m.body_jntadr[b]] == mujoco.mjtJoint.mjJNT_FREE]
    start = d.xpos[free].copy()
    robot_start = d.xpos[robot_body].copy()
    deepest = 0.0
    for _ in range(int(seconds / m.opt.timestep)):
        d.qfrc_applied[:] = 0
        d.qfrc_applied[vadr] = d.qfrc_bias[vadr] + 400 * (home - d.qpos[qadr]) - 40 * d.qvel[vadr]
        mujoco.mj_step(m, d)
        for c in d.contact[:d.ncon]:
            a, b = robot_body[m.geom_bodyid[c.geom[0]]], robot_body[m.geom_bodyid[c.geom[1]]]
            if a != b:
                deepest = max(deepest, -float(c.dist))
    drift = np.linalg.norm(d.xpos[free] - start, axis=1)
    moved = {m.body(b).name: round(float(v), 4) for b, v in zip(free, drift) if v > 0.01}
    return deepest, moved, float(np.linalg.norm(d.xpos[robot_body] - robot_start, axis=1).max())


@pytest.mark.parametrize("robot", ROBOTS)
@pytest.mark.parametrize("path", [p if p.stem == "kitchen" else pytest.param(p, marks=pytest.mark.slow) for p in EXAMPLES],
                         ids=lambda p: p.stem)
def test_robot_goes_in_every_example_and_holds(built_example, robot_files, path, robot, tmp_path):
    if robot_files[robot] is None:
        pytest.skip("robosuite is not installed (pip install --no-deps robosuite==1.5.2 for its Panda)")
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built_example(path), out)  # the shared build stays untouched
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = run_robot(out, robot_files[robot])
    assert result.clearance >= -0.001
    assert result.placement.targets, "the chosen pose reaches something"
    deepest, moved, _ = _hold(out)
    assert deepest <= 0.005, f"robot-scene contact {deepest * 1000:.1f} mm deep"
    assert moved == {}, f"scene objects moved over 1 cm: {moved}"
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and "robot" not in p.parts}
    assert after == {k: v for k, v in before.items() if "robot" not in k.parts}, "the scene's own files changed"
    import mujoco

    m = mujoco.MjModel.from_xml_path(str(out / "robot" / "scene.xml"))
    assert m.nkey == 1 and m.key(0).name == "home"
    names = {m.body(b).name for b in range(m.nbody)}
    assert {"mug_1", "refrigerator"} & names or path.stem != "kitchen"
    assert not any(m.geom(g).name.startswith("robot_") and m.geom_type[g] == mujoco.mjtGeom.mjGEOM_PLANE
                   for g in range(m.ngeom)), "the robot's floor is left out"
    assert m.nlight == mujoco.MjModel.from_xml_path(str(out / "mjcf" / "scene.xml")).nlight, "and its lights"


def test_robot_home_keyframe_merges_robot_and_scene(built_example, robot_files, tmp_path):
    """The mobile robot's free base is carried to its pose, its joints and controls keep their
    home values, every scene object keeps its settled pose; names are prefixed, the robot's
    default classes stay apart from ours, actuators and sensors come along."""
    import shutil

    import mujoco

    out = tmp_path / "out"
    shutil.copytree(built_example(next(p for p in EXAMPLES if p.stem == "kitchen")), out)
    result = run_robot(out, robot_files["mobile"], RobotSettings(near="bottle_water"))
    assert "grasp:bottle_water" in result.placement.targets
    m = mujoco.MjModel.from_xml_path(str(out / "robot" / "scene.xml"))
    scene = mujoco.MjModel.from_xml_path(str(out / "mjcf" / "scene.xml"))
    key = m.key("home")
    root = m.joint("robot_root")
    base = key.qpos[root.qposadr[0]:root.qposadr[0] + 7]
    assert np.allclose(base[:2], result.placement.position[:2], atol=1e-6)
    assert abs(base[2] - 0.06) < 1e-6  # the chassis bottom on the floor
    assert abs(key.qpos[m.joint("robot_lift").qposadr[0]] - 0.1) < 1e-9
    assert abs(key.ctrl[m.actuator("robot_wrist").id] - 0.5) < 1e-9
    assert m.sensor("robot_chassis_pos") is not None and m.nu == 2
    for j in range(scene.njnt):
        name = scene.joint(j).name
        a, b = scene.jnt_qposadr[j], m.jnt_qposadr[m.joint(name).id]
        width = 7 if scene.jnt_type[j] == mujoco.mjtJoint.mjJNT_FREE else 1
        assert np.allclose(key.qpos[b:b + width], scene.qpos0[a:a + width], atol=1e-9), name
    xml = (out / "robot" / "scene.xml").read_text()
    assert 'class="robot_body"' in xml and 'class="vipscene/collision"' in xml
    assert "robot_sky" not in xml  # the robot's skybox is left out, the scene's stays
    report = json.loads((out / "robot" / "robot.json").read_text())
    assert report["placement"]["source"] == "base pose" and report["base"] == "free"


def test_robot_command_line_and_its_refusals(built_example, robot_files, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built_example(next(p for p in EXAMPLES if p.stem == "bedroom")), out)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "robot", str(out), *args],
                              capture_output=True, text=True, timeout=300)

    ok = run("--robot", str(robot_files["arm"]), "--mount", "counter", "--json")
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert doc["placement"]["source"] == "counter mount" and doc["placement"]["position"][2] > 0.3
    first = (out / "robot" / "scene.xml").read_bytes()
    bad = [run("--robot", str(out / "scene.json")),  # not a robot file
           run("--robot", str(robot_files["arm"]), "--base", "1", "2"),
           run("--robot", str(robot_files["arm"]), "--near", "no_such_object"),
           run("--robot", str(robot_files["arm"]), "--prefix", "9x"),
           run("--robot", str(robot_files["arm"]), "--base", "2.1", "2.755", "0")]  # inside the bed
    for r in bad:
        assert r.returncode == 2 and r.stderr.startswith("vipscene: error: ") and "Traceback" not in r.stderr, r.stderr
    assert "collides" in bad[-1].stderr and "bed" in bad[-1].stderr
    assert (out / "robot" / "scene.xml").read_bytes() == first, "a refused run leaves the earlier robot scene"


def test_not_a_robot_and_names_that_clash(built_example, tmp_path):
    out = built_example(next(p for p in EXAMPLES if p.stem == "bedroom"))
    rigid = tmp_path / "rigid.xml"
    rigid.write_text('<mujoco><worldbody><body><freejoint/><geom size="0.1"/></body></worldbody></mujoco>')
    with pytest.raises(UserError, match="not a robot"):
        run_robot(out, rigid)
    broken = tmp_path / "broken.xml"
    broken.write_text("<mujoco><worldbody><body><joint/>")
    with pytest.raises(UserError, match="MuJoCo cannot read"):
        run_robot(out, broken)
    arm = FILES["arm"]
    with pytest.raises(UserError, match="names cannot be made unique"):
        run_robot(out, arm, RobotSettings(prefix="bed"))
    with pytest.raises(UserError, match="build the scene first"):
        run_robot(tmp_path, arm)
    with pytest.raises(UserError, match="no such robot file"):
        run_robot(out, tmp_path / "missing.urdf")
