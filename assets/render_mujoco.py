"""Rendering one asset with MuJoCo, textures and all (the contact sheet, `vipscene assets show
--out .png`, and the test that the visual meshes are what simulators draw).

The asset is written as a small MJCF beside its meshes and textures, as the scene exporter writes
it (visual meshes per surface, textured materials), and rendered offscreen (``MUJOCO_GL=egl`` on
a machine without a display). ``visual=False`` draws the collision parts instead, each in its
part's colour: what the asset looked like before it had visual meshes.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np
from lxml import etree
from PIL import Image

from .library import AssetGeometry
from .materials import Surface, TextureFiles


def asset_mjcf(geom: AssetGeometry, folder: Path, texture: Callable[[str], TextureFiles] | None,
               visual: bool = True) -> Path:
    """Write ``folder/asset.xml`` (+ meshes, textures) showing ``geom``; returns its path.
    ``texture``: kind -> its cached images (None: untextured)."""
    from exporters.mjcf import write_obj

    root = etree.Element("mujoco", model=geom.info.id)
    etree.SubElement(root, "compiler", angle="radian")
    vis = etree.SubElement(root, "visual")
    etree.SubElement(vis, "headlight", ambient="0.4 0.4 0.4", diffuse="0.5 0.5 0.5", specular="0.1 0.1 0.1")
    etree.SubElement(vis, "global", offwidth="1024", offheight="1024")
    asset = etree.SubElement(root, "asset")
    etree.SubElement(asset, "texture", type="skybox", builtin="flat", rgb1="1 1 1", rgb2="1 1 1", width="8", height="8")
    body = etree.SubElement(etree.SubElement(root, "worldbody"), "body", name="asset")
    if visual:
        groups = geom.visual_groups()
    else:
        groups = [(Surface("plastic", tuple(p.color)), p.vertices, p.faces, None) for p in geom.parts]
    textures: set[str] = set()
    for k, (surf, v, f, uv) in enumerate(groups):
        spec = surf.spec
        textured = visual and texture is not None and uv is not None and spec.texture
        write_obj(folder / f"m{k}.obj", v, f, uv if textured else None)
        etree.SubElement(asset, "mesh", name=f"m{k}", file=f"m{k}.obj")
        attrs = {"name": f"mat{k}", "rgba": " ".join(f"{c:.4g}" for c in surf.color),
                 "specular": f"{0.15 + 0.6 * spec.metallic:.3g}", "shininess": f"{1 - spec.roughness:.3g}"}
        if textured:
            if surf.material not in textures:
                src = texture(surf.material).albedo
                (folder / src.name).write_bytes(src.read_bytes())
                etree.SubElement(asset, "texture", name=f"tex_{surf.material}", type="2d", file=src.name)
                textures.add(surf.material)
            attrs["texture"] = f"tex_{surf.material}"
        etree.SubElement(asset, "material", attrs)
        etree.SubElement(body, "geom", type="mesh", mesh=f"m{k}", material=f"mat{k}", contype="0", conaffinity="0")
    etree.SubElement(root.find("worldbody"), "light", directional="true", pos="2 -1 3", dir="-0.6 0.3 -1",
                     diffuse="0.6 0.6 0.6")
    path = folder / "asset.xml"
    path.write_bytes(etree.tostring(root, pretty_print=True))
    return path


def render_mujoco(geom: AssetGeometry, texture: Callable[[str], TextureFiles] | None, size_px: int = 256,
                  visual: bool = True, azimuth_deg: float = -35.0, elevation_deg: float = 25.0) -> Image.Image:
    """The asset seen from its front-right (+X, -Y) and above, framed on its bounding box, on white
    (a flat white skybox)."""
    import mujoco

    from vipscene_sim.offscreen import renderer

    with tempfile.TemporaryDirectory() as tmp:
        model = mujoco.MjModel.from_xml_path(str(asset_mjcf(geom, Path(tmp), texture, visual)))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    lo, hi = geom.bounds()
    cam = mujoco.MjvCamera()
    cam.lookat[:] = (lo + hi) / 2
    fovy = math.radians(float(model.vis.global_.fovy))
    cam.distance = 0.5 * float(np.linalg.norm(hi - lo)) / math.tan(fovy / 2) * 1.05
    # MuJoCo's azimuth is where the camera looks towards; ours is where it stands
    cam.azimuth, cam.elevation = azimuth_deg + 180.0, -elevation_deg
    r = renderer(model, size_px, size_px)
    try:
        r.update_scene(data, cam)
        return Image.fromarray(r.render())
    finally:
        r.close()
