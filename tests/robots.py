"""The robots the robot tests put into scenes: the example robots under ``examples/robots`` (a
fixed arm and a mobile base with an arm in MJCF, each with its own floor, light, skybox,
default classes, actuators, sensors and home keyframe, as robot files in the wild have; an arm
in URDF naming its mesh through package://) and robosuite's Panda when robosuite is installed."""

from pathlib import Path

ROBOTS = Path(__file__).resolve().parent.parent / "examples" / "robots"
FILES = {"arm": ROBOTS / "arm.xml", "mobile": ROBOTS / "mobile.xml", "urdf": ROBOTS / "tiny_urdf_arm" / "urdf" / "arm.urdf"}


def panda() -> Path | None:
    """robosuite's Panda (a real robot model shipped in a wheel), when robosuite is installed;
    found without importing robosuite (which pulls numba and more)."""
    import importlib.util

    spec = importlib.util.find_spec("robosuite")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "models" / "assets" / "robots" / "panda" / "robot.xml"
    return path if path.is_file() else None
