"""Small things of daily life: phones, remotes, desktop computers, pens, discs, cards, keys, watches,
newspapers, and light switches on the wall (back at -X)."""

import math

from ..builder import Builder, rgba
from ..palette import BLACK, BRASS, CHROME, GRAPHITE, OAK, PAPER, SCREEN, STEEL, WHITE
from . import Variant

BLUE = rgba("#2e5d8a")
RED = rgba("#b03a2e")
GOLD = rgba("#c9a24a")
YELLOW = rgba("#e3c23a")
NEWSPRINT = rgba("#dcd8cc")


def phone_slab(b):
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.85 * b.h), 0.004, GRAPHITE)
    b.box("screen", (-0.92 * b.hx, 0.92 * b.hx), (-0.88 * b.hy, 0.88 * b.hy), (0.85 * b.h, b.h), SCREEN)


def phone_case(b):
    """In a thick case with a camera bump."""
    b.rbox("case", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.75 * b.h), 0.006, RED)
    b.box("screen", (-0.85 * b.hx, 0.85 * b.hx), (-0.8 * b.hy, 0.8 * b.hy), (0.75 * b.h, 0.85 * b.h), SCREEN)
    b.box("bump", (0.4 * b.hx, 0.85 * b.hx), (0.2 * b.hy, 0.8 * b.hy), (0.85 * b.h, b.h), BLACK)


def phone_flip(b):
    """A folded flip phone: two halves and a hinge."""
    b.rbox("lower", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.48 * b.h), 0.004, STEEL)
    b.rbox("upper", (-0.95 * b.hx, b.hx), (-0.95 * b.hy, 0.95 * b.hy), (0.52 * b.h, b.h), 0.004, STEEL)
    b.rod("hinge", (-b.hx + 0.004, -0.8 * b.hy, b.h / 2), (-b.hx + 0.004, 0.8 * b.hy, b.h / 2), 0.45 * b.h, GRAPHITE, n=8)


def _buttons(b: Builder, rows: int, cols: int, z: float, color, x=(-0.6, 0.5)):
    for i in range(rows):
        for j in range(cols):
            cx = b.hx * (x[0] + (x[1] - x[0]) * (i + 0.5) / rows)
            cy = b.hy * (-0.6 + 1.2 * (j + 0.5) / cols)
            b.box(f"button_{i}_{j}", (cx - 0.004, cx + 0.004), (cy - 0.004, cy + 0.004), (z, b.h), color)


def remote_tv(b):
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.75 * b.h), 0.005, BLACK)
    _buttons(b, 5, 3, 0.75 * b.h, GRAPHITE)


def remote_round(b):
    """Slim streaming remote with a round pad."""
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.8 * b.h), 0.003, rgba("#c7c9cc"))
    b.cyl("pad", 0.5 * b.hx, 0, (0.8 * b.h, b.h), 0.8 * b.hy, GRAPHITE, n=16)


def remote_wedge(b):
    """Air-conditioner style remote, thicker at the back."""
    b.hull("body", [[-b.hx, y, 0] for y in (-b.hy, b.hy)] + [[b.hx, y, 0] for y in (-b.hy, b.hy)]
           + [[-b.hx, y, b.h] for y in (-b.hy, b.hy)] + [[b.hx, y, 0.45 * b.h] for y in (-b.hy, b.hy)], WHITE)


def desktop_monitor_tower(b):
    """Monitor on a stand with a keyboard in front and a tower beside it."""
    t = 0.04
    b.box("foot", (-b.hx, -b.hx + 0.12), (-0.1, 0.1), (0, 0.015), GRAPHITE)
    b.box("neck", (-b.hx + 0.02, -b.hx + 0.05), (-0.03, 0.03), (0.015, 0.15), GRAPHITE)
    b.box("screen", (-b.hx + 0.05, -b.hx + 0.05 + t), (-0.6 * b.hy, 0.6 * b.hy), (0.1, 0.72 * b.h), BLACK)
    b.box("keyboard", (b.hx - 0.13, b.hx), (-0.4 * b.hy, 0.3 * b.hy), (0, 0.025), GRAPHITE)
    b.box("tower", (-b.hx, b.hx - 0.15), (0.65 * b.hy, b.hy), (0, b.h), BLACK)


