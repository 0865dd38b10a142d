"""CoACD in a process of its own: ``python -m physics.coacd_worker`` reads one mesh and the CoACD
keyword arguments as an .npz on stdin and writes the hulls as an .npz on stdout. A CoACD abort or
crash ends only this process; the parent sees a non-zero exit and falls back."""

from __future__ import annotations

import io
import json
import sys

import numpy as np


def main() -> int:
    with np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False) as z:
        vertices, faces, kwargs = z["vertices"], z["faces"], json.loads(str(z["kwargs"]))
    import coacd

    coacd.set_log_level("error")
    parts = coacd.run_coacd(coacd.Mesh(vertices, faces), **kwargs)
    arrays = {}
    for i, (v, f) in enumerate(parts):
        arrays[f"v{i}"], arrays[f"f{i}"] = np.asarray(v, float), np.asarray(f, np.int64)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    sys.stdout.buffer.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
