"""FPVScore: a vision-language model judges a scene from a first-person walkthrough.

VIPScene (arXiv 2506.20601) proposes judging a generated room from a continuous first-person walk
rather than one top-down render, which hides facing directions, blocked drawers and floating
things. The judge sees frames of the walk (images for an OpenAI-compatible endpoint; one video for
a local Qwen2.5-VL) and answers, on the rubric below, four integers from 1 to 10:

- ``layout_coherence``: the room as a whole: zones make sense, furniture groups belong together,
  paths are open, nothing blocks a door or window;
- ``placement_plausibility``: each object where and how a person would put it: facing the right
  way, against the wall when it belongs there, on a suitable surface, at a sensible height;
- ``physical_plausibility``: nothing floats, sinks into, or passes through something else;
  objects rest stably on what supports them; sizes are realistic;
- ``prompt_consistency``: the room matches the description (its kind, the objects asked for,
  their number and style); without a description, a typical room of its kind scores high.

The answer must be the JSON object ``{"scores": {...four integers...}, "justification": "..."}``.
It is parsed leniently (code fences, prose around it) but checked strictly: every criterion, an
integer (7, 7.0 or "7") from 1 to 10. An invalid answer is asked again with the problem stated,
up to ``attempts`` times; then the result says it was not judged and why, never a crash.
``fpvscore`` is the mean of the four.

Pairwise comparison asks which of two walkthroughs shows the more plausible room, twice with the
order swapped (judges favour one position); a scene wins when both orders agree, else it is a tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..video.io import evenly_spaced
from ..vlm import parse_json

CRITERIA = ("layout_coherence", "placement_plausibility", "physical_plausibility", "prompt_consistency")

RUBRIC = """You are judging a 3D indoor scene for a robot simulator. The images are frames, in order, \
of a first-person walkthrough of the room at eye height.
{request}
Rate the scene on four criteria, each an integer from 1 (very poor) to 10 (excellent):
- layout_coherence: the room as a whole: sensible zones, furniture groups that belong together, \
open paths, no door or window blocked.
- placement_plausibility: every object where and how a person would put it: facing the right way, \
against a wall when it belongs there, on a suitable surface, at a sensible height.
- physical_plausibility: nothing floats, sinks into or passes through anything; objects rest stably \
on their supports; realistic sizes.
- prompt_consistency: how well the room matches the description (room kind, requested objects, \
their number and style).
Answer with only this JSON object and nothing else:
{{"scores": {{"layout_coherence": <1-10>, "placement_plausibility": <1-10>, \
"physical_plausibility": <1-10>, "prompt_consistency": <1-10>}}, "justification": "<two sentences>"}}"""

COMPARE = """You are comparing two 3D indoor scenes for a robot simulator. The first {n_a} images are \
frames of a first-person walkthrough of scene A, the next {n_b} of scene B.
{request}
Which scene is the more plausible room overall (coherent layout, natural placement, physically \
valid, matching the description)? Answer with only this JSON object and nothing else:
{{"better": "A" or "B" or "tie", "justification": "<two sentences>"}}"""

RETRY = ("\n\nYour previous answer could not be used: {problem}. Reply again with only the JSON object "
         "in the format above.")


@dataclass(frozen=True)
class JudgeSettings:
    frames: int = 16
    """Frames of the walk sent to the judge, evenly spaced (per scene when comparing)."""
    attempts: int = 3
    """Answers asked for before giving up on a malformed one."""
    as_video: bool = False
    """Send the frames as one video (local models that take video input, e.g. Qwen2.5-VL)."""


def _request(prompt: str | None) -> str:
    if prompt:
        return f'The room was made from this description: "{prompt}".'
    return "There is no description: judge prompt_consistency as how typical the room is of its kind."


def check_scores(answer: Any) -> tuple[dict[str, int] | None, str]:
    """The four scores of a parsed answer, or None and what is wrong with it."""
    if not isinstance(answer, dict):
        return None, "no JSON object found"
    scores = answer.get("scores", answer)
    if not isinstance(scores, dict):
        return None, '"scores" is not an object'
    out = {}
    for c in CRITERIA:
        v = scores.get(c)
        if isinstance(v, str) and v.strip().lstrip("-").isdigit():
            v = int(v.strip())
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            return None, f'"{c}" is missing or not an integer'
        if not 1 <= v <= 10:
            return None, f'"{c}" is {v}, outside 1..10'
        out[c] = v
    return out, ""


def _ask(chat, text: str, frames: list[np.ndarray], s: JudgeSettings, check) -> tuple[Any, int, str, str]:
    """Ask until ``check(parsed)`` accepts; returns (value or None, attempts, problem, last answer)."""
    problem, answer = "", ""
    for attempt in range(1, s.attempts + 1):
        question = text + (RETRY.format(problem=problem) if problem else "")
        answer = chat(question, frames, as_video=True) if s.as_video else chat(question, frames)
        value, problem = check(parse_json(answer))
        if value is not None:
            return value, attempt, "", answer
    return None, s.attempts, problem, answer


def _pick(frames: np.ndarray, n: int) -> list[np.ndarray]:
    return [frames[k] for k in evenly_spaced(len(frames), n)]


def judge_walkthrough(chat, frames: np.ndarray, prompt: str | None, s: JudgeSettings = JudgeSettings()) -> dict:
    """FPVScore of one walkthrough: the four scores, their mean, the judge's justification."""
    if len(frames) == 0:
        return {"judged": False, "reason": "the walkthrough has no frames"}
    sent = _pick(frames, s.frames)
    text = RUBRIC.format(request=_request(prompt))

    def check(parsed):
        scores, problem = check_scores(parsed)
        return (scores and {"scores": scores, "justification": str(parsed.get("justification", ""))[:2000]},
                problem)

    value, attempts, problem, last = _ask(chat, text, sent, s, check)
    if value is None:
        return {"judged": False, "attempts": attempts, "frames_sent": len(sent),
                "reason": f"no valid answer after {attempts} attempts ({problem})", "last_answer": last[:500]}
    scores = value["scores"]
    return {"judged": True, "scores": scores, "fpvscore": round(sum(scores.values()) / len(scores), 3),
            "justification": value["justification"], "attempts": attempts, "frames_sent": len(sent)}


