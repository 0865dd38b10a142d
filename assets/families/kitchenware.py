"""Kitchenware a robot picks up: kettles, pans, cups, cutlery, shakers, rolls, sponges, coffee machines.

Long utensils lie along X (their handle at -X, the working end at +X), as AI2-THOR's do.
"""

from ..builder import Builder, rgba
from ..palette import BLACK, CERAMIC, CHROME, GLASS, GRAPHITE, OAK, PAPER, STEEL, WHITE
from . import Variant

RED = rgba("#b03a2e")
CREAM = rgba("#efe4c8")
SILICONE = rgba("#d9673b")


def _kettle(b: Builder, color, body_frac: float, spout_up: float):
    """Body of revolution at -X..; spout toward +X, handle across the top or at the back."""
    r = min(b.hy, 0.36 * b.size[0])
    cx = -b.hx + r
    hb = body_frac * b.h
    b.cyl("base", cx, 0, (0, 0.1 * hb), r * 0.9, color, n=20, r_top=r)
    b.cyl("body", cx, 0, (0.1 * hb, hb), r, color, n=20, r_top=0.7 * r)
    b.cyl("lid", cx, 0, (hb + 0.002, hb + 0.02), 0.55 * r, color, n=16)
    b.rod("spout", (cx + 0.7 * r, 0, 0.35 * hb), (b.hx - 0.01, 0, spout_up * hb), 0.012, color)
    return cx, r, hb


def kettle_electric(b):
    cx, r, hb = _kettle(b, WHITE, 0.78, 0.9)
    b.box("handle", (cx - r - 0.02, cx - r + 0.01), (-0.012, 0.012), (0.2 * hb, b.h), BLACK)
    b.box("handle_top", (cx - r - 0.02, cx - 0.2 * r), (-0.012, 0.012), (b.h - 0.02, b.h), BLACK)
    b.back_hinge("lid", "lid", cx - 0.55 * r, 0, hb + 0.02, limit=0.35)


def kettle_stovetop(b):
    cx, r, hb = _kettle(b, RED, 0.62, 1.2)
    b.rod("handle_a", (cx - 0.6 * r, 0, hb), (cx - 0.3 * r, 0, b.h - 0.01), 0.008, BLACK)
    b.rod("handle_b", (cx + 0.6 * r, 0, hb), (cx + 0.3 * r, 0, b.h - 0.01), 0.008, BLACK)
    b.rod("handle_top", (cx - 0.3 * r, 0, b.h - 0.01), (cx + 0.3 * r, 0, b.h - 0.01), 0.01, BLACK)


def kettle_gooseneck(b):
    cx, r, hb = _kettle(b, GRAPHITE, 0.55, 1.5)
    b.box("handle", (cx - r - 0.025, cx - r + 0.005), (-0.01, 0.01), (0.15 * hb, 0.95 * hb), OAK)


def _pan(b: Builder, color, depth_frac: float, handle_color, wall: float = 0.004):
    r = min(b.hy, 0.6 * b.hx)
    cx = b.hx - r
    dz = depth_frac * b.h
    b.cyl("base", cx, 0, (0, 0.006), 0.9 * r, color, n=24)
    b.ring("wall", cx, 0, (0.006, dz), (0.9 * r, r), wall, color, segments=14)
    hz = min(dz, b.h - 0.012)
    b.rod("handle", (cx - r, 0, hz), (-b.hx + 0.012, 0, min(b.h - 0.012, hz + 0.02)), 0.011, handle_color)
    return cx, r


def pan_frying(b):
    cx, r = _pan(b, GRAPHITE, 1.0, BLACK)
    b.surface("pan", 0.006, (cx - 0.8 * r, cx + 0.8 * r), (-0.8 * r, 0.8 * r))


