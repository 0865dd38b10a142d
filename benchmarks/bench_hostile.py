"""What a hostile layout costs `vipscene build`: seconds per stage, peak memory, the exit code.

Each case is generated (a seeded random draw, so the layouts differ from any hand-written one):

- ``tiny``: a furnished room squeezed into a 0.3 m square (everything overlaps everything);
- ``stack``: N sofas drawn at nearly the same spot of a small room;
- ``crowd``: N mugs scattered over a 10 m floor (``--no-physics``);
- ``scan``: one sofa whose user mesh has M triangles (a photogrammetry scan).

Each runs as its own `vipscene build` process (cold start included, as a user meets it); the
table prints every stage's seconds from report.json, the wall time, the peak resident memory and
the exit code (3: written, with the problems listed). Aims: every case ends with a report (exit 0
or 3, never a hang), refinement and settling stay within their budgets (60 s each by default).

Run: python benchmarks/bench_hostile.py [--sofas N] [--mugs N] [--faces M] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["retrieve", "refine", "colliders", "settle", "export", "score", "preview"]


def _object(oid, category, size, position, dynamic=False):
    return {"id": oid, "category": category, "size": list(size), "position": list(position),
            "quaternion": [1, 0, 0, 0], "support": "floor", "dynamic": dynamic}


def _room(side_x, side_y, objects):
    return {"schema": "vipscene-sim/scene", "version": 1, "name": "hostile",
            "room": {"floor": [[0, 0], [side_x, 0], [side_x, side_y], [0, side_y]], "height": 2.6}, "objects": objects}


def tiny(rng) -> dict:
    doc = json.loads((ROOT / "examples" / "kitchen.json").read_text())
    doc["room"]["floor"], doc["room"]["openings"] = [[0, 0], [0.3, 0], [0.3, 0.3], [0, 0.3]], []
    for o in doc["objects"]:
        o["position"][:2] = (rng.uniform(0.1, 0.2, 2)).tolist()
    return doc


def stack(rng, n: int) -> dict:
    return _room(4.5, 3.6, [_object(f"sofa_{i}", "sofa", (0.9, 2.0, 0.85),
                                    (2.25 + rng.normal(0, 0.05), 1.8 + rng.normal(0, 0.05), 0.425)) for i in range(n)])


def crowd(rng, n: int) -> dict:
    return _room(10, 10, [_object(f"mug_{i}", "mug", (0.08, 0.12, 0.1), (*rng.uniform(0.5, 9.5, 2), 0.05), True)
                          for i in range(n)])


def scan(folder: Path, faces: int) -> tuple[dict, list[str], int]:
    import trimesh

    count = max(8, int(np.sqrt(faces / 2)))
    mesh = trimesh.creation.uv_sphere(radius=1.0, count=[count, count])
    mesh.apply_scale([0.45, 1.0, 0.45])
    (folder / "meshes").mkdir(parents=True, exist_ok=True)
    mesh.export(folder / "meshes" / "scan.ply")
    (folder / "catalog.json").write_text(json.dumps({"name": "scan", "assets": [
        {"id": "scan_sofa", "file": "meshes/scan.ply", "category": "sofa", "up": "+z", "front": "+x"}]}))
    sofa = _object("sofa", "sofa", (0.9, 2.0, 0.9), (2.0, 1.8, 0.45))
    sofa["asset"] = {"library": "scan", "id": "scan_sofa", "scale": [1, 1, 1]}
    return _room(4.5, 3.6, [sofa]), ["--assets", str(folder)], len(mesh.faces)


def run(name: str, doc: dict, folder: Path, flags: list[str]) -> dict:
    layout = folder / f"{name}.json"
    layout.write_text(json.dumps(doc))
    out = folder / f"out_{name}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("vipscene")), "build", str(layout), "--out", str(out),
                             "--no-preview", *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not the largest so far
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss
    row = {"case": name, "objects": len(doc["objects"]), "exit": proc.returncode, "wall": wall,
           "peak_mb": peak / 1024, "stages": {}, "exhausted": []}
    report = out / "report.json"
    if report.exists():
        for s in json.loads(report.read_text())["stages"]:
            row["stages"][s["name"]] = s["seconds"]
            details = s.get("details") or {}
            if (details.get("summary") or {}).get("budget_exhausted"):
                row["exhausted"].append(s["name"])
            elif (details.get("navigation") or {}).get("path_opening"):
                row["exhausted"].append(f"{s['name']} (path opening)")
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sofas", type=int, default=300)
    ap.add_argument("--mugs", type=int, default=10_000)
    ap.add_argument("--faces", type=int, default=4_000_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows.append(run("tiny", tiny(rng), tmp, []))
        rows.append(run("stack", stack(rng, args.sofas), tmp, []))
        rows.append(run("crowd", crowd(rng, args.mugs), tmp, ["--no-physics"]))
        doc, flags, faces = scan(tmp / "scan_lib", args.faces)
        rows.append(run(f"scan ({faces:,} faces)", doc, tmp, flags))
    print("| case | objects | " + " | ".join(STAGES) + " | wall s | peak MB | budget ran out | exit |")
    print("|---|---|" + "---|" * len(STAGES) + "---|---|---|---|")
    for r in rows:
        cells = " | ".join(f"{r['stages'][s]:.1f}" if s in r["stages"] else "-" for s in STAGES)
        print(f"| {r['case']} | {r['objects']} | {cells} | {r['wall']:.0f} | {r['peak_mb']:.0f} | "
              f"{', '.join(r['exhausted']) or 'no'} | {r['exit']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
