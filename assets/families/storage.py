"""Nightstands, dressers, wardrobes, bookshelves, cabinets, TV stands and wall storage
(+X is the side with the doors, drawers or open shelves)."""

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
    PINE,
    STEEL,
    WALNUT,
    WHITE,
)
from . import Variant


WALL = 0.018
"""Thickness (m) of a carcass's panels."""


def _carcass(b: Builder, color, z0=0.0, top_t=0.025, x=None, y=None, z1=None, overhang=0.02):
    """Box body open at the front (+X), behind its doors or drawers: bottom, back and sides, and
    a separate top slab reaching ``overhang`` past the front (none when ``top_t`` is 0: a worktop
    covers it). Hollow, so what a house keeps inside a dresser or a cupboard has somewhere to be.
    Returns the front x coordinate; the cavity starts at ``x[0] + WALL``."""
    x = x or (-b.hx, b.hx - 0.02)
    y = y or (-b.hy, b.hy)
    z1 = b.h if z1 is None else z1
    b.box("bottom", x, y, (z0, z0 + WALL), color)
    b.box("back", (x[0], x[0] + WALL), y, (z0 + WALL, z1 - top_t), color)
    b.box("side_l", (x[0] + WALL, x[1]), (y[1] - WALL, y[1]), (z0 + WALL, z1 - top_t), color)
    b.box("side_r", (x[0] + WALL, x[1]), (y[0], y[0] + WALL), (z0 + WALL, z1 - top_t), color)
    if top_t > 0:
        b.box("top", (x[0], x[1] + overhang), y, (z1 - top_t, z1), color)
    return x[1]


def _drawers(b: Builder, x_front, y, z, rows, cols, color, handle=BRASS, prefix="drawer", x_back=None, floor=None):
    """A grid of drawers in front of a carcass cavity: each a front with a handle and, where the
    cavity is deep enough, an open box behind it whose floor is a receptacle (a drawer holds what
    a house puts in it); front, handle and box slide out together. ``x_back``: the cavity's back
    (default: the carcass back panel); ``floor``: the top of the carcass bottom below the grid."""
    x_back = -b.hx + WALL if x_back is None else x_back
    floor = z[0] if floor is None else floor
    h = (z[1] - z[0]) / rows
    w = (y[1] - y[0]) / cols
    xf = x_front + GAP
    for r in range(rows):
        for c in range(cols):
            z0, y0 = z[0] + r * h, y[0] + c * w
            parts = [b.box(f"{prefix}_{r}_{c}", (xf, xf + 0.018), (y0 + 0.005, y0 + w - 0.005), (z0 + 0.005, z0 + h - 0.005), color),
                     b.box(f"{prefix}_handle_{r}_{c}", (xf + 0.018, xf + 0.03), (y0 + w / 2 - 0.05, y0 + w / 2 + 0.05),
                           (z0 + h / 2 - 0.008, z0 + h / 2 + 0.008), handle)]
            tx, ty, tz = (x_back + 0.005, x_front - 0.001), (y0 + 0.02, y0 + w - 0.02), (max(z0 + 0.008, floor + 0.004), z0 + h - 0.02)
            if tx[1] - tx[0] >= 0.1 and ty[1] - ty[0] >= 0.1 and tz[1] - tz[0] >= 0.05:
                parts += b.tray(f"{prefix}_box_{r}_{c}", tx, ty, tz, 0.01, color)
                b.surface(f"{prefix}_{r}_{c}", tz[0] + 0.01, (tx[0] + 0.02, tx[1] - 0.02), (ty[0] + 0.02, ty[1] - 0.02))
            b.slide(f"{prefix}_{r}_{c}", parts, xf, y0 + w / 2, z0 + h / 2, 0.8 * (x_front - x_back))