def pan_saute(b):
    cx, r = _pan(b, STEEL, 1.0, STEEL, wall=0.003)
    b.cyl("helper", cx + r + 0.015, 0, (0.5 * b.h, 0.6 * b.h), 0.012, STEEL, n=8)
    b.surface("pan", 0.006, (cx - 0.8 * r, cx + 0.8 * r), (-0.8 * r, 0.8 * r))


def pan_griddle(b):
    """Square griddle pan with low ridged sides."""
    s = min(b.hy, 0.6 * b.hx)
    cx = b.hx - s
    b.box("plate", (cx - s, cx + s), (-s, s), (0, 0.01), BLACK)
    b.tray("rim", (cx - s, cx + s), (-s, s), (0.01, b.h * 0.6), 0.006, BLACK, bottom=0.002)
    b.rod("handle", (cx - s, 0, 0.5 * b.h), (-b.hx + 0.012, 0, b.h - 0.012), 0.011, OAK)
    b.surface("pan", 0.012, (cx - 0.8 * s, cx + 0.8 * s), (-0.8 * s, 0.8 * s))


def cup_glass(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.012), 0.8 * r, GLASS, n=18)
    b.ring("wall", 0, 0, (0.012, b.h), (0.8 * r, r), 0.003, GLASS, segments=12)


def cup_paper(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.006), 0.7 * r, PAPER, n=18)
    b.ring("wall", 0, 0, (0.006, 0.9 * b.h), (0.7 * r, r), 0.002, PAPER, segments=12)
    b.cyl("lid", 0, 0, (0.9 * b.h, b.h), r * 1.0, WHITE, n=18, r_top=0.8 * r)


def cup_tea(b):
    """Wide teacup on a short foot."""
    r = min(b.hx, b.hy)
    b.cyl("foot", 0, 0, (0, 0.1 * b.h), 0.45 * r, CERAMIC, n=16)
    b.ring("bowl", 0, 0, (0.1 * b.h, b.h), (0.5 * r, r), 0.004, CERAMIC, segments=12)


def _blade(b: Builder, handle_len: float, handle_color, blade_color, blade_h: float, tip: float = 0.6):
    """Knife: handle at -X, blade to +X, its spine on top."""
    x0 = -b.hx + handle_len
    b.box("handle", (-b.hx, x0), (-b.hy, b.hy), (0, 0.75 * b.h), handle_color)
    b.hull("blade", [[x0, -b.hy * 0.5, z] for z in (0.05 * b.h, b.h)] + [[x0, b.hy * 0.5, z] for z in (0.05 * b.h, b.h)]
           + [[b.hx, -b.hy * 0.3, (1 - tip) * b.h], [b.hx, b.hy * 0.3, (1 - tip) * b.h + 0.002],
              [b.hx - 0.3 * blade_h, 0, b.h]], blade_color)


def knife_chef(b):
    _blade(b, 0.35 * b.size[0], BLACK, STEEL, b.h)


def knife_butter(b):
    _blade(b, 0.45 * b.size[0], STEEL, STEEL, b.h, tip=0.2)


def knife_bread(b):
    _blade(b, 0.3 * b.size[0], OAK, CHROME, b.h, tip=0.05)


def _utensil(b: Builder, handle_color, head, head_len: float, head_w: float, bowl_h: float):
    """Spoon or fork lying on a surface: the head at +X and the handle's end at -X both touch it."""
    x_head = b.hx - head_len
    b.rod("handle", (-b.hx + 0.005, 0, 0.005), (x_head, 0, b.h - 0.005), 0.005, handle_color, n=8)
    head(x_head, head_w)


def _spoon_head(b, color, depth):
    def head(x0, w):
        b.rod("neck", (x0, 0, b.h - 0.005), (x0 + 0.3 * (b.hx - x0), 0, depth), 0.004, color, n=8)
        b.ellipsoid("bowl", ((x0 + b.hx) / 2, 0, depth), ((b.hx - x0) / 2, w / 2, depth), color)
    return head


