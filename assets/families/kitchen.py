"""Kitchen counters, islands and appliances, and cookware (+X is the front a cook faces)."""


from ..builder import GAP, Builder
from ..palette import (
    BLACK,
    BRASS,
    CHROME,
    DARK_WOOD,
    GLASS,
    GRAPHITE,
    OAK,
    OFF_WHITE,
    SCREEN,
    STEEL,
    WHITE,
    rgba,
)
from . import Variant
from .storage import WALL, _carcass, _doors, _drawers

STONE = rgba("#d8d4cc")
DARK_STONE = rgba("#3c3c3e")
SAGE = rgba("#9db09a")
RED_ENAMEL = rgba("#b23a2e")
COPPER = rgba("#b87333")


def _base_unit(b: Builder, body, worktop, fronts: str, handle=CHROME, overhang=0.02, toe=0.1):
    """Base cabinet: recessed toe kick, carcass, worktop; ``fronts`` is 'doors', 'drawers' or 'mixed'."""
    xf = b.hx - overhang - 0.02
    b.box("toe_kick", (-b.hx, xf - 0.06), (-b.hy, b.hy), (0, toe), GRAPHITE)
    _carcass(b, body, z0=toe, top_t=0.0, x=(-b.hx, xf), z1=b.h - 0.04)
    b.box("worktop", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.04, b.h), worktop)
    y = (-b.hy + 0.005, b.hy - 0.005)
    n = max(1, round(2 * b.hy / 0.5))
    if fronts == "doors":
        _doors(b, xf, y, (toe, b.h - 0.06), n, body, handle=handle)
    elif fronts == "drawers":
        _drawers(b, xf, y, (toe, b.h - 0.06), 3, n, body, handle=handle, floor=toe + WALL)
    else:
        _drawers(b, xf, y, (b.h - 0.22, b.h - 0.06), 1, n, body, handle=handle)
        _doors(b, xf, y, (toe, b.h - 0.22), n, body, handle=handle)
    b.surface("worktop", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def counter_white(b):
    _base_unit(b, WHITE, STONE, "mixed")


def counter_wood(b):
    _base_unit(b, SAGE, OAK, "doors", handle=BRASS)


def counter_drawers(b):
    _base_unit(b, GRAPHITE, DARK_STONE, "drawers", handle=STEEL)


def island_plain(b):
    _base_unit(b, WHITE, OAK, "doors", overhang=0.02)


def island_overhang(b):
    """Island with a breakfast-bar overhang on the +X side for stools and cupboards opening on
    the -X side (the cook's side)."""
    over = 0.28
    xf = b.hx - over
    xb = -b.hx + 0.02  # the cupboards' opening
    b.box("toe_kick", (-b.hx + 0.06, xf - 0.06), (-b.hy + 0.05, b.hy - 0.05), (0, 0.1), GRAPHITE)
    y, z = (-b.hy + 0.02, b.hy - 0.02), (0.1, b.h - 0.04)
    b.box("bottom", (xb, xf), y, (z[0], z[0] + WALL), DARK_WOOD)
    b.box("back", (xf - WALL, xf), y, (z[0] + WALL, z[1]), DARK_WOOD)
    b.box("side_l", (xb, xf - WALL), (y[1] - WALL, y[1]), (z[0] + WALL, z[1]), DARK_WOOD)
    b.box("side_r", (xb, xf - WALL), (y[0], y[0] + WALL), (z[0] + WALL, z[1]), DARK_WOOD)
    n = max(2, round(2 * b.hy / 0.5))
    w = (2 * b.hy - 0.06) / n
    x_out = xb - GAP - 0.02  # the doors' outer face
    for k in range(n):
        y0 = -b.hy + 0.03 + k * w
        low = k % 2 == 0
        door = b.box(f"door_{k}", (x_out, xb - GAP), (y0 + 0.003, y0 + w - 0.003), (0.113, b.h - 0.063), DARK_WOOD)
        hy = y0 + w - 0.05 if low else y0 + 0.05
        knob = b.box(f"door_handle_{k}", (x_out - 0.015, x_out), (hy - 0.008, hy + 0.008), (0.4, 0.56), BRASS)
        shared = (low and k > 0) or (not low and k < n - 1)
        # mirrored: opening towards -X turns a low-edge hinge about +Z
        b.joint(f"door_{k}", "revolute", [door, knob], (0, 0, 1 if low else -1), (x_out, y0 if low else y0 + w, b.h / 2),
                (0.0, 1.2 if shared else 1.9))
    b.box("shelf", (xb + 0.005, xf - WALL), (y[0] + WALL, y[1] - WALL), (0.45, 0.465), DARK_WOOD)
    b.surface("inside", z[0] + WALL, (xb + 0.02, xf - WALL - 0.02), (y[0] + 0.04, y[1] - 0.04))
    b.surface("shelf", 0.465, (xb + 0.02, xf - WALL - 0.02), (y[0] + 0.04, y[1] - 0.04))
    b.box("worktop", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.04, b.h), STONE)
    b.surface("worktop", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def island_cart(b):
    """Kitchen cart: butcher-block top with a cutlery drawer under it, open shelves, steel legs on casters."""
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.05, b.h), OAK)
    xf = _carcass(b, STEEL, z0=b.h - 0.17, top_t=0.0, x=(-b.hx + 0.05, b.hx - 0.05), y=(-b.hy + 0.06, b.hy - 0.06),
                  z1=b.h - 0.05, overhang=0.0)
    _drawers(b, xf, (-b.hy + 0.06, b.hy - 0.06), (b.h - 0.17, b.h - 0.05), 1, 1, OAK, handle=STEEL,
             x_back=-b.hx + 0.05 + WALL, floor=b.h - 0.17 + WALL)
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0.06, b.h - 0.05), 0.02, STEEL, square=True, inset=0.02)
    b.legs("caster", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.06), 0.025, BLACK, inset=0.015)
    for k, z in enumerate((0.15, 0.45)):
        b.box(f"shelf_{k}", (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02), (z, z + 0.02), STEEL)
        b.surface(f"shelf_{k}", z + 0.02, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def _cold_box(b: Builder, color, xf: float, z0: float, split: float, freezer_below: bool = True) -> None:
    """A fridge's body, hollow behind its doors: walls, a divider between fridge and freezer at
    ``split``, two glass shelves in the fridge part; every floor and shelf is a receptacle (the
    milk is inside the fridge, not on it). A bottom freezer's floor is its drawer's basket."""
    _carcass(b, color, z0=z0, top_t=0.04, x=(-b.hx, xf), overhang=0.0)
    b.box("divider", (-b.hx + WALL, xf - 0.01), (-b.hy + WALL, b.hy - WALL), (split - 0.03, split), color)
    cx, cy = (-b.hx + WALL + 0.02, xf - 0.04), (-b.hy + WALL + 0.02, b.hy - WALL - 0.02)
    fridge = (split, b.h - 0.04) if freezer_below else (z0 + WALL, split - 0.03)
    if not freezer_below:
        b.surface("freezer", split, cx, cy)
    b.surface("fridge_floor", fridge[0], cx, cy)
    for k in (1, 2):
        z = fridge[0] + k * (fridge[1] - fridge[0]) / 3
        b.box(f"shelf_{k}", (-b.hx + WALL, xf - 0.03), (-b.hy + WALL, b.hy - WALL), (z - 0.012, z), GLASS)
        b.surface(f"shelf_{k}", z, cx, cy)


def _freezer_drawer(b: Builder, color, handle_color, xf: float, x_out: float, z0: float, split: float, handle_y) -> None:
    """A bottom freezer: a front with a handle and a basket behind it that slide out together."""
    front = b.box("freezer_drawer", (xf + GAP, x_out), (-b.hy + 0.005, b.hy - 0.005), (z0 + 0.01, split - 0.01), color)
    knob = b.box("freezer_handle", (x_out, b.hx), handle_y, (split - 0.08, split - 0.05), handle_color)
    tx, ty, tz = (-b.hx + WALL + 0.01, xf - 0.001), (-b.hy + WALL + 0.01, b.hy - WALL - 0.01), (z0 + WALL + 0.004, split - 0.06)
    basket = b.tray("freezer_basket", tx, ty, tz, 0.01, GRAPHITE)
    b.surface("freezer", tz[0] + 0.01, (tx[0] + 0.02, tx[1] - 0.02), (ty[0] + 0.02, ty[1] - 0.02))
    b.slide("freezer_drawer", [front, knob, *basket], x_out, 0, (z0 + split) / 2, 0.75 * (tx[1] - tx[0]))


def fridge_steel(b):
    """Bottom-freezer fridge: fridge door above, freezer drawer below."""
    xf = b.hx - 0.05
    split = 0.35 * b.h
    _cold_box(b, STEEL, xf, 0.02, split)
    b.box("feet", (-b.hx + 0.05, xf - 0.05), (-b.hy + 0.05, b.hy - 0.05), (0, 0.02), BLACK)
    d = b.box("fridge_door", (xf + GAP, b.hx - 0.02), (-b.hy + 0.005, b.hy - 0.005), (split + 0.01, b.h - 0.01), STEEL)
    h = b.box("handle_fridge", (b.hx - 0.02, b.hx), (b.hy - 0.08, b.hy - 0.05), (split + 0.1, split + 0.6), CHROME)
    b.side_hinge("fridge_door", [d, h], b.hx - 0.02, -b.hy, (split + b.h) / 2, 1, limit=2.0)
    _freezer_drawer(b, STEEL, CHROME, xf, b.hx - 0.02, 0.02, split, (-0.2, 0.2))


def fridge_french(b):
    """French-door fridge with a bottom freezer."""
    xf = b.hx - 0.05
    split = 0.3 * b.h
    _cold_box(b, BLACK, xf, 0.02, split)
    b.box("feet", (-b.hx + 0.05, xf - 0.05), (-b.hy + 0.05, b.hy - 0.05), (0, 0.02), BLACK)
    for k, (y0, y1, hinge, ext) in enumerate(((-b.hy + 0.005, -0.003, -b.hy, 1), (0.003, b.hy - 0.005, b.hy, -1))):
        d = b.box(f"door_{k}", (xf + GAP, b.hx - 0.025), (y0, y1), (split + 0.01, b.h - 0.01), GRAPHITE)
        h = b.box(f"handle_{k}", (b.hx - 0.025, b.hx), (-0.05 if k == 0 else 0.03, -0.03 if k == 0 else 0.05), (split + 0.15, b.h - 0.3), CHROME)
        b.side_hinge(f"door_{k}", [d, h], b.hx - 0.025, hinge, (split + b.h) / 2, ext, limit=2.0)
    _freezer_drawer(b, GRAPHITE, CHROME, xf, b.hx - 0.025, 0.02, split, (-0.25, 0.25))


def fridge_retro(b):
    """Rounded retro cream fridge: a main door below a small freezer door, both hinged on the right."""
    xf = b.hx - 0.04
    split = 0.72 * b.h
    _cold_box(b, OFF_WHITE, xf - 0.02, 0.06, split, freezer_below=False)
    b.legs("foot", (-b.hx, xf), (-b.hy, b.hy), (0, 0.06), 0.02, CHROME, inset=0.04)
    x0 = xf - 0.02 + GAP
    d = b.rbox("door", (x0, b.hx - 0.01), (-b.hy + 0.02, b.hy - 0.02), (0.1, split - 0.01), 0.04, OFF_WHITE)
    h = b.box("handle", (b.hx - 0.01, b.hx), (b.hy - 0.1, b.hy - 0.06), (split - 0.3, split - 0.1), CHROME)
    b.side_hinge("door", [d, h], b.hx - 0.01, -b.hy + 0.02, (0.1 + split) / 2, 1, limit=1.9)
    f = b.rbox("freezer_door", (x0, b.hx - 0.01), (-b.hy + 0.02, b.hy - 0.02), (split + 0.01, b.h - 0.04), 0.04, OFF_WHITE)
    b.side_hinge("freezer_door", f, b.hx - 0.01, -b.hy + 0.02, (split + b.h) / 2, 1, limit=1.9)


def _oven(b: Builder, color, xf: float, y, z, prefix: str = "oven") -> None:
    """An oven's cavity (open at the front, behind its door) with a rack that holds a dish."""
    _carcass(b, color, z0=z[0], top_t=WALL, x=(-b.hx, xf), y=y, z1=z[1], overhang=0.0)
    cx, cy = (-b.hx + WALL + 0.01, xf - 0.01), (y[0] + WALL + 0.01, y[1] - WALL - 0.01)
    zr = z[0] + 0.4 * (z[1] - z[0])
    b.box(f"{prefix}_rack", cx, cy, (zr - 0.008, zr), GRAPHITE)
    b.surface(f"{prefix}_rack", zr, (cx[0] + 0.02, cx[1] - 0.02), (cy[0] + 0.02, cy[1] - 0.02))


def stove_range(b):
    xf = b.hx - 0.03
    b.box("plinth", (-b.hx, xf), (-b.hy, b.hy), (0, 0.1), STEEL)
    _oven(b, STEEL, xf, (-b.hy, b.hy), (0.1, b.h - 0.15))
    b.box("body", (-b.hx, xf), (-b.hy, b.hy), (b.h - 0.15, b.h - 0.03), STEEL)
    b.box("cooktop", (-b.hx, xf), (-b.hy, b.hy), (b.h - 0.03, b.h - 0.02), BLACK)
    for k, (x, y) in enumerate([(-0.12, -0.14), (-0.12, 0.14), (0.12, -0.14), (0.12, 0.14)]):
        b.cyl(f"burner_{k}", x * b.hx / 0.3, y * b.hy / 0.3, (b.h - 0.02, b.h), 0.08 if k % 3 == 0 else 0.06, GRAPHITE, n=16)
    d = b.box("oven_door", (xf + GAP, b.hx - 0.005), (-b.hy + 0.02, b.hy - 0.02), (0.1, b.h - 0.16), STEEL)
    w = b.box("oven_window", (b.hx - 0.005, b.hx), (-b.hy + 0.1, b.hy - 0.1), (0.25, b.h - 0.3), GLASS)
    h = b.box("handle", (b.hx - 0.03, b.hx), (-b.hy + 0.06, b.hy - 0.06), (b.h - 0.2, b.h - 0.18), CHROME)
    b.bottom_hinge("oven_door", [d, w, h], b.hx - 0.005, 0, 0.1)
    b.box("grate", (-0.01, 0.01), (-b.hy + 0.03, b.hy - 0.03), (b.h - 0.02, b.h), GRAPHITE)
    b.surface("cooktop", b.h, (-b.hx + 0.03, b.hx - 0.05), (-b.hy + 0.03, b.hy - 0.03))


def stove_backguard(b):
    """Range with a tall back panel holding the control knobs (back panel at -X)."""
    xf = b.hx - 0.03
    b.box("plinth", (-b.hx, xf), (-b.hy, b.hy), (0, 0.1), WHITE)
    _oven(b, WHITE, xf, (-b.hy, b.hy), (0.1, 0.78))
    b.box("body", (-b.hx, xf), (-b.hy, b.hy), (0.78, 0.9 - 0.02), WHITE)
    b.box("cooktop", (-b.hx + 0.08, xf), (-b.hy, b.hy), (0.88, 0.9), BLACK)
    b.box("backguard", (-b.hx, -b.hx + 0.08), (-b.hy, b.hy), (0.88, b.h), WHITE)
    for k in range(4):
        b.cyl(f"knob_{k}", -b.hx + 0.085, -b.hy + 0.1 + k * (2 * b.hy - 0.2) / 3, (b.h - 0.1, b.h - 0.06), 0.02, BLACK, n=8)
    for k, (x, y) in enumerate([(-0.05, -0.15), (-0.05, 0.15), (0.15, -0.15), (0.15, 0.15)]):
        b.cyl(f"hob_{k}", x, y * b.hy / 0.3, (0.9 - 0.01, 0.9 + 0.005), 0.08, GRAPHITE, n=16)
    d = b.box("oven_door", (xf + GAP, b.hx - 0.015), (-b.hy + 0.02, b.hy - 0.02), (0.1, 0.77), WHITE)
    h = b.box("oven_handle", (b.hx - 0.015, b.hx), (-b.hy + 0.08, b.hy - 0.08), (0.7, 0.72), CHROME)
    b.bottom_hinge("oven_door", [d, h], b.hx - 0.015, 0, 0.1)
    b.surface("cooktop", 0.905, (-b.hx + 0.1, b.hx - 0.05), (-b.hy + 0.03, b.hy - 0.03))


def stove_double(b):
    """Wide range cooker with two ovens and six burners."""
    xf = b.hx - 0.03
    b.box("plinth", (-b.hx, xf), (-b.hy, b.hy), (0, 0.12), RED_ENAMEL)
    for k, y in enumerate(((-b.hy, 0.0), (0.0, b.hy))):
        _oven(b, RED_ENAMEL, xf, y, (0.12, b.h - 0.15), prefix=f"oven_{k}")
    b.box("body", (-b.hx, xf), (-b.hy, b.hy), (b.h - 0.15, b.h - 0.03), RED_ENAMEL)
    b.box("cooktop", (-b.hx, xf), (-b.hy, b.hy), (b.h - 0.03, b.h - 0.02), BLACK)
    for k in range(6):
        x = -0.12 if k < 3 else 0.12
        y = (-1 + (k % 3)) * (b.hy - 0.15)
        b.cyl(f"burner_{k}", x, y, (b.h - 0.02, b.h), 0.065, GRAPHITE, n=16)
    w = (2 * b.hy - 0.04) / 2
    for k in range(2):
        y0 = -b.hy + 0.02 + k * w
        d = b.box(f"oven_door_{k}", (xf + GAP, b.hx - 0.005), (y0 + 0.005, y0 + w - 0.005), (0.12, b.h - 0.16), RED_ENAMEL)
        h = b.box(f"handle_{k}", (b.hx - 0.03, b.hx), (y0 + 0.05, y0 + w - 0.05), (b.h - 0.21, b.h - 0.19), BRASS)
        b.bottom_hinge(f"oven_door_{k}", [d, h], b.hx - 0.005, y0 + w / 2, 0.12)
    b.box("grate", (-0.01, 0.01), (-b.hy + 0.03, b.hy - 0.03), (b.h - 0.02, b.h), GRAPHITE)
    b.surface("cooktop", b.h, (-b.hx + 0.03, b.hx - 0.05), (-b.hy + 0.03, b.hy - 0.03))


def _dishwasher(b, color, panel, handle=None):
    """Built-in dishwasher: a tub with a rack behind a door that drops forward."""
    xf = b.hx - 0.02
    b.box("toe_kick", (-b.hx, xf - 0.05), (-b.hy, b.hy), (0, 0.1), BLACK)
    _oven(b, STEEL, xf, (-b.hy, b.hy), (0.1, b.h - 0.03), prefix="dish")
    b.box("worktop", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.03, b.h), panel)
    parts = [b.box("door", (xf + GAP, b.hx - 0.005), (-b.hy + 0.005, b.hy - 0.005), (0.1, b.h - 0.05), color)]
    if handle is not None:
        parts.append(b.box("handle", (b.hx - 0.005, b.hx), (-b.hy + 0.05, b.hy - 0.05), (b.h - 0.12, b.h - 0.1), handle))
    b.bottom_hinge("door", parts, b.hx - 0.005, 0, 0.1)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dishwasher_steel(b):
    _dishwasher(b, STEEL, rgba("#d8d4cc"), handle=CHROME)


