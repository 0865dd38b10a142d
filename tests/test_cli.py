"""The `vipscene` command line: exit codes, messages, --json, --help, and what build writes."""

import contextlib
import io
import json
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schema import mutated

from vipscene_sim.cli.main import build_parser, main

COMMANDS = ["validate", "schema", "build", "generate", "perceive", "import", "settle", "export",
            "synth", "random-room", "score", "assets", "view"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_examples_exit_zero(capsys):
    code, out, err = run(capsys, "validate", *map(str, EXAMPLES))
    assert code == 0 and out.count(": ok") == len(EXAMPLES)


def test_validate_json_output(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    doc = json.loads(EXAMPLES[0].read_text())
    doc["objects"][3]["size"][1] = 0
    bad.write_text(json.dumps(doc))
    code, out, err = run(capsys, "validate", str(EXAMPLES[0]), str(bad), "--json")
    assert code == 2
    results = json.loads(out)
    assert [r["valid"] for r in results] == [True, False]
    assert results[1]["problems"] == [{"path": "objects[3].size[1]", "message": "must be > 0, got 0"}]


def test_malformed_file_exits_2_naming_the_path(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    doc = json.loads(EXAMPLES[0].read_text())
    doc["room"]["openings"][0]["width"] = 99.0
    bad.write_text(json.dumps(doc))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2 and "room.openings[0].width" in err and "Traceback" not in err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(capsys, command):
    code, out, err = run(capsys, command, "--help")
    assert code == 0 and "example" in out and "vipscene " + command in out


def test_perceive_on_a_broken_video_says_so_in_one_line(capsys, tmp_path):
    video = tmp_path / "v.mp4"
    video.write_bytes(b"\x00")
    code, out, err = run(capsys, "perceive", str(video), "--out", str(tmp_path / "x"))
    assert code == 2 and "unreadable video" in err and err.count("\n") == 1
    # the oracle backends need a synth folder, and say so
    code, out, err = run(capsys, "perceive", str(video), "--out", str(tmp_path / "x"), "--reconstruct", "oracle")
    assert code == 2 and "vipscene synth" in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_bad_flags_exit_2(capsys):
    assert run(capsys, "build", "--out")[0] == 2
    assert run(capsys, "build", str(EXAMPLES[0]), "--out", "x", "--seed", "minus")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys)[0] == 2


def test_build_writes_the_output_folder_and_skips_unchanged_work(capsys, tmp_path, bedroom_path):
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "build", str(bedroom_path), "--out", str(out), "--json")
    assert code == 0
    summary = json.loads(stdout)
    assert {"layout.json", "scene.json", "report.json", "preview.png"} <= {p.name for p in out.iterdir()}
    assert summary["stages"]["preview"] == "ran" and summary["stages"]["settle"] == "ran"
    assert summary["stages"]["export"] == "ran" and (out / "mjcf" / "scene.xml").exists()
    report_export = next(s for s in json.loads((out / "report.json").read_text())["stages"] if s["name"] == "export")
    assert {"mjcf", "urdf", "procthor"} <= set(report_export["details"])
    assert all(e["validation"]["ok"] for e in report_export["details"].values())
    assert summary["stages"]["retrieve"] == "ran"
    report = json.loads((out / "report.json").read_text())
    assert report["schema"] == "vipscene-sim/report" and report["objects"] == 21
    assert (out / "layout.json").read_text() == bedroom_path.read_text()
    scene = json.loads((out / "scene.json").read_text())
    assert all(o["asset"] and o["asset"]["library"] == "builtin" for o in scene["objects"])
    retrieve = next(s for s in report["stages"] if s["name"] == "retrieve")["details"]
    assert set(retrieve["objects"]) == {o["id"] for o in scene["objects"]}
    assert retrieve["objects"]["bed"]["chosen"]["id"].startswith("bed__")
    assert len(retrieve["objects"]["bed"]["ranking"]) == 5
    png = (out / "preview.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"

    # an unchanged rerun skips every stage, each with the input hash it ran from, and changes nothing
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != "report.json"}
    code, stdout, _ = run(capsys, "build", str(bedroom_path), "--out", str(out), "--json")
    assert code == 0 and set(json.loads(stdout)["stages"].values()) == {"skipped"}
    again = json.loads((out / "report.json").read_text())
    assert [(s["name"], s["inputs_sha256"]) for s in again["stages"]] == \
        [(s["name"], s["inputs_sha256"]) for s in report["stages"]]
    assert all(s["note"] == "inputs unchanged" and s["seconds"] == 0.0 for s in again["stages"])
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != "report.json"} == files
    # a skipped stage hands on its details: the export validation is still reported
    assert next(s for s in again["stages"] if s["name"] == "export")["details"] == report_export["details"]

    # an output removed: only the stage that wrote it runs again, and writes the same bytes
    (out / "mjcf" / "scene.xml").unlink()
    code, stdout, _ = run(capsys, "build", str(bedroom_path), "--out", str(out), "--json")
    stages = json.loads(stdout)["stages"]
    assert stages["export"] == "ran" and stages["settle"] == "skipped" and stages["refine"] == "skipped"
    assert (out / "mjcf" / "scene.xml").read_bytes() == files[out / "mjcf" / "scene.xml"]

    code, stdout, _ = run(capsys, "build", str(bedroom_path), "--out", str(out), "--json", "--seed", "5")
    assert json.loads(stdout)["stages"]["preview"] == "ran"
    assert json.loads((out / "scene.json").read_text())["seed"] == 5


