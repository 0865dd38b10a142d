"""Toilets, bathtubs, showers, sinks and washing machines (+X is the side a person uses)."""

import math
from functools import partial

from ..builder import GAP, Builder
from ..palette import (
    BLACK,
    BRASS,
    CERAMIC,
    CHROME,
    GLASS,
    GRAPHITE,
    SCREEN,
    STEEL,
    WALNUT,
    WHITE,
    rgba,
)
from . import Variant
from .storage import _doors

NAVY = rgba("#2f3e5c")


TAP = 0.1  # height of a tap above the rim it stands on; included in the asset's bounding box


def _tap(b: Builder, x, y, z, reach=0.1):
    b.cyl("tap_base", x, y, (z, z + TAP), 0.015, CHROME, n=10)
    b.rod("tap_spout", (x, y, z + TAP - 0.01), (x + reach, y, z + TAP - 0.01), 0.01, CHROME, n=8)


def _seat_and_lid(b: Builder, hinge_x: float, cx: float, r: float, z: float, color=CERAMIC) -> None:
    """A toilet seat (a ring over the bowl, centre ``cx``, outer radius ``r``) and its lid on
    top, lifting about back lines at ``hinge_x`` (the lid's a little further back, so the raised
    lid stands behind the raised seat); ``z``: the rim they rest on."""
    t = 0.018
    seat = b.ring("seat", cx, 0, (z + GAP, z + GAP + t), (r, r), 0.06, color, segments=12)
    seat.append(b.box("seat_back", (hinge_x, cx - r + 0.04), (-0.05, 0.05), (z + GAP, z + GAP + t), color))
    zl = z + 2 * GAP + t
    lid = [b.cyl("lid", cx, 0, (zl, zl + t), r, color, n=24),
           b.box("lid_back", (hinge_x - t - 0.006, cx - r + 0.04), (-0.06, 0.06), (zl, zl + t), color)]
    b.back_hinge("seat", seat, hinge_x, 0, z + GAP + t, limit=1.45)
    b.back_hinge("lid", lid, hinge_x - t - 0.006, 0, zl + t, limit=1.6)


def toilet_close_coupled(b):
    """Floor-standing toilet: bowl towards +X, cistern against the wall at -X."""
    cist = 0.18
    b.hull("pedestal", [[x, y, 0] for x in (-b.hx + cist, b.hx - 0.12) for y in (-0.1, 0.1)] +
           [[x, y, 0.3] for x in (-b.hx + cist, b.hx - 0.05) for y in (-b.hy + 0.03, b.hy - 0.03)], CERAMIC)
    b.ring("bowl", b.hx - b.hy - 0.0, 0, (0.3, 0.4), (b.hy, b.hy), 0.03, CERAMIC, segments=14)
    b.hull("seat_rear", [[x, y, z] for x in (-b.hx + cist, b.hx - 2 * b.hy) for y in (-b.hy + 0.02, b.hy - 0.02) for z in (0.3, 0.4)], CERAMIC)
    _seat_and_lid(b, b.hx - 2 * b.hy - 0.02, b.hx - b.hy, b.hy, 0.4)
    b.box("cistern", (-b.hx, -b.hx + cist), (-b.hy, b.hy), (0.3, b.h - 0.02), CERAMIC)
    b.box("cistern_lid", (-b.hx - 0.0, -b.hx + cist + 0.01), (-b.hy, b.hy), (b.h - 0.02, b.h), CERAMIC)
    b.surface("cistern_lid", b.h, (-b.hx, -b.hx + cist + 0.01), (-b.hy, b.hy))


def toilet_wall_hung(b):
    """Wall-hung toilet with a concealed frame box behind it."""
    frame = 0.16
    b.box("frame_box", (-b.hx, -b.hx + frame), (-b.hy, b.hy), (0, b.h), WHITE)
    b.box("flush_plate", (-b.hx + frame, -b.hx + frame + 0.01), (-0.1, 0.1), (b.h - 0.25, b.h - 0.1), CHROME)
    b.hull("bowl_body", [[x, y, z] for x in (-b.hx + frame, b.hx - 0.05) for y in (-b.hy + 0.02, b.hy - 0.02) for z in (0.22, 0.4)] +
           [[b.hx, 0, 0.3], [b.hx, 0, 0.4]], CERAMIC)
    _seat_and_lid(b, -b.hx + frame + 0.05, b.hx - b.hy, b.hy, 0.4, WHITE)
    b.surface("frame_top", b.h, (-b.hx, -b.hx + frame), (-b.hy, b.hy))


