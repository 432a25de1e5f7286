#!/usr/bin/env bash
# PANNs from Hark and from PyTorch side by side on this machine (issue 11): the full-size Cnn14 checkpoint's load time
# (bench/checkpoint-load.sh: PANNs' {'iteration', 'model', 'sampler'} file of 327 MB, best of REPEATS loads, default 2),
# then CNN14 on 10 s clips at batch 8 (1 x 64 mels x 1001 frames): inference and training samples/s over CNN14_STEPS
# timed batches (default 2) after one warm-up, Hark (Hark.Bench cnn14) then PyTorch (bench/torch_cnn14.py, 2 threads).
# LOCK=FILE runs each side under `flock FILE` (a machine shared with other jobs). Last line:
#   load_ratio=<Hark/PyTorch seconds> infer_ratio=<Hark/PyTorch samples/s> train_ratio=<Hark/PyTorch samples/s>
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
steps="${CNN14_STEPS:-2}"
lock=(); [ -n "${LOCK:-}" ] && lock=(flock "$LOCK")

echo "== checkpoint load: bench/checkpoint-load.sh with REPEATS=${REPEATS:-2}"
load_out="$(REPEATS="${REPEATS:-2}" "${lock[@]}" bench/checkpoint-load.sh)"
echo "$load_out"
load_ratio="$(echo "$load_out" | tail -1 | tr ' ' '\n' | awk -F= '$1 == "load_ratio" { print $2 }')"

value() { echo "$1" | awk -v key="$2" '$0 ~ key { print $NF; exit }'; }
echo "== Hark CNN14 (batch 8, 10 s clips, $steps timed steps)"
hark_out="$("${lock[@]}" dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll cnn14 "$steps" 2>&1)"
echo "$hark_out"
echo "== PyTorch $("$python" -c 'import torch; print(torch.__version__)') CNN14 (bench/torch_cnn14.py 2 $steps)"
torch_out="$("${lock[@]}" "$python" bench/torch_cnn14.py 2 "$steps" 2>&1)"
echo "$torch_out"
awk -v l="$load_ratio" \
  -v hi="$(value "$hark_out" "cnn14 infer samples/s")" -v ti="$(value "$torch_out" "cnn14 infer samples/s")" \
  -v ht="$(value "$hark_out" "cnn14 train samples/s")" -v tt="$(value "$torch_out" "cnn14 train samples/s")" \
  'BEGIN { printf "load_ratio=%s infer_ratio=%.2f train_ratio=%.2f\n", l, hi / ti, ht / tt }'
