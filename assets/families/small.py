"""Small objects a robot manipulates: mugs, bowls, plates, bottles, books, boxes, pillows, baskets."""

import math

from ..builder import GAP, Builder
from ..palette import (
    BLUE_FABRIC,
    CARDBOARD,
    CERAMIC,
    DARK_WOOD,
    GLASS,
    GREEN_FABRIC,
    GREY_FABRIC,
    LINEN,
    OAK,
    PAPER,
    RED_FABRIC,
    STEEL,
    TERRACOTTA,
    WHITE,
    WICKER,
    rgba,
)
from . import Variant


def _mug(b: Builder, color, r_bottom_frac=1.0):
    """Mug body centred at -Y side so the handle (+Y) fits in the box."""
    handle = 0.03
    r = min(b.hx, b.hy - handle / 2)
    cy = -b.hy + r
    b.cyl("bottom", 0, cy, (0, 0.008), r * r_bottom_frac, color, n=18)
    b.ring("wall", 0, cy, (0.008, b.h), (r * r_bottom_frac, r), 0.005, color, segments=12)
    y0 = cy + r - 0.004
    b.box("handle_top", (-0.007, 0.007), (y0, b.hy), (b.h * 0.7, b.h * 0.7 + 0.01), color)
    b.box("handle_bottom", (-0.007, 0.007), (y0, b.hy), (b.h * 0.25, b.h * 0.25 + 0.01), color)
    b.box("handle_side", (-0.007, 0.007), (b.hy - 0.01, b.hy), (b.h * 0.25, b.h * 0.7 + 0.01), color)


def mug_classic(b):
    _mug(b, CERAMIC)


def mug_tapered(b):
    _mug(b, TERRACOTTA, r_bottom_frac=0.8)


def mug_glass(b):
    """Handle-less tumbler."""
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.01), r * 0.85, GLASS, n=18)
    b.ring("wall", 0, 0, (0.01, b.h), (r * 0.85, r), 0.004, GLASS, segments=12)


def bowl_round(b):
    r = min(b.hx, b.hy)
    b.cyl("foot", 0, 0, (0, 0.008), 0.5 * r, CERAMIC, n=18)
    b.ring("wall", 0, 0, (0.008, b.h), (0.55 * r, r), 0.006, CERAMIC, segments=14)
    b.cyl("floor", 0, 0, (0.008, 0.014), 0.55 * r, CERAMIC, n=18)


def bowl_wood(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.015), 0.65 * r, OAK, n=18)
    b.ring("wall", 0, 0, (0.015, b.h), (0.7 * r, r), 0.01, OAK, segments=14)


def bowl_steel(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.004), 0.45 * r, STEEL, n=18)
    b.ring("wall_low", 0, 0, (0.004, 0.5 * b.h), (0.45 * r, 0.82 * r), 0.003, STEEL, segments=14)
    b.ring("wall_high", 0, 0, (0.5 * b.h, b.h), (0.82 * r, r), 0.003, STEEL, segments=14)


def plate_dinner(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.4 * b.h), 0.6 * r, CERAMIC, n=24)
    b.ring("rim", 0, 0, (0.4 * b.h, b.h), (0.62 * r, r), 0.25 * r, CERAMIC, segments=12)
    b.cyl("well", 0, 0, (0.4 * b.h, 0.55 * b.h), 0.62 * r, CERAMIC, n=24)


def plate_flat(b):
    """Oval serving platter: an elliptical slab with a raised rim."""

    t = [2 * math.pi * k / 28 for k in range(28)]
    ring = lambda sx, sy, z: [[sx * b.hx * math.cos(a), sy * b.hy * math.sin(a), z] for a in t]  # noqa: E731
    b.hull("platter", ring(0.85, 0.85, 0) + ring(0.92, 0.92, 0.4 * b.h), rgba("#2e5d8a"))
    b.hull("rim", ring(0.92, 0.92, 0.4 * b.h) + ring(1.0, 1.0, b.h), rgba("#2e5d8a"))


def plate_square(b):
    b.rbox("plate", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.004, WHITE)


def bottle_wine(b):
    r = min(b.hx, b.hy)
    b.cyl("body", 0, 0, (0, 0.6 * b.h), r, rgba("#254d2f"), n=18)
    b.cyl("shoulder", 0, 0, (0.6 * b.h, 0.72 * b.h), r, rgba("#254d2f"), n=18, r_top=0.35 * r)
    b.cyl("neck", 0, 0, (0.72 * b.h, b.h), 0.32 * r, rgba("#254d2f"), n=12)


