"""Sofas, armchairs, chairs, office chairs, stools, benches and ottomans (+X is the seat front)."""

import math

from ..builder import Builder
from ..palette import (
    BEIGE_FABRIC,
    BLACK,
    BLUE_FABRIC,
    CHROME,
    DARK_WOOD,
    GRAPHITE,
    GREEN_FABRIC,
    GREY_FABRIC,
    LEATHER,
    OAK,
    PINE,
    RED_FABRIC,
    WALNUT,
    WHITE,
)
from . import Variant


def _sofa(b: Builder, fabric, leg, arm_w, seat_h, back_depth, cushions, rounded_arms=False, leg_h=0.1):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, leg_h), 0.025, leg, inset=0.04)
    b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (leg_h, seat_h - 0.12), 0.03, fabric)
    b.rbox("back", (-b.hx, -b.hx + back_depth), (-b.hy + arm_w, b.hy - arm_w), (seat_h - 0.12, b.h), 0.06, fabric)
    arm_top = seat_h + 0.2
    for side, y in (("left", (b.hy - arm_w, b.hy)), ("right", (-b.hy, -b.hy + arm_w))):
        if rounded_arms:
            b.rbox(f"arm_{side}", (-b.hx, b.hx), y, (leg_h, arm_top), arm_w / 2, fabric)
        else:
            b.rbox(f"arm_{side}", (-b.hx, b.hx), y, (leg_h, arm_top), 0.03, fabric)
    inner = (-b.hy + arm_w, b.hy - arm_w)
    w = (inner[1] - inner[0]) / cushions
    for k in range(cushions):
        y0 = inner[0] + k * w
        b.rbox(f"seat_cushion_{k}", (-b.hx + back_depth, b.hx - 0.02), (y0 + 0.001, y0 + w - 0.001), (seat_h - 0.12, seat_h), 0.02, fabric)
    b.surface("seat", seat_h, (-b.hx + back_depth + 0.05, b.hx - 0.05), (inner[0] + 0.05, inner[1] - 0.05))


def sofa_modern(b):
    _sofa(b, GREY_FABRIC, DARK_WOOD, 0.18, 0.44, 0.22, 3)


def sofa_chesterfield(b):
    _sofa(b, LEATHER, DARK_WOOD, 0.24, 0.46, 0.25, 2, rounded_arms=True, leg_h=0.08)


def sofa_low(b):
    """Low lounge sofa with thin arms and no visible legs: a plinth base."""
    b.box("plinth", (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05), (0, 0.05), BLACK)
    b.rbox("base", (-b.hx, b.hx), (-b.hy, b.hy), (0.05, 0.3), 0.05, BEIGE_FABRIC)
    b.rbox("back", (-b.hx, -b.hx + 0.2), (-b.hy, b.hy), (0.3, b.h), 0.08, BEIGE_FABRIC)
    for side, y in (("left", (b.hy - 0.1, b.hy)), ("right", (-b.hy, -b.hy + 0.1))):
        b.rbox(f"arm_{side}", (-b.hx + 0.2, b.hx), y, (0.3, 0.52), 0.04, BEIGE_FABRIC)
    b.rbox("seat_cushion", (-b.hx + 0.2, b.hx - 0.02), (-b.hy + 0.11, b.hy - 0.11), (0.3, 0.4), 0.05, BEIGE_FABRIC)
    for k, y in enumerate((-b.hy / 2, b.hy / 2)):
        b.rbox(f"back_cushion_{k}", (-b.hx + 0.2, -b.hx + 0.38), (y - b.hy / 2 + 0.12, y + b.hy / 2 - 0.12), (0.4, b.h - 0.08), 0.06, BEIGE_FABRIC)
    b.surface("seat", 0.4, (-b.hx + 0.4, b.hx - 0.05), (-b.hy + 0.15, b.hy - 0.15))


def armchair_club(b):
    _sofa(b, LEATHER, DARK_WOOD, 0.2, 0.44, 0.2, 1, rounded_arms=True, leg_h=0.08)


