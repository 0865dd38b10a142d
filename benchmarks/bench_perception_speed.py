"""Speed and memory of the ML backends at realistic resolution, on the CPU and on a GPU when present.

No weights can be downloaded here, so each model is the released architecture (the config of the
checkpoint we default to) with random weights: speed and memory depend on the architecture and the
input size, not on the weight values. Inputs are 832x480 frames (the size Wan 2.1 generates), a
detection vocabulary of the catalog's 58 categories (3 prompts of Grounding DINO's 256 tokens), 10
boxes a frame for SAM 2, 10 objects tracked by SAM 2 video.

| backend | released checkpoint this architecture matches |
|---|---|
| depth | depth-anything/Depth-Anything-V2-Metric-Indoor-Small-hf (ViT-S/14 DINOv2 + DPT head, 518 px) |
| detect | IDEA-Research/grounding-dino-tiny (Swin-T + BERT-base, 900 queries, 800 px short side) |
| segment | facebook/sam2.1-hiera-tiny (Hiera-T, 1024 px), one forward per frame with 10 boxes |
| track | facebook/sam2.1-hiera-tiny video model, 10 objects propagated frame by frame |

Each backend runs in fp32 (the baseline, same process) and, on a GPU, in bf16 (fp16 where bf16 is
missing): the table gives frames per second, the speed-up over fp32 and the peak GPU memory.

Run: python benchmarks/bench_perception_speed.py [--frames N] [--device cpu|cuda] [--only depth detect ...]
"""

from __future__ import annotations

import argparse
import string
import time

import numpy as np

W, H = 832, 480


def bert_tokenizer():
    """BERT-base's vocabulary size (30522) with the catalog's words in it, built offline."""
    from transformers import BertTokenizer

    from vipscene_sim.catalog import CATEGORIES

    words = {w for s in CATEGORIES.values() for p in (s.name.replace("_", " "), *s.synonyms) for w in p.lower().split()}
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ","] + list(string.ascii_lowercase) + [
        f"##{c}" for c in string.ascii_lowercase] + sorted(w for w in words if w.isalpha() and len(w) > 1)
    vocab = list(dict.fromkeys(vocab))
    vocab += [f"[unused{i}]" for i in range(30522 - len(vocab))]
    return BertTokenizer(vocab={w: i for i, w in enumerate(vocab)}, do_lower_case=True)


def _proc(name):
    import transformers

    return getattr(transformers, f"{name}ImageProcessorPil", None) or getattr(transformers, f"{name}ImageProcessor")


def build(backend: str):
    import torch
    import transformers as tf

    torch.manual_seed(0)
    if backend == "depth":
        cfg = tf.DepthAnythingConfig(depth_estimation_type="metric", max_depth=20)
        return tf.DepthAnythingForDepthEstimation(cfg), _proc("DPT")(
            size={"height": 518, "width": 518}, keep_aspect_ratio=True, ensure_multiple_of=14, do_pad=False)
    if backend == "detect":
        cfg = tf.GroundingDinoConfig()
        return tf.GroundingDinoForObjectDetection(cfg), tf.GroundingDinoProcessor(
            image_processor=_proc("GroundingDino")(), tokenizer=bert_tokenizer())
    if backend == "segment":
        return tf.Sam2Model(tf.Sam2Config()), tf.Sam2Processor(image_processor=tf.Sam2ImageProcessor())
    if backend == "track":
        return tf.Sam2VideoModel(tf.Sam2VideoConfig()), tf.Sam2VideoProcessor(
            image_processor=tf.Sam2ImageProcessor(), video_processor=tf.Sam2VideoVideoProcessor())
    raise ValueError(backend)


def run(backend: str, model, processor, frames: np.ndarray, device: str, precision: str) -> tuple[float, float]:
    """(frames per second, peak GPU memory GB) of one backend over ``frames`` (after a warm-up)."""
    import torch

    from vipscene_sim.perceive.detect import Detection, Detector, DetectorSettings
    from vipscene_sim.perceive.sam2_video import VideoTracker
    from vipscene_sim.perceive.segment import Segmenter, SegmenterSettings
    from vipscene_sim.perceive.vocabulary import catalog_terms
    from vipscene_sim.reconstruct.depth_model import DepthModel, DepthModelSettings

    rng = np.random.default_rng(0)
    boxes = [Detection(np.array([x, y, x + w, y + h], np.float32), 0.9, "object") for x, y, w, h in
             zip(rng.integers(0, W - 200, 10), rng.integers(0, H - 150, 10), rng.integers(40, 200, 10),
                 rng.integers(40, 150, 10))]
    dev = {"device": device, "precision": precision}
    if backend == "depth":
        m = DepthModel(DepthModelSettings(batch_size=8, **dev), model, processor)
        fn = m.predict
    elif backend == "detect":
        m = Detector(DetectorSettings(batch_size=4, **dev), model, processor)
        terms = catalog_terms()
        fn = lambda f: m.detect(f, terms)
    elif backend == "segment":
        m = Segmenter(SegmenterSettings(**dev), model, processor)
        fn = lambda f: [m.masks(x, boxes) for x in f]
    else:
        m = VideoTracker(SegmenterSettings(**dev), model=model, processor=processor)
        fn = lambda f: m.track(f, {0: boxes})
    fn(frames[:2])  # warm-up (kernels, allocator)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    fn(frames)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    seconds = time.perf_counter() - t0
    peak = torch.cuda.max_memory_allocated() / 1e9 if device.startswith("cuda") else float("nan")
    return len(frames) / seconds, peak


def main(argv=None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frames", type=int, default=16)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--only", nargs="+", default=["depth", "detect", "segment", "track"])
    args = ap.parse_args(argv)
    frames = np.random.default_rng(1).integers(0, 255, (args.frames, H, W, 3), dtype=np.uint8)
    where = torch.cuda.get_device_name() if args.device.startswith("cuda") else f"CPU ({torch.get_num_threads()} threads)"
    half = "bf16" if args.device.startswith("cuda") and torch.cuda.is_bf16_supported() else "fp16"
    precisions = ["fp32", half] if args.device.startswith("cuda") else ["fp32"]
    print(f"\nML backends at {W}x{H}, {args.frames} frames, random weights, on {where}; "
          f"torch {torch.__version__}:\n")
    print("| backend | params (M) | precision | frames/s | speed-up vs fp32 | peak GPU memory (GB) |")
    print("|---|---|---|---|---|---|")
    for backend in args.only:
        model, processor = build(backend)
        params = sum(p.numel() for p in model.parameters()) / 1e6
        base = None
        for prec in precisions:
            fps, peak = run(backend, model, processor, frames, args.device, prec)
            base = base or fps
            print(f"| {backend} | {params:.1f} | {prec} | {fps:.2f} | {fps / base:.2f} | {peak:.2f} |", flush=True)
            model = model.float()
        del model
        if args.device.startswith("cuda"):
            torch.cuda.empty_cache()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
