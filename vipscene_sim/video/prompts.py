"""Turning a room description into a video prompt that reconstruction can use.

A video model asked for "a cosy bedroom" makes a film: people walk in, the camera cuts, the light
changes, the view flies through a wall. Structure from motion and the 3D lifting need the
opposite: one continuous shot of a static room, the camera moving slowly and smoothly at eye
height, steady exposure, sharp frames, every part of the room seen. Each camera path has a
template that asks for exactly that (VIPScene prompts its video model the same way):

- ``pan``: standing in the doorway, turning slowly across the room (the whole room in view; little
  parallax, so the reconstruction leans on the depth model);
- ``orbit``: moving on a circle around the room's centre, facing inwards (every object from
  several sides: the best for reconstruction);
- ``walk``: walking slowly in from the doorway, turning gently to both sides.

The negative prompt lists what breaks reconstruction. With an image prompt the video continues
from that picture, so the text asks only for the motion and the constancy.
"""

from __future__ import annotations

import re

PATHS = ("pan", "orbit", "walk")

MOTION = {
    "pan": "The camera stands still in the doorway at eye height and pans slowly and smoothly from left to "
           "right across the whole room",
    "orbit": "The camera moves slowly and smoothly on a circle around the middle of the room at eye height, "
             "always facing the centre, showing every wall and every piece of furniture",
    "walk": "The camera walks slowly and smoothly forward from the doorway into the room at eye height, turning "
            "gently to the left and to the right to show both sides",
}

STYLE = ("A static interior with nobody in it; nothing moves except the camera. One continuous shot with no cuts, "
         "steady exposure and white balance, sharp focus, natural daylight, realistic materials, photorealistic "
         "real-estate walkthrough video.")

NEGATIVE = ("people, person, hands, animals, pets, moving objects, opening doors, text, subtitles, watermark, logo, "
            "scene cut, transition, fade, zoom, fast camera motion, shaky camera, motion blur, flicker, exposure "
            "change, lens distortion, fisheye, split screen, cartoon, illustration, low quality, blurry, deformed "
            "furniture, duplicated objects, walls bending")

MAX_DESCRIPTION = 600  # characters; text encoders truncate long prompts (CogVideoX at 226 tokens)


def clean_description(text: str) -> str:
    """One line, no trailing full stop, at most MAX_DESCRIPTION characters (cut at a word)."""
    text = re.sub(r"\s+", " ", text or "").strip().rstrip(".")
    if len(text) > MAX_DESCRIPTION:
        text = text[:MAX_DESCRIPTION].rsplit(" ", 1)[0]
    return text


def walkthrough_prompt(description: str, path: str = "orbit", image: bool = False) -> tuple[str, str]:
    """(prompt, negative prompt) for a walkthrough video of the described room along ``path``.
    ``image``: the video starts from an image prompt (the text then leads with the motion)."""
    if path not in PATHS:
        raise ValueError(f"camera path must be one of {PATHS}, got {path!r}")
    desc = clean_description(description)
    if image:
        lead = f"Starting from this exact view of the room, {MOTION[path][0].lower()}{MOTION[path][1:]}."
        body = f" The room: {desc}." if desc else ""
        return f"{lead}{body} {STYLE}", NEGATIVE
    if not desc:
        raise ValueError("a text-to-video walkthrough needs a room description")
    return f"{desc[0].upper()}{desc[1:]}. {MOTION[path]}. {STYLE}", NEGATIVE
