"""Implementations of the CLI commands: parse nothing, print results, return an exit code."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ..atomic import atomic_write_text, output_folder
from ..errors import SceneError, UserError
from ..geometry.polygon import signed_area
from ..scene import dumps, load_scene
from .interrupts import raise_if_interrupted


def validate(args) -> int:
    results = []
    for name in args.files:
        try:
            scene = load_scene(name)
            results.append({"file": name, "valid": True, "objects": len(scene.objects),
                            "floor_area_m2": round(signed_area(scene.room.floor), 3), "problems": []})
        except SceneError as exc:
            results.append({"file": name, "valid": False,
                            "problems": [{"path": p.path, "message": p.message} for p in exc.problems]})
        except UserError as exc:
            results.append({"file": name, "valid": False, "problems": [{"path": "$", "message": str(exc)}]})
    if args.json:
        sys.stdout.write(dumps(results))
    else:
        for r in results:
            if r["valid"]:
                print(f"{r['file']}: ok ({r['objects']} objects, floor {r['floor_area_m2']:.1f} m2)")
            else:
                n = len(r["problems"])
                print(f"{r['file']}: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
                for p in r["problems"]:
                    print(f"  {p['path']}: {p['message']}", file=sys.stderr)
    return 0 if all(r["valid"] for r in results) else 2


def schema_text() -> str:
    return resources.files("vipscene_sim").joinpath("schema/scene.schema.json").read_text()


def schema(args) -> int:
    text = schema_text()
    if args.out:
        atomic_write_text(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


def build_settings(args, **extra):
    """BuildSettings from the build flags shared by build and generate, and the library options."""
    from ..pipeline.build import BuildSettings

    return BuildSettings(seed=args.seed, preview=not args.no_preview, cache_dir=args.cache_dir,
                         asset_folders=tuple(args.assets), objathor=args.objathor, allow_pickle=args.allow_pickle,
                         clip_model=args.clip, robot_radius=args.robot_radius, physics=not args.no_physics,
                         score=not args.no_score, **extra)


def build(args) -> int:
    from ..pipeline.build import build as run_build

    settings = build_settings(args, force=args.force)
    with _progress() as tick:
        result = run_build(args.layout, args.out, settings, progress=tick)
    summary = result.summary()
    if args.json:
        sys.stdout.write(dumps(summary))
    else:
        print(f"built {summary['name']} ({summary['objects']} objects) into {summary['out']}")
        for rec in result.stages:
            extra = f"  {rec.note}" if rec.note else ""
            print(f"  {rec.name:<9} {rec.status:<11} {rec.seconds:6.2f} s{extra}")
    return _problems_exit(summary["problems"], summary["out"])


def _problems_exit(problems: list[str], where: str) -> int:
    """Print a built scene's problems on stderr and return the exit code they mean."""
    from ..pipeline.build import PROBLEMS_EXIT

    shown = 20  # a hostile layout can have tens of thousands; all of them are in report.json
    for line in problems[:shown]:
        print(f"vipscene: problem: {line}", file=sys.stderr)
    if len(problems) > shown:
        print(f"vipscene: problem: ... and {len(problems) - shown} more", file=sys.stderr)
    if problems:
        print(f"vipscene: {where} was written, but {len(problems)} problem(s) remain (exit {PROBLEMS_EXIT}; "
              "report.json has the details)", file=sys.stderr)
        return PROBLEMS_EXIT
    return 0


def vary(args) -> int:
    from ..pipeline.build import PROBLEMS_EXIT, BuildSettings
    from ..vary import VarySettings, parse_axes, vary as run_vary

    settings = VarySettings(axes=parse_axes(args.vary))
    last = args.n if args.last is None else args.last
    if not 0 <= args.first < last <= args.n:
        raise UserError(f"--first {args.first} --last {last}: need 0 <= FIRST < LAST <= N ({args.n})")
    build = BuildSettings(preview=not args.no_preview, cache_dir=args.cache_dir, asset_folders=tuple(args.assets),
                          objathor=args.objathor, allow_pickle=args.allow_pickle)
    done, failed = [], []
    for r in run_vary(args.base, args.n, args.seed, args.out, settings, build, range(args.first, last)):
        (done if r.ok else failed).append(r)
        if not args.json:
            status = "ok" if r.ok else "FAILED"
            print(f"variant {r.index}: {status} in {r.seconds:.1f} s"
                  + (f" ({len(r.rejected)} draw(s) rejected)" if r.rejected else ""), flush=True)
    if args.json:
        sys.stdout.write(dumps({"out": str(args.out), "ok": [r.index for r in done], "failed": [r.index for r in failed]}))
    for r in failed:
        print(f"vipscene: problem: variant {r.index}: no valid draw in {len(r.rejected)} attempts "
              f"({r.rejected[-1]['reasons'][0]}); see vary.json", file=sys.stderr)
    return PROBLEMS_EXIT if failed else 0


