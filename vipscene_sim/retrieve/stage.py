"""The retrieval stage of `vipscene build`: every object without an asset gets one, fitted.

Objects are handled parents first, so a mug is placed on the fitted height of the table it
stands on. Among a parent's near-best candidates the one whose surfaces (scaled to the box) lie
where its children rest wins: a bed whose mattress is where the pillows lie, a sink whose counter
holds the soap at its height. For each object the ranking (scores of the top candidates), the
choice, the fit (scale, residual, clamping) and any fallback go into the stage report. An asset whose files
cannot be read is skipped for the next candidate, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..geometry.pose import quat_multiply, quat_normalize, yaw_to_quat
from ..scene import AssetRef, Scene, SceneObject
from .fit import FitSettings, fit_asset
from .rank import Query, RetrievalSettings, Retriever


@dataclass(frozen=True)
class RetrieveSettings:
    k: int = 5
    """Candidates kept in the report per object."""
    fit: FitSettings = field(default_factory=FitSettings)
    ranking: RetrievalSettings = field(default_factory=RetrievalSettings)
    w_children: float = 0.2
    """Weight of the children's fit (0..1: the share of children within ``children_tolerance``
    of a surface, softly) added to a parent candidate's score."""
    children_margin: float = 0.1
    """Only candidates scoring within this of the best are reordered by their children's fit (a
    matching mattress height never makes a table of a bed)."""
    children_tolerance: float = 0.04
    """Metres between a child's resting height and a surface for it to count as fitting."""


def retrieve_scene(scene: Scene, retriever: Retriever, libraries, settings: RetrieveSettings = RetrieveSettings(),
                   image_root: Path | None = None, prefer: dict[str, tuple[str, str]] | None = None
                   ) -> tuple[Scene, dict[str, Any]]:
    """Return a new Scene with an asset on every object, and the stage report.

    With an image scorer on the retriever, an object whose ``source`` names a ``crop`` image
    (a path relative to ``image_root``, the layout's folder) is also matched by appearance.
    ``prefer``: object id -> (library, asset id) tried first when it is among the object's
    candidates (`vipscene vary` draws it from the ranking).
    """
    fitted: dict[str, SceneObject] = {}
    report: dict[str, Any] = {"objects": {}, "warnings": list(libraries.warnings)}
    infos = {(lib.name, i.id): i for lib in libraries.libraries for i in lib.infos()}
    children: dict[str, list[SceneObject]] = {}
    for o in scene.objects:
        if o.support.kind == "on" and o.support.on:
            children.setdefault(o.support.on, []).append(o)
    for obj in scene.support_order():
        if obj.asset is not None:
            check_asset_reference(obj, libraries)
            fitted[obj.id] = obj
            continue
        image = _crop(obj, image_root, report) if retriever.image_scorer is not None else None
        q = Query(obj.category, tuple(obj.size), obj.support.kind, image=image, description=obj.description)
        ranking = retriever.rank(q, max(settings.k, 10))
        entry: dict[str, Any] = {"query": {"label": obj.category, "description": obj.description,
                                           "size": list(obj.size), "placement": obj.support.kind},
                                 "ranking": [c.to_dict() for c in ranking.candidates[:settings.k]]}
        if ranking.fallback:
            entry["fallback"] = ranking.fallback
        if ranking.questioned:
            entry["label_questioned"] = ranking.questioned
        candidates = list(ranking.candidates)
        if children.get(obj.id) and candidates:
            candidates = _without_built_in(children[obj.id], candidates, infos, entry)
            candidates, fits = _by_children(obj, children[obj.id], candidates, infos, settings)
            entry["children_fit"] = fits
        if prefer and obj.id in prefer:
            candidates.sort(key=lambda c: (c.library, c.id) != prefer[obj.id])
        chosen, info, skipped = None, None, []
        for cand in candidates:
            try:
                lib = libraries.get(cand.library)
                info = infos[(cand.library, cand.id)]
                if cand.library != "builtin":
                    lib.geometry(cand.id)  # prove the files load before we choose it
                chosen = cand
                break
            except Exception as exc:  # noqa: BLE001 - any unreadable asset is skipped, recorded
                skipped.append(f"{cand.library}/{cand.id}: {exc}")
        if skipped:
            entry["skipped"] = skipped
        if chosen is None:
            entry["error"] = "no loadable asset among the candidates"
            report["objects"][obj.id] = entry
            fitted[obj.id] = obj
            continue
        fit = fit_asset(info.size, obj.size, chosen.swap_xy, info.size_min, info.size_max, settings.fit,
                        label=f"{obj.id} ({obj.category})", exact=size_is_exact(obj),
                        uniform_only=bool(info.joints) and chosen.library != "builtin")
        new = replace(
            obj,
            asset=AssetRef(chosen.library, chosen.id, [round(s, 6) for s in fit.scale]),
            size=[round(s, 6) for s in fit.size],
            quaternion=quat_normalize(quat_multiply(obj.quaternion, yaw_to_quat(fit.yaw_offset))).tolist()
            if fit.yaw_offset else list(obj.quaternion),
            mass=obj.mass if obj.mass is not None else round(info.mass * float(np.prod(fit.scale)), 4),
            joints=_joint_state(obj, info, fit.scale, entry),
        )
        new.position = _rest_position(new, scene, fitted, libraries)
        entry.update({"chosen": {"library": chosen.library, "id": chosen.id, "score": round(chosen.score, 4)},
                      "fit": fit.to_dict()})
        report["warnings"].extend(fit.warnings)
        report["objects"][obj.id] = entry
        fitted[obj.id] = new
    objects = [fitted[o.id] for o in scene.objects]
    n = len(report["objects"])
    report["summary"] = {
        "retrieved": n,
        "fallbacks": sum(1 for e in report["objects"].values() if "fallback" in e),
        "labels_questioned": sum(1 for e in report["objects"].values() if "label_questioned" in e),
        "clamped": sum(1 for e in report["objects"].values() if e.get("fit", {}).get("clamped")),
        "mean_abs_residual": round(float(np.mean([np.abs(e["fit"]["residual"]).mean() for e in report["objects"].values()
                                                  if "fit" in e])) if n else 0.0, 4),
    }
    return replace(scene, objects=objects), report


