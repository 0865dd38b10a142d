"""vipscene-sim: text or image prompt -> simulation-ready 3D indoor scene (VIPScene method).

The public entry points are the Scene model (`Scene`, `load_scene`) and the pipeline functions
of each stage; heavy optional dependencies load only inside the stage that needs them.
"""

from .errors import Problem, SceneError, UserError
from .scene import (
    SCHEMA_ID,
    SCHEMA_VERSION,
    AssetRef,
    Light,
    Material,
    Materials,
    Opening,
    Provenance,
    Room,
    Scene,
    SceneObject,
    Support,
    load_scene,
)
from .validate import validate_document

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID", "SCHEMA_VERSION", "AssetRef", "Light", "Material", "Materials", "Opening", "Problem",
    "Provenance", "Room", "Scene", "SceneError", "SceneObject", "Support", "UserError",
    "load_scene", "validate_document", "__version__",
]
