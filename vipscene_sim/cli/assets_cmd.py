"""`vipscene assets list | show | sheet | search`: see and query the asset libraries."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..errors import UserError
from ..scene import dumps


def add_library_options(p) -> None:
    p.add_argument("--assets", action="append", default=[], metavar="DIR",
                   help="a folder of your own assets with a catalog.json (repeatable)")
    p.add_argument("--objathor", metavar="DIR", help="an objathor/Objaverse version folder, e.g. ~/.objathor-assets/2023_09_23")
    p.add_argument("--allow-pickle", action="store_true",
                   help="read objathor .pkl.gz files; unpickling runs code from the file, use only for files you trust")
    p.add_argument("--cache-dir", metavar="DIR", help="cache of the built-in library (default ~/.cache/vipscene-sim)")
    p.add_argument("--clip", metavar="MODEL", help="CLIP model id or folder for image matching (extra 'gen'), "
                   "e.g. openai/clip-vit-base-patch32")


def _libraries(args):
    from assets.registry import open_libraries

    return open_libraries(args.cache_dir, args.assets, args.objathor, args.allow_pickle)


def assets_list(args) -> int:
    libs = _libraries(args)
    rows = [i for lib in libs.libraries for i in lib.infos()]
    if args.category:
        rows = [i for i in rows if i.category == args.category]
    for w in libs.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.json:
        sys.stdout.write(dumps([{
            "id": i.id, "library": i.library, "category": i.category, "description": i.description,
            "size": [round(v, 4) for v in i.size], "placement": i.placement, "dynamic": i.dynamic,
            "mass": i.mass, "synonyms": list(i.synonyms),
            "receptacles": [{"name": r.name, "height": round(r.height, 4), "x": [round(v, 4) for v in r.x],
                             "y": [round(v, 4) for v in r.y]} for r in i.receptacles],
            "joints": [{**j.to_dict(), "origin": [round(v, 4) for v in j.origin]} for j in i.joints],
        } for i in rows]))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} assets in {len(libs.libraries)} librar{'y' if len(libs.libraries) == 1 else 'ies'}")
    for col in ("id", "library", "placement", "size (m)", "joints", "description"):
        table.add_column(col)
    for i in rows:
        table.add_row(i.id, i.library, i.placement, " x ".join(f"{v:.2f}" for v in i.size),
                      ", ".join(f"{j.name} ({j.kind})" for j in i.joints), i.description)
    Console(width=160).print(table)
    return 0


def _geometry(libs, asset_id: str):
    from assets import mirror
    from assets.library import AssetLoadError

    for lib in libs.libraries:
        if any(i.id == asset_id for i in lib.infos()) or getattr(lib, "twin", lambda _: None)(mirror.twin_id(asset_id)):
            try:
                return lib.geometry(asset_id)
            except AssetLoadError as exc:  # the user's files: say what is wrong with them
                raise UserError(f"{lib.name}/{asset_id}: cannot be shown ({exc})") from None
    raise UserError(f"no asset {asset_id!r}; 'vipscene assets list' shows the ids")


def assets_show(args) -> int:
    libs = _libraries(args)
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".glb", ".png", ".obj", ".stl", ".ply"):
        raise UserError(f"{out}: --out must end in .glb, .png, .obj, .stl or .ply")
    geom = _geometry(libs, args.id)
    if not 0.0 <= args.open <= 1.0:
        raise UserError(f"--open {args.open:g}: must be between 0 (closed) and 1 (fully open)")
    if args.open and geom.info.joints:
        from dataclasses import replace

        from assets.articulation import opened, posed_parts

        positions = opened(geom.info.joints, args.open)
        geom = replace(geom, parts=posed_parts(geom.parts, geom.info.joints, positions),
                       visuals=posed_parts(geom.visuals, geom.info.joints, positions))
    if suffix == ".png":
        buf = io.BytesIO()
        _renderer(args.renderer, libs, geom)([geom], args.size)[0].save(buf, format="PNG")
        data = buf.getvalue()
    elif suffix == ".glb":
        data = geom.scene().export(file_type="glb")
    else:
        data = geom.combined().export(file_type=suffix[1:])
        data = data.encode() if isinstance(data, str) else data
    atomic_write_bytes(out, data)
    if args.json:
        sys.stdout.write(dumps({"id": args.id, "out": str(out), "parts": len(geom.parts),
                                "joints": [j.to_dict() for j in geom.info.joints]}))
    else:
        print(f"wrote {out} ({len(geom.parts)} parts)")
        for j in geom.info.joints:
            lo, hi = j.limits
            unit = "rad" if j.kind == "revolute" else "m"
            print(f"  joint {j.name}: {j.kind}, axis {tuple(round(a, 3) for a in j.axis)}, {lo:g}..{hi:g} {unit}, "
                  f"moves {', '.join(j.parts)}")
    return 0


def _renderer(kind: str, libs, probe):
    """``(geometries, size_px) -> images``: MuJoCo with the visual meshes and textures, or, where
    MuJoCo cannot open an offscreen context (no EGL/OSMesa; said on stderr), the software
    renderer of the convex parts."""
    from assets.render import render_asset

    def software(geoms, size):
        return [render_asset(g, size) for g in geoms]

    if kind == "software":
        return software
    from assets.render_mujoco import render_many

    try:
        render_many([probe], libs.texture, 16)
    except Exception as exc:  # noqa: BLE001 - GL backends fail in many ways; the fallback is documented
        print(f"warning: MuJoCo cannot render here ({type(exc).__name__}: {str(exc)[:120]}); "
              "drawing the convex parts with the software renderer (set MUJOCO_GL=egl)", file=sys.stderr)
        return software
    return lambda geoms, size: render_many(geoms, libs.texture, size)


def assets_sheet(args) -> int:
    from assets.render import contact_sheet

    libs = _libraries(args)
    infos = [i for lib in libs.libraries for i in lib.infos() if not args.category or i.category in args.category]
    if not infos:
        raise UserError("no assets match; 'vipscene assets list' shows the categories")
    geoms = []
    for i in infos:
        try:
            geoms.append(libs.geometry(i.library, i.id))
        except Exception as exc:  # noqa: BLE001 - an unreadable asset is left off the sheet, with a warning
            print(f"warning: {i.library}/{i.id} left off the sheet: {exc}", file=sys.stderr)
    buf = io.BytesIO()
    images = _renderer(args.renderer, libs, geoms[0])(geoms, args.tile) if geoms else []
    contact_sheet(geoms, tile_px=args.tile, columns=args.columns, images=images).save(buf, format="PNG")
    atomic_write_bytes(args.out, buf.getvalue())
    if args.json:
        sys.stdout.write(dumps({"out": args.out, "assets": len(geoms)}))
    else:
        print(f"wrote {args.out} ({len(geoms)} assets)")
    return 0


def assets_search(args) -> int:
    from ..retrieve import Query, Retriever

    libs = _libraries(args)
    if args.size is not None and not all(0 < v <= 20 for v in args.size):
        raise UserError(f"--size {' '.join(map(str, args.size))}: each value must be in (0, 20] metres")
    if args.k < 1:
        raise UserError("-k must be at least 1")
    image, scorer = None, None
    if args.image:
        if not args.clip:
            raise UserError("--image needs --clip MODEL (image matching uses a CLIP model)")
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(args.image) as im:
                image = __import__("numpy").asarray(im.convert("RGB"))
        except (OSError, UnidentifiedImageError) as exc:
            raise UserError(f"{args.image}: not a readable image ({exc})") from None
        from ..retrieve.clip import ClipImageScorer, ClipSettings

        scorer = ClipImageScorer.from_pretrained(libs, ClipSettings(args.clip), libs.get("builtin").cache_root)
    query = Query(args.query, tuple(args.size) if args.size else None, args.placement, image=image)
    ranking = Retriever(libs.libraries, image_scorer=scorer).rank(query, args.k)
    if args.json:
        sys.stdout.write(dumps([c.to_dict() for c in ranking.candidates]))
        if ranking.fallback:
            print(f"note: {ranking.fallback}", file=sys.stderr)
        return 0
    if ranking.fallback:
        print(f"note: {ranking.fallback}")
    img_col = "  image" if image is not None else ""
    print(f"{'rank':>4}  {'score':>6}  {'text':>5}  {'size':>5}  {'place':>5}{img_col}  id")
    for n, c in enumerate(ranking.candidates, 1):
        turn = "  (turned 90 deg)" if c.swap_xy else ""
        img = f"  {c.image:5.2f}" if c.image is not None else ""
        print(f"{n:>4}  {c.score:6.3f}  {c.text:5.2f}  {c.size:5.2f}  {c.placement:5.2f}{img}  {c.library}/{c.id}{turn}")
    return 0
