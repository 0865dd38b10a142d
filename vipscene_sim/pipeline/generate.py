"""`vipscene generate`: prompt -> video -> reconstruction -> perception -> lifting -> build, into
one output folder, resumable; and batches of prompts.

Stages and what each writes into OUT:
1. ``video``: ``video/frames/frame_0000.png``..., ``video/walkthrough.mp4``, ``video/video.json`` (prompt,
   negative prompt, model, settings, memory plan). With ``--video FILE`` the user's video is the
   input instead and nothing is generated.
2. ``perceive``: ``geometry.npz``, ``instances.npz``, ``layout.json``, ``lift_report.json`` (see
   `pipeline.perceive.run_perceive`).
3. ``build``: ``scene.json``, ``report.json``, ``score.json``, ``preview.png``, ``mjcf/``, ``urdf/``,
   ``procthor/``, ``usd/`` (see `build.build`).

``generate.json`` records each stage's input hash: a rerun skips a stage whose inputs (prompt,
image, settings, the previous stage's output) are unchanged and whose outputs exist; ``--force``
reruns all. Models load only for the stages that run; a batch loads them once for all prompts.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import atomic_write_bytes, atomic_write_text, output_folder
from ..errors import UserError
from ..hashing import sha256_file, sha256_json
from ..ml import ModelHolder
from ..scene import dumps
from ..transaction import output_lock, output_transaction
from ..video.generate import VideoSettings, resolve
from ..video.prompts import PATHS, clean_description, walkthrough_prompt
from .build import BuildSettings, scene_problems
from .perceive import PerceiveOptions
from .stages import StageRecord, can_skip

GENERATE_SCHEMA = "vipscene-sim/generate"
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class GenerateOptions:
    prompt: str | None = None
    """The room description (also leads the detection vocabulary and is scored against)."""
    image: str | None = None
    """An image prompt: the video starts from it (image-to-video)."""
    video: str | None = None
    """The user's own walkthrough (video file or folder of frames) instead of a generated one."""
    path: str = "orbit"
    """Camera path asked of the video model: pan, orbit or walk."""
    video_settings: VideoSettings = field(default_factory=VideoSettings)
    perceive: PerceiveOptions = field(default_factory=PerceiveOptions)
    build: BuildSettings = field(default_factory=BuildSettings)
    force: bool = False


def video_key(settings: VideoSettings, image: bool) -> str:
    """The video pipeline's key in the run's `ModelHolder`."""
    return f"video:{resolve(settings, image)[0].model}:{'i2v' if image else 't2v'}"


def video_generator(models: ModelHolder, settings: VideoSettings, image: bool):
    """The video pipeline of ``settings`` from the run's model holder; one is kept at a time (a
    different model frees the previous one first), and a loaded one serves new sizes, steps and
    seeds."""
    from ..video.generate import VideoGenerator

    key = video_key(settings, image)
    if not models.has(key):
        models.release("video:")
    g = models.get(key, lambda: VideoGenerator(settings, image))
    g.settings = resolve(replace(settings, model=g.settings.model), image)[0]
    return g


def _load_record(out: Path) -> dict:
    try:
        doc = json.loads((out / "generate.json").read_text())
        return doc.get("stages", {}) if doc.get("schema") == GENERATE_SCHEMA else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _done(prev: dict, name: str, key: str, out: Path) -> bool:
    """The one rerun rule (`stages.can_skip`) on generate.json's stage entries."""
    rec = prev.get(name)
    return rec is not None and can_skip({name: StageRecord.from_dict(name, rec)}, name, key, out)


def _read_image(path: str):
    """The --image prompt (video.io.read_image), with the flag named in every error."""
    from ..video.io import read_image

    p = Path(path)
    if not p.is_file():
        raise UserError(f"--image {path}: no such file")
    try:
        image = read_image(p)
    except UserError as exc:
        raise UserError(f"--image: not a readable image; {exc}") from None
    h, w = image.shape[:2]
    if w * h > 8192 * 8192 or min(w, h) < 16:
        raise UserError(f"--image {path}: {w}x{h} pixels is not a usable picture size")
    return image


def save_generated(video, folder: Path, meta: dict) -> list[str]:
    """Frames as PNG (lossless: what perception reads), an mp4 to watch, and video.json."""
    import io

    from PIL import Image

    from ..video.io import write_mp4

    with output_transaction(folder) as staging:  # a kill mid-way leaves the previous video whole
        frames_dir = staging / "frames"
        shutil.rmtree(frames_dir, ignore_errors=True)
        frames_dir.mkdir(parents=True)
        for k, f in enumerate(video.frames):
            buf = io.BytesIO()
            Image.fromarray(f).save(buf, format="PNG")
            atomic_write_bytes(frames_dir / f"frame_{k:04d}.png", buf.getvalue())
        mp4 = write_mp4(staging / "walkthrough.mp4", video.frames, video.fps)
        meta = {**meta, "frames": len(video.frames), "size": [int(video.frames.shape[2]), int(video.frames.shape[1])],
                "fps": video.fps, "mp4": mp4}
        atomic_write_text(staging / "video.json", dumps(meta))
    outs = ["video/video.json", "video/frames/frame_0000.png"]
    return outs + (["video/walkthrough.mp4"] if mp4 == "walkthrough.mp4" else [])


