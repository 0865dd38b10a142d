"""Household furniture and fixtures AI2-THOR houses hold: dog beds, clothes dryers, shelving units,
laundry hampers, garbage bags, vacuum cleaners, carts, safes, blinds and curtains.

Doors, lids and drawers carry joint hints where the real thing opens; shelves are receptacles.
Wall-hung ones (blinds, curtains) have their back at -X.
"""

from ..builder import GAP, Builder, rgba
from ..palette import BLACK, BLUE_FABRIC, CHROME, GLASS, GRAPHITE, GREY_FABRIC, LINEN, OAK, PINE, STEEL, WHITE, WICKER
from . import Variant
from .storage import WALL, _carcass, _drawers

BAG = rgba("#202224")
BAG_WHITE = rgba("#e4e6e8")
SAFE = rgba("#3a3f45")
RED = rgba("#b03a2e")


def _dog_bed(b: Builder, base, cushion, rim_h: float, round_bed: bool):
    if round_bed:
        r = min(b.hx, b.hy)
        b.ring("rim", 0, 0, (0, rim_h * b.h), (r, r), 0.22 * r, base, segments=14)
        b.cyl("cushion", 0, 0, (0, 0.35 * b.h), 0.8 * r, cushion, n=20)
        b.surface("cushion", 0.35 * b.h, (-0.55 * r, 0.55 * r), (-0.55 * r, 0.55 * r))
    else:
        w = 0.12 * min(b.size[0], b.size[1])
        b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.3 * b.h), 0.03, base)
        for name, x, y in (("back", (-b.hx, -b.hx + w), (-b.hy, b.hy)), ("left", (-b.hx, b.hx - w), (b.hy - w, b.hy)),
                           ("right", (-b.hx, b.hx - w), (-b.hy, -b.hy + w))):
            b.rbox(f"bolster_{name}", x, y, (0.2 * b.h, rim_h * b.h), 0.03, base)
        b.rbox("cushion", (-b.hx + w, b.hx), (-b.hy + w, b.hy - w), (0.2 * b.h, 0.4 * b.h), 0.03, cushion)
        b.surface("cushion", 0.4 * b.h, (-b.hx + w, b.hx), (-b.hy + w, b.hy - w))


def dog_bed_round(b):
    _dog_bed(b, GREY_FABRIC, LINEN, 1.0, True)


def dog_bed_bolster(b):
    """Rectangular, open at the front."""
    _dog_bed(b, BLUE_FABRIC, LINEN, 1.0, False)


def dog_bed_mat(b):
    """A flat padded mat."""
    b.rbox("mat", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.02, rgba("#8a6d4a"))
    b.surface("mat", b.h, (-0.9 * b.hx, 0.9 * b.hx), (-0.9 * b.hy, 0.9 * b.hy))


def _dryer(b: Builder, color, door_z: float, panel_h: float):
    xf = b.hx - 0.03
    b.box("cabinet", (-b.hx, xf), (-b.hy, b.hy), (0, b.h), color)
    r = min(b.hy * 0.75, (b.h - panel_h) * 0.35)
    door = b.rod("door", (xf + GAP, 0, door_z * b.h), (b.hx, 0, door_z * b.h), r, GLASS if color != WHITE else GRAPHITE, n=20)
    b.box("panel", (xf, b.hx), (-b.hy, b.hy), (b.h - panel_h, b.h), GRAPHITE)
    b.side_hinge("door", door, b.hx, -r, door_z * b.h, 1)
    b.surface("top", b.h, (-b.hx, xf), (-b.hy, b.hy))


def clothes_dryer_white(b):
    _dryer(b, WHITE, 0.5, 0.12)


def clothes_dryer_steel(b):
    _dryer(b, STEEL, 0.55, 0.1)


