"""Lifting step 5, supports: floor, on the object below (its surface under the child), wall,
ceiling or inside a container, each box snapped onto what holds it; rugs hidden under the bed or
sofa that covers them are completed."""

from __future__ import annotations

import math

import numpy as np

from ..catalog import CATEGORIES
from .boxes import ray_to_walls
from .candidates import LiftedBox

ON_RUGS = frozenset({"bed", "sofa", "dining_table", "coffee_table", "desk"})


def _footprint_contains(b: LiftedBox, p: np.ndarray, margin: float) -> bool:
    c, s = math.cos(b.yaw), math.sin(b.yaw)
    d = p - np.asarray(b.center[:2])
    return abs(d[0] * c + d[1] * s) <= b.size[0] / 2 + margin and abs(-d[0] * s + d[1] * c) <= b.size[1] / 2 + margin


def complete_rugs(boxes: list[LiftedBox]) -> None:
    """Rugs hidden under the furniture standing on them: a rug whose visible part ends at a bed,
    sofa or table continues under it, so its box grows to that furniture's middle (as far as the
    category's size range allows). Axis-aligned rugs and furniture only."""
    for r in boxes:
        if r.category != "rug" or abs(math.sin(2 * r.yaw)) > 1e-3:
            continue
        spec = CATEGORIES["rug"]
        lo = np.array(r.center[:2]) - _plan_half(r)
        hi = np.array(r.center[:2]) + _plan_half(r)
        for f in boxes:
            if f is r or f.category not in ON_RUGS or abs(math.sin(2 * f.yaw)) > 1e-3:
                continue
            flo, fhi = np.array(f.center[:2]) - _plan_half(f), np.array(f.center[:2]) + _plan_half(f)
            gap = np.maximum(flo - hi, lo - fhi)  # per axis, negative where they overlap
            edge = np.abs(gap) <= 0.05  # the seen rug ends at the furniture's edge along this axis
            if edge.sum() != 1 or gap[~edge][0] >= 0:
                continue
            # how far under it the rug goes is not seen: to the furniture's middle (a rug under a
            # bed or sofa usually reaches under its front half)
            mid = np.array(f.center[:2])
            new_lo = np.where(edge, np.minimum(lo, mid), lo)
            new_hi = np.where(edge, np.maximum(hi, mid), hi)
            if np.all(np.sort(new_hi - new_lo) <= np.sort(spec.size_max[:2]) + 1e-9):
                lo, hi = new_lo, new_hi
                r.notes.append(f"continues under {f.category} (hidden by it)")
        swap = abs(math.sin(r.yaw)) > 0.5  # the box's x axis along world y
        ext = hi - lo
        r.size[0], r.size[1] = (ext[1], ext[0]) if swap else (ext[0], ext[1])
        r.center[0], r.center[1] = float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2)


def _plan_half(b: LiftedBox) -> np.ndarray:
    """Half extents along world x and y of an axis-aligned (multiple of 90 degrees) box."""
    swap = abs(math.sin(b.yaw)) > 0.5
    return np.array([b.size[1], b.size[0]]) / 2 if swap else np.array([b.size[0], b.size[1]]) / 2


def _set_bottom(b: LiftedBox, z: float) -> None:
    """Move a box's bottom to ``z`` keeping its top (a box at least 5 mm tall)."""
    top = max(b.center[2] + b.size[2] / 2, z + 0.005)
    b.size[2] = top - z
    b.center[2] = (top + z) / 2


def _surface_under(parent: LiftedBox, child: LiftedBox) -> float:
    """Height of the parent's surface under the child: its highest points within the child's
    footprint (a mattress below a headboard's top), else the parent's top."""
    top = parent.center[2] + parent.size[2] / 2
    if parent.xyz is None:
        return top
    r = max(min(child.size[0], child.size[1]) / 2, 0.05)
    d = parent.xyz[:, :2] - np.asarray(child.center[:2])
    under = parent.xyz[np.hypot(d[:, 0], d[:, 1]) < r, 2]
    under = under[under < child.center[2] - child.size[2] / 2 + 0.12]
    return float(np.quantile(under, 0.9)) if len(under) >= 5 else top