def _check_better(parsed):
    if not isinstance(parsed, dict):
        return None, "no JSON object found"
    b = str(parsed.get("better", "")).strip().strip('"').upper()
    if b not in ("A", "B", "TIE"):
        return None, '"better" must be "A", "B" or "tie"'
    return {"better": b.lower() if b == "TIE" else b, "justification": str(parsed.get("justification", ""))[:2000]}, ""


def compare_walkthroughs(chat, frames_this: np.ndarray, frames_other: np.ndarray, prompt: str | None,
                         s: JudgeSettings = JudgeSettings()) -> dict:
    """Which of two scenes is more plausible: asked in both orders; ``winner`` is "this", "other"
    or "tie" (the orders disagree, or the judge said tie)."""
    a, b = _pick(frames_this, s.frames), _pick(frames_other, s.frames)
    # two videos in one question are not a single video: the comparison always sends images
    img = JudgeSettings(s.frames, s.attempts, as_video=False)
    votes = []
    for first, second, names in ((a, b, ("this", "other")), (b, a, ("other", "this"))):
        text = COMPARE.format(n_a=len(first), n_b=len(second), request=_request(prompt))
        value, attempts, problem, last = _ask(chat, text, first + second, img, _check_better)
        if value is None:
            votes.append({"order": list(names), "valid": False, "reason": problem, "last_answer": last[:300]})
            continue
        pick = {"A": names[0], "B": names[1]}.get(value["better"], "tie")
        votes.append({"order": list(names), "valid": True, "better": pick, "justification": value["justification"],
                      "attempts": attempts})
    picks = [v["better"] for v in votes if v["valid"]]
    if not picks:
        return {"judged": False, "reason": "no valid answer in either order", "votes": votes}
    winner = picks[0] if len(set(picks)) == 1 and len(picks) == 2 else "tie"
    return {"judged": True, "winner": winner, "votes": votes, "frames_sent_each": len(a)}
