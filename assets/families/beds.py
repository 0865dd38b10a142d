"""Beds, bunk beds and cribs (+X is the foot end; the headboard is at -X)."""

from ..builder import Builder
from ..palette import BLANKET, DARK_WOOD, GREY_FABRIC, LINEN, MATTRESS, OAK, PINE, WALNUT, WHITE
from . import Variant


def _mattress(b: Builder, x, y, z0, z1, blanket=True):
    b.rbox("mattress", x, y, (z0, z1), 0.04, MATTRESS)
    if blanket:
        b.rbox("blanket", (x[0] + 0.45 * (x[1] - x[0]), x[1] + 0.01), (y[0] - 0.01, y[1] + 0.01), (z1 - 0.03, z1 + 0.02), 0.01, BLANKET)


def bed_platform(b: Builder):
    top = 0.5
    b.box("platform", (-b.hx + 0.06, b.hx), (-b.hy, b.hy), (0.06, 0.28), WALNUT)
    b.box("plinth", (-b.hx + 0.2, b.hx - 0.15), (-b.hy + 0.15, b.hy - 0.15), (0.0, 0.06), DARK_WOOD)
    _mattress(b, (-b.hx + 0.08, b.hx - 0.02), (-b.hy + 0.03, b.hy - 0.03), 0.28, top - 0.02)
    b.box("headboard", (-b.hx, -b.hx + 0.06), (-b.hy, b.hy), (0.06, b.h), WALNUT)
    b.surface("mattress", top, (-b.hx + 0.1, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


def bed_divan(b: Builder):
    """Divan: an upholstered base under the mattress and no headboard, so its box ends at the
    bedding (many AI2-THOR beds are this shape: the pillows lie at the top of the box)."""
    b.box("plinth", (-b.hx + 0.08, b.hx - 0.08), (-b.hy + 0.08, b.hy - 0.08), (0.0, 0.04), DARK_WOOD)
    base = 0.55 * b.h
    b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (0.04, base), 0.02, GREY_FABRIC)
    _mattress(b, (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01), base, b.h - 0.02)
    b.surface("mattress", b.h, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))  # on the blanket


def bed_posts(b: Builder):
    top = 0.58
    r = 0.045
    for i, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (b.hx - r, -b.hy + r), (b.hx - r, b.hy - r)]):
        b.box(f"post_{i}", (x - r, x + r), (y - r, y + r), (0, b.h if x < 0 else 0.9 * b.h), OAK)
    b.box("rail_left", (-b.hx + 2 * r, b.hx - 2 * r), (b.hy - 0.06, b.hy - 0.02), (0.22, 0.36), OAK)
    b.box("rail_right", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 0.02, -b.hy + 0.06), (0.22, 0.36), OAK)
    b.box("slats", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 0.06, b.hy - 0.06), (0.3, 0.34), PINE)
    b.box("head_panel", (-b.hx + 0.01, -b.hx + 0.05), (-b.hy + 2 * r, b.hy - 2 * r), (0.36, 0.75 * b.h), OAK)
    b.box("foot_panel", (b.hx - 0.05, b.hx - 0.01), (-b.hy + 2 * r, b.hy - 2 * r), (0.36, 0.62), OAK)
    b.box("canopy_left", (-b.hx, b.hx), (b.hy - 2 * r, b.hy), (b.h - 0.05, b.h), OAK)
    b.box("canopy_right", (-b.hx, b.hx), (-b.hy, -b.hy + 2 * r), (b.h - 0.05, b.h), OAK)
    _mattress(b, (-b.hx + 0.06, b.hx - 0.06), (-b.hy + 0.07, b.hy - 0.07), 0.34, top)
    b.surface("mattress", top + 0.02, (-b.hx + 0.1, b.hx - 0.1), (-b.hy + 0.1, b.hy - 0.1))