def _doors(b: Builder, x_front, y, z, n, color, handle=CHROME, prefix="door", interior=True, x_back=None, mirror=False):
    """``n`` hinged doors over a span of a carcass front, hinged in pairs at their outer edges (a
    pair of doors meeting in the middle swings apart; two doors hinged on one line open to 69
    degrees only, so they never meet). With ``interior`` (a hollow carcass) the compartment
    behind them gets a floor at the doors' bottom edge, and a shelf halfway up when it is taller
    than 60 cm; both are receptacles. ``mirror``: the first door hinged at its high-Y edge."""
    w = (y[1] - y[0]) / n
    xf = x_front + GAP
    for k in range(n):
        y0 = y[0] + k * w
        name = b.box(f"{prefix}_{k}", (xf, xf + 0.02), (y0 + 0.003, y0 + w - 0.003), (z[0] + 0.003, z[1] - 0.003), color)
        low = (k % 2 == 0) != mirror  # hinged at its low-Y edge
        hy = y0 + w - 0.05 if low else y0 + 0.05
        zc = (z[0] + z[1]) / 2
        knob = b.box(f"{prefix}_handle_{k}", (xf + 0.02, xf + 0.035), (hy - 0.008, hy + 0.008), (zc - 0.08, zc + 0.08), handle)
        shared = (low and k > 0) or (not low and k < n - 1)  # another door is hinged on the same line
        b.side_hinge(f"{prefix}_{k}", [name, knob], xf + 0.02, y0 if low else y0 + w, zc, 1 if low else -1,
                     limit=1.2 if shared else 1.9)
    if not interior:
        return
    x_back = -b.hx + WALL if x_back is None else x_back
    cx, cy = (x_back, x_front - 0.005), (y[0] + 0.015, y[1] - 0.015)
    if cx[1] - cx[0] < 0.1 or cy[1] - cy[0] < 0.1:
        return
    floor = z[0] + WALL  # above the carcass bottom, whatever height the doors start at
    levels = [floor] + ([(floor + z[1]) / 2] if z[1] - floor > 0.6 else [])
    for k, zk in enumerate(levels):
        b.box(f"{prefix}_shelf_{k}", cx, cy, (zk - 0.015, zk), color)
        b.surface(f"{prefix}_shelf_{k}", zk, (cx[0] + 0.02, cx[1] - 0.02), (cy[0] + 0.02, cy[1] - 0.02))


def _shelves(b: Builder, x, y, z, n, color, prefix="shelf"):
    """Open shelving: sides, back, and n shelves (incl. bottom); registers each as a surface."""
    b.box(f"{prefix}_side_l", x, (y[1] - 0.02, y[1]), z, color)
    b.box(f"{prefix}_side_r", x, (y[0], y[0] + 0.02), z, color)
    b.box(f"{prefix}_back", (x[0], x[0] + 0.01), (y[0] + 0.02, y[1] - 0.02), z, color)
    for k in range(n):
        zk = z[0] + k * (z[1] - z[0] - 0.02) / (n - 1) if n > 1 else z[0]
        b.box(f"{prefix}_{k}", (x[0] + 0.01, x[1]), (y[0] + 0.02, y[1] - 0.02), (zk, zk + 0.02), color)
        b.surface(f"{prefix}_{k}", zk + 0.02, (x[0] + 0.02, x[1] - 0.01), (y[0] + 0.03, y[1] - 0.03))


def nightstand_drawer(b):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.12), 0.018, OAK, inset=0.02)
    xf = _carcass(b, OAK, z0=0.12)
    _drawers(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.14, b.h - 0.05), 2, 1, OAK)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def nightstand_open(b):
    """One drawer on top and an open cubby below."""
    b.box("bottom", (-b.hx, b.hx), (-b.hy, b.hy), (0.04, 0.06), WHITE)
    b.box("plinth", (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03), (0, 0.04), WHITE)
    b.box("side_l", (-b.hx, b.hx), (b.hy - 0.02, b.hy), (0.06, b.h - 0.02), WHITE)
    b.box("side_r", (-b.hx, b.hx), (-b.hy, -b.hy + 0.02), (0.06, b.h - 0.02), WHITE)
    b.box("back", (-b.hx, -b.hx + 0.01), (-b.hy + 0.02, b.hy - 0.02), (0.06, b.h - 0.02), WHITE)
    _drawers(b, b.hx - 0.02, (-b.hy + 0.02, b.hy - 0.02), (b.h - 0.18, b.h - 0.02), 1, 1, WHITE, handle=CHROME,
             x_back=-b.hx + 0.01)
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), WHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))
    b.surface("cubby", 0.06, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.03, b.hy - 0.03))


