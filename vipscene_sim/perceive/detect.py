"""Open-vocabulary detection with Grounding DINO through transformers.

The vocabulary is written as Grounding DINO expects ("bed. chair. table lamp.") in chunks that fit
its text length (256 tokens for the released models). Each query box gets a score per vocabulary
term: the highest token probability over the term's own tokens, located through the tokenizer's
character offsets (so "lamp" in "table lamp" never labels a box "table"). A box keeps the best term
if that term's score reaches ``box_threshold`` and the mean over the term's tokens reaches
``text_threshold``. Duplicates are removed by non-maximum suppression per label, then across labels
at a higher overlap (one sofa detected as "sofa" and "couch").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..ml import LoadedModel


@dataclass(frozen=True)
class DetectorSettings:
    model: str = "IDEA-Research/grounding-dino-tiny"
    """Hugging Face id (or local folder) of a Grounding DINO checkpoint (tiny or base)."""
    revision: str | None = None
    box_threshold: float = 0.30
    """A box is kept when its best term's highest token probability reaches this (Grounding
    DINO's own demos use 0.25-0.35)."""
    text_threshold: float = 0.25
    """...and the mean probability over that term's tokens reaches this."""
    nms_iou: float = 0.5
    """Boxes of the same label overlapping more than this (IoU) are one detection."""
    cross_label_iou: float = 0.85
    """Boxes of different labels overlapping more than this are one object (the higher score wins)."""
    min_box_px: int = 8
    """Boxes narrower or shorter than this (pixels) are dropped: too small to segment or lift."""
    max_box_fraction: float = 0.95
    """Boxes covering more than this fraction of the frame are dropped (the room itself)."""
    max_detections: int = 50
    """At most this many detections a frame, the best first (a room view rarely shows more)."""
    batch_size: int = 4
    device: str = "auto"
    precision: str = "auto"


@dataclass
class Detection:
    box: np.ndarray  # (4,) x0, y0, x1, y1 in pixels of the frame
    score: float
    label: str


def chunk_vocabulary(terms: list[str], tokenizer, max_tokens: int) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Prompts of at most ``max_tokens`` tokens; each with the character span of every term."""
    chunks, current = [], []

    def prompt_of(ts):
        return ". ".join(ts) + "."

    for t in terms:
        trial = current + [t]
        if current and len(tokenizer(prompt_of(trial))["input_ids"]) > max_tokens:
            chunks.append(current)
            trial = [t]
        current = trial
    if current:
        chunks.append(current)
    out = []
    for ts in chunks:
        spans, pos = [], 0
        for t in ts:
            spans.append((t, pos, pos + len(t)))
            pos += len(t) + 2
        out.append((prompt_of(ts), spans))
    return out


def term_token_masks(offsets: np.ndarray, spans: list[tuple[str, int, int]], length: int) -> np.ndarray:
    """(terms, length) bool: the tokens whose characters lie inside each term."""
    masks = np.zeros((len(spans), length), bool)
    for i, (_, a, b) in enumerate(spans):
        for j, (s, e) in enumerate(offsets[:length]):
            if e > s >= a and e <= b:
                masks[i, j] = True
    return masks


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise IoU (N, M) of (N, 4) and (M, 4) pixel boxes (x0, y0, x1, y1): torchvision.ops."""
    import torch
    from torchvision.ops import box_iou as tv_box_iou

    return tv_box_iou(torch.as_tensor(np.asarray(a, np.float64)), torch.as_tensor(np.asarray(b, np.float64))).numpy()


def nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[int]:
    """Indices kept by greedy non-maximum suppression, best first (torchvision.ops.nms; equal
    scores keep the earlier box, as a stable sort would)."""
    import torch
    from torchvision.ops import nms as tv_nms

    if len(boxes) == 0:
        return []
    # a tiny rank term makes torchvision's order among equal scores the input order
    s = np.asarray(scores, np.float64) - np.arange(len(scores)) * 1e-12
    return [int(i) for i in tv_nms(torch.as_tensor(np.asarray(boxes, np.float64)), torch.as_tensor(s), float(iou))]