def toilet_modern(b):
    """One-piece toilet with a low integrated cistern."""
    b.hull("body", [[x, y, 0] for x in (-b.hx + 0.05, b.hx - 0.1) for y in (-b.hy + 0.05, b.hy - 0.05)] +
           [[x, y, 0.4] for x in (-b.hx, b.hx) for y in (-b.hy, b.hy)], CERAMIC)
    b.hull("cistern", [[x, y, z] for x in (-b.hx, -b.hx + 0.2) for y in (-b.hy, b.hy) for z in (0.4, b.h)], CERAMIC)
    _seat_and_lid(b, -b.hx + 0.24, b.hx - b.hy, b.hy, 0.4)
    b.surface("cistern", b.h, (-b.hx, -b.hx + 0.2), (-b.hy, b.hy))


def bathtub_builtin(b):
    top = b.h - TAP
    b.box("apron", (b.hx - 0.03, b.hx), (-b.hy, b.hy), (0, top - 0.04), CERAMIC)
    b.tray("tub", (-b.hx, b.hx - 0.03), (-b.hy, b.hy), (0, top), 0.07, CERAMIC, bottom=0.12)
    _tap(b, -b.hx + 0.035, b.hy - 0.15, top)
    b.surface("rim_back", top, (-b.hx + 0.005, -b.hx + 0.065), (-b.hy + 0.05, b.hy - 0.05))
    b.surface("basin", 0.12, (-b.hx + 0.1, b.hx - 0.13), (-b.hy + 0.1, b.hy - 0.1))


def bathtub_clawfoot(b):
    feet = 0.12
    for k, (x, y) in enumerate([(b.hx - 0.15, b.hy - 0.25), (b.hx - 0.15, -b.hy + 0.25), (-b.hx + 0.15, b.hy - 0.25), (-b.hx + 0.15, -b.hy + 0.25)]):
        b.cyl(f"foot_{k}", x, y, (0, feet), 0.035, BRASS, n=8)
    segs = 16
    for k in range(segs):
        a0, a1 = 2 * math.pi * k / segs, 2 * math.pi * (k + 1) / segs
        pts = []
        for zz, sc in ((feet, 0.8), (b.h, 1.0)):
            for a in (a0, a1):
                for rr in (1.0, 0.88):
                    pts.append([sc * rr * b.hx * math.cos(a), sc * rr * b.hy * math.sin(a), zz])
        b.hull(f"shell_{k}", pts, WHITE)
    b.hull("bottom", [[0.8 * b.hx * math.cos(t), 0.8 * b.hy * math.sin(t), z] for t in [2 * math.pi * i / 16 for i in range(16)] for z in (feet, feet + 0.05)], WHITE)
    b.surface("basin", feet + 0.05, (-0.5 * b.hx, 0.5 * b.hx), (-0.6 * b.hy, 0.6 * b.hy))


def bathtub_corner(b):
    """Square-ish soaking tub with a wide deck and a rounded basin."""
    top = b.h - TAP
    deck = 0.1
    b.box("plinth", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.1), WHITE)
    b.tray("tub", (-b.hx, b.hx), (-b.hy, b.hy), (0.1, top), deck, WHITE, bottom=0.05)
    _tap(b, -b.hx + 0.05, 0, top)
    b.surface("deck", top, (-b.hx + 0.01, -b.hx + deck - 0.01), (-b.hy + 0.05, b.hy - 0.05))
    b.surface("basin", 0.15, (-b.hx + deck + 0.05, b.hx - deck - 0.05), (-b.hy + deck + 0.05, b.hy - deck - 0.05))


