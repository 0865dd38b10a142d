"""The built-in asset library (parametric indoor assets generated in code, with their convex
parts and catalog metadata; `assets.library.BuiltinLibrary`) and adapters for external libraries
(objathor/Objaverse in `assets.objathor`, a user's folder of meshes in `assets.folder`), searched
together through `assets.registry.open_libraries`.
"""