def _joint_state(obj, info, scale, entry: dict) -> dict[str, float]:
    """The object's joint positions for the chosen asset: those it names that the asset has
    (others are dropped, and recorded), else the source's ``openness`` (AI2-THOR's one number
    for how far every part of an object is open) applied to each joint's scaled range."""
    from assets.articulation import opened

    names = {j.name for j in info.joints}
    kept = {k: float(v) for k, v in obj.joints.items() if k in names}
    if set(obj.joints) - names:
        entry["joints_dropped"] = sorted(set(obj.joints) - names)
    openness = obj.source.get("openness")
    if not kept and info.joints and isinstance(openness, (int, float)) and 0 < openness <= 1:
        kept = {k: round(v, 6) for k, v in opened([j.scaled(scale) for j in info.joints], float(openness)).items()}
    return kept


def _without_built_in(kids: list[SceneObject], cands: list, infos: dict, entry: dict) -> list:
    """The candidates that do not build in what the object holds as objects of their own (a sink
    with its own tap for a sink that holds a faucet), unless none is left; those dropped are in
    ``entry["built_in_dropped"]``."""
    held = {k.category for k in kids}
    keep = [c for c in cands if not held & set(getattr(infos.get((c.library, c.id)), "includes", ()))]
    if keep and len(keep) < len(cands):
        entry["built_in_dropped"] = [f"{c.library}/{c.id}" for c in cands if c not in keep]
        return keep
    return cands