def armchair_wingback(b):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.18), 0.022, WALNUT, inset=0.04)
    b.rbox("seat", (-b.hx + 0.05, b.hx), (-b.hy + 0.1, b.hy - 0.1), (0.18, 0.45), 0.04, GREEN_FABRIC)
    b.rbox("back", (-b.hx, -b.hx + 0.16), (-b.hy + 0.08, b.hy - 0.08), (0.3, b.h), 0.06, GREEN_FABRIC)
    for side, sgn in (("left", 1), ("right", -1)):
        y0 = sgn * (b.hy - 0.1)
        pts = [[-b.hx, y0, 0.18], [-b.hx, sgn * b.hy, 0.18], [b.hx, y0, 0.18], [b.hx, sgn * b.hy, 0.18],
               [b.hx, sgn * b.hy, 0.62], [b.hx, y0, 0.62], [-b.hx, sgn * b.hy, b.h - 0.05], [-b.hx, y0, b.h - 0.05],
               [-b.hx + 0.3, sgn * b.hy, b.h - 0.12], [-b.hx + 0.3, y0, b.h - 0.12]]
        b.hull(f"wing_{side}", pts, GREEN_FABRIC)
    b.surface("seat", 0.45, (-b.hx + 0.2, b.hx - 0.05), (-b.hy + 0.12, b.hy - 0.12))


def armchair_lounge(b):
    """Mid-century lounge chair: tilted wooden frame, separate seat and back cushions."""
    for side, y in (("left", b.hy - 0.04), ("right", -b.hy + 0.04)):
        b.rod(f"front_leg_{side}", (b.hx - 0.06, y, 0), (b.hx - 0.1, y, 0.55), 0.02, WALNUT)
        b.rod(f"back_leg_{side}", (-b.hx + 0.04, y, 0), (-b.hx + 0.15, y, 0.4), 0.02, WALNUT)
        b.box(f"arm_{side}", (-b.hx + 0.1, b.hx - 0.04), (y - 0.03, y + 0.03), (0.55, 0.59), WALNUT)
    b.rbox("seat", (-b.hx + 0.12, b.hx - 0.06), (-b.hy + 0.08, b.hy - 0.08), (0.3, 0.42), 0.04, BLUE_FABRIC)
    b.hull("back", [[-b.hx, -b.hy + 0.08, 0.4], [-b.hx, b.hy - 0.08, 0.4], [-b.hx + 0.13, -b.hy + 0.08, 0.4],
                    [-b.hx + 0.13, b.hy - 0.08, 0.4], [-b.hx, -b.hy + 0.08, b.h], [-b.hx, b.hy - 0.08, b.h],
                    [-b.hx + 0.1, -b.hy + 0.08, b.h], [-b.hx + 0.1, b.hy - 0.08, b.h]], BLUE_FABRIC)
    b.surface("seat", 0.42, (-b.hx + 0.2, b.hx - 0.1), (-b.hy + 0.1, b.hy - 0.1))


def chair_dining(b):
    seat = 0.46
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, seat - 0.03), 0.02, OAK, square=True, inset=0.01)
    b.box("seat", (-b.hx, b.hx), (-b.hy, b.hy), (seat - 0.03, seat), OAK)
    for side, y in (("left", b.hy - 0.03), ("right", -b.hy + 0.03)):
        b.box(f"back_post_{side}", (-b.hx, -b.hx + 0.04), (y - 0.02, y + 0.02), (seat, b.h), OAK)
    for k, z in enumerate((seat + 0.2, b.h - 0.12)):
        b.box(f"back_rail_{k}", (-b.hx, -b.hx + 0.03), (-b.hy + 0.05, b.hy - 0.05), (z, z + 0.08), OAK)
    b.surface("seat", seat, (-b.hx + 0.05, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03))


def chair_windsor(b):
    seat = 0.45
    for k, (x, y) in enumerate([(b.hx - 0.05, b.hy - 0.05), (b.hx - 0.05, -b.hy + 0.05), (-b.hx + 0.07, b.hy - 0.06), (-b.hx + 0.07, -b.hy + 0.06)]):
        b.rod(f"leg_{k}", (x + 0.02 * (1 if x > 0 else -1), y + 0.02 * (1 if y > 0 else -1), 0), (x * 0.85, y * 0.85, seat - 0.04), 0.016, WALNUT)
    b.hull("seat", [[x, y, z] for x in (-b.hx + 0.03, b.hx) for y in (-b.hy + 0.01, b.hy - 0.01) for z in (seat - 0.04, seat)], WALNUT)
    n = 6
    for k in range(n):
        y = -b.hy + 0.06 + k * (2 * b.hy - 0.12) / (n - 1)
        b.rod(f"spindle_{k}", (-b.hx + 0.06, y * 0.9, seat), (-b.hx + 0.015, y, b.h - 0.05), 0.008, WALNUT, n=6)
    b.box("crest", (-b.hx, -b.hx + 0.04), (-b.hy, b.hy), (b.h - 0.06, b.h), WALNUT)
    b.surface("seat", seat, (-b.hx + 0.08, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03))


