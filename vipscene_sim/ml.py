"""Loading the ML stages' models: the ``gen`` extra, devices and precision, and Hugging Face Hub
weights with errors a user can act on.

Weights come from the Hugging Face cache; a real user's first run downloads them (the cache and
``HF_HUB_OFFLINE=1`` are respected by huggingface_hub itself). Without weights and without network
the user gets one sentence naming the model and how to get it, never a traceback. A model id may
also be a local folder written by ``save_pretrained``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import MissingExtraError, UserError

PRECISIONS = ("auto", "fp32", "fp16", "bf16")


def torch_module(what: str):
    """``import torch`` or a MissingExtraError naming what needed it."""
    try:
        import torch
    except ImportError as exc:
        raise MissingExtraError(what, "gen", str(exc)) from None
    return torch


def transformers_module(what: str):
    torch_module(what)
    try:
        import transformers
    except ImportError as exc:
        raise MissingExtraError(what, "gen", str(exc)) from None
    return transformers


def resolve_device(device: str = "auto") -> str:
    """"auto" is the first CUDA GPU when there is one, else the CPU; asking for a GPU that is not
    there is the user's error."""
    torch = torch_module("the ML backends")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise UserError(f"--device {device}: no CUDA GPU is visible to PyTorch (torch {torch.__version__}); "
                        "use --device cpu or install a CUDA build of torch (see the README)")
    if device not in ("cpu", "mps") and not device.startswith("cuda"):
        raise UserError(f"--device {device}: must be auto, cpu, cuda, cuda:N or mps")
    return device


def resolve_dtype(device: str, precision: str = "auto"):
    """Half precision on a GPU (bf16 where the GPU supports it, else fp16), fp32 on the CPU, where
    half precision is slow and some kernels are missing."""
    torch = torch_module("the ML backends")
    if precision not in PRECISIONS:
        raise UserError(f"--precision {precision}: must be one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    return {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[precision]


def split_model_ref(text: str | None, default: str | None = None) -> tuple[str | None, str | None]:
    """``ID@REVISION`` -> (id, revision); a plain id or an existing local folder has no revision;
    empty -> (default, None)."""
    if not text:
        return default, None
    if "@" in text and not Path(text).expanduser().exists():
        model, _, rev = text.partition("@")  # a Hub id has no "@"; a revision may
        return model, (rev or None)
    return text, None


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT") or "https://huggingface.co"


@lru_cache(maxsize=None)
def hub_reachable(endpoint: str, timeout_s: float = 3.0) -> bool:
    """Whether ``endpoint`` accepts a TCP connection within ``timeout_s`` (asked once per run).
    Without it, huggingface_hub retries a missing model for minutes before it gives up; with it,
    a machine without network loads from the cache at once or says what is missing."""
    import socket
    import threading
    from urllib.parse import urlparse

    url = urlparse(endpoint)
    host, port = url.hostname, url.port or (443 if url.scheme == "https" else 80)
    answer: list[bool] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout_s).close()
            answer.append(True)
        except OSError:
            answer.append(False)

    worker = threading.Thread(target=probe, daemon=True)  # a name lookup can hang past any socket timeout
    worker.start()
    worker.join(timeout_s + 0.5)
    return bool(answer and answer[0])


def _hub_unavailable() -> str:
    """Why the Hub cannot be used for downloads now ("" when it can)."""
    if hub_offline():
        return "HF_HUB_OFFLINE=1 is set, so nothing is downloaded"
    if not hub_reachable(hub_endpoint()):
        return f"the Hugging Face Hub ({hub_endpoint()}) cannot be reached from this machine"
    return ""


def _missing(what: str, model_id: str, revision: str | None, flag: str, problem: str) -> UserError:
    rev = f" at revision {revision}" if revision else ""
    return UserError(
        f"{what} model '{model_id}'{rev} {problem}. On a machine with network run 'hf download {model_id}' "
        f"(the Hugging Face cache is ~/.cache/huggingface, or $HF_HOME), or pass {flag} a local folder "
        "holding the model.")


