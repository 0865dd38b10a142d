"""Bathroom things: soap and spray bottles, soap bars, toilet rolls, tissues, plungers and brushes,
cloths and towels with their holders, shower heads and curtains, taps.

Wall-mounted ones (holders, shower heads, towels) have their back at -X, against the wall.
"""

from ..builder import Builder, rgba
from ..palette import BLACK, BRASS, CHROME, GLASS, LINEN, OAK, PAPER, STEEL, WHITE
from . import Variant

TEAL = rgba("#3e8e8a")
PINK = rgba("#e8a0b0")
BLUE = rgba("#3d6ea8")
TOWEL_GREY = rgba("#9aa3ab")
TOWEL_SAGE = rgba("#a7b89a")
RUBBER = rgba("#8a2a22")


def _pump(b: Builder, color, body):
    r = min(b.hx, b.hy)
    body(r)
    b.cyl("collar", 0, 0, (0.72 * b.h, 0.8 * b.h), 0.35 * r, WHITE, n=12)
    b.cyl("stem", 0, 0, (0.8 * b.h, 0.95 * b.h), 0.1 * r, WHITE, n=8)
    b.box("nozzle", (-0.1 * r, b.hx), (-0.1 * r, 0.1 * r), (0.9 * b.h, b.h), WHITE)


def soap_bottle_round(b):
    _pump(b, TEAL, lambda r: b.cyl("body", 0, 0, (0, 0.72 * b.h), r, TEAL, n=18))


def soap_bottle_square(b):
    _pump(b, GLASS, lambda r: b.rbox("body", (-r, r), (-b.hy, b.hy), (0, 0.72 * b.h), 0.1 * r, GLASS))


def soap_bottle_flask(b):
    """Squeeze bottle standing on its cap."""
    r = min(b.hx, b.hy)
    b.cyl("cap", 0, 0, (0, 0.12 * b.h), 0.6 * r, WHITE, n=12)
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.12 * b.h, b.h), 0.3 * r, PINK)


def _spray(b: Builder, color, body_h: float, round_body: bool):
    r = min(b.hy, 0.4 * b.size[0])
    cx = -b.hx + r
    if round_body:
        b.cyl("body", cx, 0, (0, body_h * b.h), r, color, n=16)
    else:
        b.rbox("body", (cx - r, cx + r), (-b.hy, b.hy), (0, body_h * b.h), 0.3 * r, color)
    b.cyl("neck", cx, 0, (body_h * b.h, (body_h + 0.08) * b.h), 0.4 * r, WHITE, n=10)
    b.box("head", (cx - 0.5 * r, b.hx), (-0.4 * r, 0.4 * r), ((body_h + 0.08) * b.h, b.h), WHITE)
    b.box("trigger", (cx + 0.5 * r, cx + 0.9 * r), (-0.2 * r, 0.2 * r), ((body_h - 0.05) * b.h, (body_h + 0.08) * b.h), WHITE)


def spray_bottle_cleaner(b):
    _spray(b, BLUE, 0.7, False)


def spray_bottle_mister(b):
    _spray(b, GLASS, 0.6, True)


def spray_bottle_tall(b):
    _spray(b, rgba("#e0b43a"), 0.78, True)


def soap_bar_oval(b):
    b.ellipsoid("bar", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), rgba("#f1e3c8"))


def soap_bar_block(b):
    b.rbox("bar", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.008, PINK)


def soap_bar_dish(b):
    b.tray("dish", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.45 * b.h), 0.004, WHITE)
    b.rbox("bar", (-0.8 * b.hx, 0.8 * b.hx), (-0.75 * b.hy, 0.75 * b.hy), (0.004, b.h), 0.006, rgba("#cfe3c8"))


def toilet_paper_roll(b):
    r = min(b.hx, b.hy)
    b.ring("roll", 0, 0, (0, b.h), (r, r), 0.65 * r, PAPER, segments=12)


