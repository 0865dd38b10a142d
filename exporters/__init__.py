"""Exporters: one module per file format gathered in a registry (`FORMATS`), plus validation by
the real consumer of each format. A format whose optional dependency is missing stays listed but
raises the original reason when used (`available_formats()` leaves it out).

Implemented: ``mjcf``, ``urdf``, ``procthor`` and ``usd`` (extra ``usd``); the house importer is
`exporters.procthor.import_house`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable  # (scene, libraries, bodies, out_dir) -> path of the main file
    validate: Callable  # (path) -> dict with at least "ok"
    requires: tuple[str, ...] = ()


def _mjcf() -> Format:
    from .mjcf import export_mjcf, validate_mjcf

    return Format("mjcf", export_mjcf, validate_mjcf, ("mujoco",))


def _urdf() -> Format:
    from .urdf import export_urdf, validate_urdf

    return Format("urdf", export_urdf, validate_urdf, ("pybullet",))


def _usd() -> Format:
    from .usd import export_usd, validate_usd

    return Format("usd", export_usd, validate_usd, ("pxr",))


def _procthor() -> Format:
    from .procthor import export_procthor, validate_procthor

    return Format("procthor", export_procthor, validate_procthor, ())


FORMATS: dict[str, Callable[[], Format]] = {"mjcf": _mjcf, "urdf": _urdf, "procthor": _procthor, "usd": _usd}


def available_formats() -> list[str]:
    """Formats whose dependencies import here."""
    import importlib.util

    out = []
    for name, make in FORMATS.items():
        try:
            fmt = make()
        except ImportError:
            continue
        if all(importlib.util.find_spec(mod) is not None for mod in fmt.requires):
            out.append(name)
    return out


def export_all(scene, libraries, bodies, out_dir: str | Path, formats: list[str], validate: bool = True) -> dict:
    """Write every requested format into ``out_dir/<format>/`` and validate it; returns a report
    per format (path, seconds, validation)."""
    import time

    report = {}
    for name in formats:
        fmt = FORMATS[name]()
        t0 = time.perf_counter()
        path = fmt.write(scene, libraries, bodies, out_dir)
        entry = {"path": str(Path(path).relative_to(out_dir)), "seconds": round(time.perf_counter() - t0, 3)}
        if validate:
            entry["validation"] = fmt.validate(path)
        report[name] = entry
    return report
