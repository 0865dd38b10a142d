"""Consistent object ids across frames by SAM 2 video propagation (transformers' Sam2VideoModel,
streamed frame by frame).

Grounding DINO runs on keyframes. At a keyframe, a detection whose box matches the box of an object
already tracked in the previous frame votes for that object's label; any other detection becomes a
new object, prompted with its box. Every frame then gets every object's mask from SAM 2's memory;
where masks overlap the higher logit wins. Objects that leave the view and come back may get a new
id (SAM 2 re-finds an object only while it is in its memory); lifting merges such tracks when they
occupy the same space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..ml import LoadedModel
from .detect import Detection, box_iou
from .instances import Instances
from .segment import SegmenterSettings


@dataclass(frozen=True)
class VideoTrackerSettings:
    match_iou: float = 0.5
    """A keyframe detection whose box overlaps a tracked object's box this much is that object."""
    max_objects: int = 64
    """Objects tracked at most (memory and time grow with each)."""


def mask_box(mask: np.ndarray) -> np.ndarray | None:
    rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    if not len(rows):
        return None
    return np.array([cols[0], rows[0], cols[-1] + 1, rows[-1] + 1], np.float32)


class VideoTracker(LoadedModel):
    """SAM 2 video model, streamed over the frames with keyframe detections as prompts."""

    WHAT = "SAM 2 video tracking (--track sam2)"
    FLAG = "--segmenter"

    def __init__(self, settings: SegmenterSettings | None = None, tracker: VideoTrackerSettings | None = None,
                 model=None, processor=None):
        settings, tracker = settings or SegmenterSettings(), tracker or VideoTrackerSettings()
        super().__init__(settings.model, settings.revision, settings.device, settings.precision,
                         self.WHAT, self.FLAG,
                         ("Sam2VideoProcessor", "Sam2VideoModel"), model, processor)
        self.settings, self.tracker = settings, tracker

    def track(self, frames: np.ndarray, keyframe_detections: dict[int, list[Detection]],
              progress=None) -> tuple[Instances, dict]:
        """``keyframe_detections``: frame index -> detections on that frame."""
        import torch

        n, h, w = frames.shape[:3]
        session = self.processor.init_video_session(video=list(frames), inference_device=self.device,
                                                    dtype=self.dtype)
        votes: dict[int, dict[str, float]] = {}
        scores: dict[int, list[float]] = {}
        masks = np.zeros((n, h, w), np.int32)
        boxes: dict[int, np.ndarray] = {}  # object id -> its box in the previous frame
        next_id, dropped = 1, 0
        for k in range(n):
            new_ids, new_boxes = [], []
            for det in sorted(keyframe_detections.get(k, []), key=lambda d: -d.score):
                ids = list(boxes)
                if ids:
                    ious = box_iou(det.box[None], np.stack([boxes[i] for i in ids]))[0]
                    j = int(ious.argmax())
                    if ious[j] >= self.tracker.match_iou:
                        votes[ids[j]][det.label] = votes[ids[j]].get(det.label, 0.0) + det.score
                        scores[ids[j]].append(det.score)
                        continue
                if len(votes) + len(new_ids) >= self.tracker.max_objects:
                    dropped += 1
                    continue
                new_ids.append(next_id)
                new_boxes.append([float(v) for v in det.box])
                votes[next_id] = {det.label: det.score}
                scores[next_id] = [det.score]
                boxes[next_id] = det.box
                next_id += 1
            if new_ids:
                self.processor.add_inputs_to_inference_session(session, frame_idx=k, obj_ids=new_ids,
                                                               input_boxes=[new_boxes])
            if not votes:
                continue
            with torch.inference_mode():
                out = self.model(inference_session=session, frame_idx=k)
            logits = self.processor.post_process_masks([out.pred_masks.float()], [[h, w]], binarize=False)[0]
            logits = logits[:, 0].float().cpu().numpy()  # (objects, H, W)
            ids = list(out.object_ids)
            best = logits.argmax(axis=0)
            on = logits.max(axis=0) > self.settings.mask_threshold
            for j, oid in enumerate(ids):
                m = on & (best == j)
                if m.sum() >= self.settings.min_mask_px:
                    masks[k][m] = oid
                    boxes[oid] = mask_box(m)
                else:
                    boxes.pop(oid, None)  # out of view: not matched against keyframe boxes
            if progress:
                progress(k + 1, n)
        labels = {i: max(v, key=v.get) for i, v in votes.items()}
        mean = {i: float(np.mean(s)) for i, s in scores.items()}
        present = set(np.unique(masks)) - {0}
        report = {"tracker": "sam2", "objects": len(votes), "objects_with_masks": len(present),
                  "dropped_over_max_objects": dropped, "keyframes": len(keyframe_detections)}
        return Instances(masks, {i: labels[i] for i in present}, {i: mean[i] for i in present},
                         "gdino_sam2+sam2video"), report
