"""Vision-language models behind one call: ``chat(prompt, images) -> text``.

Two backends: an OpenAI-compatible chat-completions endpoint (GPT-4o, vLLM, llama.cpp server...;
images sent inline as base64 JPEG) and a local transformers model (e.g. Qwen2.5-VL). Perception asks
one for the objects it sees (VIPScene uses GPT-4o for this); scoring asks one to judge a walkthrough.

Answers are parsed leniently (``parse_json``: code fences, prose around the JSON); the endpoint is
retried on rate limits, server errors and timeouts with exponential backoff. What a user can fix
(no endpoint, a wrong key, an unknown model) is a UserError naming the fix.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import numpy as np

from .errors import UserError
from .ml import LoadedModel
from .registry import Registry

VLMS: Registry = Registry("vision-language model", "--vlm")
"""Chat backends for the detection vocabulary and the FPVScore judge; each loader returns a
factory ``(settings, model=None, processor=None) -> chat callable``. "none" means no model."""
RETRY_STATUS = (408, 409, 429, 500, 502, 503, 504)


@dataclass(frozen=True)
class VlmSettings:
    backend: str = "none"
    """none, openai (an OpenAI-compatible chat-completions endpoint) or local (transformers)."""
    model: str = ""
    """openai: the model name the endpoint serves (default gpt-4o); local: a Hugging Face id or
    folder of an image-text-to-text model (default Qwen/Qwen2.5-VL-3B-Instruct)."""
    revision: str | None = None
    base_url: str | None = None
    """Endpoint root such as https://api.openai.com/v1 or http://localhost:8000/v1; default
    $OPENAI_BASE_URL, else https://api.openai.com/v1."""
    api_key_env: str = "OPENAI_API_KEY"
    """Environment variable holding the key (never written to any output)."""
    timeout_s: float = 120.0
    retries: int = 3
    """Further attempts after a rate limit, a server error or a timeout."""
    backoff_s: float = 1.0
    """First wait between attempts; doubles each time (a Retry-After header wins)."""
    max_new_tokens: int = 400
    max_image_side: int = 768
    """Images are downscaled to this longest side before sending (pixels)."""
    device: str = "auto"
    precision: str = "auto"


def _jpeg_b64(image: np.ndarray, max_side: int) -> str:
    from PIL import Image

    im = Image.fromarray(np.asarray(image, np.uint8))
    scale = max_side / max(im.size)
    if scale < 1:
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    im.convert("RGB").save(buf, format="JPEG", quality=90)
    return base64.b64encode(buf.getvalue()).decode("ascii")


