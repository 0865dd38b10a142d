"""The README's two set-up commands are the ones CI runs, and its examples exist."""

from pathlib import Path

from conftest import readme_python_block

ROOT = Path(__file__).resolve().parent.parent


def _ci_commands():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    return [ln for ln in lines if ln.startswith(("python3 -m venv", ".venv/bin/pip install"))]


def test_ci_runs_exactly_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    commands = _ci_commands()
    assert len(commands) == 2
    for cmd in commands:
        assert f"\n{cmd}\n" in readme, f"README does not show: {cmd}"
    assert "pip install -e . " in commands[0] and "[" not in commands[0]  # the main job: no ML stack


def test_readme_example_files_exist():
    readme = (ROOT / "README.md").read_text()
    for name in ("examples/bedroom.json", "examples/kitchen.json"):
        assert name in readme and (ROOT / name).exists()
    prompts = [ln for ln in (ROOT / "examples" / "prompts.txt").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")]
    assert len(prompts) >= 5


def test_readme_door_example_opens_a_door(tmp_path, monkeypatch):
    from vipscene_sim.pipeline.build import BuildSettings, build

    build(ROOT / "examples" / "bedroom.json", tmp_path / "out" / "bedroom", BuildSettings(preview=False))
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(readme_python_block("mj_forward"), "README.md", "exec"), names)
    door = names["door"]
    assert names["data"].qpos[door.qposadr[0]] == door.range[1] > 1.0


def test_readme_python_example_runs(tmp_path, monkeypatch):
    import shutil

    block = readme_python_block("my_kitchen")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "out" / "my_kitchen" / "scene.json").exists()
