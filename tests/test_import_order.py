"""The folder layout is the pipeline: a stage imports only from the core and from the stages
before it (function-level imports included), and no module imports itself round a cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Pipeline order, earliest first. A module belongs to the longest prefix listed.
LAYERS = [
    ("core", ["vipscene_sim", "vipscene_sim.errors", "vipscene_sim.atomic", "vipscene_sim.hashing", "vipscene_sim.validate",
              "vipscene_sim.scene", "vipscene_sim.catalog", "vipscene_sim.labels", "vipscene_sim.rules",
              "vipscene_sim.registry", "vipscene_sim.geometry", "vipscene_sim.ml", "vipscene_sim.vlm",
              "vipscene_sim.offscreen", "vipscene_sim.perceive_options"]),
    ("video", ["vipscene_sim.video"]),
    ("reconstruct", ["vipscene_sim.reconstruct"]),
    ("perceive", ["vipscene_sim.perceive"]),
    ("lift", ["vipscene_sim.lift"]),
    ("assets", ["assets"]),
    ("retrieve", ["vipscene_sim.retrieve"]),
    ("layout", ["vipscene_sim.layout"]),
    ("physics", ["physics"]),
    ("exporters", ["exporters"]),
    ("synth", ["vipscene_sim.synth"]),
    ("evaluate", ["vipscene_sim.evaluate"]),
    ("affordances", ["vipscene_sim.affordances"]),
    ("robot", ["vipscene_sim.robot"]),
    ("pipeline", ["vipscene_sim.pipeline"]),
    ("vary", ["vipscene_sim.vary"]),
    ("cli", ["vipscene_sim.cli"]),
]
RANK = {prefix: i for i, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes}
OURS = ("vipscene_sim", "assets", "physics", "exporters")


def layer(module: str) -> int:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in RANK:
            return RANK[".".join(parts[:n])]
    raise AssertionError(f"{module} is in no layer of the table")


def modules() -> dict[str, Path]:
    out = {}
    for top in OURS:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def imports(module: str, path: Path, known: dict) -> set[str]:
    """Our modules that ``module`` imports anywhere in its file (resolved, relative included)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name.split(".")[0] in OURS and name != module:
                found.add(name)
    return found


def test_every_stage_imports_only_what_comes_before_it():
    known = modules()
    wrong = []
    for mod, path in known.items():
        for dep in imports(mod, path, known):
            if layer(dep) > layer(mod):
                wrong.append(f"{mod} ({LAYERS[layer(mod)][0]}) imports {dep} ({LAYERS[layer(dep)][0]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    known = modules()
    graph = {m: imports(m, p, known) - {m} for m, p in known.items()}
    # a package's __init__ importing its own submodules is how packages work, not a cycle
    for m in graph:
        graph[m] = {d for d in graph[m] if not d.startswith(m + ".")}
    state, cycles = {}, []

    def visit(m, stack):
        state[m] = "open"
        for d in sorted(graph.get(m, ())):
            if state.get(d) == "open":
                cycles.append(" -> ".join(stack[stack.index(d):] + [d]))
            elif d not in state:
                visit(d, stack + [d])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "\n".join(cycles)


def test_the_table_covers_every_module():
    for mod in modules():
        layer(mod)
