"""Retrieval: labels to categories, size-aware choices, XY swaps, fallbacks, and fitting."""

import math
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from vipscene_sim import load_scene
from vipscene_sim.labels import parse_label, singular
from vipscene_sim.retrieve import Query, Retriever, fit_asset, retrieve_scene

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def retriever(builtin_library):
    return Retriever([builtin_library])


@pytest.mark.parametrize("label, category", [
    ("queen bed with headboard", "bed"), ("couch", "sofa"), ("bedside table", "nightstand"),
    ("fridge", "refrigerator"), ("night stand", "nightstand"), ("book case", "bookshelf"),
    ("mug on the coffee table", "mug"), ("coffee table book", "book"), ("chest of drawers", "dresser"),
    ("stack of plates", "plate"), ("tv console", "tv_stand"), ("flatscreen", "tv"),
])
def test_labels(retriever, label, category):
    assert retriever.rank(Query(label), 1).best.category == category


@pytest.mark.parametrize("label, size, category", [
    ("table", (1.8, 0.9, 0.75), "dining_table"), ("table", (1.0, 0.5, 0.45), "coffee_table"),
    ("lamp", (0.4, 0.4, 1.6), "floor_lamp"), ("lamp", (0.3, 0.3, 0.45), "table_lamp"),
    ("shelf", (0.35, 0.9, 1.8), "bookshelf"), ("shelf", (0.25, 0.8, 0.04), "wall_shelf"),
])
def test_size_decides_between_categories(retriever, label, size, category):
    assert retriever.rank(Query(label, size), 1).best.category == category


def test_swapped_xy_is_recognised_and_fitted(retriever):
    # a sofa's own X is its depth: a box measured 2.2 m along X has X and Y swapped
    best = retriever.rank(Query("couch", (2.2, 0.9, 0.85)), 1).best
    assert best.category == "sofa" and best.swap_xy
    straight = retriever.rank(Query("couch", (0.9, 2.2, 0.85)), 1).best
    assert straight.category == "sofa" and not straight.swap_xy
    info = next(i for i in retriever.libraries[0].infos() if i.id == best.id)
    fit = fit_asset(info.size, (2.2, 0.9, 0.85), True, info.size_min, info.size_max)
    assert fit.yaw_offset == pytest.approx(math.pi / 2)
    assert np.allclose(fit.size, (0.9, 2.2, 0.85), rtol=0.16)  # object axes after the quarter turn


@pytest.mark.parametrize("label", ["", "   ", "xyzzy quux"])
def test_unknown_label_falls_back_to_size_and_placement(retriever, label):
    r = retriever.rank(Query(label, (2.05, 1.6, 0.6), "floor"), 3)
    assert r.fallback and "size and placement" in r.fallback
    assert r.best.category == "bed"


def test_description_chooses_the_variant(retriever):
    r = retriever.rank(Query("bunk bed", (2.1, 1.0, 1.7), description="with a storage staircase"), 1)
    assert r.best.id == "bunk_bed__stairs"


def test_placement_words_in_the_label(retriever):
    assert parse_label("reading lamp on the desk").placement == "on"
    assert parse_label("clock on the wall").placement == "wall"
    assert parse_label("nightstand lamp").placement == "on"
    assert parse_label("pendant lamp over the table").placement is None
    assert retriever.rank(Query("reading lamp on the desk"), 1).best.category == "table_lamp"


def test_singulars():
    assert [singular(w) for w in ["shelves", "boxes", "benches", "cushions", "glass", "cactus", "stoves"]] == [
        "shelf", "box", "bench", "cushion", "glass", "cactus", "stove"]