def shower_glass(b):
    b.box("tray", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.06), CERAMIC)
    b.box("glass_front", (b.hx - 0.01, b.hx), (-b.hy, b.hy), (0.06, b.h), GLASS)
    b.box("glass_side", (-b.hx, b.hx - 0.01), (b.hy - 0.01, b.hy), (0.06, b.h), GLASS)
    b.box("frame_top", (b.hx - 0.02, b.hx), (-b.hy, b.hy), (b.h - 0.02, b.h), CHROME)
    b.box("back_panel", (-b.hx, -b.hx + 0.02), (-b.hy, b.hy - 0.01), (0.06, b.h), WHITE)
    b.box("riser", (-b.hx + 0.02, -b.hx + 0.04), (-0.01, 0.01), (0.9, b.h - 0.2), CHROME)
    b.cyl("head", -b.hx + 0.12, 0, (b.h - 0.22, b.h - 0.2), 0.1, CHROME, n=16)
    b.rod("arm", (-b.hx + 0.03, 0, b.h - 0.2), (-b.hx + 0.12, 0, b.h - 0.2), 0.01, CHROME)
    b.surface("tray", 0.06, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


def shower_cabin(b):
    """Enclosed quadrant cabin: curved sliding doors towards +X."""
    b.box("tray", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.12), WHITE)
    b.box("back_wall", (-b.hx, -b.hx + 0.03), (-b.hy, b.hy), (0.12, b.h), WHITE)
    b.box("side_wall", (-b.hx, b.hx), (-b.hy, -b.hy + 0.03), (0.12, b.h), WHITE)
    segs = 8
    r = min(2 * b.hx, 2 * b.hy) - 0.02
    for k in range(segs):
        a0, a1 = (math.pi / 2) * k / segs, (math.pi / 2) * (k + 1) / segs
        pts = [[-b.hx + rr * math.cos(a), -b.hy + rr * math.sin(a), z] for a in (a0, a1) for rr in (r, r - 0.01) for z in (0.12, b.h - 0.05)]
        b.hull(f"door_{k}", pts, GLASS)
    b.box("roof", (-b.hx, b.hx), (-b.hy, b.hy), (b.h - 0.05, b.h), WHITE)
    b.surface("tray", 0.12, (-b.hx + 0.05, b.hx - 0.3), (-b.hy + 0.05, b.hy - 0.3))


def shower_walkin(b):
    """Walk-in shower: one fixed glass screen on a black frame and a rain head."""
    b.box("tray", (-b.hx, b.hx), (-b.hy, b.hy), (0, 0.04), GRAPHITE)
    b.box("screen", (-b.hx, b.hx * 0.5), (b.hy - 0.01, b.hy), (0.04, b.h - 0.05), GLASS)
    b.box("frame", (-b.hx, b.hx * 0.5), (b.hy - 0.015, b.hy), (b.h - 0.05, b.h - 0.03), BLACK)
    b.box("brace", (-b.hx, -b.hx + 0.02), (b.hy - 0.02, b.hy), (b.h - 0.05, b.h), BLACK)
    b.box("riser", (-b.hx, -b.hx + 0.02), (-0.01, 0.01), (0.04, b.h - 0.02), BLACK)
    b.box("rain_head", (-b.hx + 0.02, -b.hx + 0.27), (-0.125, 0.125), (b.h - 0.02, b.h), BLACK)
    b.surface("tray", 0.04, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))


def sink_vanity(b, tap: bool = True):
    """Vanity: cabinet with doors, a stone counter around an inset basin, tap at the back."""
    top = b.h - (TAP if tap else 0.0)
    xf = b.hx - 0.02
    # counter slabs around the basin opening (x from bx0 to bx1, y within +-by); the cabinet
    # stops under the basin, an apron around the basin carries the counter
    bx0, bx1, by = -b.hx + 0.12, b.hx - 0.06, min(0.22, b.hy - 0.12)
    b.box("cabinet", (-b.hx, xf), (-b.hy, b.hy), (0.1, top - 0.18), WALNUT)
    for name, x, y in (("apron_back", (-b.hx, bx0), (-b.hy, b.hy)), ("apron_front", (bx1, xf), (-b.hy, b.hy)),
                       ("apron_left", (bx0, bx1), (by, b.hy)), ("apron_right", (bx0, bx1), (-b.hy, -by))):
        b.box(name, x, y, (top - 0.18, top - 0.05), WALNUT)
    b.box("plinth", (-b.hx, xf - 0.05), (-b.hy + 0.02, b.hy - 0.02), (0, 0.1), BLACK)
    _doors(b, xf, (-b.hy + 0.01, b.hy - 0.01), (0.1, top - 0.06), 2, WALNUT, handle=CHROME, interior=False)
    b.box("counter_back", (-b.hx, bx0), (-b.hy, b.hy), (top - 0.05, top), CERAMIC)
    b.box("counter_front", (bx1, b.hx), (-b.hy, b.hy), (top - 0.05, top), CERAMIC)
    b.box("counter_left", (bx0, bx1), (by, b.hy), (top - 0.05, top), CERAMIC)
    b.box("counter_right", (bx0, bx1), (-b.hy, -by), (top - 0.05, top), CERAMIC)
    b.tray("basin", (bx0, bx1), (-by, by), (top - 0.17, top - 0.005), 0.012, CERAMIC, bottom=0.012)
    if tap:
        _tap(b, -b.hx + 0.07, 0, top)
    b.surface("counter_left", top, (bx0, bx1), (by + 0.005, b.hy - 0.005))
    b.surface("counter_right", top, (bx0, bx1), (-b.hy + 0.005, -by - 0.005))
    b.surface("counter_back", top, (-b.hx + 0.005, bx0), (-b.hy + 0.005, b.hy - 0.005))
    b.surface("basin", top - 0.158, (bx0 + 0.02, bx1 - 0.02), (-by + 0.02, by - 0.02))


