"""Importing houses written by others: how faithful and how fast, per house file.

For every house file given (default: the real ProcTHOR house under ../shared/reference/procthor/)
and ``--random N`` rooms drawn by `vipscene random-room`, exported as houses and stripped of our
own ``vipscene`` records (so only what AI2-THOR itself would write remains), the whole import runs
(`vipscene import`, preview off) and the table prints:

- categories right: objects whose final asset is of the category `THOR_TYPES` gives their source
  type (or, for the random rooms, the category they were drawn with);
- size sources: database / annotation / record / typical;
- moved > 10 cm: objects refinement and settling moved more than 10 cm from the source pose;
- overlaps > 5 mm after refinement (static-static, and with a dynamic object), unstable objects,
  export validation failures, rooms with problems (exit 3), and seconds per room.

Run: python benchmarks/bench_import.py [HOUSE.json ...] [--random N] [--seed S]
Aim on real ProcTHOR houses: >= 97 % categories right, < 10 % moved more than 10 cm, zero
overlaps, zero validation failures, zero unstable objects.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "procthor" / "procthor_train_1.json"


def random_houses(n: int, seed: int, folder: Path) -> list[tuple[Path, dict[str, str]]]:
    """``n`` random rooms as ProcTHOR houses without our records; with each object's category."""
    from exporters.procthor import scene_to_house
    from vipscene_sim.synth.rooms import random_room

    out = []
    for k in range(n):
        scene = random_room(seed + k)
        house = scene_to_house(scene)
        truth = {}

        def strip(items):
            for o in items or []:
                rec = o.pop("vipscene", {})
                truth[o["id"]] = rec.get("category")
                o["assetId"] = rec.get("category", "object").title().replace("_", "") + "_1"
                strip(o.get("children"))

        strip(house["objects"])
        path = folder / f"random_{seed + k}.json"
        path.write_text(json.dumps(house))
        out.append((path, truth))
    return out


def measure(house: Path, truth: dict[str, str] | None, out: Path) -> dict:
    from exporters.thor_types import THOR_TYPES
    from vipscene_sim.pipeline.build import BuildSettings, scene_problems
    from vipscene_sim.pipeline.import_house import run_import

    t0 = time.perf_counter()
    result = run_import(house, out, BuildSettings(preview=False, score=False))
    seconds = time.perf_counter() - t0
    row = {"house": house.name, "rooms": len(result.rooms), "objects": 0, "right": 0,
           "size_from": {}, "moved": 0, "overlap_static": 0, "overlap_dynamic": 0, "unstable": 0,
           "invalid": 0, "rooms_with_problems": 0, "seconds_per_room": seconds / max(len(result.rooms), 1)}
    for r in result.rooms:
        folder = Path(r.out)
        imported = json.loads((folder / "import_report.json").read_text())
        source = {o["id"]: o for o in json.loads((folder / "imported_layout.json").read_text())["objects"]}
        final = {o["id"]: o for o in json.loads((folder / "scene.json").read_text())["objects"]}
        stages = {s["name"]: s.get("details") or {} for s in json.loads((folder / "report.json").read_text())["stages"]}
        for k, v in imported["size_from"].items():
            row["size_from"][k] = row["size_from"].get(k, 0) + v
        for rec in imported["objects"]:
            row["objects"] += 1
            want = truth.get(rec["id"]) if truth is not None else THOR_TYPES.get(rec["thor_type"] or "", rec["category"])
            asset = (final.get(rec["id"]) or {}).get("asset") or {}
            row["right"] += asset.get("id", "").split("__")[0] == want
            if rec["id"] in final:
                row["moved"] += float(np.linalg.norm(np.subtract(final[rec["id"]]["position"],
                                                                 source[rec["id"]]["position"]))) > 0.10
        dynamic = {i for i, o in final.items() if o.get("dynamic")}
        for c in stages.get("refine", {}).get("unresolved_collisions") or []:
            if c["depth"] > 0.005:
                row["overlap_dynamic" if {c["a"], c["b"]} & dynamic else "overlap_static"] += 1
        row["unstable"] += len((stages.get("settle", {}).get("summary") or {}).get("unstable") or [])
        row["invalid"] += sum(1 for e in stages.get("export", {}).values()
                              if isinstance(e, dict) and (e.get("validation") or {}).get("ok") is False)
        row["rooms_with_problems"] += bool(scene_problems(stages))
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("houses", nargs="*", type=Path)
    ap.add_argument("--random", type=int, default=3, help="random rooms exported as houses (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    houses = [(p, None) for p in (args.houses or [REFERENCE])]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        houses += random_houses(args.random, args.seed, tmp)
        rows = [measure(p, truth, tmp / f"out_{i}") for i, (p, truth) in enumerate(houses)]
    print("| house | rooms | objects | categories right | size sources | moved > 10 cm | overlaps > 5 mm "
          "(static / dynamic) | unstable | invalid exports | rooms with problems | s / room |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        sizes = ", ".join(f"{k} {v}" for k, v in sorted(r["size_from"].items()))
        print(f"| {r['house']} | {r['rooms']} | {r['objects']} | {100 * r['right'] / max(r['objects'], 1):.1f} % | "
              f"{sizes} | {r['moved']} ({100 * r['moved'] / max(r['objects'], 1):.0f} %) | "
              f"{r['overlap_static']} / {r['overlap_dynamic']} | {r['unstable']} | {r['invalid']} | "
              f"{r['rooms_with_problems']} | {r['seconds_per_room']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
