"""TVs, monitors, laptops, keyboards and clocks (+X is the screen or the user's side)."""

import math

from ..palette import BLACK, CHROME, GRAPHITE, OAK, SCREEN, STEEL, WHITE, rgba
from ..builder import GAP
from . import Variant

SCREEN_ON = rgba("#2c4660")


def tv_stand_feet(b):
    """Flat-screen TV on two feet, screen facing +X."""
    panel = 0.06
    b.box("panel", (-panel / 2, panel / 2), (-b.hy, b.hy), (0.08, b.h), BLACK)
    b.box("screen", (panel / 2, panel / 2 + 0.003), (-b.hy + 0.01, b.hy - 0.01), (0.09, b.h - 0.01), SCREEN)
    for k, y in enumerate((-b.hy * 0.75, b.hy * 0.75)):
        b.box(f"foot_{k}", (-b.hx, b.hx), (y - 0.03, y + 0.03), (0, 0.015), GRAPHITE)
        b.box(f"foot_post_{k}", (-0.02, 0.02), (y - 0.02, y + 0.02), (0.015, 0.09), GRAPHITE)


def tv_wall(b):
    """Wall-mounted slim TV: thin panel with a bracket at -X."""
    b.box("bracket", (-b.hx, -b.hx + 0.02), (-0.15, 0.15), (b.h * 0.3, b.h * 0.7), GRAPHITE)
    b.box("panel", (-b.hx + 0.02, b.hx - 0.003), (-b.hy, b.hy), (0, b.h), BLACK)
    b.box("screen", (b.hx - 0.003, b.hx), (-b.hy + 0.01, b.hy - 0.01), (0.01, b.h - 0.01), SCREEN)


def tv_crt_style(b):
    """Retro TV set in a wooden cabinet on short legs."""
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.12), 0.015, OAK, inset=0.03)
    b.rbox("cabinet", (-b.hx, b.hx - 0.01), (-b.hy, b.hy), (0.12, b.h), 0.03, OAK)
    b.box("screen", (b.hx - 0.01, b.hx), (-b.hy + 0.05, b.hy * 0.35), (0.2, b.h - 0.06), SCREEN)
    for k in range(2):
        b.rod(f"knob_{k}", (b.hx - 0.01, b.hy * 0.65, 0.3 + 0.12 * k), (b.hx, b.hy * 0.65, 0.3 + 0.12 * k), 0.025, GRAPHITE, n=10)


def monitor_stand(b):
    b.box("base", (-b.hx, b.hx * 0.6), (-0.12, 0.12), (0, 0.015), GRAPHITE)
    b.box("neck", (-b.hx + 0.01, -b.hx + 0.04), (-0.03, 0.03), (0.015, b.h * 0.5), GRAPHITE)
    b.box("panel", (-b.hx + 0.04, -b.hx + 0.07), (-b.hy, b.hy), (b.h * 0.25, b.h), BLACK)
    b.box("screen", (-b.hx + 0.07, -b.hx + 0.073), (-b.hy + 0.01, b.hy - 0.01), (b.h * 0.25 + 0.01, b.h - 0.01), SCREEN_ON)


def monitor_curved(b):
    n = 8
    for k in range(n):
        a0, a1 = -0.35 + 0.7 * k / n, -0.35 + 0.7 * (k + 1) / n
        rr = b.hy / math.sin(0.35)
        pts = [[-b.hx + 0.06 + rr * (math.cos(a) - math.cos(0.35)) + dx, rr * math.sin(a), z]
               for a in (a0, a1) for dx in (0.0, 0.02) for z in (b.h * 0.3, b.h)]
        b.hull(f"panel_{k}", pts, BLACK)
    b.box("base", (-b.hx, b.hx), (-0.15, 0.15), (0, 0.015), GRAPHITE)
    b.box("neck", (-0.02, 0.02), (-0.04, 0.04), (0.015, b.h * 0.45), GRAPHITE)


