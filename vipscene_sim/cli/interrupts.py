"""Ctrl-C always stops the command with exit 130.

Python turns SIGINT into a KeyboardInterrupt wherever the program happens to be; some libraries
catch everything around their own optional imports (trimesh's import wrappers do), so an
interrupt that lands there is swallowed and the command runs on to exit 0. `guard` installs a
handler that also remembers the interrupt; `raise_if_interrupted` (called at every progress step
and before the command returns) raises it again, so a swallowed Ctrl-C still stops at the next
step, inside the output transaction, leaving the previous output whole.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class _Handler:
    def __init__(self) -> None:
        self.hit = False

    def __call__(self, signum, frame) -> None:
        self.hit = True
        raise KeyboardInterrupt


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Install the remembering SIGINT handler for the block (main thread only), then restore."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _Handler())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def raise_if_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl-C came while the guard was installed, even if it was caught."""
    handler = signal.getsignal(signal.SIGINT)
    if isinstance(handler, _Handler) and handler.hit:
        raise KeyboardInterrupt
