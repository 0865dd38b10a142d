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


def render_parts(parts, size_px: int = 256, azimuth_deg: float = -35.0, elevation_deg: float = 25.0,
                 background=(255, 255, 255), supersample: int = 2, fit_points=None, layers=None,
                 height_px: int | None = None) -> Image.Image:
    """Render convex parts (objects with ``vertices``, ``faces``, ``color``), orthographic.

    Culled faces of one convex part never overlap each other, so only the order of parts
    matters: parts are drawn far to near by the depth of their centre, after any lower
    ``layers`` value (0 first), which lets a caller draw a floor and back walls first.
    ``fit_points`` (default: all vertices) is what the view is framed on.
    """
    d, right, up = _view_basis(math.radians(azimuth_deg), math.radians(elevation_deg))
    light = np.array([0.5, -0.3, 0.8])
    light /= np.linalg.norm(light)
    layers = layers if layers is not None else [0] * len(parts)
    tris, colors, keys = [], [], []
    for p, layer in zip(parts, layers):
        tri = p.vertices[p.faces]
        tris.append(tri)
        colors.append(np.tile(np.asarray(p.color, float), (len(tri), 1)))
        keys.append(np.full(len(tri), layer * 1e6 + p.vertices.mean(axis=0) @ d))
    tris = np.concatenate(tris)
    colors = np.concatenate(colors)
    keys = np.concatenate(keys)
    normals = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    norm = np.linalg.norm(normals, axis=1)
    keep = norm > 1e-12
    tris, colors, normals, keys = tris[keep], colors[keep], normals[keep] / norm[keep, None], keys[keep]
    facing = normals @ d > 0
    tris, colors, normals, keys = tris[facing], colors[facing], normals[facing], keys[facing]
    order = np.argsort(keys, kind="stable")
    shade = 0.45 + 0.55 * np.clip(normals @ light, 0, 1)

    w = size_px * supersample
    h = (height_px or size_px) * supersample
    xy = np.stack([tris @ right, tris @ up], axis=-1)
    pts = np.concatenate([p.vertices for p in parts]) if fit_points is None else np.asarray(fit_points, float)
    proj = np.stack([pts @ right, pts @ up], axis=-1)
    lo, hi = proj.min(axis=0), proj.max(axis=0)
    scale = 0.9 * min(w / max(hi[0] - lo[0], 1e-9), h / max(hi[1] - lo[1], 1e-9))
    centre = (lo + hi) / 2
    pix = (xy - centre) * scale
    pix[..., 0] += w / 2
    pix[..., 1] = h / 2 - pix[..., 1]

    img = Image.new("RGB", (w, h), background)
    draw = ImageDraw.Draw(img, "RGBA")
    for i in order:
        c = colors[i]
        rgb = tuple(int(255 * min(1.0, v * shade[i])) for v in c[:3])
        draw.polygon([tuple(pt) for pt in pix[i]], fill=rgb + (int(255 * c[3]),))
    out_size = (size_px, height_px or size_px)
    return img.resize(out_size, Image.LANCZOS) if supersample > 1 else img


def render_asset(geom: AssetGeometry, size_px: int = 256, azimuth_deg: float = -35.0, elevation_deg: float = 25.0,
                 background=(255, 255, 255), supersample: int = 2) -> Image.Image:
    """Render one asset centred in a square image, seen from its front-right (+X, -Y) and above."""
    return render_parts(geom.parts, size_px, azimuth_deg, elevation_deg, background, supersample)


def contact_sheet(geoms: list[AssetGeometry], tile_px: int = 200, columns: int = 12, images=None) -> Image.Image:
    """Every asset rendered and labelled (category / variant and size) on one sheet. ``images``:
    one tile per asset rendered elsewhere (MuJoCo: `assets.render_mujoco.render_many`); default
    `render_asset`, this module's software renderer."""
    images = images if images is not None else [render_asset(g, tile_px) for g in geoms]
    rows = math.ceil(len(geoms) / columns)
    label_h = 30
    sheet = Image.new("RGB", (columns * tile_px, rows * (tile_px + label_h)), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for k, (g, tile) in enumerate(zip(geoms, images)):
        r, c = divmod(k, columns)
        x0, y0 = c * tile_px, r * (tile_px + label_h)
        sheet.paste(tile.convert("RGB").resize((tile_px, tile_px)), (x0, y0))
        sx, sy, sz = g.info.size
        draw.text((x0 + tile_px / 2, y0 + tile_px + 2), g.info.id, fill=(0, 0, 0), font=font, anchor="ma")
        draw.text((x0 + tile_px / 2, y0 + tile_px + 15), f"{sx:.2f} x {sy:.2f} x {sz:.2f} m", fill=(90, 90, 90),
                  font=font, anchor="ma")
    return sheet
