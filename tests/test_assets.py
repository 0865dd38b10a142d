"""The built-in asset library: complete, well-formed, physically usable, and distinct variants."""

import json
from collections import defaultdict

import numpy as np
import pytest
import trimesh

from assets.library import BuiltinLibrary
from assets.render import contact_sheet, render_asset
from vipscene_sim.catalog import CATEGORIES
from vipscene_sim.cli.main import main

REQUIRED = """bed bunk_bed crib sofa armchair chair office_chair stool bench ottoman dining_table coffee_table
side_table desk nightstand dresser wardrobe bookshelf cabinet tv_stand kitchen_counter kitchen_island refrigerator
stove dishwasher washing_machine toilet bathtub shower sink floor_lamp plant rug piano trash_can tv painting mirror
wall_shelf wall_cabinet ceiling_lamp table_lamp mug bowl plate bottle vase book laptop monitor keyboard box pillow
basket cooking_pot microwave toaster alarm_clock""".split()


def _by_category(lib):
    cats = defaultdict(list)
    for info in lib.infos():
        cats[info.category].append(info)
    return cats


def test_every_required_category_has_three_variants(builtin_library):
    cats = _by_category(builtin_library)
    for c in REQUIRED:
        assert len(cats[c]) >= 3, c
    assert set(cats) == set(CATEGORIES)


def test_catalog_metadata_is_complete(builtin_library):
    for info in builtin_library.infos():
        spec = CATEGORIES[info.category]
        assert info.description and info.synonyms and info.mass > 0
        assert info.placement == spec.placement
        for axis in range(3):
            assert spec.size_min[axis] - 1e-6 <= info.size[axis] <= spec.size_max[axis] + 1e-6, (info.id, axis)
        for r in info.receptacles:
            assert 0 < r.height <= info.size[2] + 1e-6, (info.id, r)
            assert -info.size[0] / 2 - 1e-6 <= r.x[0] < r.x[1] <= info.size[0] / 2 + 1e-6, (info.id, r)
            assert -info.size[1] / 2 - 1e-6 <= r.y[0] < r.y[1] <= info.size[1] / 2 + 1e-6, (info.id, r)
    assert any(i.joints for i in builtin_library.infos() if i.category == "wardrobe")
    surfaces = {i.category for i in builtin_library.infos() if i.receptacles}
    assert {"dining_table", "nightstand", "bookshelf", "kitchen_counter", "desk"} <= surfaces


def test_parts_are_watertight_convex_and_centred(builtin_library):
    for info in builtin_library.infos():
        g = builtin_library.geometry(info.id)
        lo, hi = g.bounds()
        assert np.allclose((lo + hi) / 2, 0, atol=1e-9), info.id
        assert np.allclose(hi - lo, info.size, atol=1e-5), info.id
        for p in g.parts:
            m = p.mesh()
            assert m.is_watertight and m.is_volume and m.volume > 0, (info.id, p.name)
            hull = m.convex_hull
            assert abs(hull.volume - m.volume) <= 1e-6 + 1e-3 * m.volume, (info.id, p.name)


def _occupancy(geom, n=16):
    """Which cells of a grid lie inside some convex part, after scaling the asset uniformly to a
    largest extent of 1 (so proportions count as shape, overall size does not)."""
    lo, hi = geom.bounds()
    s = float((hi - lo).max())
    g = np.stack(np.meshgrid(*[np.linspace(-0.5, 0.5, n)] * 3, indexing="ij"), -1).reshape(-1, 3) * s
    inside = np.zeros(len(g), bool)
    for p in geom.parts:
        m = p.mesh()
        normals = m.face_normals
        offsets = np.einsum("ij,ij->i", normals, m.triangles[:, 0])
        inside |= (g @ normals.T <= offsets + 1e-9).all(axis=1)
    return inside


def test_variants_differ_in_shape_not_only_colour(builtin_library):
    for cat, infos in _by_category(builtin_library).items():
        occ = [_occupancy(builtin_library.geometry(i.id)) for i in infos]
        for a in range(len(occ)):
            for b in range(a + 1, len(occ)):
                iou = (occ[a] & occ[b]).sum() / max((occ[a] | occ[b]).sum(), 1)
                assert iou < 0.85, f"{infos[a].id} and {infos[b].id} are nearly the same shape (IoU {iou:.2f})"


