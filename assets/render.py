"""Software rendering of assets for previews and the contact sheet (numpy + Pillow, no GPU).

A three-quarter view from the front (+X) and above, orthographic, flat Lambert shading and the
painter's algorithm over back-face-culled triangles. Good enough to judge shape and proportion at
a glance; physically based rendering of whole scenes lives in the MuJoCo-based stages.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .library import AssetGeometry


def _view_basis(azimuth: float, elevation: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.array([math.cos(azimuth) * math.cos(elevation), math.sin(azimuth) * math.cos(elevation), math.sin(elevation)])
    right = np.cross(np.array([0.0, 0.0, 1.0]), d)
    right /= np.linalg.norm(right)
    up = np.cross(d, right)
    return d, right, up


def render_asset(geom: AssetGeometry, size_px: int = 256, azimuth_deg: float = -35.0, elevation_deg: float = 25.0,
                 background=(255, 255, 255), supersample: int = 2) -> Image.Image:
    """Render one asset centred in a square image; the front (+X) faces the viewer's left-front."""
    d, right, up = _view_basis(math.radians(azimuth_deg), math.radians(elevation_deg))
    light = np.array([0.5, -0.3, 0.8])
    light /= np.linalg.norm(light)
    # Culled faces of one convex part never overlap each other, so only the order of parts
    # matters: parts are drawn far to near by the depth of their centre.
    tris, colors, part_depth = [], [], []
    for p in geom.parts:
        tri = p.vertices[p.faces]
        tris.append(tri)
        colors.append(np.tile(np.asarray(p.color, float), (len(tri), 1)))
        part_depth.append(np.full(len(tri), p.vertices.mean(axis=0) @ d))
    tris = np.concatenate(tris)
    colors = np.concatenate(colors)
    part_depth = np.concatenate(part_depth)
    normals = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    norm = np.linalg.norm(normals, axis=1)
    keep = norm > 1e-12
    tris, colors, normals, part_depth = tris[keep], colors[keep], normals[keep] / norm[keep, None], part_depth[keep]
    facing = normals @ d > 0
    tris, colors, normals, part_depth = tris[facing], colors[facing], normals[facing], part_depth[facing]
    order = np.argsort(part_depth, kind="stable")
    shade = 0.45 + 0.55 * np.clip(normals @ light, 0, 1)

    s = size_px * supersample
    xy = np.stack([tris @ right, tris @ up], axis=-1)
    allv = np.concatenate([p.vertices for p in geom.parts])
    proj = np.stack([allv @ right, allv @ up], axis=-1)
    lo, hi = proj.min(axis=0), proj.max(axis=0)
    scale = 0.86 * s / max(hi - lo)
    centre = (lo + hi) / 2
    pix = (xy - centre) * scale
    pix[..., 0] += s / 2
    pix[..., 1] = s / 2 - pix[..., 1]

    img = Image.new("RGB", (s, s), background)
    draw = ImageDraw.Draw(img, "RGBA")
    for i in order:
        c = colors[i]
        rgb = tuple(int(255 * min(1.0, v * shade[i])) for v in c[:3])
        draw.polygon([tuple(pt) for pt in pix[i]], fill=rgb + (int(255 * c[3]),))
    return img.resize((size_px, size_px), Image.LANCZOS) if supersample > 1 else img


def contact_sheet(geoms: list[AssetGeometry], tile_px: int = 200, columns: int = 12) -> Image.Image:
    """Every asset rendered and labelled (category / variant and size) on one sheet."""
    rows = math.ceil(len(geoms) / columns)
    label_h = 30
    sheet = Image.new("RGB", (columns * tile_px, rows * (tile_px + label_h)), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for k, g in enumerate(geoms):
        r, c = divmod(k, columns)
        x0, y0 = c * tile_px, r * (tile_px + label_h)
        sheet.paste(render_asset(g, tile_px), (x0, y0))
        sx, sy, sz = g.info.size
        draw.text((x0 + tile_px / 2, y0 + tile_px + 2), g.info.id, fill=(0, 0, 0), font=font, anchor="ma")
        draw.text((x0 + tile_px / 2, y0 + tile_px + 15), f"{sx:.2f} x {sy:.2f} x {sz:.2f} m", fill=(90, 90, 90),
                  font=font, anchor="ma")
    return sheet
