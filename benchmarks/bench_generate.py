"""Time per stage of a full `vipscene generate`: video -> reconstruct + perceive + lift -> build.

No weights can be downloaded on our machines, so the models are the released architectures with
random weights (speed and memory depend on the architecture and the sizes, not on the weights):

- video: Wan2.1-T2V-1.3B (WanTransformer3DModel 1.3B, UMT5-XXL text encoder, Wan 2.1 VAE) at
  832x480, 81 frames; ``--steps`` denoising steps are timed and the 50-step time extrapolated
  (every step costs the same);
- reconstruct + perceive + lift: depth_sfm (Depth Anything V2 Metric Indoor Small + pycolmap) and
  gdino_sam2 (Grounding DINO tiny + SAM 2.1 tiny), the architectures of
  `bench_perception_speed.py`, on the generated frames (random weights make random frames: SfM
  falls back to a single view, so the SfM time here is a lower bound; see bench_reconstruct.py);
- build: retrieval, refinement, physics, export, metrics of the lifted layout.

On a GPU (``--device cuda``, the default when one is visible) the real sizes run; on a CPU only
``--tiny`` is practical (tiny models, 64x48, 9 frames): the same stages, for a smoke run.

Run: python benchmarks/bench_generate.py [--steps 4] [--frames 81] [--tiny] [--device cpu|cuda]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))


def wan_1_3b(device: str, dtype):
    """Wan2.1-T2V-1.3B's architecture with random weights, built on ``device``."""
    import diffusers as d
    import torch
    import transformers as tf

    tok = tf.ByT5Tokenizer()  # offline; ids fall inside UMT5's 256k vocabulary
    with torch.device(device):
        torch.manual_seed(0)
        enc = tf.UMT5EncoderModel(tf.UMT5Config(vocab_size=256384, d_model=4096, d_kv=64, d_ff=10240, num_layers=24,
                                                num_heads=64, feed_forward_proj="gated-gelu")).to(dtype)
        transformer = d.WanTransformer3DModel(patch_size=(1, 2, 2), num_attention_heads=12, attention_head_dim=128,
                                              in_channels=16, out_channels=16, text_dim=4096, freq_dim=256,
                                              ffn_dim=8960, num_layers=30, cross_attn_norm=True,
                                              qk_norm="rms_norm_across_heads", eps=1e-6, rope_max_seq_len=1024).to(dtype)
        vae = d.AutoencoderKLWan().to(torch.float32)
    return d.WanPipeline(tokenizer=tok, text_encoder=enc, vae=vae, transformer=transformer,
                         scheduler=d.UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True,
                                                             flow_shift=3.0))


def perception_models(opts, device: str, tiny: bool):
    """Models for run_perceive: real-size random architectures, or the tests' tiny ones."""
    from vipscene_sim.ml import ModelHolder
    from vipscene_sim.perceive import PERCEIVERS
    from vipscene_sim.perceive.detect import Detector, DetectorSettings
    from vipscene_sim.perceive.gdino_sam2 import Perceiver, PerceptionSettings
    from vipscene_sim.perceive.segment import Segmenter, SegmenterSettings
    from vipscene_sim.reconstruct import RECONSTRUCTORS
    from vipscene_sim.reconstruct.depth_model import DepthModel, DepthModelSettings

    if tiny:
        from tiny_models import tiny_depth_anything, tiny_grounding_dino, tiny_sam2

        depth, gdino, sam = tiny_depth_anything(), tiny_grounding_dino(), tiny_sam2()
    else:
        from bench_perception_speed import build

        depth, gdino, sam = build("depth"), build("detect"), build("segment")
    dev = {"device": device, "precision": "auto"}
    det = DetectorSettings(box_threshold=0.0, text_threshold=0.0, max_detections=10, **dev)
    seg = SegmenterSettings(**dev)
    perceiver = Perceiver(PerceptionSettings(detector=det, segmenter=seg), Detector(det, *gdino),
                          Segmenter(seg, *sam))
    return ModelHolder(**{RECONSTRUCTORS.load("depth_sfm").model_key(opts): DepthModel(DepthModelSettings(**dev), *depth),
                          PERCEIVERS.load("gdino_sam2").model_key(opts): perceiver})


def main(argv=None) -> int:
    import torch

    from vipscene_sim.ml import resolve_dtype
    from vipscene_sim.pipeline.build import BuildSettings
    from vipscene_sim.pipeline.generate import GenerateOptions, run_generate, video_key
    from vipscene_sim.pipeline.perceive import PerceiveOptions
    from vipscene_sim.video.generate import VideoGenerator, VideoSettings

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--steps", type=int, default=4, help="denoising steps timed (the table extrapolates to 50)")
    ap.add_argument("--frames", type=int, default=81)
    ap.add_argument("--tiny", action="store_true", help="tiny models at 64x48, 9 frames (the only CPU option)")
    args = ap.parse_args(argv)
    tiny = args.tiny or args.device == "cpu"
    w, h, frames = (64, 48, 9) if tiny else (832, 480, args.frames)
    dtype = resolve_dtype(args.device, "auto")
    t0 = time.perf_counter()
    if tiny:
        from tiny_models import tiny_wan

        pipe = tiny_wan()
    else:
        pipe = wan_1_3b(args.device, dtype)
    build_s = time.perf_counter() - t0
    vs = VideoSettings("wan", "random-wan2.1-1.3b" if not tiny else "tiny-wan", frames, w, h, args.steps,
                       device=args.device, memory="gpu" if args.device.startswith("cuda") else "auto")
    if args.device.startswith("cuda"):
        torch.cuda.reset_peak_memory_stats()
    gen = VideoGenerator(vs, pipeline=pipe)
    popts = PerceiveOptions(reconstruct="depth_sfm", perceive="gdino_sam2", device=args.device,
                            prompt="a bedroom with a bed, a wardrobe and a desk", max_frames=60)
    models = perception_models(popts, args.device, tiny)
    models.get(video_key(vs, False), lambda: gen)
    with tempfile.TemporaryDirectory() as tmp:
        opts = GenerateOptions(prompt=popts.prompt, video_settings=vs, perceive=popts,
                               build=BuildSettings(preview=False))
        summary = run_generate(Path(tmp) / "out", opts, models, keep_video=True)
    peak = torch.cuda.max_memory_allocated() / 2**30 if args.device.startswith("cuda") else None
    st = summary["stages"]
    video_s = st["video"]["seconds"]
    per_step = gen.last_seconds / max(args.steps, 1)
    print(f"\nvipscene generate, {'tiny models' if tiny else 'released architectures, random weights'}, "
          f"{w}x{h}, {frames} frames, {args.device} ({torch.cuda.get_device_name() if args.device.startswith('cuda') else 'CPU'})")
    print(f"(models built in {build_s:.1f} s, not counted)\n")
    print("| stage | seconds | note |")
    print("|---|---|---|")
    print(f"| video ({args.steps} steps) | {video_s:.1f} | {per_step:.2f} s a step (text encoding and VAE decode included: an upper bound); "
          f"50 steps ~ {video_s + per_step * (50 - args.steps):.0f} s |")
    print(f"| reconstruct + perceive + lift | {st['perceive']['seconds']:.1f} | "
          f"{summary['reconstruction']} |")
    print(f"| build | {st['build']['seconds']:.1f} | {summary['objects_built']} objects |")
    if peak is not None:
        print(f"\npeak GPU memory {peak:.1f} GiB (everything on the GPU, {str(dtype).replace('torch.', '')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
