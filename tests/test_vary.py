"""Scene variants (`vipscene vary`): each axis changes what it is asked to and nothing else, every
variant is a valid, validated build, variant i is the same whatever N is and in any process,
variants share their files, and a draw that cannot be made valid is recorded and redrawn."""

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import mujoco
import numpy as np
import pytest

from conftest import EXAMPLES
from vipscene_sim import load_scene
from vipscene_sim.pipeline.build import BuildSettings
from vipscene_sim.vary import AXIS_NAMES, VariantInvalid, VarySettings, vary
from vipscene_sim.vary import axes as axes_module
from vipscene_sim.vary.share import MIN_BYTES

BEDROOM = next(p for p in EXAMPLES if p.stem == "bedroom")
QUICK = BuildSettings(preview=False, score=False)


@pytest.fixture(scope="module")
def base(built_example):
    return built_example(BEDROOM)


def _timeless(d):
    if isinstance(d, dict):
        return {k: _timeless(v) for k, v in d.items() if k not in ("seconds", "cached", "path", "input")}
    return [_timeless(v) for v in d] if isinstance(d, list) else d


def _same_folders(a: Path, b: Path) -> None:
    """Every file byte-identical, report.json but for run times and paths."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:
        if f.name == "report.json":
            assert _timeless(json.loads((a / f).read_text())) == _timeless(json.loads((b / f).read_text())), f
        else:
            assert (a / f).read_bytes() == (b / f).read_bytes(), f


def _objects(folder: Path) -> dict:
    return {o.id: o for o in load_scene(folder / "scene.json").objects}


def _moved(a, b) -> float:
    return float(np.linalg.norm(np.subtract(a.position, b.position)))


@pytest.mark.parametrize("axis", AXIS_NAMES)
def test_each_axis_gives_valid_variants_that_differ_only_there(base, tmp_path, axis):
    (result,) = list(vary(base, 1, 11, tmp_path, VarySettings(axes=(axis,)), QUICK))
    assert result.ok, result.rejected
    out = result.out
    report = json.loads((out / "report.json").read_text())
    exports = next(s for s in report["stages"] if s["name"] == "export")["details"]
    assert all(e["validation"]["ok"] for e in exports.values()), {k: e["validation"] for k, e in exports.items()}
    settle = next(s for s in report["stages"] if s["name"] == "settle")["details"]["summary"]
    assert settle["unstable"] == [] and settle["joints_moved"] == []
    doc = json.loads((out / "variant.json").read_text())
    assert doc["axes"] == [axis] and list(doc["changes"]) == [axis] and doc["changes"][axis]
    before, after = _objects(base), _objects(out)
    old, new = load_scene(base / "scene.json"), load_scene(out / "scene.json")
    common = sorted(set(before) & set(after))
    moved = [k for k in common if _moved(before[k], after[k]) > 0.01]
    if axis == "clutter":
        assert set(after) > set(before) and all(k.startswith("clutter_") for k in set(after) - set(before))
    else:
        assert set(after) == set(before)
    if axis not in ("poses", "assets", "clutter"):
        assert moved == [], moved  # settling an unchanged layout again moves nothing that matters
    if axis == "poses":
        assert moved
    changed_assets = [k for k in common if before[k].asset.id.removesuffix("_mirrored") != after[k].asset.id.removesuffix("_mirrored")]
    assert bool(changed_assets) == (axis == "assets"), changed_assets
    assert all(before[k].category == after[k].category for k in common)
    assert (old.room.materials != new.room.materials) == (axis == "materials")
    assert any(after[k].materials for k in common) == (axis == "materials")
    assert bool(new.lights) == (axis == "lighting")
    assert any(after[k].friction is not None for k in common) == (axis == "dynamics")
    opened = [k for k in common if any(abs(v) > 1e-6 for v in after[k].joints.values())]
    if axis == "joints":
        assert opened
    elif axis not in ("assets",):
        assert opened == [k for k in common if any(abs(v) > 1e-6 for v in before[k].joints.values())]


def test_variant_i_is_the_same_whatever_n_and_in_another_process(base, tmp_path):
    settings = VarySettings(axes=("materials", "lighting", "dynamics", "joints"))
    (ten,) = list(vary(base, 10, 5, tmp_path / "ten", settings, QUICK, indices=range(7, 8)))
    env = {**os.environ, "MUJOCO_GL": os.environ.get("MUJOCO_GL", "egl")}
    subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "vary", str(base), "--n", "100", "--seed", "5",
                    "--first", "7", "--last", "8", "--vary", "materials,lighting,dynamics,joints", "--no-preview",
                    "--out", str(tmp_path / "hundred")], check=True, env=env, capture_output=True)
    other = tmp_path / "hundred" / "variant_0007"
    assert ten.out.name == "variant_0007"
    for f in ("scene.json", "variant.json", "mjcf/scene.xml", "urdf/scene.urdf", "procthor/house.json", "usd/scene.usdc"):
        a, b = (ten.out / f).read_bytes(), (other / f).read_bytes()
        assert a == b or f == "variant.json" and json.loads(a)["changes"] == json.loads(b)["changes"], f


def test_variants_share_files_and_each_loads_from_its_own_folder(base, tmp_path):
    results = list(vary(base, 2, 3, tmp_path, VarySettings(axes=("materials", "lighting")), QUICK))
    a, b = (r.out for r in results)
    meshes = sorted(p.relative_to(a) for p in (a / "mjcf" / "assets").glob("*.obj") if p.stat().st_size >= MIN_BYTES)
    assert meshes and all(os.path.samefile(a / m, b / m) for m in meshes)  # one file on disk, two names
    assert results[1].shared["linked"] > 0
    copy = tmp_path / "elsewhere"
    shutil.copytree(b, copy)  # a variant folder stands on its own
    model = mujoco.MjModel.from_xml_path(str(copy / "mjcf" / "scene.xml"))
    assert model.nbody > 10


def test_a_draw_that_cannot_be_valid_is_recorded_and_redrawn(base, tmp_path, monkeypatch):
    real = axes_module.vary_lighting
    calls = []

    def fussy(scene, ctx, rng, st):
        calls.append(1)
        if len(calls) == 1:
            raise VariantInvalid("the room cannot hold the lights")
        return real(scene, ctx, rng, st)

    monkeypatch.setattr(axes_module, "vary_lighting", fussy)
    (r,) = list(vary(base, 1, 0, tmp_path, VarySettings(axes=("lighting",)), QUICK))
    assert r.ok and r.seed == [0, 0, 1]
    doc = json.loads((tmp_path / "vary.json").read_text())
    entry = doc["variants"]["0"]
    assert entry["status"] == "ok" and entry["rejected"] == [{"attempt": 0, "seed": [0, 0, 0],
                                                              "reasons": ["the room cannot hold the lights"]}]
    monkeypatch.setattr(axes_module, "vary_lighting", lambda *a: (_ for _ in ()).throw(VariantInvalid("never")))
    (r,) = list(vary(base, 1, 0, tmp_path / "failed", VarySettings(axes=("lighting",), attempts=2), QUICK))
    assert not r.ok and not (tmp_path / "failed" / "variant_0000").exists()
    assert json.loads((tmp_path / "failed" / "vary.json").read_text())["variants"]["0"]["status"] == "failed"


def test_material_variants_render_differently_only_where_the_materials_changed(base, tmp_path):
    """Two material variants seen from above: every pixel that differs lies on a geom whose
    material differs (same geometry, same lights), and the floor's pixels do differ."""
    results = list(vary(base, 2, 8, tmp_path, VarySettings(axes=("materials",)), QUICK))
    images, segs, models = [], [], []
    for r in results:
        model = mujoco.MjModel.from_xml_path(str(r.out / "mjcf" / "scene.xml"))
        data = mujoco.MjData(model)
        mujoco.mj_forward(model, data)
        cam = mujoco.MjvCamera()
        cam.lookat[:] = np.r_[np.mean(load_scene(r.out / "scene.json").room.floor, axis=0), 0.5]
        cam.distance, cam.elevation, cam.azimuth = 6.0, -70.0, 30.0
        with mujoco.Renderer(model, 160, 200) as renderer:
            renderer.update_scene(data, cam)
            images.append(renderer.render().astype(int))
            renderer.enable_segmentation_rendering()
            renderer.update_scene(data, cam)
            segs.append(renderer.render()[..., 0].copy())
        models.append(model)
    assert (segs[0] == segs[1]).all()  # the same geometry in the same place

    def look(model, g):
        m = model.geom_matid[g]
        return (tuple(np.round(model.mat_rgba[m], 4)), int(model.mat_texid[m][1])) if m >= 0 else tuple(model.geom_rgba[g])

    names = [mujoco.mj_id2name(models[0], mujoco.mjtObj.mjOBJ_GEOM, g) for g in range(models[0].ngeom)]
    changed = {g for g in range(models[0].ngeom) if look(models[0], g) != look(models[1], g)}
    differs = np.abs(images[0] - images[1]).max(axis=2) > 8
    on_changed = np.isin(segs[0], list(changed))
    near = on_changed.copy()  # edges are blended by multisampling: a pixel beside a changed geom counts
    for axis in (0, 1):
        for step in (-1, 1):
            near |= np.roll(on_changed, step, axis=axis)
    floor = [g for g, n in enumerate(names) if n == "floor_visual"]
    assert floor and floor[0] in changed and differs[segs[0] == floor[0]].mean() > 0.5
    assert differs.sum() > 0 and (differs & ~near).sum() <= 0.002 * differs.sum()


def test_readme_stress_loop_runs(base, tmp_path, monkeypatch):
    from conftest import readme_python_block

    list(vary(base, 2, 0, tmp_path / "out" / "bedroom_variants", VarySettings(axes=("lighting",)), QUICK))
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(readme_python_block("bedroom_variants"), "README.md", "exec"), names)
    assert names["data"].time > 0 and names["index"] == "1"