def bed_upholstered(b: Builder):
    top = 0.55
    b.rbox("base", (-b.hx + 0.12, b.hx), (-b.hy, b.hy), (0.08, 0.32), 0.04, GREY_FABRIC)
    b.legs("foot", (-b.hx + 0.12, b.hx), (-b.hy, b.hy), (0.0, 0.08), 0.03, DARK_WOOD, inset=0.05)
    _mattress(b, (-b.hx + 0.13, b.hx - 0.02), (-b.hy + 0.03, b.hy - 0.03), 0.32, top - 0.02)
    b.rbox("headboard", (-b.hx, -b.hx + 0.12), (-b.hy, b.hy), (0.08, b.h), 0.05, GREY_FABRIC)
    b.surface("mattress", top, (-b.hx + 0.15, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


def bunk_ladder(b: Builder, x_side: float):
    r = 0.045
    for i, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (b.hx - r, -b.hy + r), (b.hx - r, b.hy - r)]):
        b.box(f"post_{i}", (x - r, x + r), (y - r, y + r), (0, b.h), PINE)
    for level, z in (("lower", 0.25), ("upper", b.h - 0.55)):
        b.box(f"{level}_frame", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 0.01, b.hy - 0.01), (z, z + 0.1), PINE)
        b.rbox(f"{level}_mattress", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 0.03, b.hy - 0.03), (z + 0.1, z + 0.26), 0.03, MATTRESS)
        b.surface(f"{level}_mattress", z + 0.26, (-b.hx + 0.15, b.hx - 0.15), (-b.hy + 0.05, b.hy - 0.05))
    b.box("guard_rail", (-b.hx + 2 * r, b.hx - 2 * r), (b.hy - 0.04, b.hy), (b.h - 0.3, b.h - 0.22), PINE)
    b.box("guard_rail_front", (-b.hx + 2 * r, x_side), (-b.hy, -b.hy + 0.04), (b.h - 0.3, b.h - 0.22), PINE)


def bunk_classic(b: Builder):
    bunk_ladder(b, b.hx - 0.6)
    y = -b.hy - 0.0
    for k in range(5):
        z = 0.3 + k * (b.h - 0.6) / 4
        b.box(f"rung_{k}", (b.hx - 0.5, b.hx - 0.12), (y, y + 0.04), (z, z + 0.03), PINE)
    b.box("ladder_rail_a", (b.hx - 0.55, b.hx - 0.5), (y, y + 0.04), (0.0, b.h - 0.2), PINE)


def bunk_white(b: Builder):
    r = 0.04
    for i, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (b.hx - r, -b.hy + r), (b.hx - r, b.hy - r)]):
        b.box(f"post_{i}", (x - r, x + r), (y - r, y + r), (0, b.h), WHITE)
    for level, z in (("lower", 0.2), ("upper", b.h - 0.6)):
        b.box(f"{level}_frame", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy, b.hy), (z, z + 0.12), WHITE)
        b.rbox(f"{level}_mattress", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 0.03, b.hy - 0.03), (z + 0.12, z + 0.28), 0.03, MATTRESS)
        b.surface(f"{level}_mattress", z + 0.28, (-b.hx + 0.15, b.hx - 0.15), (-b.hy + 0.05, b.hy - 0.05))
    b.box("head_panel", (-b.hx, -b.hx + 0.03), (-b.hy + 2 * r, b.hy - 2 * r), (0.2, b.h - 0.1), WHITE)
    b.box("foot_panel", (b.hx - 0.03, b.hx), (-b.hy + 2 * r, b.hy - 2 * r), (0.2, b.h - 0.1), WHITE)
    b.box("guard", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy, -b.hy + 0.03), (b.h - 0.32, b.h - 0.15), WHITE)


def bunk_stairs(b: Builder):
    """Bunk with a storage staircase at the foot end instead of a ladder."""
    stair = 0.45
    r = 0.04
    x1 = b.hx - stair
    for i, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (x1 - r, -b.hy + r), (x1 - r, b.hy - r)]):
        b.box(f"post_{i}", (x - r, x + r), (y - r, y + r), (0, b.h), OAK)
    for level, z in (("lower", 0.2), ("upper", b.h - 0.55)):
        b.box(f"{level}_frame", (-b.hx + 2 * r, x1 - 2 * r), (-b.hy, b.hy), (z, z + 0.1), OAK)
        b.rbox(f"{level}_mattress", (-b.hx + 2 * r, x1 - 2 * r), (-b.hy + 0.03, b.hy - 0.03), (z + 0.1, z + 0.25), 0.03, MATTRESS)
        b.surface(f"{level}_mattress", z + 0.25, (-b.hx + 0.15, x1 - 0.15), (-b.hy + 0.05, b.hy - 0.05))
    steps = 4
    for k in range(steps):
        zt = (k + 1) * (b.h - 0.3) / steps
        b.box(f"step_{k}", (x1, b.hx), (-b.hy + k * (2 * b.hy / steps), -b.hy + (k + 1) * (2 * b.hy / steps)), (0, zt), WHITE)
    b.box("guard", (-b.hx + 2 * r, x1 - 2 * r), (b.hy - 0.03, b.hy), (b.h - 0.3, b.h - 0.22), OAK)


