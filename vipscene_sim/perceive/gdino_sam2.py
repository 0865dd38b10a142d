"""The ``gdino_sam2`` perception backend: Grounding DINO boxes for the vocabulary, SAM 2 masks,
and object ids kept consistent over the video either by association in 3D (``tracker="3d"``,
default: detections on every ``detect_every``-th frame, masks by the SAM 2 image model, matched
through the reconstruction) or by SAM 2 video propagation (``tracker="sam2"``: detections on
keyframes prompt the video model, which carries every object through all frames).

``benchmarks/bench_perception.py`` compares the two association methods on synthetic walkthroughs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..errors import UserError
from .associate3d import AssociationSettings, associate_3d
from .detect import Detector, DetectorSettings
from .instances import Instances
from .sam2_video import VideoTracker, VideoTrackerSettings
from .segment import Segmenter, SegmenterSettings

TRACKERS = ("3d", "sam2")


@dataclass(frozen=True)
class PerceptionSettings:
    detector: DetectorSettings = field(default_factory=DetectorSettings)
    segmenter: SegmenterSettings = field(default_factory=SegmenterSettings)
    tracker: str = "3d"
    """3d (association through the reconstruction) or sam2 (SAM 2 video propagation)."""
    detect_every: int = 0
    """Detect on every this-many-th frame; 0: every frame for "3d", every 4th for "sam2"."""
    association: AssociationSettings = field(default_factory=AssociationSettings)
    video: VideoTrackerSettings = field(default_factory=VideoTrackerSettings)


class Perceiver:
    """Loaded models of the backend (load once, run on many videos). Models load first, so that a
    missing model is reported before any long computation."""

    def __init__(self, settings: PerceptionSettings = PerceptionSettings(), detector=None, segmenter=None,
                 video_tracker=None):
        if settings.tracker not in TRACKERS:
            raise UserError(f"--track {settings.tracker}: must be one of {', '.join(TRACKERS)}")
        self.settings = settings
        self.detector = detector or Detector(settings.detector)
        if settings.tracker == "3d":
            self.segmenter = segmenter or Segmenter(settings.segmenter)
            self.video_tracker = None
        else:
            self.segmenter = None
            self.video_tracker = video_tracker or VideoTracker(settings.segmenter, settings.video)

    def run(self, frames: np.ndarray, vocabulary: list[str], geometry=None, seed: int = 0,
            progress=None) -> tuple:
        """(Instances, report). ``geometry`` is needed by the "3d" tracker."""
        s = self.settings
        if not vocabulary:
            raise UserError("the detection vocabulary is empty; give --prompt, --vocab or keep the catalog")
        every = s.detect_every or (1 if s.tracker == "3d" else 4)
        keys = list(range(0, len(frames), every))
        t0 = time.perf_counter()
        dets = self.detector.detect(frames[keys], vocabulary, progress)
        t1 = time.perf_counter()
        report = {"backend": "gdino_sam2", "tracker": s.tracker, "detector": self.detector.settings.model,
                  "segmenter": s.segmenter.model, "device": self.detector.device, "vocabulary": len(vocabulary),
                  "detect_every": every, "detections": int(sum(len(d) for d in dets)),
                  "thresholds": {"box": s.detector.box_threshold, "text": s.detector.text_threshold,
                                 "nms_iou": s.detector.nms_iou, "cross_label_iou": s.detector.cross_label_iou}}
        if s.tracker == "3d":
            if geometry is None:
                raise UserError("--track 3d needs a reconstruction; use --track sam2 without one")
            per_frame = [[] for _ in range(len(frames))]
            for k, found in zip(keys, dets):
                masks = self.segmenter.masks(frames[k], found)
                per_frame[k] = [(d, m) for d, m in zip(found, masks) if m.sum() >= s.segmenter.min_mask_px]
            t2 = time.perf_counter()
            instances, track = associate_3d(per_frame, geometry, s.association, seed)
        else:
            t2 = time.perf_counter()
            instances, track = self.video_tracker.track(frames, dict(zip(keys, dets)), progress)
        t3 = time.perf_counter()
        report["tracking"] = track
        report["seconds"] = {"detect": round(t1 - t0, 3), "segment": round(t2 - t1, 3), "track": round(t3 - t2, 3)}
        report["frames_per_second"] = round(len(frames) / max(t3 - t0, 1e-9), 3)
        return instances, report


class GdinoSam2Backend:
    """The ``gdino_sam2`` perception backend (see `vipscene_sim.perceive.PERCEIVERS`): the
    vocabulary from the prompt (and a VLM, and the catalog), then `Perceiver`."""

    inputs = "video"

    def settings(self, request) -> PerceptionSettings:
        from dataclasses import replace

        from ..ml import split_model_ref

        dev = {"device": request.device, "precision": request.precision}
        dm, drev = split_model_ref(request.detector, DetectorSettings.model)
        sm, srev = split_model_ref(request.segmenter, SegmenterSettings.model)
        det = replace(DetectorSettings(model=dm, revision=drev, **dev), **{
            k: v for k, v in (("box_threshold", request.box_threshold), ("text_threshold", request.text_threshold),
                              ("nms_iou", request.nms_iou), ("batch_size", request.batch_size),
                              ("max_detections", request.max_detections)) if v is not None})
        return PerceptionSettings(detector=det, segmenter=SegmenterSettings(model=sm, revision=srev, **dev),
                                  tracker=request.track, detect_every=request.detect_every)

    def model_key(self, request) -> str:
        """The Perceiver's key in the run's `ModelHolder` (tests and batch runs seed it)."""
        s = self.settings(request)
        return f"gdino_sam2:{s.detector.model}@{s.detector.revision}:{s.segmenter.model}@{s.segmenter.revision}:{s.tracker}"

    def load(self, request, models) -> None:
        from dataclasses import replace

        s = self.settings(request)
        segmenter = Segmenter if s.tracker == "3d" else VideoTracker
        models.load(self.model_key(request), lambda: Perceiver(s),
                    [(s.detector.model, s.detector.revision, Detector.WHAT, Detector.FLAG),
                     (s.segmenter.model, s.segmenter.revision, segmenter.WHAT, segmenter.FLAG)])
        if request.vlm.backend != "none":
            from ..vlm import make_chat

            vlm = replace(request.vlm, device=request.device, precision=request.precision)
            models.get(f"vlm:{vlm.backend}:{vlm.model}", lambda: make_chat(vlm))

    def run(self, source, geometry, request, models, progress=None) -> tuple[Instances, dict]:
        from .vocabulary import VocabularySettings, build_vocabulary

        self.load(request, models)
        chat = models.get(f"vlm:{request.vlm.backend}:{request.vlm.model}", lambda: None) \
            if request.vlm.backend != "none" else None
        terms, vocab_report = build_vocabulary(request.prompt, VocabularySettings(catalog=request.catalog,
                                                                                  extra=request.vocab),
                                               chat, source.frames)
        instances, report = models.get(self.model_key(request), lambda: None).run(source.frames, terms, geometry,
                                                                             request.seed, progress)
        report["vocabulary"] = vocab_report
        return instances, report

    def describe(self, report: dict) -> str:
        return f"{report['detector']} + {report['segmenter']} ({report['tracker']} tracking)"