def spoon_table(b):
    _utensil(b, STEEL, _spoon_head(b, STEEL, 0.25 * b.h), 0.3 * b.size[0], b.size[1], 0.25 * b.h)


def spoon_wooden(b):
    _utensil(b, OAK, _spoon_head(b, OAK, 0.35 * b.h), 0.22 * b.size[0], b.size[1], 0.35 * b.h)


def spoon_tea(b):
    _utensil(b, CHROME, _spoon_head(b, CHROME, 0.5 * b.h), 0.45 * b.size[0], b.size[1], 0.5 * b.h)


def _fork_head(b, color, tines):
    """Tines slope from the raised neck down to their tips on the surface."""
    def head(x0, w):
        xn = x0 + 0.3 * (b.hx - x0)
        b.hull("neck", [[x, y, z] for x, zz in ((x0, b.h - 0.008), (xn, 0.5 * b.h)) for y in (-w / 2, w / 2)
                        for z in (zz, zz + 0.004)], color)
        pitch = w / tines
        for k in range(tines):
            y = -w / 2 + pitch * (k + 0.5)
            b.hull(f"tine_{k}", [[x, yy, z] for x, zz in ((xn, 0.5 * b.h), (b.hx, 0.0))
                                 for yy in (y - 0.3 * pitch, y + 0.3 * pitch) for z in (zz, zz + 0.004)], color)
    return head


def fork_dinner(b):
    _utensil(b, STEEL, _fork_head(b, STEEL, 4), 0.3 * b.size[0], b.size[1], 0.004)


def fork_salad(b):
    _utensil(b, CHROME, _fork_head(b, CHROME, 3), 0.25 * b.size[0], b.size[1], 0.004)


def fork_wooden(b):
    _utensil(b, OAK, _fork_head(b, OAK, 2), 0.4 * b.size[0], b.size[1], 0.004)


def ladle_steel(b):
    r = min(b.hy, 0.25 * b.size[0])
    b.ring("cup", b.hx - r, 0, (0, 0.6 * b.h), (0.7 * r, r), 0.003, STEEL, segments=10)
    b.cyl("cup_bottom", b.hx - r, 0, (0, 0.004), 0.7 * r, STEEL, n=12)
    b.rod("handle", (b.hx - 2 * r, 0, 0.55 * b.h), (-b.hx + 0.006, 0, 0.006), 0.005, STEEL, n=8)


def ladle_black(b):
    r = min(b.hy, 0.3 * b.size[0])
    b.ellipsoid("cup", (b.hx - r, 0, 0.35 * b.h), (r, r, 0.35 * b.h), BLACK)
    b.rod("handle", (b.hx - 2 * r, 0, 0.5 * b.h), (-b.hx + 0.008, 0, 0.008), 0.007, BLACK, n=8)


def ladle_wood(b):
    r = min(b.hy, 0.2 * b.size[0])
    b.ellipsoid("cup", (b.hx - r, 0, 0.5 * b.h), (r, r, 0.5 * b.h), OAK)
    b.rod("handle", (b.hx - 2 * r, 0, 0.4 * b.h), (-b.hx + 0.006, 0, 0.006), 0.006, OAK, n=8)


def _spatula(b, color, blade_frac, slots: int):
    x0 = b.hx - blade_frac * b.size[0]
    if slots:
        w = b.size[1] / (2 * slots + 1)
        for k in range(slots + 1):
            y = -b.hy + 2 * k * w
            b.box(f"blade_{k}", (x0, b.hx), (y, y + w), (0, 0.003), color)
        b.box("blade_tip", (b.hx - 0.01, b.hx), (-b.hy, b.hy), (0, 0.003), color)
    else:
        b.box("blade", (x0, b.hx), (-b.hy, b.hy), (0, 0.003), color)
    b.rod("handle", (x0, 0, b.h - 0.007), (-b.hx + 0.007, 0, 0.007), 0.006, color, n=8)


