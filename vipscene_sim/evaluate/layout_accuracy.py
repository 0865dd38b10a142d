"""How close a lifted layout is to the ground truth it was seen from.

- Objects are matched one-to-one by 3D IoU of their yaw-rotated boxes (Hungarian assignment,
  IoU > 0.1 to count as a match). Boxes thinner than ``MIN_THICKNESS`` along an axis are compared
  with that axis padded to it: no depth sensor resolves a 1 cm rug, and its IoU would otherwise
  measure noise rather than placement.
- Category precision / recall: a match with the same category is a true positive; recall is over
  the ground-truth objects that were visible (the caller says which), precision over all lifted
  objects.
- Yaw error is taken modulo each object's symmetry: objects without a front (tables, rugs) compare
  the direction of their long side modulo 180 degrees (modulo 90 when nearly square); round
  things (lamps, vases, plants) have no yaw and are left out of the yaw statistics.
- Room: IoU of the floor polygons, and the height difference.
- Support: the fraction of matched objects whose support kind agrees (and, for ``on``, whose
  parent is the match of the true parent).

`evaluate_lift` brings a lifted layout into the truth's frame first (similarity alignment of the
cameras, as reconstructions are compared) and reports the scale it needed.
"""

from __future__ import annotations

import math

import numpy as np

from ..catalog import NO_FRONT, ROUND
from ..geometry.polygon import intersection_area, polygon_iou

MIN_THICKNESS = 0.05


def _rect(size, centre, yaw) -> np.ndarray:
    c, s = math.cos(yaw), math.sin(yaw)
    hx, hy = size[0] / 2, size[1] / 2
    local = np.array([[hx, hy], [-hx, hy], [-hx, -hy], [hx, -hy]])  # counter-clockwise
    return local @ np.array([[c, s], [-s, c]]) + np.asarray(centre[:2])


def box_iou(a, b) -> float:
    """3D IoU of two upright boxes given as (size, centre, yaw)."""
    sa = np.maximum(np.asarray(a[0], float), MIN_THICKNESS)
    sb = np.maximum(np.asarray(b[0], float), MIN_THICKNESS)
    inter2 = intersection_area(_rect(sa, a[1], a[2]), _rect(sb, b[1], b[2]))
    zlo = max(a[1][2] - sa[2] / 2, b[1][2] - sb[2] / 2)
    zhi = min(a[1][2] + sa[2] / 2, b[1][2] + sb[2] / 2)
    inter = inter2 * max(0.0, zhi - zlo)
    union = float(np.prod(sa) + np.prod(sb)) - inter
    return inter / union if union > 0 else 0.0


def yaw_error_deg(category: str, gt_size, gt_yaw: float, yaw: float, size=None) -> float:
    """Yaw difference modulo the object's symmetry, degrees (0 for round things)."""
    if category in ROUND:
        return 0.0
    if category in NO_FRONT:
        square = abs(gt_size[0] - gt_size[1]) < 0.1 * max(gt_size[0], gt_size[1])
        long_gt = gt_yaw + (0 if gt_size[0] >= gt_size[1] else math.pi / 2)
        long_p = yaw + (0 if size is None or size[0] >= size[1] else math.pi / 2)
        period = math.pi / 2 if square else math.pi
        return math.degrees(abs(math.remainder(long_p - long_gt, period)))
    return math.degrees(abs(math.remainder(yaw - gt_yaw, 2 * math.pi)))


def align_2d(src: np.ndarray, dst: np.ndarray, with_scale: bool = False) -> tuple[float, float, np.ndarray]:
    """Yaw, scale and translation (least squares, Umeyama) taking 2D points ``src`` onto ``dst``;
    scale is 1 unless ``with_scale``."""
    cs, cd = src.mean(axis=0), dst.mean(axis=0)
    a, b = src - cs, dst - cd
    h = a.T @ b
    angle = math.atan2(h[0, 1] - h[1, 0], h[0, 0] + h[1, 1])
    c, s = math.cos(angle), math.sin(angle)
    R = np.array([[c, -s], [s, c]])
    scale = float(np.sum((a @ R.T) * b) / max(np.sum(a**2), 1e-12)) if with_scale else 1.0
    return angle, scale, cd - scale * (R @ cs)


def transform_scene(scene, angle: float, shift: np.ndarray, scale: float = 1.0):
    """A copy of ``scene`` scaled by ``scale`` (about the origin, heights too), turned by
    ``angle`` about +Z and shifted by ``shift`` (x, y)."""
    from dataclasses import replace

    from ..geometry.pose import yaw_to_quat

    c, s = math.cos(angle), math.sin(angle)
    R = np.array([[c, -s], [s, c]])
    objs = []
    for o in scene.objects:
        xy = scale * (R @ np.asarray(o.position[:2])) + shift
        objs.append(replace(o, position=[float(xy[0]), float(xy[1]), scale * o.position[2]],
                            size=[scale * x for x in o.size], quaternion=yaw_to_quat(o.yaw + angle)))
    floor = [list(map(float, scale * (R @ np.asarray(p)) + shift)) for p in scene.room.floor]
    room = replace(scene.room, floor=floor, height=scale * scene.room.height)
    return replace(scene, objects=objs, room=room)


