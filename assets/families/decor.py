"""Plants, rugs, pictures, mirrors, vases, pianos and bins."""

import math

import numpy as np

from ..builder import GAP, Builder
from ..palette import (
    BLACK,
    BRASS,
    CERAMIC,
    DARK_WOOD,
    GLASS,
    GRAPHITE,
    LEAF,
    LEAF_DARK,
    OAK,
    PAPER,
    RUG_BEIGE,
    RUG_BLUE,
    RUG_RED,
    SOIL,
    STEEL,
    TERRACOTTA,
    WHITE,
    rgba,
)
from . import Variant

CANVAS_A = rgba("#6e8fa8")
CANVAS_B = rgba("#c9855a")
CANVAS_C = rgba("#7f9a6c")


def _pot(b: Builder, r_bottom, r_top, h, color):
    b.cyl("pot", 0, 0, (0, h - 0.02), r_bottom, color, n=20, r_top=r_top)
    b.cyl("soil", 0, 0, (h - 0.02, h), r_top - 0.01, SOIL, n=20)


def plant_tree(b):
    """Tall potted indoor tree: trunk and a few leaf clusters."""
    r = min(b.hx, b.hy)
    pot_h = 0.3 * min(1.0, b.h / 1.2)
    _pot(b, 0.5 * r, 0.6 * r, pot_h, TERRACOTTA)
    b.cyl("trunk", 0, 0, (pot_h, b.h * 0.7), 0.02, DARK_WOOD, n=8)
    rng = np.random.default_rng(7)
    for k in range(6):
        a = 2 * math.pi * k / 6 + rng.uniform(-0.3, 0.3)
        z = pot_h + (b.h - pot_h) * (0.45 + 0.1 * (k % 3))
        rr = r * 0.45
        c = (0.5 * r * math.cos(a), 0.5 * r * math.sin(a), min(z, b.h - rr * 0.8))
        b.ellipsoid(f"leaves_{k}", c, (rr, rr, rr * 0.8), LEAF if k % 2 else LEAF_DARK, subdivisions=1)
    b.ellipsoid("crown", (0, 0, b.h - 0.6 * r * 0.8), (0.55 * r, 0.55 * r, 0.6 * r * 0.8), LEAF, subdivisions=1)


def plant_succulent(b):
    r = min(b.hx, b.hy)
    pot_h = 0.45 * b.h
    _pot(b, 0.7 * r, 0.85 * r, pot_h, CERAMIC)
    for k in range(7):
        a = 2 * math.pi * k / 7
        tip = (0.8 * r * math.cos(a), 0.8 * r * math.sin(a), pot_h + 0.35 * (b.h - pot_h))
        b.hull(f"leaf_{k}", [[0.1 * r * math.cos(a + d), 0.1 * r * math.sin(a + d), pot_h] for d in (-0.4, 0.4)] +
               [list(tip), [0.1 * r * math.cos(a), 0.1 * r * math.sin(a), pot_h + 0.02]], LEAF)
    for k in range(4):
        a = 2 * math.pi * k / 4 + 0.4
        b.hull(f"inner_leaf_{k}", [[0.05 * r * math.cos(a + d), 0.05 * r * math.sin(a + d), pot_h] for d in (-0.5, 0.5)] +
               [[0.4 * r * math.cos(a), 0.4 * r * math.sin(a), b.h], [0, 0, pot_h + 0.02]], LEAF_DARK)


def plant_bush(b):
    """Leafy fern in a woven basket planter."""
    r = min(b.hx, b.hy)
    pot_h = 0.4 * b.h
    _pot(b, 0.55 * r, 0.6 * r, pot_h, rgba("#b58b52"))
    for k in range(8):
        a = 2 * math.pi * k / 8
        b.hull(f"frond_{k}", [[0, 0, pot_h], [0.05 * math.cos(a + 1.5), 0.05 * math.sin(a + 1.5), pot_h],
                              [r * math.cos(a), r * math.sin(a), pot_h + 0.55 * (b.h - pot_h)],
                              [0.5 * r * math.cos(a), 0.5 * r * math.sin(a), b.h]], LEAF if k % 2 else LEAF_DARK)


