"""Content hashes: the one canonical way a value or a file is fingerprinted (run reports, rerun
keys, asset library fingerprints)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


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