def nightstand_door(b):
    xf = _carcass(b, WALNUT, z0=0.05)
    b.box("plinth", (-b.hx + 0.02, b.hx - 0.04), (-b.hy + 0.02, b.hy - 0.02), (0, 0.05), DARK_WOOD)
    _drawers(b, xf, (-b.hy + 0.02, b.hy - 0.02), (b.h - 0.17, b.h - 0.03), 1, 1, WALNUT)
    _doors(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.07, b.h - 0.18), 1, WALNUT, handle=BRASS)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dresser_six(b):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.1), 0.02, WALNUT, inset=0.03)
    xf = _carcass(b, WALNUT, z0=0.1)
    _drawers(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.12, b.h - 0.04), 3, 2, WALNUT)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dresser_tall(b):
    xf = _carcass(b, WHITE, z0=0.06)
    b.box("plinth", (-b.hx + 0.02, b.hx - 0.04), (-b.hy + 0.02, b.hy - 0.02), (0, 0.06), WHITE)
    _drawers(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.08, b.h - 0.04), 5, 1, WHITE, handle=CHROME)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dresser_sideboard(b):
    """Long low sideboard: drawers in the middle, doors at the ends."""
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.15), 0.02, BLACK, inset=0.04)
    xf = _carcass(b, OAK, z0=0.15)
    w = 2 * b.hy - 0.04
    y0 = -b.hy + 0.02
    _doors(b, xf, (y0, y0 + w / 3), (0.17, b.h - 0.04), 1, OAK, handle=BLACK, prefix="door_r")
    _drawers(b, xf, (y0 + w / 3, y0 + 2 * w / 3), (0.17, b.h - 0.04), 3, 1, OAK, handle=BLACK)
    _doors(b, xf, (y0 + 2 * w / 3, y0 + w), (0.17, b.h - 0.04), 1, OAK, handle=BLACK, prefix="door_l", mirror=True)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wardrobe_two(b):
    xf = _carcass(b, WHITE, z0=0.08)
    b.box("plinth", (-b.hx + 0.02, b.hx - 0.04), (-b.hy + 0.02, b.hy - 0.02), (0, 0.08), WHITE)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.1, b.h - 0.03), 2, WHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wardrobe_drawers(b):
    """Three-door wardrobe with two drawers under the doors."""
    xf = _carcass(b, OAK, z0=0.08)
    b.box("plinth", (-b.hx + 0.02, b.hx - 0.04), (-b.hy + 0.02, b.hy - 0.02), (0, 0.08), OAK)
    _drawers(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.1, 0.42), 1, 2, OAK)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.44, b.h - 0.03), 3, OAK, handle=BRASS)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wardrobe_open(b):
    """Open wardrobe: a steel frame with a hanging rail, a top shelf and a shoe shelf."""
    r = 0.015
    for k, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (b.hx - r, -b.hy + r), (b.hx - r, b.hy - r)]):
        b.box(f"post_{k}", (x - r, x + r), (y - r, y + r), (0, b.h), GRAPHITE)
    b.box("top_shelf", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), OAK)
    b.box("shoe_shelf", (-b.hx, b.hx), (-b.hy, b.hy), (0.1, 0.12), OAK)
    b.rod("rail", (0, -b.hy + 0.02, b.h - 0.12), (0, b.hy - 0.02, b.h - 0.12), 0.012, CHROME)
    for k in range(6):
        y = -b.hy + 0.15 + k * (2 * b.hy - 0.3) / 5
        b.box(f"garment_{k}", (-b.hx + 0.08, b.hx - 0.08), (y - 0.03, y + 0.03), (b.h * 0.45, b.h - 0.14), [(0.55, 0.6, 0.7, 1.0), (0.7, 0.5, 0.45, 1.0), (0.85, 0.85, 0.8, 1.0)][k % 3])
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))
    b.surface("shoe_shelf", 0.12, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.04, b.hy - 0.04))