def toilet_paper_stack(b):
    r = min(b.hx, b.hy)
    b.cyl("lower", 0, 0, (0, b.h / 2), r, PAPER, n=20)
    b.cyl("upper", 0, 0, (b.h / 2, b.h), r, PAPER, n=20)


def toilet_paper_flat(b):
    """A squashed roll."""
    b.rbox("roll", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.01, PAPER)


def tissue_box_flat(b):
    b.box("box", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.9 * b.h), BLUE)
    b.ellipsoid("tissue", (0, 0, 0.9 * b.h), (0.3 * b.hx, 0.2 * b.hy, 0.1 * b.h), WHITE)


def tissue_box_cube(b):
    b.box("box", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.85 * b.h), TOWEL_SAGE)
    b.ellipsoid("tissue", (0, 0, 0.85 * b.h), (0.4 * b.hx, 0.4 * b.hy, 0.15 * b.h), WHITE)


def tissue_box_wood(b):
    """Wooden cover with a slot, tapered top."""
    b.box("cover", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.7 * b.h), OAK)
    b.box("top", (-0.8 * b.hx, 0.8 * b.hx), (-0.9 * b.hy, 0.9 * b.hy), (0.7 * b.h, b.h), OAK)


def _plunger(b: Builder, cup, handle_color):
    r = min(b.hx, b.hy)
    cup(r)
    b.cyl("handle", 0, 0, (0.2 * b.h, b.h), 0.012, handle_color, n=8)


def plunger_classic(b):
    _plunger(b, lambda r: b.cyl("cup", 0, 0, (0, 0.2 * b.h), r, RUBBER, n=18, r_top=0.5 * r), OAK)


def plunger_flange(b):
    def cup(r):
        b.cyl("flange", 0, 0, (0, 0.05 * b.h), 0.55 * r, BLACK, n=14)
        b.cyl("cup", 0, 0, (0.05 * b.h, 0.22 * b.h), r, BLACK, n=18, r_top=0.6 * r)
    _plunger(b, cup, BLACK)


def plunger_bellows(b):
    def cup(r):
        for k in range(3):
            b.cyl(f"bellow_{k}", 0, 0, (0.1 * k * b.h, 0.1 * (k + 1) * b.h), r * (1 - 0.15 * k), WHITE, n=16)
    _plunger(b, cup, WHITE)


def _brush_holder(b: Builder, holder, color, handle_top: float):
    r = min(b.hx, b.hy)
    holder(r)
    b.cyl("handle", 0, 0, (0.3 * b.h, handle_top * b.h), 0.01, color, n=8)
    if handle_top < 1:
        b.cyl("knob", 0, 0, (handle_top * b.h, b.h), 0.02, color, n=10)


def scrub_brush_canister(b):
    _brush_holder(b, lambda r: b.cyl("holder", 0, 0, (0, 0.35 * b.h), r, WHITE, n=18), WHITE, 0.95)


def scrub_brush_steel(b):
    _brush_holder(b, lambda r: b.cyl("holder", 0, 0, (0, 0.45 * b.h), r, STEEL, n=18, r_top=0.8 * r), STEEL, 0.92)


def scrub_brush_open(b):
    """Brush head resting in an open dish on a pole."""
    def holder(r):
        b.cyl("dish", 0, 0, (0, 0.05 * b.h), r, BLACK, n=18)
        b.ellipsoid("head", (0, 0, 0.15 * b.h), (0.7 * r, 0.7 * r, 0.1 * b.h), GLASS)
    _brush_holder(b, holder, BLACK, 1.0)


def cloth_folded(b):
    b.rbox("cloth", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.004, rgba("#d9c27a"))


def cloth_stack(b):
    b.rbox("lower", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h / 2), 0.004, BLUE)
    b.rbox("upper", (-0.9 * b.hx, 0.9 * b.hx), (-0.85 * b.hy, 0.85 * b.hy), (b.h / 2, b.h), 0.004, WHITE)


