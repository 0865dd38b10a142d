"""Image similarity for retrieval with a CLIP model (transformers, extra ``gen``).

A perception crop of the object is compared with a rendering of every asset (the same
three-quarter view as `vipscene assets sheet`), both embedded by CLIP's image tower; the cosine
similarity, mapped to [0, 1], is added to the ranking with weight ``RetrievalSettings.w_image``.
Asset embeddings are computed once per model and library and cached on disk.

Weights come from the Hugging Face cache (downloaded on first use for real users,
``HF_HUB_OFFLINE=1`` honoured). Without them and without network this is a UserError that names
the model and how to get it.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import MissingExtraError, UserError


@dataclass(frozen=True)
class ClipSettings:
    model_id: str = "openai/clip-vit-base-patch32"
    """Hugging Face model id or a local folder saved with ``save_pretrained``."""
    revision: str | None = None
    """Model revision (branch, tag or commit) for reproducible runs."""
    device: str = "auto"
    """"auto" (CUDA when available), "cpu" or "cuda"."""
    render_px: int = 224
    """Size of the asset renderings that are embedded."""
    batch_size: int = 32
    """Images embedded per forward pass."""


class ClipImageScorer:
    """Callable ``(crop HxWx3 uint8, asset keys "library/id") -> similarity in [0, 1]``."""

    def __init__(self, model, processor, libraries, settings: ClipSettings, cache_dir: Path | None = None):
        import torch

        self.model, self.processor, self.libraries, self.settings = model, processor, libraries, settings
        self.torch = torch
        self.device = next(model.parameters()).device
        self.cache_dir = cache_dir
        self._embeddings: dict[str, np.ndarray] = {}

    @classmethod
    def from_pretrained(cls, libraries, settings: ClipSettings = ClipSettings(), cache_dir: str | os.PathLike | None = None):
        try:
            import torch
            from transformers import CLIPImageProcessor, CLIPModel
        except ImportError as exc:
            raise MissingExtraError("image retrieval (CLIP)", "gen", str(exc)) from None
        from ..ml import from_pretrained, resolve_device

        device = resolve_device(settings.device)
        dtype = torch.float16 if device.startswith("cuda") else torch.float32
        model = from_pretrained(CLIPModel, settings.model_id, settings.revision, "CLIP", "--clip",
                                dtype=dtype).to(device).eval()
        processor = from_pretrained(CLIPImageProcessor, settings.model_id, settings.revision, "CLIP", "--clip")
        return cls(model, processor, libraries, settings, Path(cache_dir) if cache_dir else None)

    def _embed(self, images: Sequence[np.ndarray]) -> np.ndarray:
        out = []
        for i in range(0, len(images), self.settings.batch_size):
            batch = self.processor(images=list(images[i:i + self.settings.batch_size]), return_tensors="pt")
            pixels = batch["pixel_values"].to(self.device, dtype=next(self.model.parameters()).dtype)
            with self.torch.no_grad():
                feats = self.model.get_image_features(pixel_values=pixels)
            feats = feats if isinstance(feats, self.torch.Tensor) else feats.pooler_output
            feats = feats.float().cpu().numpy()
            out.append(feats / np.maximum(np.linalg.norm(feats, axis=1, keepdims=True), 1e-12))
        return np.concatenate(out) if out else np.zeros((0, 1), np.float32)

    def _asset_embeddings(self, keys: Sequence[str]) -> np.ndarray:
        missing = [k for k in keys if k not in self._embeddings]
        if missing:
            cached = self._load_cache()
            self._embeddings.update({k: v for k, v in cached.items() if k in missing})
            missing = [k for k in keys if k not in self._embeddings]
        if missing:
            from assets.render import render_asset

            renders = []
            for key in missing:
                library, asset_id = key.split("/", 1)
                geom = self.libraries.geometry(library, asset_id)
                renders.append(np.asarray(render_asset(geom, self.settings.render_px)))
            for key, emb in zip(missing, self._embed(renders)):
                self._embeddings[key] = emb
            self._save_cache()
        return np.stack([self._embeddings[k] for k in keys])

    def _cache_file(self) -> Path | None:
        if self.cache_dir is None:
            return None
        tag = hashlib.sha256(f"{self.settings.model_id}@{self.settings.revision}:{self.settings.render_px}".encode()).hexdigest()[:16]
        return self.cache_dir / "clip" / f"{tag}.npz"

    def _load_cache(self) -> dict[str, np.ndarray]:
        path = self._cache_file()
        if path is None or not path.exists():
            return {}
        try:
            with np.load(path, allow_pickle=False) as z:
                return dict(zip(z["keys"].tolist(), z["embeddings"]))
        except (OSError, ValueError, KeyError):
            return {}

    def _save_cache(self) -> None:
        path = self._cache_file()
        if path is None:
            return
        from ..atomic import atomic_write_bytes

        keys = sorted(self._embeddings)
        buf = io.BytesIO()
        np.savez(buf, keys=np.array(keys), embeddings=np.stack([self._embeddings[k] for k in keys]))
        atomic_write_bytes(path, buf.getvalue())

    def __call__(self, image: np.ndarray, keys: Sequence[str]) -> np.ndarray:
        crop = np.asarray(image)
        if crop.ndim != 3 or crop.shape[2] not in (3, 4) or min(crop.shape[:2]) < 2:
            raise UserError(f"image crop must be an H x W x 3 picture, got shape {crop.shape}")
        query = self._embed([crop[..., :3].astype(np.uint8)])[0]
        cos = self._asset_embeddings(keys) @ query
        return np.clip((cos + 1) / 2, 0.0, 1.0)