def bookshelf_open(b):
    _shelves(b, (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 5, OAK)


def bookshelf_ladder(b):
    """Leaning ladder shelf: shelves get deeper towards the floor."""
    for side, y in (("l", b.hy - 0.02), ("r", -b.hy + 0.02)):
        b.rod(f"rail_{side}", (b.hx - 0.02, y, 0.0), (-b.hx + 0.02, y, b.h - 0.01), 0.018, WHITE, n=8)
    n = 5
    for k in range(n):
        z = 0.05 + k * (b.h - 0.25) / (n - 1)
        depth = max(0.15, (2 * b.hx - 0.06) * (1 - z / b.h))
        x1 = b.hx - 0.03 - (2 * b.hx - 0.04) * z / b.h
        x0 = max(-b.hx, x1 - depth + 0.03)
        b.box(f"shelf_{k}", (x0, x1 + 0.02), (-b.hy + 0.04, b.hy - 0.04), (z, z + 0.02), WHITE)
        b.surface(f"shelf_{k}", z + 0.02, (x0 + 0.02, x1), (-b.hy + 0.05, b.hy - 0.05))


def bookshelf_cube(b):
    """Cube storage: a 4 x N grid of square cubbies."""
    cols = max(2, round(2 * b.hy / 0.38))
    rows = max(2, round(b.h / 0.38))
    b.box("frame_top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), PINE)
    b.box("back", (-b.hx, -b.hx + 0.01), (-b.hy, b.hy), (0, b.h - 0.02), PINE)
    step = (2 * b.hy - 0.02) / cols
    for r in range(rows):
        z = r * (b.h - 0.02) / rows
        b.box(f"shelf_{r}", (-b.hx + 0.01, b.hx), (-b.hy, b.hy), (z, z + 0.02), PINE)
        for c in range(cols):  # one surface per cubby: the dividers stand between them
            y = -b.hy + c * step
            b.surface(f"shelf_{r}_{c}", z + 0.02, (-b.hx + 0.02, b.hx - 0.01), (y + 0.025, y + step - 0.005))
    for c in range(cols + 1):
        y = -b.hy + c * step
        b.box(f"divider_{c}", (-b.hx + 0.01, b.hx), (y, y + 0.02), (0.02, b.h - 0.02), PINE)


def cabinet_filing(b):
    xf = _carcass(b, STEEL)
    _drawers(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.02, b.h - 0.04), 3, 1, STEEL, handle=GRAPHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def cabinet_glass(b):
    """Display cabinet: glass doors over shelves, solid doors below."""
    xf = _carcass(b, WALNUT, z0=0.08)
    b.box("plinth", (-b.hx + 0.02, b.hx - 0.04), (-b.hy + 0.02, b.hy - 0.02), (0, 0.08), WALNUT)
    for k, z in enumerate((b.h * 0.45, b.h * 0.7)):
        b.box(f"shelf_{k}", (-b.hx + 0.01, xf - 0.01), (-b.hy + 0.02, b.hy - 0.02), (z - 0.02, z), WALNUT)
        b.surface(f"shelf_{k}", z, (-b.hx + 0.03, xf - 0.02), (-b.hy + 0.03, b.hy - 0.03))
    _doors(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.1, b.h * 0.4), 2, WALNUT, handle=BRASS, prefix="lower_door")
    _doors(b, xf, (-b.hy + 0.02, b.hy - 0.02), (b.h * 0.4, b.h - 0.03), 2, GLASS, handle=BRASS, prefix="glass_door",
           interior=False)  # its own shelves behind the glass
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def cabinet_utility(b):
    xf = _carcass(b, OFF_WHITE, z0=0.1)
    b.legs("foot", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.1), 0.02, CHROME, inset=0.02)
    _doors(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.12, b.h - 0.03), 2, OFF_WHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def tv_stand_low(b):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.12), 0.02, DARK_WOOD, inset=0.05)
    xf = _carcass(b, WALNUT, z0=0.12)
    _doors(b, xf, (-b.hy + 0.02, b.hy - 0.02), (0.14, b.h - 0.03), 3, WALNUT, handle=BLACK)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def tv_stand_open(b):
    """Open shelves, nothing to open: the console houses keep their things on."""
    _shelves(b, (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 3, BLACK)
    b.box("top_cap", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), BLACK)


def tv_stand_float(b):
    """Wide media console with drop-down flaps and a central open bay on a plinth."""
    b.box("plinth", (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.1, b.hy - 0.1), (0, 0.08), BLACK)
    xf = _carcass(b, WHITE, z0=0.08)
    w = (2 * b.hy - 0.04) / 3
    for k in (0, 2):
        y0 = -b.hy + 0.02 + k * w
        name = b.box(f"flap_{k}", (xf + GAP, xf + GAP + 0.02), (y0 + 0.003, y0 + w - 0.003), (0.1, b.h - 0.03), WHITE)
        b.bottom_hinge(f"flap_{k}", name, xf + GAP + 0.02, y0 + w / 2, 0.1, limit=1.5)
    b.surface("inside", 0.08 + WALL, (-b.hx + WALL + 0.02, xf - 0.02), (-b.hy + WALL + 0.02, b.hy - WALL - 0.02))
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wall_shelf_float(b):
    b.box("shelf", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), OAK)
    b.surface("top", b.h, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01))