def clothes_dryer_stacked(b):
    """A dryer on a pedestal drawer."""
    ped = 0.3 * b.h
    xf = b.hx - 0.03
    _carcass(b, WHITE, z0=0.0, top_t=WALL, x=(-b.hx, xf), z1=ped, overhang=0.0)
    _drawers(b, xf, (-0.9 * b.hy, 0.9 * b.hy), (0.0, ped - WALL), 1, 1, WHITE, handle=CHROME, floor=WALL)
    b.box("cabinet", (-b.hx, xf), (-b.hy, b.hy), (ped, b.h), WHITE)
    r = min(0.7 * b.hy, 0.25 * (b.h - ped))
    door = b.rod("door", (xf + GAP, 0, ped + 0.45 * (b.h - ped)), (b.hx, 0, ped + 0.45 * (b.h - ped)), r, GRAPHITE, n=20)
    b.side_hinge("door", door, b.hx, -r, ped + 0.45 * (b.h - ped), 1)
    b.surface("top", b.h, (-b.hx, xf), (-b.hy, b.hy))


def _shelves(b: Builder, color, n: int, posts, back: bool, shelf_t: float = 0.02, cells: int = 1):
    """``n`` shelves between ``posts``; with ``cells`` > 1 the posts are dividers (0.02 m, evenly
    spaced) and each shelf is one surface per cell between them."""
    posts(color)
    zs = [0.05 + (b.h - 0.05 - shelf_t) * k / (n - 1) for k in range(n)]
    step = (2 * b.hy - 0.02) / cells
    for k, z in enumerate(zs):
        b.box(f"shelf_{k}", (-b.hx, b.hx), (-b.hy, b.hy), (z, z + shelf_t), color)
        if cells == 1:
            b.surface(f"shelf_{k}", z + shelf_t, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.02, b.hy - 0.02))
            continue
        for c in range(cells):
            y = -b.hy + c * step
            b.surface(f"shelf_{k}_{c}", z + shelf_t, (-b.hx + 0.01, b.hx - 0.01), (y + 0.025, y + step - 0.005))
    if back:
        b.box("back", (-b.hx, -b.hx + 0.008), (-b.hy, b.hy), (0, b.h), color)


def shelving_unit_wire(b):
    def posts(color):
        for i, (x, y) in enumerate([(sx * (b.hx - 0.012), sy * (b.hy - 0.012)) for sx in (-1, 1) for sy in (-1, 1)]):
            b.cyl(f"post_{i}", x, y, (0, b.h), 0.012, color, n=8)
    _shelves(b, CHROME, 5, posts, False, shelf_t=0.01)


def shelving_unit_cube(b):
    """Wooden cube shelves: a grid of open boxes."""
    def posts(color):
        for k in range(4):
            y = -b.hy + (2 * b.hy - 0.02) * k / 3
            b.box(f"divider_{k}", (-b.hx, b.hx), (y, y + 0.02), (0, b.h), color)
    _shelves(b, PINE, 4, posts, True, cells=3)


def shelving_unit_ladder(b):
    """Ladder shelf: vertical back posts, front rails leaning in, shelves shallower toward the top."""
    top_depth = 0.12

    def front(z):
        return b.hx - 0.015 - (2 * b.hx - 0.03 - top_depth) * z / b.h

    for s in (-1, 1):
        y = s * (b.hy - 0.015)
        b.cyl(f"post_{s}", -b.hx + 0.015, y, (0, b.h), 0.015, OAK, n=8)
        b.rod(f"rail_{s}", (b.hx - 0.015, y, 0.0), (front(b.h), y, b.h - 0.015), 0.015, OAK, n=8)
    for k in range(4):
        z = 0.08 + (b.h - 0.2) * k / 3
        x1 = front(z + 0.02)
        b.box(f"shelf_{k}", (-b.hx + 0.015, x1), (-b.hy + 0.03, b.hy - 0.03), (z, z + 0.02), OAK)
        b.surface(f"shelf_{k}", z + 0.02, (-b.hx + 0.03, x1 - 0.02), (-b.hy + 0.04, b.hy - 0.04))


def laundry_hamper_wicker(b):
    r = min(b.hx, b.hy)
    b.ring("basket", 0, 0, (0, 0.92 * b.h), (0.9 * r, r), 0.02, WICKER, segments=14)
    b.cyl("bottom", 0, 0, (0, 0.02), 0.9 * r, WICKER, n=16)
    lid = b.cyl("lid", 0, 0, (0.92 * b.h + GAP, b.h), r, WICKER, n=16)
    b.back_hinge("lid", lid, -r, 0, b.h)


