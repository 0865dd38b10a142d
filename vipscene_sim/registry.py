"""Registries of backends: one per kind (reconstruction, perception, video generation, VLM judge,
exporters, asset libraries), all of this shape.

An entry is a name, a one-line description, the modules it needs and the extra that installs
them, and a loader that imports the backend's module only when the backend is used (heavy
optional dependencies are never imported to list or choose). A new backend is one module and one
``register`` call beside its kind's registry. A missing dependency is raised where the backend is
used, as the exit-2 line naming the ``pip install`` (the original import error attached).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import MissingExtraError, UserError

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    description: str
    loader: Callable[[], T]
    requires: tuple[str, ...] = ()
    """Top-level modules the backend imports."""
    extra: str | None = None
    """The optional extra that installs ``requires`` (None: core dependencies or the user's own)."""

    def missing(self) -> list[str]:
        return [m for m in self.requires if importlib.util.find_spec(m) is None]


class Registry(Generic[T]):
    """Backends of one kind by name, in registration order. ``flag`` is the command-line option
    that chooses among them (named in errors)."""

    def __init__(self, kind: str, flag: str):
        self.kind, self.flag = kind, flag
        self._entries: dict[str, Entry[T]] = {}

    def register(self, name: str, description: str, requires: tuple[str, ...] = (),
                 extra: str | None = None) -> Callable[[Callable[[], T]], Callable[[], T]]:
        """Decorator for a loader: a function without arguments that imports and returns the
        backend (a class, a function or a settings record)."""
        def add(loader: Callable[[], T]) -> Callable[[], T]:
            if name in self._entries:
                raise ValueError(f"{self.kind} backend {name!r} is registered twice")
            self._entries[name] = Entry(name, description, loader, requires, extra)
            return loader

        return add

    def names(self) -> list[str]:
        return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def entry(self, name: str) -> Entry[T]:
        """The entry, or a UserError listing the choices."""
        if name not in self._entries:
            raise UserError(f"{self.flag} {name}: unknown {self.kind} backend; choose from {', '.join(self._entries)}")
        return self._entries[name]

    def available(self) -> list[str]:
        """Backends whose dependencies are installed here."""
        return [n for n, e in self._entries.items() if not e.missing()]

    def load(self, name: str) -> T:
        """The backend ``name``, its module imported now; a missing dependency is a UserError."""
        e = self.entry(name)
        missing = e.missing()
        if missing:
            what = f"{self.kind} backend {name!r}"
            if e.extra:
                raise MissingExtraError(what, e.extra, f"{', '.join(missing)} not installed")
            raise UserError(f"{what} needs {', '.join(missing)}: pip install {' '.join(missing)}")
        try:
            return e.loader()
        except ImportError as exc:
            raise MissingExtraError(f"{self.kind} backend {name!r}", e.extra or "gen", str(exc)) from None

    def describe(self) -> list[dict]:
        """Name, description and availability of every backend (for ``--help`` texts and reports)."""
        return [{"name": n, "description": e.description, "available": not e.missing(),
                 **({"extra": e.extra} if e.extra else {})} for n, e in self._entries.items()]
