"""USD export for Isaac Sim / Isaac Lab (extra ``usd``: usd-core).

``OUT/usd/scene.usdc`` (binary crate: text arrays of a furnished room are slow to load;
`write_text_copy` adds ``scene.usda`` to read or diff): upAxis Z, metersPerUnit 1, kilogramsPerUnit 1, default prim ``/World``
with a ``UsdPhysics.Scene``. Every object is an Xform at its settled pose with ``Visual`` meshes
(display colours of the asset, face-varying shading normals with hard edges past a crease angle:
`vipscene_sim.geometry.normals`) and ``Collision`` meshes — the convex hulls, each with
``CollisionAPI`` and ``MeshCollisionAPI`` (approximation ``convexHull``), purpose ``guide``.
Movable objects carry ``RigidBodyAPI`` and ``MassAPI`` (mass, centre of mass, principal inertia
and axes from `physics.mass`); static furniture and the room (floor, walls with openings) are
static colliders. Materials (`_Looks`, under ``/World/Looks``): a ``UsdPreviewSurface`` per surface
(material kind and colour, textured through the meshes' ``primvars:st``, images in ``usd/textures/``)
bound to the visual meshes, one physics material (friction, restitution) bound to every collider. Prim names are USD identifiers derived from the ids; the original id is kept
in ``customData["vipscene:id"]``.

An articulated object (doors, drawers, lids) is one articulation: ``ArticulationRootAPI`` on its
Xform (on no other prim), a ``Carcass`` rigid body (welded to the world by a ``FixedJoint`` when
static, free when movable), and per joint a rigid-body link at its scene position with a
``RevoluteJoint`` / ``PrismaticJoint`` (limits in degrees or metres, no drive: the user adds
actuators; damping and friction in ``customData``). Collisions between a link and its carcass
stay enabled: parts are modelled apart, never touching by design.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from assets.materials import Surface, room_material
from vipscene_sim.atomic import replaced_folder
from vipscene_sim.errors import MissingExtraError
from vipscene_sim.geometry.normals import corner_normals
from vipscene_sim.geometry.room import wall_boxes

from .names import identifier, object_names


def _pxr():
    try:
        from pxr import Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt
    except ImportError as exc:
        raise MissingExtraError("USD export", "usd", str(exc)) from None
    return Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt


def write_text_copy(path: str | Path) -> Path:
    """The stage of a ``.usdc`` file also as text (``.usda`` beside it), written atomically."""
    from pxr import Sdf

    from vipscene_sim.atomic import atomic_write_text

    path = Path(path)
    out = path.with_suffix(".usda")
    atomic_write_text(out, Sdf.Layer.FindOrOpen(str(path)).ExportToString())
    return out


class _Looks:
    """``/World/Looks``: one ``UsdPreviewSurface`` material per distinct `assets.materials.Surface`
    (base colour, opacity, roughness and metallic of its kind; for a mesh with UVs the kind's albedo
    texture tinted by the colour through ``UsdUVTexture.scale``, and its normal map), bound to the
    visual meshes and room boxes, the images copied once into ``usd/textures/``; and one physics
    material (``UsdPhysics.MaterialAPI``: the friction of every other export,
    `exporters.urdf.FRICTION`, no bounce) bound, for physics, to every collider, so PhysX does not
    fall back to its own default friction of 0.5."""

    def __init__(self, stage, folder: Path, libraries):
        from pxr import Gf, Sdf, UsdGeom, UsdPhysics, UsdShade

        from .urdf import FRICTION

        self.stage, self.Gf, self.Sdf, self.UsdShade = stage, Gf, Sdf, UsdShade
        self.folder, self.libraries = folder, libraries
        UsdGeom.Scope.Define(stage, "/World/Looks")
        self.materials: dict[tuple, object] = {}
        self.files: dict[str, str] = {}
        self.physics = UsdShade.Material.Define(stage, "/World/Looks/Contact")
        api = UsdPhysics.MaterialAPI.Apply(self.physics.GetPrim())
        api.CreateStaticFrictionAttr(float(FRICTION))
        api.CreateDynamicFrictionAttr(float(FRICTION))
        api.CreateRestitutionAttr(0.0)

    def _file(self, src: Path) -> str:
        """``src`` copied into ``textures/`` once; its path relative to the stage."""
        if src.name not in self.files:
            (self.folder / "textures").mkdir(exist_ok=True)
            (self.folder / "textures" / src.name).write_bytes(src.read_bytes())
            self.files[src.name] = f"./textures/{src.name}"
        return self.files[src.name]

    def _texture(self, mat, name: str, file: str, scale, bias=None, srgb: bool = True):
        Sdf, UsdShade = self.Sdf, self.UsdShade
        reader = UsdShade.Shader.Get(self.stage, f"{mat.GetPath()}/UV")
        if not reader:
            reader = UsdShade.Shader.Define(self.stage, f"{mat.GetPath()}/UV")
            reader.CreateIdAttr("UsdPrimvarReader_float2")
            reader.CreateInput("varname", Sdf.ValueTypeNames.String).Set("st")
            reader.CreateOutput("result", Sdf.ValueTypeNames.Float2)
        tex = UsdShade.Shader.Define(self.stage, f"{mat.GetPath()}/{name}")
        tex.CreateIdAttr("UsdUVTexture")
        tex.CreateInput("file", Sdf.ValueTypeNames.Asset).Set(file)
        tex.CreateInput("st", Sdf.ValueTypeNames.Float2).ConnectToSource(reader.ConnectableAPI(), "result")
        tex.CreateInput("wrapS", Sdf.ValueTypeNames.Token).Set("repeat")
        tex.CreateInput("wrapT", Sdf.ValueTypeNames.Token).Set("repeat")
        tex.CreateInput("sourceColorSpace", Sdf.ValueTypeNames.Token).Set("sRGB" if srgb else "raw")
        tex.CreateInput("scale", Sdf.ValueTypeNames.Float4).Set(self.Gf.Vec4f(*scale))
        if bias is not None:
            tex.CreateInput("bias", Sdf.ValueTypeNames.Float4).Set(self.Gf.Vec4f(*bias))
        tex.CreateOutput("rgb", Sdf.ValueTypeNames.Float3)
        return tex

    def material(self, surf, textured: bool = False):
        from assets.materials import Surface

        surf = surf if isinstance(surf, Surface) else Surface("plastic", tuple(surf))
        spec = surf.spec
        textured = textured and spec.texture
        key = (*surf.key(), textured)
        mat = self.materials.get(key)
        if mat is None:
            Gf, Sdf, UsdShade = self.Gf, self.Sdf, self.UsdShade
            color = surf.key()[1:]
            mat = UsdShade.Material.Define(self.stage, f"/World/Looks/Surface_{len(self.materials)}")
            mat.GetPrim().SetCustomDataByKey("vipscene:material", surf.material)
            shader = UsdShade.Shader.Define(self.stage, f"{mat.GetPath()}/PreviewSurface")
            shader.CreateIdAttr("UsdPreviewSurface")
            diffuse = shader.CreateInput("diffuseColor", Sdf.ValueTypeNames.Color3f)
            diffuse.Set(Gf.Vec3f(*color[:3]))
            if textured:
                files = self.libraries.texture(surf.material)
                albedo = self._texture(mat, "Albedo", self._file(files.albedo), (*color[:3], 1.0))
                diffuse.ConnectToSource(albedo.ConnectableAPI(), "rgb")
                if files.normal is not None:
                    normal = self._texture(mat, "Normal", self._file(files.normal), (2.0, 2.0, 2.0, 1.0),
                                           (-1.0, -1.0, -1.0, 0.0), srgb=False)
                    shader.CreateInput("normal", Sdf.ValueTypeNames.Normal3f).ConnectToSource(
                        normal.ConnectableAPI(), "rgb")
            shader.CreateInput("opacity", Sdf.ValueTypeNames.Float).Set(float(color[3]))
            shader.CreateInput("roughness", Sdf.ValueTypeNames.Float).Set(float(spec.roughness))
            shader.CreateInput("metallic", Sdf.ValueTypeNames.Float).Set(float(spec.metallic))
            mat.CreateSurfaceOutput().ConnectToSource(shader.ConnectableAPI(), "surface")
            self.materials[key] = mat
        return mat

    def bind(self, prim, surf, textured: bool = False) -> None:
        self.UsdShade.MaterialBindingAPI.Apply(prim).Bind(self.material(surf, textured))

    def bind_physics(self, prim, friction: float | None = None) -> None:
        """Bind the contact material (or, for an object with its own ``friction``, one of that
        friction, made once per value) for physics."""
        mat = self.physics if friction is None else self._contact(float(friction))
        self.UsdShade.MaterialBindingAPI.Apply(prim).Bind(mat, self.UsdShade.Tokens.weakerThanDescendants, "physics")

    def _contact(self, friction: float):
        from pxr import UsdPhysics

        key = ("contact", round(friction, 6))
        if key not in self.materials:
            mat = self.UsdShade.Material.Define(self.stage, f"/World/Looks/Contact_{len(self.materials)}")
            api = UsdPhysics.MaterialAPI.Apply(mat.GetPrim())
            api.CreateStaticFrictionAttr(friction)
            api.CreateDynamicFrictionAttr(friction)
            api.CreateRestitutionAttr(0.0)
            self.materials[key] = mat
        return self.materials[key]


def export_usd(scene, libraries, bodies, out_dir: str | Path) -> Path:
    """Write ``out_dir/usd/scene.usdc``, replacing a previous export, and return its path."""
    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    with replaced_folder(out_dir, "usd") as tmp:
        stage = Usd.Stage.CreateNew(str(tmp / "scene.usdc"))
        UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.z)
        UsdGeom.SetStageMetersPerUnit(stage, 1.0)
        UsdPhysics.SetStageKilogramsPerUnit(stage, 1.0)
        world = UsdGeom.Xform.Define(stage, "/World")
        stage.SetDefaultPrim(world.GetPrim())
        phys = UsdPhysics.Scene.Define(stage, "/World/PhysicsScene")
        phys.CreateGravityDirectionAttr(Gf.Vec3f(0, 0, -1))
        phys.CreateGravityMagnitudeAttr(9.81)

        looks = _Looks(stage, tmp, libraries)

        def mesh(path: str, v, f, surf=None, collider=False, uv=None):
            m = UsdGeom.Mesh.Define(stage, path)
            # whole arrays at once (numpy buffers): a Gf.Vec3f per vertex took seconds a room
            m.CreatePointsAttr(Vt.Vec3fArray.FromNumpy(np.ascontiguousarray(v, np.float32)))
            m.CreateFaceVertexCountsAttr(Vt.IntArray.FromNumpy(np.full(len(f), 3, np.int32)))
            m.CreateFaceVertexIndicesAttr(Vt.IntArray.FromNumpy(np.ascontiguousarray(np.asarray(f).ravel(), np.int32)))
            m.CreateSubdivisionSchemeAttr(UsdGeom.Tokens.none)  # polygons as modelled, shaded by their normals
            m.CreateNormalsAttr(Vt.Vec3fArray.FromNumpy(np.ascontiguousarray(corner_normals(v, f), np.float32)))
            m.SetNormalsInterpolation(UsdGeom.Tokens.faceVarying)
            lo, hi = np.min(v, axis=0), np.max(v, axis=0)
            m.CreateExtentAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, lo)), Gf.Vec3f(*map(float, hi))]))
            if surf is not None:
                color = surf.color
                m.CreateDisplayColorAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, color[:3]))]))
                if color[3] < 1:
                    m.CreateDisplayOpacityAttr(Vt.FloatArray([float(color[3])]))
                if uv is not None:
                    st = UsdGeom.PrimvarsAPI(m).CreatePrimvar("st", Sdf.ValueTypeNames.TexCoord2fArray,
                                                              UsdGeom.Tokens.vertex)
                    st.Set(Vt.Vec2fArray.FromNumpy(np.ascontiguousarray(uv, np.float32)))
                looks.bind(m.GetPrim(), surf, uv is not None)
            if collider:
                looks.bind_physics(m.GetPrim())
                UsdPhysics.CollisionAPI.Apply(m.GetPrim())
                UsdPhysics.MeshCollisionAPI.Apply(m.GetPrim()).CreateApproximationAttr(UsdPhysics.Tokens.convexHull)
                m.CreatePurposeAttr(UsdGeom.Tokens.guide)
            return m

        # the room: floor slab and walls as static box colliders
        UsdGeom.Xform.Define(stage, "/World/Room")
        lo, hi = np.min(scene.room.floor, axis=0), np.max(scene.room.floor, axis=0)
        c, ext = (lo + hi) / 2, hi - lo + 2.0
        mats = scene.room.materials
        floor = Surface(room_material("floor", mats.floor.texture), (*mats.floor.color[:3], 1.0))
        walls = Surface(room_material("walls", mats.walls.texture), (*mats.walls.color[:3], 1.0))
        boxes = [("Floor", (c[0], c[1], -0.05), (ext[0], ext[1], 0.1), 0.0, floor)]
        boxes += [(f"Wall_{k}", wb.center, wb.size, wb.yaw, walls) for k, wb in enumerate(wall_boxes(scene.room))]
        for name, center, size, yaw, surf in boxes:  # cubes have no UVs: their kind's colour and finish
            cube = UsdGeom.Cube.Define(stage, f"/World/Room/{name}")
            cube.CreateSizeAttr(1.0)
            cube.CreateDisplayColorAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, surf.color[:3]))]))
            looks.bind(cube.GetPrim(), surf)
            looks.bind_physics(cube.GetPrim())
            xf = UsdGeom.Xformable(cube)
            xf.AddTranslateOp().Set(Gf.Vec3d(*map(float, center)))
            xf.AddRotateZOp().Set(math.degrees(yaw))
            xf.AddScaleOp().Set(Gf.Vec3f(*map(float, size)))
            UsdPhysics.CollisionAPI.Apply(cube.GetPrim())
        _lights(stage, scene)

        UsdGeom.Scope.Define(stage, "/World/Objects")
        names = object_names(o.id for o in scene.objects)  # the MJCF body names too
        for obj in scene.objects:
            root = f"/World/Objects/{names[obj.id]}"
            xf = UsdGeom.Xform.Define(stage, root)
            xf.GetPrim().SetCustomDataByKey("vipscene:id", obj.id)
            xf.GetPrim().SetCustomDataByKey("vipscene:category", obj.category)
            xf.AddTranslateOp().Set(Gf.Vec3d(*map(float, obj.position)))
            w, x, y, z = (float(q) for q in obj.quaternion)
            xf.AddOrientOp(UsdGeom.XformOp.PrecisionDouble).Set(Gf.Quatd(w, x, y, z))
            geom = libraries.resolve(obj.asset)  # None (no asset, or unloadable and recorded): collision only
            scale = np.asarray(obj.asset.scale if obj.asset else [1, 1, 1], float)
            body = bodies.get(obj.id)
            if body is not None and body.links:
                _articulation(stage, root, obj, geom, body, scale, mesh)
                continue
            if geom is not None:
                UsdGeom.Xform.Define(stage, f"{root}/Visual")
                for k, (surf, v, f, uv) in enumerate(geom.visual_groups(scale=scale, restyle=obj.materials)):
                    mesh(f"{root}/Visual/part_{k}", v * scale, f, surf, uv=uv)
            if body is None:
                continue
            if body.hulls:
                UsdGeom.Xform.Define(stage, f"{root}/Collision")
                for k, (v, f) in enumerate(body.hulls):
                    mesh(f"{root}/Collision/hull_{k}", v, f, collider=True)
            if body.dynamic:
                _rigid(xf.GetPrim(), body.mass)
        for obj in scene.objects:  # an object's own friction on each of its colliders
            body = bodies.get(obj.id)
            if body is not None and body.friction is not None:
                for prim in Usd.PrimRange(stage.GetPrimAtPath(f"/World/Objects/{names[obj.id]}")):
                    if prim.HasAPI(UsdPhysics.CollisionAPI):
                        looks.bind_physics(prim, body.friction)
        stage.GetRootLayer().Save()
    return Path(out_dir) / "usd" / "scene.usdc"


def _rigid(prim, mp, offset=(0.0, 0.0, 0.0)) -> None:
    """RigidBodyAPI and MassAPI (mass, centre of mass less ``offset``, principal inertia)."""
    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    UsdPhysics.RigidBodyAPI.Apply(prim)
    mass = UsdPhysics.MassAPI.Apply(prim)
    moments, q = mp.diaginertia_quat()
    mass.CreateMassAttr(float(mp.mass))
    mass.CreateCenterOfMassAttr(Gf.Vec3f(*map(float, np.asarray(mp.com) - np.asarray(offset))))
    mass.CreateDiagonalInertiaAttr(Gf.Vec3f(*map(float, moments)))
    mass.CreatePrincipalAxesAttr(Gf.Quatf(*map(float, q)))


def _axis_frame(axis) -> np.ndarray:
    """A rotation taking +X to ``axis``: UsdPhysics joints turn or slide along their frame's X."""
    a = np.asarray(axis, float) / np.linalg.norm(axis)
    helper = np.array([0.0, 0.0, 1.0]) if abs(a[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
    y = np.cross(helper, a)
    y /= np.linalg.norm(y)
    return np.stack([a, y, np.cross(a, y)], axis=1)


def _articulation(stage, root: str, obj, geom, body, scale, mesh) -> None:
    """One articulated object under ``root`` (see the module docstring)."""
    from assets.articulation import link_frame
    from vipscene_sim.geometry.pose import matrix_to_quat

    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    UsdPhysics.ArticulationRootAPI.Apply(stage.GetPrimAtPath(root))
    carcass = UsdGeom.Xform.Define(stage, f"{root}/Carcass")
    _rigid(carcass.GetPrim(), body.mass)

    def shapes(prim: str, link: str, origin) -> None:
        if geom is not None:
            UsdGeom.Xform.Define(stage, f"{prim}/Visual")
            for k, (surf, v, f, uv) in enumerate(geom.visual_groups(link=link, scale=scale, restyle=obj.materials)):
                mesh(f"{prim}/Visual/part_{k}", v * scale - origin, f, surf, uv=uv)
        hulls = body.hulls if not link else next(lk.hulls for lk in body.links if lk.joint.name == link)
        UsdGeom.Xform.Define(stage, f"{prim}/Collision")
        for k, (v, f) in enumerate(hulls):
            mesh(f"{prim}/Collision/hull_{k}", v - origin, f, collider=True)

    shapes(f"{root}/Carcass", "", np.zeros(3))
    if not body.dynamic:
        weld = UsdPhysics.FixedJoint.Define(stage, f"{root}/WorldJoint")  # body0 unset: the world
        weld.CreateBody1Rel().SetTargets([carcass.GetPath()])
        weld.CreateLocalPos0Attr(Gf.Vec3f(*map(float, obj.position)))
        weld.CreateLocalRot0Attr(Gf.Quatf(*map(float, obj.quaternion)))
        weld.CreateLocalPos1Attr(Gf.Vec3f(0, 0, 0))
        weld.CreateLocalRot1Attr(Gf.Quatf(1, 0, 0, 0))
    taken: set[str] = {"Carcass", "WorldJoint"}
    for link in body.links:
        j = link.joint
        name = identifier(j.name, taken)
        o = np.asarray(j.origin, float)
        xf = UsdGeom.Xform.Define(stage, f"{root}/{name}")
        xf.GetPrim().SetCustomDataByKey("vipscene:joint", j.name)
        pos, rot = link_frame(j, link.position)
        xf.AddTranslateOp().Set(Gf.Vec3d(*map(float, pos)))
        w, x, y, z = (float(v) for v in matrix_to_quat(rot))
        xf.AddOrientOp(UsdGeom.XformOp.PrecisionDouble).Set(Gf.Quatd(w, x, y, z))
        _rigid(xf.GetPrim(), link.mass, offset=o)
        shapes(f"{root}/{name}", j.name, o)
        cls = UsdPhysics.PrismaticJoint if j.kind == "prismatic" else UsdPhysics.RevoluteJoint
        joint = cls.Define(stage, f"{root}/{name}_joint")
        joint.CreateBody0Rel().SetTargets([carcass.GetPath()])
        joint.CreateBody1Rel().SetTargets([xf.GetPath()])
        # both joint frames are the closed pose's axis frame: the joint reads the scene position
        frame = Gf.Quatf(*map(float, matrix_to_quat(_axis_frame(j.axis))))
        joint.CreateLocalPos0Attr(Gf.Vec3f(*map(float, o)))
        joint.CreateLocalRot0Attr(frame)
        joint.CreateLocalPos1Attr(Gf.Vec3f(0, 0, 0))
        joint.CreateLocalRot1Attr(frame)
        joint.CreateAxisAttr(UsdPhysics.Tokens.x)
        lo, hi = j.limits if j.kind == "prismatic" else (math.degrees(j.limits[0]), math.degrees(j.limits[1]))
        joint.CreateLowerLimitAttr(float(lo))
        joint.CreateUpperLimitAttr(float(hi))
        joint.CreateCollisionEnabledAttr(True)
        prim = joint.GetPrim()
        prim.SetCustomDataByKey("vipscene:position", float(link.position))
        prim.SetCustomDataByKey("vipscene:damping", float(j.damping))
        prim.SetCustomDataByKey("vipscene:friction", float(link.hold_friction))


def validate_usd(path: str | Path) -> dict:
    """Open the stage, check its metadata and run USD's validators (what ``usdchecker`` runs)."""
    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    from pxr import UsdValidation

    stage = Usd.Stage.Open(str(path))
    problems = []
    if UsdGeom.GetStageUpAxis(stage) != UsdGeom.Tokens.z:
        problems.append("upAxis is not Z")
    if UsdGeom.GetStageMetersPerUnit(stage) != 1.0:
        problems.append("metersPerUnit is not 1")
    registry = UsdValidation.ValidationRegistry()
    validators = [v for v in registry.GetOrLoadAllValidators()
                  if not v.GetMetadata().name.startswith("usdUtilsValidators:")]  # usdz packaging rules
    context = UsdValidation.ValidationContext(validators)
    errors = context.Validate(stage)
    findings = [f"{e.GetValidator().GetMetadata().name if e.GetValidator() else ''}: {e.GetMessage()}"
                for e in errors if e.GetType() in (UsdValidation.ValidationErrorType.Error,
                                                   UsdValidation.ValidationErrorType.Warn)]
    prims = list(stage.Traverse())
    rigid = sum(1 for p in prims if p.HasAPI(UsdPhysics.RigidBodyAPI))
    colliders = sum(1 for p in prims if p.HasAPI(UsdPhysics.CollisionAPI))
    problems += _articulation_problems(stage, prims)
    from physics.colliders import PHYSX_GPU_HULL_VERTICES

    hull_vertices = [len(UsdGeom.Mesh(p).GetPointsAttr().Get() or []) for p in prims
                     if p.HasAPI(UsdPhysics.CollisionAPI) and p.IsA(UsdGeom.Mesh)]
    over = [n for n in hull_vertices if n > PHYSX_GPU_HULL_VERTICES]
    if over:
        problems.append(f"{len(over)} convex colliders over PhysX's GPU limit of {PHYSX_GPU_HULL_VERTICES} vertices "
                        f"(up to {max(over)})")
    joints = sum(1 for p in prims if p.IsA(UsdPhysics.RevoluteJoint) or p.IsA(UsdPhysics.PrismaticJoint))
    roots = sum(1 for p in prims if p.HasAPI(UsdPhysics.ArticulationRootAPI))
    return {"ok": not problems and not findings, "problems": problems + findings[:20], "prims": len(prims),
            "rigid_bodies": rigid, "colliders": colliders, "joints": joints, "articulations": roots,
            "max_hull_vertices": max(hull_vertices, default=0), "validators": len(validators)}


def _articulation_problems(stage, prims) -> list[str]:
    """Isaac Lab's rules: an object is either one articulation (exactly one ArticulationRootAPI
    at or above all its joints' bodies, no nested roots) or a rigid object (one RigidBodyAPI,
    no root); every joint's bodies exist, and a revolute or prismatic joint has finite limits."""
    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    out = []
    objects = stage.GetPrimAtPath("/World/Objects")
    for obj in (objects.GetChildren() if objects else []):
        sub = list(Usd.PrimRange(obj))
        roots = [p for p in sub if p.HasAPI(UsdPhysics.ArticulationRootAPI)]
        joints = [p for p in sub if p.IsA(UsdPhysics.RevoluteJoint) or p.IsA(UsdPhysics.PrismaticJoint)]
        rigid = [p for p in sub if p.HasAPI(UsdPhysics.RigidBodyAPI)]
        if joints and (len(roots) != 1 or roots[0] != obj):
            out.append(f"{obj.GetPath()}: {len(roots)} articulation roots, expected one on the object")
        if not joints and (roots or len(rigid) > 1):
            out.append(f"{obj.GetPath()}: a rigid object with an articulation root or several rigid bodies")
        for p in joints:
            j = UsdPhysics.Joint(p)
            for rel in (j.GetBody0Rel(), j.GetBody1Rel()):
                targets = rel.GetTargets()
                if len(targets) != 1 or not stage.GetPrimAtPath(targets[0]).HasAPI(UsdPhysics.RigidBodyAPI):
                    out.append(f"{p.GetPath()}: joint body {list(targets)} is not a rigid body")
            lo, hi = p.GetAttribute("physics:lowerLimit").Get(), p.GetAttribute("physics:upperLimit").Get()
            if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                out.append(f"{p.GetPath()}: limits {lo}..{hi}")
    return out


LIGHT_NITS = 8000.0
"""Intensity of a scene light of relative brightness 1 (a 5 cm sphere light: a room lamp in
Isaac Sim's units); ``Light.intensity`` scales it."""


def _lights(stage, scene) -> None:
    """The Scene's lights as `UsdLux.SphereLight`s with their colour temperature (none written
    for a Scene without lights: a USD consumer brings its own)."""
    if not scene.lights:
        return
    from pxr import Gf, UsdGeom, UsdLux

    UsdGeom.Scope.Define(stage, "/World/Lights")
    for k, li in enumerate(scene.lights):
        light = UsdLux.SphereLight.Define(stage, f"/World/Lights/light_{k}")
        light.CreateRadiusAttr(0.05)
        light.CreateIntensityAttr(float(LIGHT_NITS * li.intensity))
        light.CreateEnableColorTemperatureAttr(True)
        light.CreateColorTemperatureAttr(float(li.temperature))
        UsdGeom.Xformable(light).AddTranslateOp().Set(Gf.Vec3d(*map(float, li.position)))