def desktop_all_in_one(b):
    b.box("foot", (-b.hx, -b.hx + 0.16), (-0.12, 0.12), (0, 0.012), CHROME)
    b.hull("stand", [[-b.hx + 0.02, y, 0.012] for y in (-0.06, 0.06)] + [[-b.hx + 0.06, y, 0.012] for y in (-0.06, 0.06)]
           + [[-b.hx + 0.06, y, 0.2] for y in (-0.06, 0.06)] + [[-b.hx + 0.1, y, 0.2] for y in (-0.06, 0.06)], CHROME)
    b.box("screen", (-b.hx + 0.06, -b.hx + 0.09), (-b.hy, b.hy), (0.12, b.h), rgba("#dcdde0"))
    b.box("keyboard", (b.hx - 0.12, b.hx), (-0.45 * b.hy, 0.45 * b.hy), (0, 0.012), WHITE)


def desktop_dual(b):
    """Two monitors side by side over a tower-less keyboard."""
    for k, y in enumerate((-b.hy, 0.02)):
        b.box(f"foot_{k}", (-b.hx, -b.hx + 0.1), (y + 0.1, y + 0.3), (0, 0.015), BLACK)
        b.box(f"screen_{k}", (-b.hx + 0.03, -b.hx + 0.06), (y, y + b.hy - 0.02), (0.12, b.h), BLACK)
        b.box(f"neck_{k}", (-b.hx + 0.01, -b.hx + 0.03), (y + 0.18, y + 0.22), (0.015, 0.2), BLACK)
    b.box("keyboard", (b.hx - 0.12, b.hx), (-0.3 * b.hy, 0.3 * b.hy), (0, 0.02), GRAPHITE)


def _lying_prism(b: Builder, name: str, x: tuple[float, float], r: float, sides: int, color, z: float | None = None):
    """A rod along X with ``sides`` faces, one of them flat on the surface (a pen that lies still
    instead of rolling off a vertex)."""
    half = math.pi / sides
    ring = [(r * math.cos(-math.pi / 2 + half + 2 * half * k), r * math.sin(-math.pi / 2 + half + 2 * half * k))
            for k in range(sides)]
    zc = r * math.cos(half) if z is None else z
    return b.hull(name, [[xx, y, zc + zz] for xx in x for y, zz in ring], color)


def pen_ballpoint(b):
    r = min(b.hy, b.h / 2)
    _lying_prism(b, "barrel", (-b.hx, 0.8 * b.hx), r, 8, BLUE)
    _lying_prism(b, "tip", (0.8 * b.hx, b.hx), 0.4 * r, 8, CHROME, z=r * math.cos(math.pi / 8))


def pen_pencil(b):
    """Hexagonal pencil resting on a face."""
    r = min(b.hy, b.h / 2)
    hexagon = [(r * math.cos(k * math.pi / 3), r * math.sin(k * math.pi / 3)) for k in range(6)]  # flat faces top and bottom
    b.hull("body", [[x, y, r + z] for x in (-b.hx, 0.75 * b.hx) for y, z in hexagon], YELLOW)
    b.rod("point", (0.75 * b.hx, 0, r), (b.hx, 0, r), 0.3 * r, OAK, n=6)
    b.rod("eraser", (-b.hx, 0, r), (-0.9 * b.hx, 0, r), r, rgba("#e88a8a"), n=6)


def pen_marker(b):
    """Fat marker with a clip on its cap."""
    r = 0.75 * min(b.hy, b.h / 2)
    zc = 1.05 * r * math.cos(math.pi / 10)
    _lying_prism(b, "barrel", (-b.hx, 0.6 * b.hx), r, 10, BLACK, z=zc)
    _lying_prism(b, "cap", (0.4 * b.hx, b.hx), 1.05 * r, 10, RED)
    b.box("clip", (0.5 * b.hx, 0.9 * b.hx), (-0.002, 0.002), (2 * r, b.h), RED)


def cd_case(b):
    b.box("case", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), rgba("#a9cfd8"))


def cd_bare(b):
    r = min(b.hx, b.hy)
    b.cyl("disc", 0, 0, (0, b.h), r, rgba("#d8dbe2"), n=28)