def monitor_imac(b):
    """All-in-one computer: white screen body on an aluminium easel foot."""
    b.hull("foot", [[-b.hx, -0.09, 0], [-b.hx, 0.09, 0], [b.hx, -0.09, 0], [b.hx, 0.09, 0], [-b.hx + 0.03, -0.09, b.h * 0.35], [-b.hx + 0.03, 0.09, b.h * 0.35],
                    [-b.hx + 0.05, -0.09, b.h * 0.35], [-b.hx + 0.05, 0.09, b.h * 0.35]], STEEL)
    b.box("body", (-b.hx + 0.05, -b.hx + 0.08), (-b.hy, b.hy), (b.h * 0.2, b.h), WHITE)
    b.box("screen", (-b.hx + 0.08, -b.hx + 0.083), (-b.hy + 0.015, b.hy - 0.015), (b.h * 0.32, b.h - 0.015), SCREEN_ON)


def _closed_lid(b, color, z_split: float) -> None:
    """A closed notebook's lid over its base, opening about the back edge to 110 degrees."""
    lid = b.rbox("lid", (-b.hx, b.hx), (-b.hy, b.hy), (z_split + GAP, b.h), 0.003, color)
    b.back_hinge("lid", lid, -b.hx, 0, b.h, limit=1.92)


def laptop_closed(b):
    b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h * 0.55), 0.004, STEEL)
    _closed_lid(b, STEEL, b.h * 0.55)


def laptop_open(b):
    """Open laptop: keyboard deck towards +X, screen tilted back at -X."""
    deck = 0.02
    b.box("deck", (-b.hx + 0.02, b.hx), (-b.hy, b.hy), (0, deck), GRAPHITE)
    b.box("keys", (-b.hx + 0.06, b.hx - 0.1), (-b.hy + 0.02, b.hy - 0.02), (deck, deck + 0.002), BLACK)
    x0 = -b.hx + 0.02
    b.hull("screen_lid", [[x0, y, deck] for y in (-b.hy, b.hy)] + [[x0 - 0.008, y, deck] for y in (-b.hy, b.hy)] +
           [[-b.hx + 0.008, y, b.h] for y in (-b.hy, b.hy)] + [[-b.hx, y, b.h] for y in (-b.hy, b.hy)], GRAPHITE)
    b.hull("screen", [[x0 + 0.001, y, deck + 0.01] for y in (-b.hy + 0.01, b.hy - 0.01)] + [[-b.hx + 0.009, y, b.h - 0.01] for y in (-b.hy + 0.01, b.hy - 0.01)] +
           [[x0 + 0.003, y, deck + 0.01] for y in (-b.hy + 0.01, b.hy - 0.01)], SCREEN_ON)
    # modelled open: position 0 is this pose, the lower limit folds the screen onto the keys
    tilt = math.atan2(0.012, b.h - deck)  # the lid leans back from vertical
    b.joint("lid", "revolute", ["screen_lid", "screen"], (0, -1, 0), (x0 - 0.004, 0, deck + 0.01),
            (-(math.pi / 2 + tilt) + 0.12, 0.35))


def laptop_white(b):
    """Thin white notebook, closed, with a rubber foot strip."""
    b.box("feet", (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02), (0, 0.002), BLACK)
    b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (0.002, 0.002 + 0.55 * (b.h - 0.002)), 0.003, WHITE)
    _closed_lid(b, WHITE, 0.002 + 0.55 * (b.h - 0.002))


def keyboard_full(b):
    b.hull("case", [[-b.hx, y, 0] for y in (-b.hy, b.hy)] + [[b.hx, y, 0] for y in (-b.hy, b.hy)] +
           [[-b.hx, y, b.h * 0.8] for y in (-b.hy, b.hy)] + [[b.hx, y, b.h * 0.45] for y in (-b.hy, b.hy)], BLACK)
    rows = 5
    for r in range(rows):
        x0 = b.hx - 0.012 - (r + 1) * (2 * b.hx - 0.024) / rows
        z = b.h * 0.45 + (b.h * 0.35) * (r + 1) / rows
        b.box(f"key_row_{r}", (x0 + 0.002, x0 + (2 * b.hx - 0.024) / rows - 0.002), (-b.hy + 0.012, b.hy - 0.012), (z - 0.004, min(z + 0.004, b.h)), GRAPHITE)


def keyboard_compact(b):
    b.rbox("case", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h * 0.6), 0.003, WHITE)
    b.box("keys", (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01), (b.h * 0.6, b.h), rgba("#dcdcdc"))


