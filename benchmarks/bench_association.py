"""Object ids across frames by association in 3D (perceive/associate3d.py), on synthetic walkthroughs.

Per-frame masks come from the ground truth degraded like a detector's (oracle perception noise:
eroded/dilated masks, misses, label confusions, splits, merges), then their ids are thrown away and
the frames' detections shuffled: only what a per-frame detector + segmenter gives. Association
through the reconstruction (oracle geometry with the same noise level) must give them ids again.

Measured per room: id purity (share of an object's pixels under its majority track), tracks per
object (1 = never fragmented), and the layout lifted from the associated ids against the layout
lifted from the oracle's own consistent ids (mean IoU, recall, precision; same lifting).

SAM 2 video propagation (--track sam2) cannot be measured here: it needs SAM 2's weights, which no
machine of this project can download; its code runs in the tests on a tiny random model.

Run: python benchmarks/bench_association.py [--frames F] [--size W H] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_lift import EXAMPLES, ROOT, render

from assets.registry import open_libraries
from vipscene_sim import load_scene
from vipscene_sim.evaluate.layout_accuracy import evaluate_lift, visible_objects
from vipscene_sim.lift import lift
from vipscene_sim.perceive.associate3d import associate_3d
from vipscene_sim.perceive.detect import Detection
from vipscene_sim.perceive.oracle import NOISE_LEVELS as PERCEPTION_NOISE
from vipscene_sim.perceive.oracle import oracle_instances
from vipscene_sim.reconstruct.oracle import NOISE_LEVELS as GEOMETRY_NOISE
from vipscene_sim.reconstruct.oracle import oracle_geometry
from vipscene_sim.synth import CameraSettings


def detections_without_ids(instances, rng) -> list:
    out = []
    for k in range(len(instances.masks)):
        items = [(Detection(np.zeros(4, np.float32), instances.scores[t], instances.labels[t]), instances.masks[k] == t)
                 for t in np.unique(instances.masks[k]) if t]
        rng.shuffle(items)
        out.append(items)
    return out


def id_quality(gt: np.ndarray, ids: np.ndarray, min_pixels: int = 200) -> tuple[float, float]:
    purity, tracks = [], []
    for t in set(np.unique(gt)) - {0}:
        on = (gt == t) & (ids > 0)
        if on.sum() < min_pixels:
            continue
        _, counts = np.unique(ids[on], return_counts=True)
        purity.append(counts.max() / counts.sum())
        tracks.append(int((counts >= 0.05 * counts.sum()).sum()))  # tracks holding a real share of it
    return float(np.mean(purity)), float(np.mean(tracks))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frames", type=int, default=48)
    ap.add_argument("--size", type=int, nargs=2, default=[320, 240])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    rooms = EXAMPLES[:2] if args.quick else EXAMPLES
    settings = CameraSettings(path="orbit", frames=args.frames, width=args.size[0], height=args.size[1])
    libs = open_libraries(None, [], None, False)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in rooms:
            truth, arrays, legend, _ = render(load_scene(ROOT / "examples" / f"{name}.json"), libs, Path(tmp) / name,
                                              settings)
            visible = visible_objects(arrays["instances"], legend)
            for level in ("none", "realistic"):
                geometry = oracle_geometry(arrays, GEOMETRY_NOISE[level], seed=1)
                oracle = oracle_instances(arrays["instances"], legend, PERCEPTION_NOISE[level], seed=1)
                t0 = time.perf_counter()
                associated, report = associate_3d(detections_without_ids(oracle, np.random.default_rng(2)), geometry)
                seconds = time.perf_counter() - t0
                row = {"room": name, "noise": level, "tracks": report["tracks"], "assoc_s": seconds}
                for key, inst in (("oracle", oracle), ("3d", associated)):
                    row[f"purity_{key}"], row[f"frag_{key}"] = id_quality(arrays["instances"], inst.masks)
                    layout, lr = lift(geometry, inst, seed=1)
                    m = evaluate_lift(truth, layout, lr, geometry.cam_to_world, arrays["cam_to_world"], visible)
                    row.update({f"{k}_{key}": m[k] for k in ("mean_iou", "recall", "precision")})
                rows.append(row)
            print(f"  {name} done", file=sys.stderr)
    print(f"\nids by 3D association vs the oracle's consistent ids; orbit, {args.frames} frames at "
          f"{args.size[0]}x{args.size[1]} (2-core CPU)\n")
    print("| room | noise | purity oracle / 3d | tracks per object oracle / 3d | lifted IoU oracle / 3d | "
          "recall oracle / 3d | precision oracle / 3d | association s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['room']} | {r['noise']} | {r['purity_oracle']:.3f} / {r['purity_3d']:.3f} | {r['frag_oracle']:.2f} / "
              f"{r['frag_3d']:.2f} | {r['mean_iou_oracle']:.3f} / {r['mean_iou_3d']:.3f} | {r['recall_oracle']:.3f} / "
              f"{r['recall_3d']:.3f} | {r['precision_oracle']:.3f} / {r['precision_3d']:.3f} | {r['assoc_s']:.2f} |")
    for level in ("none", "realistic"):
        rs = [r for r in rows if r["noise"] == level]
        mean = {k: np.mean([r[k] for r in rs]) for k in rs[0] if k not in ("room", "noise")}
        print(f"| **mean** | {level} | {mean['purity_oracle']:.3f} / {mean['purity_3d']:.3f} | {mean['frag_oracle']:.2f} / "
              f"{mean['frag_3d']:.2f} | {mean['mean_iou_oracle']:.3f} / {mean['mean_iou_3d']:.3f} | "
              f"{mean['recall_oracle']:.3f} / {mean['recall_3d']:.3f} | {mean['precision_oracle']:.3f} / "
              f"{mean['precision_3d']:.3f} | {mean['assoc_s']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
