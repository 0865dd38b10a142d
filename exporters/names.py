"""Names that every consumer accepts, and the map back to the Scene's object ids.

Scene ids are free text (ProcTHOR's ``Sofa|2|3``, a user's ``mug ☕``). MJCF body names become
Drake body names, Isaac prim paths and Python attribute names in robot-learning code, and a USD
prim name must be an identifier; so each exported name is an identifier (``[A-Za-z_][A-Za-z0-9_]*``),
the id itself where it already is one, otherwise its cleaned form plus a short hash of the id
(stable across runs, distinct for distinct ids).
"""

from __future__ import annotations

import hashlib
import re

SEPARATOR = "__"
"""Joins an object's name and a part of it (``cabinet__door_0``, ``mug__collision_1``): an
identifier too, unlike MuJoCo's ``/`` or Drake's ``::``."""


def identifier(text: str, taken: set[str] | None = None) -> str:
    """A valid identifier for ``text``, unique within ``taken`` (which it is added to)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not (name[0].isalpha() or name[0] == "_"):
        name = "o_" + name
    if name != text:
        name += "_" + hashlib.sha1(text.encode()).hexdigest()[:6]
    if taken is None:
        return name
    base, k = name, 1
    while name in taken:
        k += 1
        name = f"{base}_{k}"
    taken.add(name)
    return name


def object_names(ids, reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Object id -> its identifier, in scene order, none equal to a ``reserved`` name."""
    taken = set(reserved)
    return {oid: identifier(oid, taken) for oid in ids}


def part_name(owner: str, part: str) -> str:
    """The name of a part (joint, link body, geom) of an exported object."""
    return f"{owner}{SEPARATOR}{identifier(part)}"
