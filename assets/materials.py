"""Physically based materials of the built-in assets and rooms, with procedural textures.

A `Material` is a kind of surface (wood, fabric, brushed metal...): roughness, metallic, an
optional albedo texture and normal map, and the size in metres that one repeat of its texture
covers. The texture is neutral (a light grey pattern around 0.9) and is multiplied by the part's
own colour in every exporter (glTF ``baseColorFactor``, MJCF material ``rgba``, USD
``UsdUVTexture.scale``), so one 512 px image per kind serves every colour of that kind and is
shared by every asset that uses it. Visual meshes carry UVs in metres divided by `Material.tile`.

Textures are generated in code (band-limited noise made periodic by the FFT, so every image tiles
without seams), deterministic for a kind and a size, and cached as PNG files beside the built-in
library (`texture_files`).
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TEXTURE_PX = 512
"""Default edge of a texture image, pixels."""


@dataclass(frozen=True)
class Material:
    """One kind of surface. ``tile``: metres covered by one repeat of the texture; ``texture``:
    whether it has an albedo pattern; ``normal``: whether a normal map adds relief."""

    name: str
    roughness: float
    metallic: float
    texture: bool = True
    normal: bool = False
    tile: float = 0.5


MATERIALS: dict[str, Material] = {m.name: m for m in (
    Material("wood", 0.55, 0.0, normal=True, tile=0.6),
    Material("painted", 0.6, 0.0, tile=1.2),
    Material("fabric", 0.9, 0.0, normal=True, tile=0.12),
    Material("leather", 0.45, 0.0, normal=True, tile=0.3),
    Material("tiles", 0.3, 0.0, normal=True, tile=0.6),
    Material("stone", 0.5, 0.0, normal=True, tile=0.8),
    Material("plaster", 0.85, 0.0, normal=True, tile=1.5),
    Material("brushed_metal", 0.35, 1.0, normal=True, tile=0.4),
    Material("polished_metal", 0.12, 1.0, texture=False),
    Material("ceramic", 0.25, 0.0, tile=0.5),
    Material("glass", 0.05, 0.0, texture=False),
    Material("plastic", 0.5, 0.0, tile=0.5),
    Material("rubber", 0.8, 0.0, tile=0.3),
    Material("paper", 0.8, 0.0, normal=True, tile=0.3),
    Material("screen", 0.1, 0.0, texture=False),
    Material("plant", 0.6, 0.0, tile=0.2),
)}


# -- procedural images ------------------------------------------------------------------------
def _rng(kind: str, px: int) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha256(f"{kind}/{px}".encode()).hexdigest()[:8], 16))


def _noise(rng, px: int, scale: float, aniso: tuple[float, float] = (1.0, 1.0), power: float = 2.0) -> np.ndarray:
    """Periodic band-limited noise in [-1, 1]: white noise filtered in the frequency domain
    (features about ``scale`` of the image across; ``aniso`` stretches them along x, y)."""
    f = np.fft.fftfreq(px)
    fx, fy = np.meshgrid(f * aniso[0], f * aniso[1], indexing="xy")
    k = np.sqrt(fx ** 2 + fy ** 2) * scale
    spectrum = np.fft.fft2(rng.standard_normal((px, px))) * np.exp(-(k ** power))
    spectrum[0, 0] = 0
    n = np.real(np.fft.ifft2(spectrum))
    return n / (np.abs(n).max() + 1e-12)


def _grid(px: int) -> tuple[np.ndarray, np.ndarray]:
    t = (np.arange(px) + 0.5) / px  # pixel centres: patterns symmetric about the wrap
    return np.meshgrid(t, t, indexing="xy")


def _wood(rng, px):
    _, y = _grid(px)
    warp = _noise(rng, px, 6.0, (1.0, 0.15)) * 0.06 + _noise(rng, px, 30.0) * 0.01
    rings = np.sin(2 * np.pi * (8 * (y + warp)))  # grain runs along u (the texture's x)
    fibres = _noise(rng, px, 120.0, (0.05, 1.0))
    h = 0.55 * rings + 0.3 * fibres
    return h, 0.84 + 0.1 * h


def _fabric(rng, px):
    x, y = _grid(px)
    threads = 32
    warp_t = np.sin(2 * np.pi * threads * x)
    weft_t = np.sin(2 * np.pi * threads * y)
    over = np.sign(np.sin(np.pi * threads * x) * np.sin(np.pi * threads * y))  # plain weave
    h = np.where(over > 0, warp_t, weft_t) * 0.6 + 0.25 * _noise(rng, px, 80.0)
    return h, 0.86 + 0.08 * h


def _leather(rng, px):
    cells = np.abs(_noise(rng, px, 90.0, power=4.0))
    h = 1 - 2 * np.sqrt(cells) + 0.2 * _noise(rng, px, 20.0)
    return h, 0.85 + 0.06 * h


def _tiles(rng, px):
    x, y = _grid(px)
    n = 2  # 2 x 2 tiles per repeat
    gx, gy = (x * n) % 1, (y * n) % 1
    grout = np.minimum(np.minimum(gx, 1 - gx), np.minimum(gy, 1 - gy)) < 0.015
    tile_id = (np.floor(x * n) + n * np.floor(y * n)).astype(int)
    shade = rng.uniform(-0.04, 0.04, n * n)[tile_id]
    h = np.where(grout, -1.0, 0.3 + 0.1 * _noise(rng, px, 40.0))
    return h, np.where(grout, 0.62, 0.93 + shade + 0.02 * _noise(rng, px, 40.0))


def _stone(rng, px):
    base = _noise(rng, px, 12.0) * 0.5 + _noise(rng, px, 40.0) * 0.3 + _noise(rng, px, 120.0) * 0.2
    veins = 1 - np.clip(np.abs(_noise(rng, px, 10.0)) * 12, 0, 1)
    h = base - 0.5 * veins
    return h, 0.86 + 0.08 * base - 0.12 * veins


def _plaster(rng, px):
    h = _noise(rng, px, 30.0) * 0.6 + _noise(rng, px, 150.0) * 0.4
    return h, 0.93 + 0.03 * h


def _brushed(rng, px):
    h = _noise(rng, px, 200.0, (0.02, 1.0))
    return h, 0.88 + 0.07 * h


def _subtle(rng, px):
    h = _noise(rng, px, 60.0) * 0.7 + _noise(rng, px, 200.0) * 0.3
    return h, 0.93 + 0.025 * h


def _paper(rng, px):
    h = _noise(rng, px, 160.0, (0.3, 1.0)) * 0.6 + _noise(rng, px, 40.0) * 0.4
    return h, 0.92 + 0.04 * h


def _plant(rng, px):
    x, _ = _grid(px)
    veins = 1 - np.clip(np.abs(np.sin(2 * np.pi * 6 * (x + 0.3 * _noise(rng, px, 8.0)))) * 6, 0, 1)
    h = _noise(rng, px, 40.0) * 0.5 + 0.5 * veins
    return h, 0.82 + 0.1 * _noise(rng, px, 20.0) + 0.08 * veins


_PATTERNS = {"wood": _wood, "painted": _subtle, "fabric": _fabric, "leather": _leather, "tiles": _tiles,
             "stone": _stone, "plaster": _plaster, "brushed_metal": _brushed, "ceramic": _subtle,
             "plastic": _subtle, "rubber": _leather, "paper": _paper, "plant": _plant}


def images(kind: str, px: int = TEXTURE_PX) -> tuple[np.ndarray, np.ndarray | None]:
    """(albedo RGB uint8 (px, px, 3), tangent-space normal map RGB uint8 or None) of a kind."""
    m = MATERIALS[kind]
    if not m.texture:
        raise ValueError(f"material {kind!r} has no texture")
    height, albedo = _PATTERNS[kind](_rng(kind, px), px)
    rgb = (np.clip(albedo, 0, 1) * 255).round().astype(np.uint8)
    normal = None
    if m.normal:
        strength = 2.0 * px / 512  # relief in texels, independent of the resolution
        gy, gx = np.gradient(height * strength / 8)
        n = np.stack([-gx, gy, np.ones_like(gx)], axis=-1)  # +v is up in the image (OpenGL convention)
        n /= np.linalg.norm(n, axis=-1, keepdims=True)
        normal = ((n * 0.5 + 0.5) * 255).round().astype(np.uint8)
    return np.repeat(rgb[..., None], 3, axis=-1), normal


@dataclass(frozen=True)
class TextureFiles:
    """Where one kind's cached images are: ``albedo`` PNG and ``normal`` PNG (or None)."""

    albedo: Path
    normal: Path | None