def robot(args) -> int:
    from ..pipeline.robot import run_robot
    from ..robot import RobotSettings

    base = None
    if args.base != ["auto"]:
        try:
            x, y, yaw = (float(v) for v in args.base)
        except ValueError:
            raise UserError(f"--base {' '.join(args.base)}: give auto, or X Y YAW (three numbers)") from None
        if not all(math.isfinite(v) for v in (x, y, yaw)):
            raise UserError(f"--base {' '.join(args.base)}: must be finite numbers")
        base = (x, y, yaw)
    result = run_robot(args.out, args.robot, RobotSettings(base=base, near=args.near, mount=args.mount,
                                                              prefix=args.prefix, profile=args.profile))
    if args.json:
        sys.stdout.write(dumps(result.to_dict()))
    else:
        p = result.placement
        print(f"robot: {result.model} ({result.base} base at x {p.position[0]:.2f} y {p.position[1]:.2f} "
              f"z {p.position[2]:.2f} yaw {p.yaw:.2f}, {p.source}; {result.clearance * 1000:.1f} mm clear of the scene; "
              f"reaches {len(p.targets)} targets)")
        for what in result.dropped:
            print(f"  left out of the robot file: {what}")
    return 0


def score(args) -> int:
    from ..evaluate.judge import JudgeSettings
    from ..evaluate.scene_metrics import MetricSettings
    from ..evaluate.walkthrough import RenderSettings
    from ..pipeline.score import ScoreSettings, score_output, summary_text
    from ..vlm import VlmSettings

    w, h = args.size
    if not (16 <= w <= 4096 and 16 <= h <= 4096):
        raise UserError(f"--size {w} {h}: each side must be between 16 and 4096 pixels")
    if not 1 <= args.frames <= 256:
        raise UserError(f"--frames {args.frames}: must be between 1 and 256")
    if args.attempts < 1 or args.retries < 0 or args.timeout <= 0:
        raise UserError("--attempts must be >= 1, --retries >= 0 and --timeout > 0")
    settings = ScoreSettings(
        judge=args.judge,
        vlm=VlmSettings(args.judge, args.model, base_url=args.base_url, timeout_s=args.timeout, retries=args.retries,
                        device=args.device, precision=args.precision),
        judging=JudgeSettings(frames=args.frames, attempts=args.attempts),
        metrics=MetricSettings(robot_radius=args.robot_radius),
        render=RenderSettings(width=w, height=h),
        walkthrough=not args.no_walkthrough, prompt=args.prompt, compare=args.compare, seed=args.seed,
        cache_dir=args.cache_dir, asset_folders=tuple(args.assets), objathor=args.objathor,
        allow_pickle=args.allow_pickle)
    with _progress() as tick:
        doc, failure = score_output(args.out, settings, progress=tick)
    if args.json:
        sys.stdout.write(dumps(doc))
    else:
        sys.stdout.write(summary_text(doc))
    if failure:
        raise UserError(f"the judge failed: {failure} (score.json has the metrics and says what was not judged)")
    return 0


def _libraries(args):
    from ..pipeline.libraries import LibraryOptions

    return LibraryOptions(args.cache_dir, tuple(args.assets), args.objathor, args.allow_pickle)


def settle(args) -> int:
    from ..pipeline.settle import run_settle

    result = run_settle(args.scene, args.out, _libraries(args))
    if args.json:
        sys.stdout.write(dumps(result.to_dict()))
    else:
        s = result.settle
        print(f"settled {result.name} into {result.out}: {s['stable']}/{s['dynamic_objects']} dynamic objects "
              f"stable, largest penetration {s['max_penetration'] * 1000:.1f} mm")
        if s["unstable"]:
            print(f"  unstable: {', '.join(s['unstable'])}")
    return 0