def compare_layouts(truth, lifted, visible: set[str] | None = None) -> dict:
    """Metrics of ``lifted`` against ``truth`` (both Scenes in the same frame)."""
    from scipy.optimize import linear_sum_assignment

    gt = truth.objects
    pr = lifted.objects
    vis = [o for o in gt if visible is None or o.id in visible]
    iou = np.zeros((len(gt), len(pr)))
    for i, g in enumerate(gt):
        for j, p in enumerate(pr):
            if np.linalg.norm(np.asarray(g.position[:2]) - p.position[:2]) < (max(g.size) + max(p.size)):
                iou[i, j] = box_iou((g.size, g.position, g.yaw), (p.size, p.position, p.yaw))
    rows, cols = linear_sum_assignment(-iou) if iou.size else ([], [])
    pairs = [(i, j) for i, j in zip(rows, cols) if iou[i, j] > 0.1]
    match = {gt[i].id: pr[j].id for i, j in pairs}
    tp = [(i, j) for i, j in pairs if gt[i].category == pr[j].category]
    vis_ids = {o.id for o in vis}
    per_object, yaw_errs, centre_errs, ious, support_ok = [], [], [], [], []
    for i, j in pairs:
        g, p = gt[i], pr[j]
        ye = yaw_error_deg(g.category, g.size, g.yaw, p.yaw, p.size)
        ce = float(np.linalg.norm(np.asarray(g.position) - p.position))
        ok = g.support.kind == p.support.kind and (g.support.kind != "on" or match.get(g.support.on) == p.support.on)
        if g.category not in ROUND:
            yaw_errs.append(ye)
        centre_errs.append(ce)
        ious.append(iou[i, j])
        support_ok.append(ok)
        per_object.append({"truth": g.id, "lifted": p.id, "category_ok": g.category == p.category, "iou": round(iou[i, j], 4),
                           "yaw_error_deg": round(ye, 2), "centre_error": round(ce, 4), "support_ok": ok})
    found_vis = {gt[i].id for i, _ in tp} & vis_ids
    return {
        "objects_truth": len(gt), "objects_visible": len(vis), "objects_lifted": len(pr), "matched": len(pairs),
        "mean_iou": float(np.mean(ious)) if ious else 0.0,
        "precision": len(tp) / len(pr) if pr else 0.0,
        "recall": len(found_vis) / len(vis) if vis else 1.0,
        "centre_error_median": float(np.median(centre_errs)) if centre_errs else None,
        "yaw_under_5": float(np.mean(np.asarray(yaw_errs) < 5)) if yaw_errs else 0.0,
        "yaw_under_10": float(np.mean(np.asarray(yaw_errs) < 10)) if yaw_errs else 0.0,
        "support_accuracy": float(np.mean(support_ok)) if support_ok else 0.0,
        "room_iou": polygon_iou(truth.room.floor, lifted.room.floor),
        "height_error": abs(truth.room.height - lifted.room.height),
        "missed_visible": sorted(vis_ids - found_vis),
        "per_object": per_object,
    }


def visible_objects(instances: np.ndarray, legend: dict, min_pixels: int = 50, min_frames: int = 2) -> set[str]:
    """Ids of the objects a walkthrough shows: at least ``min_pixels`` in ``min_frames`` frames
    (what could be lifted at all; recall is measured over these)."""
    seen = set()
    for k in np.unique(instances):
        if k and str(int(k)) in legend:
            frames = int(((instances == k).sum(axis=(1, 2)) >= min_pixels).sum())
            if frames >= min_frames:
                seen.add(legend[str(int(k))]["id"])
    return seen


def evaluate_lift(truth, lifted, report: dict, recon_cam_to_world: np.ndarray, true_cam_to_world: np.ndarray,
                  visible: set[str] | None = None) -> dict:
    """Compare a lifted layout with the truth after bringing it into the truth's frame.

    The lifted frame is the reconstruction's, turned and scaled by lifting (``report["frame"]``);
    the reconstruction's cameras in that frame are aligned to the true cameras by a similarity
    (yaw, scale, shift), the usual way to compare a reconstruction. ``scale`` says how far the
    metric scale of the whole chain was off (1 = exact)."""
    f = report["frame"]
    R, t = np.asarray(f["rotation"]), np.asarray(f["translation"])
    cams = f["scale"] * (recon_cam_to_world[:, :3, 3] @ R.T + t)
    if len(cams) >= 2 and np.ptp(cams[:, :2], axis=0).max() > 1e-3:
        angle, scale, shift = align_2d(cams[:, :2], true_cam_to_world[:, :2, 3], with_scale=True)
    else:  # one camera: only a shift is defined
        angle, scale, shift = 0.0, 1.0, true_cam_to_world[0, :2, 3] - cams[0, :2]
    m = compare_layouts(truth, transform_scene(lifted, angle, shift, scale), visible)
    m["scale"] = scale
    return m
