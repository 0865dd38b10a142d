"""The one geometry core every stage shares (metres, radians, world frame +Z up).

- `pose`: quaternions [w, x, y, z], yaw, 4x4 transforms, camera look-at poses, camera alignment;
- `polygon`: floor-plane polygons (area, simplicity, containment, distances, rasterising), backed
  by shapely where it is exact;
- `room`: wall frames, wall boxes with openings cut out, door swings and doorways;
- `camera`: back-projection of depth to points, voxel keys;
- `grid`: plan grids over a room's floor (free space, clearance);
- `collision`: convex hulls of objects and penetration queries through PyBullet;
- `frames`: the one conversion between Unity's Y-up frame and ours.

Nothing here imports a pipeline stage.
"""