def dishwasher_panel(b):
    _dishwasher(b, WHITE, rgba("#d8d4cc"))


def dishwasher_compact(b):
    """Countertop dishwasher on feet with a control strip and a pull-down door."""
    b.legs("foot", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.02), 0.015, BLACK, inset=0.03)
    _oven(b, BLACK, b.hx - 0.02, (-b.hy, b.hy), (0.02, b.h), prefix="dish")
    d = b.box("door", (b.hx - 0.02 + GAP, b.hx), (-b.hy + 0.01, b.hy - 0.01), (0.04, b.h - 0.08), GRAPHITE)
    b.bottom_hinge("door", d, b.hx, 0, 0.04)
    b.box("controls", (b.hx - 0.02 + GAP, b.hx), (-b.hy + 0.03, b.hy - 0.03), (b.h - 0.07, b.h - 0.02), SCREEN)
    b.surface("top", b.h, (-b.hx + 0.03, b.hx - 0.05), (-b.hy + 0.03, b.hy - 0.03))


def microwave_classic(b):
    b.legs("foot", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.01), 0.012, BLACK, inset=0.02)
    _oven(b, WHITE, b.hx - 0.01, (-b.hy, b.hy), (0.01, b.h), prefix="turntable")
    d = b.box("door", (b.hx - 0.01 + GAP, b.hx), (-b.hy + 0.12, b.hy - 0.01), (0.02, b.h - 0.01), GLASS)
    b.side_hinge("door", d, b.hx, b.hy - 0.01, b.h / 2, -1, limit=1.8)
    b.box("panel", (b.hx - 0.01 + GAP, b.hx), (-b.hy + 0.01, -b.hy + 0.11), (0.02, b.h - 0.01), SCREEN)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def microwave_steel(b):
    _oven(b, STEEL, b.hx - 0.01, (-b.hy, b.hy), (0.0, b.h), prefix="turntable")
    d = b.box("door", (b.hx - 0.01 + GAP, b.hx), (-b.hy + 0.1, b.hy - 0.02), (0.02, b.h - 0.02), SCREEN)
    h = b.box("handle", (b.hx - 0.01 + GAP, b.hx), (-b.hy + 0.085, -b.hy + 0.1), (0.04, b.h - 0.04), CHROME)
    b.side_hinge("door", [d, h], b.hx, b.hy - 0.02, b.h / 2, -1, limit=1.8)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def microwave_retro(b):
    """Retro microwave with a rounded, loaf-shaped top on short legs; dials on the right."""
    import numpy as np

    leg = 0.07
    r = b.hx
    zc = b.h - r
    xf = b.hx - 0.012
    _oven(b, SAGE, xf, (-b.hy, b.hy), (leg, zc), prefix="turntable")
    t = np.linspace(0, np.pi, 13)
    arch = [[r * np.cos(a), y, zc + r * np.sin(a)] for a in t for y in (-b.hy, b.hy)]
    b.hull("roof", arch, SAGE)
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, leg), 0.012, CHROME, inset=0.03)
    d = b.box("door", (xf + GAP, b.hx), (-b.hy + 0.02, b.hy - 0.12), (leg + 0.01, zc - 0.005), GLASS)
    b.side_hinge("door", d, b.hx, -b.hy + 0.02, (leg + zc) / 2, 1, limit=1.8)
    for k, z in enumerate((zc - 0.05, leg + 0.3 * (zc - leg))):
        b.rod(f"dial_{k}", (xf + GAP, b.hy - 0.07, z), (b.hx + 0.0, b.hy - 0.07, z), 0.022, CHROME, n=12)


