"""`vipscene build`: layout -> assets -> refine -> physics -> export, into one output folder.

Reads as numbered steps; ``--no-physics`` records the physics stage as skipped. On a rerun into
the same OUT every stage whose inputs are unchanged is skipped (see `vipscene_sim.pipeline.stages`).
Every file is written atomically.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..affordances.settings import AffordanceSettings
from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import UserError
from ..hashing import sha256_file, sha256_json
from ..rules import ROBOT_RADIUS
from ..scene import Scene, dumps, load_scene
from ..transaction import output_transaction
from .libraries import LibraryOptions
from .stages import StageRecord, previous_stages, report_json, reuse, stage_key

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
    clear_openings: bool = True
    """Push furniture out of the space doors, drawers and lids open into; False: keep the
    layout and only report what blocks them (`vipscene import`: the house author's layout)."""
    physics: bool = True
    """Run colliders and settling (``--no-physics`` stops after layout refinement)."""
    affordances: AffordanceSettings = field(default_factory=AffordanceSettings)
    """The gripper and robots `OUT/affordances.json` is computed for."""
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
    if (details.get("refine", {}).get("summary") or {}).get("budget_exhausted"):
        out.append("refinement ran out of its time budget (RefineSettings.time_budget_s); what still overlaps follows")
    if (details.get("settle", {}).get("summary") or {}).get("budget_exhausted"):
        out.append("settling ran out of its time budget (SettleSettings.time_budget_s); objects still moving follow")
    for c in details.get("refine", {}).get("unresolved_collisions") or []:
        if str(c["b"]).startswith("door swing"):
            continue  # a blocked door swing is a layout warning in report.json, not a broken scene
        out.append(f"{c['a']} and {c['b']} still overlap by {c['depth'] * 1000:.0f} mm after refinement")
    for oid in details.get("refine", {}).get("outside_room") or []:
        out.append(f"{oid} still reaches through a wall after refinement")
    for oid in (details.get("settle", {}).get("summary") or {}).get("unstable") or []:
        out.append(f"{oid} does not come to rest in the physics check")
    for joint in (details.get("settle", {}).get("summary") or {}).get("joints_moved") or []:
        out.append(f"joint {joint} does not stay at its scene position in the physics check")
    for fmt, e in sorted(details.get("export", {}).items()):
        v = e.get("validation") if isinstance(e, dict) else None
        if isinstance(v, dict) and v.get("ok") is False:
            why = (v.get("problems") or [None])[0] or (
                f"moved more than 1 cm: {', '.join(v['moved_more_than_1cm'])}" if v.get("moved_more_than_1cm") else
                f"joints moved: {', '.join(v['joints_moved'])}" if v.get("joints_moved") else
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
    """The stages of `build`, writing into ``out`` (the staging folder, a copy of the previous
    OUT); the final scene and the stage records. Each stage is skipped when an earlier run did it
    from the same inputs (`stages.stage_key`) and its outputs are still there."""
    prev = {} if settings.force else previous_stages(out)
    stages: list[StageRecord] = []

    # 2. The layout as read (canonical form), the input of every later stage.
    layout_hash = sha256_json(scene.to_dict())
    key = stage_key("layout", scene=layout_hash)
    rec = reuse(prev, "layout", key, out)
    if rec is None:
        t0 = time.perf_counter()
        atomic_write_text(out / "layout.json", scene.to_json())
        rec = StageRecord("layout", "ran", time.perf_counter() - t0, key, ["layout.json"])
    stages.append(rec)

    # 3. An asset for every object, fitted to its box.
    tick("retrieve", 2, steps)
    libraries = settings.libraries.open()
    crops = _crop_stamps(scene, layout.parent) if settings.clip_model else None
    key = stage_key("retrieve", scene=layout_hash, catalog=libraries.catalog_fingerprint(),
                    clip_model=settings.clip_model, crops=crops)

    def retrieve() -> tuple[Scene, dict]:
        from ..retrieve import Retriever, retrieve_scene

        scorer = None
        if settings.clip_model:
            from ..retrieve.clip import ClipImageScorer, ClipSettings

            scorer = ClipImageScorer.from_pretrained(libraries, ClipSettings(settings.clip_model),
                                                     libraries.get("builtin").cache_root)
        chosen, retrieval = retrieve_scene(scene, Retriever(libraries.libraries, image_scorer=scorer), libraries,
                                           image_root=layout.parent)
        return chosen, {"libraries": libraries.describe(), **retrieval}

    scene, rec = _scene_stage(prev, out, "retrieve", key, libraries, retrieve)
    stages.append(rec)
    assets = libraries.assets_fingerprint(o.asset for o in scene.objects)

    # 4. Refine the layout: collision-free, inside the room, against walls, on surfaces.
    tick("refine", 3, steps)
    key = stage_key("refine", scene=sha256_json(scene.to_dict()), assets=assets, robot_radius=settings.robot_radius,
                    clear_openings=settings.clear_openings)

    def refine() -> tuple[Scene, dict]:
        from ..layout import RefineSettings, refine_layout

        return refine_layout(scene, libraries, RefineSettings(robot_radius=settings.robot_radius,
                                                              opening_clearance="push" if settings.clear_openings else "report"))

    scene, rec = _scene_stage(prev, out, "refine", key, libraries, refine)
    stages.append(rec)

    # 5-6. Colliders and settling in PyBullet; the settled poses are the final scene.
    bodies = None
    cache = libraries.get("builtin").cache_root
    if settings.physics:
        tick("physics", 4, steps)
        key = stage_key("settle", scene=sha256_json(scene.to_dict()), assets=assets)
        colliders_rec = reuse(prev, "colliders", key, out)

        def settle() -> tuple[Scene, dict]:
            nonlocal bodies, colliders_rec
            from physics.stage import physical_bodies, simulate

            t0 = time.perf_counter()
            # hulls and mass in the object frame: computed once, for settling and for every exporter
            bodies = physical_bodies(scene, libraries, cache_dir=cache)
            bodies_seconds = time.perf_counter() - t0
            settled_scene, colliders, settled = simulate(scene, libraries, cache_dir=cache, bodies=bodies)
            colliders["seconds"] = round(colliders["seconds"] + bodies_seconds, 3)
            notes = colliders["joint_notes"]
            colliders_rec = StageRecord("colliders", "ran", colliders["seconds"], key, [], details=colliders,
                                        note=f"{len(notes)} joint position(s) clamped or unknown: {notes[0]}" if notes else "")
            return settled_scene, settled

        scene, rec = _scene_stage(prev, out, "settle", key, libraries, settle,
                                  reusable=colliders_rec is not None)
        if rec.status == "ran":
            rec.seconds = max(0.0, rec.seconds - colliders_rec.seconds)
        stages += [colliders_rec, rec]
    else:
        stages.append(StageRecord("physics", "skipped", note="--no-physics"))

    # the scene is final from here on: export, score and preview read it, hashed once
    final_hash = sha256_json(scene.to_dict())

    # 7. Simulator files, each validated by its real consumer.
    if settings.physics:
        tick("export", 5, steps)
        from exporters import available_formats, export_all

        formats = available_formats()
        key = stage_key("export", scene=final_hash, assets=assets, formats=formats)
        rec = reuse(prev, "export", key, out)
        if rec is None:
            t0 = time.perf_counter()
            before = set(libraries.failures)
            if bodies is None:  # settling was skipped: the hulls come from the collider cache
                from physics.stage import physical_bodies

                bodies = physical_bodies(scene, libraries, cache_dir=cache)
            exported = export_all(scene, libraries, bodies, out, formats)
            rec = StageRecord("export", "ran", time.perf_counter() - t0, key,
                              [e["path"] for e in exported.values()], details=exported)
            _note_failures(rec, libraries, before)
        stages.append(rec)

    # 7b. What a robot can grasp, place on, open and stand at (OUT/affordances.json).
    if settings.physics:
        key = stage_key("affordances", scene=final_hash, assets=assets, settings=settings.affordances.to_dict())
        rec = reuse(prev, "affordances", key, out)
        if rec is None:
            from ..affordances import FILE, compute_affordances

            t0 = time.perf_counter()
            if bodies is None:
                from physics.stage import physical_bodies

                bodies = physical_bodies(scene, libraries, cache_dir=cache)
            found = compute_affordances(scene, libraries, bodies, settings.affordances)
            atomic_write_text(out / FILE, dumps(found.to_dict()))
            rec = StageRecord("affordances", "ran", time.perf_counter() - t0, key, [FILE], details={
                "graspable": len(found.graspable), "receptacles": len(found.receptacles),
                "openable": len(found.openable), "base_poses": len(found.base_poses),
                "arm_mounts": len(found.arm_mounts), "out_of_reach": found.out_of_reach, "notes": found.notes})
        stages.append(rec)

    # 8. Model-free metrics of the final scene (collisions, bounds, reachability, stability...).
    if settings.score:
        tick("score", 6, steps)
        settle_details = next((s.details for s in stages if s.name == "settle"), None)
        key = stage_key("score", scene=final_hash, assets=assets, settle=settle_details,
                        robot_radius=settings.robot_radius)
        rec = reuse(prev, "score", key, out)
        if rec is None:
            t0 = time.perf_counter()
            from ..evaluate.scene_metrics import MetricSettings, scene_metrics
            from .score import score_document, summary_text

            metrics = scene_metrics(scene, libraries, {"stages": [asdict(s) for s in stages]},
                                    scene.provenance.prompt, MetricSettings(robot_radius=settings.robot_radius))
            doc = score_document(scene, scene.seed, metrics,
                                 {"rendered": False, "reason": "not rendered by build (run 'vipscene score OUT')"},
                                 {"judged": False, "reason": "not judged by build (run 'vipscene score OUT --judge ...')"})
            atomic_write_text(out / "score.json", dumps(doc))
            atomic_write_text(out / "score.md", summary_text(doc))
            rec = StageRecord("score", "ran", time.perf_counter() - t0, key, ["score.json", "score.md"],
                              details={"collision_rate": metrics.collisions.rate,
                                       "out_of_bounds_rate": metrics.out_of_bounds.rate,
                                       "objects_reachable_rate": metrics.navigation.objects_reachable_rate,
                                       "stable_rate": metrics.stability.get("stable_rate")})
        stages.append(rec)

    # 9. Preview of the final scene.
    tick("preview", steps - 1, steps)
    if settings.preview:
        key = stage_key("preview", scene=final_hash, assets=assets, size=settings.preview_size_px,
                        physics=settings.physics)
        rec = reuse(prev, "preview", key, out)
        if rec is None:
            from .preview import compose_preview

            t0 = time.perf_counter()
            buf = io.BytesIO()
            mjcf = out / "mjcf" / "scene.xml" if settings.physics and (out / "mjcf" / "scene.xml").exists() else None
            image, view = compose_preview(scene, libraries, settings.preview_size_px, mjcf)
            image.save(buf, format="PNG")
            atomic_write_bytes(out / "preview.png", buf.getvalue())
            rec = StageRecord("preview", "ran", time.perf_counter() - t0, key, ["preview.png"], details={"view": view})
        stages.append(rec)

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
                     "robot_radius": settings.robot_radius, "clear_openings": settings.clear_openings,
                     "physics": settings.physics, "score": settings.score,
                     "affordances": settings.affordances.to_dict()},
        "objects": len(scene.objects),
        # failures met by the stages that ran now, and those recorded by the stages skipped
        "asset_failures": dict(sorted({**{k: v for s in stages for k, v in s.details.get("asset_failures", {}).items()},
                                       **libraries.failures}.items())),
    }
    atomic_write_text(out / "report.json", report_json(meta, stages))
    return scene, stages


