"""Where a command's assets come from: the library options every command shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryOptions:
    """The asset libraries searched and resolved: the built-in one and the user's."""

    cache_dir: str | None = None
    """Where the built-in asset library is cached (None: $VIPSCENE_CACHE_DIR or ~/.cache/vipscene-sim)."""
    asset_folders: tuple[str, ...] = ()
    """Folders of the user's own assets (each with a catalog.json)."""
    objathor: str | None = None
    """An objathor/Objaverse version folder."""
    allow_pickle: bool = False
    """Read objathor .pkl.gz files (unpickling runs code from the file: only for trusted files)."""

    def open(self):
        """The `assets.registry.LibrarySet` these options name."""
        from assets.registry import open_libraries

        return open_libraries(self.cache_dir, self.asset_folders, self.objathor, self.allow_pickle)
