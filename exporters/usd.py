"""USD export for Isaac Sim / Isaac Lab (extra ``usd``: usd-core).

``OUT/usd/scene.usda``: upAxis Z, metersPerUnit 1, kilogramsPerUnit 1, default prim ``/World``
with a ``UsdPhysics.Scene``. Every object is an Xform at its settled pose with ``Visual`` meshes
(display colours of the asset) and ``Collision`` meshes — the convex hulls, each with
``CollisionAPI`` and ``MeshCollisionAPI`` (approximation ``convexHull``), purpose ``guide``.
Movable objects carry ``RigidBodyAPI`` and ``MassAPI`` (mass, centre of mass, principal inertia
and axes from `physics.mass`); static furniture and the room (floor, walls with openings) are
static colliders. Prim names are USD identifiers derived from the ids; the original id is kept
in ``customData["vipscene:id"]``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from vipscene_sim.atomic import replaced_folder
from vipscene_sim.errors import MissingExtraError
from vipscene_sim.geometry.room import wall_boxes


def _pxr():
    try:
        from pxr import Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt
    except ImportError as exc:
        raise MissingExtraError("USD export", "usd", str(exc)) from None
    return Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt


def prim_name(text: str, taken: set[str]) -> str:
    """A valid, unique USD prim name for ``text``."""
    import hashlib

    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not (name[0].isalpha() or name[0] == "_"):
        name = "o_" + name
    if name != text:
        name += "_" + hashlib.sha1(text.encode()).hexdigest()[:6]
    base, k = name, 1
    while name in taken:
        k += 1
        name = f"{base}_{k}"
    taken.add(name)
    return name


def export_usd(scene, libraries, bodies, out_dir: str | Path) -> Path:
    """Write ``out_dir/usd/scene.usda`` (replacing a previous export) and return its path."""
    Gf, Sdf, Usd, UsdGeom, UsdPhysics, Vt = _pxr()
    with replaced_folder(out_dir, "usd") as tmp:
        stage = Usd.Stage.CreateNew(str(tmp / "scene.usda"))
        UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.z)
        UsdGeom.SetStageMetersPerUnit(stage, 1.0)
        UsdPhysics.SetStageKilogramsPerUnit(stage, 1.0)
        world = UsdGeom.Xform.Define(stage, "/World")
        stage.SetDefaultPrim(world.GetPrim())
        phys = UsdPhysics.Scene.Define(stage, "/World/PhysicsScene")
        phys.CreateGravityDirectionAttr(Gf.Vec3f(0, 0, -1))
        phys.CreateGravityMagnitudeAttr(9.81)

        def mesh(path: str, v, f, color=None, collider=False):
            m = UsdGeom.Mesh.Define(stage, path)
            # whole arrays at once (numpy buffers): a Gf.Vec3f per vertex took seconds a room
            m.CreatePointsAttr(Vt.Vec3fArray.FromNumpy(np.ascontiguousarray(v, np.float32)))
            m.CreateFaceVertexCountsAttr(Vt.IntArray.FromNumpy(np.full(len(f), 3, np.int32)))
            m.CreateFaceVertexIndicesAttr(Vt.IntArray.FromNumpy(np.ascontiguousarray(np.asarray(f).ravel(), np.int32)))
            m.CreateSubdivisionSchemeAttr(UsdGeom.Tokens.none)
            lo, hi = np.min(v, axis=0), np.max(v, axis=0)
            m.CreateExtentAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, lo)), Gf.Vec3f(*map(float, hi))]))
            if color is not None:
                m.CreateDisplayColorAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, color[:3]))]))
                if color[3] < 1:
                    m.CreateDisplayOpacityAttr(Vt.FloatArray([float(color[3])]))
            if collider:
                UsdPhysics.CollisionAPI.Apply(m.GetPrim())
                UsdPhysics.MeshCollisionAPI.Apply(m.GetPrim()).CreateApproximationAttr(UsdPhysics.Tokens.convexHull)
                m.CreatePurposeAttr(UsdGeom.Tokens.guide)
            return m

        # the room: floor slab and walls as static box colliders
        UsdGeom.Xform.Define(stage, "/World/Room")
        lo, hi = np.min(scene.room.floor, axis=0), np.max(scene.room.floor, axis=0)
        c, ext = (lo + hi) / 2, hi - lo + 2.0
        boxes = [("Floor", (c[0], c[1], -0.05), (ext[0], ext[1], 0.1), 0.0, scene.room.materials.floor.color)]
        boxes += [(f"Wall_{k}", wb.center, wb.size, wb.yaw, scene.room.materials.walls.color)
                  for k, wb in enumerate(wall_boxes(scene.room))]
        for name, center, size, yaw, color in boxes:
            cube = UsdGeom.Cube.Define(stage, f"/World/Room/{name}")
            cube.CreateSizeAttr(1.0)
            cube.CreateDisplayColorAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, color[:3]))]))
            xf = UsdGeom.Xformable(cube)
            xf.AddTranslateOp().Set(Gf.Vec3d(*map(float, center)))
            xf.AddRotateZOp().Set(math.degrees(yaw))
            xf.AddScaleOp().Set(Gf.Vec3f(*map(float, size)))
            UsdPhysics.CollisionAPI.Apply(cube.GetPrim())

        UsdGeom.Scope.Define(stage, "/World/Objects")
        taken: set[str] = set()
        for obj in scene.objects:
            root = f"/World/Objects/{prim_name(obj.id, taken)}"
            xf = UsdGeom.Xform.Define(stage, root)
            xf.GetPrim().SetCustomDataByKey("vipscene:id", obj.id)
            xf.GetPrim().SetCustomDataByKey("vipscene:category", obj.category)
            xf.AddTranslateOp().Set(Gf.Vec3d(*map(float, obj.position)))
            w, x, y, z = (float(q) for q in obj.quaternion)
            xf.AddOrientOp(UsdGeom.XformOp.PrecisionDouble).Set(Gf.Quatd(w, x, y, z))
            geom = libraries.resolve(obj.asset)  # None (no asset, or unloadable and recorded): collision only
            scale = np.asarray(obj.asset.scale if obj.asset else [1, 1, 1], float)
            if geom is not None:
                UsdGeom.Xform.Define(stage, f"{root}/Visual")
                for k, p in enumerate(geom.parts):
                    mesh(f"{root}/Visual/part_{k}", p.vertices * scale, p.faces, p.color)
            body = bodies.get(obj.id)
            if body is None:
                continue
            if body.hulls:
                UsdGeom.Xform.Define(stage, f"{root}/Collision")
                for k, (v, f) in enumerate(body.hulls):
                    mesh(f"{root}/Collision/hull_{k}", v, f, collider=True)
            if body.dynamic:
                UsdPhysics.RigidBodyAPI.Apply(xf.GetPrim())
                mass = UsdPhysics.MassAPI.Apply(xf.GetPrim())
                mp = body.mass
                moments, q = mp.diaginertia_quat()
                mass.CreateMassAttr(float(mp.mass))
                mass.CreateCenterOfMassAttr(Gf.Vec3f(*map(float, mp.com)))
                mass.CreateDiagonalInertiaAttr(Gf.Vec3f(*map(float, moments)))
                mass.CreatePrincipalAxesAttr(Gf.Quatf(*map(float, q)))
        stage.GetRootLayer().Save()
    return Path(out_dir) / "usd" / "scene.usda"


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
    return {"ok": not problems and not findings, "problems": problems + findings[:20], "prims": len(prims),
            "rigid_bodies": rigid, "colliders": colliders, "validators": len(validators)}
