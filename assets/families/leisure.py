"""Play, sport and ornament: bats, balls, rackets, dumbbells, teddy bears, boots, candles, statues,
decorations and watering cans. Long things lie along X, as AI2-THOR places them upright."""

import math

from ..builder import Builder, rgba
from ..palette import BLACK, BRASS, CERAMIC, CHROME, GRAPHITE, OAK, STEEL, TERRACOTTA, WHITE
from . import Variant

ORANGE = rgba("#d9722b")
FUR = rgba("#a8773f")
FUR_LIGHT = rgba("#d9b98c")
WAX = rgba("#f2ead8")
WAX_RED = rgba("#9a2f2f")
STONE = rgba("#b9b4aa")
GREEN = rgba("#3f7a3a")
RUBBER = rgba("#3a3a3a")
LEATHER = rgba("#5a3a22")


def _bat(b: Builder, color, knob: float, barrel: float):
    """Standing on its knob, barrel up (Z is the long axis)."""
    r = min(b.hx, b.hy)
    b.cyl("knob", 0, 0, (0, 0.03 * b.h), 0.75 * r * knob, BLACK, n=12)
    b.cyl("handle", 0, 0, (0.03 * b.h, 0.4 * b.h), 0.35 * r, BLACK, n=12)
    b.cyl("taper", 0, 0, (0.4 * b.h, 0.7 * b.h), 0.35 * r, color, n=14, r_top=barrel * r)
    b.cyl("barrel", 0, 0, (0.7 * b.h, b.h), barrel * r, color, n=14, r_top=0.9 * barrel * r)


def baseball_bat_wood(b):
    _bat(b, OAK, 1.0, 1.0)


def baseball_bat_aluminium(b):
    _bat(b, STEEL, 1.0, 0.9)


def baseball_bat_kids(b):
    _bat(b, rgba("#d64b3a"), 1.0, 1.0)


def basketball_ball(b):
    b.ellipsoid("ball", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), ORANGE, subdivisions=3)


def basketball_soccer(b):
    """A slightly smaller ball on a ring stand."""
    r = min(b.hx, b.hy)
    b.ring("stand", 0, 0, (0, 0.12 * b.h), (0.5 * r, 0.5 * r), 0.01, BLACK, segments=10)
    b.ellipsoid("ball", (0, 0, 0.1 * b.h + (b.h - 0.1 * b.h) / 2), (r, r, (b.h - 0.1 * b.h) / 2), WHITE, subdivisions=3)


def basketball_deflated(b):
    b.ellipsoid("ball", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), rgba("#b5562a"), subdivisions=3)


def _racket(b: Builder, frame_color, head_frac: float, handle_color):
    """Lying flat: handle at -X, head at +X."""
    x_head = b.hx - head_frac * b.size[0]
    rx, ry = head_frac * b.hx, b.hy
    cx = b.hx - rx
    n = 14
    for k in range(n):
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 1) / n
        pts = []
        for a in (a0, a1):
            for s in (1.0, 0.88):
                for z in (0, b.h):
                    pts.append([cx + s * rx * math.cos(a), s * ry * math.sin(a), z])
        b.hull(f"frame_{k}", pts, frame_color)
    b.box("strings", (cx - 0.88 * rx, cx + 0.88 * rx), (-0.3 * ry, 0.3 * ry), (0.4 * b.h, 0.6 * b.h), WHITE)
    b.box("throat", (x_head - 0.05, x_head + 0.01), (-0.012, 0.012), (0, b.h), frame_color)
    b.box("handle", (-b.hx, x_head - 0.05), (-0.015, 0.015), (0, b.h), handle_color)


def tennis_racket_adult(b):
    _racket(b, GRAPHITE, 0.48, BLACK)


def tennis_racket_kids(b):
    _racket(b, rgba("#3d6ea8"), 0.55, WHITE)


