"""Built-in assets as objathor-format asset folders, so AI2-THOR's runtime asset loading
(``CreateRuntimeAsset``, as Holodeck uses for Objaverse) can load houses that use them.

For every (asset, scale) a house uses: ``procthor/assets/<assetId>/<assetId>.json`` with the mesh in
AI2-THOR's runtime format (Unity frame, ``{x, y, z}`` vertices, flat triangle list, per-vertex
normals and UVs), an albedo texture and a normal map whose cells hold each surface's material
(`write_thor_asset`), the convex colliders and physical properties; plus ``procthor/annotations.json.gz`` in objathor's
annotation format (category, description, bounding box), so ``procthor/`` is itself an objathor
library (``--objathor OUT/procthor``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from pathlib import Path

import numpy as np
from PIL import Image

from assets.objathor import _FRONT
from vipscene_sim.geometry.frames import flip_winding, unity_to_zup


def to_unity(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Our object frame (front +X, +Z up) -> Unity (forward +Z, +Y up); inverse of objathor.to_zup."""
    return unity_to_zup(np.asarray(vertices, float) @ _FRONT), flip_winding(np.asarray(faces, np.int64))


def asset_key(asset_id: str, scale, restyle=None) -> str:
    """The THOR asset id of an asset at a scale and with an object's restyled surfaces (each
    combination is its own asset folder: THOR bakes size and colours into the asset)."""
    s = np.asarray(scale, float)
    key = asset_id if np.allclose(s, 1.0) else f"{asset_id}__{hashlib.sha1(s.round(6).tobytes()).hexdigest()[:8]}"
    if restyle:
        styles = json.dumps({k: [list(map(float, m.color)), m.texture] for k, m in sorted(restyle.items())})
        key += f"__style_{hashlib.sha1(styles.encode()).hexdigest()[:8]}"
    return key


CELL_PX = 256
"""Edge of one surface's cell in an asset's texture atlas, pixels."""


def _cell(surf, libraries, repeats: int, normal: bool, made: dict | None = None) -> np.ndarray:
    """One atlas cell: the surface's material texture repeated ``repeats`` times each way and
    tinted by its colour (albedo), or its normal map likewise (flat where the kind has none);
    ``made`` keeps those made (assets of one scene share surfaces)."""
    key = (surf.key(), repeats, normal)
    if made is not None and key in made:
        return made[key]
    cell = _make_cell(surf, libraries, repeats, normal)
    if made is not None:
        made[key] = cell
    return cell


