#!/usr/bin/env bash
# Engine benchmark (issue 2, must-show 5): the seed-000 network at batch 32 on 3x96x96 inputs, Hark then PyTorch,
# one after the other. Prints train and inference samples/s for both, Hark's peak memory and its managed memory after
# step 50 and after the last of MEMORY_STEPS training steps (default 500), and as its last line
#   train_ratio=<Hark/PyTorch> infer_ratio=<Hark/PyTorch>
# Timings are wall-clock on a shared machine: run it when nothing else is busy.
set -euo pipefail
cd "$(dirname "$0")/.."
size=96
steps="${MEMORY_STEPS:-500}"
python="${PYTHON:-/usr/bin/python3}"

dotnet build bench/Hark.Bench -c Release -nologo -v q >/dev/null
echo "== Hark (seed-000 network, batch 32, ${size}x${size}, ${steps} training steps for the memory check)"
hark_out="$(dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll seed "$size" "$steps" 2>&1)"
echo "$hark_out"
echo "== PyTorch ($("$python" -c 'import torch; print(torch.__version__)'), ../shared/bench/peer_torch_cnn.py 2 $size)"
torch_out="$("$python" ../shared/bench/peer_torch_cnn.py 2 "$size" 2>&1)"
echo "$torch_out"

value() { echo "$1" | awk -v key="$2" '$0 ~ key { print $NF; exit }'; }
hark_train="$(value "$hark_out" "train samples/s")"; hark_infer="$(value "$hark_out" "infer samples/s")"
torch_train="$(value "$torch_out" "train samples/s")"; torch_infer="$(value "$torch_out" "infer samples/s")"
awk -v ht="$hark_train" -v hi="$hark_infer" -v tt="$torch_train" -v ti="$torch_infer" \
  'BEGIN { printf "train_ratio=%.2f infer_ratio=%.2f\n", ht / tt, hi / ti }'