def tennis_racket_wood(b):
    _racket(b, OAK, 0.42, LEATHER)


def _dumbbell(b: Builder, plate, bar_color, plates: int):
    r = min(b.hy, b.h / 2)
    b.rod("bar", (-b.hx, 0, r), (b.hx, 0, r), 0.15 * r, bar_color, n=10)
    w = 0.35 * b.hx / plates
    for side in (-1, 1):
        for k in range(plates):
            x0 = side * (b.hx - w * (k + 1))
            plate(f"plate_{side}_{k}", sorted((x0, x0 + side * w)), r * (1 - 0.2 * k))


def dumbbell_iron(b):
    _dumbbell(b, lambda n, x, r: b.rod(n, (x[0], 0, b.h / 2), (x[1], 0, b.h / 2), r, GRAPHITE, n=16), CHROME, 2)


def dumbbell_hex(b):
    _dumbbell(b, lambda n, x, r: b.rod(n, (x[0], 0, b.h / 2), (x[1], 0, b.h / 2), r, RUBBER, n=6), CHROME, 1)


def dumbbell_vinyl(b):
    _dumbbell(b, lambda n, x, r: b.box(n, x, (-r, r), (b.h / 2 - r, b.h / 2 + r), rgba("#7e5aa6")), rgba("#7e5aa6"), 1)


def _bear(b: Builder, fur, muzzle, sitting: bool):
    hx, hy, h = b.hx, b.hy, b.h
    body_top = 0.6 * h if sitting else 0.55 * h
    b.ellipsoid("body", (-0.1 * hx, 0, body_top / 2), (0.6 * hx, 0.45 * hy, body_top / 2), fur)
    head_r = min(0.35 * hy, 0.22 * h)
    b.ellipsoid("head", (0.0, 0, h - head_r - 0.04 * h), (head_r, head_r, head_r), fur)
    b.ellipsoid("muzzle", (head_r * 0.8, 0, h - head_r - 0.06 * h), (0.45 * head_r, 0.45 * head_r, 0.35 * head_r), muzzle)
    for s in (-1, 1):
        b.ellipsoid(f"ear_{s}", (0, s * 0.75 * head_r, h - 0.12 * h), (0.25 * head_r, 0.25 * head_r, 0.12 * h), fur)
        b.ellipsoid(f"arm_{s}", (0.15 * hx, s * 0.7 * hy, 0.45 * body_top), (0.3 * hx, 0.3 * hy, 0.35 * body_top), fur)
        if sitting:
            b.ellipsoid(f"leg_{s}", (0.55 * hx, s * 0.5 * hy, 0.12 * h), (0.45 * hx, 0.25 * hy, 0.12 * h), fur)
        else:
            b.ellipsoid(f"leg_{s}", (0.0, s * 0.3 * hy, 0.12 * h), (0.3 * hx, 0.2 * hy, 0.12 * h), fur)


def teddy_bear_sitting(b):
    _bear(b, FUR, FUR_LIGHT, True)


def teddy_bear_standing(b):
    _bear(b, FUR_LIGHT, WHITE, False)


def teddy_bear_large(b):
    _bear(b, rgba("#6b4a32"), FUR_LIGHT, True)


def _boot(b: Builder, y: float, w: float, color, shaft: float, heel: float):
    b.box(f"sole_{y:+.2f}", (-b.hx, b.hx), (y - w / 2, y + w / 2), (0, 0.04 * b.h), BLACK)
    b.rbox(f"foot_{y:+.2f}", (-b.hx, b.hx), (y - w / 2, y + w / 2), (0.04 * b.h, 0.25 * b.h), 0.02, color)
    b.rbox(f"shaft_{y:+.2f}", (-b.hx, -b.hx + 0.5 * b.size[0]), (y - w / 2, y + w / 2), (0.2 * b.h, shaft * b.h), 0.02, color)
    if heel:
        b.box(f"heel_{y:+.2f}", (-b.hx, -b.hx + 0.25 * b.size[0]), (y - w / 2, y + w / 2), (0, heel), BLACK)


