"""Several asset libraries searched together, looked up by name when an asset is needed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from vipscene_sim.registry import Registry

from .library import AssetGeometry, BuiltinLibrary
from .materials import TEXTURE_PX, TextureFiles, texture_files


@dataclass
class LibrarySet:
    """Ordered libraries; the Scene records each asset's library by name."""

    libraries: list = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict, repr=False)
    """``library/asset id`` -> why its geometry could not be loaded, recorded by `resolve`."""
    texture_px: int = TEXTURE_PX
    """Edge of the material textures the exporters write, pixels."""

    def __post_init__(self):
        names = [lib.name for lib in self.libraries]
        if len(set(names)) != len(names):
            from vipscene_sim.errors import UserError

            raise UserError(f"asset libraries need distinct names, got {names}")

    def get(self, name: str):
        for lib in self.libraries:
            if lib.name == name:
                return lib
        raise KeyError(name)

    def info(self, library: str, asset_id: str):
        """The catalog entry (`AssetInfo`) of one asset, handed twins included; KeyError if none."""
        lib = self.get(library)
        if hasattr(lib, "info"):
            return lib.info(asset_id)
        for i in lib.infos():
            if i.id == asset_id:
                return i
        raise KeyError(asset_id)

    def twin(self, asset):
        """The `AssetRef` of an asset reference's handed twin (`assets.mirror`), None if it has none."""
        from dataclasses import replace

        lib = self.get(asset.library) if asset is not None and asset.library in {x.name for x in self.libraries} else None
        other = lib.twin(asset.id) if lib is not None and hasattr(lib, "twin") else None
        return None if other is None else replace(asset, id=other)

    def geometry(self, library: str, asset_id: str) -> AssetGeometry:
        return self.get(library).geometry(asset_id)

    def resolve(self, asset) -> AssetGeometry | None:
        """The geometry of a Scene's asset reference (``library``, ``id``), or None when it cannot
        be loaded (a missing library or file, a corrupt mesh). Every consumer asks here, so each
        failure is recorded once, in `failures`, and the build report lists them; callers fall back
        to the object's box."""
        if asset is None:
            return None
        key = f"{asset.library}/{asset.id}"
        if key in self.failures:
            return None
        try:
            return self.geometry(asset.library, asset.id)
        except Exception as exc:  # noqa: BLE001 - libraries raise many kinds on bad files; recorded here
            self.failures[key] = f"{type(exc).__name__}: {exc}"[:300]
            return None

    def texture(self, kind: str) -> TextureFiles:
        """The cached images of material ``kind`` (`assets.materials`), kept beside the built-in
        library's cache (or the default cache when there is none)."""
        from .library import default_cache_dir

        root = next((lib.cache_root for lib in self.libraries if hasattr(lib, "cache_root")), None)
        return texture_files(kind, root or default_cache_dir(), self.texture_px)

    @property
    def warnings(self) -> list[str]:
        return [w for lib in self.libraries for w in getattr(lib, "warnings", [])]

    def catalog_fingerprint(self) -> str:
        """Content hash of what retrieval chooses from: every library's name, catalog entries and
        skip warnings. A changed catalog, or a user mesh whose size changed, changes it."""
        from vipscene_sim.hashing import sha256_json

        return sha256_json([[lib.name, [i.to_dict() for i in lib.infos()], list(getattr(lib, "warnings", []))]
                            for lib in self.libraries])

    def assets_fingerprint(self, refs) -> str:
        """Hash of the files behind the asset references ``refs`` (`AssetRef`s or None): what
        refinement, physics and export read. Each library says what identifies an asset's files
        (`source_stamp`: sizes and modification times, never whole-file reads), so a rerun
        notices an edited mesh without hashing gigabytes."""
        from vipscene_sim.hashing import sha256_json

        stamps = {}
        for ref in refs:
            if ref is None or f"{ref.library}/{ref.id}" in stamps:
                continue
            try:
                lib = self.get(ref.library)
                stamps[f"{ref.library}/{ref.id}"] = lib.source_stamp(ref.id)
            except (KeyError, OSError) as exc:
                stamps[f"{ref.library}/{ref.id}"] = f"unavailable: {exc}"
        return sha256_json(stamps)

    def describe(self) -> list[dict]:
        return [{"name": lib.name, "assets": len(lib.infos()), "root": str(getattr(lib, "root", getattr(lib, "cache", "")))}
                for lib in self.libraries]


LIBRARIES: Registry = Registry("asset library", "--assets")
"""Kinds of asset library; each loader returns the class, constructed from a folder or cache."""


@LIBRARIES.register("builtin", "the parametric built-in library, generated on first use and cached")
def _builtin():
    return BuiltinLibrary


@LIBRARIES.register("folder", "a folder of the user's meshes with a catalog.json (--assets DIR)")
def _folder():
    from .folder import FolderLibrary

    return FolderLibrary


@LIBRARIES.register("objathor", "an objathor / Objaverse version folder (--objathor DIR)", requires=("msgpack",))
def _objathor():
    from .objathor import ObjathorLibrary

    return ObjathorLibrary


def open_libraries(cache_dir: str | os.PathLike | None = None, folders: Sequence[str | os.PathLike] = (),
                   objathor: str | os.PathLike | None = None, allow_pickle: bool = False,
                   builtin: bool = True) -> LibrarySet:
    """The built-in library plus any user folders and an objathor version folder."""
    from vipscene_sim.errors import UserError

    if cache_dir is not None and Path(cache_dir).exists() and not Path(cache_dir).is_dir():
        raise UserError(f"--cache-dir {cache_dir}: is not a folder; give a folder for the asset cache")
    libs = [LIBRARIES.load("builtin")(cache_dir)] if builtin else []
    libs += [LIBRARIES.load("folder")(Path(f)) for f in folders]
    if objathor is not None:
        libs.append(LIBRARIES.load("objathor")(objathor, allow_pickle=allow_pickle))
    return LibrarySet(libs)