def cloth_rolled(b):
    """Two rolled cloths side by side, axes along Y."""
    r = min(b.hx / 2, b.h / 2)
    for k, x in enumerate((-r, r)):
        b.rod(f"roll_{k}", (x, -b.hy, r), (x, b.hy, r), r, (rgba("#c96a5a"), WHITE)[k], n=14)


def _bar(b: Builder, color, x0: float, y: tuple[float, float], z: float, r: float):
    b.box("mount_left", (-b.hx, -b.hx + 0.01), (y[0] - r, y[0] + r), (z - 2 * r, z + 2 * r), color)
    b.box("mount_right", (-b.hx, -b.hx + 0.01), (y[1] - r, y[1] + r), (z - 2 * r, z + 2 * r), color)
    b.rod("arm_left", (-b.hx + 0.01, y[0], z), (x0, y[0], z), r, color, n=8)
    b.rod("arm_right", (-b.hx + 0.01, y[1], z), (x0, y[1], z), r, color, n=8)
    b.rod("bar", (x0, y[0], z), (x0, y[1], z), r, color, n=10)


def towel_holder_bar(b):
    _bar(b, CHROME, b.hx - 0.01, (-b.hy + 0.01, b.hy - 0.01), b.h / 2, min(0.01, b.h / 4))


def towel_holder_ring(b):
    """Towel ring hanging from a round mount."""
    b.box("mount", (-b.hx, -b.hx + 0.015), (-0.025, 0.025), (b.h - 0.05, b.h), BRASS)
    b.rod("stem", (-b.hx + 0.015, 0, b.h - 0.025), (0.0, 0, b.h - 0.025), 0.006, BRASS, n=8)
    for k, (y0, z0, y1, z1) in enumerate([(-1, 0.7, -0.7, 0.15), (-0.7, 0.15, 0.7, 0.15), (0.7, 0.15, 1, 0.7),
                                         (-1, 0.7, 1, 0.7)]):
        b.rod(f"ring_{k}", (0.0, y0 * b.hy * 0.9, z0 * b.h), (0.0, y1 * b.hy * 0.9, z1 * b.h), 0.005, BRASS, n=8)


def towel_holder_rack(b):
    """Two bars, one above the other, on a shelf."""
    b.box("shelf", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.015, b.h), STEEL)
    _bar(b, STEEL, b.hx - 0.01, (-b.hy + 0.01, b.hy - 0.01), 0.3 * b.h, min(0.008, b.h / 6))
    b.surface("shelf", b.h, (-b.hx, b.hx), (-b.hy, b.hy))


def toilet_paper_hanger_arm(b):
    r = min(0.4 * b.h, 0.4 * b.size[0])
    b.box("mount", (-b.hx, -b.hx + 0.012), (-b.hy, -b.hy + 0.03), (0, b.h), CHROME)
    b.rod("arm", (-b.hx + 0.012, -b.hy + 0.015, b.h / 2), (-b.hx + 0.012, b.hy, b.h / 2), 0.006, CHROME, n=8)
    b.rod("roll", (-b.hx + 0.014 + r, -b.hy + 0.04, b.h / 2), (-b.hx + 0.014 + r, b.hy, b.h / 2), r, PAPER, n=14)


def toilet_paper_hanger_cover(b):
    """Holder with a curved cover over the roll."""
    r = min(0.45 * b.h, 0.45 * b.size[0])
    b.box("mount", (-b.hx, -b.hx + 0.015), (-b.hy, b.hy), (0.4 * b.h, b.h), BRASS)
    b.box("cover", (-b.hx + 0.015, b.hx), (-b.hy, b.hy), (b.h - 0.006, b.h), BRASS)
    b.rod("roll", (-b.hx + 0.016 + r, -b.hy + 0.01, b.h - 0.008 - r), (-b.hx + 0.016 + r, b.hy - 0.01, b.h - 0.008 - r),
          r, PAPER, n=14)


