"""Video generation and `vipscene generate`: walkthrough prompts, model settings and memory
plans, tiny randomly initialised Wan, CogVideoX and LTX pipelines (text- and image-to-video)
running the real diffusers generation code on the CPU, and the full pipeline from a prompt, from a
user's video and from a batch file, resumable, with every stage's files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from tiny_models import (
    save_pretrained,
    tiny_cogvideox,
    tiny_depth_anything,
    tiny_grounding_dino,
    tiny_ltx,
    tiny_sam2,
    tiny_wan,
)

from vipscene_sim.cli.main import main
from vipscene_sim.pipeline.build import PROBLEMS_EXIT
from vipscene_sim.errors import UserError
from vipscene_sim.video.generate import (
    VideoGenerator,
    VideoSettings,
    fit_image,
    memory_plan,
    resolve,
)
from vipscene_sim.video.generate import family as video_family
from vipscene_sim.video.prompts import NEGATIVE, PATHS, clean_description, walkthrough_prompt

TINY = {"wan": tiny_wan, "cogvideox": tiny_cogvideox, "ltx": tiny_ltx}
IMAGE = np.random.default_rng(0).integers(0, 255, (60, 90, 3), dtype=np.uint8)


def test_walkthrough_prompts_ask_for_what_reconstruction_needs():
    for path in PATHS:
        prompt, negative = walkthrough_prompt("  a cosy bedroom\n with a queen bed. ", path)
        assert prompt.startswith("A cosy bedroom with a queen bed. The camera")
        for need in ("slowly", "eye height", "nobody", "no cuts", "steady exposure"):
            assert need in prompt, (path, need)
        assert negative == NEGATIVE and "people" in negative and "scene cut" in negative
    assert "circle" in walkthrough_prompt("x", "orbit")[0] and "pans" in walkthrough_prompt("x", "pan")[0]
    image_prompt, _ = walkthrough_prompt("a kitchen", "walk", image=True)
    assert image_prompt.startswith("Starting from this exact view") and "a kitchen" in image_prompt
    assert walkthrough_prompt("", "pan", image=True)[0].startswith("Starting from")
    with pytest.raises(ValueError):
        walkthrough_prompt("", "pan")
    assert len(clean_description("word " * 500)) <= 600


def test_settings_default_per_family_and_round_to_what_the_model_takes():
    s, notes = resolve(VideoSettings("wan"), image=False)
    assert (s.model, s.width, s.height, s.frames, s.fps) == ("Wan-AI/Wan2.1-T2V-1.3B-Diffusers", 832, 480, 81, 16)
    assert notes == [] and resolve(VideoSettings("wan"), image=True)[0].model == video_family("wan").i2v_model
    s, notes = resolve(VideoSettings("ltx", frames=100, width=700, height=500), image=False)
    assert (s.frames - 1) % 8 == 0 and s.width % 32 == 0 and s.height % 32 == 0 and len(notes) == 2
    s, _ = resolve(VideoSettings("cogvideox", frames=50), image=False)
    assert s.frames == 49 and s.model == "THUDM/CogVideoX-2b"
    for bad in (VideoSettings("sora"), VideoSettings(frames=1), VideoSettings(width=10000), VideoSettings(steps=0),
                VideoSettings(memory="lots"), VideoSettings(vae_tiling="maybe"), VideoSettings(guidance=-1)):
        with pytest.raises(UserError):
            resolve(bad, image=False)


def test_memory_plan_follows_the_free_gpu_memory():
    assert memory_plan("wan", "cuda", "auto", "auto", 80.0) == {
        "mode": "gpu", "vae_tiling": False, "free_gb": 80.0, "reason": "80.0 GiB free >= 20.0 GiB for the whole pipeline"}
    assert memory_plan("wan", "cuda", "auto", "auto", 22.0)["vae_tiling"]  # fits, but tight: decode in tiles
    assert memory_plan("wan", "cuda", "auto", "auto", 16.0)["mode"] == "model_offload"
    assert memory_plan("wan", "cuda", "auto", "auto", 8.0)["mode"] == "group_offload"
    assert memory_plan("cogvideox", "cuda:1", "sequential_offload", "off", 80.0)["mode"] == "sequential_offload"
    cpu = memory_plan("ltx", "cpu", "auto", "auto", None)
    assert cpu["mode"] == "none" and not cpu["vae_tiling"]


def test_image_prompt_is_cropped_to_the_video_aspect():
    from PIL import Image

    out = fit_image(Image.fromarray(IMAGE), 64, 32)
    assert out.size == (64, 32)


@pytest.mark.slow  # over 10 s on the 2-core CI machine
@pytest.mark.parametrize("family", ["wan", "cogvideox", "ltx"])
def test_each_family_generates_from_a_saved_pipeline_text_and_image_to_video(family, tmp_path):
    folder = tmp_path / family
    TINY[family]().save_pretrained(folder)
    settings = VideoSettings(family, str(folder), frames=9, width=32, height=32, steps=2, device="cpu", seed=3)
    steps = []
    gen = VideoGenerator(settings)  # the real from_pretrained path (Wan: its fp32 VAE from the vae/ subfolder)
    prompt, negative = walkthrough_prompt("a bedroom with a bed", "orbit")
    video = gen(prompt, negative, progress=lambda i, n: steps.append((i, n)))
    assert video.frames.dtype == np.uint8 and video.frames.ndim == 4 and video.frames.shape[-1] == 3
    assert len(video.frames) >= 9 and video.fps == video_family(family).fps
    assert steps == [(1, 2), (2, 2)]
    assert gen.describe()["pipeline"] == type(gen.pipeline).__name__ and gen.describe()["model"] == str(folder)
    again = gen(prompt, negative)
    assert np.array_equal(video.frames, again.frames)  # same seed, same video
    i2v = VideoGenerator(settings, image=True, pipeline=TINY[family](image=True))
    moving = i2v(*walkthrough_prompt("a bedroom", "pan", image=True), image=IMAGE)
    assert moving.frames.dtype == np.uint8 and len(moving.frames) >= 9
    with pytest.raises(UserError, match="needs an image"):
        i2v("x")


@pytest.fixture(scope="module")
def model_folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen_models")
    tiny_wan().save_pretrained(root / "wan")
    return {"wan": root / "wan", "depth": save_pretrained(*tiny_depth_anything(), root / "depth"),
            "gdino": save_pretrained(*tiny_grounding_dino(), root / "gdino"),
            "sam2": save_pretrained(*tiny_sam2(), root / "sam2")}


def _perception_flags(m, detections=3):
    return ["--device", "cpu", "--depth-model", str(m["depth"]), "--detector", str(m["gdino"]), "--segmenter",
            str(m["sam2"]), "--box-threshold", "0", "--text-threshold", "0", "--max-detections", str(detections)]


def _video_flags(m, steps="2"):
    return ["--video-model", str(m["wan"]), "--frames", "9", "--size", "64", "48", "--steps", steps]


def test_generate_runs_every_stage_for_real_and_resumes(model_folders, tmp_path, capsys):
    out = tmp_path / "gen"
    argv = ["generate", "a bedroom with a bed and a wardrobe", "--out", str(out), *_video_flags(model_folders),
            *_perception_flags(model_folders), "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    summary = json.loads(capsys.readouterr().out)
    assert {k: v["status"] for k, v in summary["stages"].items()} == {"video": "ran", "perceive": "ran", "build": "ran"}
    for name in ("video/walkthrough.mp4", "video/video.json", "video/frames/frame_0008.png", "geometry.npz",
                 "instances.npz", "layout.json", "lift_report.json", "scene.json", "report.json", "score.json",
                 "preview.png", "mjcf/scene.xml", "urdf/scene.urdf", "procthor/house.json", "usd/scene.usdc",
                 "generate.json"):
        assert (out / name).exists(), name
    meta = json.loads((out / "video" / "video.json").read_text())
    assert meta["pipeline"] == "WanPipeline" and meta["frames"] == 9 and meta["size"] == [64, 48]
    assert "circle" in meta["prompt"] and meta["negative_prompt"] == NEGATIVE
    # random frames cannot be matched: reconstruction falls back to one view and says so
    lift = json.loads((out / "lift_report.json").read_text())
    assert "single view" in lift["reconstruction"]["fallback"] and lift["frames"] == 9
    assert json.loads((out / "score.json").read_text())["metrics"]["prompt_coverage"]["measured"]
    # a rerun with the same inputs skips every stage; a changed video setting reruns all three
    assert main(argv) == 0
    assert {v["status"] for v in json.loads(capsys.readouterr().out)["stages"].values()} == {"skipped"}
    argv[argv.index("--steps") + 1] = "3"
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["stages"]["video"]["status"] == "ran"


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_generate_from_a_users_video(model_folders, bedroom_orbit, tmp_path, capsys, monkeypatch):
    import imageio.v2 as iio
    from conftest import sfm_from_truth

    from vipscene_sim.video import read_video

    folder, arrays, _, _ = bedroom_orbit
    # a known SfM outcome: whether pycolmap registers a lossy mp4 depends on the machine
    monkeypatch.setattr("vipscene_sim.reconstruct.depth_sfm.run_sfm", sfm_from_truth(arrays))
    video = tmp_path / "phone.mp4"
    iio.mimwrite(video, list(read_video(folder).frames), fps=8, format="FFMPEG", macro_block_size=1)
    out = tmp_path / "own"
    # the tiny random models' layout is nonsense (4 m tall blobs): it may keep overlaps, which
    # is exit 3 with the scene written; what is tested here is the path from a user's video
    assert main(["generate", "--video", str(video), "--out", str(out), "--max-frames", "12",
                 *_perception_flags(model_folders, detections=1), "--max-objects", "12", "--no-preview",
                 "--json"]) in (0, PROBLEMS_EXIT), capsys.readouterr().err
    summary = json.loads(capsys.readouterr().out)
    assert summary["stages"]["video"]["status"] == "given" and not (out / "video").exists()
    lift = json.loads((out / "lift_report.json").read_text())
    assert lift["reconstruction"]["sfm"]["registered"] == 12 and lift["reconstruction"]["fallback"] is None
    assert (out / "scene.json").exists() and (out / "mjcf" / "scene.xml").exists()


def test_batch_records_a_failed_prompt_and_goes_on(model_folders, tmp_path, capsys):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("# two rooms and a line that describes none\na small office with a desk\n\n...\n"
                       "a bathroom with a bathtub\n")
    out = tmp_path / "batch"
    code = main(["generate", "--prompts", str(prompts), "--out", str(out), *_video_flags(model_folders),
                 *_perception_flags(model_folders), "--no-preview", "--no-physics"])
    assert code == 2  # one prompt failed
    doc = json.loads((out / "batch.json").read_text())
    assert [r["status"] for r in doc["runs"]] == ["ok", "failed", "ok"] and doc["ok"] == 2
    assert "describes no room" in doc["runs"][1]["error"]
    assert (out / "000_a_small_office_with_a_desk" / "scene.json").exists()
    assert (out / "002_a_bathroom_with_a_bathtub" / "layout.json").exists()
    table = (out / "batch.md").read_text()
    assert table.count("\n") == 5 and "| failed: " in table
    assert "2 of 3 prompts built" in capsys.readouterr().out


def test_generate_bad_input_is_one_line_exit_2(tmp_path, capsys):
    img = tmp_path / "not_an_image.png"
    img.write_text("hello")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n")
    small = tmp_path / "small"
    small.mkdir()
    from PIL import Image

    for k in range(3):
        Image.fromarray(IMAGE[:32, :40]).save(small / f"f{k}.png")
    for argv, says in ((["generate", "--out", str(tmp_path / "o")], "describes no room"),
                       (["generate", "a room", "--image", str(img), "--out", str(tmp_path / "o")], "not a readable"),
                       (["generate", "--video", str(tmp_path / "none.mp4"), "--out", str(tmp_path / "o")],
                        "no such file"),
                       (["generate", "--video", str(img), "--image", str(img), "--out", str(tmp_path / "o")],
                        "exclude each other"),
                       (["generate", "--prompts", str(empty), "--out", str(tmp_path / "o")], "no prompts"),
                       (["generate", "x", "--prompts", str(empty), "--out", str(tmp_path / "o")], "give no PROMPT"),
                       (["generate", "--video", str(small), "--out", str(tmp_path / "o")], "too small")):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert says in err and err.count("\n") == 1, err


@pytest.mark.slow  # over 10 s on the 2-core CI machine
def test_missing_video_model_offline_names_it_and_how_to_get_it(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    r = subprocess.run([sys.executable, "-m", "vipscene_sim.cli.main", "generate", "a bedroom", "--out",
                        str(tmp_path / "o"), "--device", "cpu"], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "Wan-AI/Wan2.1-T2V-1.3B-Diffusers" in r.stderr and "hf download" in r.stderr and "--video-model" in r.stderr
    assert not (tmp_path / "o").exists()  # nothing written when the model is missing


def test_generate_from_an_image_prompt(model_folders, tmp_path, capsys):
    from PIL import Image

    folder = tmp_path / "wan_i2v"
    tiny_wan(image=True).save_pretrained(folder)
    picture = tmp_path / "room.png"
    Image.fromarray(IMAGE).save(picture)
    out = tmp_path / "i2v"
    assert main(["generate", "a living room", "--image", str(picture), "--out", str(out), "--video-model", str(folder),
                 "--frames", "9", "--size", "64", "48", "--steps", "1", *_perception_flags(model_folders, detections=1),
                 "--no-preview", "--no-physics", "--json"]) == 0, capsys.readouterr().err
    meta = json.loads((out / "video" / "video.json").read_text())
    assert meta["task"] == "image-to-video" and meta["pipeline"] == "WanImageToVideoPipeline"
    assert meta["image"] == str(picture) and meta["prompt"].startswith("Starting from this exact view")
    assert (out / "layout.json").exists() and (out / "scene.json").exists()


def test_cogvideox_i2v_keeps_the_size_its_positional_embeddings_were_trained_at():
    pipe = tiny_cogvideox(image=True)  # learned positional embeddings for 32x32 (4x4 latents)
    gen = VideoGenerator(VideoSettings("cogvideox", "tiny", frames=9, steps=1, device="cpu"), image=True,
                         pipeline=pipe)
    assert (gen.settings.width, gen.settings.height) == (32, 32) and "generates only at 32x32" in gen.notes[-1]
    with pytest.raises(UserError, match="generates only at 32x32"):
        VideoGenerator(VideoSettings("cogvideox", "tiny", width=64, height=64, device="cpu"), image=True, pipeline=pipe)