def laundry_hamper_fabric(b):
    """Fabric bag in a square frame, open top."""
    b.tray("bag", (-b.hx, b.hx), (-b.hy, b.hy), (0.04, b.h), 0.01, LINEN)
    for i, (x, y) in enumerate([(sx * (b.hx - 0.01), sy * (b.hy - 0.01)) for sx in (-1, 1) for sy in (-1, 1)]):
        b.cyl(f"post_{i}", x, y, (0, b.h), 0.01, OAK, n=8)


def laundry_hamper_divided(b):
    """Two compartments with hinged lids."""
    for k, (y0, y1) in enumerate(((-b.hy, -0.005), (0.005, b.hy))):
        b.tray(f"bin_{k}", (-b.hx, b.hx), (y0, y1), (0, 0.94 * b.h), 0.015, rgba("#8c8f94"))
        lid = b.box(f"lid_{k}", (-b.hx, b.hx), (y0, y1), (0.94 * b.h + GAP, b.h), GRAPHITE)
        b.back_hinge(f"lid_{k}", lid, -b.hx, (y0 + y1) / 2, b.h)


def garbage_bag_tied(b):
    b.cyl("base", 0, 0, (0, 0.1 * b.h), 0.8 * min(b.hx, b.hy), BAG, n=16)
    b.ellipsoid("sack", (0, 0, 0.42 * b.h), (b.hx, b.hy, 0.42 * b.h), BAG)
    b.cyl("neck", 0, 0, (0.78 * b.h, 0.9 * b.h), 0.12 * min(b.hx, b.hy), BAG, n=10)
    b.ellipsoid("ties", (0, 0, 0.93 * b.h), (0.25 * b.hx, 0.2 * b.hy, 0.07 * b.h), BAG)


def garbage_bag_slumped(b):
    b.cyl("base", 0, 0, (0, 0.12 * b.h), 0.85 * min(b.hx, b.hy), BAG_WHITE, n=16)
    b.ellipsoid("sack", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), BAG_WHITE)


def garbage_bag_pair(b):
    r = min(b.hx, b.hy / 2)
    for k, y in enumerate((-b.hy + r, b.hy - r)):
        h = b.h * (0.8 if k else 1.0)
        b.cyl(f"base_{k}", 0, y, (0, 0.1 * h), 0.8 * r, BAG, n=16)
        b.ellipsoid(f"sack_{k}", (0, y, h / 2), (r, r, h / 2), BAG)


def _vacuum(b: Builder, color, canister: bool):
    b.box("head", (-0.3 * b.hx, b.hx), (-b.hy, b.hy), (0, 0.08 * b.h), GRAPHITE)
    if canister:
        b.cyl("body", -0.45 * b.hx, 0, (0.05 * b.h, 0.55 * b.h), min(0.5 * b.hx, 0.6 * b.hy), color, n=16)
    else:
        b.rbox("body", (-b.hx, 0.2 * b.hx), (-0.6 * b.hy, 0.6 * b.hy), (0.08 * b.h, 0.6 * b.h), 0.03, color)
    b.rod("stick", (-0.6 * b.hx, 0, 0.55 * b.h), (-0.8 * b.hx, 0, b.h - 0.03), 0.015, CHROME, n=8)
    b.box("grip", (-b.hx, -0.6 * b.hx), (-0.1 * b.hy, 0.1 * b.hy), (b.h - 0.05, b.h), BLACK)


def vacuum_upright(b):
    _vacuum(b, RED, False)


def vacuum_bagless(b):
    _vacuum(b, rgba("#7e5aa6"), True)


def vacuum_stick(b):
    """Slim stick vacuum: a wand with the motor near the handle."""
    b.box("head", (-0.2 * b.hx, b.hx), (-b.hy, b.hy), (0, 0.06 * b.h), GRAPHITE)
    b.rod("wand", (0, 0, 0.06 * b.h), (-0.5 * b.hx, 0, 0.7 * b.h), 0.014, CHROME, n=8)
    b.cyl("motor", -0.6 * b.hx, 0, (0.65 * b.h, 0.88 * b.h), 0.4 * b.hx, rgba("#e0b43a"), n=14)
    b.box("grip", (-b.hx, -0.4 * b.hx), (-0.02, 0.02), (0.88 * b.h, b.h), BLACK)


