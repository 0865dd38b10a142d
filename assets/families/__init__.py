"""Asset families: one module per kind of furniture or object, each exporting ``VARIANTS``.

A variant is a generator: it draws convex parts into a `Builder` sized to the variant's nominal
extent, in a frame with the floor at z = 0, the footprint centred, and +X the front.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..builder import Builder


@dataclass(frozen=True)
class Variant:
    category: str
    name: str
    description: str
    size: tuple[float, float, float]
    build: Callable[[Builder], None]
    includes: tuple[str, ...] = ()
    """Categories of objects the asset has built in (a sink's tap is a faucet): retrieval does not
    choose it for an object that holds one of those as its own object."""

    @property
    def id(self) -> str:
        return f"{self.category}__{self.name}"


def all_variants() -> list[Variant]:
    from . import (
        bath,
        beds,
        decor,
        electronics,
        food,
        gadgets,
        household,
        kitchen,
        kitchenware,
        leisure,
        lighting,
        seating,
        small,
        storage,
        tables,
        toiletries,
    )

    out: list[Variant] = []
    for module in (beds, seating, tables, storage, kitchen, bath, lighting, decor, electronics, small,
                   household, kitchenware, food, toiletries, gadgets, leisure):
        out.extend(module.VARIANTS)
    return out
