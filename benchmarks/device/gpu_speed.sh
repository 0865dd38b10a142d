#!/usr/bin/env bash
# The GPU check of the ML backends, as run on a lent GPU machine (no network there): the real-size
# architectures of bench_perception_speed.py in fp32 and half precision through our own backend
# classes. Wheels the machine lacks travel in .whl/ (ignored by git); results land in $OUT.
set -uo pipefail
if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    && export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="${PYTHONPATH:+$PYTHONPATH:}$PWD" PYTHONUNBUFFERED=1 TRANSFORMERS_VERBOSITY=error
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
python3 -c "import torch, torchvision, transformers; print('torch', torch.__version__, 'torchvision', torchvision.__version__, 'transformers', transformers.__version__)" | tee -a "$OUT/gpu.txt"
timeout "${SPEED_TIMEOUT:-400}" python3 benchmarks/bench_perception_speed.py --frames "${FRAMES:-32}" 2>&1 | grep -v Warning | tee "$OUT/speed.txt"
