"""Small robots the robot tests write: a fixed arm and a mobile base with an arm in MJCF (each
with its own floor, light, skybox, default classes, actuators, sensors and a home keyframe, as
robot files in the wild have), and an arm in URDF with a mesh named through package://."""

from pathlib import Path

ARM = """<mujoco model="tiny_arm">
  <compiler angle="radian"/>
  <option timestep="0.004"/>
  <default>
    <default class="arm">
      <joint damping="2" armature="0.01"/>
      <geom type="capsule" size="0.03" rgba="0.8 0.4 0.1 1"/>
      <position kp="80" ctrlrange="-3 3"/>
    </default>
  </default>
  <asset>
    <texture name="sky" type="skybox" builtin="gradient" rgb1="0 0 0" rgb2="1 1 1" width="32" height="32"/>
    <texture name="grid" type="2d" builtin="checker" rgb1="0 0 0" rgb2="1 1 1" width="32" height="32"/>
    <material name="groundmat" texture="grid"/>
  </asset>
  <worldbody>
    <light name="top" pos="0 0 3"/>
    <geom name="floor" type="plane" size="3 3 0.1" material="groundmat"/>
    <body name="base" childclass="arm">
      <geom name="base_geom" type="cylinder" size="0.07 0.05" pos="0 0 0.05"/>
      <body name="link1" pos="0 0 0.1">
        <joint name="shoulder_yaw" axis="0 0 1" range="-3 3"/>
        <geom fromto="0 0 0.04 0 0 0.3"/>
        <body name="link2" pos="0 0 0.3">
          <joint name="shoulder_pitch" axis="0 1 0" range="-2 2"/>
          <geom fromto="0 0 0 0.25 0 0"/>
          <site name="tip" pos="0.25 0 0"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <position name="shoulder_yaw" joint="shoulder_yaw" class="arm"/>
    <position name="shoulder_pitch" joint="shoulder_pitch" class="arm"/>
  </actuator>
  <contact><exclude body1="base" body2="link1"/></contact>
  <sensor><jointpos name="shoulder_yaw_pos" joint="shoulder_yaw"/></sensor>
  <keyframe><key name="home" qpos="0.3 -0.6" ctrl="0.3 -0.6"/></keyframe>
</mujoco>
"""

MOBILE = """<mujoco model="tiny_mobile">
  <default>
    <default class="body"><geom rgba="0.2 0.3 0.8 1" friction="1 0.01 0.001"/></default>
  </default>
  <asset><texture name="sky" type="skybox" builtin="flat" rgb1="1 1 1" width="8" height="8"/></asset>
  <worldbody>
    <light pos="0 0 2"/>
    <geom type="plane" size="2 2 0.1"/>
    <body name="chassis" pos="0 0 0.06" childclass="body">
      <freejoint name="root"/>
      <geom name="chassis" type="box" size="0.18 0.14 0.06" mass="12"/>
      <body name="mast" pos="0.05 0 0.06">
        <joint name="lift" type="slide" axis="0 0 1" range="0 0.3" damping="50"/>
        <geom type="box" size="0.03 0.03 0.2" pos="0 0 0.2" mass="1"/>
        <body name="forearm" pos="0 0 0.4">
          <joint name="wrist" axis="0 0 1" range="-2 2" damping="1"/>
          <geom type="capsule" fromto="0 0 0 0.15 0 0" size="0.02" mass="0.3"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <position name="lift" joint="lift" kp="2000" ctrlrange="0 0.3"/>
    <position name="wrist" joint="wrist" kp="20" ctrlrange="-2 2"/>
  </actuator>
  <sensor><framepos name="chassis_pos" objtype="body" objname="chassis"/></sensor>
  <keyframe><key name="home" qpos="0 0 0.06 1 0 0 0 0.1 0.5" ctrl="0.1 0.5"/></keyframe>
</mujoco>
"""

URDF = """<?xml version="1.0"?>
<robot name="tiny_urdf_arm">
  <link name="base_link">
    <visual><geometry><mesh filename="package://tiny_urdf_arm/meshes/base.stl"/></geometry></visual>
    <collision><geometry><mesh filename="package://tiny_urdf_arm/meshes/base.stl"/></geometry></collision>
    <inertial><mass value="2"/><inertia ixx="0.01" iyy="0.01" izz="0.01" ixy="0" ixz="0" iyz="0"/></inertial>
  </link>
  <link name="upper">
    <collision><origin xyz="0 0 0.15"/><geometry><cylinder radius="0.03" length="0.3"/></geometry></collision>
    <inertial><origin xyz="0 0 0.15"/><mass value="0.5"/><inertia ixx="0.004" iyy="0.004" izz="0.0003" ixy="0" ixz="0" iyz="0"/></inertial>
  </link>
  <link name="fore">
    <collision><origin xyz="0.1 0 0"/><geometry><box size="0.2 0.04 0.04"/></geometry></collision>
    <inertial><origin xyz="0.1 0 0"/><mass value="0.3"/><inertia ixx="0.0001" iyy="0.001" izz="0.001" ixy="0" ixz="0" iyz="0"/></inertial>
  </link>
  <joint name="yaw" type="revolute">
    <parent link="base_link"/><child link="upper"/><origin xyz="0 0 0.1"/><axis xyz="0 0 1"/>
    <limit lower="-3" upper="3" effort="10" velocity="2"/><dynamics damping="1"/>
  </joint>
  <joint name="pitch" type="revolute">
    <parent link="upper"/><child link="fore"/><origin xyz="0 0 0.3"/><axis xyz="0 1 0"/>
    <limit lower="-2" upper="2" effort="10" velocity="2"/><dynamics damping="1"/>
  </joint>
</robot>
"""


def write_robots(folder: Path) -> dict[str, Path]:
    """The three robots as files under ``folder``: name -> path."""
    import trimesh

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "arm.xml").write_text(ARM)
    (folder / "mobile.xml").write_text(MOBILE)
    pkg = folder / "tiny_urdf_arm"
    (pkg / "meshes").mkdir(parents=True, exist_ok=True)
    base = trimesh.creation.cylinder(radius=0.08, height=0.1)
    base.apply_translation([0, 0, 0.05])
    base.export(pkg / "meshes" / "base.stl")
    (pkg / "urdf").mkdir(exist_ok=True)
    (pkg / "urdf" / "arm.urdf").write_text(URDF)
    return {"arm": folder / "arm.xml", "mobile": folder / "mobile.xml", "urdf": pkg / "urdf" / "arm.urdf"}


def panda() -> Path | None:
    """robosuite's Panda (a real robot model shipped in a wheel), when robosuite is installed;
    found without importing robosuite (which pulls numba and more)."""
    import importlib.util

    spec = importlib.util.find_spec("robosuite")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "models" / "assets" / "robots" / "panda" / "robot.xml"
    return path if path.is_file() else None
