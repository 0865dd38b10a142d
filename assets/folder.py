"""A lab's own assets: a folder of GLB/OBJ/STL/PLY meshes described by ``catalog.json``.

```json
{"name": "mylab",
 "assets": [{"id": "chair_01", "file": "meshes/chair.glb", "category": "chair",
             "description": "red plastic chair", "placement": "floor",
             "up": "+y", "front": "+z", "unit": 1.0, "mass": 4.5, "dynamic": true}]}
```

``up``/``front`` name the mesh axes that point up and forward (glTF files are +Y up); ``unit``
converts file units to metres (0.01 for centimetres). ``file`` may also be a URDF in the
PartNet-Mobility layout (``mobility.urdf`` with its meshes beside it): an articulated asset
(`assets.urdf_asset`). Entries whose file is missing, unreadable, empty or outside the folder are
skipped and listed in ``warnings``; the rest load.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from vipscene_sim.catalog import CATEGORIES

from .builder import Joint, Part
from .library import AssetGeometry, AssetInfo, AssetLoadError
from .meshes import (
    canonicalise,
    check_extent,
    clean_triangles,
    compact,
    orientation_matrix,
    within_face_budget,
)
from .paths import AssetPathError, file_stamp, inside

MESH_SUFFIXES = {".glb", ".gltf", ".obj", ".stl", ".ply", ".off"}
PLACEMENTS = {"floor", "wall", "ceiling", "on"}


class FolderLibrary:
    """Assets listed in ``<root>/catalog.json``; meshes are loaded on first use."""

    def __init__(self, root: str | os.PathLike):
        from vipscene_sim.atomic import read_user_json
        from vipscene_sim.errors import UserError

        self.root = Path(root).resolve()
        catalog = self.root / "catalog.json"
        doc = read_user_json(catalog, "JSON catalog", "; an asset folder needs a catalog.json (see the README)")
        if not isinstance(doc, dict) or not isinstance(doc.get("assets"), list):
            raise UserError(f"{catalog}: must be an object with an 'assets' list")
        self.name = str(doc.get("name") or self.root.name)
        self.warnings: list[str] = []
        self._entries: dict[str, dict] = {}
        for i, entry in enumerate(doc["assets"]):
            problem = self._check(entry)
            if problem:
                self.warnings.append(f"{catalog}: assets[{i}] skipped: {problem}")
            else:
                self._entries[str(entry["id"])] = entry
        self._infos: list[AssetInfo] | None = None
        self._geometry: dict[str, AssetGeometry] = {}

    def _check(self, entry) -> str | None:
        if not isinstance(entry, dict):
            return "must be an object"
        for key in ("id", "file", "category"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                return f"'{key}' must be a non-empty string"
        if str(entry["id"]) in self._entries:
            return f"duplicate id {entry['id']!r}"
        try:
            path = inside(self.root, entry["file"])
        except AssetPathError as exc:
            return f"file {exc}"
        if path.suffix.lower() not in MESH_SUFFIXES | {".urdf"}:
            return f"file {entry['file']!r} is not a mesh ({', '.join(sorted(MESH_SUFFIXES))}) or a .urdf"
        if not isinstance(entry.get("placement", "floor"), str) or entry.get("placement", "floor") not in PLACEMENTS:
            return f"placement must be one of {sorted(PLACEMENTS)}"
        unit = entry.get("unit", 1.0)
        if not isinstance(unit, (int, float)) or isinstance(unit, bool) or not 0 < unit < 1e3:
            return "unit must be a positive number (metres per file unit)"
        mass = entry.get("mass", 1.0)
        if not isinstance(mass, (int, float)) or isinstance(mass, bool) or not 0 < mass < 1e5:
            return "mass must be a positive number of kilograms"
        if not isinstance(entry.get("dynamic", False), bool):
            return "dynamic must be true or false"
        try:
            orientation_matrix(entry.get("up", "+y"), entry.get("front", "+z"))
        except (TypeError, ValueError) as exc:
            return str(exc)
        return None

    def _load(self, asset_id: str) -> AssetGeometry:
        if asset_id in self._geometry:
            return self._geometry[asset_id]
        import trimesh

        e = self._entries[asset_id]
        path = inside(self.root, e["file"])
        if not path.is_file():
            raise AssetLoadError(f"{path}: no such file, or not a regular file")
        if path.suffix.lower() == ".urdf":
            return self._load_urdf(asset_id, path)
        try:
            loaded = trimesh.load(path, force="scene", process=False)
        except Exception as exc:  # trimesh raises many types on bad files
            raise AssetLoadError(f"{path}: cannot read mesh ({type(exc).__name__}: {exc})") from None
        rot = orientation_matrix(e.get("up", "+y"), e.get("front", "+z"))
        meshes = []
        for name, geom in loaded.geometry.items():
            if not hasattr(geom, "faces") or len(geom.faces) == 0:
                continue
            transform = loaded.graph.get(name)[0] if name in loaded.graph.nodes else np.eye(4)
            v = trimesh.transform_points(np.asarray(geom.vertices), transform)
            if not np.isfinite(v).all():
                raise AssetLoadError(f"{path}: mesh {name!r} has NaN or infinite vertex coordinates")
            v, f = clean_triangles(v, geom.faces)
            if len(f):
                v, f = compact(v, f)
                meshes.append((name, v, f, _mean_color(geom)))
        if not meshes:
            raise AssetLoadError(f"{path}: contains no triangles")
        small = within_face_budget([(v, f, None) for _, v, f, _ in meshes], f"asset {asset_id!r} ({path})",
                                   self.warnings)
        meshes = [(name, v, f, color) for (name, _, _, color), (v, f, _) in zip(meshes, small)]
        allv = np.vstack([v for _, v, _, _ in meshes])
        _, centre = canonicalise(allv, rot, float(e.get("unit", 1.0)))
        parts = []
        for name, v, f, color in meshes:
            vv = (v @ rot.T) * float(e.get("unit", 1.0)) - centre
            parts.append(Part(str(name), vv, f, color))
        info = self._info(asset_id, parts)
        check_extent(info.size, str(path))
        g = AssetGeometry(info, parts, convex_parts=False)
        self._geometry[asset_id] = g
        return g

    def _load_urdf(self, asset_id: str, path: Path) -> AssetGeometry:
        """An articulated asset: the URDF's links as parts named after their joint, its joints
        turned into our object frame (the entry's up/front/unit, origin at the box centre)."""
        from .urdf_asset import read_urdf_asset

        e = self._entries[asset_id]
        asset = read_urdf_asset(path, self.root)
        self.warnings.extend(asset.warnings)
        rot = orientation_matrix(e.get("up", "+z"), e.get("front", "+x"))
        unit = float(e.get("unit", 1.0))
        meshes = []
        for m in asset.meshes:
            v, f = clean_triangles(m.vertices, m.faces)
            if len(f):
                meshes.append((m, *compact(v, f)))
        if not meshes:
            raise AssetLoadError(f"{path}: contains no triangles")
        small = within_face_budget([(v, f, None) for _, v, f in meshes], f"asset {asset_id!r} ({path})", self.warnings)
        _, centre = canonicalise(np.vstack([v for v, _, _ in small]), rot, unit)
        parts = [Part(m.name, (v @ rot.T) * unit - centre, f, m.color, link=m.link) for (m, _, _), (v, f, _) in zip(meshes, small)]
        joints = tuple(Joint(j.name, j.kind, tuple(float(x) for x in rot @ j.axis),
                             tuple(float(x) for x in (rot @ j.origin) * unit - centre),
                             j.limits if j.kind == "revolute" else (j.limits[0] * unit, j.limits[1] * unit),
                             tuple(p.name for p in parts if p.link == j.name), j.damping, j.friction)
                       for j in asset.joints)
        info = replace(self._info(asset_id, parts), joints=joints)
        check_extent(info.size, str(path))
        g = AssetGeometry(info, parts, convex_parts=False)
        self._geometry[asset_id] = g
        return g

    def _info(self, asset_id: str, parts: list[Part]) -> AssetInfo:
        e = self._entries[asset_id]
        allv = np.vstack([p.vertices for p in parts])
        size = tuple(float(x) for x in allv.max(axis=0) - allv.min(axis=0))
        spec = CATEGORIES.get(e["category"])
        return AssetInfo(
            id=asset_id, library=self.name, category=e["category"], description=str(e.get("description", "")),
            size=size, placement=e.get("placement", spec.placement if spec else "floor"),
            synonyms=spec.synonyms if spec else (), terms=spec.terms if spec else (),
            size_min=spec.size_min if spec else None, size_max=spec.size_max if spec else None,
            dynamic=bool(e.get("dynamic", spec.dynamic if spec else False)),
            mass=float(e.get("mass", spec.mass if spec else 1.0)),
        )

    def catalogued(self, asset_id: str) -> bool:
        """Whether the catalog lists ``asset_id`` (it may still fail to load: a recorded fallback)."""
        return asset_id in self._entries

    def infos(self) -> list[AssetInfo]:
        if self._infos is None:
            infos = []
            for asset_id in sorted(self._entries):
                try:
                    infos.append(self._load(asset_id).info)
                except AssetLoadError as exc:
                    self.warnings.append(f"asset {asset_id!r} skipped: {exc}")
            self._infos = infos
        return self._infos

    def geometry(self, asset_id: str) -> AssetGeometry:
        if asset_id not in self._entries:
            raise KeyError(asset_id)
        return self._load(asset_id)

    def source_stamp(self, asset_id: str) -> object:
        e = self._entries[asset_id]
        # the entry as text: the user's JSON may hold NaN in fields we do not read
        return [json.dumps(e, sort_keys=True, default=str), file_stamp(inside(self.root, e["file"]))]


def _mean_color(geom) -> tuple[float, float, float, float]:
    """A representative RGBA of a trimesh geometry (material base colour or mean vertex colour)."""
    try:
        vis = geom.visual
        if getattr(vis, "kind", None) == "texture" and getattr(vis, "material", None) is not None:
            c = getattr(vis.material, "baseColorFactor", None)
            if c is None and hasattr(vis.material, "diffuse"):
                c = vis.material.diffuse
            if c is not None:
                c = np.asarray(c, float)
                c = c / 255.0 if c.max() > 1 else c
                return tuple(float(x) for x in (list(c[:3]) + [c[3] if len(c) > 3 else 1.0]))
        if getattr(vis, "kind", None) in ("face", "vertex"):
            c = np.asarray(vis.face_colors if vis.kind == "face" else vis.vertex_colors, float).mean(axis=0) / 255.0
            return tuple(float(x) for x in c)
    except Exception:  # noqa: BLE001 - colour is cosmetic; fall back to grey
        pass
    return (0.7, 0.7, 0.7, 1.0)
