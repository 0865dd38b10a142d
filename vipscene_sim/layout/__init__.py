"""Layout refinement: collision-free, inside the room, against walls, on receptacles, navigable."""

from .navigation import NavReport, navigation
from .refine import RefineSettings, refine_layout

__all__ = ["NavReport", "RefineSettings", "navigation", "refine_layout"]