def keyboard_mech(b):
    """Mechanical keyboard with a wooden wrist rest at +X."""
    rest = 0.06
    b.box("case", (-b.hx, b.hx - rest), (-b.hy, b.hy), (0, b.h * 0.6), GRAPHITE)
    b.box("keycaps", (-b.hx + 0.008, b.hx - rest - 0.008), (-b.hy + 0.008, b.hy - 0.008), (b.h * 0.6, b.h), rgba("#e8e4da"))
    b.rbox("wrist_rest", (b.hx - rest + 0.005, b.hx), (-b.hy, b.hy), (0, b.h * 0.55), 0.006, OAK)


def clock_digital(b):
    b.hull("body", [[-b.hx, y, z] for y in (-b.hy, b.hy) for z in (0, b.h)] + [[b.hx, y, z] for y in (-b.hy, b.hy) for z in (0, b.h * 0.8)], BLACK)
    b.box("display", (b.hx * 0.6, b.hx * 0.6 + 0.003), (-b.hy + 0.01, b.hy - 0.01), (0.015, b.h * 0.7), rgba("#c0392b"))


def clock_twin_bell(b):
    """Round twin-bell alarm clock on two feet; the dial faces +X."""
    r = min(b.hy, b.h / 2 - 0.02) * 0.8
    zc = r + 0.02
    b.rod("case", (-b.hx + 0.01, 0, zc), (b.hx - 0.004, 0, zc), r, rgba("#b23a2e"), n=24)
    b.rod("dial", (b.hx - 0.004, 0, zc), (b.hx, 0, zc), r - 0.008, WHITE, n=24)
    for k, s in enumerate((-1, 1)):
        b.ellipsoid(f"bell_{k}", (0, s * r * 0.55, zc + r * 0.95), (0.018, r * 0.35, r * 0.3), CHROME, subdivisions=1)
        b.rod(f"foot_{k}", (0, s * r * 0.5, zc - r * 0.8), (0, s * r * 0.7, 0.0), 0.004, CHROME, n=6)
    b.rod("hammer", (0, 0, zc + r), (0, 0, b.h), 0.004, CHROME, n=6)


def clock_mantel(b):
    """Round-faced mantel clock: a disc standing on a low plinth, dial towards +X."""
    r = min(b.hy, (b.h - 0.015) / 2)
    b.box("plinth", (-b.hx, b.hx), (-b.hy * 0.8, b.hy * 0.8), (0, 0.015), OAK)
    zc = 0.015 + r
    b.rod("case", (-b.hx, 0, zc), (b.hx - 0.004, 0, zc), r, OAK, n=28)
    b.rod("dial", (b.hx - 0.004, 0, zc), (b.hx, 0, zc), r - 0.006, rgba("#f4efe2"), n=28)


VARIANTS = [
    Variant("tv", "feet", "65-inch flat-screen TV on two feet", (0.3, 1.45, 0.92), tv_stand_feet),
    Variant("tv", "wall_mounted", "slim wall-mounted TV", (0.08, 1.25, 0.72), tv_wall),
    Variant("tv", "cabinet", "retro TV set in an oak cabinet", (0.35, 0.7, 0.7), tv_crt_style),
    Variant("monitor", "stand", "27-inch monitor on a stand", (0.2, 0.62, 0.45), monitor_stand),
    Variant("monitor", "curved", "curved ultrawide monitor", (0.25, 0.82, 0.45), monitor_curved),
    Variant("monitor", "all_in_one", "white all-in-one computer", (0.18, 0.55, 0.46), monitor_imac),
    Variant("laptop", "closed", "closed aluminium laptop", (0.23, 0.32, 0.018), laptop_closed),
    Variant("laptop", "open", "open laptop with the screen up", (0.3, 0.33, 0.24), laptop_open),
    Variant("laptop", "white", "closed thin white notebook", (0.22, 0.31, 0.015), laptop_white),
    Variant("keyboard", "full", "black full-size keyboard", (0.15, 0.44, 0.03), keyboard_full),
    Variant("keyboard", "compact", "white compact keyboard", (0.12, 0.28, 0.02), keyboard_compact),
    Variant("keyboard", "mechanical", "mechanical keyboard with a wooden wrist rest", (0.2, 0.36, 0.04), keyboard_mech),
    Variant("alarm_clock", "digital", "black digital alarm clock", (0.08, 0.14, 0.07), clock_digital),
    Variant("alarm_clock", "twin_bell", "red twin-bell alarm clock", (0.06, 0.12, 0.15), clock_twin_bell),
    Variant("alarm_clock", "mantel", "round wooden mantel clock", (0.05, 0.12, 0.135), clock_mantel),
]
