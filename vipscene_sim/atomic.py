"""Atomic file writes: the new content appears all at once or not at all.

We write to a temporary file in the destination's folder (same filesystem), fsync it and
``os.replace`` it over the target, so a crash or an exception mid-write leaves the previous
file intact and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def output_folder(path: str | os.PathLike, create: bool = False) -> Path:
    """A command's ``--out`` folder: a `UserError` (exit 2, one line) when it is a file or cannot
    be created, instead of a traceback; created when ``create``."""
    from .errors import UserError

    out = Path(path)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a folder; choose another --out")
    if create:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{out}: cannot create this folder ({exc.strerror or exc}); choose another --out") from None
    return out


def _umask() -> int:
    """The process's umask, read without changing it where the system tells (Linux), else by
    setting and restoring it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def user_mode(directory: bool = False) -> int:
    """The permissions a plain ``open``/``mkdir`` would give under the user's umask (temporary
    files and folders start private, 0600/0700; what we publish must not stay so, or another
    user of a shared cluster filesystem cannot read the scenes)."""
    return (0o777 if directory else 0o666) & ~_umask()


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, creating parent folders; returns the path. The file
    gets the user's usual permissions (umask), not the temporary file's private ones."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, user_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically (see `atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def replaced_folder(parent: str | os.PathLike, name: str):
    """Build a folder in a temporary sibling and swap it in as ``parent/name`` only when the
    block succeeds: readers never see a half-written export, and no stale files from an earlier
    export survive. On failure the temporary folder is removed and the old one stays."""
    import shutil
    import time

    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    final = parent / name
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=parent))
    os.chmod(tmp, user_mode(directory=True))
    try:
        yield tmp
        if final.exists():
            old = parent / f".{name}.old.{time.time_ns()}"
            final.rename(old)
            tmp.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def regular_file(path: Path, what: str) -> Path:
    """``path`` if it is a regular file; a `UserError` for a FIFO, a device or a folder, which
    would block a read forever or mean something else (nothing is opened to find out)."""
    from .errors import UserError

    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a pipe or a device)"
        raise UserError(f"{path}: is {kind}; expected a {what}")
    return path


def read_user_json(path: str | os.PathLike, what: str, missing_hint: str = ""):
    """The parsed JSON of a file the user named: a missing or unreadable file is a `UserError`
    (exit 2) saying ``{path}: no such file{missing_hint}`` or that it is not a readable ``what``."""
    import json

    from .errors import UserError

    path = regular_file(Path(path), what)
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise UserError(f"{path}: no such file{missing_hint}") from None
    except RecursionError:
        raise UserError(f"{path}: not a readable {what} (nested too deeply)") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: not a readable {what} ({exc})") from None