def toilet_paper_hanger_stand(b):
    """Wall post holding a spare roll upright."""
    r = min(b.hy, 0.45 * b.size[0])
    b.box("mount", (-b.hx, -b.hx + 0.012), (-0.02, 0.02), (0, b.h), BLACK)
    b.box("base", (-b.hx + 0.012, b.hx), (-r, r), (0, 0.01), BLACK)
    b.cyl("roll", -b.hx + 0.012 + r, 0, (0.01, b.h), 0.95 * r, PAPER, n=16)


def _shower_head(b: Builder, head, color):
    b.box("riser", (-b.hx, -b.hx + 0.03), (-0.015, 0.015), (0, b.h), color)
    head(color)


def shower_head_rain(b):
    def head(color):
        b.rod("arm", (-b.hx + 0.03, 0, b.h - 0.02), (0.3 * b.hx, 0, b.h - 0.02), 0.01, color)
        b.cyl("head", b.hx - min(b.hy, b.hx), 0, (b.h - 0.04, b.h - 0.01), min(b.hy, b.hx), color, n=24)
    _shower_head(b, head, CHROME)


def shower_head_handheld(b):
    def head(color):
        b.rod("handle", (-b.hx + 0.03, 0, 0.55 * b.h), (0.3 * b.hx, 0, 0.75 * b.h), 0.014, color)
        b.cyl("head", 0.5 * b.hx, 0, (0.74 * b.h, 0.8 * b.h), 0.45 * min(b.hx, b.hy) + 0.02, color, n=18)
        b.box("valve", (-b.hx + 0.03, -b.hx + 0.08), (-0.04, 0.04), (0.1 * b.h, 0.18 * b.h), color)
    _shower_head(b, head, CHROME)


def shower_head_swan(b):
    def head(color):
        b.rod("arm_up", (-b.hx + 0.03, 0, 0.85 * b.h), (0.0, 0, b.h - 0.01), 0.01, color)
        b.rod("arm_down", (0.0, 0, b.h - 0.01), (0.6 * b.hx, 0, 0.85 * b.h), 0.01, color)
        b.cyl("head", 0.6 * b.hx, 0, (0.8 * b.h, 0.85 * b.h), min(b.hy, 0.4 * b.hx), color, n=16)
    _shower_head(b, head, BRASS)


def _curtain(b: Builder, color, folds: int, gather: float):
    """A rail across Y at the top and a pleated curtain hanging from it."""
    b.rod("rail", (0, -b.hy, b.h - 0.01), (0, b.hy, b.h - 0.01), 0.01, CHROME, n=8)
    span = 2 * b.hy * gather
    w = span / folds
    for k in range(folds):
        y = -b.hy + w * k
        x = (b.hx - 0.01) * (1 if k % 2 else -1)
        b.hull(f"fold_{k}", [[x, y, 0.0], [x, y + w, 0.0], [x, y, b.h - 0.02], [x, y + w, b.h - 0.02],
                             [0, y + w / 2, 0.0], [0, y + w / 2, b.h - 0.02]], color)


def shower_curtain_white(b):
    _curtain(b, WHITE, 10, 1.0)


def shower_curtain_drawn(b):
    """Pushed to one side."""
    _curtain(b, TOWEL_SAGE, 6, 0.4)


def shower_curtain_liner(b):
    """Curtain and a clear liner behind it."""
    _curtain(b, BLUE, 8, 1.0)
    b.box("liner", (-b.hx, -b.hx + 0.004), (-b.hy, b.hy), (0.1, b.h - 0.02), GLASS)


