"""An articulated asset of the user's from a URDF in the PartNet-Mobility / SAPIEN layout
(``mobility.urdf`` with its meshes beside it): links, their visual meshes and the joints between
them, in the URDF's root-link frame at the zero configuration.

What our model holds is a carcass and moving links hinged or slid on it. Links joined by
``fixed`` joints merge into their parent; a revolute, continuous or prismatic joint whose parent
is (fixed to) the root becomes one of our joints; a movable joint deeper in the tree (a handle
that turns on a door) is frozen at zero and moves with its movable ancestor, with a warning.
Every problem (a joint whose parent or child is missing, a loop, a zero-length axis, inverted or
non-finite limits, a mesh that does not load) is an `AssetLoadError` naming the file and joint,
so a library skips the entry and says why.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vipscene_sim.geometry.pose import rpy_to_matrix

from .builder import JOINT_DAMPING, JOINT_FRICTION, PRISMATIC, REVOLUTE
from .library import AssetLoadError
from .paths import AssetPathError, inside

MOVABLE = {"revolute": REVOLUTE, "continuous": REVOLUTE, "prismatic": PRISMATIC}
MAX_LINKS = 256
"""More links than this in one URDF is not furniture: refused rather than walked."""


@dataclass
class UrdfMesh:
    link: str
    """The moving link (our joint name) it belongs to; "" for the carcass."""
    name: str
    vertices: np.ndarray
    """root frame, file units"""
    faces: np.ndarray
    color: tuple[float, float, float, float]


@dataclass
class UrdfJoint:
    name: str
    kind: str
    axis: np.ndarray
    origin: np.ndarray
    limits: tuple[float, float]
    damping: float
    friction: float


@dataclass
class UrdfAsset:
    meshes: list[UrdfMesh] = field(default_factory=list)
    joints: list[UrdfJoint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _floats(text: str | None, n: int, default: tuple[float, ...], where: str) -> np.ndarray:
    if text is None:
        return np.asarray(default, float)
    try:
        values = [float(v) for v in text.split()]
    except ValueError:
        raise AssetLoadError(f"{where}: {text!r} is not {n} numbers") from None
    if len(values) != n or not all(math.isfinite(v) for v in values):
        raise AssetLoadError(f"{where}: {text!r} is not {n} finite numbers")
    return np.asarray(values, float)


def _origin(el, where: str) -> np.ndarray:
    """4x4 transform of an ``<origin xyz rpy>`` (URDF: fixed-axis roll, pitch, yaw)."""
    o = el.find("origin") if el is not None else None
    xyz = _floats(o.get("xyz") if o is not None else None, 3, (0, 0, 0), f"{where} origin xyz")
    rpy = _floats(o.get("rpy") if o is not None else None, 3, (0, 0, 0), f"{where} origin rpy")
    t = np.eye(4)
    t[:3, :3] = rpy_to_matrix(*rpy)
    t[:3, 3] = xyz
    return t


def read_urdf_asset(path: Path, root: Path) -> UrdfAsset:
    """The links, meshes and joints of ``path`` (meshes must lie inside ``root``)."""
    from lxml import etree

    import trimesh

    where = str(path)
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        doc = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise AssetLoadError(f"{where}: not a readable URDF ({exc})") from None
    if doc.tag != "robot":
        raise AssetLoadError(f"{where}: the root element is <{doc.tag}>, not <robot>")
    links = {}
    for el in doc.findall("link"):
        name = el.get("name")
        if not name or name in links:
            raise AssetLoadError(f"{where}: a link without a name, or link {name!r} twice")
        links[name] = el
    if not links or len(links) > MAX_LINKS:
        raise AssetLoadError(f"{where}: {len(links)} links (expected 1 to {MAX_LINKS})")
    parent_of: dict[str, tuple[str, object]] = {}
    for el in doc.findall("joint"):
        name = el.get("name") or "?"
        p, c = el.find("parent"), el.find("child")
        pl, cl = (p.get("link") if p is not None else None), (c.get("link") if c is not None else None)
        for role, link in (("parent", pl), ("child", cl)):
            if link not in links:
                raise AssetLoadError(f"{where}: joint {name!r}: its {role} link {link!r} does not exist")
        if cl in parent_of:
            raise AssetLoadError(f"{where}: joint {name!r}: link {cl!r} has two parents")
        parent_of[cl] = (pl, el)
    roots = [n for n in links if n not in parent_of]
    if len(roots) != 1:
        raise AssetLoadError(f"{where}: the joints form a loop or several trees (root links: {roots or 'none'})")
    base = roots[0]

    # depth-first from the root: each link's root-frame transform and the movable joint it moves with
    frame: dict[str, np.ndarray] = {base: np.eye(4)}
    group: dict[str, str] = {base: ""}
    out = UrdfAsset()
    children: dict[str, list[tuple[str, object]]] = {}
    for child, (par, el) in parent_of.items():
        children.setdefault(par, []).append((child, el))
    stack = [base]
    while stack:
        link = stack.pop()
        for child, el in sorted(children.get(link, []), key=lambda ce: ce[0]):
            jname = el.get("name") or child
            jwhere = f"{where}: joint {jname!r}"
            kind = el.get("type", "")
            t = frame[link] @ _origin(el, jwhere)
            frame[child] = t
            if kind in MOVABLE:
                axis_el = el.find("axis")
                axis = _floats(axis_el.get("xyz") if axis_el is not None else None, 3, (1, 0, 0), f"{jwhere} axis")
                if np.linalg.norm(axis) < 1e-9:
                    raise AssetLoadError(f"{jwhere}: zero-length axis")
                limits = _limits(el, kind, jwhere)
                dyn = el.find("dynamics")
                damping = _floats(dyn.get("damping") if dyn is not None else None, 1, (JOINT_DAMPING[MOVABLE[kind]],), f"{jwhere} damping")[0]
                friction = _floats(dyn.get("friction") if dyn is not None else None, 1, (JOINT_FRICTION[MOVABLE[kind]],), f"{jwhere} friction")[0]
                if group[link]:
                    out.warnings.append(f"{jwhere}: moves on another moving link ({group[link]!r}); kept at 0 and moved with it")
                    group[child] = group[link]
                else:
                    out.joints.append(UrdfJoint(jname, MOVABLE[kind], t[:3, :3] @ (axis / np.linalg.norm(axis)), t[:3, 3],
                                                limits, max(float(damping), 0.0), max(float(friction), 0.0)))
                    group[child] = jname
            elif kind in ("fixed", ""):
                group[child] = group[link]
            else:
                raise AssetLoadError(f"{jwhere}: type {kind!r} is not supported (revolute, continuous, prismatic, fixed)")
            stack.append(child)
    if len(frame) != len(links):  # links the root does not reach hang in a cycle of their own
        raise AssetLoadError(f"{where}: the joints form a loop ({', '.join(sorted(set(links) - set(frame)))} "
                             "not reached from the root link)")
    for name, el in links.items():
        for k, vis in enumerate(el.findall("visual")):
            vwhere = f"{where}: link {name!r} visual {k}"
            mesh_el = vis.find("geometry/mesh")
            if mesh_el is None or not mesh_el.get("filename"):
                continue  # primitives carry no shape worth keeping for furniture
            filename = mesh_el.get("filename")
            if "://" in filename:
                raise AssetLoadError(f"{vwhere}: mesh {filename!r}: only paths relative to the URDF are supported")
            try:
                mesh_path = inside(root, os.path.relpath(os.path.normpath(path.parent / filename), root))
            except (AssetPathError, ValueError) as exc:
                raise AssetLoadError(f"{vwhere}: mesh {filename!r} {exc}") from None
            scale = _floats(mesh_el.get("scale"), 3, (1, 1, 1), f"{vwhere} scale")
            try:
                loaded = trimesh.load(mesh_path, force="mesh", process=False)
            except Exception as exc:  # trimesh raises many types on bad files
                raise AssetLoadError(f"{vwhere}: mesh {filename!r} does not load ({type(exc).__name__}: {exc})") from None
            if not hasattr(loaded, "faces") or len(loaded.faces) == 0:
                raise AssetLoadError(f"{vwhere}: mesh {filename!r} has no triangles")
            v = np.asarray(loaded.vertices, float) * scale
            if not np.isfinite(v).all():
                raise AssetLoadError(f"{vwhere}: mesh {filename!r} has NaN or infinite vertices")
            t = frame[name] @ _origin(vis, vwhere)
            out.meshes.append(UrdfMesh(group[name], f"{name}_{k}", v @ t[:3, :3].T + t[:3, 3], np.asarray(loaded.faces),
                                       _color(vis)))
    if not out.meshes:
        raise AssetLoadError(f"{where}: no link has a visual mesh")
    moving = {m.link for m in out.meshes}
    for j in out.joints:
        if j.name not in moving:
            raise AssetLoadError(f"{where}: joint {j.name!r} moves no mesh")
    return out


def _limits(el, kind: str, where: str) -> tuple[float, float]:
    if kind == "continuous":
        return (-math.pi, math.pi)
    lim = el.find("limit")
    if lim is None or lim.get("lower") is None or lim.get("upper") is None:
        raise AssetLoadError(f"{where}: a {kind} joint needs <limit lower upper>")
    lo = _floats(lim.get("lower"), 1, (0.0,), f"{where} lower limit")[0]
    hi = _floats(lim.get("upper"), 1, (0.0,), f"{where} upper limit")[0]
    if not lo < hi:
        raise AssetLoadError(f"{where}: lower limit {lo:g} is not below upper limit {hi:g}")
    return float(lo), float(hi)


def _color(vis) -> tuple[float, float, float, float]:
    c = vis.find("material/color")
    if c is not None and c.get("rgba"):
        try:
            v = [float(x) for x in c.get("rgba").split()]
            if len(v) == 4 and all(0 <= x <= 1 for x in v):
                return tuple(v)
        except ValueError:
            pass
    return (0.7, 0.7, 0.7, 1.0)
