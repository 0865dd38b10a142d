"""`vipscene build`: layout -> assets -> refine -> physics -> export, into one output folder.

Reads as numbered steps; ``--no-physics`` records the physics stage as skipped. The preview is
skipped on a rerun when its inputs are unchanged (see `vipscene_sim.pipeline.stages`). Every file is
written atomically.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..atomic import atomic_write_bytes, atomic_write_text
from ..rules import ROBOT_RADIUS
from ..scene import Scene, dumps, load_scene
from ..transaction import output_transaction
from .libraries import LibraryOptions
from .stages import StageRecord, can_skip, previous_stages, report_json, sha256_file, sha256_json

ProgressFn = Callable[[str, int, int], None]

@dataclass(frozen=True)
class BuildSettings:
    """Settings of a build run."""

    seed: int | None = None
    """Overrides the layout's seed for every random choice of the run (None: keep it)."""
    preview: bool = True
    """Write OUT/preview.png, a top-down plan of the final scene."""
    preview_size_px: int = 900
    """Width of the plan image in pixels."""
    force: bool = False
    """Rerun every stage even when its inputs are unchanged."""
    cache_dir: str | None = None
    """Where the built-in asset library is cached (None: $VIPSCENE_CACHE_DIR or ~/.cache/vipscene-sim)."""
    asset_folders: tuple[str, ...] = ()
    """Folders of the user's own assets (each with a catalog.json), searched with the built-in library."""
    objathor: str | None = None
    """An objathor/Objaverse version folder to search as well."""
    allow_pickle: bool = False
    """Read objathor .pkl.gz files (unpickling runs code from the file: only for trusted files)."""
    clip_model: str | None = None
    """CLIP model id or folder: also match objects' perception crops (``source.crop``) by image."""
    robot_radius: float = ROBOT_RADIUS
    """Radius (m) of the robot whose navigable floor the layout stage measures."""
    physics: bool = True
    """Run colliders and settling (``--no-physics`` stops after layout refinement)."""
    score: bool = True
    """Write OUT/score.json and OUT/score.md with the model-free metrics (`vipscene score` adds
    FPVScore)."""

    @property
    def libraries(self) -> LibraryOptions:
        return LibraryOptions(self.cache_dir, self.asset_folders, self.objathor, self.allow_pickle)


