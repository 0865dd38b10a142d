"""`vipscene robot OUT --robot ...`: the asset libraries the build of OUT used, then
`vipscene_sim.robot.insert_robot`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..robot import RobotResult, RobotSettings, insert_robot
from .libraries import LibraryOptions


def build_libraries(out: Path, cache_dir: str | None = None) -> LibraryOptions:
    """The libraries named in ``out/report.json``'s settings (asset folders, objathor), or the
    built-in one alone when there is no readable report."""
    try:
        settings = json.loads((out / "report.json").read_text()).get("settings", {})
    except (OSError, ValueError):
        settings = {}
    return LibraryOptions(cache_dir, tuple(settings.get("asset_folders") or ()), settings.get("objathor"),
                          bool(settings.get("allow_pickle")))


def run_robot(out: str | os.PathLike, robot: str | os.PathLike, settings: RobotSettings = RobotSettings(),
              cache_dir: str | None = None) -> RobotResult:
    """Put ``robot`` into the scene built in ``out``: ``out/robot/scene.xml`` (see `insert_robot`)."""
    out = Path(out)
    return insert_robot(out, robot, settings, build_libraries(out, cache_dir).open())