def chair_shell(b):
    """Moulded plastic shell chair on four splayed metal legs."""
    seat = 0.44
    for k, (sx, sy) in enumerate([(1, 1), (1, -1), (-1, 1), (-1, -1)]):
        b.rod(f"leg_{k}", (sx * (b.hx - 0.03), sy * (b.hy - 0.03), 0), (sx * 0.12, sy * 0.12, seat - 0.06), 0.01, CHROME, n=6)
    b.hull("seat", [[x, y, z] for x in (-b.hx + 0.08, b.hx - 0.01) for y in (-b.hy + 0.02, b.hy - 0.02) for z in (seat - 0.06, seat)], WHITE)
    b.hull("back", [[-b.hx + 0.08, -b.hy + 0.02, seat - 0.04], [-b.hx + 0.08, b.hy - 0.02, seat - 0.04],
                    [-b.hx + 0.12, -b.hy + 0.02, seat], [-b.hx + 0.12, b.hy - 0.02, seat],
                    [-b.hx, -b.hy, b.h], [-b.hx, b.hy, b.h], [-b.hx + 0.04, -b.hy, b.h], [-b.hx + 0.04, b.hy, b.h]], WHITE)
    b.surface("seat", seat, (-b.hx + 0.12, b.hx - 0.03), (-b.hy + 0.05, b.hy - 0.05))


def _star_base(b: Builder, r, color, arms=5):
    b.cyl("hub", 0, 0, (0.06, 0.1), 0.04, color, n=12)
    for k in range(arms):
        a = 2 * math.pi * k / arms + math.pi / 2
        b.rod(f"base_arm_{k}", (0, 0, 0.08), (r * math.cos(a), r * math.sin(a), 0.07), 0.018, color, n=6)
        b.cyl(f"caster_{k}", (r - 0.01) * math.cos(a), (r - 0.01) * math.sin(a), (0, 0.06), 0.028, BLACK, n=8)


def office_mesh(b):
    _star_base(b, min(b.hx, b.hy) - 0.03, GRAPHITE)
    b.cyl("gas_lift", 0, 0, (0.1, 0.42), 0.025, CHROME, n=10)
    b.rbox("seat", (-b.hx + 0.12, b.hx - 0.05), (-b.hy + 0.08, b.hy - 0.08), (0.42, 0.5), 0.03, BLACK)
    b.hull("back", [[-b.hx + 0.1, -b.hy + 0.12, 0.55], [-b.hx + 0.1, b.hy - 0.12, 0.55], [-b.hx + 0.15, -b.hy + 0.12, 0.55],
                    [-b.hx + 0.15, b.hy - 0.12, 0.55], [-b.hx, -b.hy + 0.1, b.h], [-b.hx, b.hy - 0.1, b.h],
                    [-b.hx + 0.05, -b.hy + 0.1, b.h], [-b.hx + 0.05, b.hy - 0.1, b.h]], GRAPHITE)
    b.box("back_spine", (-b.hx + 0.12, -b.hx + 0.16), (-0.03, 0.03), (0.45, 0.6), GRAPHITE)
    for side, y in (("left", b.hy - 0.04), ("right", -b.hy + 0.04)):
        b.box(f"arm_post_{side}", (-0.05, 0.0), (y - 0.015, y + 0.015), (0.46, 0.66), GRAPHITE)
        b.box(f"arm_pad_{side}", (-0.15, 0.1), (y - 0.04, y + 0.04), (0.66, 0.69), BLACK)
    b.surface("seat", 0.5, (-b.hx + 0.2, b.hx - 0.08), (-b.hy + 0.12, b.hy - 0.12))


def office_executive(b):
    _star_base(b, min(b.hx, b.hy) - 0.03, CHROME)
    b.cyl("gas_lift", 0, 0, (0.1, 0.4), 0.028, CHROME, n=10)
    b.rbox("seat", (-b.hx + 0.1, b.hx - 0.03), (-b.hy + 0.07, b.hy - 0.07), (0.4, 0.52), 0.05, LEATHER)
    b.rbox("back", (-b.hx, -b.hx + 0.14), (-b.hy + 0.09, b.hy - 0.09), (0.5, b.h), 0.06, LEATHER)
    for side, y in (("left", b.hy - 0.05), ("right", -b.hy + 0.05)):
        b.rbox(f"arm_{side}", (-b.hx + 0.1, b.hx - 0.1), (y - 0.045, y + 0.045), (0.52, 0.68), 0.03, LEATHER)
    b.surface("seat", 0.52, (-b.hx + 0.25, b.hx - 0.05), (-b.hy + 0.12, b.hy - 0.12))


