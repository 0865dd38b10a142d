"""Surface texture for synthetic walkthroughs: a wood-grain floor and mottled plaster walls.

Real rooms are not flat colour, and feature-based structure from motion (SIFT in pycolmap) and
detectors need the texture a real or generated video shows. The exported MJCF stays flat-coloured
(it is for simulators); only the synth renderer's copy of the model is textured here. Textures are
deterministic for a seed and keep the room's colours on average, so the ground truth (depth,
instance ids) is untouched.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

TEXTURE_PX = 256
FLOOR_PX_PER_M = 96  # floor texture resolution (about 1 cm a pixel), up to 1024 pixels


def _field(rng, shape, sigmas, anisotropy: float = 1.0) -> np.ndarray:
    """Multi-octave smooth noise (zero mean, unit std) that tiles; ``anisotropy`` > 1 stretches it
    along the first axis (wood grain)."""
    from scipy import ndimage

    f = np.zeros(shape)
    for s in sigmas:
        f += ndimage.gaussian_filter(rng.normal(size=shape), (s * anisotropy, s), mode="wrap") * s ** 0.5
    return f / (f.std() + 1e-12)


def floor_texture(rgb, seed: int, n: int = TEXTURE_PX, planks: int = 8) -> np.ndarray:
    """(n, n, 3) uint8: ``planks`` boards with grain along them, a slightly different shade per
    board, dark seams between them and staggered butt joints."""
    rng = np.random.default_rng(seed)
    grain = _field(rng, (n, n), (1, 2, 4), anisotropy=8.0)
    plank = max(1, n // planks)
    shade = np.resize(np.repeat(rng.normal(scale=0.06, size=planks + 1), plank), n)[None, :]
    seams = np.ones((n, n))
    seams[:, ::plank] = 0.7
    for k in range(planks + 1):
        for row in rng.integers(0, n, 2):  # butt joints of the boards along each plank
            seams[row, k * plank:(k + 1) * plank] = 0.75
    value = (1 + 0.12 * grain + shade) * seams
    return _colour(rgb, value)


def wall_texture(rgb, seed: int) -> np.ndarray:
    """(TEXTURE_PX, TEXTURE_PX, 3) uint8: painted plaster, a faint mottle at several scales."""
    rng = np.random.default_rng(seed)
    return _colour(rgb, 1 + 0.035 * _field(rng, (TEXTURE_PX, TEXTURE_PX), (1, 2, 4, 8, 16)))


def _colour(rgb, value: np.ndarray) -> np.ndarray:
    c = np.asarray(rgb, float)[:3]
    return (np.clip(value[..., None] * c, 0, 1) * 255).round().astype(np.uint8)


def texture_room(spec, mjcf_dir: str | Path, seed: int = 0) -> None:
    """Texture the room of an exported MJCF (as an ``MjSpec``): one wood floor spanning the whole
    floor and a plaster texture of its own for every wall, each spanning its wall, so that no
    pattern repeats (a repeated texture makes structure from motion match one wall with another).

    MuJoCo maps a 2D texture onto a box through its local XY plane, so each wall box is
    re-expressed with its large face in that plane (same box, same pose); the floor mesh gets
    texture coordinates from its world XY."""
    import mujoco
    import trimesh

    from ..geometry.pose import matrix_to_quat, quat_to_matrix

    role = int(mujoco.mjtTextureRole.mjTEXROLE_RGB)

    def textured(name: str, base, img: np.ndarray):
        tex = spec.add_texture(name=f"synth_{name}", type=mujoco.mjtTexture.mjTEXTURE_2D, width=img.shape[1],
                               height=img.shape[0], nchannel=3)
        tex.data = img.tobytes()
        mat = spec.add_material(name=f"synth_{name}")
        textures = list(mat.textures)
        textures[role] = tex.name
        mat.textures = textures
        mat.specular, mat.shininess = base.specular, base.shininess
        return mat

    walls = spec.material("walls")
    for k, g in enumerate(spec.geoms):
        if not (g.name.startswith("wall_") and g.type == mujoco.mjtGeom.mjGEOM_BOX and walls is not None):
            continue
        sx, sy, sz = g.size
        r = quat_to_matrix(g.quat)
        g.quat = matrix_to_quat(np.stack([r[:, 0], r[:, 2], -r[:, 1]], 1))  # x along, y up, z out
        g.size = [sx, sz, sy]
        tile = 2 * max(sx, sz)
        mat = textured(g.name, walls, wall_texture(walls.rgba[:3], seed * 7919 + k))
        mat.texuniform = True
        mat.texrepeat = [1 / tile, 1 / tile]
        g.material = mat.name
    floor, mesh = spec.material("floor"), spec.mesh("room_floor")
    if floor is not None and mesh is not None and mesh.file:
        room = trimesh.load(Path(mjcf_dir) / mesh.file, process=False, force="mesh")  # named relative to scene.xml
        v, f = np.asarray(room.vertices), np.asarray(room.faces)
        lo, span = v[:, :2].min(0), float(np.ptp(v[:, :2], axis=0).max()) + 1e-6
        n = int(min(1024, max(64, FLOOR_PX_PER_M * span)))
        mat = textured("floor", floor, floor_texture(floor.rgba[:3], seed * 7919 + 7, n, max(4, round(span / 0.18))))
        mesh.file = ""
        mesh.uservert = v.ravel().tolist()
        mesh.userface = f.ravel().tolist()
        mesh.usertexcoord = ((v[:, :2] - lo) / span).ravel().tolist()
        mesh.userfacetexcoord = f.ravel().tolist()
        for g in spec.geoms:
            if g.meshname == "room_floor":
                g.material = mat.name
