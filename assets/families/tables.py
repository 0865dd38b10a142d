"""Dining, coffee and side tables, and desks (+X is the side a person sits at or faces)."""

from ..builder import GAP, Builder
from ..palette import BLACK, BRASS, CHROME, GLASS, GRAPHITE, OAK, WALNUT, WHITE
from . import Variant
from .storage import WALL, _carcass, _drawers


def _four_leg_table(b: Builder, top_color, leg_color, top_t=0.035, leg_r=0.03, square=True, apron=True, inset=0.04):
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - top_t, b.h), top_color)
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h - top_t), leg_r, leg_color, square=square, inset=inset)
    if apron:
        a = inset + 2 * leg_r
        b.box("apron_front", (b.hx - a, b.hx - a + 0.02), (-b.hy + a, b.hy - a), (b.h - top_t - 0.09, b.h - top_t), leg_color)
        b.box("apron_back", (-b.hx + a - 0.02, -b.hx + a), (-b.hy + a, b.hy - a), (b.h - top_t - 0.09, b.h - top_t), leg_color)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dining_farmhouse(b):
    _four_leg_table(b, OAK, OAK, leg_r=0.04)


def dining_trestle(b):
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.045, b.h), WALNUT)
    for k, y in enumerate((-b.hy + 0.25, b.hy - 0.25)):
        b.box(f"trestle_{k}", (-0.06, 0.06), (y - 0.04, y + 0.04), (0.06, b.h - 0.045), WALNUT)
        b.box(f"foot_{k}", (-b.hx + 0.08, b.hx - 0.08), (y - 0.05, y + 0.05), (0, 0.06), WALNUT)
        b.box(f"cleat_{k}", (-b.hx + 0.1, b.hx - 0.1), (y - 0.04, y + 0.04), (b.h - 0.1, b.h - 0.045), WALNUT)
    b.box("stretcher", (-0.03, 0.03), (-b.hy + 0.25, b.hy - 0.25), (0.3, 0.38), WALNUT)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def dining_round(b):
    r = min(b.hx, b.hy)
    b.cyl("top", 0, 0, (b.h - 0.035, b.h), r, WHITE, n=36)
    b.cyl("pedestal", 0, 0, (0.05, b.h - 0.035), 0.06, WHITE, n=16)
    b.cyl("base", 0, 0, (0, 0.05), 0.3, WHITE, n=24, r_top=0.22)
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def coffee_rect(b):
    _four_leg_table(b, OAK, OAK, top_t=0.04, leg_r=0.025, apron=False, inset=0.03)
    b.box("shelf", (-b.hx + 0.06, b.hx - 0.06), (-b.hy + 0.06, b.hy - 0.06), (0.1, 0.12), OAK)
    b.surface("shelf", 0.12, (-b.hx + 0.08, b.hx - 0.08), (-b.hy + 0.08, b.hy - 0.08))


