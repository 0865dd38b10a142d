"""The run report (OUT/report.json): what each stage did, how long it took, from which inputs.

Each stage record carries the SHA-256 of its inputs, so a rerun on the same OUT can skip a stage
whose inputs and settings have not changed and whose outputs are still there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

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


def sha256_json(value: Any) -> str:
    """Content hash of a JSON-able value (canonical: sorted keys, no whitespace)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def previous_stages(out: Path) -> dict[str, StageRecord]:
    """Stage records of an earlier run in ``out``; an unreadable report counts as none."""
    try:
        doc = json.loads((out / "report.json").read_text())
        if doc.get("schema") != REPORT_SCHEMA:
            return {}
        return {s["name"]: StageRecord(**s) for s in doc.get("stages", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
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


def report_json(meta: dict[str, Any], stages: list[StageRecord]) -> str:
    doc = {"schema": REPORT_SCHEMA, "version": REPORT_VERSION, **meta, "stages": [asdict(s) for s in stages]}
    return dumps(doc)
