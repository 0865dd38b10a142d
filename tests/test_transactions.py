"""Output folders are transactions: after a kill, a full disk, a read-only location, an error or a
second writer, OUT holds either the previous complete output or the new complete output."""

import errno
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES

from vipscene_sim.cli.main import main
from vipscene_sim.transaction import output_lock

FIRST, SECOND = EXAMPLES[0], EXAMPLES[-1]


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> content hash of every file (the report's timings included)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(FIRST), "--out", str(out), "--no-preview"]) == 0
    capsys.readouterr()
    return out, tree(out)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and
                  not p.name.endswith(".lock"))


def test_an_error_midway_leaves_the_previous_output_whole(built, monkeypatch, capsys):
    out, before = built

    def broken(*a, **k):
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr("exporters.export_all", broken)
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 1
    assert tree(out) == before and _leftovers(out) == []
    assert "internal error" in capsys.readouterr().err


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
                                         (errno.EACCES, "permission denied")])
def test_a_full_disk_or_a_read_only_place_is_exit_2_and_loses_nothing(built, monkeypatch, capsys, code, words):
    """The writer fails as the filesystem would (as root, chmod cannot make a folder read-only,
    so the error is injected where the files are written)."""
    import vipscene_sim.pipeline.build as build_module

    out, before = built
    real = build_module.atomic_write_text

    def failing(path, text):
        if Path(path).name == "scene.json":
            raise OSError(code, os.strerror(code), str(path))
        return real(path, text)

    monkeypatch.setattr(build_module, "atomic_write_text", failing)
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 2
    err = capsys.readouterr().err
    assert words in err and "unchanged" in err and "Traceback" not in err
    assert tree(out) == before and _leftovers(out) == []


def test_a_second_writer_is_refused_with_the_reason(built, capsys):
    out, before = built
    with output_lock(out.absolute()):
        assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 2
    assert "another vipscene command is writing this folder" in capsys.readouterr().err
    assert tree(out) == before
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 0  # the lock is free again


KILLER = textwrap.dedent("""
    import os, signal, sys
    from vipscene_sim.pipeline.build import BuildSettings, build

    def tick(name, i, n):
        if name == sys.argv[3]:
            os.kill(os.getpid(), signal.SIGKILL)

    build(sys.argv[1], sys.argv[2], BuildSettings(preview=False), progress=tick)
""")