def rug_rect(b):
    b.box("rug", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h * 0.6), RUG_RED)
    b.box("border", (-b.hx + 0.08, b.hx - 0.08), (-b.hy + 0.08, b.hy - 0.08), (b.h * 0.6, b.h), RUG_BEIGE)
    b.surface("top", b.h, (-b.hx, b.hx), (-b.hy, b.hy))


def rug_round(b):
    r = min(b.hx, b.hy)
    b.cyl("rug", 0, 0, (0, b.h * 0.6), r, RUG_BLUE, n=40)
    b.cyl("medallion", 0, 0, (b.h * 0.6, b.h), 0.6 * r, RUG_BEIGE, n=32)
    b.surface("top", b.h, (-0.7 * r, 0.7 * r), (-0.7 * r, 0.7 * r))


def rug_runner(b):
    b.box("rug", (-b.hx, b.hx), (-b.hy, b.hy), (0, b.h * 0.6), RUG_BEIGE)
    n = 5
    for k in range(n):
        y0 = -b.hy + (k + 0.5) * 2 * b.hy / n - 0.06
        b.box(f"stripe_{k}", (-b.hx + 0.05, b.hx - 0.05), (y0, y0 + 0.12), (b.h * 0.6, b.h), RUG_BLUE)
    b.surface("top", b.h, (-b.hx, b.hx), (-b.hy, b.hy))


def _frame(b: Builder, y, z, depth, frame_w, frame_color, canvas_color, name="frame"):
    """A picture frame in the Y-Z plane hanging on the wall at -X; canvas faces +X."""
    x = (-b.hx, -b.hx + depth)
    b.box(f"{name}_top", x, y, (z[1] - frame_w, z[1]), frame_color)
    b.box(f"{name}_bottom", x, y, (z[0], z[0] + frame_w), frame_color)
    b.box(f"{name}_left", x, (y[1] - frame_w, y[1]), (z[0] + frame_w, z[1] - frame_w), frame_color)
    b.box(f"{name}_right", x, (y[0], y[0] + frame_w), (z[0] + frame_w, z[1] - frame_w), frame_color)
    b.box(f"{name}_canvas", (-b.hx, -b.hx + depth * 0.6), (y[0] + frame_w, y[1] - frame_w), (z[0] + frame_w, z[1] - frame_w), canvas_color)


def painting_landscape(b):
    _frame(b, (-b.hy, b.hy), (0, b.h), 2 * b.hx, 0.05, OAK, CANVAS_A)
    b.box("horizon", (-b.hx, -b.hx + 2 * b.hx * 0.65), (-b.hy + 0.05, b.hy - 0.05), (0.05, b.h * 0.4), CANVAS_C)


def painting_canvas(b):
    """Unframed stretched canvas with colour blocks."""
    b.box("canvas", (-b.hx, b.hx - 0.004), (-b.hy, b.hy), (0, b.h), PAPER)
    b.box("block_a", (b.hx - 0.004, b.hx), (-b.hy + 0.05, 0.0), (0.05, b.h - 0.05), CANVAS_B)
    b.box("block_b", (b.hx - 0.004, b.hx), (0.03, b.hy - 0.05), (0.05, b.h * 0.5), CANVAS_A)


def painting_triptych(b):
    gap = 0.04
    w = (2 * b.hy - 2 * gap) / 3
    for k, color in enumerate((CANVAS_A, CANVAS_B, CANVAS_C)):
        y0 = -b.hy + k * (w + gap)
        _frame(b, (y0, y0 + w), (0, b.h), 2 * b.hx, 0.02, BLACK, color, name=f"panel_{k}")


def mirror_rect(b):
    _frame(b, (-b.hy, b.hy), (0, b.h), 2 * b.hx, 0.05, BRASS, GLASS)


