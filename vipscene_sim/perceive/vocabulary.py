"""What the detector looks for: the objects the prompt names, the objects a vision-language model
lists from sampled frames (when one is configured; VIPScene asks GPT-4o), and the asset catalog's
categories. In that order: the prompt says what the scene must contain, the VLM what this video
shows, the catalog everything we could place. Room structure (walls, floor, doors, windows) is
left out: lifting finds it in the geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..labels import singular, tokens
from ..vlm import parse_json

STRUCTURE = frozenset(["wall", "walls", "floor", "ceiling", "window", "windows", "door", "doors", "room", "doorway", "corner", "floorboard"])
LIST_PROMPT = (
    "These frames come from one continuous walkthrough of a single indoor room. List every distinct kind of "
    "object you can see: furniture, appliances, fixtures, decor and small items on surfaces. Use short, common, "
    "lower-case English nouns in the singular (for example \"bed\", \"table lamp\", \"mug\"); do not list walls, "
    "floor, ceiling, doors or windows; name each kind once. Answer with JSON only, exactly in this form: "
    "{\"objects\": [\"bed\", \"nightstand\"]}")


@dataclass(frozen=True)
class VocabularySettings:
    catalog: bool = True
    """Add every asset category (so anything we can place can be found)."""
    extra: tuple[str, ...] = ()
    """Terms the user adds (--vocab)."""
    vlm_frames: int = 4
    """Frames shown to the VLM, evenly spaced over the video."""
    vlm_attempts: int = 2
    """Times the VLM is asked again when its answer is not the JSON asked for."""
    max_terms: int = 150


def _clean(term: str) -> str | None:
    words = [singular(w) for w in tokens(str(term))]
    words = [w for w in words if w]
    if not words or len(words) > 4 or all(w in STRUCTURE for w in words) or len(" ".join(words)) > 40:
        return None
    return " ".join(words)


def catalog_terms() -> list[str]:
    from ..catalog import CATEGORIES

    return [name.replace("_", " ") for name in CATEGORIES]


def prompt_terms(prompt: str | None) -> list[str]:
    """Catalog names and synonyms that the prompt mentions, in the prompt's words and order
    ("a cosy bedroom with a queen bed and two night stands" -> ["queen bed", "night stand"])."""
    from ..catalog import CATEGORIES

    if not prompt:
        return []
    words = [singular(w) for w in tokens(prompt)]
    phrases = {}
    for spec in CATEGORIES.values():
        for p in (spec.name.replace("_", " "), *spec.synonyms):
            toks = tuple(singular(w) for w in tokens(p))
            if toks:
                phrases[toks] = " ".join(toks)
    found, i = [], 0
    while i < len(words):
        hit = None
        for n in (4, 3, 2, 1):  # the longest phrase wins ("queen bed" over "bed")
            key = tuple(words[i:i + n])
            if len(key) == n and key in phrases:
                hit = (phrases[key], n)
                break
            # a compound written apart: "night stand" -> "nightstand"
            if n == 2 and len(key) == 2 and ("".join(key),) in phrases:
                hit = (phrases[("".join(key),)], 2)
                break
        if hit:
            found.append(hit[0])
            i += hit[1]
        else:
            i += 1
    return found


def vlm_terms(chat, frames: np.ndarray, settings: VocabularySettings) -> tuple[list[str], dict]:
    """Objects a VLM lists from sampled frames, and what happened (answers unparsed, attempts)."""
    n = len(frames)
    pick = sorted({int(round(i)) for i in np.linspace(0, n - 1, min(settings.vlm_frames, n))})
    report = {"frames": pick, "attempts": 0, "parsed": False}
    for _ in range(max(1, settings.vlm_attempts)):
        report["attempts"] += 1
        answer = chat(LIST_PROMPT, [frames[i] for i in pick])
        value = parse_json(answer)
        if isinstance(value, dict):
            value = value.get("objects")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            report["parsed"] = True
            return [v for v in value], report
        report["last_answer"] = str(answer)[:200]
    return [], report


def build_vocabulary(prompt: str | None, settings: VocabularySettings = VocabularySettings(), chat=None,
                     frames: np.ndarray | None = None) -> tuple[list[str], dict]:
    """Detector terms (cleaned, singular, unique, prompt first) and a report of where each came from."""
    sources = {"prompt": prompt_terms(prompt), "user": list(settings.extra), "vlm": [], "catalog": []}
    report: dict = {}
    if chat is not None and frames is not None and len(frames):
        sources["vlm"], report["vlm"] = vlm_terms(chat, frames, settings)
    if settings.catalog:
        sources["catalog"] = catalog_terms()
    terms, seen = [], set()
    origin = {}
    for source in ("prompt", "user", "vlm", "catalog"):
        for t in sources[source]:
            c = _clean(t)
            if c and c not in seen and len(terms) < settings.max_terms:
                seen.add(c)
                terms.append(c)
                origin[c] = source
    report["terms"] = len(terms)
    report["by_source"] = {s: sum(1 for v in origin.values() if v == s) for s in sources}
    report["from_prompt"] = [t for t in terms if origin[t] == "prompt"]
    report["from_vlm"] = [t for t in terms if origin[t] == "vlm"]
    return terms, report