def _cart(b: Builder, color, tiers: int, baskets: bool):
    wheel = 0.05
    for i, (x, y) in enumerate([(sx * (b.hx - 0.02), sy * (b.hy - 0.02)) for sx in (-1, 1) for sy in (-1, 1)]):
        b.cyl(f"wheel_{i}", x, y, (0, wheel), 0.025, BLACK, n=10)
        b.cyl(f"post_{i}", x, y, (wheel, b.h - 0.1 if i < 2 else b.h * 0.75), 0.012, color, n=8)
    top = b.h * 0.75
    for k in range(tiers):
        z = wheel + 0.05 + (top - wheel - 0.08) * k / (tiers - 1)
        if baskets:
            b.tray(f"tier_{k}", (-b.hx, b.hx), (-b.hy, b.hy), (z, z + 0.08), 0.008, color, bottom=0.01)
        else:
            b.box(f"tier_{k}", (-b.hx, b.hx), (-b.hy, b.hy), (z, z + 0.02), color)
        b.surface(f"tier_{k}", z + (0.01 if baskets else 0.02), (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))
    b.rod("handle", (-b.hx + 0.02, -b.hy + 0.02, b.h - 0.1), (-b.hx + 0.02, b.hy - 0.02, b.h - 0.1), 0.012, color)
    b.box("push_bar", (-b.hx, -b.hx + 0.03), (-b.hy + 0.02, b.hy - 0.02), (b.h - 0.03, b.h), BLACK)
    b.rod("handle_l", (-b.hx + 0.02, -b.hy + 0.02, b.h - 0.1), (-b.hx + 0.015, -b.hy + 0.02, b.h - 0.015), 0.01, color)
    b.rod("handle_r", (-b.hx + 0.02, b.hy - 0.02, b.h - 0.1), (-b.hx + 0.015, b.hy - 0.02, b.h - 0.015), 0.01, color)


def cart_utility(b):
    _cart(b, GRAPHITE, 3, True)


def cart_bar(b):
    _cart(b, CHROME, 2, False)


def cart_kitchen(b):
    """Wooden kitchen trolley with a butcher-block top (no push bar)."""
    wheel = 0.05
    for i, (x, y) in enumerate([(sx * (b.hx - 0.03), sy * (b.hy - 0.03)) for sx in (-1, 1) for sy in (-1, 1)]):
        b.cyl(f"wheel_{i}", x, y, (0, wheel), 0.025, BLACK, n=10)
        b.box(f"leg_{i}", (x - 0.02, x + 0.02), (y - 0.02, y + 0.02), (wheel, b.h - 0.05), OAK)
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.05, b.h), PINE)
    b.box("shelf", (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03), (0.2, 0.22), OAK)
    b.surface("top", b.h, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01))
    b.surface("shelf", 0.22, (-b.hx + 0.04, b.hx - 0.04), (-b.hy + 0.04, b.hy - 0.04))


def _safe(b: Builder, color, door_inset: float, handle: str, keypad: bool = False):
    xf = b.hx - 0.03
    t = 0.03  # a safe's walls are thick steel
    b.box("bottom", (-b.hx, xf), (-b.hy, b.hy), (0, t), color)
    b.box("top", (-b.hx, xf), (-b.hy, b.hy), (b.h - t, b.h), color)
    b.box("back", (-b.hx, -b.hx + t), (-b.hy, b.hy), (t, b.h - t), color)
    for k, y in enumerate(((-b.hy, -b.hy + t), (b.hy - t, b.hy))):
        b.box(f"side_{k}", (-b.hx + t, xf), y, (t, b.h - t), color)
    b.surface("inside", t, (-b.hx + t + 0.02, xf - 0.02), (-b.hy + t + 0.02, b.hy - t - 0.02))
    door = b.box("door", (xf + GAP, b.hx - 0.01), (-b.hy + door_inset, b.hy - door_inset), (door_inset, b.h - door_inset), color)
    dial = b.rod("dial", (b.hx - 0.01, 0.25 * b.hy, 0.6 * b.h), (b.hx, 0.25 * b.hy, 0.6 * b.h), 0.03, CHROME, n=14)
    if handle == "lever":
        knob = b.box("handle", (b.hx - 0.01, b.hx), (-0.3 * b.hy, 0.05 * b.hy), (0.4 * b.h, 0.43 * b.h), CHROME)
    else:
        knob = b.rod("handle", (b.hx - 0.01, -0.35 * b.hy, 0.45 * b.h), (b.hx, -0.35 * b.hy, 0.45 * b.h), 0.04, CHROME, n=10)
    parts = [door, dial, knob]
    if keypad:
        parts.append(b.box("keypad", (b.hx - 0.012, b.hx), (0.45 * b.hy, 0.8 * b.hy), (0.7 * b.h, 0.85 * b.h), BLACK))
    b.side_hinge("door", parts, b.hx - 0.01, b.hy - door_inset, b.h / 2, -1, limit=1.7)
    b.surface("top", b.h, (-b.hx, xf), (-b.hy, b.hy))


