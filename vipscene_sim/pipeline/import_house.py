"""`vipscene import HOUSE.json --out OUT`: every room of an AI2-THOR house (ProcTHOR, Holodeck,
VIPScene) becomes a layout, then the rest of build runs into OUT/<room>/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text, output_folder
from ..errors import UserError
from ..scene import dumps
from .build import BuildSettings, build


@dataclass
class RoomResult:
    room: str
    """The house's room id, e.g. 'room|2'."""
    out: str
    name: str
    objects: int
    substitutions: int
    """Objects whose source asset was replaced by a built-in one (import_report.json says why)."""
    stages: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rooms: list[RoomResult]

    def to_dict(self) -> list[dict]:
        return [asdict(r) for r in self.rooms]


def run_import(house, out, settings: BuildSettings = BuildSettings(), rooms: tuple[str, ...] = (),
               progress: Callable[[str, int, int], None] | None = None,
               announce: Callable[[int, int, str], None] | None = None) -> ImportResult:
    """Import ``house`` room by room (only ``rooms`` when given) and build each into OUT/<room>/;
    ``announce(i, n, room)`` is called before each room."""
    from exporters.procthor import import_house

    libraries = settings.libraries.open()
    found = import_house(house, libraries)
    if rooms:
        wanted = set(rooms)
        found = [(s, r) for s, r in found if r["room"] in wanted]
        if not found:
            raise UserError(f"--room {', '.join(sorted(wanted))}: no such room in {house}")
    out = output_folder(Path(out))
    results = []
    for i, (scene, report) in enumerate(found):
        if announce:
            announce(i + 1, len(found), report["room"])
        folder = out / scene.name
        layout = folder / "imported_layout.json"
        atomic_write_text(layout, scene.to_json())
        atomic_write_text(folder / "import_report.json", dumps(report))
        s = build(layout, folder, settings, progress=progress).summary()
        results.append(RoomResult(report["room"], s["out"], s["name"], s["objects"], len(report["substitutions"]),
                                  s["stages"], s["files"]))
    return ImportResult(results)
