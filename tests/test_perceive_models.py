"""Perception backends on synthetic walkthroughs: the real Grounding DINO and SAM 2 (image and
video) inference and post-processing code with tiny random models, our own vocabulary, scoring,
suppression and association logic, and the whole `vipscene perceive` on a video with models loaded
from folders as a user's would be."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from tiny_models import (
    save_pretrained,
    tiny_bert_tokenizer,
    tiny_depth_anything,
    tiny_grounding_dino,
    tiny_sam2,
    tiny_sam2_video,
)

from vipscene_sim.perceive.associate3d import associate_3d
from vipscene_sim.perceive.detect import (
    Detection,
    Detector,
    DetectorSettings,
    box_iou,
    chunk_vocabulary,
    nms,
    suppress,
    term_token_masks,
)
from vipscene_sim.perceive.gdino_sam2 import Perceiver, PerceptionSettings
from vipscene_sim.perceive.sam2_video import VideoTracker
from vipscene_sim.perceive.segment import Segmenter
from vipscene_sim.perceive.vocabulary import VocabularySettings, build_vocabulary, prompt_terms
from vipscene_sim.reconstruct import oracle_geometry
from vipscene_sim.synth import CameraSettings
from vipscene_sim.video import read_video

ROOT = Path(__file__).resolve().parent.parent
WALK = CameraSettings(path="orbit", frames=36, width=320, height=240)  # as conftest.bedroom_orbit
# a random model's scores are arbitrary: take every box, a few per frame
ANY = DetectorSettings(box_threshold=0.0, text_threshold=0.0, max_detections=6)


@pytest.fixture(scope="module")
def walk(bedroom_orbit):
    """(folder, walkthrough arrays, legend) of the bedroom orbit (conftest)."""
    return bedroom_orbit[:3]


def test_vocabulary_prompt_first_structure_left_out_and_vlm_answers_parsed():
    assert prompt_terms("A cosy bedroom with a queen bed, two night stands and a reading lamp; no TV.") == [
        "queen bed", "nightstand", "tv"]
    answers = iter(["Sure! I see a room.", '```json\n{"objects": ["Bed", "wall", "Nightstands", "potted plant"]}\n```'])
    calls = []

    def chat(prompt, images):
        calls.append(len(images))
        return next(answers)

    frames = np.zeros((10, 8, 8, 3), np.uint8)
    terms, report = build_vocabulary("a bedroom with a bed", VocabularySettings(extra=("ceiling fan",)), chat, frames)
    assert terms[:4] == ["bed", "ceiling fan", "nightstand", "potted plant"]  # prompt, user, then the VLM's
    assert "wall" not in terms and "door" not in terms
    assert report["vlm"]["attempts"] == 2 and report["vlm"]["parsed"] and calls == [4, 4]
    assert len(terms) == len(set(terms)) and "sofa" in terms  # the catalog follows
    terms, report = build_vocabulary(None, VocabularySettings(catalog=False), lambda p, i: "no idea", frames)
    assert terms == [] and not report["vlm"]["parsed"] and "no idea" in report["vlm"]["last_answer"]


def test_vocabulary_chunks_fit_the_text_length_and_terms_own_their_tokens():
    tok = tiny_bert_tokenizer()
    terms = ["table lamp", "table", "nightstand", "chest of drawers", "tv"] * 3
    chunks = chunk_vocabulary(terms, tok, max_tokens=16)
    assert len(chunks) > 1 and sum(len(s) for _, s in chunks) == len(terms)
    for prompt, spans in chunks:
        enc = tok(prompt, return_offsets_mapping=True)
        assert len(enc["input_ids"]) <= 16
        masks = term_token_masks(np.asarray(enc["offset_mapping"]), spans, len(enc["input_ids"]))
        assert masks.any(axis=1).all() and (masks.sum(axis=0) <= 1).all()  # no token in two terms
        for (term, a, b), m in zip(spans, masks):
            assert prompt[a:b] == term
            words = tok.decode([enc["input_ids"][j] for j in np.nonzero(m)[0]]).replace(" ", "")
            assert words == term.replace(" ", "")


def test_suppression_keeps_the_best_box_per_object():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], float)
    assert nms(boxes, np.array([0.5, 0.9, 0.3]), 0.5) == [1, 2]
    assert box_iou(boxes[:1], boxes[:1])[0, 0] == pytest.approx(1.0)
    dets = [Detection(np.array(b, np.float32), s, lab) for b, s, lab in
            (([0, 0, 10, 10], 0.6, "sofa"), ([0, 0, 10, 10.5], 0.7, "couch"), ([0, 0, 10, 3], 0.5, "sofa"))]
    kept = suppress(dets, DetectorSettings())
    assert [d.label for d in kept] == ["couch", "sofa"]  # one object under two names; the smaller box stays


def test_detector_runs_grounding_dino_and_maps_boxes_to_frame_pixels(walk, tmp_path):
    folder, _, _ = walk
    frames = read_video(folder, max_frames=3).frames
    model, processor = tiny_grounding_dino()
    saved = save_pretrained(model, processor, tmp_path / "gdino")
    det = Detector(DetectorSettings(model=str(saved), box_threshold=0.0, text_threshold=0.0, batch_size=2))
    terms = ["bed", "nightstand", "table lamp", "armchair", "wardrobe", "plant"]
    found = det.detect(frames, terms)
    assert len(found) == 3 and all(found)
    h, w = frames.shape[1:3]
    for dets in found:
        boxes = np.array([d.box for d in dets])
        assert (boxes[:, :2] >= 0).all() and (boxes[:, 2] <= w).all() and (boxes[:, 3] <= h).all()
        assert (boxes[:, 2:] - boxes[:, :2] >= DetectorSettings.min_box_px).all()
        assert {d.label for d in dets} <= set(terms) and all(0 <= d.score <= 1 for d in dets)
        for lab in {d.label for d in dets}:
            same = boxes[[d.label == lab for d in dets]]
            iou = box_iou(same, same) - np.eye(len(same))
            assert iou.max() <= DetectorSettings.nms_iou + 1e-6
    # thresholds filter: nothing passes a score of 1.01
    strict = Detector(DetectorSettings(box_threshold=1.01), model=model, processor=processor)
    assert strict.detect(frames[:1], terms) == [[]]


def test_segmenter_gives_a_full_resolution_mask_per_box(walk):
    folder, _, _ = walk
    frame = read_video(folder, max_frames=1).frames[0]
    model, processor = tiny_sam2()
    seg = Segmenter(model=model, processor=processor)
    dets = [Detection(np.array([10, 20, 120, 200], np.float32), 0.9, "bed"),
            Detection(np.array([200, 30, 300, 100], np.float32), 0.8, "lamp")]
    masks = seg.masks(frame, dets)
    assert len(masks) == 2 and all(m.shape == frame.shape[:2] and m.dtype == bool for m in masks)
    assert seg.masks(frame, []) == []


def test_3d_association_gives_each_object_one_id_across_the_video(walk):
    """Ground-truth masks with their ids thrown away, relabelled frame by frame: association through
    the geometry must give each object one track, also when the camera comes back to it."""
    _, arrays, legend = walk
    gt = arrays["instances"].astype(int)
    per_frame = []
    for k in range(len(gt)):
        items = []
        for t in np.unique(gt[k]):
            m = gt[k] == t
            if t and m.sum() >= 30:
                items.append((Detection(np.zeros(4, np.float32), 0.8, legend[str(t)]["category"]), m))
        per_frame.append(items[::-1])  # the detector's order means nothing
    geometry = oracle_geometry(arrays)
    inst, report = associate_3d(per_frame, geometry)
    purity, spread = [], []
    for t in set(np.unique(gt)) - {0}:
        on = (gt == t) & (inst.masks > 0)
        if on.sum() < 200:
            continue
        ids, counts = np.unique(inst.masks[on], return_counts=True)
        spread.append(len(ids))
        purity.append(counts.max() / counts.sum())
    assert np.mean(purity) > 0.97 and np.median(spread) == 1, (purity, spread)
    assert report["tracks"] <= 1.2 * len(purity) + 2
    for t in inst.tracks():
        assert inst.labels[t] in {v["category"] for v in legend.values()}


def test_sam2_video_tracker_prompts_new_objects_on_keyframes(walk):
    folder, _, _ = walk
    frames = read_video(folder, max_frames=8).frames
    model, processor = tiny_sam2_video()
    tracker = VideoTracker(model=model, processor=processor)
    keys = {0: [Detection(np.array([20, 20, 150, 200], np.float32), 0.9, "bed")],
            4: [Detection(np.array([20, 20, 150, 200], np.float32), 0.8, "bed"),
                Detection(np.array([200, 40, 310, 120], np.float32), 0.7, "painting")]}
    inst, report = tracker.track(frames, keys)
    assert inst.masks.shape == frames.shape[:3]
    assert report["objects"] >= 2 and report["keyframes"] == 2
    assert set(inst.labels.values()) <= {"bed", "painting"} and set(inst.tracks()) <= set(inst.labels)


@pytest.mark.parametrize("tracker", ["3d", "sam2"])
def test_perceiver_hands_instances_over_to_lifting(walk, tracker):
    from vipscene_sim.lift import lift

    folder, arrays, _ = walk
    video = read_video(folder, max_frames=6)
    geometry = oracle_geometry({k: arrays[k][video.indices] if k != "K" else arrays[k]
                                for k in ("depth", "K", "cam_to_world")})
    dm, dp = tiny_grounding_dino()
    sm, sp = tiny_sam2() if tracker == "3d" else tiny_sam2_video()
    perceiver = Perceiver(PerceptionSettings(detector=ANY, tracker=tracker), Detector(ANY, dm, dp),
                          Segmenter(model=sm, processor=sp) if tracker == "3d" else None,
                          VideoTracker(model=sm, processor=sp) if tracker == "sam2" else None)
    inst, report = perceiver.run(video.frames, ["bed", "nightstand", "armchair"], geometry)
    assert inst.masks.shape == video.frames.shape[:3] and report["tracker"] == tracker
    assert report["detections"] > 0 and inst.tracks() and set(inst.labels.values()) <= {"bed", "nightstand", "armchair"}
    scene, lift_report = lift(geometry, inst)  # whatever random models found, lifting takes it
    assert scene.room.floor and lift_report["frames"] == len(video.frames)


@pytest.mark.slow  # over 10 s on the 2-core CI machine
@pytest.mark.parametrize("sfm", ["registered", "fails"])
def test_perceive_cli_on_a_video_with_models_from_folders(walk, tmp_path, capsys, monkeypatch, sfm):
    """The whole command a user runs, on an mp4, with every model loaded from a folder through the
    real from_pretrained path: depth_sfm reconstruction + gdino_sam2 perception -> layout.json.
    Structure from motion answers with a known outcome (conftest.sfm_from_truth): registered, the
    report carries the SfM summary and the scale; failed, the single-view fallback says why. Both
    report shapes have the same keys."""
    import imageio.v2 as iio
    from conftest import sfm_from_truth

    from vipscene_sim.cli.main import main

    folder, arrays, _ = walk
    monkeypatch.setattr("vipscene_sim.reconstruct.depth_sfm.run_sfm", sfm_from_truth(
        arrays, fail="structure from motion registered 4 of 12 frames" if sfm == "fails" else None))
    video = tmp_path / "walk.mp4"
    iio.mimwrite(video, list(read_video(folder).frames), fps=8, format="FFMPEG", macro_block_size=1)
    depth = save_pretrained(*tiny_depth_anything(), tmp_path / "depth")
    gdino = save_pretrained(*tiny_grounding_dino(), tmp_path / "gdino")
    sam = save_pretrained(*tiny_sam2(), tmp_path / "sam2")
    out = tmp_path / "out"
    code = main(["perceive", str(video), "--out", str(out), "--reconstruct", "depth_sfm", "--depth-model", str(depth),
                 "--detector", str(gdino), "--segmenter", str(sam), "--box-threshold", "0", "--text-threshold", "0",
                 "--max-detections", "5",
                 "--prompt", "a bedroom with a bed and a wardrobe", "--max-frames", "12", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    summary = json.loads(captured.out)
    assert summary["reconstruct"] == "depth_sfm" and summary["perceive"] == "gdino_sam2"
    report = json.loads((out / "lift_report.json").read_text())
    rec = report["reconstruction"]
    assert {"sfm", "fallback", "scale_m_per_unit", "unregistered_frames"} <= set(rec)
    if sfm == "registered":
        assert rec["sfm"]["registered"] == 12 and rec["fallback"] is None and rec["unregistered_frames"] == []
        assert rec["scale_m_per_unit"] > 0 and rec["scale_observations"] >= 20
        assert summary["frames"] == 12 and summary["fallback"] is None
    else:
        assert rec["sfm"] is None and rec["scale_m_per_unit"] is None
        assert rec["fallback"] == "single view (frame 6): structure from motion failed (structure from motion " \
                                  "registered 4 of 12 frames)"
        assert len(rec["unregistered_frames"]) == 11 and summary["fallback"] == rec["fallback"]
    assert report["perception"]["vocabulary"]["from_prompt"] == ["bed", "wardrobe"]
    assert report["perception"]["tracker"] == "3d" and len(report["frames_used"]) == 12
    for name in ("layout.json", "geometry.npz", "instances.npz"):
        assert (out / name).exists()
    assert main(["validate", str(out / "layout.json")]) == 0
