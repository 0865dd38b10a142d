"""`vipscene score OUT`: model-free metrics, a first-person walkthrough and FPVScore of a built
scene, written to ``OUT/score.json`` and a short summary ``OUT/score.md``.

``score.json`` (schema ``vipscene-sim/score``, version 1):
- ``metrics``: see `scene_metrics` (collisions, out of bounds, navigation and reachability,
  stability, prompt coverage, count and density);
- ``walkthrough``: frames, length and which objects the rendered walk shows (files under
  ``OUT/score/``), or ``{"rendered": false, "reason": ...}``;
- ``judge``: the four scores, ``fpvscore`` (their mean), the justification and the backend, or
  ``{"judged": false, "reason": ...}`` saying why not (no judge asked for, no endpoint, a refused
  key, malformed answers...);
- ``compare`` (with ``--compare``): the other scene's metrics and, with a judge, which scene won.

Every file is written atomically; a judge that fails still leaves a complete score.json that says
what was not judged (the command then exits 2 with the reason).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..errors import UserError
from ..evaluate.judge import JudgeSettings, compare_walkthroughs, judge_walkthrough
from ..evaluate.scene_metrics import (
    MetricSettings,
    SceneMetrics,
    floor_blockers,
    object_geometry,
    scene_metrics,
)
from ..evaluate.trajectory import NoFreeFloor, TrajectorySettings, plan_trajectory
from ..evaluate.walkthrough import RenderSettings, render_trajectory
from ..scene import dumps, load_scene
from ..vlm import VlmSettings, make_chat

SCORE_SCHEMA = "vipscene-sim/score"
SCORE_VERSION = 1
JUDGES = ("none", "openai", "local")


@dataclass(frozen=True)
class ScoreSettings:
    judge: str = "none"
    """none, openai (an OpenAI-compatible endpoint) or local (transformers)."""
    vlm: VlmSettings = field(default_factory=VlmSettings)
    judging: JudgeSettings = field(default_factory=JudgeSettings)
    metrics: MetricSettings = field(default_factory=MetricSettings)
    trajectory: TrajectorySettings = field(default_factory=TrajectorySettings)
    render: RenderSettings = field(default_factory=RenderSettings)
    walkthrough: bool = True
    """Render the first-person walkthrough (always done when judging or comparing)."""
    prompt: str | None = None
    """The room description (default: the scene's provenance prompt)."""
    compare: str | None = None
    """Another output folder to compare with."""
    seed: int = 0
    cache_dir: str | None = None
    asset_folders: tuple[str, ...] = ()
    objathor: str | None = None
    allow_pickle: bool = False


@dataclass
class _Built:
    """A built output folder: its scene, report and MJCF."""

    out: Path
    scene: object
    report: dict | None
    mjcf: Path | None


def score_document(scene, seed: int, metrics: SceneMetrics, walkthrough: dict, judge: dict) -> dict:
    """The body of score.json (see the module docstring); `build` writes it with metrics only."""
    return {"schema": SCORE_SCHEMA, "version": SCORE_VERSION, "scene": scene.name, "seed": seed,
            "metrics": metrics.to_dict(), "walkthrough": walkthrough, "judge": judge}


def _open(out: str | Path) -> _Built:
    out = Path(out)
    if out.is_file() and out.name == "scene.json":
        out = out.parent
    if not out.is_dir():
        raise UserError(f"{out}: no such output folder (run 'vipscene build LAYOUT --out {out}' first)")
    if not (out / "scene.json").exists():
        raise UserError(f"{out}: has no scene.json (is it the output folder of 'vipscene build'?)")
    scene = load_scene(out / "scene.json")
    try:
        report = json.loads((out / "report.json").read_text())
        report = report if isinstance(report, dict) else None
    except (OSError, ValueError):
        report = None
    mjcf = out / "mjcf" / "scene.xml"
    return _Built(out, scene, report, mjcf if mjcf.exists() else None)


def _walk(built: _Built, libraries, dest: Path, s: ScoreSettings, progress=None) -> dict:
    """Plan and render the walkthrough of ``built`` into ``dest``."""
    if built.mjcf is None:
        return {"rendered": False, "reason": f"{built.out}/mjcf/scene.xml is missing (built with --no-physics?)"}
    geo = object_geometry(built.scene, libraries)
    try:
        traj = plan_trajectory(built.scene, geo, floor_blockers(built.scene, geo, s.metrics.flat_height),
                               s.trajectory, s.seed)
    except NoFreeFloor as exc:
        return {"rendered": False, "reason": str(exc)}
    t0 = time.perf_counter()
    result = render_trajectory(built.mjcf, built.scene, traj, dest, s.render, progress)
    result.update(rendered=True, seconds=round(time.perf_counter() - t0, 2), notes=traj.notes,
                  planned_unseen=traj.unseen)
    return result


def score_output(out: str | Path, s: ScoreSettings = ScoreSettings(), chat=None,
                 progress: Callable[[str, int, int], None] | None = None) -> tuple[dict, str | None]:
    """Score a built output folder; returns (score.json as a dict, the judge's failure or None).
    ``chat``: a ready judge callable (tests, or a caller that loaded the model once)."""
    from assets.registry import open_libraries

    if s.judge not in JUDGES:
        raise UserError(f"--judge {s.judge}: must be one of {', '.join(JUDGES)}")
    tick = progress or (lambda name, i, n: None)
    built = _open(out)
    other = _open(s.compare) if s.compare else None
    libraries = open_libraries(s.cache_dir, s.asset_folders, s.objathor, s.allow_pickle)
    prompt = s.prompt or built.scene.provenance.prompt
    timings = {}

    tick("metrics", 1, 4)
    t0 = time.perf_counter()
    # walkthrough and judge are filled in below
    doc = score_document(built.scene, s.seed, scene_metrics(built.scene, libraries, built.report, prompt, s.metrics),
                         {}, {})
    timings["metrics"] = time.perf_counter() - t0

    judging = s.judge != "none"
    frames = other_frames = None
    if s.walkthrough or judging or other:
        tick("walkthrough", 2, 4)
        t0 = time.perf_counter()
        walk = _walk(built, libraries, built.out / "score", s, tick)
        frames = walk.pop("images", None)
        doc["walkthrough"] = walk
        timings["walkthrough"] = time.perf_counter() - t0
    else:
        doc["walkthrough"] = {"rendered": False, "reason": "not asked for (--no-walkthrough)"}

    failure = None
    tick("judge", 3, 4)
    if not judging:
        doc["judge"] = {"judged": False, "reason": "no judge asked for (--judge openai|local)"}
    elif frames is None or not len(frames):
        doc["judge"] = {"judged": False, "reason": f"no walkthrough to judge: {doc['walkthrough'].get('reason')}"}
    else:
        t0 = time.perf_counter()
        try:
            chat = chat or make_chat(s.vlm)
            judging_s = s.judging
            if s.judge == "local" and not judging_s.as_video:
                judging_s = JudgeSettings(judging_s.frames, judging_s.attempts, as_video=True)
            doc["judge"] = judge_walkthrough(chat, frames, prompt, judging_s)
        except UserError as exc:
            failure = str(exc)
            doc["judge"] = {"judged": False, "reason": failure}
        doc["judge"].update(backend=s.judge, model=_judge_name(chat, s), prompt=prompt)
        timings["judge"] = time.perf_counter() - t0

    if other is not None:
        tick("compare", 4, 4)
        t0 = time.perf_counter()
        cmp = {"other": str(other.out), "other_metrics": scene_metrics(other.scene, libraries, other.report, prompt,
                                                                       s.metrics).to_dict()}
        owalk = _walk(other, libraries, built.out / "score" / "compare", s, tick)
        other_frames = owalk.pop("images", None)
        cmp["other_walkthrough"] = owalk
        if not judging:
            cmp["judge"] = {"judged": False, "reason": "no judge asked for (--judge openai|local)"}
        elif failure:
            cmp["judge"] = {"judged": False, "reason": failure}
        elif frames is None or other_frames is None or not len(frames) or not len(other_frames):
            cmp["judge"] = {"judged": False, "reason": "a walkthrough is missing"}
        else:
            try:
                cmp["judge"] = compare_walkthroughs(chat, frames, other_frames, prompt, s.judging)
            except UserError as exc:
                failure = str(exc)
                cmp["judge"] = {"judged": False, "reason": failure}
        doc["compare"] = cmp
        timings["compare"] = time.perf_counter() - t0
    doc["seconds"] = {k: round(v, 2) for k, v in timings.items()}
    atomic_write_text(built.out / "score.json", dumps(doc))
    atomic_write_text(built.out / "score.md", summary_text(doc))
    return doc, failure


def _judge_name(chat, s: ScoreSettings) -> str:
    """The judge model's name (LocalChat keeps the id apart from the loaded module)."""
    name = getattr(chat, "model_id", None) or getattr(chat, "model", None)
    return name if isinstance(name, str) else s.vlm.model


def _pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.0f} %"


