"""Files that many variants have in common kept once: a content-addressed store of hard links.

After a variant folder is written, every file in it whose bytes are already in the store (a mesh,
a texture, a collider another variant wrote) is replaced by a hard link to the stored copy, and
every new one is added. A variant folder stays self-contained (its MJCF, URDF and USD load from
it, and it can be copied elsewhere on its own), while the disk holds each distinct file once.
Linking is atomic (a link made beside the file, then renamed over it), so a kill leaves each file
either as written or linked, and several processes can share one store.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MIN_BYTES = 4096
"""Smaller files (scene.json, reports) are not worth a link."""


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def share_files(folder: Path, store: Path) -> dict[str, int]:
    """Link ``folder``'s files into ``store``; counts of files linked, added and kept as copies
    (a filesystem without hard links keeps copies, and says so)."""
    counts = {"linked": 0, "added": 0, "copies": 0}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        if path.stat().st_size < MIN_BYTES:
            continue
        digest = _digest(path)
        stored = store / digest[:2] / f"{digest}{path.suffix}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        try:
            if not stored.exists():
                try:
                    os.link(path, stored)
                    counts["added"] += 1
                    continue
                except FileExistsError:  # another process stored the same bytes just now
                    pass
            if os.path.samefile(path, stored):
                continue
            tmp = path.with_name(f".{path.name}.link")
            if tmp.exists():
                tmp.unlink()
            os.link(stored, tmp)
            os.replace(tmp, path)
            counts["linked"] += 1
        except OSError:
            counts["copies"] += 1
    return counts
