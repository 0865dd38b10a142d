"""Reading a walkthrough's frames: a video file (mp4, mov, webm... through imageio-ffmpeg, extra
``gen``), a folder of images (png/jpg, in name order), or a `vipscene synth` folder (its
``frames/rgb_*.png``). Frames are evenly subsampled to at most ``max_frames``: reconstruction and
perception cost grows with the count, and a slow walkthrough repeats itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import MissingExtraError, UserError

VIDEO_SUFFIXES = (".mp4", ".mov", ".avi", ".webm", ".mkv", ".m4v", ".gif")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")
MAX_PIXELS = 4096 * 4096  # larger frames are almost certainly a mistake (and would not fit in memory)


@dataclass
class Video:
    frames: np.ndarray  # (N, H, W, 3) uint8 RGB
    fps: float = 8.0
    source: str = ""
    indices: list[int] = field(default_factory=list)
    """Index of each kept frame in the source (after subsampling)."""

    def __post_init__(self):
        if self.frames.ndim != 4 or self.frames.shape[-1] != 3 or self.frames.dtype != np.uint8:
            raise ValueError("Video.frames must be (N, H, W, 3) uint8")
        if not self.indices:
            self.indices = list(range(len(self.frames)))

    @property
    def size(self) -> tuple[int, int]:
        """(height, width) in pixels."""
        return int(self.frames.shape[1]), int(self.frames.shape[2])


def write_mp4(path: Path, frames, fps: float = 8.0) -> str:
    """Write RGB frames as an H.264 mp4 (atomically); returns the file name, or why it was not
    written (imageio-ffmpeg, extra ``gen``, missing): the frames beside it are the data, the
    video is a convenience."""
    try:
        import imageio.v2 as iio
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        return "not written (needs imageio-ffmpeg: pip install 'vipscene-sim[gen]')"
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    try:
        iio.mimwrite(tmp, list(frames), fps=fps, format="FFMPEG", macro_block_size=1)
        tmp.replace(path)
        return str(path.name)
    except Exception as exc:  # noqa: BLE001
        tmp.unlink(missing_ok=True)
        return f"not written ({type(exc).__name__}: {str(exc)[:80]})"


def evenly_spaced(n: int, max_frames: int | None) -> list[int]:
    """Indices of at most ``max_frames`` of ``n`` frames, evenly spaced, first and last kept."""
    if not max_frames or n <= max_frames:
        return list(range(n))
    return sorted({round(i) for i in np.linspace(0, n - 1, max_frames)})


def _image_files(folder: Path) -> list[Path]:
    synth = folder / "frames"
    if synth.is_dir() and any(synth.glob("rgb_*.png")):
        return sorted(synth.glob("rgb_*.png"))
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def read_video(path: str | Path, max_frames: int | None = None) -> Video:
    """Frames of a video file or an image folder; a UserError (exit 2) names what is wrong."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_dir():
        files = _image_files(path)
        if not files:
            raise UserError(f"{path}: no frames (png/jpg images, or frames/rgb_*.png of 'vipscene synth')")
        keep = evenly_spaced(len(files), max_frames)
        frames = [read_image(files[i]) for i in keep]
        fps = 8.0
    elif path.suffix.lower() in VIDEO_SUFFIXES:
        frames, keep, fps = _read_video_file(path, max_frames)
    else:
        raise UserError(f"{path}: not a video ({', '.join(VIDEO_SUFFIXES)}) or a folder of frames")
    shapes = {f.shape for f in frames}
    if len(shapes) > 1:
        raise UserError(f"{path}: frames differ in size ({', '.join(sorted(str(s[:2]) for s in shapes))})")
    h, w = frames[0].shape[:2]
    if h * w > MAX_PIXELS or min(h, w) < 16:
        raise UserError(f"{path}: frames of {w}x{h} pixels; expected between 16x16 and 4096x4096")
    return Video(np.stack(frames), fps, str(path), keep)


def read_image(p: Path) -> np.ndarray:
    """One picture as (H, W, 3) uint8 RGB, or a UserError naming the file."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(p) as im:
            return np.asarray(im.convert("RGB"), np.uint8)
    except (OSError, UnidentifiedImageError) as exc:
        raise UserError(f"{p}: unreadable image ({type(exc).__name__})") from None


def _read_video_file(path: Path, max_frames: int | None) -> tuple[list[np.ndarray], list[int], float]:
    try:
        import imageio.v2 as iio
        import imageio_ffmpeg  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(f"reading {path.suffix} videos", "gen", str(exc)) from None
    try:
        reader = iio.get_reader(str(path), format="FFMPEG")
    except Exception as exc:  # noqa: BLE001 - ffmpeg reports a corrupt or unsupported file many ways
        first = (str(exc).strip().splitlines() or [""])[0][:80]
        raise UserError(f"{path}: unreadable video ({type(exc).__name__}: {first})") from None
    try:
        fps = float(reader.get_meta_data().get("fps") or 8.0)
        try:
            wanted = set(evenly_spaced(reader.count_frames(), max_frames))  # decode all, keep only these
        except Exception:  # noqa: BLE001 - no count for this container: keep everything, subsample after
            wanted = None
        frames, keep = [], []
        try:
            for i, frame in enumerate(reader):
                if wanted is None or i in wanted:
                    frames.append(np.asarray(frame, np.uint8)[..., :3])
                    keep.append(i)
        except Exception as exc:  # noqa: BLE001 - a truncated file: keep the frames decoded so far
            if not frames:
                raise UserError(f"{path}: no frame could be decoded ({type(exc).__name__})") from None
    finally:
        reader.close()
    if not frames:
        raise UserError(f"{path}: the video has no frames")
    sub = evenly_spaced(len(frames), max_frames)
    return [frames[i] for i in sub], [keep[i] for i in sub], fps
