"""Food on counters and tables: bread, eggs, apples, tomatoes, potatoes, lettuce."""

from ..builder import Builder, rgba
from . import Variant

CRUST = rgba("#b9793f")
CRUST_DARK = rgba("#8a5527")
EGG_WHITE = rgba("#f3eee2")
EGG_BROWN = rgba("#c89a6c")
APPLE_RED = rgba("#b3261e")
APPLE_GREEN = rgba("#8cbf3f")
APPLE_YELLOW = rgba("#e3c23a")
TOMATO = rgba("#d7301f")
STEM = rgba("#4d6b2a")
POTATO = rgba("#c9a46b")
POTATO_RED = rgba("#9c4a3a")
LETTUCE = rgba("#8fc45a")
LETTUCE_DARK = rgba("#4f8a34")


def _resting(b: Builder, name: str, center, radii, color):
    """An ellipsoid with a small flat spot where it touches the surface below, so a simulator
    sets it down instead of rolling it (a real apple rests on its own flat spot too)."""
    b.ellipsoid(name, center, radii, color)
    bottom = center[2] - radii[2]
    if bottom < 1e-6:
        b.cyl(f"{name}_rest", center[0], center[1], (0, 0.12 * radii[2]), 0.4 * min(radii[0], radii[1]), color, n=12)


def _round(b: Builder, color, stem_color=None, stem=0.0, squash=1.0):
    """A fruit: an ellipsoid filling the box (``squash`` < 1 flattens its top), with a stem."""
    body_h = b.h - stem
    _resting(b, "body", (0, 0, body_h / 2), (b.hx, b.hy, body_h / 2 * squash), color)
    if stem:
        top = body_h / 2 + body_h / 2 * squash
        b.cyl("stem", 0, 0, (top - 0.003, b.h), 0.004, stem_color, n=6)


def bread_loaf(b):
    b.rbox("loaf", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.7 * b.h), 0.02, CRUST)
    _resting(b, "top", (0, 0, 0.65 * b.h), (0.95 * b.hx, 0.95 * b.hy, 0.35 * b.h), CRUST)


def bread_baguette(b):
    _resting(b, "baguette", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), CRUST)


def bread_round(b):
    """Round boule, flat-bottomed."""
    b.cyl("base", 0, 0, (0, 0.3 * b.h), min(b.hx, b.hy), CRUST_DARK, n=20)
    _resting(b, "dome", (0, 0, 0.3 * b.h), (b.hx, b.hy, 0.7 * b.h), CRUST_DARK)


def egg_white(b):
    _resting(b, "shell", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), EGG_WHITE)


def egg_brown(b):
    """Lying on its side: long axis along X."""
    _resting(b, "shell", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), EGG_BROWN)


def egg_in_cup(b):
    r = min(b.hx, b.hy)
    b.cyl("cup_foot", 0, 0, (0, 0.12 * b.h), r, rgba("#2e5d8a"), n=16)
    b.cyl("cup", 0, 0, (0.12 * b.h, 0.45 * b.h), 0.45 * r, rgba("#2e5d8a"), n=16, r_top=0.75 * r)
    _resting(b, "shell", (0, 0, 0.7 * b.h), (0.65 * r, 0.65 * r, 0.3 * b.h), EGG_WHITE)


def apple_red(b):
    _round(b, APPLE_RED, STEM, 0.012, squash=0.9)


def apple_green(b):
    _round(b, APPLE_GREEN, STEM, 0.02, squash=0.8)


def apple_tall(b):
    _round(b, APPLE_YELLOW, STEM, 0.015)


def tomato_round(b):
    _round(b, TOMATO, STEM, 0.006, squash=0.85)


def tomato_plum(b):
    """Elongated plum tomato lying along X."""
    _resting(b, "body", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), TOMATO)


