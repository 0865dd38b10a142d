"""Named colours (linear-ish sRGB in [0, 1], alpha 1) shared by the asset families."""

from .builder import rgba

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


# How each named colour's surface reflects light, for exporters that write physically based
# materials (USD's UsdPreviewSurface): (roughness, metallic). Any other colour is a matte
# dielectric (painted wood, fabric, plastic).
SURFACES = {
    STEEL: (0.35, 1.0), CHROME: (0.12, 1.0), BRASS: (0.3, 1.0), GRAPHITE: (0.55, 0.0),
    GLASS: (0.05, 0.0), CERAMIC: (0.25, 0.0), SCREEN: (0.1, 0.0), LEATHER: (0.45, 0.0),
    BLACK: (0.4, 0.0), WHITE: (0.45, 0.0),
}
MATTE = (0.7, 0.0)


def surface(color) -> tuple[float, float]:
    """(roughness, metallic) of a part of colour ``color`` (RGBA), `MATTE` unless named in `SURFACES`."""
    key = tuple(round(float(c), 4) for c in color)
    return next((v for k, v in SURFACES.items() if tuple(round(float(c), 4) for c in k) == key), MATTE)