def mirror_round(b):
    r = min(b.hy, b.h / 2)
    b.rod("frame", (-b.hx, 0, r), (-b.hx + 2 * b.hx * 0.7, 0, r), r, BLACK, n=32)
    b.rod("glass", (-b.hx + 2 * b.hx * 0.7, 0, r), (b.hx, 0, r), r - 0.03, GLASS, n=32)


def mirror_arched(b):
    """Tall arched mirror: rectangle with a half-disc top."""
    r = b.hy
    body = b.h - r
    b.box("frame_rect", (-b.hx, -b.hx + 2 * b.hx * 0.6), (-b.hy, b.hy), (0, body), OAK)
    b.box("glass_rect", (-b.hx + 2 * b.hx * 0.6, b.hx), (-b.hy + 0.04, b.hy - 0.04), (0.04, body), GLASS)
    t = np.linspace(0, math.pi, 17)
    arc = [[x, r * math.cos(a), body + r * math.sin(a)] for a in t for x in (-b.hx, -b.hx + 2 * b.hx * 0.6)]
    b.hull("frame_arch", arc, OAK)
    arc_g = [[x, (r - 0.04) * math.cos(a), body + (r - 0.04) * math.sin(a)] for a in t for x in (-b.hx + 2 * b.hx * 0.6, b.hx)]
    b.hull("glass_arch", arc_g, GLASS)


def vase_cylinder(b):
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.01), r, GLASS, n=20)
    b.ring("wall", 0, 0, (0.01, b.h), (r, r), 0.006, GLASS, segments=14)


def vase_belly(b):
    r = min(b.hx, b.hy)
    profile = [(0.0, 0.55), (0.15, 0.85), (0.4, 1.0), (0.65, 0.8), (0.8, 0.4), (0.9, 0.35), (1.0, 0.5)]
    for k in range(len(profile) - 1):
        (z0, r0), (z1, r1) = profile[k], profile[k + 1]
        b.cyl(f"section_{k}", 0, 0, (z0 * b.h, z1 * b.h), r0 * r, TERRACOTTA if k % 2 else rgba("#a85a36"), n=20, r_top=r1 * r)


def vase_flared(b):
    r = min(b.hx, b.hy)
    b.cyl("foot", 0, 0, (0, 0.02), 0.5 * r, CERAMIC, n=20)
    b.cyl("stem", 0, 0, (0.02, 0.5 * b.h), 0.45 * r, CERAMIC, n=20, r_top=0.3 * r)
    b.ring("flare", 0, 0, (0.5 * b.h, b.h), (0.3 * r, r), 0.01, CERAMIC, segments=16)
    for k in range(3):
        a = 2 * math.pi * k / 3
        b.rod(f"stem_flower_{k}", (0, 0, 0.5 * b.h), (0.15 * r * math.cos(a), 0.15 * r * math.sin(a), b.h * 0.98), 0.004, LEAF, n=6)


def _fallboard(b, x0: float, x1: float, y, z: float) -> None:
    """The key cover, closed over the keys (top at ``z``); it lifts about its back edge."""
    t = 0.015
    board = b.box("fallboard", (x0, x1), y, (z + GAP, z + GAP + t), BLACK)
    b.back_hinge("fallboard", board, x0, 0, z + GAP + t, limit=1.57)


def piano_upright(b):
    """Upright piano: keyboard towards +X."""
    kb = 0.15
    b.box("case", (-b.hx, b.hx - kb - 0.1), (-b.hy, b.hy), (0.05, b.h), BLACK)
    b.box("plinth", (-b.hx, b.hx - kb), (-b.hy, b.hy), (0, 0.05), BLACK)
    for k, y in enumerate((-b.hy + 0.03, b.hy - 0.03)):
        b.box(f"cheek_{k}", (-b.hx, b.hx), (y - 0.03, y + 0.03), (0.6, 0.78), BLACK)
        b.box(f"leg_{k}", (b.hx - 0.08, b.hx - 0.02), (y - 0.03, y + 0.03), (0.05, 0.6), BLACK)
    b.box("keybed", (b.hx - kb - 0.1, b.hx - 0.02), (-b.hy + 0.06, b.hy - 0.06), (0.6, 0.7), BLACK)
    b.box("white_keys", (b.hx - kb - 0.02, b.hx - 0.02), (-b.hy + 0.06, b.hy - 0.06), (0.7, 0.72), WHITE)
    _fallboard(b, b.hx - kb - 0.09, b.hx - 0.02, (-b.hy + 0.06 + GAP, b.hy - 0.06 - GAP), 0.72)
    b.surface("top", b.h, (-b.hx + 0.02, b.hx - kb - 0.12), (-b.hy + 0.03, b.hy - 0.03))