def crib_slats(b: Builder, color, high_back: bool):
    r = 0.025
    for i, (x, y) in enumerate([(-b.hx + r, -b.hy + r), (-b.hx + r, b.hy - r), (b.hx - r, -b.hy + r), (b.hx - r, b.hy - r)]):
        b.box(f"post_{i}", (x - r, x + r), (y - r, y + r), (0, b.h), color)
    b.box("base", (-b.hx + r, b.hx - r), (-b.hy + r, b.hy - r), (0.28, 0.32), color)
    b.rbox("mattress", (-b.hx + 2 * r, b.hx - 2 * r), (-b.hy + 2 * r, b.hy - 2 * r), (0.32, 0.42), 0.02, LINEN)
    b.surface("mattress", 0.42, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))
    for side, x0 in (("back", -b.hx), ("front", b.hx - 0.03)):
        top = b.h if (side == "back" or not high_back) else b.h * 0.8
        b.box(f"{side}_rail", (x0, x0 + 0.03), (-b.hy + 2 * r, b.hy - 2 * r), (top - 0.05, top), color)
        n = int((2 * b.hy) / 0.09)
        for k in range(1, n):
            yy = -b.hy + k * (2 * b.hy / n)
            b.box(f"{side}_slat_{k}", (x0 + 0.005, x0 + 0.025), (yy - 0.012, yy + 0.012), (0.32, top - 0.05), color)
    for side, y0 in (("left", b.hy - 0.03), ("right", -b.hy)):
        b.box(f"{side}_panel", (-b.hx + 2 * r, b.hx - 2 * r), (y0, y0 + 0.03), (0.32, b.h - 0.02), color)


def crib_white(b: Builder):
    crib_slats(b, WHITE, False)


def crib_wood(b: Builder):
    crib_slats(b, PINE, True)


def crib_round(b: Builder):
    """Oval crib: a ring of slats on a round-ended base."""
    b.cyl("base", 0, 0, (0.25, 0.3), min(b.hx, b.hy), OAK, n=24)
    b.rbox("mattress", (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.1, b.hy - 0.1), (0.3, 0.4), 0.03, LINEN)
    b.surface("mattress", 0.4, (-b.hx + 0.1, b.hx - 0.1), (-b.hy + 0.15, b.hy - 0.15))
    b.ring("rim", 0, 0, (b.h - 0.04, b.h), (min(b.hx, b.hy), min(b.hx, b.hy)), 0.03, OAK, segments=16)
    import math
    rr = min(b.hx, b.hy) - 0.015
    for k in range(20):
        a = 2 * math.pi * k / 20
        b.cyl(f"slat_{k}", rr * math.cos(a), rr * math.sin(a), (0.3, b.h - 0.04), 0.012, OAK, n=6)
    for k, (x, y) in enumerate([(0.7 * rr, 0.7 * rr), (0.7 * rr, -0.7 * rr), (-0.7 * rr, 0.7 * rr), (-0.7 * rr, -0.7 * rr)]):
        b.cyl(f"leg_{k}", x, y, (0, 0.25), 0.025, OAK, n=8)


VARIANTS = [
    Variant("bed", "platform", "low walnut platform bed with a slim headboard, queen", (2.1, 1.65, 0.9), bed_platform),
    Variant("bed", "divan", "divan bed without a headboard, double", (2.05, 1.5, 0.62), bed_divan),
    Variant("bed", "posts", "oak four-poster bed with a canopy frame, queen", (2.15, 1.7, 2.0), bed_posts),
    Variant("bed", "upholstered", "bed with a tall grey upholstered headboard, king", (2.2, 1.95, 1.25), bed_upholstered),
    Variant("bunk_bed", "ladder", "pine bunk bed with a side ladder", (2.05, 1.0, 1.65), bunk_classic),
    Variant("bunk_bed", "panel", "white bunk bed with solid end panels", (2.05, 1.0, 1.75), bunk_white),
    Variant("bunk_bed", "stairs", "oak bunk bed with a storage staircase", (2.5, 1.0, 1.7), bunk_stairs),
    Variant("crib", "white", "white slatted baby crib", (0.75, 1.3, 0.95), crib_white),
    Variant("crib", "wood", "pine crib with a lower front rail", (0.75, 1.3, 1.0), crib_wood),
    Variant("crib", "round", "round oak crib on four legs", (0.85, 0.85, 0.95), crib_round),
]
