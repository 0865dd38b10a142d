"""Orchestration of every command: each takes frozen settings, runs the stages as numbered steps
and returns a typed result (`to_dict()` for report.json and ``--json``). The CLI only parses and
prints; the Python API calls these functions directly.

- `build`: layout -> retrieve -> refine -> physics -> export -> score -> preview;
- `perceive`: video -> reconstruction -> perception -> lifting -> layout.json;
- `generate`: prompt -> video -> perceive -> build, resumable, and batches of prompts;
- `settle`, `export`, `import_house`, `synth`: the single stages a user may run alone;
- `score`: metrics, the first-person walkthrough and the FPVScore judge of a built scene;
- `stages`: the stage record and the one rerun/skip rule; `libraries`: where assets come from;
  `preview`: the plan and rendered view of a built scene. The one model holder is `ml.ModelHolder`.
"""