def _slots(b: Builder, n: int, top: float):
    for k in range(n):
        y = -b.hy + (k + 1) * 2 * b.hy / (n + 1)
        b.box(f"slot_{k}", (-b.hx * 0.6, b.hx * 0.6), (y - 0.012, y + 0.012), (top - 0.004, top + 0.001), BLACK)


def toaster_two(b):
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.0, b.h - 0.001), 0.03, CHROME)
    _slots(b, 2, b.h - 0.001)
    b.box("lever", (b.hx - 0.005, b.hx), (b.hy - 0.06, b.hy - 0.03), (b.h * 0.5, b.h * 0.6), BLACK)


def toaster_four(b):
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.01, b.h - 0.001), 0.02, WHITE)
    b.box("base", (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01), (0, 0.01), BLACK)
    _slots(b, 4, b.h - 0.001)
    for k, y in enumerate((-b.hy + 0.05, b.hy - 0.05)):
        b.box(f"lever_{k}", (b.hx - 0.005, b.hx), (y - 0.015, y + 0.015), (b.h * 0.55, b.h * 0.65), BLACK)


def toaster_retro(b):
    b.hull("body", [[x, y, z] for x in (-b.hx, b.hx) for y in (-b.hy, b.hy) for z in (0.01,)] +
           [[x * 0.85, y * 0.9, b.h - 0.001] for x in (-b.hx, b.hx) for y in (-b.hy, b.hy)], RED_ENAMEL)
    _slots(b, 2, b.h - 0.001)
    b.box("base", (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01), (0, 0.01), CHROME)