def piano_grand(b):
    """Baby grand: curved case towards -X from the keyboard at +X."""
    kb = 0.22
    top = b.h
    body_pts = []
    for t in np.linspace(0, 1, 12):
        body_pts.append([b.hx - kb - t * (2 * b.hx - kb), b.hy - 0.0 - 0.55 * (2 * b.hy) * t ** 1.5, 0])
    body_pts += [[b.hx - kb, -b.hy, 0], [-b.hx, -b.hy, 0], [-b.hx + 0.2, -b.hy, 0]]
    poly = np.array(body_pts)
    b.hull("case", np.vstack([poly + [0, 0, 0.62], poly + [0, 0, 0.95]]), BLACK)
    b.hull("lid", np.vstack([poly + [0, 0, 0.95], poly + [0, 0, 0.97]]), BLACK)
    b.rod("prop", (b.hx - kb - 0.05, -b.hy + 0.1, 0.97), (b.hx - kb - 0.3, -b.hy + 0.1, top - 0.01), 0.01, BLACK)
    for k, (x, y) in enumerate([(b.hx - kb + 0.05, b.hy - 0.08), (b.hx - kb + 0.05, -b.hy + 0.08), (-b.hx + 0.25, -b.hy + 0.12)]):
        b.box(f"leg_{k}", (x - 0.04, x + 0.04), (y - 0.04, y + 0.04), (0, 0.62), BLACK)
    b.box("keybed", (b.hx - kb, b.hx), (-b.hy, b.hy), (0.62, 0.72), BLACK)
    b.box("white_keys", (b.hx - kb + 0.05, b.hx - 0.02), (-b.hy + 0.05, b.hy - 0.05), (0.72, 0.74), WHITE)
    _fallboard(b, b.hx - kb + 0.03, b.hx - 0.01, (-b.hy + 0.04, b.hy - 0.04), 0.74)


def piano_digital(b):
    """Digital piano on a slim stand with side panels."""
    b.box("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.68, 0.82), GRAPHITE)
    b.box("white_keys", (b.hx - 0.16, b.hx - 0.01), (-b.hy + 0.06, b.hy - 0.06), (0.82, 0.84), WHITE)
    _fallboard(b, b.hx - 0.17, b.hx - 0.005, (-b.hy + 0.05, b.hy - 0.05), 0.84)
    b.box("music_rest", (-b.hx, -b.hx + 0.03), (-b.hy + 0.2, b.hy - 0.2), (0.84, b.h), GRAPHITE)
    for k, y in enumerate((-b.hy + 0.02, b.hy - 0.02)):
        b.box(f"side_{k}", (-b.hx + 0.02, b.hx - 0.05), (y - 0.02, y + 0.02), (0, 0.68), GRAPHITE)
    b.box("back_panel", (-b.hx + 0.02, -b.hx + 0.04), (-b.hy + 0.04, b.hy - 0.04), (0.15, 0.68), GRAPHITE)
    b.box("pedals", (0.0, 0.12), (-0.1, 0.1), (0.02, 0.06), BRASS)


def bin_pedal(b):
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.015), r, STEEL, n=20)
    b.ring("body", 0, 0, (0.015, b.h - 0.03), (r, r), 0.008, STEEL, segments=16)
    lid = b.cyl("lid", 0, 0, (b.h - 0.03 + GAP, b.h), r * 0.98, STEEL, n=20, r_top=r * 0.9)
    b.back_hinge("lid", lid, -r * 0.98, 0, b.h, limit=1.5)
    b.surface("inside", 0.015, (-0.6 * r, 0.6 * r), (-0.6 * r, 0.6 * r))
    b.box("pedal", (r - 0.01, r + 0.0), (-0.04, 0.04), (0.02, 0.05), BLACK)