def run_generate(out: str | Path, opts: GenerateOptions, models: ModelHolder | None = None,
                 progress: ProgressFn | None = None, keep_video: bool = False) -> dict:
    """Run every stage into OUT (skipping finished ones); returns the summary."""
    if opts.path not in PATHS:
        raise UserError(f"--path {opts.path}: must be one of {', '.join(PATHS)}")
    if opts.video and opts.image:
        raise UserError("--video and --image exclude each other (a video needs no image prompt)")
    if not opts.video and not opts.image and not clean_description(opts.prompt or ""):
        raise UserError(f"the prompt {opts.prompt!r} describes no room: give a PROMPT, an --image or a --video")
    if opts.video and not Path(opts.video).exists():
        raise UserError(f"--video {opts.video}: no such file or folder")
    image = _read_image(opts.image) if opts.image else None
    out = output_folder(out)  # created by the first stage that writes: a model that fails to load leaves nothing
    with output_lock(out.absolute(), "generate.lock"):  # one generate per OUT; each stage is a transaction
        return _generate(out, opts, image, models, progress, keep_video)


def _generate(out: Path, opts: GenerateOptions, image, models: ModelHolder | None, progress: ProgressFn | None,
              keep_video: bool) -> dict:
    from .build import build
    from .perceive import run_perceive

    models = models if models is not None else ModelHolder()
    tick = progress or (lambda name, i, n: None)
    prev = {} if opts.force else _load_record(out)
    stages: dict[str, dict[str, Any]] = {}
    popts = replace(opts.perceive, prompt=opts.prompt or opts.perceive.prompt)

    # 1. The walkthrough video.
    t0 = time.perf_counter()
    if opts.video:
        src = Path(opts.video)
        key = sha256_json({"video": sha256_file(src) if src.is_file() else
                           sorted((p.name, sha256_file(p)) for p in src.iterdir() if p.is_file())})
        stages["video"] = {"status": "given", "inputs_sha256": key, "outputs": [], "seconds": 0.0, "source": str(src)}
        walkthrough = src
    else:
        vs, notes = resolve(opts.video_settings, image is not None)
        prompt, negative = walkthrough_prompt(opts.prompt or "", opts.path, image=image is not None)
        key = sha256_json({"prompt": prompt, "negative": negative, "settings": asdict(vs),
                           "image": None if image is None else [list(image.shape),
                                                                hashlib.sha256(image.tobytes()).hexdigest()]})
        walkthrough = out / "video" / "frames"
        if _done(prev, "video", key, out):
            stages["video"] = {**prev["video"], "status": "skipped", "seconds": 0.0}
        else:
            gen = video_generator(models, vs, image is not None)
            video = gen(prompt, negative, image, progress=lambda i, n: tick("video", i, n))
            meta = {"tool": f"vipscene-sim {__version__}", "description": opts.prompt, "prompt": prompt,
                    "negative_prompt": negative, "image": opts.image, "path": opts.path, "seed": vs.seed,
                    **gen.describe(), "seconds": round(gen.last_seconds, 2)}
            outputs = save_generated(video, out / "video", meta)
            stages["video"] = {"status": "ran", "inputs_sha256": key, "outputs": outputs,
                               "seconds": round(time.perf_counter() - t0, 3), "notes": notes,
                               "model": gen.model_id, "memory": gen.memory}
            if not keep_video:  # a batch keeps it for the next prompt; else perception gets the memory
                models.release("video:")
    video_key = key

    # 2. Reconstruction, perception and lifting to layout.json.
    t0 = time.perf_counter()
    key = sha256_json({"video": video_key, "perceive": asdict(popts), "v": __version__})
    perceive_outputs = ["layout.json", "geometry.npz", "instances.npz", "lift_report.json"]
    if _done(prev, "perceive", key, out):
        stages["perceive"] = {**prev["perceive"], "status": "skipped", "seconds": 0.0}
    else:
        summary = run_perceive(walkthrough, out, popts, models, progress)
        stages["perceive"] = {"status": "ran", "inputs_sha256": key, "outputs": perceive_outputs,
                              "seconds": round(time.perf_counter() - t0, 3), "objects": summary.objects,
                              "frames": summary.frames, "reconstruct": summary.reconstruct,
                              "notes": summary.notes, "stage_seconds": summary.seconds}

    # 3. Assets, refinement, physics, export, metrics.
    t0 = time.perf_counter()
    layout_sha = sha256_file(out / "layout.json")
    bs = opts.build
    key = sha256_json({"layout": layout_sha, "build": asdict(bs), "v": __version__})
    if _done(prev, "build", key, out):
        stages["build"] = {**prev["build"], "status": "skipped", "seconds": 0.0}
    else:
        result = build(out / "layout.json", out, bs, progress=progress)
        stages["build"] = {"status": "ran", "inputs_sha256": key, "outputs": ["scene.json", "report.json"],
                           "seconds": round(time.perf_counter() - t0, 3), "objects": len(result.scene.objects)}
    atomic_write_text(out / "generate.json", dumps({"schema": GENERATE_SCHEMA, "version": 1,
                                                    "tool": f"vipscene-sim {__version__}",
                                                    "prompt": opts.prompt, "image": opts.image, "video": opts.video,
                                                    "stages": stages}))
    return summarize(out, stages)


