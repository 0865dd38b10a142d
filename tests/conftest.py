import os
from pathlib import Path

import pytest
from hypothesis import settings

# Every hypothesis test draws the same examples on every machine and run: a fuzz failure is a
# reproducible defect, never luck. No example database: nothing carries over between runs.
settings.register_profile("deterministic", derandomize=True, database=None, deadline=None, print_blob=True)
settings.load_profile("deterministic")

os.environ.setdefault("MUJOCO_GL", "egl")  # offscreen rendering on the CPU (Mesa), before mujoco loads GL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def readme_python_block(containing: str) -> str:
    """The README's ```python block that contains ``containing`` (tests run the README's snippets)."""
    readme = (ROOT / "README.md").read_text()
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    return next(b for b in blocks if containing in b)


@pytest.fixture(scope="session", autouse=True)
def asset_cache(tmp_path_factory):
    """One built-in library cache for the whole run, outside the user's home."""
    path = tmp_path_factory.mktemp("asset_cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("VIPSCENE_CACHE_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture(scope="session")
def builtin_library(asset_cache):
    from assets.library import BuiltinLibrary

    lib = BuiltinLibrary(asset_cache)
    lib.infos()
    return lib


@pytest.fixture
def examples() -> list[Path]:
    return EXAMPLES


@pytest.fixture
def bedroom_path() -> Path:
    return ROOT / "examples" / "bedroom.json"


@pytest.fixture(scope="session")
def bedroom_orbit(builtin_library, tmp_path_factory):
    """A textured orbit walkthrough of the example bedroom, 36 frames at 320x240, rendered once:
    (folder, walkthrough arrays, instance legend, camera settings). The ML backends' tests read its
    RGB frames as a video and compare with its ground truth."""
    import json

    import numpy as np

    from assets.registry import LibrarySet
    from exporters.mjcf import export_mjcf
    from physics.stage import physical_bodies
    from vipscene_sim import load_scene
    from vipscene_sim.retrieve import Retriever, retrieve_scene
    from vipscene_sim.synth import CameraSettings, render_walkthrough

    settings = CameraSettings(path="orbit", frames=36, width=320, height=240)
    libs = LibrarySet([builtin_library])
    scene = retrieve_scene(load_scene(ROOT / "examples" / "bedroom.json"), Retriever(libs.libraries), libs)[0]
    out = tmp_path_factory.mktemp("bedroom_orbit")
    render_walkthrough(export_mjcf(scene, libs, physical_bodies(scene, libs), out), scene, out, settings)
    with np.load(out / "walkthrough.npz") as z:
        arrays = {k: z[k] for k in z.files}
    return out, arrays, json.loads((out / "instances.json").read_text()), settings


@pytest.fixture
def serve():
    """``serve(*script)`` starts a scripted chat-completions server (see chat_server.ChatServer)."""
    from chat_server import ChatServer

    servers = []

    def start(*script):
        s = ChatServer(script)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.close()


def sfm_from_truth(arrays: dict, scale: float = 0.5, fail: str | None = None):
    """A stand-in for `reconstruct.sfm.run_sfm` with a known outcome, so the tests of what comes
    after structure from motion do not hang on whether pycolmap registers a lossy video on this
    machine. It answers with the walkthrough's true cameras (translations in SfM units of
    ``scale`` m) and observations of every 8th pixel at the true depth, for the frames the
    command kept (evenly spaced, as `video.io.evenly_spaced` picks them); with ``fail`` it raises
    the UserError SfM raises when it cannot register the video."""
    import numpy as np

    from vipscene_sim.errors import UserError
    from vipscene_sim.reconstruct.sfm import SfmResult
    from vipscene_sim.video.io import evenly_spaced

    def run(frames, settings=None):
        if fail:
            raise UserError(fail)
        keep = evenly_spaced(len(arrays["depth"]), len(frames))
        depth, poses = arrays["depth"][keep], arrays["cam_to_world"][keep].copy()
        poses[:, :3, 3] /= scale
        v, u = np.mgrid[4:depth.shape[1]:8, 4:depth.shape[2]:8]
        obs = []
        for d in depth:
            z = d[v, u]
            ok = z > 0
            obs.append((np.stack([u[ok] + 0.5, v[ok] + 0.5], 1).astype(float), z[ok] / scale))
        K = arrays["K"] if arrays["K"].ndim == 2 else arrays["K"][0]
        return SfmResult(K.copy(), poses, np.ones(len(frames), bool), obs, 0.5, int(sum(len(z) for _, z in obs)))

    return run


@pytest.fixture(scope="session")
def built_example(builtin_library, tmp_path_factory):
    """``get(path)`` -> OUT of that example built once (every default format, plus the mjx and
    drake MJCF profiles) and shared by every test module and xdist worker of the run: the
    first to ask builds under a file lock, the others read. A failed build fails every test of
    its scene, saying why."""
    import json

    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    root = root / "built_examples"
    root.mkdir(exist_ok=True)

    def get(path: Path) -> Path:
        from vipscene_sim.pipeline.build import build
        from vipscene_sim.pipeline.export import run_export

        out, done = root / path.stem, root / f"{path.stem}.json"
        with FileLock(str(root / f"{path.stem}.lock")):
            if not done.exists():
                problems = build(path, out).problems()
                result = run_export(out / "scene.json", out, ["mjx", "drake"])
                failed = {k: v["validation"] for k, v in result.formats.items() if not v["validation"]["ok"]}
                done.write_text(json.dumps({"problems": problems, "failed": failed}))
        state = json.loads(done.read_text())
        assert state == {"problems": [], "failed": {}}, state
        return out

    return get
