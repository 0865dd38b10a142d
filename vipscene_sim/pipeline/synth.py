"""`vipscene synth SCENE.json --out OUT`: a ground-truth walkthrough of a scene (a layout gets
its assets retrieved first), rendered with MuJoCo."""

from __future__ import annotations

from pathlib import Path

from ..atomic import output_folder
from ..errors import UserError
from ..scene import load_scene
from .libraries import LibraryOptions


def run_synth(scene_path, out, camera, seed: int = 0, libraries: LibraryOptions = LibraryOptions(),
              progress=None) -> dict:
    """Render ``camera`` (`synth.CameraSettings`) of the scene into OUT; returns
    `render_walkthrough`'s summary with ``out`` and ``assets_retrieved``. ``progress(step, i, n)``
    hears of each rendered frame."""
    from exporters.mjcf import export_mjcf
    from physics.stage import physical_bodies

    from ..synth import render_walkthrough

    if not 1 <= camera.frames <= 2000:
        raise UserError(f"--frames {camera.frames}: must be between 1 and 2000")
    if not (16 <= camera.width <= 4096 and 16 <= camera.height <= 4096):
        raise UserError(f"--size {camera.width} {camera.height}: each side must be between 16 and 4096 pixels")
    scene = load_scene(scene_path)
    out = output_folder(out)
    libs = libraries.open()
    retrieved = 0
    from ..retrieve.stage import check_asset_references

    check_asset_references(scene, libs)
    if any(o.asset is None for o in scene.objects):  # a layout: give it furniture to look at
        from ..retrieve import Retriever, retrieve_scene

        retrieved = sum(o.asset is None for o in scene.objects)
        scene = retrieve_scene(scene, Retriever(libs.libraries), libs, image_root=Path(scene_path).parent)[0]
    bodies = physical_bodies(scene, libs, cache_dir=libs.get("builtin").cache_root)
    output_folder(out, create=True)
    scene.save(out / "scene.json")  # the ground truth of what is rendered
    mjcf = export_mjcf(scene, libs, bodies, out)
    result = render_walkthrough(mjcf, scene, out, camera, seed=seed, progress=progress)
    return {**result, "out": str(out), "name": scene.name, "assets_retrieved": retrieved,
            "asset_failures": dict(sorted(libs.failures.items()))}