def summarize(out: Path, stages: dict) -> dict:
    """Objects found and kept, exports written, stability and time per stage of a finished run."""
    def read(name):
        try:
            return json.loads((out / name).read_text())
        except (OSError, ValueError):
            return {}

    lift, report, score = read("lift_report.json"), read("report.json"), read("score.json")
    export = next((s for s in report.get("stages", []) if s.get("name") == "export"), {})
    exports = {k: v.get("path") for k, v in (export.get("details") or {}).items() if isinstance(v, dict)}
    metrics = score.get("metrics", {})
    layout = read("layout.json")
    return {
        "out": str(out),
        "objects_found": len(layout.get("objects", [])),
        "objects_built": report.get("objects"),
        "not_lifted": len(lift.get("not_lifted", [])),
        "reconstruction": (lift.get("reconstruction") or {}).get("fallback") or (lift.get("backends") or {}).get(
            "reconstruct"),
        "exports": exports,
        "stable_rate": (metrics.get("stability") or {}).get("stable_rate"),
        "collision_rate": (metrics.get("collisions") or {}).get("rate"),
        "objects_reachable_rate": (metrics.get("navigation") or {}).get("objects_reachable_rate"),
        "stages": {k: {"status": v["status"], "seconds": v.get("seconds", 0.0)} for k, v in stages.items()},
        "problems": scene_problems({s.get("name"): s.get("details") or {} for s in report.get("stages", [])}),
    }


def read_prompts(path: str | Path) -> list[str]:
    """Prompts of a batch file: one per line; blank lines and lines starting with # are skipped."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"--prompts {path}: cannot read it ({type(exc).__name__})") from None
    prompts = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not prompts:
        raise UserError(f"--prompts {path}: no prompts in it (one per line; # starts a comment)")
    return prompts


def slug(text: str, n: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:n].rstrip("_") or "prompt"


def run_batch(prompts_file: str | Path, out: str | Path, opts: GenerateOptions, models: ModelHolder | None = None,
              progress: ProgressFn | None = None, report: Callable[[int, int, str], None] | None = None) -> dict:
    """Every prompt of the file into OUT/<NNN>_<slug>/; a failed prompt is recorded and the batch
    goes on. Writes OUT/batch.json and OUT/batch.md (the summary table)."""
    prompts = read_prompts(prompts_file)
    out = output_folder(out)  # created by the first stage that writes: a model that fails to load leaves nothing
    models = models if models is not None else ModelHolder()
    rows = []
    for i, prompt in enumerate(prompts):
        folder = out / f"{i:03d}_{slug(prompt)}"
        if report:
            report(i + 1, len(prompts), prompt)
        t0 = time.perf_counter()
        try:
            s = run_generate(folder, replace(opts, prompt=prompt), models, progress, keep_video=True)
            rows.append({"prompt": prompt, "folder": folder.name, "status": "ok", **{
                k: s[k] for k in ("objects_found", "objects_built", "stable_rate", "collision_rate",
                                  "objects_reachable_rate")}, "seconds": round(time.perf_counter() - t0, 2)})
        except UserError as exc:
            rows.append({"prompt": prompt, "folder": folder.name, "status": "failed", "error": str(exc),
                         "seconds": round(time.perf_counter() - t0, 2)})
        except Exception as exc:  # noqa: BLE001 - one prompt's crash must not lose the batch
            rows.append({"prompt": prompt, "folder": folder.name, "status": "failed",
                         "error": f"internal error: {type(exc).__name__}: {exc}",
                         "seconds": round(time.perf_counter() - t0, 2)})
    doc = {"schema": "vipscene-sim/batch", "version": 1, "prompts_file": str(prompts_file), "runs": rows,
           "ok": sum(r["status"] == "ok" for r in rows), "failed": sum(r["status"] != "ok" for r in rows)}
    atomic_write_text(out / "batch.json", dumps(doc))
    atomic_write_text(out / "batch.md", batch_table(rows))
    return doc


def batch_table(rows: list[dict]) -> str:
    def pct(x):
        return "" if x is None else f"{100 * x:.0f} %"

    lines = ["| # | prompt | status | objects (found / built) | stable | reachable | s |",
             "|---|---|---|---|---|---|---|"]
    for i, r in enumerate(rows):
        p = r["prompt"] if len(r["prompt"]) <= 60 else r["prompt"][:57] + "..."
        if r["status"] == "ok":
            lines.append(f"| {i} | {p} | ok | {r['objects_found']} / {r['objects_built']} | {pct(r['stable_rate'])} "
                         f"| {pct(r['objects_reachable_rate'])} | {r['seconds']:.0f} |")
        else:
            err = r["error"].replace("|", "/")[:120]
            lines.append(f"| {i} | {p} | failed: {err} | | | | {r['seconds']:.0f} |")
    return "\n".join(lines) + "\n"