def boots_rain(b):
    w = 0.45 * b.size[1]
    for y in (-b.hy + w / 2, b.hy - w / 2):
        _boot(b, y, w, GREEN, 1.0, 0)


def boots_ankle(b):
    w = 0.45 * b.size[1]
    for y in (-b.hy + w / 2, b.hy - w / 2):
        _boot(b, y, w, LEATHER, 1.0, 0.05)


def boots_toppled(b):
    """One boot standing, one lying on its side."""
    w = 0.45 * b.size[1]
    _boot(b, -b.hy + w / 2, w, rgba("#2a2f3a"), 1.0, 0)
    b.rbox("fallen", (-b.hx, b.hx), (b.hy - w, b.hy), (0, 0.3 * b.h), 0.02, rgba("#2a2f3a"))


def _candle(b: Builder, wax, holder):
    r = min(b.hx, b.hy)
    z0 = holder(r)
    b.cyl("wax", 0, 0, (z0, b.h - 0.012), 0.6 * r if z0 else r, wax, n=16)
    b.cyl("wick", 0, 0, (b.h - 0.012, b.h), 0.002, BLACK, n=6)


def candle_pillar(b):
    _candle(b, WAX, lambda r: 0.0)


def candle_taper(b):
    def holder(r):
        b.cyl("dish", 0, 0, (0, 0.03 * b.h), r, BRASS, n=16)
        b.cyl("stem", 0, 0, (0.03 * b.h, 0.3 * b.h), 0.35 * r, BRASS, n=12)
        return 0.3 * b.h
    _candle(b, WAX_RED, holder)


def candle_jar(b):
    def holder(r):
        b.cyl("jar_base", 0, 0, (0, 0.08 * b.h), r, rgba("#a9cfd8", 0.55), n=16)
        b.ring("jar", 0, 0, (0.08 * b.h, 0.9 * b.h), (r, r), 0.004, rgba("#a9cfd8", 0.55), segments=10)
        return 0.08 * b.h
    _candle(b, WAX, holder)


def statue_bust(b):
    r = min(b.hx, b.hy)
    b.box("plinth", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.2 * b.h), STONE)
    b.ellipsoid("shoulders", (0, 0, 0.38 * b.h), (0.7 * b.hx, b.hy, 0.18 * b.h), STONE)
    b.cyl("neck", 0, 0, (0.5 * b.h, 0.62 * b.h), 0.25 * r, STONE, n=12)
    b.ellipsoid("head", (0.05 * b.hx, 0, 0.8 * b.h), (0.45 * r, 0.4 * r, 0.2 * b.h), STONE)


def statue_figure(b):
    """A standing figure on a round base."""
    r = min(b.hx, b.hy)
    b.cyl("base", 0, 0, (0, 0.08 * b.h), r, BLACK, n=18)
    b.cyl("legs", 0, 0, (0.08 * b.h, 0.5 * b.h), 0.3 * r, BRASS, n=10, r_top=0.4 * r)
    b.cyl("torso", 0, 0, (0.5 * b.h, 0.82 * b.h), 0.4 * r, BRASS, n=10, r_top=0.5 * r)
    b.ellipsoid("head", (0, 0, 0.9 * b.h), (0.22 * r, 0.22 * r, 0.1 * b.h), BRASS)
    b.rod("arm", (0, 0.4 * r, 0.78 * b.h), (0.3 * r, 0.95 * r, 0.95 * b.h), 0.06 * r, BRASS, n=8)


