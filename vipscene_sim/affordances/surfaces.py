"""Receptacle surfaces with what is still free on them: the asset's listed surfaces (a table
top, each shelf), or an object's box top when the scene stands something on it; minus the plan
footprint of everything that occupies the layer just above the surface (what stands on it, a
lamp's stem, the asset's own dividers). World frame, metres."""

from __future__ import annotations

import numpy as np

from ..geometry.collision import plan_footprint
from ..geometry.pose import quat_to_matrix
from .model import Receptacle
from .settings import AffordanceSettings

LAYER = 0.3
"""Height (m) above a surface whose occupants make it not free."""
ON_TOL = 0.03
"""An object whose bottom is within this (m) of a surface stands on it."""
MARGIN = 0.01
"""Space (m) kept around what occupies a surface."""


def surfaces_of(obj, libraries) -> list[tuple[str, float, tuple[float, float], tuple[float, float]]]:
    """(name, height above the bottom, x range, y range) of the asset's listed surfaces, object
    frame, scaled to the object; empty when the asset lists none."""
    if obj.asset is None:
        return []
    g = libraries.resolve(obj.asset)
    if g is None:
        return []
    sx, sy, sz = obj.asset.scale
    return [(r.name, r.height * sz, (r.x[0] * sx, r.x[1] * sx), (r.y[0] * sy, r.y[1] * sy)) for r in g.info.receptacles]


def receptacles(scene, geo, libraries, s: AffordanceSettings, skip: set[str]) -> list[Receptacle]:
    """Every surface of every object not in ``skip`` (floor coverings), with its free area.
    ``geo``: `object_geometry` of the scene (world-frame hulls and footprints)."""
    import shapely
    from shapely.geometry import Polygon
    from shapely.geometry.polygon import orient

    held_on = {}
    for o in scene.objects:
        if o.support.kind == "on":
            held_on.setdefault(o.support.on, []).append(o.id)
    z_range = {oid: (float(g.vertices[:, 2].min()), float(g.vertices[:, 2].max())) for oid, g in geo.items()}
    plans = {oid: Polygon(g.footprint).buffer(0) for oid, g in geo.items() if oid not in skip}
    out = []
    for o in scene.objects:
        if o.id in skip:
            continue
        listed = surfaces_of(o, libraries)
        if not listed and o.id in held_on:
            listed = [("top", o.size[2], (-o.size[0] / 2, o.size[0] / 2), (-o.size[1] / 2, o.size[1] / 2))]
        if not listed:
            continue
        r, p = quat_to_matrix(o.quaternion), np.asarray(o.position, float)
        own = [(float(w[:, 2].min()), float(w[:, 2].max()), Polygon(plan_footprint(w)).buffer(0))
               for w in (v @ r.T + p for v, _ in geo[o.id].hulls)]
        for name, h, xr, yr in listed:
            corners = np.array([[x, y, h - o.size[2] / 2] for x, y in
                                ((xr[0], yr[0]), (xr[1], yr[0]), (xr[1], yr[1]), (xr[0], yr[1]))]) @ r.T + p
            height = float(corners[:, 2].mean())
            rect = Polygon(corners[:, :2]).buffer(0)
            if rect.area < 1e-4:
                continue
            # what covers most of the surface from above bounds its clearance; what reaches into
            # the layer just above it takes its footprint out of the free area
            clearance = scene.room.height - height
            occupants, holds = [], []
            for lo, hi, fp in own:  # the asset's own parts: a shelf above, a divider on it
                cover = fp.intersection(rect).area
                if lo > height + 0.005 and cover > 0.25 * rect.area:
                    clearance = min(clearance, lo - height)
                elif lo < height + LAYER and hi > height + 0.005 and cover > 1e-6:
                    occupants.append(fp)
            for oid, fp in plans.items():
                lo, hi = z_range[oid]
                if oid == o.id or hi <= height + 0.005 or not fp.intersects(rect):
                    continue  # itself, below the surface, or beside it
                covers = fp.intersection(rect).area > 0.25 * rect.area
                if lo > height + 0.02 and (covers or lo >= height + LAYER):
                    if covers:  # above it: a wall cabinet over a counter
                        clearance = min(clearance, lo - height)
                    continue
                if abs(lo - height) <= ON_TOL and oid in held_on.get(o.id, []):
                    holds.append(oid)
                occupants.append(fp)
            free = rect.difference(shapely.union_all([f.buffer(MARGIN) for f in occupants])) if occupants else rect
            polys = sorted(_polygons(free), key=lambda q: -q.area)
            place, radius = None, 0.0
            if polys:
                line = shapely.maximum_inscribed_circle(polys[0], tolerance=0.002)
                c = np.asarray(line.coords[0])
                radius = float(line.length)
                if radius >= s.min_free_radius:
                    place = [round(float(c[0]), 4), round(float(c[1]), 4), round(height, 4)]
                else:
                    radius = 0.0
            outline = [[round(float(x), 4), round(float(y), 4)] for x, y in orient(rect, 1.0).exterior.coords[:-1]]
            out.append(Receptacle(o.id, name, round(height, 4), round(float(clearance), 4), outline, round(float(rect.area), 4),
                                  round(float(free.area), 4), [_rings(q) for q in polys], place, round(radius, 4),
                                  sorted(holds)))
    return out


def _polygons(geom) -> list:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon" and g.area > 1e-6]


def _rings(poly) -> list[list[list[float]]]:
    """A polygon as [outer, *holes], each ring [[x, y], ...] (outer counter-clockwise)."""
    from shapely.geometry.polygon import orient

    poly = orient(poly, 1.0)
    return [[[round(x, 4), round(y, 4)] for x, y in ring.coords[:-1]] for ring in (poly.exterior, *poly.interiors)]