@pytest.mark.parametrize("category", ["bed", "sofa", "armchair", "chair", "office_chair"])
def test_front_is_plus_x(builtin_library, category):
    """Backrests and headboards are at -X: the highest material sits behind the centre."""
    for info in builtin_library.infos():
        if info.category != category or info.variant in ("posts", "divan"):  # no headboard rises at the back
            continue
        g = builtin_library.geometry(info.id)
        v = np.vstack([p.vertices for p in g.parts])
        top = v[v[:, 2] > v[:, 2].max() - 0.25 * info.size[2]]
        assert top[:, 0].mean() < 0, info.id


def test_generation_is_deterministic_and_cached(tmp_path, monkeypatch, builtin_library):
    """Generating again gives the same parts; a warm cache is read, never regenerated."""
    fresh = BuiltinLibrary(tmp_path / "b")
    for info in builtin_library.infos()[::17]:
        pa = builtin_library.geometry(info.id).parts
        pb = fresh._generate(info.id)[1]
        assert all(np.array_equal(x.vertices, y.vertices) and np.array_equal(x.faces, y.faces) for x, y in zip(pa, pb))
    warm = BuiltinLibrary(builtin_library.cache_root)
    monkeypatch.setattr(warm, "_generate", lambda *a: (_ for _ in ()).throw(AssertionError("regenerated")))
    assert len(warm.infos()) == len(builtin_library.infos())
    warm.geometry("bed__platform")


def test_corrupt_cache_is_rebuilt(tmp_path, builtin_library):
    import shutil

    shutil.copytree(builtin_library.cache_root, tmp_path, dirs_exist_ok=True)
    lib = BuiltinLibrary(tmp_path)
    (lib.cache / "catalog.json").write_text("{ broken")
    (lib.cache / "mug__classic.npz").write_bytes(b"garbage")
    fresh = BuiltinLibrary(tmp_path)
    assert len(fresh.infos()) == len(builtin_library.infos())
    assert len(fresh.geometry("mug__classic").parts) > 3


def test_render_and_sheet(builtin_library):
    img = np.asarray(render_asset(builtin_library.geometry("sofa__modern"), 128))
    assert img.shape == (128, 128, 3) and (img < 250).any(axis=2).mean() > 0.1
    geoms = [builtin_library.geometry(i.id) for i in builtin_library.infos()[:5]]
    assert contact_sheet(geoms, tile_px=64, columns=3).size == (192, 2 * (64 + 30))


