"""Asset libraries: the catalog entry of an asset (`AssetInfo`), its geometry (`AssetGeometry`),
and the built-in library generated in code and cached on disk.

Object frame of every asset: origin at the bounding-box centre, +X the front, +Z up, metres.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np
import trimesh

from vipscene_sim.catalog import CATEGORIES, Placement

from .builder import Builder, Joint, Part, Receptacle
from .materials import Surface
from .visual import VisualMesh

BUILTIN = "builtin"


@dataclass(frozen=True)
class AssetInfo:
    """Catalog metadata of one asset (sizes in metres along the object's X, Y, Z; mass in kg)."""

    id: str
    library: str
    category: str
    description: str
    size: tuple[float, float, float]
    placement: Placement
    synonyms: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    size_min: tuple[float, float, float] | None = None
    size_max: tuple[float, float, float] | None = None
    receptacles: tuple[Receptacle, ...] = ()
    dynamic: bool = False
    mass: float = 1.0
    joints: tuple[Joint, ...] = ()
    variant: str = ""
    includes: tuple[str, ...] = ()
    """Categories built into the asset (`assets.families.Variant.includes`: a sink's own tap)."""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> AssetInfo:
        d = dict(d)
        d["receptacles"] = tuple(Receptacle(r["name"], r["height"], tuple(r["x"]), tuple(r["y"])) for r in d.get("receptacles", ()))
        d["joints"] = tuple(Joint.from_dict(j) for j in d.get("joints", ()))
        for key in ("size", "size_min", "size_max"):
            if d.get(key) is not None:
                d[key] = tuple(float(v) for v in d[key])
        d["synonyms"] = tuple(d.get("synonyms", ()))
        d["includes"] = tuple(d.get("includes", ()))
        d["terms"] = tuple(d.get("terms", ()))
        return cls(**d)


@dataclass
class AssetGeometry:
    """Meshes of one asset. Each part is convex and watertight when ``convex_parts`` is True
    (built-in assets); otherwise parts are visual only and colliders must be decomposed."""

    info: AssetInfo
    parts: list[Part]
    convex_parts: bool = True
    textures: dict[str, str] = field(default_factory=dict)
    collision_parts: list[Part] | None = None
    """Convex colliders shipped with the asset (objathor has them); None: derive from ``parts``."""
    visuals: list[VisualMesh] = field(default_factory=list)
    """Detailed visual meshes (built-in assets: `assets.visual`); empty: ``parts`` are what is seen."""
    _groups: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """`visual_groups` already made, by link and scale (every exporter asks for the same ones)."""

    def merged(self, parts: Sequence[Part] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Vertices and faces of several parts (default: all) as one triangle list."""
        parts = self.parts if parts is None else list(parts)
        offsets = np.cumsum([0] + [len(p.vertices) for p in parts[:-1]])
        return np.vstack([p.vertices for p in parts]), np.vstack([p.faces + o for p, o in zip(parts, offsets)])

    def colour_groups(self, link: str | None = None) -> list[tuple[tuple[float, ...], np.ndarray, np.ndarray]]:
        """(rgba, vertices, faces) per distinct part colour, in a stable order: one visual mesh
        per material is what simulators' file formats want. ``link``: only that link's parts
        ("" the carcass); None: every part."""
        groups: dict[tuple, list[Part]] = {}
        for p in self.parts:
            if link is not None and p.link != link:
                continue
            groups.setdefault(tuple(round(float(c), 4) for c in p.color), []).append(p)
        return [(rgba, *self.merged(parts)) for rgba, parts in sorted(groups.items())]

    def meshes(self) -> list[trimesh.Trimesh]:
        return [p.mesh() for p in self.parts]

    def combined(self) -> trimesh.Trimesh:
        """All parts in one mesh (a set of closed shells), with per-face colours."""
        meshes = []
        for p in self.parts:
            m = p.mesh()
            m.visual.face_colors = np.tile((np.asarray(p.color) * 255).round().astype(np.uint8), (len(m.faces), 1))
            meshes.append(m)
        return trimesh.util.concatenate(meshes)

    def visual_groups(self, link: str | None = None, scale=(1.0, 1.0, 1.0), restyle=None
                      ) -> list[tuple[Surface, np.ndarray, np.ndarray, np.ndarray | None]]:
        """(surface, vertices, faces, uv) per distinct surface, in a stable order: one visual mesh
        per material, as simulators' formats want. Vertices are the asset's own (unscaled); UVs
        are for the asset stretched by ``scale`` (the texture keeps its size in metres). An asset
        without detailed visuals (external libraries) gives its parts by colour, uv None.
        ``restyle``: a Scene object's ``materials`` (`assets.materials.restyled`)."""
        from .materials import restyled
        from .palette import material_of

        if not self.visuals:
            groups = [(Surface(material_of(rgba), tuple(rgba)), v, f, None) for rgba, v, f in self.colour_groups(link)]
        else:
            key = (link, tuple(round(float(x), 9) for x in scale))
            if key not in self._groups:
                self._groups[key] = self._visual_groups(link, scale)
            groups = self._groups[key]
        return [(restyled(s, restyle), v, f, uv) for s, v, f, uv in groups] if restyle else groups

    def surfaces(self) -> list[Surface]:
        """The asset's distinct surfaces (what a Scene object's ``materials`` can restyle, by name)."""
        return sorted({s.name: s for s, _, _, _ in self.visual_groups()}.values(), key=lambda s: s.name)

    def _visual_groups(self, link, scale):
        from .visual import scaled_uv

        groups: dict[tuple, list[VisualMesh]] = {}
        for m in self.visuals:
            if link is None or m.link == link:
                groups.setdefault(m.surface.key(), []).append(m)
        out = []
        for _, ms in sorted(groups.items()):
            offsets = np.cumsum([0] + [len(m.vertices) for m in ms[:-1]])
            out.append((ms[0].surface, np.vstack([m.vertices for m in ms]),
                        np.vstack([m.faces + o for m, o in zip(ms, offsets)]),
                        np.vstack([scaled_uv(m, scale) for m in ms])))
        return out

    def visual_faces(self) -> int:
        """Triangles a camera sees of this asset."""
        return sum(len(m.faces) for m in self.visuals) if self.visuals else sum(len(p.faces) for p in self.parts)

    def scene(self) -> trimesh.Scene:
        """A trimesh scene (for GLB) with one node per visual mesh and a glTF PBR material per
        surface: base colour factor, roughness, metallic, and the material's albedo texture and
        normal map (`assets.materials`) where it has them."""
        from PIL import Image

        from .materials import images

        sc = trimesh.Scene()
        textures: dict[str, tuple] = {}
        for k, (surf, v, f, uv) in enumerate(self.visual_groups()):
            spec = surf.spec
            tex = {}
            if uv is not None and spec.texture:
                if surf.material not in textures:
                    rgb, normal = images(surf.material)
                    textures[surf.material] = (Image.fromarray(rgb), None if normal is None else Image.fromarray(normal))
                albedo, normal = textures[surf.material]
                tex = {"baseColorTexture": albedo, **({"normalTexture": normal} if normal is not None else {})}
            color = np.asarray(surf.color)
            material = trimesh.visual.material.PBRMaterial(
                name=f"{surf.material}_{k}", baseColorFactor=(color * 255).round().astype(np.uint8),
                metallicFactor=spec.metallic, roughnessFactor=spec.roughness,
                alphaMode="BLEND" if color[3] < 1 else "OPAQUE", **tex)
            m = trimesh.Trimesh(v, f, process=False)
            m.visual = trimesh.visual.TextureVisuals(uv=uv if tex else None, material=material)
            sc.add_geometry(m, node_name=f"{surf.material}_{k}", geom_name=f"{surf.material}_{k}")
        return sc

    def bounds(self) -> np.ndarray:
        allv = np.vstack([p.vertices for p in self.parts])
        return np.stack([allv.min(axis=0), allv.max(axis=0)])


class AssetLoadError(Exception):
    """An asset's files are missing or corrupt; callers skip it and record why."""


class AssetLibrary(Protocol):
    """What retrieval and the exporters need from any library."""

    name: str
    warnings: list[str]

    def infos(self) -> list[AssetInfo]: ...

    def geometry(self, asset_id: str) -> AssetGeometry: ...

    def source_stamp(self, asset_id: str) -> object:
        """JSON-able identity of the asset's source files (see `LibrarySet.assets_fingerprint`)."""
        ...


def default_cache_dir() -> Path:
    """$VIPSCENE_CACHE_DIR, else $XDG_CACHE_HOME/vipscene-sim, else ~/.cache/vipscene-sim."""
    env = os.environ.get("VIPSCENE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vipscene-sim"


def _generator_version() -> str:
    """Hash of the generator source: a changed generator never reuses a stale cache."""
    from vipscene_sim import catalog

    root = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([root / "builder.py", Path(catalog.__file__), root / "palette.py", root / "library.py",
                        root / "visual.py", root / "materials.py",
                        *sorted((root / "families").glob("*.py"))]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class BuiltinLibrary:
    """The parametric library: generated in code on first use, then read from the disk cache."""

    name = BUILTIN

    def __init__(self, cache_dir: str | os.PathLike | None = None):
        self.cache_root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.cache = self.cache_root / "builtin" / _generator_version()
        self._infos: list[AssetInfo] | None = None
        self._variants = None
        self._geometry: dict[str, AssetGeometry] = {}
        self.warnings: list[str] = []

    # -- building ------------------------------------------------------------------------------
    def _variant_table(self):
        if self._variants is None:
            from .families import all_variants

            self._variants = {v.id: v for v in all_variants()}
        return self._variants

    def _generate(self, asset_id: str) -> tuple[AssetInfo, list[Part], list[VisualMesh]]:
        v = self._variant_table()[asset_id]
        spec = CATEGORIES[v.category]
        b = Builder(v.size)
        v.build(b)
        built = b.finish()
        info = AssetInfo(
            id=v.id, library=BUILTIN, category=v.category, description=v.description,
            size=tuple(round(s, 6) for s in built.size), placement=spec.placement, synonyms=spec.synonyms,
            terms=spec.terms, size_min=_floats(spec.size_min), size_max=_floats(spec.size_max),
            receptacles=tuple(built.receptacles), dynamic=spec.dynamic,
            mass=round(spec.mass * _volume_ratio(built.size, spec), 3), joints=tuple(built.joints), variant=v.name,
            includes=tuple(v.includes),
        )
        return info, built.parts, built.visuals

    def build_all(self) -> list[AssetInfo]:
        """Generate every asset into the cache (atomic writes); returns the catalog."""
        from vipscene_sim.atomic import atomic_write_bytes, atomic_write_text

        infos = []
        for asset_id in sorted(self._variant_table()):
            info, parts, visuals = self._generate(asset_id)
            atomic_write_bytes(self.cache / f"{asset_id}.npz", _parts_to_npz(parts, visuals))
            infos.append(info)
        atomic_write_text(self.cache / "catalog.json", json.dumps([i.to_dict() for i in infos], indent=1) + "\n")
        self._infos = infos
        return infos

    # -- reading -------------------------------------------------------------------------------
    def infos(self) -> list[AssetInfo]:
        if self._infos is None:
            catalog = self.cache / "catalog.json"
            try:
                self._infos = [AssetInfo.from_dict(d) for d in json.loads(catalog.read_text())]
            except (OSError, ValueError, TypeError, KeyError):
                self._infos = self.build_all()
        return self._infos

    def info(self, asset_id: str) -> AssetInfo:
        """One catalog entry, or a handed twin's (`assets.mirror`: not listed, so retrieval never
        ranks a twin against its original; refinement swaps one in to clear an opening)."""
        from . import mirror

        for i in self.infos():
            if i.id == asset_id:
                return i
        if asset_id.endswith(mirror.SUFFIX):
            base = self.info(mirror.twin_id(asset_id))
            if mirror.has_twin(base.joints):
                return mirror.mirrored_info(base)
        raise KeyError(asset_id)

    def twin(self, asset_id: str) -> str | None:
        """The id of the asset's handed twin, None when reflecting it changes nothing."""
        from . import mirror

        try:
            return mirror.twin_id(asset_id) if mirror.has_twin(self.info(asset_id).joints) else None
        except KeyError:
            return None

    def geometry(self, asset_id: str) -> AssetGeometry:
        # kept once read: every stage asks for each object's asset, and a room may hold a hundred
        # copies of one mug (the catalog bounds the memory: a few hundred small meshes)
        from . import mirror

        if asset_id not in self._geometry and asset_id.endswith(mirror.SUFFIX):
            self.info(asset_id)  # KeyError unless a twin exists
            self._geometry[asset_id] = mirror.mirrored_geometry(self.geometry(mirror.twin_id(asset_id)))
        if asset_id not in self._geometry:
            info = self.info(asset_id)
            try:
                parts, visuals = _parts_from_npz(self.cache / f"{asset_id}.npz")
            except (OSError, ValueError, KeyError):
                info, parts, visuals = self._generate(asset_id)
            self._geometry[asset_id] = AssetGeometry(info, parts, convex_parts=True, visuals=visuals)
        return self._geometry[asset_id]

    def source_stamp(self, asset_id: str) -> object:
        # the geometry is a pure function of the generator source and the id
        return [self.cache.name, asset_id]


def _floats(values: Sequence[float] | None) -> tuple[float, ...] | None:
    """Floats, as the cached catalog reads them back (a generated catalog hashes the same as a read one)."""
    return None if values is None else tuple(float(v) for v in values)


def _volume_ratio(size: Sequence[float], spec) -> float:
    """Mass scales with volume relative to the geometric middle of the category's size range."""
    mid = [np.sqrt(a * b) for a, b in zip(spec.size_min, spec.size_max)]
    return float(np.prod(np.asarray(size) / np.asarray(mid)))


def _stack(arrays: list[np.ndarray], width: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of ``width`` columns as one array and their row counts (a few large arrays read back
    far faster than thousands of small ones)."""
    counts = np.array([len(a) for a in arrays], np.int64)
    data = np.vstack(arrays).astype(dtype) if arrays else np.zeros((0, width), dtype)
    return data, counts


def _split(data: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
    return np.split(data, np.cumsum(counts)[:-1]) if len(counts) else []


def _parts_to_npz(parts: list[Part], visuals: list[VisualMesh]) -> bytes:
    import io

    arrays = {"names": np.array([p.name for p in parts]), "colors": np.array([p.color for p in parts], float),
              "links": np.array([p.link for p in parts]),
              "visual_names": np.array([m.name for m in visuals], dtype=str),
              "visual_materials": np.array([m.surface.material for m in visuals], dtype=str),
              "visual_colors": np.array([m.surface.color for m in visuals], float).reshape(-1, 4),
              "visual_links": np.array([m.link for m in visuals], dtype=str),
              "visual_mappings": np.array([m.mapping for m in visuals], dtype=str)}
    arrays["v"], arrays["v_n"] = _stack([p.vertices for p in parts], 3, np.float64)
    arrays["f"], arrays["f_n"] = _stack([p.faces for p in parts], 3, np.int32)
    # float32 is plenty for what is only seen
    arrays["vv"], arrays["vv_n"] = _stack([m.vertices for m in visuals], 3, np.float32)
    arrays["vf"], arrays["vf_n"] = _stack([m.faces for m in visuals], 3, np.int32)
    arrays["vt"], _ = _stack([m.uv for m in visuals], 2, np.float32)
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # uncompressed: a warm library reads several times faster (20 MB on disk)
    return buf.getvalue()


def _parts_from_npz(path: Path) -> tuple[list[Part], list[VisualMesh]]:
    with np.load(path, allow_pickle=False) as z:
        names, colors, links = z["names"], z["colors"], z["links"]
        verts, faces = _split(z["v"].astype(np.float64), z["v_n"]), _split(z["f"].astype(np.int64), z["f_n"])
        parts = [Part(str(names[i]), verts[i], faces[i], tuple(float(c) for c in colors[i]), link=str(links[i]))
                 for i in range(len(names))]
        vn, vm, vc, vl, vp = (z[k] for k in ("visual_names", "visual_materials", "visual_colors", "visual_links",
                                             "visual_mappings"))
        vverts = _split(z["vv"].astype(np.float64), z["vv_n"])
        vuv = _split(z["vt"].astype(np.float64), z["vv_n"])
        vfaces = _split(z["vf"].astype(np.int64), z["vf_n"])
        visuals = [VisualMesh(str(vn[i]), vverts[i], vfaces[i], vuv[i],
                              Surface(str(vm[i]), tuple(float(c) for c in vc[i])), str(vl[i]), str(vp[i]))
                   for i in range(len(vn))]
        return parts, visuals