class OpenAIChat:
    """Chat completions over HTTP (standard library only)."""

    def __init__(self, settings: VlmSettings):
        self.settings = settings
        self.model = settings.model or "gpt-4o"
        self.url = (settings.base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1").rstrip("/")
        self.key = os.environ.get(settings.api_key_env, "")
        if not self.key and "api.openai.com" in self.url:
            raise UserError(f"the openai judge/VLM needs an API key in ${settings.api_key_env} "
                            "(or --base-url of a local OpenAI-compatible server such as vLLM)")
        self.attempts = 0

    def __call__(self, prompt: str, images: list[np.ndarray] = (), as_video: bool = False) -> str:
        """Answer ``prompt`` about ``images`` (sent as images; chat completions has no video part,
        so ``as_video`` changes nothing here)."""
        content = [{"type": "text", "text": prompt}] + [
            {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{_jpeg_b64(im, self.settings.max_image_side)}"}}
            for im in images]
        body = json.dumps({"model": self.model, "messages": [{"role": "user", "content": content}],
                           "temperature": 0, "max_tokens": self.settings.max_new_tokens}).encode()
        headers = {"Content-Type": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        wait = self.settings.backoff_s
        last = ""
        for attempt in range(self.settings.retries + 1):
            self.attempts += 1
            req = urllib.request.Request(f"{self.url}/chat/completions", data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=self.settings.timeout_s) as resp:
                    payload = json.loads(resp.read().decode("utf-8", "replace"))
                return _message_text(payload)
            except urllib.error.HTTPError as exc:
                detail = exc.read().decode("utf-8", "replace")[:200]
                if exc.code in (401, 403):
                    raise UserError(f"{self.url}: the key in ${self.settings.api_key_env} was refused "
                                    f"(HTTP {exc.code}); set a valid key") from None
                if exc.code == 404:
                    raise UserError(f"{self.url}/chat/completions: not found (HTTP 404) - check --base-url and "
                                    f"that the endpoint serves model '{self.model}'") from None
                if exc.code not in RETRY_STATUS:
                    raise UserError(f"{self.url}: HTTP {exc.code} {detail}") from None
                last = f"HTTP {exc.code}"
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                if retry_after and retry_after.replace(".", "", 1).isdigit():
                    wait = max(wait, float(retry_after))
            except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError, KeyError) as exc:
                last = f"{type(exc).__name__}: {str(getattr(exc, 'reason', exc))[:80]}"
            if attempt < self.settings.retries:
                time.sleep(wait)
                wait *= 2
        raise UserError(f"{self.url}: no answer after {self.settings.retries + 1} attempts ({last}); check the "
                        "endpoint, or raise --retries/--timeout")


def _message_text(payload: dict) -> str:
    content = payload["choices"][0]["message"]["content"]
    if isinstance(content, list):  # some servers return content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content or "")


class LocalChat(LoadedModel):
    """A transformers image-text-to-text model (Qwen2.5-VL, SmolVLM, ...), greedy decoding."""

    def __init__(self, settings: VlmSettings, model=None, processor=None):
        self.model_id = settings.model or "Qwen/Qwen2.5-VL-3B-Instruct"
        super().__init__(self.model_id, settings.revision, settings.device, settings.precision,
                         "the local vision-language model (--vlm local)", "--vlm-model",
                         ("AutoProcessor", "AutoModelForImageTextToText"), model, processor)
        self.settings = settings
        self.attempts = 0

    def __call__(self, prompt: str, images: list[np.ndarray] = (), as_video: bool = False) -> str:
        """Answer ``prompt`` about ``images``; ``as_video``: the images are the frames of one video
        (for models with video input, e.g. Qwen2.5-VL, which then sees them as a sequence)."""
        import torch
        from PIL import Image

        self.attempts += 1
        pics = []
        for im in images:
            p = Image.fromarray(np.asarray(im, np.uint8))
            scale = self.settings.max_image_side / max(p.size)
            if scale < 1:
                p = p.resize((max(28, round(p.width * scale)), max(28, round(p.height * scale))))
            pics.append(p)
        if as_video and pics:
            media = [{"type": "video"}]
            kwargs = {"videos": [np.stack([np.asarray(p.convert("RGB")) for p in pics])]}
        else:
            media = [{"type": "image"} for _ in pics]
            kwargs = {"images": pics or None}
        messages = [{"role": "user", "content": media + [{"type": "text", "text": prompt}]}]
        text = self.processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        inputs = self.on_device(self.processor(text=[text], return_tensors="pt", **kwargs))
        with torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=self.settings.max_new_tokens, do_sample=False)
        new = out[:, inputs["input_ids"].shape[1]:]
        return self.processor.batch_decode(new, skip_special_tokens=True)[0]


@VLMS.register("openai", "an OpenAI-compatible chat-completions endpoint (key in $OPENAI_API_KEY)")
def _openai():
    return lambda settings, model=None, processor=None: OpenAIChat(settings)


@VLMS.register("local", "a transformers image-text-to-text model (default Qwen2.5-VL-3B-Instruct)",
               requires=("torch", "transformers"), extra="gen")
def _local():
    return LocalChat


BACKENDS = ("none", *VLMS.names())


def make_chat(settings: VlmSettings, model=None, processor=None):
    """The chat callable of ``settings.backend`` (None for "none")."""
    if settings.backend == "none":
        return None
    return VLMS.load(settings.backend)(settings, model, processor)


def parse_json(text: str):
    """The first JSON object or array in a model's answer (fenced or inside prose), else None."""
    text = re.sub(r"```(?:json)?", "", text or "")
    decoder = json.JSONDecoder()
    for i, ch in enumerate(text):
        if ch in "{[":
            try:
                value, _ = decoder.raw_decode(text[i:])
                return value
            except ValueError:
                continue
    return None