def test_assets_cli(capsys, tmp_path, builtin_library):
    assert main(["assets", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(builtin_library.infos())
    assert {"id", "category", "size", "placement", "receptacles", "mass", "dynamic", "joints"} <= set(rows[0])
    assert main(["assets", "show", "chair__windsor", "--out", str(tmp_path / "c.glb")]) == 0
    loaded = trimesh.load(tmp_path / "c.glb", force="scene")
    assert len(loaded.geometry) == len(builtin_library.geometry("chair__windsor").visual_groups())
    assert main(["assets", "show", "chair__windsor", "--out", str(tmp_path / "c.png"), "--size", "96"]) == 0
    capsys.readouterr()
    assert main(["assets", "sheet", "--out", str(tmp_path / "s.png"), "--category", "mug", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"out": str(tmp_path / "s.png"), "assets": 3}
    assert main(["assets", "show", "chair__windsor", "--out", str(tmp_path / "c.txt")]) == 2
    assert main(["assets", "show", "no_such_asset", "--out", str(tmp_path / "x.png")]) == 2


def _top_at(geom, x, y):
    """Height of the highest material above (x, y) across the convex parts, or None."""
    best = None
    for p in geom.parts:
        m = p.mesh()
        n = m.face_normals
        d = np.einsum("ij,ij->i", n, m.triangles[:, 0])
        side = np.abs(n[:, 2]) < 1e-9  # vertical faces bound the footprint
        if (n[side, 0] * x + n[side, 1] * y > d[side] + 1e-9).any():
            continue  # (x, y) is outside this part's footprint
        up = n[:, 2] > 1e-9
        z = np.min((d[up] - n[up, 0] * x - n[up, 1] * y) / n[up, 2])
        best = z if best is None else max(best, z)
    return best


def test_every_receptacle_holds_a_cube_without_passing_through_its_asset(builtin_library):
    """A 4 cm cube resting at the middle of any surface is free of every part of its asset: a
    drawer, a fridge shelf, a cupboard floor or a bin's inside is hollow, not a surface drawn
    inside a solid block (what a house keeps inside furniture has somewhere to be)."""
    from scipy.spatial import ConvexHull

    half, inside = 0.02, []
    corners = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (0.1, 1.9)]) * (half - 0.003)
    for info in builtin_library.infos():
        g = builtin_library.geometry(info.id)
        lo = g.bounds()[0]
        hulls = [ConvexHull(p.vertices).equations for p in g.parts]
        for r in info.receptacles:
            if r.x[1] - r.x[0] < 2 * half or r.y[1] - r.y[0] < 2 * half:
                continue
            c = np.array([(r.x[0] + r.x[1]) / 2, (r.y[0] + r.y[1]) / 2, lo[2] + r.height])
            pts = c + corners
            for eq, p in zip(hulls, g.parts):
                if ((pts @ eq[:, :3].T + eq[:, 3]) < -1e-4).all(axis=1).any():
                    inside.append(f"{info.id}/{r.name} in {p.name}")
    assert not inside, inside
    interiors = {i.category for i in builtin_library.infos()
                 if any(k in r.name for r in i.receptacles for k in ("drawer", "shelf", "freezer", "inside", "bin"))}
    assert {"dresser", "refrigerator", "trash_can", "wardrobe", "kitchen_counter", "nightstand"} <= interiors


def test_receptacle_heights_match_the_geometry(builtin_library):
    """An object placed on a receptacle neither floats nor sinks: over a 3 x 3 grid on each surface
    (median, so a seam between cushions does not count) the material right below its height is
    within 1 cm of it."""
    for info in builtin_library.infos():
        g = builtin_library.geometry(info.id)
        lo = g.bounds()[0]
        single = [type(g)(g.info, [p]) for p in g.parts]
        for r in info.receptacles:
            heights = []
            for fx in (0.25, 0.5, 0.75):
                for fy in (0.25, 0.5, 0.75):
                    x, y = r.x[0] + fx * (r.x[1] - r.x[0]), r.y[0] + fy * (r.y[1] - r.y[0])
                    tops = [t - lo[2] for t in (_top_at(part, x, y) for part in single)
                            if t is not None and t - lo[2] <= r.height + 0.01]
                    heights.append(max(tops) if tops else -1.0)
            got = float(np.median(heights))
            assert abs(got - r.height) <= 0.01, f"{info.id}/{r.name}: surface {r.height:.3f} m, material {got:.3f} m"


def test_glb_materials_follow_the_material_kinds(tmp_path, builtin_library):
    """`assets show --out X.glb` writes one glTF PBR material per surface: roughness and metallic
    of its kind (`assets.materials`), the part colour as base colour factor, and the kind's albedo
    texture and normal map with UVs where it has them: a kitchen counter's steel handles are
    metal, its body matte and textured."""
    from assets.materials import MATERIALS

    geom = builtin_library.geometry(next(i.id for i in builtin_library.infos() if i.category == "kitchen_counter"))
    (tmp_path / "c.glb").write_bytes(geom.scene().export(file_type="glb"))
    loaded = trimesh.load(tmp_path / "c.glb", force="scene")
    assert len(loaded.geometry) == len(geom.visual_groups())
    metals, textured = set(), 0
    for name, mesh in loaded.geometry.items():
        mat = mesh.visual.material
        kind = MATERIALS[name.rsplit("_", 1)[0]]
        assert (mat.roughnessFactor, mat.metallicFactor) == pytest.approx((kind.roughness, kind.metallic))
        metals.add(kind.metallic)
        if kind.texture:
            assert mat.baseColorTexture is not None and mat.baseColorTexture.size == (512, 512)
            assert mesh.visual.uv is not None and len(mesh.visual.uv) == len(mesh.vertices)
            assert (mat.normalTexture is not None) == kind.normal
            textured += 1
    assert metals == {0.0, 1.0} and textured >= 1, "the counter has metal and non-metal parts, some textured"