def office_task(b):
    """Armless task chair with a round seat and a small back."""
    _star_base(b, min(b.hx, b.hy) - 0.03, BLACK)
    b.cyl("gas_lift", 0, 0, (0.1, 0.45), 0.022, CHROME, n=10)
    b.cyl("seat", 0.02, 0, (0.45, 0.52), min(b.hx, b.hy) - 0.08, BLUE_FABRIC, n=20)
    b.box("back_bar", (-b.hx + 0.08, -b.hx + 0.11), (-0.02, 0.02), (0.45, b.h - 0.15), BLACK)
    b.rbox("back", (-b.hx + 0.02, -b.hx + 0.09), (-b.hy + 0.14, b.hy - 0.14), (b.h - 0.3, b.h), 0.03, BLUE_FABRIC)
    b.surface("seat", 0.52, (-0.15, 0.17), (-0.16, 0.16))


def stool_bar(b):
    b.cyl("seat", 0, 0, (b.h - 0.05, b.h), min(b.hx, b.hy), BLACK, n=20)
    b.cyl("column", 0, 0, (0.03, b.h - 0.05), 0.03, CHROME, n=10)
    b.cyl("base", 0, 0, (0, 0.03), min(b.hx, b.hy) * 0.9, CHROME, n=20)
    b.ring("footrest", 0, 0, (0.25, 0.27), (min(b.hx, b.hy) * 0.75,) * 2, 0.015, CHROME, segments=10)
    b.surface("seat", b.h, (-0.12, 0.12), (-0.12, 0.12))


def stool_wood(b):
    r = min(b.hx, b.hy)
    b.cyl("seat", 0, 0, (b.h - 0.035, b.h), r, PINE, n=20)
    b.splayed_legs("leg", 3, 0.85 * r, 0.55 * r, b.h - 0.035, 0.018, PINE)
    b.surface("seat", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def stool_square(b):
    b.box("seat", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.04, b.h), WALNUT)
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h - 0.04), 0.018, WALNUT, square=True, inset=0.015)
    for k, y in enumerate((-b.hy + 0.035, b.hy - 0.035)):
        b.box(f"rung_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.01, y + 0.01), (0.15, 0.18), WALNUT)
    b.surface("seat", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def bench_wood(b):
    b.box("top", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.04, b.h), OAK)
    for k, y in enumerate((-b.hy + 0.08, b.hy - 0.08)):
        b.box(f"slab_leg_{k}", (-b.hx + 0.03, b.hx - 0.03), (y - 0.02, y + 0.02), (0, b.h - 0.04), OAK)
    b.box("stretcher", (-0.03, 0.03), (-b.hy + 0.1, b.hy - 0.1), (0.12, 0.18), OAK)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - 0.02), (-b.hy + 0.02, b.hy - 0.02))


def bench_upholstered(b):
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h - 0.12), 0.02, DARK_WOOD, inset=0.03)
    b.rbox("cushion", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.12, b.h), 0.03, RED_FABRIC)
    b.surface("top", b.h, (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03))


def bench_back(b):
    """Garden-style bench with a slatted back rest at -X."""
    seat = 0.45
    for k, y in enumerate((-b.hy + 0.04, b.hy - 0.04)):
        b.box(f"side_{k}", (-b.hx, b.hx), (y - 0.03, y + 0.03), (0, 0.05), GRAPHITE)
        b.box(f"front_leg_{k}", (b.hx - 0.05, b.hx), (y - 0.03, y + 0.03), (0, seat), GRAPHITE)
        b.box(f"back_leg_{k}", (-b.hx, -b.hx + 0.05), (y - 0.03, y + 0.03), (0, b.h), GRAPHITE)
        b.box(f"arm_{k}", (-b.hx, b.hx), (y - 0.03, y + 0.03), (seat + 0.2, seat + 0.23), GRAPHITE)
    for k in range(4):
        x0 = -b.hx + 0.06 + k * (b.hx * 2 - 0.08) / 4
        b.box(f"seat_slat_{k}", (x0, x0 + 0.07), (-b.hy + 0.07, b.hy - 0.07), (seat - 0.03, seat), PINE)
    for k in range(3):
        z0 = seat + 0.08 + k * 0.12
        b.box(f"back_slat_{k}", (-b.hx + 0.01, -b.hx + 0.04), (-b.hy + 0.07, b.hy - 0.07), (z0, z0 + 0.08), PINE)
    b.surface("seat", seat, (-b.hx + 0.06, b.hx - 0.02), (-b.hy + 0.08, b.hy - 0.08))


