"""Rendering assets with MuJoCo, textures and all (the contact sheet, `vipscene assets show
--out .png`, and the test that the visual meshes are what simulators draw).

Assets are written as a small MJCF beside their meshes and textures, as the scene exporter writes
them (visual meshes per surface, textured materials), side by side along +Y, and rendered
offscreen (``MUJOCO_GL=egl`` on a machine without a display) with one GL context for them all.
``visual=False`` draws the collision parts instead, each in its part's colour: what an asset
looked like before it had visual meshes.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from lxml import etree
from PIL import Image

from .library import AssetGeometry
from .meshes import write_obj
from .materials import Surface, TextureFiles

GAP = 1.0
"""Least free space (m) between neighbouring assets in one model; larger ones stand further apart
(`assets_mjcf`), so none shows in another's frame."""
MAX_MATERIALS = 900
"""Materials in one model: MuJoCo's renderer takes at most 999 beside a skybox."""


def assets_mjcf(geoms: Sequence[AssetGeometry], folder: Path, texture: Callable[[str], TextureFiles] | None,
                visual: bool = True) -> tuple[Path, list[np.ndarray]]:
    """Write ``folder/assets.xml`` (+ meshes, textures) showing ``geoms`` side by side; returns
    its path and where each asset's origin was put. ``texture``: kind -> its cached images
    (None: untextured)."""
    root = etree.Element("mujoco", model="assets")
    etree.SubElement(root, "compiler", angle="radian")
    vis = etree.SubElement(root, "visual")
    etree.SubElement(vis, "headlight", ambient="0.4 0.4 0.4", diffuse="0.5 0.5 0.5", specular="0.1 0.1 0.1")
    etree.SubElement(vis, "global", offwidth="1024", offheight="1024")
    asset = etree.SubElement(root, "asset")
    etree.SubElement(asset, "texture", type="skybox", builtin="flat", rgb1="1 1 1", rgb2="1 1 1", width="8", height="8")
    world = etree.SubElement(root, "worldbody")
    etree.SubElement(world, "light", directional="true", pos="2 -1 3", dir="-0.6 0.3 -1", diffuse="0.6 0.6 0.6")
    textures: set[str] = set()
    origins, y, last = [], 0.0, 0.0
    for a, geom in enumerate(geoms):
        lo, hi = geom.bounds()
        diagonal = float(np.linalg.norm(hi - lo))
        if a:  # the camera looks along +Y in part: a neighbour stands 1.5 diagonals clear
            y += max(GAP, 1.5 * (last + diagonal))
        last = diagonal
        origin = np.array([0.0, y, 0.0]) - (lo + hi) / 2 * np.array([0, 1, 0])
        origins.append(origin)
        body = etree.SubElement(world, "body", name=f"a{a}", pos=" ".join(f"{c:.6g}" for c in origin))
        if visual:
            groups = geom.visual_groups()
        else:
            groups = [(Surface("plastic", tuple(p.color)), p.vertices, p.faces, None) for p in geom.parts]
        for k, (surf, v, f, uv) in enumerate(groups):
            spec = surf.spec
            textured = visual and texture is not None and uv is not None and spec.texture
            write_obj(folder / f"a{a}_{k}.obj", v, f, uv if textured else None)
            etree.SubElement(asset, "mesh", name=f"a{a}_{k}", file=f"a{a}_{k}.obj")
            attrs = {"name": f"a{a}_{k}", "rgba": " ".join(f"{c:.4g}" for c in surf.color),
                     "specular": f"{0.15 + 0.6 * spec.metallic:.3g}", "shininess": f"{1 - spec.roughness:.3g}"}
            if textured:
                if surf.material not in textures:
                    src = texture(surf.material).albedo
                    (folder / src.name).write_bytes(src.read_bytes())
                    etree.SubElement(asset, "texture", name=f"tex_{surf.material}", type="2d", file=src.name)
                    textures.add(surf.material)
                attrs["texture"] = f"tex_{surf.material}"
            etree.SubElement(asset, "material", attrs)
            etree.SubElement(body, "geom", type="mesh", mesh=f"a{a}_{k}", material=f"a{a}_{k}", contype="0",
                             conaffinity="0")
    path = folder / "assets.xml"
    path.write_bytes(etree.tostring(root, pretty_print=True))
    return path, origins


def render_many(geoms: Sequence[AssetGeometry], texture: Callable[[str], TextureFiles] | None, size_px: int = 256,
                visual: bool = True, azimuth_deg: float = -35.0, elevation_deg: float = 25.0) -> list[Image.Image]:
    """Each asset seen from its front-right (+X, -Y) and above, framed on its bounding box, on
    white (a flat white skybox); one model and one offscreen context for all of them."""
    import mujoco

    from vipscene_sim.offscreen import renderer

    if not geoms:
        return []
    batch, count = [], 0
    for k, g in enumerate(geoms):  # models of at most MAX_MATERIALS materials
        n = len(g.visual_groups()) if visual else len(g.parts)
        if batch and count + n > MAX_MATERIALS:
            return (render_many(batch, texture, size_px, visual, azimuth_deg, elevation_deg)
                    + render_many(geoms[k:], texture, size_px, visual, azimuth_deg, elevation_deg))
        batch.append(g)
        count += n
    with tempfile.TemporaryDirectory() as tmp:
        path, origins = assets_mjcf(geoms, Path(tmp), texture, visual)
        model = mujoco.MjModel.from_xml_path(str(path))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    fovy = math.radians(float(model.vis.global_.fovy))
    r = renderer(model, size_px, size_px)
    images = []
    try:
        for geom, origin in zip(geoms, origins):
            lo, hi = geom.bounds()
            cam = mujoco.MjvCamera()
            cam.lookat[:] = origin + (lo + hi) / 2
            cam.distance = 0.5 * float(np.linalg.norm(hi - lo)) / math.tan(fovy / 2) * 1.02
            # clipping planes are fractions of the whole model's extent: set them for this asset
            model.vis.map.znear = 0.05 * cam.distance / model.stat.extent
            model.vis.map.zfar = 2.5 * cam.distance / model.stat.extent
            # MuJoCo's azimuth is where the camera looks towards; ours is where it stands
            cam.azimuth, cam.elevation = azimuth_deg + 180.0, -elevation_deg
            r.update_scene(data, cam)
            images.append(Image.fromarray(r.render()))
    finally:
        r.close()
    return images


def render_mujoco(geom: AssetGeometry, texture: Callable[[str], TextureFiles] | None, size_px: int = 256,
                  visual: bool = True, azimuth_deg: float = -35.0, elevation_deg: float = 25.0) -> Image.Image:
    """One asset (`render_many`)."""
    return render_many([geom], texture, size_px, visual, azimuth_deg, elevation_deg)[0]