def tomato_vine(b):
    """Three cherry tomatoes on a vine."""
    r = min(b.hx / 3, b.hy, (b.h - 0.01) / 2)
    for k, x in enumerate((-2 * r, 0.0, 2 * r)):
        _resting(b, f"tomato_{k}", (x, 0, r), (r, r, r), TOMATO)
    b.rod("vine", (-2 * r, 0, 2 * r), (2 * r, 0, 2 * r + 0.006), 0.003, STEM, n=6)


def potato_long(b):
    _resting(b, "tuber", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), POTATO)


def potato_round(b):
    _resting(b, "tuber", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), POTATO_RED)


def potato_lumpy(b):
    _resting(b, "tuber", (-0.25 * b.hx, 0, 0.45 * b.h), (0.75 * b.hx, b.hy, 0.45 * b.h), POTATO)
    _resting(b, "lobe", (0.5 * b.hx, 0, 0.5 * b.h), (0.5 * b.hx, 0.8 * b.hy, 0.5 * b.h), POTATO)


def lettuce_iceberg(b):
    _resting(b, "head", (0, 0, b.h / 2), (b.hx, b.hy, b.h / 2), LETTUCE)


def lettuce_romaine(b):
    """Romaine lying down: long along X, leaves fanning at +X."""
    _resting(b, "heart", (-0.2 * b.hx, 0, 0.4 * b.h), (0.8 * b.hx, 0.7 * b.hy, 0.4 * b.h), LETTUCE)
    _resting(b, "leaves", (0.4 * b.hx, 0, 0.5 * b.h), (0.6 * b.hx, b.hy, 0.5 * b.h), LETTUCE_DARK)


def lettuce_cabbage(b):
    b.cyl("stalk", 0, 0, (0, 0.15 * b.h), 0.3 * min(b.hx, b.hy), rgba("#d8e6b0"), n=10)
    _resting(b, "head", (0, 0, 0.55 * b.h), (b.hx, b.hy, 0.45 * b.h), LETTUCE_DARK)


VARIANTS = [
    Variant("bread", "loaf", "sandwich loaf", (0.25, 0.13, 0.12), bread_loaf),
    Variant("bread", "baguette", "baguette", (0.55, 0.09, 0.07), bread_baguette),
    Variant("bread", "boule", "round sourdough boule", (0.2, 0.2, 0.12), bread_round),
    Variant("egg", "white", "white egg standing", (0.045, 0.045, 0.06), egg_white),
    Variant("egg", "brown", "brown egg on its side", (0.06, 0.045, 0.045), egg_brown),
    Variant("egg", "in_cup", "egg in a blue egg cup", (0.055, 0.055, 0.1), egg_in_cup),
    Variant("apple", "red", "red apple", (0.08, 0.08, 0.085), apple_red),
    Variant("apple", "green", "flat green apple", (0.09, 0.09, 0.075), apple_green),
    Variant("apple", "tall", "tall yellow apple", (0.07, 0.07, 0.1), apple_tall),
    Variant("tomato", "round", "round red tomato", (0.08, 0.08, 0.065), tomato_round),
    Variant("tomato", "plum", "plum tomato", (0.09, 0.055, 0.055), tomato_plum),
    Variant("tomato", "vine", "three cherry tomatoes on the vine", (0.12, 0.04, 0.05), tomato_vine),
    Variant("potato", "long", "long baking potato", (0.13, 0.07, 0.06), potato_long),
    Variant("potato", "round", "round red potato", (0.08, 0.075, 0.065), potato_round),
    Variant("potato", "lumpy", "lumpy potato", (0.12, 0.08, 0.07), potato_lumpy),
    Variant("lettuce", "iceberg", "head of iceberg lettuce", (0.16, 0.16, 0.14), lettuce_iceberg),
    Variant("lettuce", "romaine", "romaine lettuce lying down", (0.3, 0.14, 0.12), lettuce_romaine),
    Variant("lettuce", "cabbage", "green cabbage", (0.18, 0.18, 0.2), lettuce_cabbage),
]
