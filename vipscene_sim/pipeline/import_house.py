"""`vipscene import HOUSE.json --out OUT`: every room of an AI2-THOR house (ProcTHOR, Holodeck,
VIPScene) becomes a layout, then the rest of build runs into OUT/<room>/.

Room folders are unique: two room ids that spell the same folder name ('room|2', 'room/2') get
'_2', '_3' suffixes, recorded in OUT/house_report.json with everything the import skipped.
"""

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
    """Objects whose size is the category's typical one (no size in the house or the database)."""
    skipped: int
    """Openings and objects of this room left out (import_report.json says why)."""
    stages: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What is wrong with the built room (`BuildResult.problems`)."""


@dataclass
class ImportResult:
    rooms: list[RoomResult]
    skipped: list[str]
    """House-level problems (malformed entries, objects in no room) and renamed object ids, also
    in house_report.json."""

    def to_dict(self) -> dict:
        return {"rooms": [asdict(r) for r in self.rooms], "skipped": self.skipped}


def unique_folders(names: list[str]) -> list[str]:
    """``names`` with '_2', '_3'... appended to repeats (case-insensitively: some filesystems are)."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def run_import(house, out, settings: BuildSettings = BuildSettings(), rooms: tuple[str, ...] = (),
               progress: Callable[[str, int, int], None] | None = None,
               announce: Callable[[int, int, str], None] | None = None,
               database: str | None = None, build_rooms: bool = True) -> ImportResult:
    """Import ``house`` room by room (only ``rooms`` when given) and build each into OUT/<room>/
    (only its imported_layout.json and import_report.json when not ``build_rooms``);
    ``announce(i, n, room)`` is called before each room; ``database``: a ProcTHOR
    asset-database.json for true sizes (default: the installed procthor package's)."""
    from exporters.thor_import import import_house
    from exporters.thor_types import AssetDatabase

    libraries = settings.libraries.open()
    found = import_house(house, libraries, AssetDatabase.read(database) if database else None)
    folders = unique_folders([r.scene.name for r in found.rooms])
    chosen = list(zip(found.rooms, folders))
    if rooms:
        wanted = set(rooms)
        chosen = [(r, f) for r, f in chosen if r.room in wanted]
        if not chosen:
            raise UserError(f"--room {', '.join(sorted(wanted))}: no such room in {house}")
    out = output_folder(Path(out))
    atomic_write_text(out / "house_report.json", dumps({
        "house": str(house), "database": found.database, "skipped": found.skipped, "renamed": found.renamed,
        "rooms": [{"room": r.room, "folder": f, "renamed": f != r.scene.name} for r, f in chosen]}))
    results = []
    for i, (room, name) in enumerate(chosen):
        if announce:
            announce(i + 1, len(chosen), room.room)
        room.scene.name = name
        folder = out / name
        layout = folder / "imported_layout.json"
        atomic_write_text(layout, room.scene.to_json())
        atomic_write_text(folder / "import_report.json", dumps(room.to_dict()))
        if not build_rooms:
            results.append(RoomResult(room.room, str(folder), name, len(room.scene.objects), len(room.substitutions),
                                      len(room.skipped), {}, ["import_report.json", "imported_layout.json"]))
            continue
        s = build(layout, folder, settings, progress=progress).summary()
        results.append(RoomResult(room.room, s["out"], s["name"], s["objects"], len(room.substitutions),
                                  len(room.skipped), s["stages"], s["files"], s["problems"]))
    return ImportResult(results, found.skipped + found.renamed)