def _towel(b: Builder, color, bar: bool, folded: bool):
    if bar:
        b.rod("bar", (-b.hx + 0.01, -b.hy, b.h - 0.012), (-b.hx + 0.01, b.hy, b.h - 0.012), 0.01, CHROME, n=8)
    t = b.size[0] - 0.02 if bar else b.size[0]
    x0 = b.hx - t
    if folded:
        b.box("front", (x0 + t / 2, b.hx), (-0.9 * b.hy, 0.9 * b.hy), (0.1 * b.h, b.h), color)
        b.box("back", (x0, x0 + t / 2), (-0.9 * b.hy, 0.9 * b.hy), (0.45 * b.h, b.h), color)
    else:
        b.box("towel", (x0, b.hx), (-0.95 * b.hy, 0.95 * b.hy), (0, b.h - 0.005), color)


def towel_bath(b):
    _towel(b, TOWEL_GREY, False, False)


def towel_folded(b):
    _towel(b, TOWEL_SAGE, True, True)


def towel_hand(b):
    _towel(b, LINEN, True, False)


def _tap(b: Builder, color, spout_len: float, spout_z: float, handles: int):
    r = min(b.hy, 0.25 * b.size[0], 0.03)
    b.cyl("base", -b.hx + r, 0, (0, 0.06 * b.h), r * 1.3 if handles == 0 else r, color, n=14)
    b.cyl("column", -b.hx + r, 0, (0.06 * b.h, spout_z * b.h), 0.7 * r, color, n=12)
    b.rod("spout", (-b.hx + r, 0, spout_z * b.h), (-b.hx + spout_len * b.size[0], 0, spout_z * b.h - 0.01), 0.6 * r, color)
    b.rod("outlet", (-b.hx + spout_len * b.size[0], 0, spout_z * b.h - 0.01), (-b.hx + spout_len * b.size[0], 0, 0.5 * spout_z * b.h), 0.5 * r, color)
    for k in range(handles):
        y = (b.hy - 0.012) * (1 if k else -1)
        b.cyl(f"handle_{k}", -b.hx + r, y, (0, 0.35 * b.h), 0.012, color, n=8)
    if handles == 0:
        b.rod("lever", (-b.hx + r, 0, b.h - 0.012), (-b.hx + 0.9 * b.size[0], 0, b.h - 0.012), 0.008, color, n=8)


def faucet_gooseneck(b):
    _tap(b, CHROME, 0.95, 0.9, 0)


def faucet_two_handle(b):
    _tap(b, BRASS, 0.8, 0.6, 2)


def faucet_low(b):
    _tap(b, BLACK, 1.0, 0.5, 0)