def safe_cube(b):
    _safe(b, SAFE, 0.03, "lever")


def safe_tall(b):
    _safe(b, GRAPHITE, 0.04, "wheel")


def safe_wide(b):
    """A low, wide safe with a keypad."""
    _safe(b, rgba("#5a5f66"), 0.025, "lever", keypad=True)


def _blind(b: Builder, color, roll: bool, slats: int):
    b.box("headrail", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.04, b.h), color)
    if roll:
        r = min(b.hx, 0.4 * (b.h - 0.04))
        b.rod("roll", (0, -b.hy + 0.01, b.h - 0.04 - r), (0, b.hy - 0.01, b.h - 0.04 - r), r, color, n=12)
        b.box("bar", (-0.6 * b.hx, 0.6 * b.hx), (-b.hy + 0.01, b.hy - 0.01), (0, 0.012), GRAPHITE)
    else:
        for k in range(slats):
            z = (b.h - 0.05) * k / slats
            b.box(f"slat_{k}", (-b.hx, b.hx), (-b.hy + 0.01, b.hy - 0.01), (z, z + 0.006), color)


def blinds_roller(b):
    _blind(b, WHITE, True, 0)


def blinds_venetian(b):
    _blind(b, rgba("#d9d4c8"), False, 6)


def blinds_roman(b):
    """Roman blind: stacked fabric folds."""
    b.box("headrail", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.03, b.h), LINEN)
    folds = 3
    for k in range(folds):
        z0 = (b.h - 0.03) * k / folds
        b.rbox(f"fold_{k}", (-b.hx, b.hx), (-b.hy + 0.01, b.hy - 0.01), (z0, z0 + (b.h - 0.03) / folds), 0.01, LINEN)


def _curtains(b: Builder, color, gap: float, folds: int, tie: bool):
    b.rod("pole", (0, -b.hy + 0.02, b.h - 0.02), (0, b.hy - 0.02, b.h - 0.02), 0.015, OAK, n=8)
    for s in (-1, 1):
        b.ellipsoid(f"finial_{s}", (0, s * (b.hy - 0.02), b.h - 0.02), (0.02, 0.02, 0.02), OAK)
    for side in (-1, 1):
        y_out, y_in = side * b.hy, side * gap
        w = abs(y_out - y_in) / folds
        for k in range(folds):
            y0 = min(y_out, y_in) + w * k
            x = b.hx * (0.7 if k % 2 else 0.2)
            pts = [[-b.hx, y0, 0], [-b.hx, y0 + w, 0], [-b.hx, y0, b.h - 0.04], [-b.hx, y0 + w, b.h - 0.04],
                   [x, y0 + w / 2, 0], [x, y0 + w / 2, b.h - 0.04]]
            if tie:
                pts = [[p[0], p[1] * (0.7 if p[2] < 0.5 * b.h else 1.0), p[2]] for p in pts]
            b.hull(f"panel_{side}_{k}", pts, color)


def curtains_open(b):
    _curtains(b, rgba("#8e3b3b"), 0.35 * b.size[1] / 2, 3, False)


def curtains_sheer(b):
    """Sheer net curtain across the whole pole."""
    b.rod("pole", (0, -b.hy + 0.02, b.h - 0.02), (0, b.hy - 0.02, b.h - 0.02), 0.012, CHROME, n=8)
    n = 8
    w = (2 * b.hy) / n
    for k in range(n):
        y0 = -b.hy + w * k
        b.hull(f"pleat_{k}", [[-b.hx, y0, 0], [-b.hx, y0 + w, 0], [-b.hx, y0, b.h - 0.03], [-b.hx, y0 + w, b.h - 0.03],
                              [b.hx * (0.6 if k % 2 else -0.2), y0 + w / 2, 0],
                              [b.hx * (0.6 if k % 2 else -0.2), y0 + w / 2, b.h - 0.03]], rgba("#f4f1ea", 0.7))


