"""Entry point of the `vipscene` console script.

Exit codes: 0 success, 2 a problem the user can fix (bad file, flag, missing model or extra;
one clear message, no traceback), 1 an internal failure (set VIPSCENE_DEBUG=1 for the traceback),
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from ..errors import UserError
from ..rules import ROBOT_RADIUS
from . import assets_cmd, commands
from .interrupts import guard, raise_if_interrupted

EPILOG = """\
examples:
  vipscene validate examples/*.json
  vipscene build examples/bedroom.json --out out/bedroom

exit codes: 0 ok, 2 bad input (message says what to fix), 3 written but the scene has problems
(listed on stderr and in --json, details in report.json), 1 internal error
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises UserError instead of printing usage and exiting itself."""

    def error(self, message: str) -> None:
        raise UserError(f"{message} (see '{self.prog} --help')")


def _add(sub, name: str, help_: str, example: str, description: str = "", *, func=None, out: str | None = None,
         out_help: str | None = None, json: bool | str = False, libraries: bool = False) -> argparse.ArgumentParser:
    """One command: its help, an example, and the options most commands share: a required
    ``--out`` (``out`` is its metavar), ``--json`` (True, or the help text), the asset-library
    options; ``func`` is the `commands` function that runs it."""
    p = sub.add_parser(name, help=help_, description=(description or help_), epilog=f"example:\n  {example}",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    if out:
        p.add_argument("--out", required=True, metavar=out, **({"help": out_help} if out_help else {}))
    if json:
        p.add_argument("--json", action="store_true",
                       help=json if isinstance(json, str) else "print a machine-readable summary on stdout")
    if libraries:
        assets_cmd.add_library_options(p)
    if func is not None:
        p.set_defaults(func=func)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vipscene",
        description="Turn a text or image prompt, a video, a layout or an existing house into a "
        "simulation-ready 3D indoor scene (MuJoCo MJCF, URDF, ProcTHOR JSON, USD).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"vipscene-sim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = _add(sub, "validate", "check scene/layout files and report every problem with its JSON path",
             "vipscene validate examples/*.json --json",
             json="print machine-readable results on stdout", func=commands.validate)
    p.add_argument("files", nargs="+", metavar="FILE")

    p = _add(sub, "schema", "print the JSON Schema of the scene file format",
             "vipscene schema --out scene.schema.json",
             func=commands.schema)
    p.add_argument("--out", metavar="FILE", help="write it to FILE instead of stdout")

    p = _add(sub, "build", "layout -> assets -> refine -> physics -> export, offline, no GPU",
             "vipscene build examples/bedroom.json --out out/bedroom",
             "Build a simulation-ready scene from a layout file (a Scene without assets). Stages "
             "not available in this version are listed as such in OUT/report.json.",
             out="OUT", out_help="output folder (created if missing)", json=True, libraries=True,
             func=commands.build)
    p.add_argument("layout", metavar="LAYOUT.json")
    p.add_argument("--seed", type=_seed, help="override the layout's seed for every random choice")
    p.add_argument("--force", action="store_true", help="rerun stages whose inputs are unchanged")
    _add_build_options(p)

    p = _add(sub, "export", "write simulator files for a scene and validate each with its real consumer",
             "vipscene export out/bedroom/scene.json --format mjcf --out out/bedroom",
             out="OUT", json=True, libraries=True, func=commands.export)
    p.add_argument("scene", metavar="SCENE.json")
    p.add_argument("--format", default="mjcf,urdf,procthor,usd",
                   help="comma-separated: mjcf, urdf, procthor, usd; on request also mjx (MJCF for MJX and MuJoCo "
                        "Warp) and drake (MJCF as Drake reads it)")
    p.add_argument("--usda", action="store_true", help="also write the USD stage as text (usd/scene.usda)")

    p = _add(sub, "import", "ProcTHOR/Holodeck/VIPScene house JSON -> one built scene per room",
             "vipscene import house.json --out out/house",
             "Read an AI2-THOR house (ProcTHOR, Holodeck or VIPScene output): every room becomes a layout "
             "(walls, doors, windows, objects with category, full pose and size), then runs the rest of build "
             "into OUT/<room>/. Categories come from AI2-THOR's object types, sizes from ProcTHOR's asset "
             "database (installed with extra 'thor', or --thor-database), an objathor library (--objathor) or "
             "the category's typical size; OUT/<room>/import_report.json records each choice and "
             "OUT/house_report.json what was skipped.",
             out="OUT", json=True, libraries=True, func=commands.import_house)
    p.add_argument("house", metavar="HOUSE.json")
    p.add_argument("--room", action="append", help="only this room id (repeatable), e.g. 'room|2'")
    p.add_argument("--no-preview", action="store_true", help="do not render preview.png")
    p.add_argument("--clear-openings", action="store_true",
                   help="push furniture out of the space doors and drawers open into (default: keep the house's "
                        "layout and report what blocks them)")
    p.add_argument("--no-build", action="store_true",
                   help="only write each room's imported_layout.json and import_report.json (build them later)")
    p.add_argument("--thor-database", metavar="FILE",
                   help="ProcTHOR's asset-database.json for true object sizes (default: the procthor package's)")

    p = _add(sub, "synth", "render a ground-truth walkthrough (RGB, depth, instance masks, cameras)",
             "vipscene synth out/bedroom/scene.json --out out/bedroom_walk --path orbit --frames 48",
             "Export the scene to MJCF and render a walkthrough with MuJoCo offscreen (MUJOCO_GL=egl on a CPU): "
             "RGB and instance-id frames, metric depth, intrinsics and camera poses (see vipscene_sim/synth). "
             "A layout without assets gets them retrieved first; OUT/scene.json is the ground truth rendered.",
             out="OUT", json=True, libraries=True, func=commands.synth)
    p.add_argument("scene", metavar="SCENE.json")
    p.add_argument("--path", choices=["pan", "orbit", "walk"], default="pan", help="camera path (default pan)")
    p.add_argument("--frames", type=int, default=24)
    p.add_argument("--size", nargs=2, type=int, default=[320, 240], metavar=("W", "H"))
    p.add_argument("--seed", type=_seed, default=0)

    p = _add(sub, "random-room", "write a random plausible room layout (for benchmarks and training data)",
             "vipscene random-room --seed 7 --kind bedroom --out room.json",
             "Draw a room (rectangle or L, door, windows) and furniture for its kind, arranged as people do: "
             "big furniture against walls facing the room, small things on surfaces, pictures clear of "
             "windows. Valid and plausible by construction; the same seed gives the same room.",
             out="FILE.json", func=commands.random_room)
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--kind", choices=["bathroom", "bedroom", "dining_room", "kitchen", "living_room", "office"],
                   help="room kind (default: drawn from the seed)")

    p = _add(sub, "perceive", "video -> reconstruction -> perception -> lifting -> layout.json (then build)",
             'vipscene perceive walk.mp4 --prompt "a bedroom with a queen bed" --out out/bedroom_lifted --build',
             "Lift a walkthrough to a metric layout: room polygon, height, doors and windows, and an oriented box "
             "with category, front, support and confidence per object. INPUT is a video file, a folder of frames, "
             "or a folder written by 'vipscene synth'. Reconstruction: vggt (installed from its repository), "
             "depth_sfm (metric depth model + pycolmap) or oracle; perception: gdino_sam2 (Grounding DINO + SAM 2) "
             "or oracle (a synth folder's ground truth, degraded by --noise). Model ids take ID or ID@REVISION; "
             "weights come from the Hugging Face cache. Writes OUT/layout.json (ready for 'vipscene build'), "
             "OUT/geometry.npz, OUT/instances.npz and OUT/lift_report.json.",
             out="OUT", json=True, libraries=True, func=commands.perceive)
    p.add_argument("input", metavar="INPUT", help="a video file, a folder of frames, or a 'vipscene synth' folder")
    p.add_argument("--noise", default="none", help="oracle noise: none, realistic or harsh (default none)")
    p.add_argument("--prompt", help="the room description; the objects it names lead the detection vocabulary")
    _add_perception_options(p)
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--build", action="store_true", help="continue with 'vipscene build' on the layout into OUT")

    p = _add(sub, "view", "open a built scene in MuJoCo's interactive viewer (needs a display)",
             "vipscene view out/bedroom",
             func=commands.view)
    p.add_argument("out", metavar="OUT", help="an output folder of build/export, or an MJCF file")

    p = _add(sub, "settle", "physics only: colliders and settling in PyBullet, with a stability report",
             "vipscene settle out/bedroom/scene.json --out out/settled",
             "Compute colliders for every object of a scene (exact parts, shipped colliders or CoACD), "
             "settle it in PyBullet and write the settled scene and a per-object stability report.",
             out="OUT", json=True, libraries=True, func=commands.settle)
    p.add_argument("scene", metavar="SCENE.json")

    p = _add(sub, "generate", "full pipeline from a text/image prompt: video -> reconstruct -> perceive -> lift -> build",
             'vipscene generate "a cosy bedroom with a queen bed" --out out/gen',
             "Generate a walkthrough video of the described room (Wan, CogVideoX or LTX-Video through diffusers; "
             "text-to-video, or image-to-video with --image), reconstruct and perceive it, lift a metric layout and "
             "build the simulation-ready scene, writing every stage's output into OUT. A rerun skips finished stages "
             "whose inputs are unchanged. --video starts from your own walkthrough instead; --prompts runs a file of "
             "prompts, one folder each. Needs a GPU and the models' weights (Hugging Face cache) for real use.",
             out="OUT", json=True, libraries=True, func=commands.generate)
    p.add_argument("prompt", metavar="PROMPT", nargs="?", help="the room description")
    p.add_argument("--image", metavar="IMG", help="an image prompt: the video starts from this picture")
    p.add_argument("--video", metavar="FILE", help="your own walkthrough (video file or folder of frames) instead of "
                   "generating one")
    p.add_argument("--prompts", metavar="FILE", help="a file of prompts, one per line (# comments): OUT/<NNN>_<slug>/ "
                   "each, and OUT/batch.md")
    p.add_argument("--path", choices=["pan", "orbit", "walk"], default="orbit",
                   help="camera motion asked of the video model (default orbit: best for reconstruction)")
    p.add_argument("--video-backend", choices=["wan", "cogvideox", "ltx"], default="wan", help="video model family "
                   "(default wan: Wan2.1-T2V-1.3B, or Wan2.2-TI2V-5B with --image)")
    p.add_argument("--video-model", metavar="ID", help="a Hub id, ID@REVISION or a local diffusers folder")
    p.add_argument("--frames", type=int, help="video frames (default: the model's; rounded to what it accepts)")
    p.add_argument("--size", nargs=2, type=int, metavar=("W", "H"), help="video size (default: the model's)")
    p.add_argument("--steps", type=int, help="denoising steps (default 50)")
    p.add_argument("--guidance", type=float, help="classifier-free guidance scale (default: the model's)")
    p.add_argument("--fps", type=int, help="frame rate of the video (default: the model's)")
    p.add_argument("--memory", choices=["auto", "gpu", "model_offload", "group_offload", "sequential_offload"],
                   default="auto", help="GPU memory mode (default auto: from the free GPU memory)")
    p.add_argument("--vae-tiling", choices=["auto", "on", "off"], default="auto", help="decode the video in tiles")
    _add_perception_options(p)
    p.add_argument("--seed", type=_seed, default=0, help="seed of the video and of every later random choice")
    p.add_argument("--force", action="store_true", help="rerun every stage")
    _add_build_options(p)

    p = _add(sub, "vary", "many valid versions of a built scene for policy stress tests (DIR/variant_<i>/)",
             "vipscene vary out/kitchen --n 10 --seed 0 --out out/kitchen_variants --vary materials,lighting",
             "Draw N variants of a scene (a build's OUT or a scene file) along the axes asked: assets, poses, "
             "materials, lighting, clutter, dynamics, joints (default: all). Each is refined, settled, exported in "
             "every installed format and validated into DIR/variant_<i>/ with variant.json (every change); files "
             "variants share are hard links into DIR/shared/. Variant i of seed S is the same whatever N is. A draw "
             "that cannot be made valid is recorded in DIR/vary.json and redrawn; exit 3 if a variant fails.",
             out="DIR", json=True, libraries=True, func=commands.vary)
    p.add_argument("base", metavar="OUT_OR_SCENE.json")
    p.add_argument("--n", type=int, required=True, help="number of variants")
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--vary", metavar="AXES", help="comma-separated axes (default: all)")
    p.add_argument("--first", type=int, default=0, help="make variants FIRST.. only (other processes make the rest)")
    p.add_argument("--last", type=int, help="...up to LAST, excluded (default N)")
    p.add_argument("--no-preview", action="store_true", help="do not render each variant's preview.png")

    p = _add(sub, "robot", "put your robot (MJCF or URDF) into a built scene: OUT/robot/scene.xml",
             "vipscene robot out/kitchen --robot panda.xml --near mug_1",
             "Attach a robot to the scene built in OUT with MuJoCo's MjSpec: every robot name gets --prefix, its "
             "actuators, sensors and default classes come along, its floor, world lights and skybox do not. The "
             "robot stands on a base pose from OUT/affordances.json (recomputed for its footprint; mobile robots on "
             "the floor, arms also beside or on counters and tables) checked free of collision, or on --base. One "
             "keyframe, home, holds the settled scene and the robot's home pose. The scene's own files are not "
             "changed. URDF robots are read by MuJoCo's URDF import (no actuators).",
             json=True, func=commands.robot)
    p.add_argument("out", metavar="OUT", help="an output folder of 'vipscene build' (or import/generate)")
    p.add_argument("--robot", required=True, metavar="ROBOT.xml|ROBOT.urdf")
    p.add_argument("--base", nargs="+", default=["auto"], metavar="auto|X Y YAW",
                   help="auto (default: the best free base pose) or x y (m) and yaw (rad) in the scene's frame")
    p.add_argument("--near", metavar="OBJECT_ID", help="prefer base poses that reach this object")
    p.add_argument("--mount", choices=["floor", "counter"], default="floor",
                   help="floor (default): stand on the floor; counter: an arm mounted on a counter or table top")
    p.add_argument("--prefix", default="robot_", help="put before every robot name (default robot_)")
    p.add_argument("--profile", choices=["mujoco", "mjx"], default="mujoco",
                   help="mujoco (default): attach to OUT/mjcf, write OUT/robot; mjx: attach to OUT/mjx (from "
                        "'vipscene export --format mjx'), write OUT/robot_mjx for MJX and MuJoCo Warp")

    p = _add(sub, "score", "FPVScore and geometric metrics of a built scene",
             "vipscene score out/bedroom --judge openai --model gpt-4o",
             "Measure a built scene without any model (collisions, out-of-bounds objects, navigable floor and "
             "reachability of every object from the door, stability after settling, prompt coverage, density), "
             "render a first-person walkthrough that looks at every object (OUT/score/), and with --judge have a "
             "vision-language model rate it on four criteria from 1 to 10 (FPVScore = their mean). Writes "
             "OUT/score.json and OUT/score.md. --compare asks the judge which of two scenes is more plausible.",
             json="print score.json on stdout", libraries=True, func=commands.score)
    p.add_argument("out", metavar="OUT", help="an output folder of 'vipscene build' (or generate/perceive --build)")
    p.add_argument("--judge", choices=["none", "openai", "local"], default="none",
                   help="openai: an OpenAI-compatible chat-completions endpoint (key in $OPENAI_API_KEY); "
                   "local: a transformers vision-language model (default none: metrics and walkthrough only)")
    p.add_argument("--model", default="", metavar="ID", help="openai: model name (default gpt-4o); local: Hugging "
                   "Face id or folder (default Qwen/Qwen2.5-VL-3B-Instruct)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint (default $OPENAI_BASE_URL or api.openai.com)")
    p.add_argument("--compare", metavar="OTHER_OUT", help="another built scene: which of the two is more plausible")
    p.add_argument("--prompt", help="the room description (default: the scene's own prompt, if any)")
    p.add_argument("--frames", type=int, default=16, help="walkthrough frames sent to the judge (default 16)")
    p.add_argument("--attempts", type=int, default=3, help="answers asked for when the judge's is malformed")
    p.add_argument("--retries", type=int, default=3, help="openai: retries after rate limits, server errors, timeouts")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="openai: seconds to wait for an answer")
    p.add_argument("--no-walkthrough", action="store_true", help="metrics only (no rendering) unless judging")
    p.add_argument("--size", nargs=2, type=int, default=[512, 384], metavar=("W", "H"), help="walkthrough frame size")
    _add_robot_radius(p)
    p.add_argument("--device", default="auto", help="local judge: auto, cpu, cuda, cuda:N")
    p.add_argument("--precision", default="auto", help="local judge: auto, fp32, fp16 or bf16")
    p.add_argument("--seed", type=_seed, default=0)

    p = _add(sub, "assets", "list, show, render or search the asset libraries",
             'vipscene assets search "couch" --size 2.1 0.9 0.8')
    asub = p.add_subparsers(dest="assets_command", metavar="ASSETS_COMMAND", parser_class=_Parser, required=True)
    q = _add(asub, "list", "list the assets of every library with size, placement and description",
             "vipscene assets list --json",
             json=True, libraries=True, func=assets_cmd.assets_list)
    q.add_argument("--category", help="only this category")
    q = _add(asub, "show", "write one asset as a mesh (.glb/.obj/.stl/.ply) or a rendered .png",
             "vipscene assets show bed__platform --out bed.glb",
             out="FILE", json=True, libraries=True, func=assets_cmd.assets_show)
    q.add_argument("id", metavar="ID")
    q.add_argument("--size", type=int, default=512, help="image size in pixels for .png")
    q.add_argument("--renderer", choices=("mujoco", "software"), default="mujoco",
                   help="mujoco: visual meshes and textures (MUJOCO_GL=egl without a display); software: the convex parts")
    q.add_argument("--open", type=float, default=0.0, metavar="FRACTION",
                   help="pose every door, drawer and lid this far open, 0 (as modelled) to 1 (fully open)")
    q = _add(asub, "sheet", "render every asset, labelled, on one contact sheet",
             "vipscene assets sheet --out sheet.png",
             out="FILE.png", json=True, libraries=True, func=assets_cmd.assets_sheet)
    q.add_argument("--category", action="append", help="only these categories (repeatable)")
    q.add_argument("--tile", type=int, default=200, help="tile size in pixels")
    q.add_argument("--columns", type=int, default=12)
    q.add_argument("--renderer", choices=("mujoco", "software"), default="mujoco",
                   help="mujoco: visual meshes and textures (MUJOCO_GL=egl without a display); software: the convex parts")
    q = _add(asub, "search", "rank assets for a label and an optional measured size",
             'vipscene assets search "bedside table" --size 0.45 0.5 0.6 -k 5',
             json=True, libraries=True, func=assets_cmd.assets_search)
    q.add_argument("query")
    q.add_argument("--size", nargs=3, type=float, metavar=("X", "Y", "Z"), help="measured box in metres")
    q.add_argument("--placement", choices=["floor", "wall", "ceiling", "on"])
    q.add_argument("--image", metavar="CROP", help="a picture of the object, matched with --clip")
    q.add_argument("-k", type=int, default=5, help="how many results")
    return parser


def _add_robot_radius(p: argparse.ArgumentParser) -> None:
    p.add_argument("--robot-radius", type=_robot_radius, default=ROBOT_RADIUS, metavar="M",
                   help=f"radius of the robot whose navigable floor is measured (default {ROBOT_RADIUS:g})")


def _robot_radius(text: str) -> float:
    r = float(text)
    if not 0.05 <= r <= 1.5:
        raise argparse.ArgumentTypeError(f"{text}: must be between 0.05 and 1.5 m")
    return r


def _add_build_options(p: argparse.ArgumentParser) -> None:
    """The build flags shared by build and generate (see commands.build_settings)."""
    p.add_argument("--no-preview", action="store_true", help="do not render OUT/preview.png")
    p.add_argument("--no-physics", action="store_true", help="stop after layout refinement (no colliders, no settling)")
    _add_robot_radius(p)
    p.add_argument("--no-score", action="store_true", help="do not write OUT/score.json (model-free metrics)")


def _add_perception_options(p: argparse.ArgumentParser) -> None:
    """Reconstruction, perception and device flags shared by perceive and generate."""
    p.add_argument("--reconstruct", default="auto", help="auto (vggt if installed, else depth_sfm), vggt, depth_sfm "
                   "or oracle")
    p.add_argument("--perceive", default="auto", help="auto (gdino_sam2), gdino_sam2 or oracle")
    p.add_argument("--max-frames", type=int, default=60, help="frames used, evenly spaced (default 60)")
    p.add_argument("--vocab", action="append", default=[], metavar="TERM", help="a further object to detect "
                   "(repeatable)")
    p.add_argument("--no-catalog", action="store_true", help="do not add the asset catalog's categories to the "
                   "vocabulary")
    p.add_argument("--track", choices=["3d", "sam2"], default="3d", help="object ids across frames: association in "
                   "3D through the reconstruction (default) or SAM 2 video propagation")
    p.add_argument("--detect-every", type=int, default=0, metavar="N", help="detect on every N-th frame "
                   "(default: every frame for 3d, every 4th for sam2)")
    p.add_argument("--box-threshold", type=float, help="Grounding DINO box score threshold (default 0.30)")
    p.add_argument("--text-threshold", type=float, help="Grounding DINO text score threshold (default 0.25)")
    p.add_argument("--nms-iou", type=float, help="same-label non-maximum suppression IoU (default 0.5)")
    p.add_argument("--max-detections", type=int, metavar="N", help="detections kept a frame, best first (default 50)")
    p.add_argument("--depth-model", metavar="ID", help="transformers metric depth model (default "
                   "depth-anything/Depth-Anything-V2-Metric-Indoor-Small-hf)")
    p.add_argument("--detector", metavar="ID", help="Grounding DINO model (default IDEA-Research/grounding-dino-tiny)")
    p.add_argument("--segmenter", metavar="ID", help="SAM 2 model (default facebook/sam2.1-hiera-tiny)")
    p.add_argument("--vggt-model", metavar="ID", help="VGGT weights (default facebook/VGGT-1B)")
    p.add_argument("--fov", type=float, metavar="DEG", help="known horizontal field of view of the video (SfM then "
                   "keeps the focal length fixed)")
    p.add_argument("--vlm", choices=["none", "openai", "local"], default="none", help="a vision-language model that "
                   "lists the objects it sees in sampled frames (added to the vocabulary)")
    p.add_argument("--vlm-model", default="", metavar="ID", help="openai: model name (default gpt-4o); local: "
                   "Hugging Face id (default Qwen/Qwen2.5-VL-3B-Instruct)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint (default $OPENAI_BASE_URL or api.openai.com)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N (default auto)")
    p.add_argument("--precision", default="auto", help="auto (half on a GPU, fp32 on the CPU), fp32, fp16 or bf16")
    p.add_argument("--batch-size", type=int, help="frames per forward pass of the depth and detection models")
    p.add_argument("--max-objects", type=int, default=150, metavar="N", help="lift at most N objects, the most "
                   "confident (default 150)")


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"must be between 0 and 2**63 - 1, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("MUJOCO_GL"):
        os.environ["MUJOCO_GL"] = "egl"  # headless: MuJoCo renders offscreen through EGL (Mesa on a CPU)
    try:
        with guard():
            parser = build_parser()
            args = parser.parse_args(argv)
            if not getattr(args, "func", None):
                parser.print_help(sys.stderr)
                return 2
            code = int(args.func(args) or 0)
            raise_if_interrupted()  # swallowed by a library after the last progress step
            return code
    except UserError as exc:
        print(f"vipscene: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vipscene: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
    except Exception as exc:  # noqa: BLE001 - the one place that turns crashes into exit 1
        if os.environ.get("VIPSCENE_DEBUG"):
            traceback.print_exc()
        print(f"vipscene: internal error: {type(exc).__name__}: {exc} "
              "(set VIPSCENE_DEBUG=1 for the traceback and please report it)", file=sys.stderr)
        return 1


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
