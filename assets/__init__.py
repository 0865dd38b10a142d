"""The built-in asset library (parametric indoor assets generated in code, with their convex
parts and catalog metadata) and adapters for external libraries (objathor/Objaverse, a user's
folder of meshes). Nothing is implemented in this package yet; `vipscene build` records the
retrieval stage as unavailable.
"""