def wall_shelf_bracket(b):
    b.box("board", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.025, b.h), PINE)
    for k, y in enumerate((-b.hy + 0.1, b.hy - 0.1)):
        b.hull(f"bracket_{k}", [[-b.hx, y - 0.01, 0], [-b.hx, y + 0.01, 0], [-b.hx, y - 0.01, b.h - 0.025], [-b.hx, y + 0.01, b.h - 0.025],
                               [-b.hx + 0.02, y - 0.01, 0], [-b.hx + 0.02, y + 0.01, 0],
                               [b.hx - 0.03, y - 0.01, b.h - 0.025], [b.hx - 0.03, y + 0.01, b.h - 0.025]], BLACK)
    b.surface("top", b.h, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01))


def wall_shelf_tiered(b):
    """Two-tier wall rack with side rails."""
    _shelves(b, (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 2, WALNUT)


def wall_cabinet_two(b):
    xf = _carcass(b, WHITE, top_t=0.02, overhang=0.0)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.01, b.h - 0.01), 2, WHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wall_cabinet_mirror(b):
    xf = _carcass(b, WHITE, top_t=0.02, overhang=0.0)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.01, b.h - 0.01), 1, GLASS)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def wall_cabinet_glass(b):
    xf = _carcass(b, OAK, top_t=0.02, overhang=0.0)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.01, b.h - 0.01), 2, GLASS, handle=BLACK)  # floor and mid shelf


VARIANTS = [
    Variant("nightstand", "two_drawer", "oak nightstand with two drawers on legs", (0.4, 0.48, 0.58), nightstand_drawer),
    Variant("nightstand", "open", "white nightstand with a drawer and an open cubby", (0.38, 0.45, 0.55), nightstand_open),
    Variant("nightstand", "door", "walnut bedside cabinet with a drawer and a door", (0.42, 0.5, 0.62), nightstand_door),
    Variant("dresser", "six_drawer", "walnut six-drawer dresser on legs", (0.48, 1.2, 0.82), dresser_six),
    Variant("dresser", "tall", "white tall chest of five drawers", (0.45, 0.8, 1.2), dresser_tall),
    Variant("dresser", "sideboard", "long oak sideboard with drawers and doors", (0.45, 1.6, 0.78), dresser_sideboard),
    Variant("wardrobe", "two_door", "white two-door wardrobe", (0.6, 1.0, 2.0), wardrobe_two),
    Variant("wardrobe", "three_door", "oak three-door wardrobe with drawers", (0.6, 1.5, 2.1), wardrobe_drawers),
    Variant("wardrobe", "open_rack", "open wardrobe: steel frame with a clothes rail and shelves", (0.5, 1.2, 1.9), wardrobe_open),
    Variant("bookshelf", "open", "oak bookshelf with five open shelves", (0.32, 0.9, 1.8), bookshelf_open),
    Variant("bookshelf", "ladder", "white leaning ladder shelf", (0.45, 0.65, 1.75), bookshelf_ladder),
    Variant("bookshelf", "cube", "pine cube storage shelf", (0.39, 1.5, 1.5), bookshelf_cube),
    Variant("cabinet", "filing", "steel three-drawer filing cabinet", (0.55, 0.45, 1.0), cabinet_filing),
    Variant("cabinet", "display", "walnut display cabinet with glass doors", (0.42, 0.9, 1.7), cabinet_glass),
    Variant("cabinet", "utility", "off-white two-door storage cabinet", (0.45, 0.8, 0.9), cabinet_utility),
    Variant("tv_stand", "low", "low walnut media console with three doors", (0.42, 1.8, 0.5), tv_stand_low),
    Variant("tv_stand", "open", "black open TV stand with shelves", (0.4, 1.2, 0.55), tv_stand_open),
    Variant("tv_stand", "flap", "white media console with drop-down flaps", (0.4, 2.0, 0.45), tv_stand_float),
    Variant("wall_shelf", "floating", "floating oak wall shelf", (0.22, 0.9, 0.04), wall_shelf_float),
    Variant("wall_shelf", "bracket", "pine shelf on black brackets", (0.25, 0.8, 0.2), wall_shelf_bracket),
    Variant("wall_shelf", "two_tier", "two-tier walnut wall rack", (0.18, 0.6, 0.45), wall_shelf_tiered),
    Variant("wall_cabinet", "two_door", "white kitchen wall cabinet with two doors", (0.35, 0.8, 0.7), wall_cabinet_two),
    Variant("wall_cabinet", "mirror", "bathroom mirror cabinet", (0.16, 0.6, 0.6), wall_cabinet_mirror),
    Variant("wall_cabinet", "glass", "oak wall cabinet with glass doors", (0.32, 0.9, 0.75), wall_cabinet_glass),
]
