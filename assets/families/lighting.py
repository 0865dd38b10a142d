"""Floor, table and ceiling lamps (+X faces the viewer; shades are symmetric)."""

import math

from ..palette import (
    BLACK,
    BRASS,
    BULB,
    CERAMIC,
    CHROME,
    GLASS,
    GRAPHITE,
    LAMPSHADE,
    OAK,
    TERRACOTTA,
    WHITE,
)
from . import Variant


def floor_drum(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.03), 0.7 * r, BLACK, n=20)
    b.cyl("pole", 0, 0, (0.03, b.h - 0.32), 0.012, BLACK, n=8)
    b.ring("shade", 0, 0, (b.h - 0.35, b.h), (r, r), 0.01, LAMPSHADE, segments=16)
    b.ellipsoid("bulb", (0, 0, b.h - 0.25), (0.04, 0.04, 0.05), BULB, subdivisions=1)


def floor_arc(b):
    """Arc lamp: weighted base at -X, arching pole, dome shade hanging at +X."""
    r_base = min(0.2, b.hy)
    base_x = -b.hx + r_base
    b.cyl("base", base_x, 0, (0, 0.08), r_base, CHROME, n=16)
    pts = [(base_x, 0.08)]
    n = 8
    shade_x = b.hx - 0.2
    for k in range(1, n + 1):
        t = k / n
        x = base_x + (shade_x - base_x) * (1 - math.cos(t * math.pi / 2))
        z = 0.08 + (b.h - 0.13) * math.sin(t * math.pi / 2 + 0.35 * t)
        pts.append((x, min(z, b.h - 0.01)))
    for k in range(n):
        b.rod(f"arc_{k}", (pts[k][0], 0, pts[k][1]), (pts[k + 1][0], 0, pts[k + 1][1]), 0.012, CHROME, n=8)
    z_top = pts[-1][1]
    b.ring("shade", shade_x, 0, (z_top - 0.25, z_top), (0.2, 0.05), 0.004, CHROME, segments=12)  # hollow: light


def floor_tripod(b):
    r = min(b.hx, b.hy)
    top = b.h - 0.35
    b.splayed_legs("leg", 3, 0.85 * r, 0.02, top, 0.012, OAK)
    b.cyl("shade", 0, 0, (top, b.h), 0.7 * r, WHITE, n=20, r_top=0.55 * r)


def table_classic(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.02), 0.45 * r, BRASS, n=16)
    b.ellipsoid("body", (0, 0, 0.02 + 0.2 * b.h), (0.45 * r, 0.45 * r, 0.2 * b.h), CERAMIC)
    b.cyl("neck", 0, 0, (0.4 * b.h, b.h * 0.55), 0.01, BRASS, n=8)
    b.cyl("shade", 0, 0, (b.h * 0.55, b.h), r, LAMPSHADE, n=20, r_top=0.7 * r)


def table_desk(b):
    """Adjustable desk lamp: a heavy base at -X (it must outweigh the head it holds out), two
    arms, the head pointing at +X."""
    b.cyl("base", -b.hx + 0.07, 0, (0, 0.05), 0.07, BLACK, n=16)
    p0 = (-b.hx + 0.07, 0, 0.05)
    p1 = (-b.hx + 0.03, 0, b.h * 0.6)
    p2 = (b.hx - 0.08, 0, b.h - 0.04)
    b.rod("arm_lower", p0, p1, 0.01, BLACK, n=8)
    b.rod("arm_upper", p1, p2, 0.01, BLACK, n=8)
    b.ring("head", b.hx - 0.06, 0, (b.h - 0.12, b.h), (0.06, 0.025), 0.004, BLACK, segments=10)


def table_globe(b):
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.1), 0.6 * r, TERRACOTTA, n=16, r_top=0.4 * r)
    b.ellipsoid("globe", (0, 0, 0.1 + (b.h - 0.1) / 2), (r, r, (b.h - 0.1) / 2), GLASS)
    b.ellipsoid("bulb", (0, 0, 0.1 + (b.h - 0.1) / 2), (0.03, 0.03, 0.04), BULB, subdivisions=1)


def ceiling_pendant(b):
    """Pendant: cord from a ceiling rose, dome shade at the bottom."""
    r = min(b.hx, b.hy)
    b.cyl("rose", 0, 0, (b.h - 0.02, b.h), 0.06, WHITE, n=12)
    b.cyl("cord", 0, 0, (0.2, b.h - 0.02), 0.004, BLACK, n=6)
    b.cyl("shade", 0, 0, (0.0, 0.2), r, GRAPHITE, n=24, r_top=0.08)


def ceiling_flush(b):
    r = min(b.hx, b.hy)
    b.cyl("mount", 0, 0, (b.h - 0.02, b.h), 0.8 * r, WHITE, n=24)
    import numpy as np
    import trimesh

    ball = np.asarray(trimesh.creation.icosphere(subdivisions=2).vertices)
    ball[:, 2] = np.minimum(ball[:, 2], 0.0)  # lower half of an ellipsoid: a dome hanging down
    b.hull("diffuser", ball * [r, r, b.h - 0.02] + [0, 0, b.h - 0.02], GLASS)


def ceiling_chandelier(b):
    r = min(b.hx, b.hy)
    b.cyl("rose", 0, 0, (b.h - 0.02, b.h), 0.07, BRASS, n=12)
    b.cyl("stem", 0, 0, (0.2, b.h - 0.02), 0.01, BRASS, n=8)
    b.ellipsoid("hub", (0, 0, 0.2), (0.06, 0.06, 0.05), BRASS, subdivisions=1)
    n = 6
    for k in range(n):
        a = 2 * math.pi * k / n
        x, y = (r - 0.05) * math.cos(a), (r - 0.05) * math.sin(a)
        b.rod(f"arm_{k}", (0, 0, 0.2), (x, y, 0.12), 0.008, BRASS, n=6)
        b.cyl(f"cup_{k}", x, y, (0.1, 0.13), 0.03, BRASS, n=10)
        b.cyl(f"candle_{k}", x, y, (0.13, 0.22), 0.012, WHITE, n=8)
        b.cyl(f"shade_{k}", x, y, (0.0, 0.1), 0.05, LAMPSHADE, n=10, r_top=0.03)


VARIANTS = [
    Variant("floor_lamp", "drum", "floor lamp with a drum shade", (0.4, 0.4, 1.6), floor_drum),
    Variant("floor_lamp", "arc", "chrome arc floor lamp with a dome shade", (1.2, 0.4, 1.9), floor_arc),
    Variant("floor_lamp", "tripod", "oak tripod floor lamp", (0.55, 0.55, 1.55), floor_tripod),
    Variant("table_lamp", "classic", "ceramic table lamp with a linen shade", (0.32, 0.32, 0.5), table_classic),
    Variant("table_lamp", "desk", "black adjustable desk lamp", (0.4, 0.15, 0.45), table_desk),
    Variant("table_lamp", "globe", "glass globe lamp on a terracotta base", (0.22, 0.22, 0.32), table_globe),
    Variant("ceiling_lamp", "pendant", "dome pendant light on a cord", (0.4, 0.4, 0.8), ceiling_pendant),
    Variant("ceiling_lamp", "flush", "flush-mount ceiling light with a glass diffuser", (0.4, 0.4, 0.12), ceiling_flush),
    Variant("ceiling_lamp", "chandelier", "brass six-arm chandelier", (0.7, 0.7, 0.6), ceiling_chandelier),
]
