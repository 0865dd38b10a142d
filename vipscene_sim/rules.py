"""Rules of the scene that several stages must apply alike; each is written once, here.

- A floor covering (rug, mat: a floor object thinner than `FLOOR_COVERING_HEIGHT`) is part of
  the floor: it blocks no path, gets no collider, is never simulated or counted as a collision.
- A free body (`is_free_body`) is a dynamic object that stands on the floor or on another
  object: simulators give it a free joint; wall- and ceiling-mounted objects stay fixed.
- `ROBOT_RADIUS` is the round robot whose navigable floor refinement keeps open and the metrics
  measure, unless the user gives another.
- Door swings and doorways are geometry: `vipscene_sim.geometry.room`.
- An identifier (scene name, object id, category, asset library and id) is what every exporter
  can write as an XML name, a USD prim, a file name: 1 to `IDENTIFIER_MAX` characters, no control
  characters, no lone surrogates (`identifier_problem`). Free text (descriptions, prompts) only
  has to be XML-compatible (`text_problem`).
"""

from __future__ import annotations

FLOOR_COVERING_HEIGHT = 0.03
"""Metres: floor objects thinner than this are floor coverings."""

ROBOT_RADIUS = 0.25
"""Metres: the default robot's radius."""


IDENTIFIER_MAX = 128
"""Characters: longer ids make file names past a filesystem's 255-byte limit once suffixed."""


def _bad_char(text: str, allow_whitespace: bool) -> str | None:
    for c in text:
        o = ord(c)
        if 0xD800 <= o <= 0xDFFF:
            return "a lone surrogate (not Unicode text)"
        if o in (0xFFFE, 0xFFFF) or (o < 32 and not (allow_whitespace and c in "\t\n\r")) or 0x7F <= o < 0xA0:
            return f"the control character U+{o:04X}"
    return None


def identifier_problem(text: str) -> str | None:
    """Why ``text`` cannot be an identifier every exporter writes, or None."""
    if not text.strip():
        return "must not be empty or blank"
    if len(text) > IDENTIFIER_MAX:
        return f"is {len(text)} characters long; at most {IDENTIFIER_MAX}"
    bad = _bad_char(text, allow_whitespace=False)
    return f"holds {bad}; identifiers must be plain text" if bad else None


def text_problem(text: str, limit: int = 10_000) -> str | None:
    """Why free text (a description, a prompt) cannot go into the exported files, or None."""
    if len(text) > limit:
        return f"is {len(text)} characters long; at most {limit}"
    bad = _bad_char(text, allow_whitespace=True)
    return f"holds {bad}, which XML cannot carry" if bad else None


def is_floor_covering(obj, height: float = FLOOR_COVERING_HEIGHT) -> bool:
    """True for a floor object thinner than ``height`` (a `SceneObject`, or anything with
    ``support.kind`` and ``size``)."""
    return obj.support.kind == "floor" and obj.size[2] < height


def is_free_body(obj) -> bool:
    """True for an object every simulator moves freely (see the module docstring)."""
    return bool(obj.dynamic) and obj.support.kind in ("floor", "on")


def floor_coverings(scene, height: float = FLOOR_COVERING_HEIGHT) -> set[str]:
    """Ids of the scene's floor coverings."""
    return {o.id for o in scene.objects if is_floor_covering(o, height)}