def _make_cell(surf, libraries, repeats: int, normal: bool) -> np.ndarray:
    spec = surf.spec
    files = libraries.texture(surf.material) if libraries is not None and spec.texture else None
    src = (files.normal if normal else files.albedo) if files is not None else None
    if src is None:
        flat = (128, 128, 255) if normal else tuple((np.asarray(surf.color[:3]) * 255).round().astype(int))
        return np.full((CELL_PX, CELL_PX, 3), flat, np.uint8)
    with Image.open(src) as im:
        tile = im.convert("RGB").resize((max(8, CELL_PX // repeats),) * 2, Image.LANCZOS)
    cell = np.tile(np.asarray(tile), (repeats, repeats, 1))
    cell = np.asarray(Image.fromarray(cell).resize((CELL_PX, CELL_PX), Image.LANCZOS), float)
    if not normal:
        cell = cell * np.asarray(surf.color[:3])
    return cell.round().clip(0, 255).astype(np.uint8)


def write_thor_asset(folder: Path, key: str, geom, scale, hulls, mass: float, libraries=None,
                     made: dict | None = None, restyle=None) -> dict:
    """Write one asset folder; returns its objathor annotation.

    AI2-THOR takes one albedo and one normal map per asset, without tiling: each surface of the
    asset gets a cell of an atlas holding as many repeats of its material's texture as the
    surface's UVs span, and its UVs are mapped into that cell, so textures keep their size."""
    folder.mkdir(parents=True, exist_ok=True)  # folder: <library>/assets/<key>
    groups = geom.visual_groups(scale=scale, restyle=restyle)
    cells = math.ceil(math.sqrt(len(groups)))
    albedo = np.zeros((CELL_PX * cells, CELL_PX * cells, 3), np.uint8)
    normal = np.zeros_like(albedo)
    verts, tris, uvs = [], [], []
    offset = 0
    for i, (surf, gv, gf, guv) in enumerate(groups):
        r, q = divmod(i, cells)
        if guv is None:
            guv = np.full((len(gv), 2), 0.5)
        lo = guv.min(axis=0)
        repeats = int(min(16, max(1, math.ceil(float((guv.max(axis=0) - lo).max())))))
        local = np.clip((guv - lo) / repeats, 0.0, 1.0)
        for img, is_normal in ((albedo, False), (normal, True)):
            img[r * CELL_PX:(r + 1) * CELL_PX, q * CELL_PX:(q + 1) * CELL_PX] = _cell(surf, libraries, repeats, is_normal, made)
        v, f = to_unity(gv * np.asarray(scale, float), gf)
        verts.append(v)
        tris.append(f + offset)
        # image rows run down from the top; v runs up: the cell's bottom row is 1 - (r + 1) / cells
        uvs += [((q + a) / cells, 1.0 - (r + 1 - b) / cells) for a, b in local]
        offset += len(v)
    Image.fromarray(albedo).save(folder / "albedo.png", compress_level=1)  # fast: a build writes dozens
    Image.fromarray(normal).save(folder / "normal.png", compress_level=1)
    v = np.vstack(verts)
    f = np.vstack(tris)
    normals = np.zeros_like(v)
    fn = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])
    for k in range(3):
        np.add.at(normals, f[:, k], fn)
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    pt = lambda a: [{"x": float(x), "y": float(y), "z": float(z)} for x, y, z in a]  # noqa: E731
    colliders = []
    for hv, hf in hulls:
        uv_, uf = to_unity(hv, hf)
        colliders.append({"vertices": pt(uv_), "triangles": [int(i) for i in uf.ravel()]})
    doc = {
        "name": key, "vertices": pt(v), "triangles": [int(i) for i in f.ravel()], "normals": pt(normals),
        "uvs": [{"x": float(a), "y": float(b)} for a, b in uvs],
        "albedoTexturePath": f"{key}/albedo.png", "normalTexturePath": f"{key}/normal.png",
        "colliders": colliders, "yRotOffset": 0,
        "physicalProperties": {"mass": float(mass), "drag": 0.0, "angularDrag": 0.05, "useGravity": True},
        "receptacleCandidate": bool(geom.info.receptacles),
    }
    (folder / f"{key}.json").write_text(json.dumps(doc) + "\n")
    lo, hi = v.min(axis=0), v.max(axis=0)
    return {
        "uid": key, "category": geom.info.category, "description": geom.info.description,
        "onFloor": geom.info.placement == "floor", "onWall": geom.info.placement == "wall",
        "onObject": geom.info.placement == "on", "onCeiling": geom.info.placement == "ceiling",
        "pose_z_rot_angle": 0.0,
        "thor_metadata": {"assetMetadata": {"boundingBox": {"min": dict(zip("xyz", map(float, lo))),
                                                            "max": dict(zip("xyz", map(float, hi)))}}},
    }


def write_asset_folders(scene, libraries, bodies, out: Path) -> dict[str, str]:
    """Folders for every built-in asset of the scene; returns object id -> assetId to use."""
    ids, annotations, made = {}, {}, {}
    for obj in scene.objects:
        if obj.asset is None or obj.asset.library == "objathor":
            continue
        key = asset_key(obj.asset.id, obj.asset.scale, obj.materials)
        ids[obj.id] = key
        if key in annotations:
            continue
        geom = libraries.resolve(obj.asset)
        if geom is None:  # unloadable (recorded): the house keeps the plain asset id
            ids[obj.id] = obj.asset.id
            continue
        body = bodies.get(obj.id)
        hulls = body.hulls if body is not None else []
        mass = body.mass.mass if body is not None else 1.0
        annotations[key] = write_thor_asset(out / key, key, geom, obj.asset.scale, hulls, mass, libraries, made,
                                            obj.materials)
    if annotations:
        # mtime=0: the gzip header carries no time, so identical builds write identical bytes
        data = json.dumps(annotations, sort_keys=True).encode("utf-8")
        (out.parent / "annotations.json.gz").write_bytes(gzip.compress(data, mtime=0))
    return ids