def pot_stock(b):
    r = min(b.hx, b.hy) - 0.04
    b.cyl("bottom", 0, 0, (0, 0.01), r, STEEL, n=20)
    b.ring("wall", 0, 0, (0.01, b.h - 0.02), (r, r), 0.006, STEEL, segments=14)
    b.cyl("lid", 0, 0, (b.h - 0.02, b.h - 0.012), r + 0.005, STEEL, n=20)
    b.cyl("knob", 0, 0, (b.h - 0.012, b.h), 0.015, BLACK, n=8)
    for k, sgn in enumerate((1, -1)):
        b.box(f"handle_{k}", (-0.02, 0.02), (sgn * r, sgn * (r + 0.04)) if sgn > 0 else (sgn * (r + 0.04), sgn * r), (b.h * 0.6, b.h * 0.6 + 0.015), BLACK)


def pot_dutch(b):
    r = min(b.hx, b.hy) - 0.035
    b.cyl("bottom", 0, 0, (0, 0.012), r, RED_ENAMEL, n=20)
    b.ring("wall", 0, 0, (0.012, b.h - 0.03), (r, r), 0.01, RED_ENAMEL, segments=14)
    b.cyl("lid", 0, 0, (b.h - 0.03, b.h - 0.015), r + 0.004, RED_ENAMEL, n=20, r_top=r - 0.01)
    b.cyl("knob", 0, 0, (b.h - 0.015, b.h), 0.02, CHROME, n=8)
    for k, sgn in enumerate((1, -1)):
        y = (sgn * r, sgn * (r + 0.035)) if sgn > 0 else (sgn * (r + 0.035), sgn * r)
        b.box(f"handle_{k}", (-0.03, 0.03), y, (b.h * 0.55, b.h * 0.55 + 0.02), RED_ENAMEL)