def textures_version() -> str:
    """Hash of this module's source: changed patterns never reuse cached images."""
    return hashlib.sha256(inspect.getsource(inspect.getmodule(images)).encode()).hexdigest()[:12]


def texture_files(kind: str, cache_root: str | Path, px: int = TEXTURE_PX) -> TextureFiles:
    """The PNG files of a kind's texture at ``px`` pixels, generated into
    ``cache_root/textures/<version>/`` on first use (atomic writes: concurrent builds are safe)."""
    import io

    from PIL import Image

    from vipscene_sim.atomic import atomic_write_bytes

    folder = Path(cache_root) / "textures" / textures_version()
    albedo, normal = folder / f"{kind}_{px}.png", folder / f"{kind}_{px}_normal.png"
    has_normal = MATERIALS[kind].normal
    if not albedo.is_file() or (has_normal and not normal.is_file()):
        rgb, nrm = images(kind, px)
        for path, arr in ((albedo, rgb), (normal, nrm)):
            if arr is not None:
                buf = io.BytesIO()
                Image.fromarray(arr).save(buf, format="PNG", optimize=False)
                atomic_write_bytes(path, buf.getvalue())
    return TextureFiles(albedo, normal if has_normal else None)


ROOM_MATERIALS = {"floor": "wood", "walls": "plaster", "ceiling": "plaster"}
"""The material of a room's floor, walls and ceiling unless the Scene names another kind."""