def curtains_tied(b):
    _curtains(b, BLUE_FABRIC, 0.6 * b.size[1] / 2, 2, True)


VARIANTS = [
    Variant("dog_bed", "round", "round grey dog bed", (0.8, 0.8, 0.22), dog_bed_round),
    Variant("dog_bed", "bolster", "blue bolster dog bed", (0.75, 1.05, 0.25), dog_bed_bolster),
    Variant("dog_bed", "mat", "padded dog mat", (0.7, 1.0, 0.08), dog_bed_mat),
    Variant("clothes_dryer", "white", "white tumble dryer", (0.62, 0.6, 0.85), clothes_dryer_white),
    Variant("clothes_dryer", "steel", "compact steel tumble dryer", (0.55, 0.6, 0.7), clothes_dryer_steel),
    Variant("clothes_dryer", "pedestal", "dryer on a pedestal drawer", (0.68, 0.6, 1.35), clothes_dryer_stacked),
    Variant("shelving_unit", "wire", "chrome wire shelving", (0.45, 0.9, 1.8), shelving_unit_wire),
    Variant("shelving_unit", "cube", "wooden cube shelves", (0.35, 1.15, 1.15), shelving_unit_cube),
    Variant("shelving_unit", "ladder", "leaning ladder shelf", (0.45, 0.6, 1.8), shelving_unit_ladder),
    Variant("laundry_hamper", "wicker", "round wicker hamper with a lid", (0.45, 0.45, 0.62), laundry_hamper_wicker),
    Variant("laundry_hamper", "fabric", "linen hamper in a wooden frame", (0.38, 0.5, 0.7), laundry_hamper_fabric),
    Variant("laundry_hamper", "divided", "two-compartment hamper", (0.4, 0.65, 0.55), laundry_hamper_divided),
    Variant("garbage_bag", "tied", "tied black garbage bag", (0.45, 0.45, 0.6), garbage_bag_tied),
    Variant("garbage_bag", "slumped", "slumped white bag", (0.6, 0.55, 0.4), garbage_bag_slumped),
    Variant("garbage_bag", "pair", "two black bags", (0.4, 0.72, 0.55), garbage_bag_pair),
    Variant("vacuum_cleaner", "upright", "red upright vacuum", (0.32, 0.36, 1.05), vacuum_upright),
    Variant("vacuum_cleaner", "bagless", "purple bagless vacuum", (0.35, 0.34, 0.95), vacuum_bagless),
    Variant("vacuum_cleaner", "stick", "yellow stick vacuum", (0.25, 0.26, 1.15), vacuum_stick),
    Variant("cart", "utility", "three-tier utility cart", (0.45, 0.75, 1.0), cart_utility),
    Variant("cart", "bar", "chrome two-tier bar cart", (0.5, 0.8, 0.95), cart_bar),
    Variant("cart", "kitchen", "wooden kitchen trolley", (0.6, 0.9, 0.92), cart_kitchen),
    Variant("safe", "cube", "steel cube safe", (0.4, 0.38, 0.4), safe_cube),
    Variant("safe", "tall", "tall safe with a wheel handle", (0.45, 0.4, 0.68), safe_tall),
    Variant("safe", "wide", "wide safe with a keypad", (0.35, 0.65, 0.3), safe_wide),
    Variant("blinds", "roller", "white roller blind, rolled up", (0.05, 1.1, 0.2), blinds_roller),
    Variant("blinds", "venetian", "venetian blind, raised", (0.04, 1.2, 0.3), blinds_venetian),
    Variant("blinds", "roman", "linen roman blind, folded up", (0.06, 0.9, 0.35), blinds_roman),
    Variant("curtains", "open", "red curtains drawn open", (0.15, 2.0, 2.3), curtains_open),
    Variant("curtains", "sheer", "sheer net curtain", (0.08, 1.6, 2.0), curtains_sheer),
    Variant("curtains", "tied", "blue curtains tied back", (0.2, 2.4, 2.5), curtains_tied),
]