def assign_supports(boxes: list[LiftedBox], floor: np.ndarray, height: float) -> None:
    """Support relation of every box (floor, on another box, wall, ceiling), snapping the box onto
    what holds it. Boxes are processed bottom-up so a parent is settled before its children; only
    boxes already settled can hold another, so supports never form a cycle."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].center[2] - boxes[i].size[2] / 2)
    for pos, i in enumerate(order):
        settled = order[:pos]
        b = boxes[i]
        spec = CATEGORIES.get(b.category)
        bottom, top = b.center[2] - b.size[2] / 2, b.center[2] + b.size[2] / 2
        placement = spec.placement if spec else None
        xy = np.asarray(b.center[:2])

        parents = []
        for j in settled:
            p = boxes[j]
            if not _footprint_contains(p, xy, 0.03):
                continue
            for ptop in (_surface_under(p, b), p.center[2] + p.size[2] / 2):
                if bottom - 0.1 < ptop < bottom + 0.12 and ptop < top:
                    parents.append((abs(ptop - bottom), j, ptop))
        front = np.array([math.cos(b.yaw), math.sin(b.yaw)])
        back_gap = ray_to_walls(xy - front * b.size[0] / 2, -front, floor)
        containers = [j for j in settled if _footprint_contains(boxes[j], xy, 0.0)
                      and boxes[j].center[2] - boxes[j].size[2] / 2 < b.center[2] < boxes[j].center[2] + boxes[j].size[2] / 2]
        big_floor_thing = placement == "floor" and b.size[2] > 0.5
        if placement == "ceiling":
            b.support = "ceiling"
            b.size[2] = max(height - bottom, 0.02)
            b.center[2] = height - b.size[2] / 2
            b.notes.append("hangs from the ceiling: extended to it")
        elif bottom < 0.06:
            b.support = "floor"
            _set_bottom(b, 0.0)
        elif parents and not big_floor_thing:
            _, j, ptop = min(parents)
            b.support, b.parent = "on", j
            # the parent's top is measured from above (noise pushes it up), the child's bottom from
            # its own points (noise pushes it down): the surface lies between
            surface = 0.5 * (ptop + bottom)
            p = boxes[j]
            if abs(ptop - (p.center[2] + p.size[2] / 2)) < 1e-9 and surface < ptop:
                p_bottom = p.center[2] - p.size[2] / 2
                p.size[2] = max(surface - p_bottom, 0.005)
                p.center[2] = p_bottom + p.size[2] / 2
            _set_bottom(b, surface)
        elif placement == "floor":
            b.support = "floor"
            b.notes.append(f"bottom not seen ({bottom:.2f} m up): extended to the floor")
            _set_bottom(b, 0.0)
        elif (back_gap < 0.15 and (placement is None or (bottom > 0.3 and placement != "on"))) or \
                (placement == "wall" and back_gap < 0.6):
            b.support = "wall"
            if back_gap > 0.002:
                b.center[0] -= front[0] * (back_gap - 0.002)
                b.center[1] -= front[1] * (back_gap - 0.002)
        elif containers:
            j = min(containers, key=lambda j: float(np.prod(boxes[j].size)))
            b.support, b.parent = "on", j
            b.notes.append("inside another object (a shelf not seen under it): on it")
        elif top > height - 0.15 and placement is None:
            b.support = "ceiling"
            b.center[2] = height - b.size[2] / 2
        else:
            below = [(boxes[j].center[2] + boxes[j].size[2] / 2, j) for j in settled
                     if boxes[j].center[2] + boxes[j].size[2] / 2 <= bottom + 0.12 and _footprint_contains(boxes[j], xy, 0.03)]
            if below:
                ptop, j = max(below)
                b.support, b.parent = "on", j
                _set_bottom(b, ptop)
                b.notes.append(f"lowered {bottom - ptop:.2f} m onto what is below it")
            else:
                b.support = "floor"
                b.notes.append(f"nothing seen holding it {bottom:.2f} m above the floor: set down on the floor")
                b.center[2] = b.size[2] / 2
