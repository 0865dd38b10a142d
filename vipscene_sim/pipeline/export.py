"""`vipscene export SCENE.json --format ... --out OUT`: simulator files for an existing scene,
each validated by its real consumer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import output_folder
from ..scene import load_scene
from .libraries import LibraryOptions


@dataclass
class ExportResult:
    """Per format: the main file's path (relative to OUT), seconds and the validation."""

    out: str
    formats: dict[str, dict] = field(default_factory=dict)
    asset_failures: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(e["validation"]["ok"] for e in self.formats.values())

    def to_dict(self) -> dict:
        return dict(self.formats)


def parse_formats(text: str) -> list[str]:
    """``"mjcf,urdf"`` -> the formats, each checked now (an unknown one or a missing extra is the
    user's to fix before any work)."""
    from exporters import FORMATS

    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    for f in wanted:
        FORMATS.load(f)
    return wanted


def run_export(scene_path, out, formats: list[str], libraries: LibraryOptions = LibraryOptions(),
               usda: bool = False) -> ExportResult:
    """Write and validate every format of ``formats`` into OUT/<format>/; ``usda``: the USD
    stage also as text beside the binary one."""
    from exporters import export_all
    from physics.stage import physical_bodies

    scene = load_scene(scene_path)
    libs = libraries.open()
    out = output_folder(Path(out))
    from ..retrieve.stage import check_asset_references

    check_asset_references(scene, libs)
    bodies = physical_bodies(scene, libs, cache_dir=libs.get("builtin").cache_root)
    report = export_all(scene, libs, bodies, out, formats)
    if usda and "usd" in report:
        from exporters.usd import write_text_copy

        report["usd"]["text"] = str(write_text_copy(out / report["usd"]["path"]).relative_to(out))
    return ExportResult(str(out), report, dict(sorted(libs.failures.items())))