def cd_stack(b):
    """A spindle of discs."""
    r = min(b.hx, b.hy)
    b.cyl("discs", 0, 0, (0, 0.7 * b.h), r, rgba("#d8dbe2"), n=28)
    b.cyl("spindle", 0, 0, (0.7 * b.h, b.h), 0.1 * r, GRAPHITE, n=10)


def card_bank(b):
    b.rbox("card", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), 0.0008, BLUE)


def card_in_sleeve(b):
    b.box("sleeve", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.6 * b.h), PAPER)
    b.box("card", (-0.6 * b.hx, b.hx), (-0.9 * b.hy, 0.9 * b.hy), (0.6 * b.h, b.h), GOLD)


def card_pair(b):
    """Two cards fanned."""
    b.box("lower", (-b.hx, 0.7 * b.hx), (-b.hy, 0.7 * b.hy), (0, b.h / 2), RED)
    b.box("upper", (-0.7 * b.hx, b.hx), (-0.7 * b.hy, b.hy), (b.h / 2, b.h), BLACK)


def _keys(b: Builder, ring_color, key_color, n: int, fob=None):
    r = min(b.hx, 0.25 * b.size[1])
    cy = -b.hy + r
    b.ring("ring", 0, cy, (0, 0.4 * b.h), (r, r), 0.003, ring_color, segments=10)
    for k in range(n):
        x = (k - (n - 1) / 2) * 0.012
        b.box(f"key_{k}", (x - 0.005, x + 0.005), (cy + r, b.hy), (0, b.h * (0.5 + 0.15 * k)), key_color)
    if fob:
        fob(cy)


def key_chain_pair(b):
    _keys(b, STEEL, BRASS, 2)


def key_chain_car(b):
    _keys(b, STEEL, CHROME, 1, lambda cy: b.rbox("fob", (-b.hx, b.hx), (cy + 0.01, cy + 0.05), (0, b.h), 0.004, BLACK))


def key_chain_bunch(b):
    _keys(b, BRASS, STEEL, 4)


def watch_steel(b):
    r = min(b.hx, 0.3 * b.size[1])
    b.cyl("case", 0, 0, (0.3 * b.h, b.h), r, STEEL, n=20)
    b.box("strap", (-0.6 * r, 0.6 * r), (-b.hy, b.hy), (0, 0.3 * b.h), STEEL)


def watch_leather(b):
    r = min(b.hx, 0.28 * b.size[1])
    b.cyl("case", 0, 0, (0.25 * b.h, b.h), r, GOLD, n=20)
    b.box("strap", (-0.55 * r, 0.55 * r), (-b.hy, b.hy), (0, 0.25 * b.h), rgba("#7a4a2a"))


def watch_smart(b):
    b.rbox("case", (-b.hx, b.hx), (-0.3 * b.hy, 0.3 * b.hy), (0.2 * b.h, b.h), 0.005, BLACK)
    b.box("strap", (-0.7 * b.hx, 0.7 * b.hx), (-b.hy, b.hy), (0, 0.2 * b.h), GRAPHITE)


def newspaper_folded(b):
    b.box("paper", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h), NEWSPRINT)


def newspaper_rolled(b):
    r = min(b.hx, b.h / 2)
    b.rod("roll", (0, -b.hy, r), (0, b.hy, r), r, NEWSPRINT, n=12)
    b.rod("band", (0, -0.05, r), (0, 0.05, r), 1.05 * r, RED, n=12)


def newspaper_open(b):
    """Half-open: one leaf lies flat, the other tented."""
    b.box("leaf", (-b.hx, b.hx), (-b.hy, 0), (0, 0.1 * b.h), NEWSPRINT)
    b.hull("tent", [[x, 0, 0] for x in (-b.hx, b.hx)] + [[x, b.hy, 0] for x in (-b.hx, b.hx)]
           + [[x, 0.2 * b.hy, b.h] for x in (-b.hx, b.hx)], NEWSPRINT)


