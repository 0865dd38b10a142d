"""Robots in built scenes: a user's MJCF or URDF robot attached with MjSpec on a base pose
from the affordances, checked free of collision (`OUT/robot/scene.xml`)."""

from .insert import MOUNTS, RobotResult, RobotSettings, insert_robot
from .model import RobotModel, load_robot

__all__ = ["MOUNTS", "RobotModel", "RobotResult", "RobotSettings", "insert_robot", "load_robot"]
