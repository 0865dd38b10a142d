"""`vipscene vary`: many valid versions of one scene, each a full output folder.

Variant ``i`` of seed ``S`` draws every axis from its own random stream seeded by (S, i, attempt,
axis), so it is the same whatever N is and in whichever order or process it is made. The drawn
scene goes through the rest of build (retrieval of what is new, refinement, settling, every
installed format with its validation, affordances, score, preview) into ``DIR/variant_<i>/``,
with ``variant.json`` beside it; files the variants have in common are hard links into
``DIR/shared/`` (`share.share_files`). A draw that cannot be made valid (an axis gives up, or the
build reports a problem) is recorded in ``DIR/vary.json`` with its reason and the next attempt's
seed is drawn; after `VarySettings.attempts` the variant is reported failed, never written broken.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_text
from ..errors import UserError
from ..hashing import sha256_json
from ..scene import Scene, dumps, load_scene
from .axes import AXES, VariantInvalid, VaryContext
from .settings import AXIS_NAMES, VarySettings
from .share import share_files

VARIANT_FILE = "variant.json"
REPORT_FILE = "vary.json"
STORE = "shared"


@dataclass
class VariantResult:
    """One variant: its index, folder (None when every attempt failed), the seed words it was
    drawn with, its changes by axis, and the attempts that were rejected and why."""

    index: int
    out: Path | None
    seed: list[int]
    changes: dict = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    shared: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.out is not None


def base_scene(path: str | Path) -> tuple[Scene, Path]:
    """The scene a variant set starts from: ``OUT/scene.json`` of a build, or a scene file."""
    path = Path(path)
    if path.is_dir():
        if not (path / "scene.json").is_file():
            raise UserError(f"{path}: a folder without scene.json; give a build's output folder or a scene file")
        path = path / "scene.json"
    return load_scene(path), path


def parse_axes(text: str | None) -> tuple[str, ...]:
    """``"materials,lighting"`` -> the axes in their application order; unknown names are exit 2."""
    if not text:
        return AXIS_NAMES
    wanted = [a.strip() for a in text.split(",") if a.strip()]
    unknown = [a for a in wanted if a not in AXIS_NAMES]
    if unknown or not wanted:
        raise UserError(f"--vary {text}: unknown axis {', '.join(unknown) or '(none given)'}; choose from {', '.join(AXIS_NAMES)}")
    return tuple(a for a in AXIS_NAMES if a in wanted)


def draw_variant(base: Scene, ctx: VaryContext, seed: int, index: int, attempt: int,
                 settings: VarySettings) -> tuple[Scene, dict]:
    """The scene of variant ``index`` (before refinement and settling) and its changes by axis."""
    scene, changes = base, {}
    for axis in settings.axes:
        rng = np.random.default_rng([seed, index, attempt, AXIS_NAMES.index(axis)])
        scene, changes[axis] = AXES.load(axis)(scene, ctx, rng, getattr(settings, axis))
    return scene, changes


def vary(base_path: str | Path, n: int, seed: int, out: str | Path, settings: VarySettings = VarySettings(),
         build_settings=None, indices: range | None = None) -> Iterator[VariantResult]:
    """Make variants ``indices`` (default ``range(n)``) of the scene at ``base_path`` into
    ``out``, yielding each as it is finished; ``out/vary.json`` is rewritten after each."""
    from ..pipeline.build import BuildSettings, build
    from ..retrieve import Retriever

    if n < 1:
        raise UserError(f"--n {n}: need at least one variant")
    base, source = base_scene(base_path)
    build_settings = build_settings or BuildSettings()
    libraries = build_settings.libraries.open()
    ctx = VaryContext(libraries, Retriever(libraries.libraries))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    base_hash = sha256_json(base.to_dict())
    report = {"base": {"path": str(source), "sha256": base_hash}, "seed": seed, "n": n,
              "axes": list(settings.axes), "settings": asdict(settings), "variants": {}}
    width = max(4, len(str(n - 1)))
    for i in indices if indices is not None else range(n):
        t0 = time.perf_counter()
        folder = out / f"variant_{i:0{width}d}"
        result = VariantResult(i, None, [seed, i, 0])
        for attempt in range(settings.attempts):
            result.seed = [seed, i, attempt]
            try:
                scene, changes = draw_variant(base, ctx, seed, i, attempt, settings)
                problems = _build(scene, folder, build_settings, build)
            except VariantInvalid as exc:
                problems = [str(exc)]
            if not problems:
                result.out, result.changes = folder, changes
                break
            shutil.rmtree(folder, ignore_errors=True)
            result.rejected.append({"attempt": attempt, "seed": [seed, i, attempt], "reasons": problems})
        if result.ok:
            doc = {"base": {"path": str(source), "sha256": base_hash}, "index": i, "seed": result.seed,
                   "axes": list(settings.axes), "changes": result.changes, "rejected": result.rejected}
            atomic_write_text(folder / VARIANT_FILE, dumps(doc))
            result.shared = share_files(folder, out / STORE)
        result.seconds = round(time.perf_counter() - t0, 3)
        report["variants"][str(i)] = {"status": "ok" if result.ok else "failed",
                                      "folder": folder.name if result.ok else None, "seed": result.seed,
                                      "rejected": result.rejected, "seconds": result.seconds, "shared": result.shared}
        atomic_write_text(out / REPORT_FILE, dumps(report))
        yield result


def _build(scene: Scene, folder: Path, build_settings, build) -> list[str]:
    """Build the drawn scene into ``folder``; the problems that make it invalid (none: valid).
    The drawn scene is kept as ``DIR/inputs/<variant>.json`` (what the build started from)."""
    layout = folder.parent / "inputs" / f"{folder.name}.json"
    layout.parent.mkdir(exist_ok=True)
    scene.save(layout)
    return build(layout, folder, build_settings).problems()