def ottoman_cube(b):
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.03, b.h), 0.04, GREY_FABRIC)
    b.legs("foot", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.03), 0.02, DARK_WOOD, inset=0.03)
    b.surface("top", b.h, (-b.hx + 0.04, b.hx - 0.04), (-b.hy + 0.04, b.hy - 0.04))


def ottoman_round(b):
    r = min(b.hx, b.hy)
    b.cyl("body", 0, 0, (0, b.h - 0.04), r, BEIGE_FABRIC, n=28)
    b.cyl("top", 0, 0, (b.h - 0.04, b.h), r - 0.02, BEIGE_FABRIC, n=28)
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def ottoman_tufted(b):
    """Long tufted leather footstool on turned legs."""
    b.legs("leg", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.12), 0.025, WALNUT, inset=0.03)
    b.box("frame", (-b.hx, b.hx), (-b.hy, b.hy), (0.12, 0.2), WALNUT)
    b.rbox("cushion", (-b.hx + 0.01, b.hx - 0.01), (-b.hy + 0.01, b.hy - 0.01), (0.2, b.h), 0.05, LEATHER)
    b.surface("top", b.h, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


VARIANTS = [
    Variant("sofa", "modern", "three-seat grey fabric sofa on wooden legs", (0.92, 2.2, 0.84), sofa_modern),
    Variant("sofa", "chesterfield", "brown leather chesterfield loveseat with rolled arms", (0.95, 1.8, 0.78), sofa_chesterfield),
    Variant("sofa", "lounge", "low beige lounge sofa with loose back cushions", (1.0, 2.5, 0.72), sofa_low),
    Variant("armchair", "club", "brown leather club armchair", (0.85, 0.85, 0.8), armchair_club),
    Variant("armchair", "wingback", "green wingback armchair on wooden legs", (0.85, 0.8, 1.1), armchair_wingback),
    Variant("armchair", "lounge", "mid-century lounge chair with a walnut frame and blue cushions", (0.8, 0.72, 0.85), armchair_lounge),
    Variant("chair", "dining", "oak dining chair with a two-rail back", (0.5, 0.45, 0.9), chair_dining),
    Variant("chair", "windsor", "walnut windsor chair with a spindle back", (0.5, 0.48, 0.95), chair_windsor),
    Variant("chair", "shell", "white moulded shell chair on chrome legs", (0.55, 0.47, 0.82), chair_shell),
    Variant("office_chair", "mesh", "black mesh office chair with armrests", (0.65, 0.65, 1.1), office_mesh),
    Variant("office_chair", "executive", "leather high-back executive chair", (0.7, 0.68, 1.22), office_executive),
    Variant("office_chair", "task", "armless blue task chair", (0.58, 0.58, 0.95), office_task),
    Variant("stool", "bar", "black bar stool with a chrome column and foot ring", (0.4, 0.4, 0.75), stool_bar),
    Variant("stool", "three_leg", "round pine stool on three splayed legs", (0.36, 0.36, 0.45), stool_wood),
    Variant("stool", "square", "square walnut stool with rungs", (0.34, 0.34, 0.6), stool_square),
    Variant("bench", "slab", "oak slab-leg bench", (0.38, 1.2, 0.45), bench_wood),
    Variant("bench", "upholstered", "upholstered red bench on wooden legs", (0.42, 1.3, 0.48), bench_upholstered),
    Variant("bench", "garden", "slatted bench with a backrest and armrests", (0.6, 1.4, 0.85), bench_back),
    Variant("ottoman", "cube", "grey fabric cube ottoman", (0.5, 0.5, 0.42), ottoman_cube),
    Variant("ottoman", "round", "round beige pouf", (0.55, 0.55, 0.4), ottoman_round),
    Variant("ottoman", "tufted", "long tufted leather footstool", (0.55, 0.9, 0.42), ottoman_tufted),
]
