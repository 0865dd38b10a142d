"""Errors that cross module boundaries.

`UserError` is anything the user can fix (a bad file, flag, missing model or extra); the CLI
prints its message as one sentence and exits with code 2. Anything else is an internal failure
(exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the user caused and can fix; the message names the file/field and the fix."""


@dataclass(frozen=True)
class Problem:
    """One validation finding: a JSON path such as ``objects[3].size[1]`` and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SceneError(UserError):
    """A scene document failed to load; carries every problem found, not only the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{source}: {n} problem{'s' if n != 1 else ''}"
        super().__init__(head + "".join(f"\n  {p}" for p in self.problems))


class MissingExtraError(UserError):
    """An optional dependency is not installed; the message names the pip install that fixes it."""

    def __init__(self, what: str, extra: str, reason: str | None = None):
        msg = f"{what} needs the '{extra}' extra: pip install 'vipscene-sim[{extra}]'"
        if reason:
            msg += f" ({reason})"
        super().__init__(msg)