def coffee_glass(b):
    b.box("glass_top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.012, b.h), GLASS)
    for k, y in enumerate((-b.hy + 0.05, b.hy - 0.05)):
        b.box(f"frame_bottom_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.015, y + 0.015), (0, 0.03), CHROME)
        b.box(f"frame_top_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.015, y + 0.015), (b.h - 0.042, b.h - 0.012), CHROME)
        for j, x in enumerate((-b.hx + 0.045, b.hx - 0.045)):
            b.box(f"frame_post_{k}_{j}", (x - 0.015, x + 0.015), (y - 0.015, y + 0.015), (0.03, b.h - 0.042), CHROME)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def coffee_drum(b):
    """Round drum coffee table: solid body on a recessed plinth."""
    r = min(b.hx, b.hy)
    b.cyl("plinth", 0, 0, (0, 0.04), r - 0.05, BLACK, n=32)
    b.cyl("body", 0, 0, (0.04, b.h), r, WALNUT, n=32)
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def side_round(b):
    r = min(b.hx, b.hy)
    b.cyl("top", 0, 0, (b.h - 0.03, b.h), r, OAK, n=28)
    b.splayed_legs("leg", 3, 0.9 * r, 0.5 * r, b.h - 0.03, 0.015, OAK)
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def side_square(b):
    _four_leg_table(b, WHITE, WHITE, top_t=0.03, leg_r=0.02, apron=False, inset=0.01)
    b.box("shelf", (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03), (0.12, 0.14), WHITE)
    b.surface("shelf", 0.14, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


def side_cfold(b):
    """C-shaped metal side table that slides over a sofa arm (opening at +X)."""
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), WALNUT)
    b.box("column", (-b.hx, -b.hx + 0.03), (-b.hy + 0.05, b.hy - 0.05), (0.02, b.h - 0.02), GRAPHITE)
    b.box("foot", (-b.hx, b.hx), (-b.hy + 0.05, b.hy - 0.05), (0, 0.02), GRAPHITE)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def _hung_drawer(b, x, y, z_top: float, color, handle=CHROME, height: float = 0.1) -> None:
    """A shallow drawer in a housing hung under a top (``x``: the housing's back and front)."""
    z = (z_top - height, z_top)
    xf = _carcass(b, color, z0=z[0], top_t=0.0, x=x, y=y, z1=z_top, overhang=0.0)
    _drawers(b, xf, y, z, 1, 1, color, handle=handle, x_back=x[0] + WALL, floor=z[0] + WALL)


def desk_writing(b):
    """Desk with a drawer pedestal on the right; the user sits at +X."""
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.03, b.h), OAK)
    xf = _carcass(b, OAK, z0=0.0, top_t=0.0, x=(-b.hx + 0.02, b.hx - 0.04), y=(-b.hy, -b.hy + 0.42), z1=b.h - 0.03)
    _drawers(b, xf, (-b.hy + 0.02, -b.hy + 0.4), (0.03, b.h - 0.04), 3, 1, WALNUT, x_back=-b.hx + 0.02 + WALL, floor=WALL)
    b.box("side_panel", (-b.hx + 0.02, b.hx - 0.04), (b.hy - 0.03, b.hy), (0, b.h - 0.03), OAK)
    b.box("modesty_panel", (-b.hx + 0.02, -b.hx + 0.04), (-b.hy + 0.42, b.hy - 0.03), (0.3, b.h - 0.03), OAK)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def desk_metal(b):
    """Minimal desk on a black steel frame with a monitor shelf."""
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.025, b.h), WHITE)
    for k, y in enumerate((-b.hy + 0.03, b.hy - 0.03)):
        b.box(f"frame_foot_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.02, y + 0.02), (0, 0.03), BLACK)
        b.box(f"frame_post_{k}", (-0.02, 0.02), (y - 0.02, y + 0.02), (0.03, b.h - 0.025), BLACK)
        b.box(f"frame_top_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.02, y + 0.02), (b.h - 0.055, b.h - 0.025), BLACK)
    b.box("crossbar", (-0.02, 0.02), (-b.hy + 0.05, b.hy - 0.05), (b.h - 0.12, b.h - 0.08), BLACK)
    _hung_drawer(b, (0.03, b.hx - 0.05), (-0.25, 0.25), b.h - 0.025, WHITE, handle=BLACK, height=0.08)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def desk_lshape(b):
    """Corner desk: main top along Y plus a return wing at -Y towards +X."""
    depth = 0.6
    b.box("top_main", (-b.hx, -b.hx + depth), (-b.hy, b.hy), (b.h - 0.03, b.h), WALNUT)
    b.box("top_return", (-b.hx + depth, b.hx), (-b.hy, -b.hy + 0.5), (b.h - 0.03, b.h), WALNUT)
    b.box("panel_left", (-b.hx, -b.hx + depth), (b.hy - 0.03, b.hy), (0, b.h - 0.03), WALNUT)
    b.box("panel_return", (b.hx - 0.03, b.hx), (-b.hy, -b.hy + 0.5), (0, b.h - 0.03), WALNUT)
    b.box("panel_back", (-b.hx, -b.hx + 0.02), (-b.hy, b.hy - 0.03), (0.25, b.h - 0.03), WALNUT)
    b.box("panel_corner", (-b.hx, -b.hx + depth), (-b.hy, -b.hy + 0.03), (0, b.h - 0.03), WALNUT)
    _hung_drawer(b, (-b.hx + 0.02 + GAP, -b.hx + depth - 0.05), (b.hy - 0.5, b.hy - 0.03 - GAP), b.h - 0.03, WALNUT, handle=BRASS)
    b.surface("top_main", b.h, (-b.hx + 0.02, -b.hx + depth - 0.02), (-b.hy + 0.02, b.hy - 0.02))
    b.surface("top_return", b.h, (-b.hx + depth, b.hx - 0.02), (-b.hy + 0.02, -b.hy + 0.48))


VARIANTS = [
    Variant("dining_table", "farmhouse", "oak farmhouse dining table for six", (0.95, 1.8, 0.76), dining_farmhouse),
    Variant("dining_table", "trestle", "walnut trestle dining table", (0.9, 2.0, 0.75), dining_trestle),
    Variant("dining_table", "round", "white round pedestal dining table for four", (1.1, 1.1, 0.75), dining_round),
    Variant("coffee_table", "shelf", "rectangular oak coffee table with a lower shelf", (0.6, 1.1, 0.42), coffee_rect),
    Variant("coffee_table", "glass", "glass-topped coffee table on a chrome frame", (0.6, 1.2, 0.4), coffee_glass),
    Variant("coffee_table", "drum", "round walnut drum coffee table", (0.85, 0.85, 0.38), coffee_drum),
    Variant("side_table", "round", "round oak side table on three legs", (0.45, 0.45, 0.55), side_round),
    Variant("side_table", "square", "white square side table with a shelf", (0.42, 0.42, 0.5), side_square),
    Variant("side_table", "c_shaped", "C-shaped side table with a walnut top", (0.4, 0.45, 0.62), side_cfold),
    Variant("desk", "writing", "oak writing desk with a drawer pedestal", (0.7, 1.4, 0.75), desk_writing),
    Variant("desk", "metal_frame", "white desk on a black steel frame", (0.7, 1.5, 0.74), desk_metal),
    Variant("desk", "corner", "L-shaped walnut corner desk", (1.2, 1.6, 0.75), desk_lshape),
]