def statue_animal(b):
    """A sitting dog: long body along X."""
    b.box("base", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.1 * b.h), BLACK)
    b.ellipsoid("body", (-0.2 * b.hx, 0, 0.4 * b.h), (0.6 * b.hx, 0.7 * b.hy, 0.3 * b.h), CERAMIC)
    b.ellipsoid("chest", (0.35 * b.hx, 0, 0.55 * b.h), (0.35 * b.hx, 0.6 * b.hy, 0.35 * b.h), CERAMIC)
    b.ellipsoid("head", (0.55 * b.hx, 0, 0.85 * b.h), (0.4 * b.hx, 0.45 * b.hy, 0.15 * b.h), CERAMIC)


def decor_orbs(b):
    """A low tray of decorative spheres."""
    b.tray("tray", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.25 * b.h), 0.008, OAK)
    r = min(b.hx / 2, b.hy / 2, 0.4 * b.h)
    for k, (x, y) in enumerate([(-0.5, -0.5), (0.5, 0.3), (-0.2, 0.5)]):
        b.ellipsoid(f"orb_{k}", (x * b.hx, y * b.hy, b.h - r), (r, r, r), (TERRACOTTA, WHITE, GRAPHITE)[k])


def decor_branches(b):
    """Tall floor vase of branches."""
    r = min(b.hx, b.hy)
    b.cyl("vase", 0, 0, (0, 0.35 * b.h), 0.5 * r, TERRACOTTA, n=14, r_top=0.3 * r)
    for k in range(4):
        a = 2 * math.pi * k / 4
        b.rod(f"branch_{k}", (0, 0, 0.3 * b.h), (0.9 * r * math.cos(a), 0.9 * r * math.sin(a), b.h - 0.01), 0.006, OAK, n=6)


def decor_lantern(b):
    b.box("base", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.08 * b.h), BLACK)
    b.box("glass", (-0.85 * b.hx, 0.85 * b.hx), (-0.85 * b.hy, 0.85 * b.hy), (0.08 * b.h, 0.8 * b.h), rgba("#a9cfd8", 0.55))
    b.hull("roof", [[x, y, 0.8 * b.h] for x in (-b.hx, b.hx) for y in (-b.hy, b.hy)] + [[0, 0, b.h]], BLACK)


def _watering(b: Builder, color, body):
    r = min(b.hy, 0.3 * b.size[0])
    cx = -b.hx + r + 0.02
    body(cx, r)
    b.rod("spout", (cx + 0.7 * r, 0, 0.2 * b.h), (b.hx - 0.012, 0, b.h - 0.015), 0.012, color)
    b.cyl("rose", b.hx - 0.02, 0, (b.h - 0.03, b.h), 0.02, color, n=10)


def watering_can_metal(b):
    def body(cx, r):
        b.cyl("body", cx, 0, (0, 0.65 * b.h), r, STEEL, n=16)
        b.rod("handle", (cx - r, 0, 0.6 * b.h), (cx - r - 0.015, 0, 0.25 * b.h), 0.008, STEEL, n=8)
        b.rod("top_handle", (cx - r, 0, 0.6 * b.h), (cx + 0.5 * r, 0, 0.85 * b.h), 0.008, STEEL, n=8)
    _watering(b, STEEL, body)


def watering_can_plastic(b):
    def body(cx, r):
        b.rbox("body", (cx - r, cx + r), (-b.hy, b.hy), (0, 0.6 * b.h), 0.02, GREEN)
        b.box("handle", (cx - r - 0.015, cx + 0.3 * r), (-0.01, 0.01), (0.75 * b.h, 0.8 * b.h), GREEN)
        b.box("handle_post", (cx - r - 0.015, cx - r), (-0.01, 0.01), (0.3 * b.h, 0.8 * b.h), GREEN)
    _watering(b, GREEN, body)


def watering_can_indoor(b):
    """Small indoor can with a long thin spout."""
    def body(cx, r):
        b.cyl("foot", cx, 0, (0, 0.08 * b.h), 0.8 * r, BRASS, n=16)
        b.ellipsoid("body", (cx, 0, 0.3 * b.h), (r, r, 0.3 * b.h), BRASS)
        b.rod("handle", (cx - r, 0, 0.3 * b.h), (cx - 0.3 * r, 0, 0.65 * b.h), 0.006, BRASS, n=8)
    _watering(b, BRASS, body)