def sink_pedestal(b, tap: bool = True):
    top = b.h - (TAP if tap else 0.0)
    b.cyl("pedestal", -0.03, 0, (0, top - 0.18), 0.09, CERAMIC, n=14, r_top=0.07)
    b.tray("basin", (-b.hx, b.hx), (-b.hy, b.hy), (top - 0.18, top), 0.04, CERAMIC, bottom=0.06)
    if tap:
        _tap(b, -b.hx + 0.02, 0, top)
    b.surface("basin", top - 0.12, (-b.hx + 0.05, b.hx - 0.05), (-b.hy + 0.05, b.hy - 0.05))
    b.surface("rim_back", top, (-b.hx, -b.hx + 0.04), (-b.hy + 0.04, b.hy - 0.04))  # where a tap stands


def sink_kitchen(b, tap: bool = True):
    """Kitchen sink base: cabinet with a steel double bowl in the worktop."""
    top = b.h - (TAP if tap else 0.0)
    xf = b.hx - 0.04
    b.box("toe_kick", (-b.hx, xf - 0.05), (-b.hy, b.hy), (0, 0.1), GRAPHITE)
    b.box("carcass", (-b.hx, xf), (-b.hy, b.hy), (0.1, top - 0.2), WHITE)
    _doors(b, xf, (-b.hy + 0.005, b.hy - 0.005), (0.1, top - 0.06), 2, WHITE, interior=False)
    b.box("worktop_back", (-b.hx, -b.hx + 0.12), (-b.hy, b.hy), (top - 0.04, top), rgba("#d8d4cc"))
    b.box("worktop_front", (b.hx - 0.06, b.hx), (-b.hy, b.hy), (top - 0.04, top), rgba("#d8d4cc"))
    b.tray("bowl", (-b.hx + 0.12, b.hx - 0.06), (-b.hy, b.hy), (top - 0.17, top), 0.02, STEEL, bottom=0.02)
    b.box("divider", (-b.hx + 0.12, b.hx - 0.06), (-0.01, 0.01), (top - 0.15, top - 0.02), STEEL)
    if tap:
        _tap(b, -b.hx + 0.06, 0, top, reach=0.18)
    b.surface("bowl", top - 0.15, (-b.hx + 0.15, b.hx - 0.09), (-b.hy + 0.03, -0.02))
    b.surface("bowl_right", top - 0.15, (-b.hx + 0.15, b.hx - 0.09), (0.02, b.hy - 0.03))
    b.surface("deck", top, (-b.hx, -b.hx + 0.12), (-b.hy, b.hy))  # behind the bowl: where a tap stands


def washer_front(b):
    xf = b.hx - 0.02
    b.rbox("body", (-b.hx, xf), (-b.hy, b.hy), (0.02, b.h), 0.02, WHITE)
    b.legs("foot", (-b.hx, xf), (-b.hy, b.hy), (0, 0.02), 0.02, GRAPHITE, inset=0.03)
    r = 0.2 * min(1.0, b.h / 0.85)
    ring = b.rod("door_ring", (xf + GAP, 0, b.h * 0.45), (b.hx - 0.002, 0, b.h * 0.45), r, CHROME, n=24)
    glass = b.rod("door_glass", (b.hx - 0.002, 0, b.h * 0.45), (b.hx, 0, b.h * 0.45), r - 0.04, GLASS, n=24)
    b.side_hinge("door", [ring, glass], b.hx, -r, b.h * 0.45, 1)
    b.box("panel", (xf - 0.001, b.hx - 0.015), (-b.hy + 0.02, b.hy - 0.02), (b.h - 0.12, b.h - 0.02), WHITE)
    b.box("display", (b.hx - 0.015, b.hx - 0.012), (-0.05, 0.12), (b.h - 0.09, b.h - 0.05), SCREEN)
    b.surface("top", b.h, (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03))


