"""The objathor/Objaverse asset library used by Holodeck and VIPScene.

Layout on disk (``~/.objathor-assets/<version>/``): ``annotations.json.gz`` (uid -> annotation:
category, description, onFloor/onWall/onObject/onCeiling, pose_z_rot_angle, thor_metadata with
the bounding box in metres) and ``assets/<uid>/<uid>.<ext>`` with the mesh in AI2-THOR's runtime
asset format (vertices/normals as {x, y, z} in Unity's Y-up frame, flat triangle indices,
albedo texture path, convex ``colliders``). Extensions read: .msgpack.gz, .msgpack, .json.gz,
.json; .pkl.gz only with ``allow_pickle=True``, because unpickling runs code from the file.

Assets face Unity's +Z (forward); we turn them so that becomes our +X. A corrupt annotation or
asset file skips that asset with a warning; the rest of the library stays usable.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import numpy as np

from vipscene_sim.atomic import regular_file
from vipscene_sim.catalog import CATEGORIES
from vipscene_sim.geometry.frames import flip_winding, unity_to_zup

from .builder import Part
from .library import AssetGeometry, AssetInfo, AssetLoadError
from .meshes import check_extent, clean_triangles, compact, within_face_budget
from .paths import AssetPathError, file_stamp, inside

# Our +X must be Unity's +Z (forward): after unity_to_zup that is our +Y, so turn -90 deg about Z.
_FRONT = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
EXTENSIONS = (".msgpack.gz", ".msgpack", ".json.gz", ".json", ".pkl.gz")


def default_objathor_dir() -> Path | None:
    """The newest version folder under $OBJATHOR_ASSETS_DIR or ~/.objathor-assets, if any."""
    base = Path(os.environ.get("OBJATHOR_ASSETS_DIR", Path.home() / ".objathor-assets"))
    if (base / "annotations.json.gz").exists():
        return base
    versions = sorted(p for p in base.glob("*") if (p / "annotations.json.gz").exists()) if base.is_dir() else []
    return versions[-1] if versions else None


def _xyz(items) -> np.ndarray:
    if len(items) and isinstance(items[0], dict):
        return np.array([[p["x"], p["y"], p["z"]] for p in items], dtype=float)
    return np.asarray(items, dtype=float).reshape(-1, 3)


def to_zup(vertices_unity, triangles) -> tuple[np.ndarray, np.ndarray]:
    """Unity-frame runtime-asset geometry -> our frame (front +X), winding kept outward."""
    v = unity_to_zup(_xyz(vertices_unity)) @ _FRONT.T
    f = flip_winding(np.asarray(triangles, dtype=np.int64).reshape(-1, 3))
    return v, f


class ObjathorLibrary:
    name = "objathor"

    def __init__(self, root: str | os.PathLike, allow_pickle: bool = False):
        from vipscene_sim.errors import UserError

        self.root = Path(root)
        self.allow_pickle = allow_pickle
        self.warnings: list[str] = []
        ann_path = self.root / "annotations.json.gz"
        regular_file(ann_path, "gzipped objathor annotations file")
        try:
            with gzip.open(ann_path, "rt", encoding="utf-8") as fh:
                annotations = json.load(fh)
        except FileNotFoundError:
            raise UserError(f"{ann_path}: no such file; point --objathor at an objathor version folder "
                            "(e.g. ~/.objathor-assets/2023_09_23)") from None
        except (OSError, ValueError, EOFError) as exc:
            raise UserError(f"{ann_path}: unreadable annotations ({exc})") from None
        if not isinstance(annotations, dict):
            raise UserError(f"{ann_path}: expected an object of uid -> annotation")
        self._ann = annotations
        self._infos: list[AssetInfo] | None = None
        self._geometry: dict[str, AssetGeometry] = {}

    def _info(self, uid: str, ann: dict) -> AssetInfo:
        a = ann.get("annotations", ann)  # older dumps nest the fields under "annotations"
        if a.get("onCeiling"):
            placement = "ceiling"
        elif a.get("onWall"):
            placement = "wall"
        elif a.get("onFloor"):
            placement = "floor"
        elif a.get("onObject"):
            placement = "on"
        else:
            placement = "floor"
        size_unity = _bbox_size(ann)
        # Unity extents (x width, y height, z depth) -> our object axes (X depth, Y width, Z height)
        size = (float(size_unity[2]), float(size_unity[0]), float(size_unity[1]))
        if not all(np.isfinite(size)) or min(size) <= 0:
            raise ValueError(f"bounding box {size_unity} is not positive")
        category = str(a.get("category") or "").strip() or "object"
        spec = CATEGORIES.get(category.lower().replace(" ", "_"))
        return AssetInfo(
            id=uid, library=self.name, category=category, description=str(a.get("description") or a.get("description_auto") or ""),
            size=size, placement=placement, dynamic=placement == "on",
            mass=float(spec.mass) if spec else max(0.2, 400.0 * size[0] * size[1] * size[2]),
        )

    def catalogued(self, asset_id: str) -> bool:
        """Whether the annotations list ``asset_id`` (its files may still fail to load)."""
        return asset_id in self._ann

    def infos(self) -> list[AssetInfo]:
        if self._infos is None:
            out = []
            for uid in sorted(self._ann):
                try:
                    inside(self.root, "assets", uid)  # a key naming a path out of the library is refused
                    out.append(self._info(uid, self._ann[uid]))
                except AssetPathError as exc:
                    self.warnings.append(f"objathor asset {uid!r} skipped: {exc}")
                except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                    self.warnings.append(f"objathor asset {uid!r} skipped: bad annotation ({exc})")
            self._infos = out
        return self._infos

    def _read(self, uid: str) -> dict:
        folder = inside(self.root, "assets", uid)
        for ext in EXTENSIONS:
            path = inside(self.root, "assets", uid, f"{uid}{ext}")
            if not path.is_file():
                continue
            try:
                if ext == ".pkl.gz":
                    if not self.allow_pickle:
                        raise AssetLoadError(f"{path}: pickle files run code when loaded; refusing without "
                                             "--allow-pickle (only use it for files you trust)")
                    import pickle

                    with gzip.open(path, "rb") as fh:
                        return pickle.load(fh)
                raw = path.read_bytes()
                if ext.endswith(".gz"):
                    raw = gzip.decompress(raw)
                if ext.startswith(".msgpack"):
                    import msgpack

                    return msgpack.unpackb(raw, raw=False, strict_map_key=False)
                return json.loads(raw)
            except AssetLoadError:
                raise
            except Exception as exc:  # noqa: BLE001 - any decoder error means a corrupt file
                raise AssetLoadError(f"{path}: corrupt asset file ({type(exc).__name__}: {exc})") from None
        raise AssetLoadError(f"{folder}: no asset file ({', '.join(uid + e for e in EXTENSIONS)})")

    def source_stamp(self, asset_id: str) -> object:
        # annotations are someone else's JSON (NaN allowed there): stamped by their text's hash
        text = json.dumps(self._ann[asset_id], sort_keys=True, default=str)
        return [hashlib.sha256(text.encode()).hexdigest(), file_stamp(inside(self.root, "assets", asset_id))]

    def geometry(self, asset_id: str) -> AssetGeometry:
        # read once per build: every stage asks again, and reading may mean simplifying a scan
        if asset_id not in self._geometry:
            self._geometry[asset_id] = self._load(asset_id)
        return self._geometry[asset_id]

    def _load(self, asset_id: str) -> AssetGeometry:
        info = next((i for i in self.infos() if i.id == asset_id), None)
        if info is None:
            raise KeyError(asset_id)
        data = self._read(asset_id)
        try:
            v, f = to_zup(data["vertices"], data["triangles"])
            colliders = [to_zup(c["vertices"], c["triangles"]) for c in data.get("colliders") or []]
        except (KeyError, TypeError, ValueError) as exc:
            raise AssetLoadError(f"asset {asset_id}: malformed mesh data ({exc})") from None
        if len(v) == 0 or len(f) == 0 or not np.isfinite(v).all():
            raise AssetLoadError(f"asset {asset_id}: empty or non-finite mesh")
        v, f = clean_triangles(v, f)  # triangles indexing past the vertices, or repeating one, go
        if len(f) == 0:
            raise AssetLoadError(f"asset {asset_id}: no usable triangle (indices out of range or degenerate)")
        n_raw = len(v)
        used = np.unique(f)
        v, f = compact(v, f)  # vertices no triangle uses (perhaps far away) must not set the box
        lo, hi = v.min(axis=0), v.max(axis=0)
        check_extent(hi - lo, f"asset {asset_id}")
        c = (lo + hi) / 2
        uv = None
        try:
            raw_uv = data.get("uvs") or []
            if len(raw_uv) == n_raw:
                uv = np.array([[p["x"], p["y"]] if isinstance(p, dict) else p[:2] for p in raw_uv], dtype=float)[used]
        except (KeyError, TypeError, ValueError, IndexError):
            uv = None
        [(v, f, uv)] = within_face_budget([(v, f, uv)], f"objathor asset {asset_id!r}", self.warnings)
        parts = [Part("visual", v - c, f, (0.75, 0.75, 0.75, 1.0), uv)]
        kept = []
        for cv, cf in colliders:  # a broken collider is dropped: the physics stage decomposes the mesh instead
            if len(cv) and np.isfinite(cv).all():
                cv, cf = clean_triangles(cv, cf)
                if len(cf):
                    kept.append((*compact(cv, cf), None))
        kept = within_face_budget(kept, f"objathor asset {asset_id!r} colliders", self.warnings)
        coll = [Part(f"collider_{k}", cv - c, cf, (0.5, 0.5, 0.5, 1.0)) for k, (cv, cf, _) in enumerate(kept)]
        textures = {}
        if data.get("albedoTexturePath"):
            try:
                tex = inside(self.root, "assets", asset_id, Path(str(data["albedoTexturePath"])).name)
            except AssetPathError:
                tex = None  # a texture outside the asset's folder is never read; the mesh keeps its colour
            if tex is not None and tex.is_file():
                textures["albedo"] = str(tex)
        return AssetGeometry(info, parts, convex_parts=False, textures=textures, collision_parts=coll or None)


def _bbox_size(ann: dict) -> tuple[float, float, float]:
    """Unity-frame extents (x, y, z) in metres from thor_metadata, else from cm fields."""
    meta = ann.get("thor_metadata") or ann.get("annotations", {}).get("thor_metadata") or {}
    box = (meta.get("assetMetadata") or {}).get("boundingBox")
    if box:
        if "size" in box:
            s = box["size"]
            return (float(s["x"]), float(s["y"]), float(s["z"]))
        if "x" in box:
            return (float(box["x"]), float(box["y"]), float(box["z"]))
        lo, hi = box["min"], box["max"]
        return tuple(float(hi[k]) - float(lo[k]) for k in "xyz")
    a = ann.get("annotations", ann)
    if all(k in a for k in ("width", "height", "depth")):  # centimetres
        return (float(a["width"]) / 100, float(a["height"]) / 100, float(a["depth"]) / 100)
    raise KeyError("no bounding box (thor_metadata.assetMetadata.boundingBox or width/height/depth in cm)")