VARIANTS = [
    Variant("baseball_bat", "wood", "wooden baseball bat", (0.07, 0.07, 0.85), baseball_bat_wood),
    Variant("baseball_bat", "aluminium", "aluminium bat", (0.06, 0.06, 0.75), baseball_bat_aluminium),
    Variant("baseball_bat", "kids", "short red kids' bat", (0.06, 0.06, 0.45), baseball_bat_kids),
    Variant("basketball", "basketball", "orange basketball", (0.24, 0.24, 0.24), basketball_ball),
    Variant("basketball", "football", "football on a ring stand", (0.22, 0.22, 0.26), basketball_soccer),
    Variant("basketball", "deflated", "half-deflated ball", (0.26, 0.26, 0.17), basketball_deflated),
    Variant("tennis_racket", "adult", "graphite tennis racket", (0.68, 0.26, 0.03), tennis_racket_adult),
    Variant("tennis_racket", "kids", "short kids' racket", (0.5, 0.24, 0.03), tennis_racket_kids),
    Variant("tennis_racket", "wood", "wooden racket", (0.68, 0.22, 0.03), tennis_racket_wood),
    Variant("dumbbell", "iron", "iron dumbbell with two plates a side", (0.33, 0.13, 0.13), dumbbell_iron),
    Variant("dumbbell", "hex", "rubber hex dumbbell", (0.3, 0.12, 0.12), dumbbell_hex),
    Variant("dumbbell", "vinyl", "purple vinyl hand weight", (0.2, 0.07, 0.07), dumbbell_vinyl),
    Variant("teddy_bear", "sitting", "sitting teddy bear", (0.3, 0.42, 0.42), teddy_bear_sitting),
    Variant("teddy_bear", "standing", "standing teddy bear", (0.22, 0.34, 0.5), teddy_bear_standing),
    Variant("teddy_bear", "large", "large dark teddy bear", (0.42, 0.6, 0.55), teddy_bear_large),
    Variant("boots", "rain", "green rain boots", (0.28, 0.26, 0.62), boots_rain),
    Variant("boots", "ankle", "leather ankle boots with heels", (0.26, 0.24, 0.37), boots_ankle),
    Variant("boots", "toppled", "pair of boots, one fallen", (0.28, 0.3, 0.5), boots_toppled),
    Variant("candle", "pillar", "white pillar candle", (0.08, 0.08, 0.15), candle_pillar),
    Variant("candle", "taper", "red taper candle in a brass holder", (0.09, 0.09, 0.32), candle_taper),
    Variant("candle", "jar", "candle in a glass jar", (0.09, 0.09, 0.11), candle_jar),
    Variant("statue", "bust", "stone bust on a plinth", (0.16, 0.22, 0.35), statue_bust),
    Variant("statue", "figure", "brass figure on a round base", (0.14, 0.14, 0.45), statue_figure),
    Variant("statue", "animal", "ceramic sitting dog", (0.25, 0.12, 0.22), statue_animal),
    Variant("decor", "orbs", "tray of decorative spheres", (0.3, 0.4, 0.12), decor_orbs),
    Variant("decor", "branches", "floor vase of branches", (0.35, 0.35, 1.3), decor_branches),
    Variant("decor", "lantern", "black lantern", (0.2, 0.2, 0.4), decor_lantern),
    Variant("watering_can", "metal", "galvanised watering can", (0.4, 0.2, 0.3), watering_can_metal),
    Variant("watering_can", "plastic", "green plastic watering can", (0.35, 0.16, 0.28), watering_can_plastic),
    Variant("watering_can", "indoor", "small brass indoor can", (0.27, 0.15, 0.2), watering_can_indoor),
]
