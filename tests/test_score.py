"""`vipscene score`: model-free metrics on scenes built to have known collisions, out-of-bounds
objects, gaps and unreachable objects; the first-person trajectory on the examples (free space,
every object looked at, smooth, deterministic); the judges against a real local HTTP server that
speaks the chat-completions API (good, malformed and failing answers) and a tiny random
Qwen2.5-VL; and the command end to end."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from assets.registry import LibrarySet
from vipscene_sim import Opening, Room, Scene, SceneObject, Support, load_scene
from vipscene_sim.cli.main import main
from vipscene_sim.evaluate.judge import (
    CRITERIA,
    check_scores,
    compare_walkthroughs,
    judge_walkthrough,
)
from vipscene_sim.evaluate.scene_metrics import (
    MetricSettings,
    floor_blockers,
    object_geometry,
    scene_metrics,
)
from vipscene_sim.evaluate.trajectory import NoFreeFloor, TrajectorySettings, plan_trajectory
from vipscene_sim.layout.navigation import free_space

ROOT = Path(__file__).resolve().parent.parent
GOOD = json.dumps({"scores": {"layout_coherence": 7, "placement_plausibility": 8, "physical_plausibility": 9,
                              "prompt_consistency": 6}, "justification": "A tidy bedroom."})


def _box(oid, size, pos, yaw=0.0, category="box", support=None):
    from vipscene_sim.geometry.pose import yaw_to_quat

    return SceneObject(oid, category, list(size), list(pos), yaw_to_quat(yaw), support=support or Support())


def _room(*objects, floor=((0, 0), (4, 0), (4, 3), (0, 3)), door=True):
    openings = [Opening("door", 0, 1.5, 0.9, 2.0)] if door else []
    return Scene(name="t", room=Room(floor=[list(p) for p in floor], height=2.5, openings=openings),
                 objects=list(objects))


# --- metrics -------------------------------------------------------------------------------------


def test_metrics_find_the_collision_and_the_object_through_the_wall():
    scene = _room(
        _box("a", (1, 1, 1), (1.0, 2.0, 0.5)),
        _box("b", (1, 1, 1), (1.9, 2.0, 0.5)),  # 10 cm into a
        _box("c", (0.5, 0.5, 0.5), (3.0, 2.0, 0.25)),
        _box("d", (0.5, 0.5, 0.5), (3.5, 2.0, 0.25)),  # touches c: not a collision
        _box("e", (0.6, 0.4, 0.8), (3.9, 0.8, 0.4)),  # 20 cm through the east wall
        _box("rug", (2, 1.5, 0.01), (1.5, 1.5, 0.005)),  # a floor covering under a and b
    )
    m = scene_metrics(scene, None, s=MetricSettings()).to_dict()
    assert [(p["a"], p["b"]) for p in m["collisions"]["pairs"]] == [("a", "b")]
    assert m["collisions"]["pairs"][0]["depth_m"] == pytest.approx(0.1, abs=0.005)
    assert m["collisions"]["rate"] == pytest.approx(2 / 6, abs=1e-4)
    assert list(m["out_of_bounds"]["objects"]) == ["e"]
    assert m["out_of_bounds"]["objects"]["e"].startswith("0.20 m outside")
    assert m["objects"] == 6 and m["floor_area_m2"] == pytest.approx(12.0)
    assert m["density_per_m2"] == pytest.approx(0.5)


def test_object_above_the_ceiling_or_below_the_floor_is_out_of_bounds():
    scene = _room(_box("high", (0.5, 0.5, 0.5), (2, 1.5, 2.4)), _box("low", (0.5, 0.5, 0.5), (1, 1, 0.1)))
    oob = scene_metrics(scene, None).out_of_bounds.objects
    assert "above the ceiling" in oob["high"] and "below the floor" in oob["low"]


def test_navigable_floor_of_an_empty_room_matches_the_eroded_area():
    m = scene_metrics(_room(), None, s=MetricSettings(robot_radius=0.25)).to_dict()["navigation"]
    assert m["navigable_fraction"] == pytest.approx((4 - 0.5) * (3 - 0.5) / 12, abs=0.03)
    assert m["reachable_fraction"] == m["navigable_fraction"] and m["from_door"]


def test_an_object_walled_in_by_furniture_is_unreachable_and_the_gap_behind_it_is_not_navigable():
    # two wardrobes close off the room's east end; a plant stands behind them
    scene = _room(
        _box("wardrobe1", (0.6, 1.5, 2.0), (2.6, 0.75, 1.0), category="wardrobe"),
        _box("wardrobe2", (0.6, 1.5, 2.0), (2.6, 2.25, 1.0), category="wardrobe"),
        _box("plant", (0.4, 0.4, 1.0), (3.6, 1.5, 0.5), category="plant"),
        _box("chair", (0.5, 0.5, 0.9), (1.0, 2.3, 0.45), category="chair"),
    )
    nav = scene_metrics(scene, None).to_dict()["navigation"]
    assert nav["unreachable_objects"] == ["plant"]
    assert nav["objects_reachable_rate"] == pytest.approx(0.75)
    assert nav["reachable_fraction"] < nav["navigable_fraction"]  # free floor behind the wardrobes
    # without the second wardrobe the way is open
    del scene.objects[1]
    assert scene_metrics(scene, None).navigation.unreachable_objects == []


def test_stability_and_prompt_coverage():
    scene = _room(_box("bed", (2, 1.6, 0.6), (1.5, 1.5, 0.3), category="bed"),
                  _box("cab", (0.6, 0.35, 0.7), (3.5, 2.7, 1.8), category="wall_cabinet", support=Support("wall")))
    report = {"stages": [{"name": "settle", "details": {"summary": {"dynamic_objects": 4, "unstable": ["lamp"],
                                                                     "max_penetration": 0.001}}}]}
    m = scene_metrics(scene, None, report, "a bedroom with a queen bed, white cabinets and a piano").to_dict()
    assert m["stability"]["stable_rate"] == pytest.approx(0.75) and m["stability"]["unstable"] == ["lamp"]
    cov = m["prompt_coverage"]
    assert cov["covered_by"] == {"queen bed": "bed", "cabinet": "wall_cabinet"}
    assert cov["missing"] == ["piano"] and cov["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    none = scene_metrics(scene, None).to_dict()
    assert not none["stability"]["measured"] and not none["prompt_coverage"]["measured"]


# --- trajectory ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def refined_examples(builtin_library):
    from vipscene_sim.layout import refine_layout
    from vipscene_sim.retrieve import Retriever, retrieve_scene

    libs = LibrarySet([builtin_library])
    out = {}
    for path in sorted((ROOT / "examples").glob("*.json")):
        scene = retrieve_scene(load_scene(path), Retriever(libs.libraries), libs)[0]
        out[path.stem] = refine_layout(scene, libs)[0]
    return libs, out


def _plan(scene, libs, seed=0):
    s = TrajectorySettings()
    geo = object_geometry(scene, libs)
    blockers = floor_blockers(scene, geo, 0.03)
    return plan_trajectory(scene, geo, blockers, s, seed), geo, blockers, s


@pytest.mark.parametrize("name", ["bathroom", "bedroom", "home_office", "kitchen", "living_room"])
def test_trajectory_stays_in_free_space_and_looks_at_every_object(refined_examples, name):
    libs, scenes = refined_examples
    scene = scenes[name]
    traj, geo, blockers, s = _plan(scene, libs)
    grid = free_space(scene.room, list(blockers.values()), traj.walker_radius, s.cell)
    pos = traj.poses[:, :3, 3]
    assert np.allclose(pos[:, 2], s.eye_height)
    for p in pos:  # the walker's whole body stays clear of walls and furniture
        j, i = grid.index(p[:2])
        assert grid.clearance[j, i] >= traj.walker_radius - grid.cell, p
    # every object is looked at: at its frame the camera's optical axis points at the object
    assert traj.unseen == [] and set(traj.views) == {o.id for o in scene.objects}
    for oid, k in traj.views.items():
        v = geo[oid].vertices
        lo, hi = v.min(axis=0), v.max(axis=0)
        cam = traj.poses[k]
        d = np.linalg.inv(cam) @ np.r_[(lo + hi) / 2, 1.0]
        assert d[2] > 0  # in front of the camera
        # the aim point lies on the object's box: its projection falls near the image centre
        corners = np.array([[x, y, z, 1.0] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
        c = (np.linalg.inv(cam) @ corners.T).T
        ang_x = np.arctan2(c[:, 0], c[:, 2])
        assert ang_x.min() - 0.05 <= 0 <= ang_x.max() + 0.05, oid
    # smooth: no jumps in position or heading between frames
    step = np.linalg.norm(np.diff(pos[:, :2], axis=0), axis=1)
    assert step.max() <= 1.5 * s.speed / s.fps
    fwd = traj.poses[:, :3, 2]
    turn = np.degrees(np.arccos(np.clip((fwd[1:] * fwd[:-1]).sum(axis=1), -1, 1)))
    assert turn.max() <= 1.5 * s.turn_rate_deg / s.fps


def test_trajectory_is_deterministic_for_a_seed(refined_examples):
    libs, scenes = refined_examples
    a, b, c = (_plan(scenes["living_room"], libs, seed)[0] for seed in (3, 3, 4))
    assert np.array_equal(a.poses, b.poses)
    assert a.to_dict() == b.to_dict()
    assert not (len(a.poses) == len(c.poses) and np.allclose(a.poses, c.poses))


def test_trajectory_of_an_empty_room_looks_around_and_a_full_room_has_none():
    traj, _, _, _ = _plan(_room(), None)
    yaws = np.arctan2(traj.poses[:, 1, 2], traj.poses[:, 0, 2])
    assert len(traj.poses) > 10 and np.ptp(np.unwrap(yaws)) > math.radians(300)
    full = _room(_box("block", (3.9, 2.9, 1.0), (2, 1.5, 0.5)))
    with pytest.raises(NoFreeFloor):
        _plan(full, None)


# --- judges --------------------------------------------------------------------------------------

FRAMES = np.random.default_rng(1).integers(0, 255, (20, 48, 64, 3), dtype=np.uint8)


def test_check_scores_is_strict_about_the_four_integers():
    ok = {"scores": {c: 5 for c in CRITERIA}}
    assert check_scores(ok)[0] == {c: 5 for c in CRITERIA}
    assert check_scores({"scores": {**ok["scores"], "layout_coherence": "7"}})[0]["layout_coherence"] == 7
    assert check_scores({"scores": {**ok["scores"], "layout_coherence": 8.0}})[0]["layout_coherence"] == 8
    for bad, why in (({"scores": {**ok["scores"], "layout_coherence": 11}}, "outside"),
                     ({"scores": {**ok["scores"], "layout_coherence": 7.5}}, "not an integer"),
                     ({"scores": {**ok["scores"], "layout_coherence": True}}, "not an integer"),
                     ({"scores": {c: 5 for c in CRITERIA[:3]}}, "missing"),
                     (["a list"], "no JSON object"), (None, "no JSON object")):
        value, problem = check_scores(bad)
        assert value is None and why in problem


def _openai(url):
    from vipscene_sim.vlm import OpenAIChat, VlmSettings

    return OpenAIChat(VlmSettings("openai", "judge-model", base_url=url, backoff_s=0.01, timeout_s=2.0))


def test_http_judge_scores_a_walkthrough_and_retries_malformed_answers(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    server = serve((200, "I think the room looks nice overall.", 0, {}),
                   (200, '```json\n{"scores": {"layout_coherence": 12}}\n```', 0, {}),
                   (429, "slow down", 0, {"Retry-After": "0"}),
                   (200, "Here you go: " + GOOD, 0, {}))
    result = judge_walkthrough(_openai(server.url), FRAMES, "a bedroom")
    assert result["judged"] and result["attempts"] == 3 and result["frames_sent"] == 16
    assert result["scores"]["physical_plausibility"] == 9 and result["fpvscore"] == pytest.approx(7.5)
    first, second = server.requests[0]["body"], server.requests[1]["body"]
    content = first["messages"][0]["content"]
    assert sum(p["type"] == "image_url" for p in content) == 16
    assert '"a bedroom"' in content[0]["text"] and "layout_coherence" in content[0]["text"]
    assert "no JSON object found" in second["messages"][0]["content"][0]["text"]
    assert "outside 1..10" in server.requests[2]["body"]["messages"][0]["content"][0]["text"]


def test_http_judge_that_only_answers_prose_is_reported_not_judged(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    server = serve(*[(200, "A lovely room, ten out of ten.", 0, {})] * 3)
    result = judge_walkthrough(_openai(server.url), FRAMES, None)
    assert not result["judged"] and result["attempts"] == 3
    assert "no valid answer after 3 attempts" in result["reason"] and "ten out of ten" in result["last_answer"]


def test_pairwise_comparison_asks_both_orders(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    # this scene is shown first, then second: the judge prefers it both times
    server = serve((200, '{"better": "A", "justification": "x"}', 0, {}),
                   (200, '{"better": "B", "justification": "y"}', 0, {}))
    result = compare_walkthroughs(_openai(server.url), FRAMES, FRAMES[::-1], "a bedroom")
    assert result["judged"] and result["winner"] == "this"
    assert [v["order"] for v in result["votes"]] == [["this", "other"], ["other", "this"]]
    assert sum(p["type"] == "image_url" for p in server.requests[0]["body"]["messages"][0]["content"]) == 32
    # the judge that always picks the first position: a tie (position bias, not preference)
    server = serve((200, '{"better": "A"}', 0, {}), (200, '{"better": "A"}', 0, {}))
    assert compare_walkthroughs(_openai(server.url), FRAMES, FRAMES, None)["winner"] == "tie"


def test_local_judge_runs_a_tiny_qwen25_vl_on_the_walkthrough_as_video():
    from tiny_models import tiny_qwen25_vl

    from vipscene_sim.evaluate.judge import JudgeSettings
    from vipscene_sim.vlm import LocalChat, VlmSettings

    model, processor = tiny_qwen25_vl()
    chat = LocalChat(VlmSettings("local", max_new_tokens=8, device="cpu"), model, processor)
    result = judge_walkthrough(chat, FRAMES, "a bedroom", JudgeSettings(frames=4, attempts=2, as_video=True))
    # random weights answer nonsense: reported, not a crash, after every attempt ran the model
    assert chat.attempts == 2 and not result["judged"] and "after 2 attempts" in result["reason"]


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory, builtin_library):
    out = tmp_path_factory.mktemp("score") / "bedroom"
    assert main(["build", str(ROOT / "examples" / "bedroom.json"), "--out", str(out), "--no-preview"]) == 0
    return out


def test_build_writes_the_model_free_metrics(built):
    doc = json.loads((built / "score.json").read_text())
    assert doc["schema"] == "vipscene-sim/score" and not doc["judge"]["judged"]
    m = doc["metrics"]
    assert m["collisions"]["rate"] == 0 and m["out_of_bounds"]["rate"] == 0
    assert m["stability"]["stable_rate"] == 1.0 and m["navigation"]["objects_reachable_rate"] == 1.0
    assert m["prompt_coverage"]["coverage"] == 1.0


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_score_command_renders_the_walkthrough_and_the_http_judge_scores_it(built, serve, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    server = serve((200, GOOD, 0, {}))
    rc = main(["score", str(built), "--judge", "openai", "--base-url", server.url, "--model", "judge-model",
               "--size", "160", "120", "--frames", "8"])
    assert rc == 0
    doc = json.loads((built / "score.json").read_text())
    assert doc["judge"]["judged"] and doc["judge"]["fpvscore"] == pytest.approx(7.5)
    assert doc["judge"]["model"] == "judge-model" and doc["judge"]["backend"] == "openai"
    w = doc["walkthrough"]
    assert w["rendered"] and w["coverage"] == 1.0 and w["unseen"] == []
    frames = sorted((built / "score" / "walkthrough").glob("fpv_*.png"))
    assert len(frames) == w["frames"] > 50
    stated = re.search(r"the example bedroom: all (\d+), (\d+) frames", (ROOT / "README.md").read_text())
    assert stated and (int(stated.group(1)), int(stated.group(2))) == (len(w["max_pixels"]), w["frames"])
    assert (built / "score" / "topdown.png").exists() and (built / "score" / "trajectory.json").exists()
    assert server.requests[0]["body"]["model"] == "judge-model"
    assert "FPVScore 7.5" in (built / "score.md").read_text() and "FPVScore 7.5" in capsys.readouterr().out


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_a_refused_key_leaves_a_complete_score_json_and_exits_2(built, serve, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
    server = serve((401, "bad key", 0, {}))
    rc = main(["score", str(built), "--judge", "openai", "--base-url", server.url, "--size", "96", "72"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "refused" in err and "OPENAI_API_KEY" in err and "Traceback" not in err
    doc = json.loads((built / "score.json").read_text())
    assert not doc["judge"]["judged"] and "refused" in doc["judge"]["reason"]
    assert doc["metrics"]["objects"] == 21


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_compare_two_scenes(built, tmp_path, serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    other = tmp_path / "office"
    assert main(["build", str(ROOT / "examples" / "home_office.json"), "--out", str(other), "--no-preview"]) == 0
    server = serve((200, GOOD, 0, {}), (200, '{"better": "B"}', 0, {}), (200, '{"better": "A"}', 0, {}))
    assert main(["score", str(built), "--judge", "openai", "--base-url", server.url, "--compare", str(other),
                 "--size", "96", "72", "--frames", "4"]) == 0
    cmp = json.loads((built / "score.json").read_text())["compare"]
    assert cmp["judge"]["winner"] == "other" and cmp["other_metrics"]["objects"] > 0
    assert cmp["other_walkthrough"]["rendered"]


def test_score_bad_input(tmp_path, capsys, built):
    assert main(["score", str(tmp_path / "missing")]) == 2
    assert "no such output folder" in capsys.readouterr().err
    assert main(["score", str(tmp_path)]) == 2
    assert "has no scene.json" in capsys.readouterr().err
    assert main(["score", str(built), "--frames", "0"]) == 2
    assert main(["score", str(built), "--judge", "gpt"]) == 2


def test_score_without_judge_or_free_floor_says_what_was_not_done(tmp_path):
    # a corridor 30 cm wide: no floor for a person, nor for the robot
    _room(floor=((0, 0), (2, 0), (2, 0.3), (0, 0.3)), door=False).save(tmp_path / "corridor.json")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "corridor.json"), "--out", str(out), "--no-preview"]) == 0
    assert main(["score", str(out), "--size", "64", "48"]) == 0
    doc = json.loads((out / "score.json").read_text())
    assert not doc["walkthrough"]["rendered"] and "no free floor" in doc["walkthrough"]["reason"]
    assert not doc["judge"]["judged"] and "no judge" in doc["judge"]["reason"]
    assert doc["metrics"]["navigation"]["navigable_fraction"] == 0 and doc["metrics"]["objects"] == 0
    assert "not rendered (no free floor" in (out / "score.md").read_text()


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_local_judge_from_a_model_folder_through_the_command(built, tmp_path):
    from tiny_models import save_pretrained, tiny_qwen25_vl

    folder = save_pretrained(*tiny_qwen25_vl(), tmp_path / "qwen")
    assert main(["score", str(built), "--judge", "local", "--model", str(folder), "--device", "cpu",
                 "--frames", "2", "--attempts", "1", "--size", "96", "72"]) == 0
    judge = json.loads((built / "score.json").read_text())["judge"]
    # random weights never answer the rubric: recorded as not judged, with the model that was asked
    assert judge["backend"] == "local" and judge["model"] == str(folder)
    assert not judge["judged"] and judge["attempts"] == 1 and judge["frames_sent"] == 2
