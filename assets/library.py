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

    def scene(self) -> trimesh.Scene:
        """A trimesh scene with one node per part and a PBR material per colour (for GLB)."""
        from .palette import surface

        sc = trimesh.Scene()
        for p in self.parts:
            m = p.mesh()
            roughness, metallic = surface(p.color)
            m.visual = trimesh.visual.TextureVisuals(material=trimesh.visual.material.PBRMaterial(
                name=p.name, baseColorFactor=(np.asarray(p.color) * 255).round().astype(np.uint8),
                metallicFactor=metallic, roughnessFactor=roughness, alphaMode="BLEND" if p.color[3] < 1 else "OPAQUE"))
            sc.add_geometry(m, node_name=p.name, geom_name=p.name)
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

    def _generate(self, asset_id: str) -> tuple[AssetInfo, list[Part]]:
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
        )
        return info, built.parts

    def build_all(self) -> list[AssetInfo]:
        """Generate every asset into the cache (atomic writes); returns the catalog."""
        from vipscene_sim.atomic import atomic_write_bytes, atomic_write_text

        infos = []
        for asset_id in sorted(self._variant_table()):
            info, parts = self._generate(asset_id)
            atomic_write_bytes(self.cache / f"{asset_id}.npz", _parts_to_npz(parts))
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
        for i in self.infos():
            if i.id == asset_id:
                return i
        raise KeyError(asset_id)

    def geometry(self, asset_id: str) -> AssetGeometry:
        # kept once read: every stage asks for each object's asset, and a room may hold a hundred
        # copies of one mug (the catalog bounds the memory: a few hundred small meshes)
        if asset_id not in self._geometry:
            info = self.info(asset_id)
            try:
                parts = _parts_from_npz(self.cache / f"{asset_id}.npz")
            except (OSError, ValueError, KeyError):
                info, parts = self._generate(asset_id)
            self._geometry[asset_id] = AssetGeometry(info, parts, convex_parts=True)
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


def _parts_to_npz(parts: list[Part]) -> bytes:
    import io

    arrays = {"names": np.array([p.name for p in parts]), "colors": np.array([p.color for p in parts], float),
              "links": np.array([p.link for p in parts])}
    for i, p in enumerate(parts):
        arrays[f"v{i}"] = p.vertices.astype(np.float64)
        arrays[f"f{i}"] = p.faces.astype(np.int32)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def _parts_from_npz(path: Path) -> list[Part]:
    with np.load(path, allow_pickle=False) as z:
        names, colors, links = z["names"], z["colors"], z["links"]
        return [Part(str(names[i]), z[f"v{i}"], z[f"f{i}"].astype(np.int64), tuple(float(c) for c in colors[i]),
                     link=str(links[i])) for i in range(len(names))]