def suppress(dets: list[Detection], settings: DetectorSettings) -> list[Detection]:
    """Per-label NMS, then cross-label NMS at ``cross_label_iou``."""
    if not dets:
        return []
    kept = []
    for label in sorted({d.label for d in dets}):
        group = [d for d in dets if d.label == label]
        idx = nms(np.array([d.box for d in group]), np.array([d.score for d in group]), settings.nms_iou)
        kept += [group[i] for i in idx]
    idx = nms(np.array([d.box for d in kept]), np.array([d.score for d in kept]), settings.cross_label_iou)
    return [kept[i] for i in idx[:settings.max_detections]]


class Detector(LoadedModel):
    """A loaded Grounding DINO; ``model``/``processor`` may be given (tests build tiny ones)."""

    WHAT = "open-vocabulary detection (--perceive gdino_sam2)"
    FLAG = "--detector"

    def __init__(self, settings: DetectorSettings = DetectorSettings(), model=None, processor=None):
        super().__init__(settings.model, settings.revision, settings.device, settings.precision,
                         self.WHAT, self.FLAG,
                         ("AutoProcessor", "AutoModelForZeroShotObjectDetection"), model, processor)
        self.settings = settings
        self.max_tokens = int(getattr(self.model.config, "max_text_len", 256))

    def detect(self, frames: np.ndarray, vocabulary: list[str], progress=None) -> list[list[Detection]]:
        """Detections per frame for every term of ``vocabulary``."""
        import torch

        s = self.settings
        n, h, w = frames.shape[:3]
        tok = self.processor.tokenizer
        chunks = chunk_vocabulary([t.lower() for t in vocabulary], tok, self.max_tokens)
        found: list[list[Detection]] = [[] for _ in range(n)]
        encoded = []
        for prompt, spans in chunks:
            enc = tok(prompt, return_offsets_mapping=True, return_tensors="pt")
            offsets = enc.pop("offset_mapping")[0].numpy()
            length = len(offsets)
            encoded.append((enc, term_token_masks(offsets, spans, length), spans, length))
        bs = max(1, s.batch_size)
        steps = (n + bs - 1) // bs
        for done, start in enumerate(range(0, n, bs), start=1):
            # each batch of frames is preprocessed once and seen with every chunk of the vocabulary
            pixels = self._pixels([frames[i] for i in range(start, min(n, start + bs))])
            b = len(pixels["pixel_values"])
            for text, masks, spans, length in encoded:
                inputs = dict(pixels, **{k: v.expand(b, -1).to(self.device) for k, v in text.items()})
                with torch.inference_mode():
                    out = self.model(**inputs)
                prob = out.logits.float().sigmoid().cpu().numpy()[:, :, :length]  # (B, Q, T)
                boxes = out.pred_boxes.float().cpu().numpy()  # (B, Q, 4) cx, cy, w, h relative
                for k in range(b):
                    found[start + k] += self._boxes(prob[k], boxes[k], masks, spans, h, w)
            if progress:
                progress(done, steps)
        return [suppress(d, s) for d in found]

    def _pixels(self, images: list[np.ndarray]) -> dict:
        """pixel_values and pixel_mask on the model's device; a GPU resizes and normalises them
        itself where the image processor can (torchvision backend)."""
        ip = self.processor.image_processor
        kwargs = {"device": self.device} if self.device != "cpu" and "Pil" not in type(ip).__name__ else {}
        pix = ip(images=images, return_tensors="pt", **kwargs)
        return self.on_device({k: v for k, v in pix.items() if k in ("pixel_values", "pixel_mask")})

    def _boxes(self, prob, boxes, masks, spans, h, w) -> list[Detection]:
        s = self.settings
        peak = np.where(masks[None], prob[:, None, :], 0.0).max(axis=2)  # (Q, terms)
        mean = (prob @ masks.T.astype(float)) / np.maximum(masks.sum(1), 1)[None]
        best = peak.argmax(axis=1)
        q = np.arange(len(prob))
        ok = (peak[q, best] >= s.box_threshold) & (mean[q, best] >= s.text_threshold) & masks.any(1)[best]
        out = []
        for i in np.nonzero(ok)[0]:
            cx, cy, bw, bh = boxes[i]
            box = np.clip(np.array([(cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h]),
                          0, [w, h, w, h])
            size = box[2:] - box[:2]
            if size.min() < s.min_box_px or size.prod() > s.max_box_fraction * w * h:
                continue
            out.append(Detection(box.astype(np.float32), float(peak[i, best[i]]), spans[best[i]][0]))
        return out