def spatula_silicone(b):
    _spatula(b, SILICONE, 0.3, 0)


def spatula_slotted(b):
    _spatula(b, BLACK, 0.35, 3)


def spatula_fish(b):
    _spatula(b, STEEL, 0.45, 2)


def shaker_glass(b):
    r = min(b.hx, b.hy)
    b.cyl("body", 0, 0, (0, 0.8 * b.h), r, GLASS, n=16)
    b.cyl("cap", 0, 0, (0.8 * b.h, b.h), r, CHROME, n=16, r_top=0.7 * r)


def shaker_mill(b):
    """Tall wooden pepper mill with a knob."""
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.25 * b.h), r, OAK, n=16, r_top=0.7 * r)
    b.cyl("waist", 0, 0, (0.25 * b.h, 0.7 * b.h), 0.7 * r, OAK, n=16)
    b.cyl("head", 0, 0, (0.7 * b.h, 0.92 * b.h), 0.9 * r, OAK, n=16, r_top=0.6 * r)
    b.cyl("knob", 0, 0, (0.92 * b.h, b.h), 0.25 * r, CHROME, n=8)


def shaker_ceramic(b):
    r = min(b.hx, b.hy)
    b.ellipsoid("body", (0, 0, 0.45 * b.h), (r, r, 0.45 * b.h), WHITE)
    b.cyl("cap", 0, 0, (0.85 * b.h, b.h), 0.45 * r, CHROME, n=12)


def paper_towel_roll_plain(b):
    r = min(b.hx, b.hy)
    b.cyl("roll", 0, 0, (0, b.h), r, PAPER, n=24)


def paper_towel_roll_holder(b):
    r = min(b.hx, b.hy)
    b.cyl("stand", 0, 0, (0, 0.02), r, OAK, n=24)
    b.cyl("roll", 0, 0, (0.02, 0.94 * b.h), 0.85 * r, PAPER, n=24)
    b.cyl("spindle", 0, 0, (0.94 * b.h, b.h), 0.12 * r, OAK, n=8)


def paper_towel_roll_pair(b):
    """Two rolls stacked, the lower one still wrapped."""
    r = min(b.hx, b.hy)
    b.cyl("lower", 0, 0, (0, b.h / 2), r, rgba("#dfe8f2"), n=24)
    b.cyl("upper", 0, 0, (b.h / 2, b.h), 0.95 * r, PAPER, n=24)


def _foil_box(b, color, end_color, lid_frac):
    b.box("box", (-b.hx, b.hx), (-b.hy, b.hy), (0, lid_frac * b.h), color)
    b.hull("lid", [[-b.hx, y, lid_frac * b.h] for y in (-b.hy, b.hy)] + [[b.hx, y, lid_frac * b.h] for y in (-b.hy, b.hy)]
           + [[-b.hx, y, b.h] for y in (-b.hy, b.hy)] + [[0.3 * b.hx, y, b.h] for y in (-b.hy, b.hy)], end_color)


def foil_roll_box(b):
    _foil_box(b, rgba("#c7ccd2"), rgba("#2e5d8a"), 0.7)


def foil_roll_film(b):
    _foil_box(b, rgba("#e3e8ee"), rgba("#3f7a3a"), 0.85)


def foil_roll_bare(b):
    """A bare roll of baking paper, axis along Y."""
    r = min(b.hx, b.h / 2)
    b.rod("roll", (0, -b.hy, r), (0, b.hy, r), r, rgba("#e7d9b8"), n=20)


def dish_sponge_two_layer(b):
    b.box("sponge", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.65 * b.h), rgba("#f2d34b"))
    b.box("scourer", (-b.hx, b.hx), (-b.hy, b.hy), (0.65 * b.h, b.h), rgba("#3f7a3a"))


def dish_sponge_round(b):
    r = min(b.hx, b.hy)
    b.cyl("sponge", 0, 0, (0, b.h), r, rgba("#e85a8a"), n=20)