def bin_wire(b):
    r = min(b.hx, b.hy)
    b.cyl("bottom", 0, 0, (0, 0.01), 0.85 * r, BLACK, n=20)
    b.ring("mesh", 0, 0, (0.01, b.h), (0.85 * r, r), 0.004, GRAPHITE, segments=16)
    b.surface("inside", 0.01, (-0.55 * r, 0.55 * r), (-0.55 * r, 0.55 * r))


def bin_recycling(b):
    """Two-compartment square recycling bin with flip lids."""
    for k, (y0, y1) in enumerate(((-b.hy, -0.005), (0.005, b.hy))):
        b.tray(f"bin_{k}", (-b.hx, b.hx), (y0, y1), (0, b.h - 0.04), 0.012, rgba("#3a6ea5"), bottom=0.02)
        b.surface(f"bin_{k}", 0.02, (-b.hx + 0.03, b.hx - 0.03), (y0 + 0.03, y1 - 0.03))
        lid = b.box(f"lid_{k}", (-b.hx, b.hx), (y0, y1), (b.h - 0.04 + GAP, b.h), rgba("#2b8a3e") if k else rgba("#e0b000"))
        b.back_hinge(f"lid_{k}", lid, -b.hx, (y0 + y1) / 2, b.h, limit=1.8)


VARIANTS = [
    Variant("plant", "tree", "potted indoor tree in a terracotta pot", (0.6, 0.6, 1.4), plant_tree),
    Variant("plant", "succulent", "small succulent in a white pot", (0.18, 0.18, 0.22), plant_succulent),
    Variant("plant", "fern", "leafy fern in a basket planter", (0.5, 0.5, 0.6), plant_bush),
    Variant("rug", "rectangular", "red rectangular rug with a beige field", (1.6, 2.3, 0.012), rug_rect),
    Variant("rug", "round", "round blue rug with a medallion", (1.6, 1.6, 0.012), rug_round),
    Variant("rug", "runner", "striped hallway runner", (0.7, 2.4, 0.01), rug_runner),
    Variant("painting", "landscape", "oak-framed landscape painting", (0.04, 1.0, 0.7), painting_landscape),
    Variant("painting", "canvas", "unframed abstract canvas", (0.03, 0.6, 0.8), painting_canvas),
    Variant("painting", "triptych", "three black-framed panels", (0.03, 1.4, 0.6), painting_triptych),
    Variant("mirror", "rectangular", "brass-framed rectangular mirror", (0.03, 0.7, 0.9), mirror_rect),
    Variant("mirror", "round", "round black-framed mirror", (0.03, 0.7, 0.7), mirror_round),
    Variant("mirror", "arched", "tall arched oak mirror", (0.04, 0.6, 1.6), mirror_arched),
    Variant("vase", "cylinder", "clear glass cylinder vase", (0.12, 0.12, 0.3), vase_cylinder),
    Variant("vase", "belly", "round terracotta vase", (0.22, 0.22, 0.35), vase_belly),
    Variant("vase", "flared", "white flared vase with stems", (0.16, 0.16, 0.32), vase_flared),
    Variant("piano", "upright", "black upright piano", (0.6, 1.5, 1.25), piano_upright),
    Variant("piano", "grand", "black baby grand piano", (1.6, 1.5, 1.2), piano_grand),
    Variant("piano", "digital", "graphite digital piano on a stand", (0.45, 1.4, 0.95), piano_digital),
    Variant("trash_can", "pedal", "steel pedal bin", (0.3, 0.3, 0.6), bin_pedal),
    Variant("trash_can", "wire", "black wire waste basket", (0.28, 0.28, 0.32), bin_wire),
    Variant("trash_can", "recycling", "two-compartment recycling bin", (0.35, 0.5, 0.7), bin_recycling),
]
