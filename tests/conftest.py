import os
from pathlib import Path

import pytest

os.environ.setdefault("MUJOCO_GL", "egl")  # offscreen rendering on the CPU (Mesa), before mujoco loads GL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


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