def export(args) -> int:
    from ..pipeline.export import parse_formats, run_export

    formats = parse_formats(args.format)
    if args.usda and "usd" not in formats:
        raise UserError("--usda writes the text copy of the USD export: add usd to --format")
    result = run_export(args.scene, args.out, formats, _libraries(args), usda=args.usda)
    if args.json:
        sys.stdout.write(dumps(result.to_dict()))
    else:
        for name, entry in result.formats.items():
            v = entry["validation"]
            status = "ok" if v["ok"] else "FAILED"
            rest = (f"; max drift over {v['simulated_seconds']} s: {v['max_drift'] * 1000:.1f} mm"
                    if "max_drift" in v else "")
            print(f"{name}: {Path(result.out) / entry['path']} ({status}{rest})")
            for problem in v.get("problems", []) + [f"moved: {m}" for m in v.get("moved_more_than_1cm", [])]:
                print(f"  {problem}")
        for key, why in result.asset_failures.items():
            print(f"  asset {key} could not be loaded ({why}): exported as its box")
    return 0 if result.ok else 1


def import_house(args) -> int:
    from ..pipeline.build import BuildSettings
    from ..pipeline.import_house import run_import

    settings = BuildSettings(preview=not args.no_preview, cache_dir=args.cache_dir, asset_folders=tuple(args.assets),
                             objathor=args.objathor, allow_pickle=args.allow_pickle, clear_openings=args.clear_openings)

    def announce(i, n, room):
        print(f"[room {i}/{n}] {room}", file=sys.stderr, flush=True)

    with _progress() as tick:
        result = run_import(args.house, args.out, settings, tuple(args.room or ()), tick, announce,
                            args.thor_database, build_rooms=not args.no_build)
    for line in result.skipped:
        print(f"vipscene: warning: {args.house}: {line}", file=sys.stderr)
    if args.json:
        sys.stdout.write(dumps(result.to_dict()))
    else:
        for r in result.rooms:
            trouble = f", {len(r.problems)} problem(s)" if r.problems else ""
            print(f"{r.room}: {r.objects} objects ({r.substitutions} typical sizes, {r.skipped} skipped{trouble}) -> {r.out}")
    return _problems_exit([f"{r.room}: {p}" for r in result.rooms for p in r.problems], args.out)


def synth(args) -> int:
    from ..pipeline.synth import run_synth
    from ..synth import CameraSettings

    w, h = args.size
    with _progress() as tick:
        result = run_synth(args.scene, args.out, CameraSettings(path=args.path, frames=args.frames, width=w, height=h),
                           args.seed, _libraries(args), progress=tick)
    if args.json:
        sys.stdout.write(dumps(result))
    else:
        print(f"rendered {result['frames']} frames of {result['name']} into {result['out']} "
              f"({result['visible_instances']} objects seen)")
    return 0


def random_room(args) -> int:
    from ..synth.rooms import random_room as draw

    scene = draw(args.seed, args.kind)
    out = Path(args.out)
    if out.is_dir():
        raise UserError(f"{out}: is a folder; --out takes the layout file to write, e.g. {out / 'room.json'}")
    output_folder(out.parent, create=True)
    scene.save(out)
    print(f"{scene.name}: {len(scene.objects)} objects, floor with {len(scene.room.floor)} corners -> {out}")
    return 0


def perceive_options(args, prompt: str | None, noise: str = "none"):
    """PerceiveOptions from the perception flags shared by perceive and generate."""
    from ..pipeline.perceive import PerceiveOptions
    from ..vlm import VlmSettings

    return PerceiveOptions(
        reconstruct=args.reconstruct, perceive=args.perceive, noise=noise, seed=args.seed,
        max_frames=args.max_frames, prompt=prompt, vocab=tuple(args.vocab), catalog=not args.no_catalog,
        track=args.track, detect_every=args.detect_every, device=args.device, precision=args.precision,
        depth_model=args.depth_model, detector=args.detector, segmenter=args.segmenter, vggt_model=args.vggt_model,
        box_threshold=args.box_threshold, text_threshold=args.text_threshold, nms_iou=args.nms_iou,
        max_detections=args.max_detections,
        batch_size=args.batch_size, fov_deg=args.fov, max_objects=args.max_objects,
        vlm=VlmSettings(backend=args.vlm, model=args.vlm_model, base_url=args.base_url))