@pytest.mark.slow  # over 10 s on the 2-core CI machine
@pytest.mark.parametrize("stage", ["refine", "export", "write"])
def test_a_kill_at_any_stage_leaves_the_old_output_and_the_next_run_completes(built, tmp_path, capsys, stage):
    out, before = built
    proc = subprocess.run([sys.executable, "-c", KILLER, str(SECOND), str(out), stage], capture_output=True,
                          text=True, env={**os.environ, "MUJOCO_GL": "egl"}, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert tree(out) == before  # the killed build wrote into its staging folder only
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 0
    assert _leftovers(out) == []  # the killed run's staging folder was cleared
    fresh = tmp_path / "fresh"
    assert main(["build", str(SECOND), "--out", str(fresh), "--no-preview"]) == 0
    after, clean = tree(out), tree(fresh)
    assert {k: v for k, v in after.items() if k != "report.json"} == \
        {k: v for k, v in clean.items() if k != "report.json"}  # the new output, complete


def test_a_kill_between_the_two_renames_of_the_swap_is_repaired(built, capsys):
    out, before = built
    out.rename(out.parent / f".{out.name}.old")  # what a kill between the renames leaves
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 0
    assert (out / "scene.json").exists() and _leftovers(out) == []
    assert tree(out) != before


@pytest.fixture(scope="module")
def synth_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("walk")
    assert main(["synth", str(EXAMPLES[0]), "--out", str(out), "--frames", "4", "--size", "96", "72"]) == 0
    return out


def test_perceive_writes_its_four_files_together(synth_folder, tmp_path, monkeypatch, capsys):
    import vipscene_sim.scene as scene_module

    out = tmp_path / "lifted"
    argv = ["perceive", str(synth_folder), "--out", str(out), "--reconstruct", "oracle", "--perceive", "oracle"]
    assert main(argv) == 0
    before = tree(out)
    assert {"layout.json", "geometry.npz", "instances.npz", "lift_report.json"} <= set(before)

    def full(self, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(scene_module.Scene, "save", full)  # the last of the four files
    capsys.readouterr()
    assert main(argv + ["--noise", "realistic"]) == 2
    assert "the disk is full" in capsys.readouterr().err
    assert tree(out) == before and _leftovers(out) == []


def test_a_video_save_that_fails_midway_keeps_the_previous_video(tmp_path, monkeypatch):
    import numpy as np

    import vipscene_sim.pipeline.generate as gen
    from vipscene_sim.video.io import Video

    folder = tmp_path / "video"
    frames = np.zeros((5, 48, 64, 3), np.uint8)
    gen.save_generated(Video(frames, 8.0), folder, {"prompt": "first"})
    before = tree(folder)
    calls = {"n": 0}
    real = gen.atomic_write_bytes

    def dies_at_the_third_frame(path, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # what Ctrl-C or a kill's signal handler raises mid-write
        real(path, data)

    monkeypatch.setattr(gen, "atomic_write_bytes", dies_at_the_third_frame)
    with pytest.raises(KeyboardInterrupt):
        gen.save_generated(Video(frames + 1, 8.0), folder, {"prompt": "second"})
    assert tree(folder) == before and _leftovers(folder) == []


def test_a_second_generate_into_the_same_folder_is_refused(tmp_path):
    from vipscene_sim.errors import UserError
    from vipscene_sim.pipeline.generate import GenerateOptions, run_generate

    out = tmp_path / "gen"
    with output_lock(out.absolute(), "generate.lock"):
        with pytest.raises(UserError, match="another vipscene command is writing"):
            run_generate(out, GenerateOptions(prompt="a bedroom with a bed"))
    assert not out.exists()


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_output_follows_the_users_umask(tmp_path, capsys, umask):
    """Temporary files and folders start private; what a build publishes gets the permissions
    the user's umask gives (0644/0755 under 022, so a shared filesystem can read the scenes)."""
    import stat

    old = os.umask(umask)
    try:
        out = tmp_path / "out"
        assert main(["build", str(FIRST), "--out", str(out), "--no-preview"]) == 0
    finally:
        os.umask(old)
    modes = {str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode) for p in [out, *out.rglob("*")]}
    if umask == 0o022:  # readable by everyone, as a plain open() would make them
        assert {p: oct(m) for p, m in modes.items() if m & 0o044 != 0o044} == {}
    else:  # private, as the user asked
        assert {p: oct(m) for p, m in modes.items() if m & 0o077} == {}
    assert all(m & 0o600 == 0o600 for m in modes.values())


def test_a_ctrl_c_a_library_swallows_still_stops_the_build_with_130(built, monkeypatch, capsys):
    """trimesh's import wrappers catch everything, KeyboardInterrupt included: a Ctrl-C that lands
    there must not let the build run on to exit 0. It stops at the next step with exit 130 and
    the previous output untouched."""
    import signal

    import vipscene_sim.retrieve as retrieve_module

    out, before = built
    real = retrieve_module.retrieve_scene

    def swallowing(*a, **k):
        try:
            signal.getsignal(signal.SIGINT)(signal.SIGINT, None)  # what the signal does mid-import
        except BaseException:  # noqa: BLE001 - as the offending library does
            pass
        return real(*a, **k)

    monkeypatch.setattr(retrieve_module, "retrieve_scene", swallowing)
    previous = signal.getsignal(signal.SIGINT)  # SIG_IGN in a job started in the background
    assert main(["build", str(SECOND), "--out", str(out), "--no-preview"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert tree(out) == before and _leftovers(out) == []
    assert signal.getsignal(signal.SIGINT) is previous  # restored after the command