def _by_children(obj: SceneObject, kids: list[SceneObject], cands: list, infos: dict, st: RetrieveSettings
                 ) -> tuple[list, dict[str, float]]:
    """The candidates reordered by score plus ``w_children`` times how well each one's surfaces,
    scaled and turned as it would be fitted, hold its children where they are: the height they
    rest at (above the parent's bottom, as given) and their footprint inside the surface's extent
    (a round table's top does not hold a book at the corner of a rectangular one); and that fit
    per candidate for the report."""
    from ..geometry.pose import quat_to_yaw

    bottom = obj.position[2] - obj.size[2] / 2
    yaw = quat_to_yaw(obj.quaternion)
    c, s_ = np.cos(yaw), np.sin(yaw)
    placed = []
    for k in kids:
        d = np.subtract(k.position[:2], obj.position[:2])
        placed.append(((c * d[0] + s_ * d[1], -s_ * d[0] + c * d[1]), k.position[2] - k.size[2] / 2 - bottom,
                       (k.size[0] / 2, k.size[1] / 2)))
    best = cands[0].score
    fits: dict[str, float] = {}
    for cand in cands:
        info = infos.get((cand.library, cand.id))
        if info is None or cand.score < best - st.children_margin:
            continue
        sx, sy, sz = fit_asset(info.size, obj.size, cand.swap_xy, info.size_min, info.size_max, st.fit,
                               exact=size_is_exact(obj)).scale
        recs = [(r.height * sz, (r.x[0] * sx, r.x[1] * sx), (r.y[0] * sy, r.y[1] * sy)) for r in info.receptacles]
        if cand.swap_xy:  # the asset turned a quarter: its x along the object's y, its y along -x
            recs = [(h, (-y[1], -y[0]), x) for h, x, y in recs]
        recs = recs or [(obj.size[2], (-obj.size[0] / 2, obj.size[0] / 2), (-obj.size[1] / 2, obj.size[1] / 2))]
        gap = np.array([receptacle_cost(nearest_receptacle(recs, xy, h, half), xy, h, half) for xy, h, half in placed])
        fits[f"{cand.library}/{cand.id}"] = round(float(np.exp(-(gap / st.children_tolerance) ** 2).mean()), 4)
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].score + st.w_children *
                                                       fits.get(f"{cands[i].library}/{cands[i].id}", 0.0)), i))
    return [cands[i] for i in order], fits


EXACT_SIZE_SOURCES = ("database", "annotation", "record")
"""Values of an object's ``source["size_from"]`` (written by the house importer) that mean its box
is the real object's, not a measurement or a category's typical size."""


def size_is_exact(obj: SceneObject) -> bool:
    return isinstance(obj.source, dict) and obj.source.get("size_from") in EXACT_SIZE_SOURCES


def _rest_position(obj: SceneObject, scene: Scene, fitted: dict[str, SceneObject], libraries) -> list[float]:
    """Bottom on the support: the floor, the ceiling, or the receptacle of the parent nearest
    below the perceived bottom (a shelf, a mattress, a table top). Wall objects keep their height."""
    x, y, z = obj.position
    h = obj.size[2]
    kind = obj.support.kind
    if kind == "floor":
        z = h / 2
    elif kind == "ceiling":
        z = scene.room.height - h / 2
    elif kind == "on":
        parent = fitted.get(obj.support.on)
        if parent is not None:
            z = _surface_height(parent, obj, libraries) + h / 2
    return [round(float(x), 6), round(float(y), 6), round(float(z), 6)]


def check_asset_references(scene: Scene, libraries) -> None:
    """`check_asset_reference` for every object of ``scene`` that names an asset."""
    for obj in scene.objects:
        if obj.asset is not None:
            check_asset_reference(obj, libraries)