def perceive(args) -> int:
    from ..pipeline.perceive import run_perceive

    opts = perceive_options(args, args.prompt, args.noise)
    with _progress() as tick:
        summary = run_perceive(args.input, args.out, opts, progress=tick).to_dict()
    if args.build:
        from ..pipeline.build import BuildSettings
        from ..pipeline.build import build as run_build

        settings = BuildSettings(seed=args.seed, cache_dir=args.cache_dir, asset_folders=tuple(args.assets),
                                 objathor=args.objathor, allow_pickle=args.allow_pickle)
        with _progress() as tick:
            summary["build"] = run_build(summary["layout"], args.out, settings, progress=tick).summary()
    if args.json:
        sys.stdout.write(dumps(summary))
    else:
        print(f"lifted {summary['objects']} objects, {summary['walls']} walls and {summary['openings']} openings "
              f"from {summary['frames']} frames into {summary['layout']}")
        for note in summary["notes"]:
            print(f"  {note}")
        if summary["not_lifted"]:
            print(f"  {summary['not_lifted']} tracks not lifted (see lift_report.json)")
        if args.build:
            print(f"built {summary['build']['objects']} objects into {summary['out']}")
    return _problems_exit(summary["build"]["problems"], summary["out"]) if args.build else 0


def generate(args) -> int:
    from ..pipeline.generate import GenerateOptions, run_batch, run_generate
    from ..video.generate import VideoSettings

    if args.prompts and (args.prompt or args.image or args.video):
        raise UserError("--prompts runs a file of prompts: give no PROMPT, --image or --video with it")
    w, h = args.size or (None, None)
    opts = GenerateOptions(
        prompt=args.prompt, image=args.image, video=args.video, path=args.path,
        video_settings=VideoSettings(args.video_backend, args.video_model, args.frames, w, h, args.steps, args.guidance,
                                     args.fps, args.seed, args.device, args.precision, args.memory, args.vae_tiling),
        perceive=perceive_options(args, args.prompt),
        build=build_settings(args),
        force=args.force)
    if args.prompts:
        def announce(i, n, prompt):
            print(f"[prompt {i}/{n}] {prompt}", file=sys.stderr, flush=True)

        with _progress() as tick:
            doc = run_batch(args.prompts, args.out, opts, progress=tick, report=announce)
        if args.json:
            sys.stdout.write(dumps(doc))
        else:
            from ..pipeline.generate import batch_table

            print(f"{doc['ok']} of {len(doc['runs'])} prompts built into {args.out} (batch.md, batch.json)")
            sys.stdout.write(batch_table(doc["runs"]))
        return 0 if not doc["failed"] else 2
    with _progress() as tick:
        summary = run_generate(args.out, opts, progress=tick)
    if args.json:
        sys.stdout.write(dumps(summary))
    else:
        print(f"generated {summary['out']}: {summary['objects_found']} objects found, {summary['objects_built']} built")
        if summary["reconstruction"]:
            print(f"  reconstruction: {summary['reconstruction']}")
        for name, st in summary["stages"].items():
            print(f"  {name:<9} {st['status']:<8} {st['seconds']:8.2f} s")
        if summary["exports"]:
            print(f"  exports: {', '.join(str(p) for p in summary['exports'].values())}")
        if summary["stable_rate"] is not None:
            print(f"  stable after settling: {100 * summary['stable_rate']:.0f} %, collisions: "
                  f"{100 * (summary['collision_rate'] or 0):.0f} %, objects reachable: "
                  f"{100 * (summary['objects_reachable_rate'] or 0):.0f} %")
    return _problems_exit(summary["problems"], summary["out"])


def view(args) -> int:
    import os

    target = Path(args.out)
    path = target if target.suffix == ".xml" else target / "mjcf" / "scene.xml"
    if not path.exists():
        raise UserError(f"{path}: no such file; run 'vipscene build' or 'vipscene export --format mjcf' first")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise UserError("no display to open a window on; preview.png in the output folder shows the scene")
    import mujoco
    import mujoco.viewer

    mujoco.viewer.launch(mujoco.MjModel.from_xml_path(str(path)))
    return 0


class _progress:
    """Progress of long steps on stderr: a rich bar on a terminal, plain lines otherwise."""

    def __enter__(self) -> Callable[[str, int, int], None]:
        self._bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), TimeElapsedColumn(),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task("start", total=1)

        def tick(name: str, i: int, n: int) -> None:
            raise_if_interrupted()  # a Ctrl-C some library swallowed stops here
            if self._bar is not None:
                self._bar.update(self._task, description=name, completed=i - 1, total=n)
            else:
                print(f"[{i}/{n}] {name}", file=sys.stderr, flush=True)

        return tick

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