def _switch(b: Builder, plate_color, rockers: int, round_plate=False):
    if round_plate:
        b.rod("plate", (-b.hx, 0, b.h / 2), (-b.hx + 0.4 * b.size[0], 0, b.h / 2), min(b.hy, b.h / 2), plate_color, n=16)
    else:
        b.box("plate", (-b.hx, -b.hx + 0.4 * b.size[0]), (-b.hy, b.hy), (0, b.h), plate_color)
    w = 2 * b.hy * 0.7 / max(rockers, 1)
    for k in range(rockers):
        y = -0.7 * b.hy + w * k
        b.box(f"rocker_{k}", (-b.hx + 0.4 * b.size[0], b.hx), (y + 0.1 * w, y + 0.9 * w), (0.3 * b.h, 0.7 * b.h), WHITE)


def light_switch_single(b):
    _switch(b, WHITE, 1)


def light_switch_triple(b):
    _switch(b, rgba("#e9e4da"), 3)


def light_switch_dimmer(b):
    _switch(b, BRASS, 1, round_plate=True)


VARIANTS = [
    Variant("cell_phone", "slab", "black smartphone", (0.15, 0.072, 0.008), phone_slab),
    Variant("cell_phone", "case", "smartphone in a red case", (0.16, 0.08, 0.014), phone_case),
    Variant("cell_phone", "flip", "folded flip phone", (0.095, 0.05, 0.018), phone_flip),
    Variant("remote_control", "tv", "black TV remote with buttons", (0.2, 0.05, 0.022), remote_tv),
    Variant("remote_control", "round_pad", "slim remote with a round pad", (0.16, 0.038, 0.015), remote_round),
    Variant("remote_control", "wedge", "white wedge-shaped remote", (0.18, 0.06, 0.03), remote_wedge),
    Variant("desktop_computer", "tower", "monitor, keyboard and tower", (0.3, 0.9, 0.55), desktop_monitor_tower),
    Variant("desktop_computer", "all_in_one", "all-in-one computer with a keyboard", (0.3, 0.6, 0.45), desktop_all_in_one),
    Variant("desktop_computer", "dual", "two monitors and a keyboard", (0.28, 1.1, 0.4), desktop_dual),
    Variant("pen", "ballpoint", "blue ballpoint pen", (0.145, 0.01, 0.01), pen_ballpoint),
    Variant("pen", "pencil", "yellow pencil", (0.19, 0.009, 0.009), pen_pencil),
    Variant("pen", "marker", "black marker with a red cap", (0.13, 0.018, 0.02), pen_marker),
    Variant("cd", "case", "CD in a clear case", (0.125, 0.142, 0.01), cd_case),
    Variant("cd", "disc", "bare disc", (0.12, 0.12, 0.002), cd_bare),
    Variant("cd", "spindle", "spindle of discs", (0.13, 0.13, 0.02), cd_stack),
    Variant("credit_card", "bank", "blue bank card", (0.054, 0.086, 0.002), card_bank),
    Variant("credit_card", "sleeve", "gold card half out of its sleeve", (0.07, 0.1, 0.004), card_in_sleeve),
    Variant("credit_card", "pair", "two fanned cards", (0.062, 0.1, 0.003), card_pair),
    Variant("key_chain", "pair", "two brass keys on a ring", (0.04, 0.1, 0.008), key_chain_pair),
    Variant("key_chain", "car", "car key with a fob", (0.04, 0.12, 0.014), key_chain_car),
    Variant("key_chain", "bunch", "bunch of four keys", (0.06, 0.09, 0.012), key_chain_bunch),
    Variant("watch", "steel", "steel watch on a bracelet", (0.045, 0.09, 0.03), watch_steel),
    Variant("watch", "leather", "gold watch on a leather strap", (0.04, 0.1, 0.025), watch_leather),
    Variant("watch", "smart", "black smartwatch", (0.05, 0.06, 0.04), watch_smart),
    Variant("newspaper", "folded", "folded newspaper", (0.2, 0.3, 0.015), newspaper_folded),
    Variant("newspaper", "rolled", "rolled newspaper with a band", (0.06, 0.3, 0.05), newspaper_rolled),
    Variant("newspaper", "open", "half-open newspaper", (0.28, 0.4, 0.05), newspaper_open),
    Variant("light_switch", "single", "white single light switch", (0.02, 0.086, 0.086), light_switch_single),
    Variant("light_switch", "triple", "three-gang switch plate", (0.025, 0.2, 0.12), light_switch_triple),
    Variant("light_switch", "dimmer", "round brass dimmer", (0.04, 0.09, 0.09), light_switch_dimmer),
]
