"""Named colours (linear-ish sRGB in [0, 1], alpha 1) shared by the asset families, and which
kind of material (`assets.materials`) each part is."""

from __future__ import annotations

from typing import Sequence

Color = tuple[float, float, float, float]


def rgba(hex_or_rgb: str | Sequence[float], alpha: float = 1.0) -> Color:
    """'#rrggbb' or (r, g, b) in [0, 1] -> (r, g, b, a)."""
    if isinstance(hex_or_rgb, str):
        h = hex_or_rgb.lstrip("#")
        return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)
    r, g, b = hex_or_rgb[:3]
    return (float(r), float(g), float(b), alpha)


OAK = rgba("#b08a5a")
WALNUT = rgba("#6b4a32")
PINE = rgba("#d2b48c")
DARK_WOOD = rgba("#4a3224")
WHITE = rgba("#f2f2ee")
OFF_WHITE = rgba("#e6e1d6")
BLACK = rgba("#202020")
GRAPHITE = rgba("#3a3c40")
STEEL = rgba("#b8bcc2")
CHROME = rgba("#d9dde2")
BRASS = rgba("#c9a24a")
GREY_FABRIC = rgba("#8c8f94")
BLUE_FABRIC = rgba("#4f6d8f")
GREEN_FABRIC = rgba("#5f7a5a")
BEIGE_FABRIC = rgba("#cbbd a3".replace(" ", ""))
RED_FABRIC = rgba("#9a3b36")
LEATHER = rgba("#7a4a2a")
LINEN = rgba("#efe9dc")
CERAMIC = rgba("#f7f7f5")
TERRACOTTA = rgba("#b8653d")
LEAF = rgba("#3f7a3a")
LEAF_DARK = rgba("#2e5e2c")
SOIL = rgba("#3b2a1e")
GLASS = rgba("#a9cfd8", 0.55)
SCREEN = rgba("#111418")
LAMPSHADE = rgba("#f3e8cf")
BULB = rgba("#fff6d5")
PAPER = rgba("#f4efe2")
CARDBOARD = rgba("#b89467")
WICKER = rgba("#b58b52")
RUG_RED = rgba("#8e3b3b")
RUG_BLUE = rgba("#3d5a80")
RUG_BEIGE = rgba("#cdbb9b")
MATTRESS = rgba("#f1efe8")
BLANKET = rgba("#6f86a6")


# Which kind of surface (`assets.materials.MATERIALS`) each colour is, for the physically based
# materials every exporter writes. Part names that say what a part is come first (a white cushion
# is fabric, not paint); then the named colours here and a few colours the families define
# themselves; anything else is plastic.
_KIND_OF_COLOR = {
    **dict.fromkeys((OAK, WALNUT, PINE, DARK_WOOD), "wood"),
    **dict.fromkeys((WHITE, OFF_WHITE), "painted"),
    **dict.fromkeys((BLACK, GRAPHITE), "plastic"),
    **dict.fromkeys((STEEL, BRASS), "brushed_metal"),
    CHROME: "polished_metal",
    **dict.fromkeys((GREY_FABRIC, BLUE_FABRIC, GREEN_FABRIC, BEIGE_FABRIC, RED_FABRIC, LINEN, MATTRESS, BLANKET,
                     RUG_RED, RUG_BLUE, RUG_BEIGE, LAMPSHADE, WICKER), "fabric"),
    LEATHER: "leather",
    **dict.fromkeys((CERAMIC, TERRACOTTA), "ceramic"),
    **dict.fromkeys((LEAF, LEAF_DARK), "plant"),
    SOIL: "stone",
    **dict.fromkeys((GLASS, BULB), "glass"),
    SCREEN: "screen",
    **dict.fromkeys((PAPER, CARDBOARD), "paper"),
    # colours of the families' own
    **{rgba(h): k for h, k in (("#b87333", "polished_metal"), ("#c9a24a", "polished_metal"),
                               ("#b9b4aa", "stone"), ("#d8d4cc", "stone"), ("#3c3c3e", "stone"),
                               ("#3a3a3a", "rubber"), ("#8a2a22", "rubber"), ("#5a3a22", "leather"),
                               ("#dcd8cc", "paper"), ("#6e8fa8", "paper"), ("#c9855a", "paper"),
                               ("#7f9a6c", "paper"), ("#a8773f", "fabric"), ("#d9b98c", "fabric"),
                               ("#9aa3ab", "fabric"), ("#a7b89a", "fabric"), ("#2c4660", "screen"),
                               ("#4d6b2a", "plant"), ("#8fc45a", "plant"), ("#4f8a34", "plant"))},
}
_KIND_OF_NAME = (
    (("cushion", "pillow", "mattress", "blanket", "duvet", "towel", "rug", "curtain", "upholstery", "pad"), "fabric"),
    (("screen", "display", "monitor_panel"), "screen"),
    (("glass", "mirror", "pane", "bulb"), "glass"),
    (("leaf", "leaves", "foliage", "frond"), "plant"),
    (("page", "pages", "label"), "paper"),
)


_STRUCTURE = {"lid", "frame", "bezel", "back", "stand", "base", "leg", "legs", "rim", "hinge", "handle"}
"""Words that make a part the structure around what its name says (a screen's lid, a mirror's frame)."""


def _key(color) -> tuple:
    return tuple(round(float(c), 4) for c in color)


_KINDS = {_key(c): k for c, k in _KIND_OF_COLOR.items()}


def material_of(color, part_name: str = "") -> str:
    """The material kind of a part of colour ``color`` (RGBA) named ``part_name``."""
    words = set(part_name.lower().replace("-", "_").split("_"))
    if not words & _STRUCTURE:
        for names, kind in _KIND_OF_NAME:
            if words & set(names):
                return kind
    return _KINDS.get(_key(color), "plastic")
