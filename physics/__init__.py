"""Physics stage: convex colliders for every asset (exact parts for built-in assets, shipped
colliders for objathor assets, CoACD with a disk cache for other meshes), mass properties, and
settling of a Scene in PyBullet (`physics.stage.simulate`).

Mass, centre of mass and inertia are computed here once, in the object frame (`physics.mass`),
and every exporter reuses them.
"""
