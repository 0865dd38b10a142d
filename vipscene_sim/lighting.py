"""Scene lights as each exporter writes them: the colour of a colour temperature, and the one
default (a ceiling light over the room's centre) that a Scene without lights gets."""

from __future__ import annotations

import math

import numpy as np

from .scene import Light, Scene

DEFAULT_TEMPERATURE = 4000.0
"""Kelvin of the default ceiling light (neutral white)."""


def kelvin_to_rgb(kelvin: float) -> tuple[float, float, float]:
    """Linear-ish RGB in [0, 1] of a black body at ``kelvin`` (1000-40000 K), brightest channel 1
    (Tanner Helland's fit to the CIE 1964 colour-matching data, a common lighting convention)."""
    t = min(max(float(kelvin), 1000.0), 40000.0) / 100.0
    r = 255.0 if t <= 66 else 329.698727446 * (t - 60) ** -0.1332047592
    g = 99.4708025861 * math.log(t) - 161.1195681661 if t <= 66 else 288.1221695283 * (t - 60) ** -0.0755148492
    b = 255.0 if t >= 66 else (0.0 if t <= 19 else 138.5177312231 * math.log(t - 10) - 305.0447927307)
    rgb = np.clip(np.array([r, g, b]) / 255.0, 0.0, 1.0)
    return tuple(float(c) for c in rgb / rgb.max())


def scene_lights(scene: Scene) -> list[Light]:
    """The scene's lights, or the default one: 10 cm under the ceiling over the floor's centre."""
    if scene.lights:
        return list(scene.lights)
    floor = np.asarray(scene.room.floor, float)
    c = (floor.min(axis=0) + floor.max(axis=0)) / 2
    return [Light([float(c[0]), float(c[1]), scene.room.height - 0.1], DEFAULT_TEMPERATURE, 1.0)]