def check_asset_reference(obj: SceneObject, libraries) -> None:
    """An asset a scene names must exist in the libraries given: a `UserError` (exit 2) naming the
    object otherwise, never a build that keeps a dangling reference."""
    from ..errors import UserError

    names = [lib.name for lib in libraries.libraries]
    try:
        lib = libraries.get(obj.asset.library)
    except KeyError:
        raise UserError(f"object {obj.id!r}: its asset names library {obj.asset.library!r}, which is not among the "
                        f"libraries given ({', '.join(names)}); pass it with --assets/--objathor, or remove the "
                        "asset to let retrieval choose one") from None
    catalogued = getattr(lib, "catalogued", None)  # listed but unloadable: the recorded box fallback
    if not (catalogued(obj.asset.id) if catalogued else _known(libraries, obj.asset)):
        raise UserError(f"object {obj.id!r}: asset {obj.asset.id!r} is not in library {obj.asset.library!r}; "
                        "remove the asset to let retrieval choose one")


def _known(libraries, asset) -> bool:
    try:
        libraries.info(asset.library, asset.id)
        return True
    except KeyError:
        return False


def receptacles(obj: SceneObject, libraries) -> list[tuple[float, tuple[float, float], tuple[float, float]]]:
    """Surfaces that can hold things, scaled to the fitted object: (height above its bottom, x
    range, y range) in its own frame; the top of its box when the asset lists none."""
    if obj.asset is not None:
        try:
            info = libraries.info(obj.asset.library, obj.asset.id)
            sx, sy, sz = obj.asset.scale
            recs = [(r.height * sz, (r.x[0] * sx, r.x[1] * sx), (r.y[0] * sy, r.y[1] * sy)) for r in info.receptacles]
            if recs:
                return recs
        except (KeyError, StopIteration):
            pass
    return [(obj.size[2], (-obj.size[0] / 2, obj.size[0] / 2), (-obj.size[1] / 2, obj.size[1] / 2))]


def receptacle_cost(r: tuple, local_xy, height: float, half=(0.0, 0.0)) -> float:
    """How far (m) a child at ``local_xy`` (parent frame) with its bottom ``height`` above the
    parent's bottom and plan half-extent ``half`` is from resting on receptacle ``r`` (height,
    x range, y range): the height gap plus how far its footprint reaches outside the surface."""
    x, y = float(local_xy[0]), float(local_xy[1])
    dx = max(r[1][0] - (x - half[0]), 0.0, (x + half[0]) - r[1][1])
    dy = max(r[2][0] - (y - half[1]), 0.0, (y + half[1]) - r[2][1])
    return abs(r[0] - height) + float(np.hypot(dx, dy))


def nearest_receptacle(recs: list, local_xy, height: float, half=(0.0, 0.0)) -> tuple:
    """Of a parent's `receptacles`, the one a child rests on (least `receptacle_cost`): a sponge just
    above a sink's deck but inside its bowl goes in the bowl; a book above one of several shelves
    goes on that shelf."""
    return min(recs, key=lambda r: receptacle_cost(r, local_xy, height, half))


def _surface_height(parent: SceneObject, child: SceneObject, libraries) -> float:
    from ..geometry.pose import quat_to_yaw

    bottom = parent.position[2] - parent.size[2] / 2
    perceived = child.position[2] - child.size[2] / 2
    yaw = quat_to_yaw(parent.quaternion)
    d = np.subtract(child.position[:2], parent.position[:2])
    local = (np.cos(yaw) * d[0] + np.sin(yaw) * d[1], -np.sin(yaw) * d[0] + np.cos(yaw) * d[1])
    return float(bottom + nearest_receptacle(receptacles(parent, libraries), local, perceived - bottom)[0])


def _crop(obj: SceneObject, root: Path | None, report: dict) -> np.ndarray | None:
    """The object's perception crop (``source.crop``), or None with a warning when unreadable."""
    name = obj.source.get("crop") if isinstance(obj.source, dict) else None
    if not name:
        return None
    path = (root or Path(".")) / str(name)
    try:
        from PIL import Image

        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    except (OSError, ValueError) as exc:
        report["warnings"].append(f"{obj.id}: crop {path} unreadable ({exc}); matched without the image")
        return None
