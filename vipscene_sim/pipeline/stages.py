"""The run report (OUT/report.json): what each stage did, how long it took, from which inputs.

Each stage record carries the SHA-256 of its inputs (`stage_key`: the stage's input scene, the
settings it reads, the files of the assets it touches and the code that runs it), so a rerun on
the same OUT can skip a stage whose inputs have not changed and whose outputs are still there
(`reuse`); a stage that changes the scene keeps its output scene in ``OUT/stages/<name>.json`` for
the next stage of a later run to start from.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..hashing import sha256_json
from ..scene import dumps

REPORT_SCHEMA = "vipscene-sim/report"
REPORT_VERSION = 1

StageStatus = Literal["ran", "skipped", "unavailable"]


@dataclass
class StageRecord:
    """One stage of a run: ``ran``, ``skipped`` (inputs unchanged) or ``unavailable``."""

    name: str
    status: StageStatus
    seconds: float = 0.0
    inputs_sha256: str | None = None
    outputs: list[str] = field(default_factory=list)
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, name: str, doc: dict) -> StageRecord:
        """A record from a report's stage entry (unknown keys ignored; missing ones default)."""
        return cls(name, doc.get("status", "unavailable"), float(doc.get("seconds") or 0.0), doc.get("inputs_sha256"),
                   list(doc.get("outputs") or []), str(doc.get("note") or ""))


@functools.cache
def code_version() -> str:
    """Hash of the source of every package a build runs (ours, not third-party): a rerun after
    the code changed, even without a new version number, never reuses a stale stage."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    for package in ("vipscene_sim", "assets", "physics", "exporters"):
        for path in sorted((root / package).rglob("*.py")):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def stage_key(name: str, **inputs: Any) -> str:
    """The input hash of stage ``name``: its inputs (JSON-able), the stage name and the code."""
    return sha256_json({"stage": name, "code": code_version(), "inputs": inputs})


def previous_report(out: Path) -> dict[str, Any]:
    """report.json of an earlier run in ``out``; an unreadable or foreign one counts as none."""
    try:
        doc = json.loads((out / "report.json").read_text())
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) and doc.get("schema") == REPORT_SCHEMA else {}


def previous_stages(out: Path) -> dict[str, StageRecord]:
    """Stage records of an earlier run in ``out``; an unreadable report counts as none."""
    try:
        return {s["name"]: StageRecord(**s) for s in previous_report(out).get("stages", [])}
    except (TypeError, KeyError, AttributeError):
        return {}


def can_skip(prev: dict[str, StageRecord], name: str, inputs_sha256: str, out: Path) -> bool:
    """True when the earlier run did this stage from the same inputs and its outputs exist."""
    rec = prev.get(name)
    return (
        rec is not None
        and rec.status in ("ran", "skipped")
        and rec.inputs_sha256 == inputs_sha256
        and all((out / p).exists() for p in rec.outputs)
    )


def reuse(prev: dict[str, StageRecord], name: str, inputs_sha256: str, out: Path) -> StageRecord | None:
    """The record of a skipped stage (the earlier run's outputs and details, which later stages
    and the problem summary read as if it had run), or None when the stage must run."""
    if not can_skip(prev, name, inputs_sha256, out):
        return None
    rec = prev[name]
    return StageRecord(name, "skipped", 0.0, inputs_sha256, rec.outputs, "inputs unchanged", rec.details)


def report_json(meta: dict[str, Any], stages: list[StageRecord]) -> str:
    doc = {"schema": REPORT_SCHEMA, "version": REPORT_VERSION, **meta, "stages": [asdict(s) for s in stages]}
    return dumps(doc)
