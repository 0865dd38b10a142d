"""Affordances of a settled scene for robot learning: graspable objects, free receptacle areas,
openable joints with their handles, and robot base poses (`OUT/affordances.json`)."""

from .compute import compute_affordances, targets_of
from .model import FILE, SCHEMA_ID, SCHEMA_VERSION, Affordances, load_affordances
from .settings import AffordanceSettings

__all__ = ["FILE", "SCHEMA_ID", "SCHEMA_VERSION", "AffordanceSettings", "Affordances", "compute_affordances",
           "load_affordances", "targets_of"]