def _scene_stage(prev: dict[str, StageRecord], out: Path, name: str, key: str, libraries,
                 run: Callable[[], tuple[Scene, dict]], reusable: bool = True) -> tuple[Scene, StageRecord]:
    """Run a stage that changes the scene, or reuse its earlier output (``OUT/stages/<name>.json``)
    when it ran from the same inputs; the output scene and the stage record."""
    path = f"stages/{name}.json"
    rec = reuse(prev, name, key, out) if reusable else None
    if rec is not None:
        try:
            return Scene.from_json((out / path).read_text(), str(out / path)), rec
        except (OSError, ValueError, UserError):
            pass  # an unreadable earlier output: the stage runs again
    t0 = time.perf_counter()
    before = set(libraries.failures)
    scene, details = run()
    atomic_write_text(out / path, scene.to_json())
    rec = StageRecord(name, "ran", time.perf_counter() - t0, key, [path], details=details)
    _note_failures(rec, libraries, before)
    return scene, rec


def _note_failures(rec: StageRecord, libraries, before: set[str]) -> None:
    """Keep in the stage's details the asset failures it met, so a later run that skips it still
    reports them."""
    new = {k: v for k, v in libraries.failures.items() if k not in before}
    if new:
        rec.details["asset_failures"] = dict(sorted(new.items()))


def _crop_stamps(scene: Scene, root: Path) -> dict[str, list]:
    """The perception crops retrieval reads by image (``source.crop``), stamped by size and time."""
    from assets.paths import file_stamp

    return {o.id: file_stamp(root / str(o.source["crop"])) for o in scene.objects
            if isinstance(o.source, dict) and o.source.get("crop")}
