"""Plan grids over a room's floor (row j = y, column i = x, cell centres in metres): which cells
are free of walls and obstacle footprints, and how far each cell is from the nearest of them.

One grid for every stage that needs free floor: navigation for refinement and metrics, camera
placement for walkthroughs.
"""

from __future__ import annotations

import numpy as np

from .polygon import rasterise


def plan_axes(floor, cell: float, margin: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres along x and y covering the floor's bounding box grown by ``margin``."""
    floor = np.asarray(floor, float)
    lo, hi = floor.min(axis=0) - margin, floor.max(axis=0) + margin
    return np.arange(lo[0] + cell / 2, hi[0], cell), np.arange(lo[1] + cell / 2, hi[1], cell)


def free_cells(floor, obstacles, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(inside, free): cells whose centre is on the floor, and those of them outside every
    obstacle footprint (floor-plane polygons (k, 2))."""
    inside = rasterise(np.asarray(floor, float), xs, ys)
    free = inside.copy()
    for fp in obstacles:
        if len(fp) >= 3:
            free &= ~rasterise(np.asarray(fp, float), xs, ys)
    return inside, free


def clearance(free: np.ndarray, cell: float) -> np.ndarray:
    """Distance (m) from each cell centre to the nearest cell that is not free (cells beyond the
    grid's edge count as not free)."""
    from scipy import ndimage

    return ndimage.distance_transform_edt(np.pad(free, 1))[1:-1, 1:-1] * cell