def room_material(surface: str, texture: str | None) -> str:
    """The material kind of a room surface (``floor``, ``walls``, ``ceiling``): the Scene's
    ``texture`` when it names a kind of `MATERIALS` (``"tiles"``, ``"stone"``...), else the default."""
    return texture if texture in MATERIALS else ROOM_MATERIALS[surface]


@dataclass(frozen=True)
class Surface:
    """What a visual mesh looks like: a `Material` kind and the colour (RGBA) that tints it."""

    material: str
    color: tuple[float, float, float, float]

    @property
    def spec(self) -> Material:
        return MATERIALS[self.material]

    def key(self) -> tuple:
        return (self.material, *(round(float(c), 4) for c in self.color))

    @property
    def name(self) -> str:
        """The surface's name: its kind and colour in hex (``wood_8a5a3c``), what a Scene object's
        ``materials`` are keyed by (`restyled`)."""
        return f"{self.material}_" + "".join(f"{min(255, max(0, round(float(c) * 255))):02x}" for c in self.color[:3])


def restyled(surface: Surface, overrides) -> Surface:
    """``surface`` as a Scene object's ``materials`` (name -> `vipscene_sim.scene.Material`) restyle
    it: the override's colour (its alpha, else the surface's) and its ``texture`` as the material
    kind when it names one of `MATERIALS` (else the surface keeps its kind)."""
    m = overrides.get(surface.name) if overrides else None
    if m is None:
        return surface
    kind = m.texture if m.texture in MATERIALS else surface.material
    alpha = m.color[3] if len(m.color) > 3 else surface.color[3]
    return Surface(kind, (float(m.color[0]), float(m.color[1]), float(m.color[2]), float(alpha)))
