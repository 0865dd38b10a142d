"""Video generation over diffusers: Wan 2.1/2.2, CogVideoX and LTX-Video, text-to-video and
image-to-video behind one call.

``VideoGenerator(settings, image=...)`` loads the pipeline once (a Hub id, ``ID@REVISION`` or a
folder written by ``save_pretrained``); calling it with a prompt (and an image for image-to-video)
returns a `Video`: uint8 frames (N, H, W, 3) and their fps. Frame counts and sizes are rounded to
what each model accepts (Wan: 4k+1 frames, sides multiple of 16; CogVideoX: 4k+1, 16; LTX: 8k+1,
32) and the rounding is reported.

Memory: on a GPU, ``memory="auto"`` reads the free memory and picks the fastest mode that fits the
family's documented needs: everything on the GPU, model CPU offload (one component on the GPU at a
time), or group offload (layers streamed from CPU memory). The VAE decodes in tiles unless there
is ample room. Every choice can be forced (``--memory``, ``--vae-tiling``) and is reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import numpy as np

from ..errors import MissingExtraError, UserError
from ..ml import (
    from_pretrained,
    require_weights,
    resolve_device,
    resolve_dtype,
    split_model_ref,
    torch_module,
)
from ..registry import Registry
from .io import Video

MEMORY_MODES = ("auto", "gpu", "model_offload", "group_offload", "sequential_offload")
TILING = ("auto", "on", "off")


@dataclass(frozen=True)
class Family:
    """A video model family: its default checkpoints and settings, and what its pipelines need."""

    t2v_model: str
    i2v_model: str
    t2v_pipeline: str
    i2v_pipeline: str
    width: int
    height: int
    frames: int
    fps: int
    steps: int
    guidance: float
    frame_step: int
    """frame counts are frame_step * k + 1"""
    side_multiple: int
    gpu_gb: float
    """free GPU memory (GiB) to keep the whole default pipeline on the GPU in half precision"""
    offload_gb: float
    """free GPU memory (GiB) for model CPU offload (the largest component on the GPU)"""
    fp32_vae: bool = False
    """decode in fp32 (Wan's VAE is recommended in fp32)"""
    frame_rate_arg: bool = False
    """the pipeline takes the video's frame rate (LTX conditions on it)"""


VIDEO_MODELS: Registry = Registry("video generation", "--video-backend")
"""Video model families through diffusers; each loader returns the family's `Family` record."""


@VIDEO_MODELS.register("wan", "Wan 2.1 T2V 1.3B (text) and Wan 2.2 TI2V 5B (image), 832x480 at 16 fps",
                       requires=("torch", "diffusers"), extra="gen")
def _wan() -> Family:
    # Wan2.1-T2V-1.3B: 480p, 81 frames at 16 fps; 8.19 GB peak with Wan's offloading; UMT5-XXL
    # text encoder (~11 GB in bf16) is the largest part. Wan2.2-TI2V-5B does text- and image-to-video.
    return Family("Wan-AI/Wan2.1-T2V-1.3B-Diffusers", "Wan-AI/Wan2.2-TI2V-5B-Diffusers", "WanPipeline",
                  "WanImageToVideoPipeline", 832, 480, 81, 16, 50, 5.0, 4, 16, gpu_gb=20.0, offload_gb=13.0,
                  fp32_vae=True)


@VIDEO_MODELS.register("cogvideox", "CogVideoX 2B (text) and 5B I2V (image), 720x480 at 8 fps",
                       requires=("torch", "diffusers"), extra="gen")
def _cogvideox() -> Family:
    # CogVideoX-2b / 5b-I2V: 720x480, 49 frames at 8 fps; 12.5 GB (2b, fp16) in diffusers, about 4-5 GB
    # with sequential offload and VAE tiling (model cards).
    return Family("THUDM/CogVideoX-2b", "THUDM/CogVideoX-5b-I2V", "CogVideoXPipeline",
                  "CogVideoXImageToVideoPipeline", 720, 480, 49, 8, 50, 6.0, 4, 16, gpu_gb=18.0, offload_gb=10.0)


@VIDEO_MODELS.register("ltx", "LTX-Video 2B (text and image), 704x480 at 24 fps",
                       requires=("torch", "diffusers"), extra="gen")
def _ltx() -> Family:
    # LTX-Video (2B): 704x480 at 24-30 fps, 8k+1 frames; T5-XXL text encoder (~9.5 GB in bf16).
    return Family("Lightricks/LTX-Video", "Lightricks/LTX-Video", "LTXPipeline", "LTXImageToVideoPipeline",
                  704, 480, 121, 24, 50, 3.0, 8, 32, gpu_gb=18.0, offload_gb=11.0, frame_rate_arg=True)


def family(name: str) -> Family:
    """The family record of ``--video-backend name`` (data only: no model or library is loaded)."""
    return VIDEO_MODELS.entry(name).loader()


@dataclass(frozen=True)
class VideoSettings:
    backend: str = "wan"
    """wan, cogvideox or ltx."""
    model: str | None = None
    """Hub id, ID@REVISION or a local folder (default: the family's text- or image-to-video model)."""
    frames: int | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    guidance: float | None = None
    fps: int | None = None
    seed: int = 0
    device: str = "auto"
    precision: str = "auto"
    memory: str = "auto"
    """auto, gpu, model_offload, group_offload or sequential_offload (ignored on the CPU)."""
    vae_tiling: str = "auto"
    """auto, on or off."""


def _round_frames(n: int, step: int) -> int:
    return max(step * round((n - 1) / step), step) + 1


def _round_side(x: int, m: int) -> int:
    return max(m * round(x / m), m)


def resolve(settings: VideoSettings, image: bool) -> tuple[VideoSettings, list[str]]:
    """Settings with every default filled in and rounded to what the model accepts, and notes on
    each change made."""
    fam = family(settings.backend)
    if settings.memory not in MEMORY_MODES:
        raise UserError(f"--memory {settings.memory}: must be one of {', '.join(MEMORY_MODES)}")
    if settings.vae_tiling not in TILING:
        raise UserError(f"--vae-tiling {settings.vae_tiling}: must be one of {', '.join(TILING)}")
    def given(value, default):
        return default if value is None else value

    s = replace(settings, model=settings.model or (fam.i2v_model if image else fam.t2v_model),
                frames=given(settings.frames, fam.frames), width=given(settings.width, fam.width),
                height=given(settings.height, fam.height), steps=given(settings.steps, fam.steps),
                guidance=given(settings.guidance, fam.guidance), fps=given(settings.fps, fam.fps))
    for name, value, lo, hi in (("frames", s.frames, 2, 1025), ("width", s.width, 8, 4096),
                                ("height", s.height, 8, 4096), ("steps", s.steps, 1, 1000), ("fps", s.fps, 1, 120)):
        if not lo <= value <= hi:
            raise UserError(f"--{name} {value}: must be between {lo} and {hi}")
    if s.guidance < 0:
        raise UserError(f"--guidance {s.guidance}: must be 0 or more")
    notes = []
    frames = _round_frames(s.frames, fam.frame_step)
    width, height = _round_side(s.width, fam.side_multiple), _round_side(s.height, fam.side_multiple)
    if frames != s.frames:
        notes.append(f"{s.frames} frames rounded to {frames} ({settings.backend} takes {fam.frame_step}k+1)")
    if (width, height) != (s.width, s.height):
        notes.append(f"{s.width}x{s.height} rounded to {width}x{height} (sides multiple of {fam.side_multiple})")
    return replace(s, frames=frames, width=width, height=height), notes


def memory_plan(backend: str, device: str, memory: str, tiling: str, free_gb: float | None) -> dict:
    """Which memory mode and VAE tiling to use, from the free GPU memory (GiB; None on the CPU)."""
    fam = family(backend)
    if not device.startswith("cuda") or free_gb is None:
        return {"mode": "none", "vae_tiling": tiling == "on", "free_gb": None, "reason": f"runs on {device}"}
    if memory != "auto":
        mode, reason = memory, "--memory"
    elif free_gb >= fam.gpu_gb:
        mode, reason = "gpu", f"{free_gb:.1f} GiB free >= {fam.gpu_gb} GiB for the whole pipeline"
    elif free_gb >= fam.offload_gb:
        mode, reason = "model_offload", f"{free_gb:.1f} GiB free: one component on the GPU at a time"
    else:
        mode, reason = "group_offload", f"{free_gb:.1f} GiB free < {fam.offload_gb} GiB: layers streamed from CPU"
    vae = tiling == "on" or (tiling == "auto" and not (mode == "gpu" and free_gb >= fam.gpu_gb + 8))
    return {"mode": mode, "vae_tiling": vae, "free_gb": round(free_gb, 2), "reason": reason}


def _diffusers():
    try:
        import diffusers
    except ImportError as exc:
        raise MissingExtraError("video generation", "gen", str(exc)) from None
    return diffusers


class VideoGenerator:
    """A loaded diffusers video pipeline (or a given one: tests build tiny ones, batch runs reuse)."""

    def __init__(self, settings: VideoSettings = VideoSettings(), image: bool = False, pipeline=None):
        if pipeline is None:  # a missing model is said before torch and diffusers load
            resolved = resolve(settings, image)[0]
            require_weights(*split_model_ref(resolved.model), f"the {resolved.backend} "
                            f"{'image' if image else 'text'}-to-video", "--video-model")
        torch = torch_module("video generation")
        diffusers = _diffusers()
        self.settings, self.notes = resolve(settings, image)
        self.image = image
        fam = family(self.settings.backend)
        self.family = fam
        self.device = resolve_device(self.settings.device)
        self.dtype = resolve_dtype(self.device, self.settings.precision)
        model_id, rev = split_model_ref(self.settings.model)
        self.model_id, self.revision = model_id, rev
        cls_name = fam.i2v_pipeline if image else fam.t2v_pipeline
        what = f"the {self.settings.backend} {'image' if image else 'text'}-to-video"
        if pipeline is None:
            pipeline = _load(diffusers, cls_name, model_id, rev, what, self.dtype, fam.fp32_vae)
        self.pipeline = pipeline
        self._fixed_size(settings.width is not None or settings.height is not None)
        free = None
        if self.device.startswith("cuda"):
            index = int(self.device.split(":")[1]) if ":" in self.device else torch.cuda.current_device()
            free = torch.cuda.mem_get_info(index)[0] / 2**30
        self.memory = memory_plan(self.settings.backend, self.device, self.settings.memory,
                                  self.settings.vae_tiling, free)
        self._place(torch)
        pipeline.set_progress_bar_config(disable=True)

    def _fixed_size(self, size_given: bool) -> None:
        """CogVideoX checkpoints with learned positional embeddings (CogVideoX-5b-I2V) generate
        only at the size they were trained at: take it, or refuse a size the user asked for."""
        cfg = getattr(getattr(self.pipeline, "transformer", None), "config", None)
        if not getattr(cfg, "use_learned_positional_embeddings", False):
            return
        scale = getattr(self.pipeline, "vae_scale_factor_spatial", 8)
        w, h = int(cfg.sample_width * scale), int(cfg.sample_height * scale)
        if (self.settings.width, self.settings.height) == (w, h):
            return
        if size_given:
            raise UserError(f"--size {self.settings.width} {self.settings.height}: {self.model_id} generates only at "
                            f"{w}x{h} (learned positional embeddings); use --size {w} {h} or leave it out")
        self.notes.append(f"{self.model_id} generates only at {w}x{h}: size set to it")
        self.settings = replace(self.settings, width=w, height=h)

    def _place(self, torch) -> None:
        pipe, mode = self.pipeline, self.memory["mode"]
        if mode in ("none", "gpu"):
            pipe.to(self.device)
        elif mode == "model_offload":
            pipe.enable_model_cpu_offload(device=self.device)
        elif mode == "sequential_offload":
            pipe.enable_sequential_cpu_offload(device=self.device)
        else:
            pipe.enable_group_offload(onload_device=torch.device(self.device), offload_device=torch.device("cpu"),
                                      offload_type="leaf_level", use_stream=True)
        if self.memory["vae_tiling"] and hasattr(pipe.vae, "enable_tiling"):
            pipe.vae.enable_tiling()

    def describe(self) -> dict:
        """What generated the video: model, revision, settings, memory plan, notes."""
        return {"backend": self.settings.backend, "task": "image-to-video" if self.image else "text-to-video",
                "model": self.model_id, "revision": self.revision, "pipeline": type(self.pipeline).__name__,
                "device": self.device, "dtype": str(self.dtype).replace("torch.", ""), "memory": self.memory,
                "settings": {k: v for k, v in asdict(self.settings).items() if k not in ("backend", "model")},
                "notes": self.notes}

    def __call__(self, prompt: str, negative: str = "", image=None,
                 progress: Callable[[int, int], None] | None = None) -> Video:
        """Generate one video; ``image`` (H x W x 3 uint8 or PIL) is required for image-to-video."""
        import torch
        from PIL import Image

        s = self.settings
        if self.image and image is None:
            raise UserError("image-to-video needs an image (--image)")
        kwargs = {"prompt": prompt, "negative_prompt": negative or None, "num_frames": s.frames, "height": s.height,
                  "width": s.width, "num_inference_steps": s.steps, "guidance_scale": s.guidance, "output_type": "np",
                  "generator": torch.Generator("cpu").manual_seed(s.seed)}
        if self.family.frame_rate_arg:
            kwargs["frame_rate"] = s.fps
        if self.image:
            pic = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image, np.uint8))
            kwargs["image"] = fit_image(pic.convert("RGB"), s.width, s.height)
        if progress:
            def on_step(pipe, i, t, tensors):
                progress(i + 1, s.steps)
                return tensors

            kwargs["callback_on_step_end"] = on_step
        t0 = time.perf_counter()
        try:
            with torch.inference_mode():
                out = self.pipeline(**kwargs)
        except ValueError as exc:  # diffusers' input checks: settings this model does not take
            raise UserError(f"{self.model_id} refused the settings: {' '.join(str(exc).split())[:300]}") from None
        frames = np.asarray(out.frames[0] if isinstance(out.frames, (list, tuple)) else out.frames)
        if frames.ndim == 5:  # (batch, frames, H, W, C)
            frames = frames[0]
        if frames.dtype != np.uint8:
            frames = (np.clip(frames, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)
        video = Video(np.ascontiguousarray(frames), float(s.fps), f"{self.settings.backend}:{self.model_id}")
        self.last_seconds = time.perf_counter() - t0
        return video


def _load(diffusers, cls_name: str, model_id: str, rev: str | None, what: str, dtype, fp32_vae: bool):
    """``Pipeline.from_pretrained`` quietly: diffusers' own "cannot reach the Hub" chatter and its
    ``torch_dtype`` deprecation notice (the keyword older releases need) stay off the terminal, so a
    missing model is the one line of `models.from_pretrained`."""
    import warnings

    import torch

    level = diffusers.utils.logging.get_verbosity()
    diffusers.utils.logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecation notices of diffusers and huggingface_hub
            extra = {}
            if fp32_vae:
                extra["vae"] = from_pretrained(diffusers.AutoencoderKLWan, model_id, rev, what, "--video-model",
                                               subfolder="vae", torch_dtype=torch.float32)
            return from_pretrained(getattr(diffusers, cls_name), model_id, rev, what, "--video-model",
                                   torch_dtype=dtype, **extra)
    finally:
        diffusers.utils.logging.set_verbosity(level)


def fit_image(image, width: int, height: int):
    """Centre-crop a PIL image to the video's aspect ratio and resize it to (width, height)."""
    from PIL import Image

    w, h = image.size
    target = width / height
    if w / h > target:
        cw = round(h * target)
        image = image.crop(((w - cw) // 2, 0, (w - cw) // 2 + cw, h))
    elif w / h < target:
        ch = round(w / target)
        image = image.crop((0, (h - ch) // 2, w, (h - ch) // 2 + ch))
    return image.resize((width, height), Image.Resampling.LANCZOS)