VARIANTS = [
    Variant("soap_bottle", "round", "teal pump bottle of hand soap", (0.07, 0.07, 0.19), soap_bottle_round),
    Variant("soap_bottle", "square", "square glass soap dispenser", (0.08, 0.06, 0.16), soap_bottle_square),
    Variant("soap_bottle", "flask", "pink squeeze bottle on its cap", (0.05, 0.09, 0.2), soap_bottle_flask),
    Variant("spray_bottle", "cleaner", "blue trigger spray cleaner", (0.11, 0.06, 0.26), spray_bottle_cleaner),
    Variant("spray_bottle", "mister", "glass plant mister", (0.1, 0.06, 0.18), spray_bottle_mister),
    Variant("spray_bottle", "tall", "tall yellow spray bottle", (0.12, 0.05, 0.32), spray_bottle_tall),
    Variant("soap_bar", "oval", "oval bar of soap", (0.09, 0.055, 0.025), soap_bar_oval),
    Variant("soap_bar", "block", "pink block of soap", (0.08, 0.05, 0.03), soap_bar_block),
    Variant("soap_bar", "dish", "bar of soap in a white dish", (0.12, 0.08, 0.03), soap_bar_dish),
    Variant("toilet_paper", "roll", "roll of toilet paper", (0.11, 0.11, 0.1), toilet_paper_roll),
    Variant("toilet_paper", "stack", "two rolls stacked", (0.1, 0.1, 0.16), toilet_paper_stack),
    Variant("toilet_paper", "flat", "flattened travel roll", (0.12, 0.08, 0.1), toilet_paper_flat),
    Variant("tissue_box", "flat", "flat blue box of tissues", (0.12, 0.24, 0.09), tissue_box_flat),
    Variant("tissue_box", "cube", "cube box of tissues", (0.12, 0.12, 0.14), tissue_box_cube),
    Variant("tissue_box", "wood", "wooden tissue box cover", (0.13, 0.26, 0.08), tissue_box_wood),
    Variant("plunger", "classic", "red rubber plunger with a wooden handle", (0.14, 0.14, 0.5), plunger_classic),
    Variant("plunger", "flange", "black flange plunger", (0.16, 0.16, 0.6), plunger_flange),
    Variant("plunger", "bellows", "white bellows plunger", (0.2, 0.2, 0.45), plunger_bellows),
    Variant("scrub_brush", "canister", "toilet brush in a white canister", (0.11, 0.11, 0.4), scrub_brush_canister),
    Variant("scrub_brush", "steel", "toilet brush in a steel holder", (0.1, 0.1, 0.45), scrub_brush_steel),
    Variant("scrub_brush", "open", "silicone toilet brush in an open dish", (0.16, 0.16, 0.38), scrub_brush_open),
    Variant("cloth", "folded", "folded yellow duster", (0.18, 0.22, 0.02), cloth_folded),
    Variant("cloth", "stack", "two folded cloths", (0.2, 0.25, 0.04), cloth_stack),
    Variant("cloth", "rolled", "rolled red cloth", (0.12, 0.24, 0.06), cloth_rolled),
    Variant("towel_holder", "bar", "chrome towel bar", (0.08, 0.6, 0.05), towel_holder_bar),
    Variant("towel_holder", "ring", "brass towel ring", (0.06, 0.18, 0.2), towel_holder_ring),
    Variant("towel_holder", "rack", "steel towel rack with a shelf", (0.15, 0.55, 0.2), towel_holder_rack),
    Variant("toilet_paper_hanger", "arm", "chrome toilet roll holder with a roll", (0.15, 0.18, 0.13), toilet_paper_hanger_arm),
    Variant("toilet_paper_hanger", "cover", "brass holder with a cover", (0.13, 0.17, 0.14), toilet_paper_hanger_cover),
    Variant("toilet_paper_hanger", "stand", "black wall post with an upright roll", (0.16, 0.14, 0.25), toilet_paper_hanger_stand),
    Variant("shower_head", "rain", "chrome rain shower on a riser", (0.32, 0.3, 1.1), shower_head_rain),
    Variant("shower_head", "handheld", "hand shower on a riser with a valve", (0.25, 0.14, 0.9), shower_head_handheld),
    Variant("shower_head", "swan", "brass swan-neck shower", (0.3, 0.16, 0.5), shower_head_swan),
    Variant("shower_curtain", "white", "white shower curtain on a rail", (0.3, 0.5, 1.9), shower_curtain_white),
    Variant("shower_curtain", "drawn", "sage curtain drawn to one side", (0.4, 0.45, 1.8), shower_curtain_drawn),
    Variant("shower_curtain", "liner", "blue curtain with a clear liner", (0.3, 0.55, 1.4), shower_curtain_liner),
    Variant("towel", "bath", "grey bath towel hanging", (0.04, 0.6, 0.7), towel_bath),
    Variant("towel", "folded", "sage towel folded over a bar", (0.05, 0.45, 0.35), towel_folded),
    Variant("towel", "hand", "linen hand towel on a bar", (0.035, 0.3, 0.45), towel_hand),
    Variant("faucet", "gooseneck", "chrome single-lever gooseneck tap", (0.22, 0.05, 0.3), faucet_gooseneck),
    Variant("faucet", "two_handle", "brass two-handle tap", (0.18, 0.16, 0.2), faucet_two_handle),
    Variant("faucet", "low", "low black basin tap", (0.16, 0.05, 0.14), faucet_low),
]
