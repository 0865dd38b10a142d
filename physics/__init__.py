"""Physics stage: convex colliders for every asset (exact parts for built-in assets, CoACD for
arbitrary meshes, with a disk cache), mass properties, and settling of a Scene in PyBullet.

Mass, centre of mass and inertia are computed here once, in the object frame, and every
exporter reuses them. Nothing is implemented in this package yet; `vipscene build` records the
physics stage as unavailable.
"""