def _load(name):
    rows = []
    for line in (ROOT / "benchmarks" / "data" / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            size = tuple(float(v) for v in parts[2].split()) if len(parts) > 2 else None
            rows.append((Query(parts[0], size), parts[1]))
    return rows


@pytest.mark.parametrize("name", ["retrieval_dev.tsv", "retrieval_heldout.tsv"])
def test_top1_accuracy_on_label_sets(retriever, name):
    rows = _load(name)
    hits = sum(retriever.rank(q, 1).best.category == want for q, want in rows)
    assert hits / len(rows) >= 0.9, f"{hits}/{len(rows)}"


def test_fit_uniform_bounded_and_residual():
    fit = fit_asset((1.0, 0.5, 0.8), (2.0, 1.0, 1.6), False)
    assert np.allclose(fit.scale, 2.0) and np.allclose(fit.residual, 0.0) and fit.yaw_offset == 0.0
    fit = fit_asset((1.0, 1.0, 1.0), (1.0, 1.5, 1.0), False, settings=__import__(
        "vipscene_sim.retrieve.fit", fromlist=["FitSettings"]).FitSettings(max_axis_deviation=0.1))
    uniform = 1.5 ** (1 / 3)
    assert fit.scale[1] == pytest.approx(uniform * 1.1) and fit.scale[0] == pytest.approx(uniform * 0.9)
    assert fit.residual[1] < 0 < fit.residual[0]


def test_an_exact_box_is_filled_not_approximated():
    """A box known exactly (an AI2-THOR database box) is filled: no 15 % aspect limit, no clamp
    to the category's range; only past twice the uniform scale does an axis stop."""
    fit = fit_asset((0.62, 0.6, 0.91), (1.22, 1.22, 0.94), False, (0.5, 0.3, 0.8), (0.7, 3.0, 1.0), exact=True)
    assert np.allclose(fit.size, (1.22, 1.22, 0.94)) and not fit.clamped
    loose = fit_asset((0.62, 0.6, 0.91), (1.22, 1.22, 0.94), False, (0.5, 0.3, 0.8), (0.7, 3.0, 1.0))
    assert loose.size[2] > 1.0  # perception's box: the aspect is only partly followed
    far = fit_asset((1.0, 1.0, 1.0), (1.0, 1.0, 27.0), False, exact=True)
    assert far.size[2] == pytest.approx(6.0) and far.residual[2] < 0  # 3 x 2


def test_a_parent_is_chosen_for_where_its_children_rest(builtin_library):
    """Three beds fit a 2.1 x 1.65 x 1.25 box (known exactly, as from AI2-THOR's database) about
    equally well; the pillow's height picks the one whose mattress is there, and rests on it."""
    from vipscene_sim.scene import Room, Scene, SceneObject, Support

    libs = LibrarySet([builtin_library])
    mattress = {i.id: i.receptacles[0].height / i.size[2] for i in builtin_library.infos() if i.category == "bed"}
    for bed_id, fraction in mattress.items():
        h = 1.25
        bed = SceneObject("bed", "bed", [2.1, 1.65, h], [2.5, 2.0, h / 2], source={"size_from": "database"})
        pillow = SceneObject("pillow", "pillow", [0.4, 0.6, 0.12], [2.0, 2.0, fraction * h + 0.06],
                             support=Support("on", "bed"), dynamic=True)
        scene = Scene(name="t", room=Room(floor=[[0, 0], [5, 0], [5, 4], [0, 4]]), objects=[bed, pillow])
        out, report = retrieve_scene(scene, Retriever([builtin_library]), libs)
        assert out.object("bed").asset.id == bed_id, (bed_id, report["objects"]["bed"]["children_fit"])
        assert out.object("pillow").bottom_z == pytest.approx(fraction * h, abs=0.03)


def test_a_sink_holding_its_own_faucet_has_no_tap_and_its_children_rest_where_they_stand(builtin_library):
    """AI2-THOR's Faucet is an object on its Sink, whose box ends at the rim: the sink chosen is
    one without a built-in tap (the others are recorded as dropped), the faucet stands on its
    deck at the rim's height, and a sponge inside the bowl's outline rests in the bowl although
    the deck is nearer its height. Without a faucet child, sinks with taps stay candidates."""
    from vipscene_sim.scene import Room, Scene, SceneObject, Support

    libs = LibrarySet([builtin_library])
    h = 0.98
    sink = SceneObject("sink", "sink", [0.62, 0.8, h], [2.0, 2.0, h / 2], source={"size_from": "database"})
    faucet = SceneObject("faucet", "faucet", [0.12, 0.2, 0.25], [2.0 - 0.25, 2.0, h + 0.125],
                         support=Support("on", "sink"))
    sponge = SceneObject("sponge", "dish_sponge", [0.1, 0.07, 0.03], [2.05, 1.8, h - 0.1 + 0.015],
                         support=Support("on", "sink"), dynamic=True)
    room = Room(floor=[[0, 0], [5, 0], [5, 4], [0, 4]])
    out, report = retrieve_scene(Scene(name="t", room=room, objects=[sink, faucet, sponge]),
                                 Retriever([builtin_library]), libs)
    chosen = builtin_library.info(out.object("sink").asset.id)
    assert "faucet" not in chosen.includes and chosen.id.endswith("_no_tap")
    assert report["objects"]["sink"]["built_in_dropped"]
    assert out.object("faucet").bottom_z == pytest.approx(h, abs=0.005)
    bowl = min(r.height for r in chosen.receptacles) * out.object("sink").asset.scale[2]
    assert out.object("sponge").bottom_z == pytest.approx(bowl, abs=0.005)
    alone, report = retrieve_scene(Scene(name="t", room=room, objects=[sink]), Retriever([builtin_library]), libs)
    assert "built_in_dropped" not in report["objects"]["sink"]
    assert any("faucet" in builtin_library.info(c["id"]).includes for c in report["objects"]["sink"]["ranking"])


def test_children_near_the_corners_choose_a_rectangular_table_over_a_stretched_round_one(builtin_library):
    """A 0.77 x 1.2 m table known exactly with things near its ends: a round table stretched to
    that box would only hold them on the square inscribed in its top, so a rectangular one is
    chosen and nothing has to move to fit on it."""
    from vipscene_sim.scene import Room, Scene, SceneObject, Support

    libs = LibrarySet([builtin_library])
    h = 0.74
    table = SceneObject("table", "dining_table", [0.77, 1.2, h], [2.0, 2.0, h / 2], source={"size_from": "database"})
    kids = [SceneObject(f"book_{k}", "book", [0.2, 0.25, 0.04], [2.0 + dx, 2.0 + dy, h + 0.02],
                        support=Support("on", "table"), dynamic=True)
            for k, (dx, dy) in enumerate([(0.0, -0.44), (0.0, 0.44), (0.25, 0.3)])]
    scene = Scene(name="t", room=Room(floor=[[0, 0], [5, 0], [5, 4], [0, 4]]), objects=[table, *kids])
    out, report = retrieve_scene(scene, Retriever([builtin_library]), libs)
    fits = report["objects"]["table"]["children_fit"]
    assert out.object("table").asset.id != "dining_table__round"
    assert fits["builtin/dining_table__round"] < fits[f"builtin/{out.object('table').asset.id}"]


def test_absurd_sizes_are_clamped_with_a_warning():
    fit = fit_asset((0.5, 0.45, 0.9), (0.5, 0.45, 10.0), False, (0.4, 0.4, 0.7), (0.65, 0.6, 1.15), label="chair_1")
    assert fit.clamped and fit.size[2] <= 1.15 * 1.25 + 1e-9
    assert any("chair_1" in w and "clamped" in w for w in fit.warnings)


def test_retrieve_scene_places_children_on_fitted_parents(builtin_library):
    libs = LibrarySet([builtin_library])
    scene = load_scene(ROOT / "examples" / "kitchen.json")
    out, report = retrieve_scene(scene, Retriever([builtin_library]), libs)
    by_id = {o.id: o for o in out.objects}
    assert all(o.asset is not None for o in out.objects)
    assert report["summary"]["retrieved"] == len(out.objects)
    island = by_id["island"]
    surface = island.bottom_z + max(r.height for r in builtin_library.info(island.asset.id).receptacles) * island.asset.scale[2]
    for child in ("plate_1", "mug_1", "bowl"):
        assert by_id[child].bottom_z == pytest.approx(surface, abs=1e-6)
    assert by_id["refrigerator"].bottom_z == pytest.approx(0.0, abs=1e-6)
    assert by_id["ceiling_lamp"].top_z == pytest.approx(scene.room.height, abs=1e-6)
    type(out).from_json(out.to_json())  # still a valid scene
    again, _ = retrieve_scene(scene, Retriever([builtin_library]), libs)
    assert again.to_json() == out.to_json()


def test_a_label_is_questioned_when_no_asset_of_it_can_have_the_measured_size(builtin_library):
    """A 2 x 1.6 m object labelled "nightstand" (every nightstand's size score is near 0, a bed's
    near 1) becomes a bed, and the ranking says why, which categories fit and what was chosen; a
    nightstand-sized nightstand and a label that fits its box are left alone."""
    r = Retriever([builtin_library])
    doubted = r.rank(Query("nightstand", (2.0, 1.6, 0.5)), 5)
    assert doubted.best.category == "bed"
    assert doubted.questioned.startswith("label 'nightstand' names nightstand, but no such asset can be")
    assert "categories that fit the box: bed (" in doubted.questioned
    assert doubted.questioned.endswith(f"chose bed ({doubted.best.id})")
    for query in (Query("nightstand", (0.45, 0.5, 0.6)), Query("table", (1.8, 0.9, 0.75)), Query("lamp", None)):
        assert r.rank(query, 3).questioned is None
    assert r.rank(Query("nightstand", (0.45, 0.5, 0.6)), 3).best.category == "nightstand"