def pot_saucepan(b):
    """Saucepan with one long handle towards +X."""
    r = min(b.hy, b.hx * 0.55)
    cx = -b.hx + r
    b.cyl("bottom", cx, 0, (0, 0.008), r, COPPER, n=20)
    b.ring("wall", cx, 0, (0.008, b.h), (r, r), 0.005, COPPER, segments=14)
    b.rod("handle", (cx + r, 0, b.h * 0.7), (b.hx, 0, b.h * 0.85), 0.01, BRASS, n=8)


VARIANTS = [
    Variant("kitchen_counter", "white", "white base cabinet with a drawer, doors and a stone worktop", (0.62, 1.0, 0.91), counter_white),
    Variant("kitchen_counter", "sage", "sage green base cabinet with an oak worktop", (0.62, 0.8, 0.91), counter_wood),
    Variant("kitchen_counter", "drawers", "graphite drawer unit with a dark stone worktop", (0.62, 0.6, 0.91), counter_drawers),
    Variant("kitchen_island", "plain", "white island with an oak worktop", (0.9, 1.6, 0.92), island_plain),
    Variant("kitchen_island", "breakfast_bar", "dark wood island with a stone breakfast-bar overhang", (1.0, 2.0, 0.92), island_overhang),
    Variant("kitchen_island", "cart", "butcher-block kitchen cart with a drawer, on casters", (0.6, 1.0, 0.9), island_cart),
    Variant("refrigerator", "bottom_freezer", "stainless steel fridge with a bottom freezer", (0.72, 0.7, 1.85), fridge_steel),
    Variant("refrigerator", "french_door", "black French-door refrigerator", (0.78, 0.9, 1.8), fridge_french),
    Variant("refrigerator", "retro_mini", "cream retro mini fridge with rounded corners", (0.55, 0.5, 0.9), fridge_retro),
    Variant("stove", "range", "stainless range cooker with four burners and an oven", (0.62, 0.6, 0.92), stove_range),
    Variant("stove", "backguard", "white range with a back control panel", (0.65, 0.76, 1.1), stove_backguard),
    Variant("stove", "double_oven", "red enamel range with six burners and two ovens", (0.62, 1.0, 0.92), stove_double),
    Variant("dishwasher", "steel", "stainless built-in dishwasher", (0.6, 0.6, 0.86), dishwasher_steel),
    Variant("dishwasher", "slimline", "slimline 45 cm integrated dishwasher", (0.6, 0.45, 0.86), dishwasher_panel),
    Variant("dishwasher", "compact", "black countertop dishwasher", (0.5, 0.55, 0.46), dishwasher_compact),
    Variant("microwave", "white", "white microwave with a glass door", (0.38, 0.5, 0.3), microwave_classic),
    Variant("microwave", "over_range", "wide stainless over-the-range microwave", (0.4, 0.76, 0.42), microwave_steel),
    Variant("microwave", "retro", "sage retro microwave with a rounded top", (0.32, 0.42, 0.4), microwave_retro),
    Variant("toaster", "chrome", "chrome two-slot toaster", (0.18, 0.28, 0.19), toaster_two),
    Variant("toaster", "four_slot", "white four-slot toaster", (0.2, 0.36, 0.2), toaster_four),
    Variant("toaster", "retro", "red retro toaster with a tapered body", (0.17, 0.3, 0.2), toaster_retro),
    Variant("cooking_pot", "stock", "steel stock pot with a lid", (0.3, 0.33, 0.22), pot_stock),
    Variant("cooking_pot", "dutch_oven", "red enamel dutch oven", (0.28, 0.33, 0.18), pot_dutch),
    Variant("cooking_pot", "saucepan", "copper saucepan with a long handle", (0.38, 0.18, 0.12), pot_saucepan),
]