def bottle_water(b):
    r = min(b.hx, b.hy)
    b.cyl("body", 0, 0, (0, 0.8 * b.h), r, GLASS, n=18)
    b.cyl("shoulder", 0, 0, (0.8 * b.h, 0.9 * b.h), r, GLASS, n=18, r_top=0.45 * r)
    b.cyl("cap", 0, 0, (0.9 * b.h, b.h), 0.45 * r, rgba("#2e6fb0"), n=12)


def bottle_pump(b):
    """Pump dispenser bottle (soap, lotion)."""
    r = min(b.hx, b.hy)
    b.rbox("body", (-r, r), (-r, r), (0, 0.72 * b.h), 0.2 * r, WHITE)
    b.cyl("collar", 0, 0, (0.72 * b.h, 0.8 * b.h), 0.4 * r, rgba("#8e8e8e"), n=12)
    b.cyl("stem", 0, 0, (0.8 * b.h, 0.94 * b.h), 0.12 * r, rgba("#8e8e8e"), n=8)
    b.box("nozzle", (-0.15 * r, 0.15 * r), (-0.15 * r, r), (0.92 * b.h, b.h), rgba("#8e8e8e"))


def book_hard(b):
    """Hardback lying flat: covers and a paper block."""
    t = min(0.004, b.h / 6)
    b.box("cover_bottom", (-b.hx, b.hx), (-b.hy, b.hy), (0, t), RED_FABRIC)
    b.box("cover_top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - t, b.h), RED_FABRIC)
    b.box("spine", (-b.hx, -b.hx + t), (-b.hy, b.hy), (t, b.h - t), RED_FABRIC)
    b.box("pages", (-b.hx + t, b.hx - 0.004), (-b.hy + 0.004, b.hy - 0.004), (t, b.h - t), PAPER)
    b.surface("top", b.h, (-b.hx, b.hx), (-b.hy, b.hy))


def book_row(b):
    """A row of books standing upright (what a shelf holds); spines face +X."""
    n = max(3, int(2 * b.hy / 0.035))
    w = 2 * b.hy / n
    colors = [RED_FABRIC, BLUE_FABRIC, GREEN_FABRIC, rgba("#d9a441"), GREY_FABRIC, rgba("#6b4a7a")]
    for k in range(n):
        y0 = -b.hy + k * w
        h = b.h * (0.78 + 0.22 * ((k * 7) % 5) / 4)
        b.box(f"book_{k}", (-b.hx, b.hx), (y0 + 0.001, y0 + w - 0.001), (0, h), colors[k % len(colors)])


def book_stack(b):
    """Three paperbacks stacked with small offsets."""
    h = b.h / 3
    colors = [BLUE_FABRIC, rgba("#d9a441"), GREEN_FABRIC]
    for k in range(3):
        dx = (0.01 if k % 2 else -0.01) * min(1, b.hx / 0.1)
        b.box(f"book_{k}", (-b.hx + 0.01 + dx, b.hx - 0.01 + dx), (-b.hy + 0.005 * k, b.hy - 0.005 * (2 - k)), (k * h, (k + 1) * h - 0.001), colors[k])
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def box_cardboard(b):
    """A cardboard box with two top flaps that fold out to the sides (hinged along X)."""
    t = 0.004
    b.tray("box", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h - t - GAP), t, CARDBOARD)
    b.surface("inside", t, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01))
    for k, (y0, y1, hinge, ext) in enumerate(((-b.hy, -0.001, -b.hy, 1), (0.001, b.hy, b.hy, -1))):
        flap = b.box(f"flap_{k}", (-b.hx, b.hx), (y0, y1), (b.h - t, b.h), CARDBOARD)
        # about +X for the low flap: its free edge lifts and folds out over the -Y side
        b.joint(f"flap_{k}", "revolute", flap, (ext, 0, 0), (0, hinge, b.h), (0.0, 2.6))


def box_lidded(b):
    """Round hat box with an overhanging lid."""
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.008), r - 0.008, rgba("#6f8fa6"), n=28)
    b.ring("body", 0, 0, (0.008, 0.82 * b.h), (r - 0.008, r - 0.008), 0.006, rgba("#6f8fa6"), segments=16)
    b.surface("inside", 0.008, (-0.6 * r, 0.6 * r), (-0.6 * r, 0.6 * r))
    lid = b.cyl("lid", 0, 0, (0.82 * b.h + GAP, b.h), r, rgba("#4e6c82"), n=28)
    b.slide("lid", lid, 0, 0, b.h, 0.2, axis=(0, 0, 1))
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def box_open(b):
    """Wooden crate on two skids with an overhanging hinged lid."""
    inset, skid = 0.03, 0.03
    for k, y in enumerate((-b.hy + inset, b.hy - inset - 0.04)):
        b.box(f"skid_{k}", (-b.hx + inset, b.hx - inset), (y, y + 0.04), (0, skid), DARK_WOOD)
    b.tray("crate", (-b.hx + inset, b.hx - inset), (-b.hy + inset, b.hy - inset), (skid, b.h - 0.012 - GAP), 0.012, OAK)
    b.surface("inside", skid + 0.012, (-b.hx + inset + 0.015, b.hx - inset - 0.015), (-b.hy + inset + 0.015, b.hy - inset - 0.015))
    lid = b.box("lid", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.012, b.h), OAK)
    b.back_hinge("lid", lid, -b.hx, 0, b.h, limit=1.9)


