"""Video: the frames every later stage reads (generated, a user's own recording, or a synthetic
walkthrough), and reading them from a file or a folder."""

from .io import VIDEO_SUFFIXES, Video, read_video

__all__ = ["VIDEO_SUFFIXES", "Video", "read_video"]