def dish_sponge_brush(b):
    """Dish brush: round head at +X on a handle."""
    r = min(b.hy, 0.2 * b.size[0])
    b.cyl("head", b.hx - r, 0, (0, b.h), r, WHITE, n=16)
    b.rod("handle", (b.hx - 2 * r, 0, 0.5 * b.h), (-b.hx + 0.008, 0, 0.5 * b.h), min(0.008, b.h / 2), OAK, n=8)


def _coffee_body(b, color, base_h):
    b.box("base", (-b.hx, b.hx), (-b.hy, b.hy), (0, base_h), color)
    b.box("tower", (-b.hx, 0), (-b.hy, b.hy), (base_h, b.h), color)


def coffee_machine_drip(b):
    _coffee_body(b, BLACK, 0.05)
    r = min(0.45 * b.hx, 0.8 * b.hy)
    b.cyl("pot", 0.5 * b.hx, 0, (0.05, 0.5 * b.h), r, GLASS, n=16)
    b.box("hood", (0, b.hx), (-b.hy, b.hy), (0.8 * b.h, b.h), BLACK)  # the hotplate holds its own pot


def coffee_machine_espresso(b):
    _coffee_body(b, CHROME, 0.12 * b.h)
    b.box("group_head", (0, 0.6 * b.hx), (-0.3 * b.hy, 0.3 * b.hy), (0.55 * b.h, 0.65 * b.h), BLACK)
    b.rod("wand", (0.1 * b.hx, 0.7 * b.hy, 0.6 * b.h), (0.5 * b.hx, 0.7 * b.hy, 0.3 * b.h), 0.006, CHROME)
    b.box("top", (0, b.hx), (-b.hy, b.hy), (0.92 * b.h, b.h), CHROME)
    b.surface("drip_tray", 0.12 * b.h, (0.05 * b.hx, 0.95 * b.hx), (-0.8 * b.hy, 0.8 * b.hy))


def coffee_machine_pod(b):
    """Pod machine: a slim tower with a water tank behind and a cup stand."""
    b.box("tower", (-0.6 * b.hx, 0.5 * b.hx), (-b.hy, b.hy), (0, b.h), rgba("#7a1f2b"))
    b.box("tank", (-b.hx, -0.6 * b.hx), (-0.8 * b.hy, 0.8 * b.hy), (0.1 * b.h, 0.95 * b.h), GLASS)
    b.box("spout", (0.5 * b.hx, b.hx), (-0.5 * b.hy, 0.5 * b.hy), (0.7 * b.h, 0.85 * b.h), rgba("#7a1f2b"))
    b.box("stand", (0.5 * b.hx, b.hx), (-0.7 * b.hy, 0.7 * b.hy), (0, 0.06 * b.h), BLACK)
    b.surface("cup_stand", 0.06 * b.h, (0.55 * b.hx, 0.95 * b.hx), (-0.6 * b.hy, 0.6 * b.hy))


