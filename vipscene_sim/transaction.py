"""A command's output folder as one transaction: the previous complete output or the new complete
output, never a mix, never less than before.

`output_transaction(OUT)` takes a lock beside OUT (a second writer is refused at once with the
reason), copies the previous output into a staging folder beside it, lets the command write
there, and swaps the staging folder in only when the command returned. A kill, a full disk or an
error at any moment leaves OUT as it was; the staging folder is removed (or, after a kill, by the
next run). The swap is two renames; a kill between them leaves the old output under a hidden
name, which the next run puts back before anything else.

A full disk, a read-only location or missing permissions are the user's to fix: a `UserError`
(exit 2) naming the path and the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError

FIXABLE = {errno.ENOSPC: "the disk is full; free some space or choose another --out",
           errno.EDQUOT: "the disk quota is used up; free some space or choose another --out",
           errno.EROFS: "the location is read-only; choose a writable --out",
           errno.EACCES: "permission denied; choose a folder you can write to as --out",
           errno.EPERM: "permission denied; choose a folder you can write to as --out"}


def fixable(exc: OSError, path: Path) -> UserError | None:
    """The exit-2 error for an OSError the user can fix (full disk, read-only, permissions)."""
    why = FIXABLE.get(exc.errno)
    if why is None:
        return None
    where = exc.filename or path
    return UserError(f"{where}: {why} (the previous output in {path}, if any, is unchanged)")


def _hidden(out: Path, what: str) -> Path:
    return out.parent / f".{out.name}.{what}"


@contextlib.contextmanager
def output_lock(out: Path, what: str = "lock") -> Iterator[None]:
    """Hold the lock of OUT (a hidden file beside it, ``.OUT.<what>``) or refuse at once. A
    command made of transactions (generate: video, perceive, build) holds its own ``what`` over
    the whole run, so a second such command is refused while each stage still locks OUT."""
    import fcntl

    lock = _hidden(out, what)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as exc:
        err = fixable(exc, out) or UserError(f"{out}: cannot create this folder ({exc.strerror}); choose another --out")
        raise err from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"{out}: another vipscene command is writing this folder now; wait for it to finish "
                            "or choose another --out") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def output_transaction(out: str | os.PathLike) -> Iterator[Path]:
    """Yield the staging folder to write OUT's new content into (it starts as a copy of OUT)."""
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a folder; choose another --out")
    with output_lock(out):
        old, staging = _hidden(out, "old"), _hidden(out, "staging")
        if old.exists() and not out.exists():
            old.rename(out)  # a kill between the two renames of an earlier swap: put it back
        for leftover in (old, staging):
            shutil.rmtree(leftover, ignore_errors=True)  # an earlier run's, killed: we hold the lock
        try:
            if out.exists():
                shutil.copytree(out, staging, symlinks=True)
            else:
                staging.mkdir()
            yield staging
            if out.exists():
                out.rename(old)
                staging.rename(out)
                shutil.rmtree(old, ignore_errors=True)
            else:
                staging.rename(out)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            err = fixable(exc, out)
            if err is None:
                raise
            raise err from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