def pillow_bed(b):
    b.rbox("pillow", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.45 * b.h, WHITE)


def pillow_square(b):
    b.rbox("cushion", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.4 * b.h, rgba("#c2844f"))


def pillow_bolster(b):
    r = min(b.hx, b.h / 2)
    b.rod("bolster", (0, -b.hy, r), (0, b.hy, r), r, LINEN, n=16)


def basket_wicker(b):
    b.tray("basket", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.015, WICKER)
    for k, y in enumerate((-b.hy, b.hy - 0.015)):
        b.box(f"handle_{k}", (-0.06, 0.06), (y, y + 0.015), (b.h - 0.04, b.h), rgba("#8b6a3e"))
    b.surface("inside", 0.015, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def basket_round(b):
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.012), 0.85 * r, WICKER, n=18)
    b.ring("wall", 0, 0, (0.012, b.h), (0.85 * r, r), 0.012, WICKER, segments=14)
    b.surface("inside", 0.012, (-0.55 * r, 0.55 * r), (-0.55 * r, 0.55 * r))


def basket_hamper(b):
    """Laundry hamper with a lid."""
    b.tray("body", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h - 0.03), 0.015, rgba("#d8cfbf"))
    lid = b.box("lid", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.03 + GAP, b.h), rgba("#c4b8a2"))
    b.back_hinge("lid", lid, -b.hx, 0, b.h, limit=1.9)


VARIANTS = [
    Variant("mug", "classic", "white ceramic mug", (0.09, 0.12, 0.1), mug_classic),
    Variant("mug", "tapered", "terracotta tapered mug", (0.09, 0.12, 0.1), mug_tapered),
    Variant("mug", "tumbler", "glass tumbler without a handle", (0.08, 0.08, 0.11), mug_glass),
    Variant("bowl", "ceramic", "white ceramic bowl", (0.16, 0.16, 0.07), bowl_round),
    Variant("bowl", "wooden", "wooden salad bowl", (0.26, 0.26, 0.1), bowl_wood),
    Variant("bowl", "steel", "stainless mixing bowl", (0.24, 0.24, 0.11), bowl_steel),
    Variant("plate", "dinner", "white dinner plate with a rim", (0.26, 0.26, 0.025), plate_dinner),
    Variant("plate", "platter", "blue oval serving platter", (0.24, 0.36, 0.025), plate_flat),
    Variant("plate", "square", "white square plate", (0.24, 0.24, 0.02), plate_square),
    Variant("bottle", "wine", "green wine bottle", (0.075, 0.075, 0.3), bottle_wine),
    Variant("bottle", "water", "clear water bottle with a blue cap", (0.07, 0.07, 0.24), bottle_water),
    Variant("bottle", "pump", "white pump dispenser bottle", (0.07, 0.07, 0.18), bottle_pump),
    Variant("book", "hardback", "red hardback lying flat", (0.16, 0.24, 0.03), book_hard),
    Variant("book", "row", "row of upright books", (0.2, 0.45, 0.24), book_row),
    Variant("book", "stack", "stack of three paperbacks", (0.15, 0.22, 0.07), book_stack),
    Variant("box", "cardboard", "taped cardboard box", (0.3, 0.4, 0.25), box_cardboard),
    Variant("box", "hat_box", "round blue hat box with a lid", (0.34, 0.34, 0.22), box_lidded),
    Variant("box", "crate", "wooden crate with a hinged lid", (0.3, 0.4, 0.22), box_open),
    Variant("pillow", "bed", "white bed pillow", (0.4, 0.65, 0.14), pillow_bed),
    Variant("pillow", "cushion", "square throw cushion", (0.15, 0.45, 0.45), pillow_square),
    Variant("pillow", "bolster", "linen bolster", (0.2, 0.6, 0.2), pillow_bolster),
    Variant("basket", "wicker", "rectangular wicker basket with handles", (0.3, 0.4, 0.25), basket_wicker),
    Variant("basket", "round", "round woven basket", (0.35, 0.35, 0.3), basket_round),
    Variant("basket", "hamper", "lidded laundry hamper", (0.4, 0.5, 0.55), basket_hamper),
]
