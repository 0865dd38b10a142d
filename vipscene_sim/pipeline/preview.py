"""Top-down plan of a Scene as a PNG: room shell, openings, object footprints and fronts.

Drawn with Pillow only, so the offline build needs no plotting stack. +Y points up in the image;
every object's front (+X) edge is drawn thicker so a wrong yaw is visible at a glance.
"""

from __future__ import annotations

import colorsys
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ..geometry.polygon import triangulate, wall_segments
from ..geometry.pose import footprint
from ..scene import Scene

SUPPORT_STYLE = {"floor": 150, "on": 230, "wall": 90}


def category_colors(categories) -> dict[str, tuple[int, int, int]]:
    """A distinct colour for each category of a plan: hues spread by the golden angle over the
    sorted names, so the same scene always gets the same colours and no two categories of one
    plan share a colour (a rug never looks like the bed on it)."""
    out = {}
    for i, name in enumerate(sorted(set(categories))):
        h = (i * 0.618033988749895) % 1.0
        r, g, b = colorsys.hls_to_rgb(h, 0.5 if i % 2 else 0.62, 0.6)
        out[name] = (int(r * 255), int(g * 255), int(b * 255))
    return out


LEGEND_ROW_PX = 16


def _legend_rows(n: int, columns: int) -> int:
    return (n + columns - 1) // columns