def test_build_is_deterministic(capsys, tmp_path, bedroom_path):
    for name in ("a", "b"):
        assert run(capsys, "build", str(bedroom_path), "--out", str(tmp_path / name))[0] == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for f in files:  # every file but the report, whose stage timings differ
        if f.name != "report.json":
            assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
    gz = (tmp_path / "a" / "procthor" / "annotations.json.gz").read_bytes()
    assert gz[:2] == b"\x1f\x8b" and gz[4:8] == b"\0\0\0\0"  # no time in the gzip header


def test_build_into_a_file_is_refused(capsys, tmp_path, bedroom_path):
    target = tmp_path / "file"
    target.write_text("keep me")
    code, _, err = run(capsys, "build", str(bedroom_path), "--out", str(target))
    assert code == 2 and "not a folder" in err and target.read_text() == "keep me"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(doc=mutated(), raw=st.one_of(st.none(), st.binary(max_size=40)))
def test_malformed_documents_never_crash_the_cli(tmp_path_factory, doc, raw):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "layout.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(doc, allow_nan=True))
    out = folder / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", str(path), "--out", str(out), "--no-preview", "--no-physics"])
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert "vipscene: error:" in err.getvalue()
        assert not out.exists(), "a rejected layout must not write anything"


def test_console_script_end_to_end(tmp_path, bedroom_path):
    exe = shutil.which("vipscene") or [sys.executable, "-m", "vipscene_sim.cli.main"]
    cmd = [exe] if isinstance(exe, str) else exe
    ok = subprocess.run(cmd + ["validate", str(bedroom_path)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    proc = subprocess.run(cmd + ["build", str(bad), "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert proc.returncode == 2 and "not valid JSON" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()


def test_parser_lists_every_architecture_command():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(COMMANDS) <= set(sub.choices)


def test_view_without_a_display_is_a_clear_error(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["view", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "mjcf").mkdir()
    (tmp_path / "mjcf" / "scene.xml").write_text("<mujoco/>")
    assert main(["view", str(tmp_path)]) == 2
    assert "no display" in capsys.readouterr().err


def test_an_out_folder_that_cannot_be_made_is_a_user_error(capsys, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    for argv in (["random-room", "--out", str(blocker / "sub" / "room.json")],
                 ["build", str(EXAMPLES[0]), "--out", str(blocker / "sub"), "--no-physics"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and "cannot create this folder" in err and "Traceback" not in err


def test_a_scene_with_problems_is_written_but_never_a_silent_exit_0(capsys, tmp_path):
    """Two beds in a room that holds one: the build writes OUT, lists the overlap refinement could
    not resolve on stderr and in --json, and exits 3."""
    layout = tmp_path / "tight.json"
    layout.write_text(json.dumps({
        "schema": "vipscene-sim/scene", "version": 1, "name": "tight",
        "room": {"floor": [[0, 0], [2.2, 0], [2.2, 1.8], [0, 1.8]], "height": 2.6},
        "objects": [{"id": "bed_a", "category": "bed", "size": [2.0, 1.6, 0.6], "position": [1.1, 0.9, 0.3]},
                    {"id": "bed_b", "category": "bed", "size": [2.0, 1.6, 0.6], "position": [1.1, 0.95, 0.3]}]}))
    code, out, err = run(capsys, "build", str(layout), "--out", str(tmp_path / "o"), "--no-preview", "--json")
    assert code == 3 and (tmp_path / "o" / "scene.json").exists()
    (problem,) = json.loads(out)["problems"]
    assert "bed_a and bed_b still overlap" in problem and f"vipscene: problem: {problem}" in err
    assert "exit 3" in err and "Traceback" not in err


def test_a_dangling_asset_reference_is_a_user_error(capsys, tmp_path):
    """An asset that no library given holds (a missing id, a library that is a path) is exit 2
    naming the object, in build and in the single-stage commands; nothing is written."""
    doc = json.loads(EXAMPLES[0].read_text())
    for asset, words in (({"library": "builtin", "id": "nope"}, "is not in library 'builtin'"),
                         ({"library": "../../etc", "id": "passwd"}, "which is not among the libraries given")):
        doc["objects"][0]["asset"] = {**asset, "scale": [1, 1, 1]}
        path = tmp_path / "scene.json"
        path.write_text(json.dumps(doc))
        for argv in (["build", str(path), "--out", str(tmp_path / "b"), "--no-preview"],
                     ["export", str(path), "--format", "mjcf", "--out", str(tmp_path / "e")],
                     ["settle", str(path), "--out", str(tmp_path / "s")]):
            code, _, err = run(capsys, *argv)
            assert code == 2 and words in err and repr(doc["objects"][0]["id"]) in err, (argv, err)
    assert not any((tmp_path / d).exists() for d in "bes")