def washer_top(b):
    """Top-loading washer: lid on top (+Z), controls at the back."""
    b.rbox("body", (-b.hx, b.hx), (-b.hy, b.hy), (0.0, b.h - 0.15), 0.02, WHITE)
    b.box("lid", (-b.hx + 0.15, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03), (b.h - 0.15 + GAP, b.h - 0.13), WHITE)
    b.back_hinge("lid", "lid", -b.hx + 0.15, 0, b.h - 0.13, limit=1.6)
    b.hull("console", [[-b.hx, y, z] for y in (-b.hy, b.hy) for z in (b.h - 0.15, b.h)] + [[-b.hx + 0.12, y, b.h - 0.15] for y in (-b.hy, b.hy)] +
           [[-b.hx + 0.08, y, b.h] for y in (-b.hy, b.hy)], GRAPHITE)


def washer_stack(b):
    """Washer with a dryer stacked on top, both front-loading."""
    xf = b.hx - 0.02
    half = b.h / 2
    for k, z0 in enumerate((0.0, half)):
        b.rbox(f"unit_{k}", (-b.hx, xf), (-b.hy, b.hy), (z0 + 0.005, z0 + half - 0.005), 0.02, GRAPHITE)
        ring = b.rod(f"door_{k}", (xf + GAP, 0, z0 + half * 0.45), (b.hx - 0.002, 0, z0 + half * 0.45), 0.19, CHROME, n=24)
        glass = b.rod(f"glass_{k}", (b.hx - 0.002, 0, z0 + half * 0.45), (b.hx, 0, z0 + half * 0.45), 0.15, SCREEN, n=24)
        b.side_hinge(f"door_{k}", [ring, glass], b.hx, -0.19, z0 + half * 0.45, 1)
    b.surface("top", b.h, (-b.hx + 0.03, b.hx - 0.03), (-b.hy + 0.03, b.hy - 0.03))


VARIANTS = [
    Variant("toilet", "close_coupled", "white close-coupled toilet with a cistern", (0.68, 0.38, 0.78), toilet_close_coupled),
    Variant("toilet", "wall_hung", "wall-hung toilet with a concealed cistern frame", (0.7, 0.4, 1.1), toilet_wall_hung),
    Variant("toilet", "one_piece", "one-piece toilet with a low cistern", (0.7, 0.4, 0.72), toilet_modern),
    Variant("bathtub", "built_in", "white built-in bathtub with a front apron", (0.75, 1.7, 0.68), bathtub_builtin),
    Variant("bathtub", "clawfoot", "freestanding clawfoot bathtub on brass feet", (0.78, 1.6, 0.7), bathtub_clawfoot),
    Variant("bathtub", "soaking", "deep square soaking tub with a wide deck", (0.95, 1.4, 0.7), bathtub_corner),
    Variant("shower", "glass", "glass shower enclosure with a rain head", (0.9, 0.9, 2.0), shower_glass),
    Variant("shower", "quadrant", "enclosed quadrant shower cabin", (0.9, 0.9, 2.1), shower_cabin),
    Variant("shower", "walk_in", "walk-in shower with a black-framed screen", (0.9, 1.4, 2.0), shower_walkin),
    Variant("sink", "vanity", "walnut vanity unit with a ceramic basin", (0.48, 0.8, 0.95), sink_vanity,
            includes=("faucet",)),
    Variant("sink", "pedestal", "ceramic pedestal washbasin", (0.45, 0.55, 0.95), sink_pedestal, includes=("faucet",)),
    Variant("sink", "kitchen", "kitchen sink base with a steel double bowl", (0.62, 0.8, 1.0), sink_kitchen,
            includes=("faucet",)),
    # the same without their taps, for houses where the faucet is an object of its own (AI2-THOR's
    # Faucet stands on its Sink, whose box ends at the rim)
    Variant("sink", "vanity_no_tap", "walnut vanity unit with a ceramic basin, no tap", (0.48, 0.8, 0.85),
            partial(sink_vanity, tap=False)),
    Variant("sink", "pedestal_no_tap", "ceramic pedestal washbasin, no tap", (0.45, 0.55, 0.85),
            partial(sink_pedestal, tap=False)),
    Variant("sink", "kitchen_no_tap", "kitchen sink base with a steel double bowl, no tap", (0.62, 0.8, 0.9),
            partial(sink_kitchen, tap=False)),
    Variant("washing_machine", "front_loader", "white front-loading washing machine", (0.6, 0.6, 0.85), washer_front),
    Variant("washing_machine", "top_loader", "white top-loading washer", (0.65, 0.65, 1.05), washer_top),
    Variant("washing_machine", "stacked", "graphite washer with a stacked dryer", (0.65, 0.6, 1.7), washer_stack),
]
