"""Exporters: one module per file format gathered in a registry (`FORMATS`, the shape every kind
of backend has: `vipscene_sim.registry`), plus validation by the real consumer of each format. A
format whose optional dependency is missing stays listed but raises the exit-2 line naming the
``pip install`` when used (`available_formats()` leaves it out).

Implemented: ``mjcf``, ``urdf``, ``procthor`` and ``usd`` (extra ``usd``), written by every build;
``mjx`` (MJCF with a collision budget for MJX and MuJoCo Warp) and ``drake`` (MJCF as Drake's
parser reads it), written on request (``vipscene export --format mjx``). The house importer is
`exporters.thor_import.import_house` (reader `thor_house`, type table and asset database `thor_types`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from vipscene_sim.registry import Registry


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable  # (scene, libraries, bodies, out_dir) -> path of the main file
    validate: Callable  # (path) -> dict with at least "ok"
    by_default: bool = True  # written by every build (else only when asked for)


FORMATS: Registry[Format] = Registry("export format", "--format")


@FORMATS.register("mjcf", "MuJoCo MJCF in Menagerie style; validated by compiling and simulating it",
                  requires=("mujoco",))
def _mjcf() -> Format:
    from .mjcf import export_mjcf, validate_mjcf

    return Format("mjcf", export_mjcf, validate_mjcf)


@FORMATS.register("urdf", "URDF, one file per object plus scene.urdf; validated in PyBullet (and check_urdf)",
                  requires=("pybullet",))
def _urdf() -> Format:
    from .urdf import export_urdf, validate_urdf

    return Format("urdf", export_urdf, validate_urdf)


@FORMATS.register("procthor", "AI2-THOR / ProcTHOR house JSON 1.0.0 with objathor asset folders; "
                  "validated against the shipped house schema", requires=("jsonschema",))
def _procthor() -> Format:
    from .procthor import export_procthor, validate_procthor

    return Format("procthor", export_procthor, validate_procthor)


@FORMATS.register("usd", "USD (upAxis Z, metres) with UsdPhysics bodies and colliders; validated by "
                  "usdchecker's rules", requires=("pxr",), extra="usd")
def _usd() -> Format:
    from .usd import export_usd, validate_usd

    return Format("usd", export_usd, validate_usd)


def _mjcf_profile(profile: str) -> Format:
    """An MJCF profile (`exporters.mjcf.MjcfSettings.profile`) as a format written on request."""
    from .mjcf import MjcfSettings, export_mjcf, validate_mjcf

    def write(scene, libraries, bodies, out_dir):
        return export_mjcf(scene, libraries, bodies, out_dir, MjcfSettings(profile=profile))

    return Format(profile, write, validate_mjcf, by_default=False)


FORMATS.register("mjx", "MJCF for MJX and MuJoCo Warp: box colliders, far pairs excluded, buffer and "
                 "broad-phase sizes; validated in MuJoCo, approximations reported",
                 requires=("mujoco",))(lambda: _mjcf_profile("mjx"))
FORMATS.register("drake", "MJCF as Drake's parser reads it (condim 3, sliding friction, no pairs or joint "
                 "friction); validated in MuJoCo", requires=("mujoco",))(lambda: _mjcf_profile("drake"))


def available_formats(every: bool = False) -> list[str]:
    """Formats whose dependencies import here: those every build writes, or ``every`` one."""
    return [n for n in FORMATS.available() if every or FORMATS.load(n).by_default]


def export_all(scene, libraries, bodies, out_dir: str | Path, formats: list[str], validate: bool = True) -> dict:
    """Write every requested format into ``out_dir/<format>/`` and validate it; returns a report
    per format (path, seconds, validation)."""
    import time

    report = {}
    for name in formats:
        fmt = FORMATS.load(name)
        t0 = time.perf_counter()
        path = fmt.write(scene, libraries, bodies, out_dir)
        entry = {"path": str(Path(path).relative_to(out_dir)), "seconds": round(time.perf_counter() - t0, 3)}
        if validate:
            entry["validation"] = fmt.validate(path)
        report[name] = entry
    return report
