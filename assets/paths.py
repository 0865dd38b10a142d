"""The one way a library turns a name from its catalog into a file: inside its root or refused.

Catalog entries, objathor annotation keys and texture names come from files written by others;
an absolute path, a ``..`` or a symlink out of the library folder would make a build read (and
copy into its output) a file the user never offered. Every library resolves through `inside`.
"""

from __future__ import annotations

import os
from pathlib import Path

from .library import AssetLoadError


class AssetPathError(AssetLoadError):
    """A catalog names a file outside its library folder, or a name that is no path at all."""


def inside(root: str | os.PathLike, *relative: str) -> Path:
    """``root/relative...`` resolved (symlinks followed); raises `AssetPathError` when a part is
    empty, absolute, holds a NUL or control character, or when the result leaves ``root``."""
    base = Path(root).resolve()
    for part in relative:
        if not isinstance(part, str) or not part.strip():
            raise AssetPathError(f"{part!r} is not a file name")
        if any(ord(c) < 32 for c in part):
            raise AssetPathError(f"{part!r} holds a control character; not a file name")
        if os.path.isabs(part) or Path(part).drive:
            raise AssetPathError(f"{part!r} is an absolute path; a library names files inside its folder")
    try:
        path = base.joinpath(*relative).resolve()
    except (OSError, ValueError) as exc:
        raise AssetPathError(f"{'/'.join(relative)!r} is not a usable path ({exc})") from None
    if not path.is_relative_to(base):
        raise AssetPathError(f"{'/'.join(relative)!r} points outside the library folder {base}; refused")
    return path


def file_stamp(path: Path) -> list:
    """Name, size and modification time of a file (or of each file in a folder, sorted): what a
    rerun compares to notice an edited asset without reading it. A missing path stamps as such."""
    try:
        if path.is_dir():
            return [file_stamp(p) for p in sorted(path.iterdir()) if p.is_file()]
        st = path.stat()
    except OSError as exc:
        return [path.name, f"unreadable: {exc.strerror}"]
    return [path.name, st.st_size, st.st_mtime_ns]
