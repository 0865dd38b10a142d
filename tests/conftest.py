from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.fixture
def examples() -> list[Path]:
    return EXAMPLES


@pytest.fixture
def bedroom_path() -> Path:
    return ROOT / "examples" / "bedroom.json"
