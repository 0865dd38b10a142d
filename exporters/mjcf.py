"""MuJoCo MJCF export in MuJoCo Menagerie's house style.

``OUT/mjcf/scene.xml`` with its meshes and textures in ``assets/`` beside it, default classes
``vipscene/visual`` (group 2, no contacts, no mass) and ``vipscene/collision`` (group 3), the room
(a floor plane, a visual floor mesh, walls with their openings: geoms directly in the worldbody),
lights, and one body per object: static furniture is a body without joints (welded to the
world), movable objects have a free joint and an explicit ``<inertial>`` computed from their
collision hulls (`physics.mass`). Visual meshes carry the asset's colours; collision geoms are the
convex hulls (box primitives where a hull is a box), named ``<body>__collision_<i>``. Names are
identifiers (`exporters.names`); ``names.json`` beside scene.xml maps them to the Scene's ids.
``<size nconmax njmax>`` sizes the buffers of simulators that allocate them up front. Two more
profiles (`MjcfSettings.profile`) write ``OUT/mjx/`` (a collision budget for MJX and MuJoCo Warp:
`exporters.mjx`) and ``OUT/drake/`` (what Drake's parser reads). Output is deterministic: fixed
float format, scene order, names from ids and content.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from lxml import etree

from assets.materials import MATERIALS, Surface
from assets.meshes import simplify, write_obj
from vipscene_sim.atomic import replaced_folder
from vipscene_sim.geometry.polygon import triangulate
from vipscene_sim.geometry.pose import matrix_to_quat
from vipscene_sim.geometry.room import wall_boxes
from vipscene_sim.offscreen import renderer as offscreen_renderer

from .names import object_names, part_name

MUJOCO_MAX_FACES = 200_000

VISUAL, COLLISION, ROOM, ARTICULATION = "vipscene/visual", "vipscene/collision", "vipscene/room", "vipscene/articulation"
"""Our default classes, prefixed: a robot or world file that defines its own ``visual`` class
can include or attach the scene."""
NAME_MAP = "names.json"
"""Beside scene.xml: object id -> body name (`name_map`)."""
ASSETS = "assets"
"""The folder beside scene.xml holding meshes and textures. Files are named with it
(``assets/x.obj``) rather than through ``<compiler meshdir>``, which MuJoCo takes from the
top-level file only: a world file elsewhere that includes scene.xml still finds them."""


@dataclass(frozen=True)
class MjcfSettings:
    timestep: float = 0.002
    """Simulation step (s)."""
    friction: tuple[float, float, float] = (0.8, 0.02, 0.002)
    """Sliding, torsional and rolling friction of every collision geom."""
    solver_iterations: int = 50
    """Solver iterations: more gives quieter resting contacts."""
    profile: str = "mujoco"
    """Who the file is for (`PROFILES`): ``mujoco`` (the exact colliders, written to
    ``OUT/mjcf/``), ``mjx`` (a collision budget for MJX and MuJoCo Warp: `exporters.mjx`;
    ``OUT/mjx/``) or ``drake`` (only what Drake's MJCF parser reads: ``OUT/drake/``)."""


PROFILES = {"mujoco": "mjcf", "mjx": "mjx", "drake": "drake"}
"""Profile -> the output folder it is written to."""


def _check_profile(s: MjcfSettings) -> None:
    if s.profile not in PROFILES:
        raise ValueError(f"MJCF profile {s.profile!r}: one of {', '.join(PROFILES)}")
APPROXIMATION = "approximation.json"
"""Beside an ``mjx`` profile's scene.xml: per object, the hulls replaced, boxes written, IoU kept."""


def _f(x: float) -> str:
    s = f"{float(x):.6g}"
    return "0" if s in ("-0", "0") else s


def _vec(v) -> str:
    return " ".join(_f(x) for x in v)


def safe_name(text: str) -> str:
    """A file-system-safe stem: ASCII letters, digits, '_' and '-', plus a hash when changed."""
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"
    return clean if clean == text else f"{clean}_{hashlib.sha1(text.encode()).hexdigest()[:6]}"


def export_mjcf(scene, libraries, bodies, out_dir: str | Path, settings: MjcfSettings = MjcfSettings()) -> Path:
    """Write ``out_dir/mjcf/`` (replacing any previous export there, never mixing files) and
    return the path of scene.xml. ``bodies``: `physics.bodies.ObjectBody` per object id."""
    _check_profile(settings)
    folder = PROFILES[settings.profile]
    with replaced_folder(out_dir, folder) as tmp:
        (tmp / ASSETS).mkdir()
        approximations: list = []
        xml = _build(scene, libraries, bodies, tmp / ASSETS, settings, approximations)
        (tmp / "scene.xml").write_bytes(xml)
        if settings.profile == "mjx":  # merged boxes that swallowed a neighbour: those objects unmerged
            unmerged = _swallowing(tmp / "scene.xml", scene)
            if unmerged:
                approximations.clear()
                xml = _build(scene, libraries, bodies, tmp / ASSETS, settings, approximations, unmerged)
                (tmp / "scene.xml").write_bytes(xml)
        (tmp / "scene.xml").write_bytes(with_buffer_sizes(xml, tmp / "scene.xml", settings.profile == "mjx"))
        (tmp / NAME_MAP).write_text(json.dumps(name_map(scene, bodies), indent=2, ensure_ascii=False) + "\n")
        if settings.profile == "mjx":
            (tmp / APPROXIMATION).write_text(json.dumps({a.object_id: a.to_dict() for a in approximations}, indent=2,
                                                        ensure_ascii=False) + "\n")
    return Path(out_dir) / folder / "scene.xml"


def _swallowing(path: Path, scene) -> frozenset[str]:
    """Ids of movable objects whose boxes overlap something at the start of the file at ``path``."""
    import mujoco

    from .mjx import penetrating

    model = mujoco.MjModel.from_xml_path(str(path))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    ids = {b: oid for oid, b in body_names(scene).items()}
    return frozenset(ids[b] for b in penetrating(model, data))


def _build(scene, libraries, bodies, assets_dir: Path, s: MjcfSettings, approximations: list,
           unmerged: frozenset[str] = frozenset()) -> bytes:
    from . import mjx

    E = etree.Element
    exact, drake, gpu = s.profile == "mujoco", s.profile == "drake", s.profile == "mjx"
    # Drake reads only sliding friction and condim 3 (it warns on every other value); MJX's
    # constraint rows grow with condim: both get point contacts with sliding friction
    condim, room_condim = ("6", "4") if exact else ("3", "3")
    friction = _vec(s.friction) if not drake else _f(s.friction[0])
    root = E("mujoco", model=scene.name)
    etree.SubElement(root, "compiler", angle="radian", autolimits="true")
    # MJX and Warp step in float32: elliptic cones with impratio 10, a 5 ms contact time constant
    # and near-hard joint friction blow a kitchen up within 100 steps there; pyramidal cones,
    # MuJoCo's default contact softness and softer dry friction rest it (tested in MJX)
    cone, impratio = ("pyramidal", "1") if gpu else ("elliptic", "10")
    contact_soft = {} if gpu else {"solref": "0.005 1", "solimp": "0.95 0.99 0.001"}
    etree.SubElement(root, "option", timestep=_f(s.timestep), integrator="implicitfast", cone=cone,
                     impratio=impratio, iterations=str(s.solver_iterations))
    if not drake:  # Drake does not read <visual> (and says so)
        visual = etree.SubElement(root, "visual")
        etree.SubElement(visual, "headlight", ambient="0.35 0.35 0.35", diffuse="0.5 0.5 0.5", specular="0 0 0")
        etree.SubElement(visual, "global", offwidth="1280", offheight="960")
    default = etree.SubElement(root, "default")
    d_vis = etree.SubElement(default, "default", {"class": VISUAL})
    etree.SubElement(d_vis, "geom", type="mesh", contype="0", conaffinity="0", group="2", density="0")
    d_col = etree.SubElement(default, "default", {"class": COLLISION})
    etree.SubElement(d_col, "geom", type="mesh", group="3", friction=friction, condim=condim, **contact_soft)
    d_joint = etree.SubElement(default, "default", {"class": ARTICULATION})
    # near-hard dry friction: MuJoCo's soft default lets a loaded hinge creep (an open lid sinks
    # about 0.15 rad in 5 s); this holds it within a few milliradians
    etree.SubElement(d_joint, "joint", armature=_f(JOINT_ARMATURE),
                     solimpfriction="0.95 0.99 0.001" if gpu else "0.999 0.9999 0.001", limited="true")
    d_room = etree.SubElement(default, "default", {"class": ROOM})
    etree.SubElement(d_room, "geom", type="box", group="3", friction=friction, condim=room_condim)
    asset = etree.SubElement(root, "asset")
    if not drake:  # nor textures and lights
        etree.SubElement(asset, "texture", type="skybox", builtin="gradient", rgb1="1 1 1", rgb2="0.82 0.85 0.9",
                         width="64", height="64")
    world = etree.SubElement(root, "worldbody")

    materials: dict[tuple, str] = {}
    pairs: list[tuple[str, str]] = []
    written: set[str] = set()
    mesh_names: set[str] = set()

    def texture(kind: str) -> str:
        """A material kind's albedo image, copied once into the assets folder (shared by every
        asset of that material: the part's colour tints it)."""
        name = f"tex_{kind}"
        if name not in written:
            src = libraries.texture(kind).albedo
            file = f"{kind}_{src.stem.rsplit('_', 1)[-1]}.png"
            (assets_dir / file).write_bytes(src.read_bytes())
            etree.SubElement(asset, "texture", name=name, type="2d", file=f"{ASSETS}/{file}")
            written.add(name)
        return name

    def material(surf, textured: bool = False) -> str:
        """The MJCF material of a `Surface` (MuJoCo's Phong terms from its roughness and metallic);
        ``textured``: the mesh has UVs (in tiles of the material), so the texture goes on."""
        surf = surf if isinstance(surf, Surface) else Surface("plastic", tuple(surf))
        spec = surf.spec
        textured = textured and spec.texture and not drake
        key = (*surf.key(), textured)
        if key not in materials:
            name = f"mat_{len(materials)}"
            materials[key] = name
            attrs = {"name": name, "rgba": _vec(surf.key()[1:]), "specular": _vec([0.15 + 0.6 * spec.metallic]),
                     "shininess": _vec([round(1.0 - spec.roughness, 3)]),
                     "reflectance": _vec([round(0.15 * spec.metallic, 3)])}
            if textured:  # mesh texcoords are already in repeats of the texture
                attrs.update(texture=texture(surf.material), texrepeat="1 1")
            etree.SubElement(asset, "material", attrs)
        return materials[key]

    def mesh(name: str, v, f, scale=None, uv=None) -> str:
        v, f = np.asarray(v, float), np.asarray(f, np.int64)
        if len(f) > MUJOCO_MAX_FACES:
            v, f, uv = simplify(v, f, uv, MUJOCO_MAX_FACES - 1)
        h = hashlib.sha1(np.ascontiguousarray(v).tobytes() + np.ascontiguousarray(f).tobytes())
        if uv is not None:
            h.update(np.ascontiguousarray(uv, float).tobytes())
        file = f"{safe_name(name)}_{h.hexdigest()[:10]}.obj"
        if file not in written:
            write_obj(assets_dir / file, v, f, uv)
            written.add(file)
        attrs = {"name": name, "file": f"{ASSETS}/{file}"}
        if scale is not None and not np.allclose(scale, 1.0):
            attrs["scale"] = _vec(scale)
        if name not in mesh_names:
            etree.SubElement(asset, "mesh", attrs)
            mesh_names.add(name)
        return name

    _room(scene, asset, world, assets_dir, friction, room_condim, None if drake else texture)
    names = body_names(scene)
    for obj in scene.objects:
        body_info = bodies.get(obj.id)
        pos, quat = obj.position, obj.quaternion
        bname = names[obj.id]
        b = etree.SubElement(world, "body", name=bname, pos=_vec(pos), quat=_vec(quat))
        dynamic = body_info is not None and body_info.dynamic
        if dynamic:
            etree.SubElement(b, "freejoint", name=part_name(bname, "free"))
            mp = body_info.mass
            moments, q_principal = mp.diaginertia_quat()
            etree.SubElement(b, "inertial", pos=_vec(mp.com), quat=_vec(q_principal), mass=_f(mp.mass),
                             diaginertia=_vec(moments))
        key = f"{obj.asset.library}/{obj.asset.id}" if obj.asset else f"box/{obj.id}"
        scale = np.asarray(obj.asset.scale if obj.asset else [1, 1, 1], float)
        tag = "" if np.allclose(scale, 1.0) else "_" + hashlib.sha1(_vec(scale).encode()).hexdigest()[:6]
        stem = safe_name(obj.asset.id if obj.asset else obj.id) + tag
        geom = libraries.resolve(obj.asset)  # None: no asset or an unloadable one (recorded): its box
        albedo = geom.textures.get("albedo") if geom is not None else None
        if geom is not None and albedo and all(p.uv is not None for p in geom.parts):
            tex_file = f"{stem}_albedo.png"  # MuJoCo reads PNG; objathor textures are often JPEG
            if tex_file not in written:
                from PIL import Image

                with Image.open(albedo) as im:
                    im.convert("RGB").save(assets_dir / tex_file)
                written.add(tex_file)
                etree.SubElement(asset, "texture", name=f"{stem}_albedo", type="2d", file=f"{ASSETS}/{tex_file}")
                etree.SubElement(asset, "material", name=f"{stem}_textured", texture=f"{stem}_albedo", specular="0.2")
            for k, p in enumerate(geom.parts):
                name = mesh(f"{stem}_visual_{k}", p.vertices, p.faces, scale, p.uv)
                etree.SubElement(b, "geom", {"class": VISUAL, "mesh": name, "material": f"{stem}_textured"})
        elif geom is not None:
            links = body_info.links if body_info is not None else []
            for k, (surf, v, f, uv) in enumerate(geom.visual_groups(link="" if links else None, scale=scale, restyle=obj.materials)):
                name = mesh(f"{stem}_visual_{k}", v, f, scale, None if drake else uv)
                etree.SubElement(b, "geom", {"class": VISUAL, "mesh": name, "material": material(surf, uv is not None)})
        else:
            etree.SubElement(b, "geom", {"class": VISUAL, "type": "box", "size": _vec(np.asarray(obj.size) / 2),
                                         "material": material((0.7, 0.7, 0.7, 1.0))})
        if body_info is not None:
            carcass_geoms = []
            if exact or drake:
                shapes = [_collision_geom(f"{stem}_collision_{i}", v, f, mesh) for i, (v, f) in enumerate(body_info.hulls)]
            else:
                boxes, approx = mjx.boxes_for(obj.id, body_info.hulls, movable=dynamic and not body_info.links,
                                              merge=obj.id not in unmerged)
                shapes = [_box_geom(*box) for box in boxes]
                approximations.append(approx)
            # the object's own sliding friction (MuJoCo takes the larger of two geoms' per contact)
            own_friction = (_vec([body_info.friction, *s.friction[1:]]) if not drake else _f(body_info.friction)) \
                if body_info.friction is not None else None
            for i, attrs in enumerate(shapes):  # hulls are already scaled
                attrs["name"] = part_name(bname, f"collision_{i}")
                if own_friction is not None:
                    attrs["friction"] = own_friction
                if not dynamic:
                    attrs["density"] = "0"
                carcass_geoms.append(etree.SubElement(b, "geom", attrs))
            for link in body_info.links:
                link_geoms = _link_body(b, bname, link, geom, scale, stem, mesh, material, s.profile, approximations,
                                        obj.materials)
                if body_info.friction is not None:
                    for lg in link_geoms:
                        lg.set("friction", own_friction)
                if dynamic and not drake:  # Drake filters a body's contacts with its parent's all the same
                    # MuJoCo filters contacts between a moving body and its parent: a movable
                    # object's lid and box would pass through each other, so their contacts are
                    # declared pair by pair (a static carcass is the world's and is not filtered)
                    pairs += [(lg.get("name"), cg.get("name")) for lg in link_geoms for cg in carcass_geoms]
        del key
    excludes = [] if exact or drake else mjx.far_link_pairs(scene, bodies, names, joint_name)
    if pairs or excludes:
        contact = etree.SubElement(root, "contact")
        for g1, g2 in pairs:
            etree.SubElement(contact, "pair", geom1=g1, geom2=g2, condim=condim, friction=_vec([s.friction[0], s.friction[0],
                             s.friction[1], s.friction[2], s.friction[2]]), **contact_soft)
        for b1, b2 in excludes:
            etree.SubElement(contact, "exclude", body1=b1, body2=b2)
    if drake:
        return etree.tostring(root, pretty_print=True, xml_declaration=False, encoding="utf-8")
    etree.SubElement(world, "light", name="sun", directional="true", pos="0 0 5", dir="0.3 0.2 -1",
                     diffuse="0.6 0.6 0.6", castshadow="true")
    if not scene.lights:
        lo = np.min(scene.room.floor, axis=0)
        hi = np.max(scene.room.floor, axis=0)
        c = (lo + hi) / 2
        etree.SubElement(world, "light", name="room", pos=_vec([c[0], c[1], scene.room.height - 0.1]), dir="0 0 -1",
                         diffuse="0.4 0.4 0.4", attenuation="1 0.1 0", castshadow="false")
    from vipscene_sim.lighting import kelvin_to_rgb

    for k, li in enumerate(scene.lights):  # the default light's brightness times the light's, tinted
        etree.SubElement(world, "light", name=f"room_{k}", pos=_vec(li.position), dir="0 0 -1",
                         diffuse=_vec(np.asarray(kelvin_to_rgb(li.temperature)) * 0.4 * li.intensity),
                         attenuation="1 0.1 0", castshadow="false")
    return etree.tostring(root, pretty_print=True, xml_declaration=False, encoding="utf-8")


JOINT_ARMATURE = 0.01
"""Reflected rotor inertia added to every hinge and slide (kg m^2 or kg): light doors and lids
stay stable at the default timestep."""


JOINT_TOLERANCE = 0.01
"""How far (rad or m) a door, drawer or lid may move on its own while the scene rests (measured
after the first 0.5 s, in which the first contacts of a movable object jolt its lid a little)."""


BUFFER_HEADROOM = 3
"""Contact and constraint buffers hold this many times what the scene needs at rest: objects
knocked over or piled up by a robot touch more than they do resting."""


def buffer_sizes(model, data) -> tuple[int, int]:
    """``(nconmax, njmax)`` for simulators that allocate contacts and constraint rows once, up
    front, per world (MuJoCo Warp, MJX): the counts of the initial state (every resting object in
    contact, `CONTACT_GAP`) with `BUFFER_HEADROOM`, rounded up to a multiple of 64."""
    import mujoco

    mujoco.mj_forward(model, data)

    def up(n: int, least: int) -> int:
        return max(least, -(-n * BUFFER_HEADROOM // 64) * 64)

    return up(int(data.ncon), 64), up(int(data.nefc) + int(model.njnt), 256)


def with_buffer_sizes(xml: bytes, path: Path, culled: bool = False, keyframe: str | None = None) -> bytes:
    """The document with ``<size nconmax njmax>`` (`buffer_sizes`) for the scene written at ``path``
    (at its ``keyframe`` when given: a robot's home pose touches more than the scene alone).
    MuJoCo itself only records them (``model.nconmax``, ``model.njmax``); MuJoCo Warp and MJX take
    them as ``make_data(..., nconmax=model.nconmax, njmax=model.njmax)``: their defaults, guessed
    from the number of degrees of freedom, overflow on a furnished room."""
    import mujoco

    model = mujoco.MjModel.from_xml_path(str(path))
    data = mujoco.MjData(model)
    if keyframe is not None:
        mujoco.mj_resetDataKeyframe(model, data, model.key(keyframe).id)
    nconmax, njmax = buffer_sizes(model, data)
    root = etree.fromstring(xml)
    size = root.find("size")
    if size is None:
        size = etree.Element("size")
        size.tail = "\n  "
        root.insert(list(root).index(root.find("option")) + 1, size)
    size.set("nconmax", str(nconmax))
    size.set("njmax", str(njmax))
    if culled:  # MJX's broad phase and contact cap (`exporters.mjx`), read from <custom>
        from .mjx import CONTACTS_PER_PAIR, PAIR_HEADROOM, broadphase_pairs

        def up(n: int) -> int:
            return max(64, -(-n * PAIR_HEADROOM // 64) * 64)

        touching = {(int(c.geom1), int(c.geom2)) for c in data.contact[:data.ncon]}  # `buffer_sizes` ran mj_forward
        custom = root.find("custom")
        if custom is None:
            custom = etree.SubElement(root, "custom")
        for name, value in (("max_geom_pairs", up(broadphase_pairs(model, data) + model.npair)),
                            ("max_contact_points", up(CONTACTS_PER_PAIR * len(touching)))):
            el = next((n for n in custom.findall("numeric") if n.get("name") == name), None)
            if el is None:
                el = etree.SubElement(custom, "numeric", name=name)
            el.set("data", str(value))
    return etree.tostring(root, pretty_print=True, xml_declaration=False, encoding="utf-8")


def body_names(scene) -> dict[str, str]:
    """Object id -> its MJCF body name (an identifier: `exporters.names`)."""
    return object_names((o.id for o in scene.objects), reserved=frozenset({"world"}))


def joint_name(body: str, joint: str) -> str:
    """The MJCF name of a joint of the object whose body is ``body`` (`body_names`), and of the
    child body it moves: ``<body>__<joint>``."""
    return part_name(body, joint)


def name_map(scene, bodies) -> dict:
    """What ``names.json`` beside scene.xml says: each object id's body name, and for
    articulated objects each joint's MJCF name (the joint and the body it moves)."""
    names = body_names(scene)
    return {"format": "vipscene-sim MJCF names 1", "bodies": names,
            "joints": {o.id: {lk.joint.name: joint_name(names[o.id], lk.joint.name) for lk in bodies[o.id].links}
                       for o in scene.objects if o.id in bodies and bodies[o.id].links}}


def object_ids(path: str | Path) -> dict[str, str]:
    """MJCF name -> what the Scene calls it, for an exported scene.xml (from its names.json):
    body name -> object id, joint name -> ``<object id>/<joint>``. Empty when the file has no
    name map (callers then keep the MJCF name)."""
    f = Path(path).parent / NAME_MAP
    if not f.is_file():
        return {}
    m = json.loads(f.read_text())
    return {**{b: oid for oid, b in m["bodies"].items()},
            **{name: f"{oid}/{j}" for oid, js in m["joints"].items() for j, name in js.items()}}


def _link_body(parent, bname: str, link, geom, scale, stem: str, mesh, material, profile: str, approximations: list,
               restyle=None) -> list:
    """A moving link as a child body of its carcass, on a hinge or slide joint. The body frame
    is the joint's origin with the link at its scene position (``ref`` = that position, so the
    model's initial configuration is the scene's); geoms are in that frame, closed. Returns the
    link's collision geom elements."""
    from assets.articulation import link_frame

    j = link.joint
    o = np.asarray(j.origin, float)
    pos, rot = link_frame(j, link.position)
    quat = matrix_to_quat(rot)
    name = joint_name(bname, j.name)
    body = etree.SubElement(parent, "body", name=name, pos=_vec(pos), quat=_vec(quat))
    mp = link.mass
    moments, q_principal = mp.diaginertia_quat()
    etree.SubElement(body, "inertial", pos=_vec(np.asarray(mp.com) - o), quat=_vec(q_principal), mass=_f(mp.mass),
                     diaginertia=_vec(moments))
    etree.SubElement(body, "joint", {"name": name, "class": ARTICULATION, "type": "hinge" if j.kind == "revolute" else "slide",
                                     "pos": "0 0 0", "axis": _vec(j.axis), "range": _vec(j.limits), "ref": _f(link.position),
                                     "damping": _f(j.damping),
                                     # Drake has no joint friction (and warns): its doors move freely
                                     **({} if profile == "drake" else {"frictionloss": _f(link.hold_friction)})})
    lstem = f"{stem}_{safe_name(j.name)}"
    if geom is not None:
        for k, (surf, v, f, uv) in enumerate(geom.visual_groups(link=j.name, scale=scale, restyle=restyle)):
            etree.SubElement(body, "geom", {"class": VISUAL, "mesh": mesh(f"{lstem}_visual_{k}", v * scale - o, f, uv=uv),
                                            "material": material(surf, uv is not None)})
    hulls = [(v - o, f) for v, f in link.hulls]
    if profile == "mjx":
        from .mjx import boxes_for

        boxes, approx = boxes_for(name, hulls, movable=False)
        approximations.append(approx)
        shapes = [_box_geom(*box) for box in boxes]
    else:
        shapes = [_collision_geom(f"{lstem}_collision_{i}", v, f, mesh) for i, (v, f) in enumerate(hulls)]
    return [etree.SubElement(body, "geom", {**attrs, "density": "0", "name": part_name(name, f"collision_{i}")})
            for i, attrs in enumerate(shapes)]


def box_of_hull(vertices: np.ndarray, tol: float = 1e-7) -> tuple[np.ndarray, np.ndarray] | None:
    """(centre, half extents) when a hull is an axis-aligned box (its vertices are exactly the
    eight corners of their bounding box), else None."""
    v = np.unique(np.round(np.asarray(vertices, float), 9), axis=0)
    if len(v) != 8:
        return None
    lo, hi = v.min(axis=0), v.max(axis=0)
    if np.any(hi - lo <= tol) or not np.all((np.abs(v - lo) <= tol) | (np.abs(v - hi) <= tol)):
        return None
    return (lo + hi) / 2, (hi - lo) / 2


def _collision_geom(name: str, v, f, mesh) -> dict:
    """A collision geom's attributes: a box primitive for a hull that is an axis-aligned box
    (most furniture panels: box contacts are exact and cheaper than mesh ones), else the hull as
    a mesh."""
    box = box_of_hull(v)
    if box is not None:
        return {"class": COLLISION, "type": "box", "pos": _vec(box[0]), "size": _vec(box[1])}
    return {"class": COLLISION, "mesh": mesh(name, v, f)}


def _box_geom(centre, rotation, half) -> dict:
    """A collision box at ``centre`` with axes the columns of ``rotation``."""
    attrs = {"class": COLLISION, "type": "box", "pos": _vec(centre), "size": _vec(half)}
    if not np.allclose(rotation, np.eye(3)):
        attrs["quat"] = _vec(matrix_to_quat(rotation))
    return attrs


def _room(scene, asset, world, assets_dir: Path, friction: str, condim: str, texture=None) -> None:
    """Floor slab (visual), floor plane and wall boxes (colliders). ``texture``: kind -> the
    name of its MJCF texture (None: no textures, as for Drake)."""
    from assets.materials import room_material

    room = scene.room
    kinds = {}
    for name, m, specular, mesh_uv in (("floor", room.materials.floor, "0.1", True),
                                       ("walls", room.materials.walls, "0.05", False)):
        kind = kinds[name] = room_material(name, m.texture)
        attrs = {"name": name, "rgba": _vec(list(m.color[:3]) + [1.0]), "specular": specular}
        spec = MATERIALS[kind]
        if texture is not None and spec.texture:
            # the floor mesh carries UVs in tiles; the wall boxes take MuJoCo's box mapping, per metre
            rep = "1 1" if mesh_uv else _vec([1 / spec.tile] * 2)
            attrs.update(texture=texture(kind), texrepeat=rep, texuniform="false" if mesh_uv else "true")
        etree.SubElement(asset, "material", attrs)
    floor = np.asarray(room.floor, float)
    tris = triangulate(floor)
    # a thin visual slab of the floor polygon; contacts are with the infinite plane below it
    top = np.c_[floor, np.zeros(len(floor))]
    bottom = np.c_[floor, np.full(len(floor), -0.02)]
    v = np.vstack([top, bottom])
    n = len(floor)
    faces = [tuple(t) for t in tris] + [(c + n, b + n, a + n) for a, b, c in tris]
    for i in range(n):
        j = (i + 1) % n
        faces += [(i, j + n, j), (i, i + n, j + n)]
    write_obj(assets_dir / "room_floor.obj", v, np.asarray(faces), v[:, :2] / MATERIALS[kinds["floor"]].tile)
    etree.SubElement(asset, "mesh", name="room_floor", file=f"{ASSETS}/room_floor.obj")
    room_body = world  # world-fixed geometry directly in <worldbody>: Drake's MJCF parser needs it there
    etree.SubElement(room_body, "geom", name="floor_plane", type="plane", size="0 0 0.05", pos="0 0 0",
                     rgba="0 0 0 0", group="3", friction=friction, condim=condim)
    etree.SubElement(room_body, "geom", {"name": "floor_visual", "class": VISUAL, "mesh": "room_floor", "material": "floor"})
    for k, wb in enumerate(wall_boxes(room)):
        q = matrix_to_quat(np.array([[math.cos(wb.yaw), -math.sin(wb.yaw), 0], [math.sin(wb.yaw), math.cos(wb.yaw), 0], [0, 0, 1]]))
        etree.SubElement(room_body, "geom", {"name": f"wall_{wb.wall}_{k}", "class": ROOM, "size": _vec(np.asarray(wb.size) / 2),
                                             "pos": _vec(wb.center), "quat": _vec(q), "material": "walls", "group": "1"})


def validate_mjcf(path: str | Path, seconds: float = 5.0) -> dict:
    """Compile with MuJoCo, simulate ``seconds``, and report compile time, warnings, how far
    each free body moved (m) and turned (degrees), and which doors, drawers and lids moved on
    their own (more than `JOINT_TOLERANCE`)."""
    import mujoco

    t0 = time.perf_counter()
    model = mujoco.MjModel.from_xml_path(str(path))
    compile_s = time.perf_counter() - t0
    data = mujoco.MjData(model)
    free = [j for j in range(model.njnt) if model.jnt_type[j] == mujoco.mjtJoint.mjJNT_FREE]
    ids = object_ids(path)
    loose = sorted(ids.get(n, n) for n in not_in_contact(model, data, [int(model.jnt_bodyid[j]) for j in free]))
    mujoco.mj_forward(model, data)
    start = {j: data.qpos[model.jnt_qposadr[j]:model.jnt_qposadr[j] + 7].copy() for j in free}
    hinged = [j for j in range(model.njnt) if int(model.jnt_type[j]) in (int(mujoco.mjtJoint.mjJNT_HINGE), int(mujoco.mjtJoint.mjJNT_SLIDE))]
    q_start: dict[int, float] = {}
    settle_in = int(round(min(0.5, seconds / 4) / model.opt.timestep))  # the first contacts jolt a lid a little
    steps = int(round(seconds / model.opt.timestep))
    t0 = time.perf_counter()
    for k in range(steps):
        if k == settle_in:
            q_start = {j: float(data.qpos[model.jnt_qposadr[j]]) for j in hinged}
        mujoco.mj_step(model, data)
    step_s = time.perf_counter() - t0
    drift, turn = {}, {}
    for j, q0 in start.items():
        q1 = data.qpos[model.jnt_qposadr[j]:model.jnt_qposadr[j] + 7]
        name = model.body(model.jnt_bodyid[j]).name
        name = ids.get(name, name)
        drift[name] = float(np.linalg.norm(q1[:3] - q0[:3]))
        dot = abs(float(np.dot(q0[3:], q1[3:])) / (np.linalg.norm(q0[3:]) * np.linalg.norm(q1[3:])))
        turn[name] = math.degrees(2 * math.acos(min(1.0, dot)))
    warnings = {mujoco.mjtWarning(i).name: int(w.number) for i, w in enumerate(data.warning) if w.number}
    joint_moves = {ids.get(model.joint(j).name, model.joint(j).name): abs(float(data.qpos[model.jnt_qposadr[j]]) - q0) for j, q0 in q_start.items()}
    joints_moved = sorted(k for k, d in joint_moves.items() if d >= JOINT_TOLERANCE)
    return {
        "ok": not warnings and all(d < 0.01 for d in drift.values()) and not joints_moved and not loose,
        "compile_seconds": round(compile_s, 4),
        "steps_per_second": round(steps / step_s, 1) if step_s > 0 else None,
        "bodies": model.nbody, "geoms": model.ngeom, "meshes": model.nmesh,
        "simulated_seconds": seconds,
        "not_in_contact_at_start": loose,
        "max_drift": round(max(drift.values(), default=0.0), 5),
        "max_rotation_deg": round(max(turn.values(), default=0.0), 4),
        "moved_more_than_1cm": sorted(k for k, d in drift.items() if d >= 0.01),
        "joints": len(hinged),
        "max_joint_drift": round(max(joint_moves.values(), default=0.0), 5),
        "joints_moved": joints_moved,
        "warnings": warnings,
        **_approximated(Path(path).parent),
    }


def _approximated(folder: Path) -> dict:
    """For an ``mjx`` profile: how many objects and moving parts had their hulls replaced by
    boxes, and the volume IoU they kept (lowest, median), from approximation.json."""
    f = folder / APPROXIMATION
    if not f.is_file():
        return {}
    records = json.loads(f.read_text())
    ious = sorted(r["iou"] for r in records.values() if r["hulls"])
    return {"approximated": {"objects": len(ious), "hulls": sum(r["hulls"] for r in records.values()),
                             "boxes": sum(r["boxes"] for r in records.values()),
                             "min_iou": ious[0] if ious else None,
                             "median_iou": ious[len(ious) // 2] if ious else None,
                             "lowest": sorted(records, key=lambda k: records[k]["iou"])[:5]}}


CONTACT_GAP = 0.0005
"""Largest gap (m) between a resting object and what holds it in an exported file: closer than
this, every simulator finds the contact in the first state (MuJoCo Warp sizes its contact
buffers from it) instead of letting the object fall onto its support."""


def not_in_contact(model, data, bodies: list[int], gap: float = CONTACT_GAP) -> list[str]:
    """Names of ``bodies`` (movable objects) none of whose geoms (their moving parts' included)
    comes within ``gap`` of another body's in the initial state. ``data`` is left at qpos0."""
    import mujoco

    margin = model.geom_margin.copy()
    model.geom_margin[:] = gap  # MuJoCo reports contacts closer than the margin: found, not active
    try:
        mujoco.mj_forward(model, data)
        root = model.body_rootid
        touched = set()
        for c in data.contact[:data.ncon]:
            r1, r2 = root[model.geom_bodyid[c.geom1]], root[model.geom_bodyid[c.geom2]]
            if r1 != r2:
                touched.update((int(r1), int(r2)))
    finally:
        model.geom_margin[:] = margin
    return [model.body(b).name for b in bodies if int(root[b]) not in touched]


def see_through_walls(model, data, to_camera: np.ndarray) -> list[int]:
    """Wall geoms between a camera looking along ``-to_camera`` and the room (their outward side
    faces the camera): a view of the room draws them transparent."""
    out = []
    for g in range(model.ngeom):
        if not (model.geom(g).name or "").startswith("wall_"):
            continue
        outward = -data.geom_xmat[g].reshape(3, 3)[:, 1]  # a wall box's +Y points into the room
        if outward[:2] @ to_camera[:2] > 0:
            out.append(g)
    return out


def hidden_with_walls(model, data, walls: list[int], wall_hung: frozenset[str]) -> list[int]:
    """Bodies that hang on one of ``walls`` (named in ``wall_hung`` and within 30 cm of the wall's
    inner face): pictures, shelves and cabinets there would float once the wall is transparent.
    Anything else beside those walls, a floor lamp or a wardrobe, stays in the picture."""
    out = []
    for b in range(1, model.nbody):
        if model.body(b).name not in wall_hung:
            continue
        for g in walls:
            rot = data.geom_xmat[g].reshape(3, 3)
            local = rot.T @ (data.xpos[b] - data.geom_xpos[g])  # local y: from the wall's centre into the room
            half = model.geom_size[g]
            if abs(local[0]) <= half[0] and half[1] <= local[1] <= half[1] + 0.3:
                out.append(b)
                break
    return out


VIEW_AZIMUTHS = (-45, 45, 135, 225)
"""Candidate camera headings (degrees) the preview chooses among: the four three-quarter views."""


def _look(model, data, azimuth_deg: float, elevation_deg: float, wall_hung: frozenset[str], rgba: np.ndarray):
    """A free camera over the room from ``azimuth_deg``, with the walls before it (and what hangs
    on them) made transparent in ``model`` (from the original colours ``rgba``)."""
    import mujoco

    model.geom_rgba[:] = rgba
    walls = [g for g in range(model.ngeom) if (model.geom(g).name or "").startswith("wall_")]
    pts = np.array([data.geom_xpos[g] for g in walls]) if walls else np.zeros((1, 3))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre = (lo + hi) / 2
    cam = mujoco.MjvCamera()
    cam.type = mujoco.mjtCamera.mjCAMERA_FREE
    cam.lookat[:] = [centre[0], centre[1], 0.6]
    cam.azimuth, cam.elevation = azimuth_deg, elevation_deg
    cam.distance = float(np.linalg.norm(hi[:2] - lo[:2])) * 1.15 + 1.0
    az, el = math.radians(azimuth_deg), math.radians(elevation_deg)
    to_camera = -np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
    near = see_through_walls(model, data, to_camera)
    for g in near:
        model.geom_rgba[g, 3] = 0.0
    for b in hidden_with_walls(model, data, near, wall_hung):
        adr, num = model.body_geomadr[b], model.body_geomnum[b]
        model.geom_rgba[adr:adr + num, 3] = 0.0
    return cam, to_camera


def view_score(model, data, segmentation: np.ndarray, to_camera: np.ndarray, facing: frozenset[str]) -> float:
    """How much of the room a view shows: the square root of each object's visible pixels, summed
    (ten objects seen beat one big one), plus as much again for objects with a front in
    ``facing`` that turn it toward the camera (the doors of a wardrobe, not its back)."""
    geoms = segmentation[..., 0][segmentation[..., 1] == 5]  # mjOBJ_GEOM
    bodies = model.geom_bodyid[geoms[geoms >= 0]]
    counts = np.bincount(bodies, minlength=model.nbody)
    score = 0.0
    for b in np.nonzero(counts)[0]:
        name = model.body(int(b)).name
        if b == 0 or not name:
            continue
        seen = math.sqrt(float(counts[b]))
        front = data.xmat[b].reshape(3, 3)[:, 0]
        score += seen * (1.0 + (max(0.0, float(front[:2] @ to_camera[:2])) if name in facing else 0.0))
    return score


def best_view(model, data, wall_hung: frozenset[str] = frozenset(), facing: frozenset[str] = frozenset(),
              elevation_deg: float = -35.0, size: tuple[int, int] = (160, 128)) -> tuple[float, dict[float, float]]:
    """The heading of `VIEW_AZIMUTHS` whose low-resolution segmentation render scores highest in
    `view_score`, and every candidate's score."""
    rgba = model.geom_rgba.copy()
    opt = _render_options()
    scores = {}
    with offscreen_renderer(model, size[1], size[0]) as renderer:
        renderer.enable_segmentation_rendering()
        for az in VIEW_AZIMUTHS:
            cam, to_camera = _look(model, data, az, elevation_deg, wall_hung, rgba)
            renderer.update_scene(data, cam, opt)
            seg = renderer.render()
            # transparent geoms still segment: count only what is drawn
            drawn = seg.copy()
            hidden = np.nonzero(model.geom_rgba[:, 3] == 0)[0]
            drawn[np.isin(drawn[..., 0], hidden) & (drawn[..., 1] == 5)] = -1
            scores[float(az)] = round(view_score(model, data, drawn, to_camera, facing), 2)
    model.geom_rgba[:] = rgba
    return max(scores, key=lambda az: (scores[az], -abs(az - 130.0))), scores


def _render_options():
    import mujoco

    opt = mujoco.MjvOption()
    opt.geomgroup[3] = 0  # collision geoms
    return opt


def render_mjcf(path: str | Path, width: int = 900, height: int = 720, azimuth_deg: float | None = 130.0,
                elevation_deg: float = -35.0, wall_hung: frozenset[str] = frozenset(),
                facing: frozenset[str] = frozenset()) -> np.ndarray:
    """A perspective RGB view (H x W x 3 uint8) of an exported scene from MuJoCo's offscreen
    renderer (set MUJOCO_GL=egl to render on the CPU). Walls between the camera and the room are
    made transparent and collision geoms hidden, so the view shows what a person should judge.
    ``wall_hung``: the bodies (object ids) that hang on a wall, or stand on something that does;
    those on a transparent wall are hidden with it (they would float), everything else is drawn.
    ``azimuth_deg`` None: the heading that sees most of the room (`best_view`), objects in
    ``facing`` preferably from their front."""
    import mujoco

    model = mujoco.MjModel.from_xml_path(str(path))
    model.vis.global_.offwidth = max(model.vis.global_.offwidth, width)
    model.vis.global_.offheight = max(model.vis.global_.offheight, height)
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    if azimuth_deg is None:
        azimuth_deg, _ = best_view(model, data, wall_hung, facing, elevation_deg)
    cam, _ = _look(model, data, azimuth_deg, elevation_deg, wall_hung, model.geom_rgba.copy())
    with offscreen_renderer(model, height, width) as renderer:
        renderer.update_scene(data, cam, _render_options())
        return renderer.render().copy()