def render_plan(scene: Scene, size_px: int = 900, margin_px: int = 40, labels: bool = True) -> Image.Image:
    """Render the plan with a legend of the categories below it; returns an RGB image of width
    ``size_px``. Ceiling objects are outlined (they hang above the rest) and labelled in grey."""
    floor = np.asarray(scene.room.floor, dtype=float)
    lo, hi = floor.min(axis=0), floor.max(axis=0)
    span = max(hi - lo) or 1.0
    scale = (size_px - 2 * margin_px) / span
    colors = category_colors(o.category for o in scene.objects)
    columns = max(1, (size_px - 2 * margin_px) // 170)
    legend_px = _legend_rows(len(colors), columns) * LEGEND_ROW_PX + (10 if colors else 0)
    plan_px = int((hi[1] - lo[1]) * scale + 2 * margin_px + 30)
    height_px = plan_px + legend_px

    def px(p: np.ndarray) -> tuple[float, float]:
        return (margin_px + (p[0] - lo[0]) * scale, plan_px - 30 - margin_px - (p[1] - lo[1]) * scale)

    img = Image.new("RGBA", (size_px, height_px), (255, 255, 255, 255))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    fc = scene.room.materials.floor.color
    draw.polygon([px(p) for p in floor], fill=tuple(int(c * 255) for c in fc[:3]) + (110,))

    wall_w = max(2, int(scene.room.wall_thickness * scale))
    segments = wall_segments(floor)
    for a, b in segments:
        draw.line([px(a), px(b)], fill=(60, 60, 60, 255), width=wall_w)
    for op in scene.room.openings:
        a, b = segments[op.wall]
        d = (b - a) / np.linalg.norm(b - a)
        s, e = a + d * op.offset, a + d * (op.offset + op.width)
        if op.kind == "door":
            draw.line([px(s), px(e)], fill=(255, 255, 255, 255), width=wall_w + 2)
            n = np.array([-d[1], d[0]])  # interior side of a counter-clockwise polygon
            leaves = [(s, d, op.width)] if op.leaves == 1 else [(s, d, op.width / 2), (e, -d, op.width / 2)] \
                if op.leaves == 2 else []  # an open doorway has no leaf to draw
            for hinge, along, w in leaves:
                arc = [px(hinge + w * (math.cos(t) * along + math.sin(t) * n)) for t in np.linspace(0, math.pi / 2, 12)]
                draw.line([px(hinge)] + arc + [px(hinge)], fill=(120, 80, 40, 255), width=2)
        else:
            draw.line([px(s), px(e)], fill=(120, 190, 240, 255), width=wall_w)

    order = {"floor": 0, "wall": 1, "on": 2, "ceiling": 3}
    for obj in sorted(scene.objects, key=lambda o: (order[o.support.kind], o.position[2])):
        fp = footprint(obj.size, obj.position, obj.quaternion)
        pts = [px(p) for p in fp]
        if obj.support.kind == "ceiling":  # outline only: it hangs above everything else
            draw.polygon(pts, outline=colors[obj.category] + (255,), width=3)
            continue
        draw.polygon(pts, fill=colors[obj.category] + (SUPPORT_STYLE[obj.support.kind],), outline=(40, 40, 40, 255))
        draw.line([pts[1], pts[2]], fill=(200, 30, 30, 255), width=3)  # the +X (front) edge
    # legend swatches drawn like the plan's fills (same alpha over the floor's colour)
    counts: dict[str, int] = {}
    for o in scene.objects:
        counts[o.category] = counts.get(o.category, 0) + 1
    col_w = (size_px - 2 * margin_px) // columns
    legend = []
    for i, (name, color) in enumerate(colors.items()):
        r, c = divmod(i, columns)
        x, y = margin_px + c * col_w, plan_px + 4 + r * LEGEND_ROW_PX
        draw.rectangle([x, y + 2, x + 12, y + 12], fill=tuple(int(v * 255) for v in fc[:3]) + (110,))
        draw.rectangle([x, y + 2, x + 12, y + 12], fill=color + (SUPPORT_STYLE["floor"],), outline=(40, 40, 40, 255))
        legend.append((name, x, y))
    img = Image.alpha_composite(img, layer)

    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default()
    if labels:
        for obj in scene.objects:
            x, y = px(np.asarray(obj.position))
            grey = obj.support.kind == "ceiling"
            draw.text((x, y), obj.id, fill=(110, 110, 110, 255) if grey else (0, 0, 0, 255), font=font, anchor="mm")
    # 1 m scale bar and caption
    y0 = plan_px - 22
    draw.line([(margin_px, y0), (margin_px + scale, y0)], fill=(0, 0, 0, 255), width=3)
    draw.text((margin_px + scale + 8, y0), "1 m", fill=(0, 0, 0, 255), font=font, anchor="lm")
    caption = f"{scene.name}: {len(scene.objects)} objects, red edge = front (+X), outline = on the ceiling"
    draw.text((size_px - margin_px, y0), caption, fill=(0, 0, 0, 255), font=font, anchor="rm")
    for i, (name, x, y) in enumerate(legend):
        draw.text((x + 18, y + 7), f"{name} x{counts[name]}" if counts[name] > 1 else name, fill=(0, 0, 0, 255),
                  font=font, anchor="lm")
    return img.convert("RGB")


def render_view(scene: Scene, libraries, size_px: int = 900, azimuth_deg: float = -50.0,
                elevation_deg: float = 35.0) -> Image.Image:
    """A three-quarter view of the scene with its assets: floor and the far walls (openings cut)
    are drawn first, so nothing in the room hides behind a near wall."""
    from types import SimpleNamespace

    import trimesh

    from ..geometry.pose import quat_to_matrix
    from ..geometry.room import wall_boxes

    az, el = math.radians(azimuth_deg), math.radians(elevation_deg)
    view = np.array([math.cos(az) * math.cos(el), math.sin(az) * math.cos(el), math.sin(el)])
    parts, layers = [], []
    floor = np.asarray(scene.room.floor, float)
    fc = tuple(scene.room.materials.floor.color[:3]) + (1.0,)
    parts.append(SimpleNamespace(vertices=np.c_[floor, np.zeros(len(floor))], faces=triangulate(floor), color=fc))
    layers.append(0)
    wc = tuple(scene.room.materials.walls.color[:3]) + (1.0,)
    for wb in wall_boxes(scene.room):
        out = np.array([math.sin(wb.yaw), -math.cos(wb.yaw)])  # outward normal of this wall
        if out @ view[:2] > 0:  # a near wall: it would hide the room
            continue
        box = trimesh.creation.box(extents=wb.size)
        rot = np.array([[math.cos(wb.yaw), -math.sin(wb.yaw), 0], [math.sin(wb.yaw), math.cos(wb.yaw), 0], [0, 0, 1]])
        parts.append(SimpleNamespace(vertices=np.asarray(box.vertices) @ rot.T + wb.center, faces=np.asarray(box.faces), color=wc))
        layers.append(1)
    for obj in scene.objects:
        if obj.asset is None:
            continue
        if obj.support.kind == "wall" and math.cos(obj.yaw) * view[0] + math.sin(obj.yaw) * view[1] < 0:
            continue  # hangs on a near wall, which is not drawn
        geom = libraries.resolve(obj.asset)
        if geom is None:  # unloadable (recorded in the report): not drawn
            continue
        r = quat_to_matrix(obj.quaternion)
        s = np.asarray(obj.asset.scale, float)
        for p in geom.parts:
            v = (p.vertices * s) @ r.T + np.asarray(obj.position)
            parts.append(SimpleNamespace(vertices=v, faces=p.faces, color=p.color))
            layers.append(2)
    if not parts:
        return Image.new("RGB", (size_px, size_px), (255, 255, 255))
    from assets.render import render_parts

    fit = np.concatenate([np.c_[floor, np.zeros(len(floor))], np.c_[floor, np.full(len(floor), scene.room.height)]])
    return render_parts(parts, size_px, azimuth_deg, elevation_deg, fit_points=fit, layers=layers,
                        height_px=int(size_px * 0.8))


def wall_hung(scene: Scene) -> frozenset[str]:
    """Objects hanging on a wall, and everything standing on them (a vase on a wall shelf)."""
    hung = {o.id for o in scene.objects if o.support.kind == "wall"}
    grew = True
    while grew:
        more = {o.id for o in scene.objects if o.support.kind == "on" and o.support.on in hung} - hung
        hung |= more
        grew = bool(more)
    return frozenset(hung)


def compose_preview(scene: Scene, libraries, size_px: int = 900, mjcf_path=None) -> tuple[Image.Image, str]:
    """OUT/preview.png: the plan on the left and, on the right, a perspective render of the
    exported MJCF by MuJoCo's offscreen renderer, or — where MuJoCo cannot render (no GL) — the
    software three-quarter view. Returns the image and which view was used."""
    plan = render_plan(scene, size_px=size_px)
    view, kind = None, "software"
    if mjcf_path is not None:
        try:
            from exporters.mjcf import body_names, render_mjcf

            from ..catalog import NO_FRONT

            names = body_names(scene)
            facing = frozenset(names[o.id] for o in scene.objects if o.category not in NO_FRONT and o.support.kind != "ceiling")
            view = Image.fromarray(render_mjcf(mjcf_path, width=size_px, height=int(size_px * 0.8), azimuth_deg=None,
                                               wall_hung=frozenset(names[i] for i in wall_hung(scene)), facing=facing))
            kind = "mujoco"
        except Exception as exc:  # noqa: BLE001 - no GL here: fall back, and say so
            kind = f"software (MuJoCo rendering unavailable: {type(exc).__name__}: {str(exc)[:120]})"
    if view is None:
        view = render_view(scene, libraries, size_px=size_px)
    out = Image.new("RGB", (plan.width + view.width, max(plan.height, view.height)), (255, 255, 255))
    out.paste(plan, (0, 0))
    out.paste(view, (plan.width, 0))
    return out, kind