VARIANTS = [
    Variant("kettle", "electric", "white electric jug kettle", (0.2, 0.15, 0.24), kettle_electric),
    Variant("kettle", "stovetop", "red stovetop kettle with a top handle", (0.24, 0.2, 0.22), kettle_stovetop),
    Variant("kettle", "gooseneck", "black gooseneck pour-over kettle", (0.25, 0.16, 0.16), kettle_gooseneck),
    Variant("pan", "frying", "non-stick frying pan", (0.45, 0.26, 0.05), pan_frying),
    Variant("pan", "saute", "steel saute pan with a helper handle", (0.5, 0.28, 0.08), pan_saute),
    Variant("pan", "griddle", "square cast-iron griddle pan", (0.42, 0.24, 0.04), pan_griddle),
    Variant("cup", "glass", "drinking glass", (0.075, 0.075, 0.12), cup_glass),
    Variant("cup", "paper", "paper cup with a lid", (0.09, 0.09, 0.13), cup_paper),
    Variant("cup", "tea", "wide white teacup", (0.1, 0.1, 0.07), cup_tea),
    Variant("knife", "chef", "chef's knife", (0.32, 0.02, 0.045), knife_chef),
    Variant("knife", "butter", "round-ended butter knife", (0.22, 0.018, 0.02), knife_butter),
    Variant("knife", "bread", "bread knife with a wooden handle", (0.34, 0.025, 0.035), knife_bread),
    Variant("fork", "dinner", "steel dinner fork", (0.2, 0.025, 0.02), fork_dinner),
    Variant("fork", "salad", "short three-tine salad fork", (0.16, 0.03, 0.025), fork_salad),
    Variant("fork", "wooden", "two-prong wooden serving fork", (0.3, 0.04, 0.03), fork_wooden),
    Variant("spoon", "table", "steel tablespoon", (0.2, 0.04, 0.02), spoon_table),
    Variant("spoon", "wooden", "wooden cooking spoon", (0.28, 0.05, 0.025), spoon_wooden),
    Variant("spoon", "measuring", "short measuring spoon with a deep bowl", (0.13, 0.05, 0.025), spoon_tea),
    Variant("ladle", "steel", "steel soup ladle", (0.3, 0.09, 0.06), ladle_steel),
    Variant("ladle", "black", "black nylon ladle", (0.28, 0.07, 0.05), ladle_black),
    Variant("ladle", "wood", "wooden ladle", (0.32, 0.06, 0.04), ladle_wood),
    Variant("spatula", "silicone", "orange silicone spatula", (0.28, 0.05, 0.015), spatula_silicone),
    Variant("spatula", "slotted", "black slotted turner", (0.3, 0.08, 0.02), spatula_slotted),
    Variant("spatula", "fish", "long steel fish slice", (0.35, 0.07, 0.025), spatula_fish),
    Variant("shaker", "glass", "glass salt shaker with a chrome cap", (0.045, 0.045, 0.09), shaker_glass),
    Variant("shaker", "mill", "tall wooden pepper mill", (0.06, 0.06, 0.2), shaker_mill),
    Variant("shaker", "ceramic", "round ceramic shaker", (0.06, 0.06, 0.075), shaker_ceramic),
    Variant("paper_towel_roll", "plain", "roll of paper towels", (0.11, 0.11, 0.22), paper_towel_roll_plain),
    Variant("paper_towel_roll", "holder", "paper towels on a wooden holder", (0.12, 0.12, 0.3), paper_towel_roll_holder),
    Variant("paper_towel_roll", "pair", "two rolls of paper towels stacked", (0.1, 0.1, 0.32), paper_towel_roll_pair),
    Variant("foil_roll", "foil", "box of aluminium foil", (0.065, 0.3, 0.05), foil_roll_box),
    Variant("foil_roll", "film", "box of cling film", (0.05, 0.44, 0.04), foil_roll_film),
    Variant("foil_roll", "paper", "bare roll of baking paper", (0.06, 0.2, 0.06), foil_roll_bare),
    Variant("dish_sponge", "scourer", "yellow sponge with a green scourer", (0.1, 0.07, 0.03), dish_sponge_two_layer),
    Variant("dish_sponge", "round", "round pink sponge", (0.09, 0.09, 0.025), dish_sponge_round),
    Variant("dish_sponge", "brush", "dish brush with a wooden handle", (0.18, 0.06, 0.04), dish_sponge_brush),
    Variant("coffee_machine", "drip", "black drip coffee maker with a glass pot", (0.3, 0.22, 0.36), coffee_machine_drip),
    Variant("coffee_machine", "espresso", "chrome espresso machine", (0.4, 0.35, 0.38), coffee_machine_espresso),
    Variant("coffee_machine", "pod", "slim pod coffee machine", (0.36, 0.2, 0.3), coffee_machine_pod),
]