@dataclass
class BuildResult:
    out: Path
    scene: Scene
    stages: list[StageRecord] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What is wrong with the scene although it was written, one line each: pairs refinement
        could not separate, objects that did not come to rest, exports their consumer rejected.
        A command that reports any exits `PROBLEMS_EXIT` (never a silent 0)."""
        return scene_problems({s.name: s.details for s in self.stages})

    def summary(self) -> dict:
        return {
            "out": str(self.out),
            "name": self.scene.name,
            "objects": len(self.scene.objects),
            "stages": {s.name: s.status for s in self.stages},
            "files": sorted({f for s in self.stages for f in s.outputs} | {"scene.json", "report.json"}),
            "problems": self.problems(),
        }


PROBLEMS_EXIT = 3
"""Exit code of a build (import, generate) that wrote its output but whose scene has problems."""


def scene_problems(details: dict[str, dict]) -> list[str]:
    """`BuildResult.problems` from the stages' details (report.json's ``details`` by stage name)."""
    out = []
    for c in details.get("refine", {}).get("unresolved_collisions") or []:
        if str(c["b"]).startswith("door swing"):
            continue  # a blocked door swing is a layout warning in report.json, not a broken scene
        out.append(f"{c['a']} and {c['b']} still overlap by {c['depth'] * 1000:.0f} mm after refinement")
    for oid in details.get("refine", {}).get("outside_room") or []:
        out.append(f"{oid} still reaches through a wall after refinement")
    for oid in (details.get("settle", {}).get("summary") or {}).get("unstable") or []:
        out.append(f"{oid} does not come to rest in the physics check")
    for fmt, e in sorted(details.get("export", {}).items()):
        v = e.get("validation") if isinstance(e, dict) else None
        if isinstance(v, dict) and v.get("ok") is False:
            why = (v.get("problems") or [None])[0] or (
                f"moved more than 1 cm: {', '.join(v['moved_more_than_1cm'])}" if v.get("moved_more_than_1cm") else
                "see report.json")
            out.append(f"{fmt} export failed its validation ({why})")
    return out


def build(layout: str | Path, out: str | Path, settings: BuildSettings = BuildSettings(),
          progress: ProgressFn | None = None) -> BuildResult:
    """Run every available stage of the chain on a layout file and write OUT."""
    layout, out = Path(layout), Path(out)
    steps = 8
    tick = progress or (lambda name, i, n: None)

    # 1. Check inputs: the layout must be valid before anything is written.
    tick("validate", 1, steps)
    scene = load_scene(layout)
    if settings.seed is not None:
        scene = replace(scene, seed=settings.seed)
    # Everything is written into a copy of OUT that replaces it only when complete (a kill, a full
    # disk or an error leaves the previous output as it was); a second build into OUT is refused.
    with output_transaction(out) as staging:
        scene, stages = _run(layout, scene, staging, settings, tick, steps)
    return BuildResult(out, scene, stages)


def _run(layout: Path, scene: Scene, out: Path, settings: BuildSettings, tick: ProgressFn, steps: int
         ) -> tuple[Scene, list[StageRecord]]:
    """The stages of `build`, writing into ``out`` (the staging folder); the final scene and the
    stage records."""
    prev = {} if settings.force else previous_stages(out)
    stages: list[StageRecord] = []

    # 2. The layout as read (canonical form), the input of every later stage.
    t0 = time.perf_counter()
    atomic_write_text(out / "layout.json", scene.to_json())
    stages.append(StageRecord("layout", "ran", time.perf_counter() - t0,
                              sha256_json(scene.to_dict()), ["layout.json"]))

    # 3. An asset for every object, fitted to its box.
    tick("retrieve", 2, steps)
    t0 = time.perf_counter()

    from ..retrieve import Retriever, retrieve_scene

    libraries = settings.libraries.open()
    scorer = None
    if settings.clip_model:
        from ..retrieve.clip import ClipImageScorer, ClipSettings

        scorer = ClipImageScorer.from_pretrained(libraries, ClipSettings(settings.clip_model),
                                                 libraries.get("builtin").cache_root)
    scene, retrieval = retrieve_scene(scene, Retriever(libraries.libraries, image_scorer=scorer), libraries,
                                      image_root=layout.parent)
    stages.append(StageRecord("retrieve", "ran", time.perf_counter() - t0, sha256_json(scene.to_dict()), [],
                              details={"libraries": libraries.describe(), **retrieval}))

    # 4. Refine the layout: collision-free, inside the room, against walls, on surfaces.
    tick("refine", 3, steps)
    t0 = time.perf_counter()
    from ..layout import RefineSettings, refine_layout

    scene, refined = refine_layout(scene, libraries, RefineSettings(robot_radius=settings.robot_radius))
    stages.append(StageRecord("refine", "ran", time.perf_counter() - t0, sha256_json(scene.to_dict()), [],
                              details=refined))

    # 5-6. Colliders and settling in PyBullet; the settled poses are the final scene.
    if settings.physics:
        tick("physics", 4, steps)
        t0 = time.perf_counter()
        from physics.stage import physical_bodies, simulate

        # hulls and mass in the object frame: computed once, for settling and for every exporter
        bodies = physical_bodies(scene, libraries, cache_dir=libraries.get("builtin").cache_root)
        bodies_seconds = time.perf_counter() - t0
        scene, colliders, settled = simulate(scene, libraries, cache_dir=libraries.get("builtin").cache_root,
                                             bodies=bodies)
        colliders["seconds"] = round(colliders["seconds"] + bodies_seconds, 3)
        stages.append(StageRecord("colliders", "ran", colliders["seconds"], None, [], details=colliders))
        stages.append(StageRecord("settle", "ran", time.perf_counter() - t0 - colliders["seconds"],
                                  sha256_json(scene.to_dict()), [], details=settled))
    else:
        stages.append(StageRecord("physics", "skipped", note="--no-physics"))

    # 7. Simulator files, each validated by its real consumer.
    if settings.physics:
        tick("export", 5, steps)
        t0 = time.perf_counter()
        from exporters import available_formats, export_all

        exported = export_all(scene, libraries, bodies, out, available_formats())
        stages.append(StageRecord("export", "ran", time.perf_counter() - t0, sha256_json(scene.to_dict()),
                                  [e["path"] for e in exported.values()], details=exported))

    # 8. Model-free metrics of the final scene (collisions, bounds, reachability, stability...).
    if settings.score:
        tick("score", 6, steps)
        t0 = time.perf_counter()
        from ..evaluate.scene_metrics import MetricSettings, scene_metrics
        from .score import score_document, summary_text

        metrics = scene_metrics(scene, libraries, {"stages": [asdict(s) for s in stages]}, scene.provenance.prompt,
                                MetricSettings(robot_radius=settings.robot_radius))
        doc = score_document(scene, scene.seed, metrics,
                             {"rendered": False, "reason": "not rendered by build (run 'vipscene score OUT')"},
                             {"judged": False, "reason": "not judged by build (run 'vipscene score OUT --judge ...')"})
        atomic_write_text(out / "score.json", dumps(doc))
        atomic_write_text(out / "score.md", summary_text(doc))
        stages.append(StageRecord("score", "ran", time.perf_counter() - t0, None, ["score.json", "score.md"],
                                  details={"collision_rate": metrics.collisions.rate,
                                           "out_of_bounds_rate": metrics.out_of_bounds.rate,
                                           "objects_reachable_rate": metrics.navigation.objects_reachable_rate,
                                           "stable_rate": metrics.stability.get("stable_rate")}))

    # 9. Preview of the final scene.
    tick("preview", steps - 1, steps)
    if settings.preview:
        key = sha256_json({"scene": scene.to_dict(), "size": settings.preview_size_px, "v": __version__})
        if can_skip(prev, "preview", key, out):
            stages.append(StageRecord("preview", "skipped", 0.0, key, ["preview.png"], "inputs unchanged"))
        else:
            from .preview import compose_preview

            t0 = time.perf_counter()
            buf = io.BytesIO()
            mjcf = out / "mjcf" / "scene.xml" if settings.physics and (out / "mjcf" / "scene.xml").exists() else None
            image, view = compose_preview(scene, libraries, settings.preview_size_px, mjcf)
            image.save(buf, format="PNG")
            atomic_write_bytes(out / "preview.png", buf.getvalue())
            stages.append(StageRecord("preview", "ran", time.perf_counter() - t0, key, ["preview.png"],
                                      details={"view": view}))

    # 10. The final scene and the report, written last so a crash never leaves a report that
    #    claims outputs which are not there.
    tick("write", steps, steps)
    atomic_write_text(out / "scene.json", scene.to_json())
    meta = {
        "tool": {"name": "vipscene-sim", "version": __version__},
        "command": "build",
        "input": {"path": str(layout), "sha256": sha256_file(layout)},
        "seed": scene.seed,
        "settings": {"preview": settings.preview, "preview_size_px": settings.preview_size_px,
                     "asset_folders": list(settings.asset_folders), "objathor": settings.objathor,
                     "allow_pickle": settings.allow_pickle, "clip_model": settings.clip_model,
                     "robot_radius": settings.robot_radius, "physics": settings.physics, "score": settings.score},
        "objects": len(scene.objects),
        "asset_failures": dict(sorted(libraries.failures.items())),
    }
    atomic_write_text(out / "report.json", report_json(meta, stages))
    return scene, stages