def hub_cache_dir() -> Path:
    """The Hugging Face cache as huggingface_hub finds it ($HF_HUB_CACHE, $HF_HOME/hub, ~/.cache),
    read from the environment now rather than when huggingface_hub was imported."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(os.environ.get("XDG_CACHE_HOME") or "~/.cache", "huggingface")
    return Path(home).expanduser() / "hub"


def require_weights(model_id: str, revision: str | None, what: str, flag: str) -> None:
    """Fail at once, before torch and transformers load (seconds), when a model's weights can be
    had neither from a local folder, nor from the cache, nor from a reachable Hub."""
    if Path(model_id).expanduser().is_dir():
        return
    why = _hub_unavailable()
    if not why:
        return  # the Hub is there: from_pretrained downloads what is missing
    from huggingface_hub import snapshot_download

    try:
        snapshot_download(model_id, revision=revision, cache_dir=hub_cache_dir(), local_files_only=True)
    except Exception:  # noqa: BLE001 - huggingface_hub says "not cached" in several ways
        raise _missing(what, model_id, revision, flag, f"is not in the Hugging Face cache and {why}") from None


def from_pretrained(loader: Any, model_id: str, revision: str | None, what: str, flag: str, **kwargs):
    """``loader.from_pretrained(model_id, revision=...)`` with a UserError that names the model and
    how to get it when the weights are neither cached nor downloadable (or the id is wrong). When
    the Hub is unreachable (or ``HF_HUB_OFFLINE=1``) only the cache is read, so the answer comes at
    once instead of after minutes of retries."""
    local = Path(model_id).expanduser()
    why = "" if local.is_dir() else _hub_unavailable()
    try:
        if local.is_dir():
            return loader.from_pretrained(str(local), **kwargs)
        if why:
            kwargs["local_files_only"] = True
        # the cache the environment names now (huggingface_hub read it when it was imported)
        return loader.from_pretrained(model_id, revision=revision, cache_dir=str(hub_cache_dir()), **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        # OSError: not cached and no network / no such repo or revision (the hub errors subclass
        # it); ValueError/KeyError: a folder or repo that is not this kind of model
        if why:
            raise _missing(what, model_id, revision, flag, f"is not in the Hugging Face cache and {why}") from None
        first = " ".join(str(exc).split()).split(". ")[0].rstrip(".")
        raise _missing(what, model_id, revision, flag, f"could not be loaded ({first[:200]})") from None


class LoadedModel:
    """A transformers model and its processor on a device, in a precision. Each backend (depth,
    detection, segmentation, tracking, the local VLM) is one: ``loaders`` name the classes that
    ``from_pretrained`` the processor and the model; ``model``/``processor`` may be given instead
    (tests build tiny ones, batch runs reuse them)."""

    def __init__(self, model_id: str, revision: str | None, device: str, precision: str, what: str, flag: str,
                 loaders: tuple[str, str], model=None, processor=None):
        torch_module(what)  # a missing extra first, then the flags, then the weights: cheapest first
        self.device = resolve_device(device)
        self.dtype = resolve_dtype(self.device, precision)
        if model is None or processor is None:
            require_weights(model_id, revision, what, flag)  # before transformers loads
        tf = transformers_module(what)
        processor_cls, model_cls = (getattr(tf, name) for name in loaders)
        if processor is None:
            processor = from_pretrained(processor_cls, model_id, revision, what, flag)
        if model is None:
            model = from_pretrained(model_cls, model_id, revision, what, flag)
        self.model = model.to(self.device, self.dtype).eval()
        self.processor = processor

    def on_device(self, inputs) -> dict:
        """A processor's tensors on the model's device; floating-point ones in its precision."""
        return {k: (v.to(self.device, self.dtype) if v.is_floating_point() else v.to(self.device))
                for k, v in inputs.items() if hasattr(v, "to")}


class ModelHolder:
    """The one holder of a run's loaded models, shared by every stage (and by every prompt of a
    batch): a model is loaded on first use under a key naming the backend and its settings, and
    kept until released. Tests and batch runs seed it with models of their own."""

    def __init__(self, **given: Any):
        self._models: dict[str, Any] = dict(given)

    def get(self, key: str, load):
        """The model under ``key``, loaded by ``load()`` the first time."""
        if key not in self._models:
            self._models[key] = load()
        return self._models[key]

    def has(self, key: str) -> bool:
        return key in self._models

    def load(self, key: str, load, weights=()):
        """Like `get`, but first check that every model of ``weights`` (tuples of model id,
        revision, what, flag) can be had (`require_weights`), so a missing one is said at once,
        before any library loads."""
        if key not in self._models:
            for model_id, revision, what, flag in weights:
                require_weights(model_id, revision, what, flag)
        return self.get(key, load)

    def release(self, prefix: str) -> None:
        """Drop every model whose key starts with ``prefix`` and free the GPU memory they held."""
        import gc

        for k in [k for k in self._models if k.startswith(prefix)]:
            del self._models[k]
        gc.collect()
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except ImportError:
            pass