def summary_text(doc: dict) -> str:
    """A few lines a person reads after a run."""
    m = doc["metrics"]
    nav, st, pc = m["navigation"], m["stability"], m["prompt_coverage"]
    lines = [f"# Score of {doc['scene']}", "",
             f"- objects: {m['objects']} ({m['density_per_m2']} per m² of {m['floor_area_m2']} m²)",
             f"- collisions: {_pct(m['collisions']['rate'])} of objects; out of bounds: {_pct(m['out_of_bounds']['rate'])}",
             f"- navigable floor (robot radius {nav['robot_radius_m']} m): {_pct(nav['navigable_fraction'])}, "
             f"reachable from the door: {_pct(nav['reachable_fraction'])}; objects reachable: "
             f"{_pct(nav['objects_reachable_rate'])}"
             + (f" (not: {', '.join(nav['unreachable_objects'])})" if nav["unreachable_objects"] else ""),
             f"- stable after settling: {_pct(st['stable_rate'])}" if st["measured"] else
             f"- stability: not measured ({st['reason']})",
             (f"- prompt coverage: {_pct(pc['coverage'])} of {', '.join(pc['requested']) or 'no catalog object'}"
              + (f" (missing: {', '.join(pc['missing'])})" if pc["missing"] else ""))
             if pc["measured"] else f"- prompt coverage: not measured ({pc['reason']})"]
    w = doc.get("walkthrough", {})
    if w.get("rendered"):
        lines.append(f"- walkthrough: {w['frames']} frames, {w['length_m']} m, shows {_pct(w['coverage'])} of the "
                     f"objects (score/walkthrough.mp4, score/topdown.png)")
    else:
        lines.append(f"- walkthrough: not rendered ({w.get('reason')})")
    j = doc.get("judge", {})
    if j.get("judged"):
        parts = ", ".join(f"{k.split('_')[0]} {v}" for k, v in j["scores"].items())
        lines.append(f"- **FPVScore {j['fpvscore']}** ({parts}; judge {j.get('backend')} {j.get('model') or ''})")
        if j.get("justification"):
            lines.append(f"  > {j['justification']}")
    else:
        lines.append(f"- FPVScore: not judged ({j.get('reason')})")
    c = doc.get("compare")
    if c:
        cj = c["judge"]
        verdict = (f"{'this scene' if cj['winner'] == 'this' else 'the other scene' if cj['winner'] == 'other' else 'a tie'}"
                   if cj.get("judged") else f"not judged ({cj.get('reason')})")
        lines.append(f"- compared with {c['other']}: {verdict}")
    return "\n".join(lines) + "\n"
