#!/usr/bin/env bash
# Engine benchmark (issue 2, must-show 5; issue 13): the seed-000 network at batch 32 on 3x96x96 inputs, Hark then PyTorch,
# one after the other, then PANNs' CNN14 on 10 s clips at batch 8 (CNN14_STEPS timed steps, default 2) the same way.
# Prints train and inference samples/s for both, Hark's peak memory and its managed memory after step 50 and after the
# last of MEMORY_STEPS training steps (default 500), then the GEMM Hark chose with its measured GFLOP/s, and as its last line
#   train_ratio=<Hark/PyTorch> infer_ratio=<Hark/PyTorch> cnn14_train_ratio=<Hark/PyTorch> cnn14_infer_ratio=<Hark/PyTorch>
# Timings are wall-clock on a shared machine: run it when nothing else is busy.
set -euo pipefail
cd "$(dirname "$0")/.."
size=96
steps="${MEMORY_STEPS:-500}"
cnn14_steps="${CNN14_STEPS:-2}"
python="${PYTHON:-/usr/bin/python3}"

dotnet build bench/Hark.Bench -c Release -nologo -v q >/dev/null
echo "== Hark (seed-000 network, batch 32, ${size}x${size}, ${steps} training steps for the memory check)"
hark_out="$(dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll seed "$size" "$steps" 2>&1)"
echo "$hark_out"
echo "== PyTorch ($("$python" -c 'import torch; print(torch.__version__)'), ../shared/bench/peer_torch_cnn.py 2 $size)"
torch_out="$("$python" ../shared/bench/peer_torch_cnn.py 2 "$size" 2>&1)"
echo "$torch_out"
echo "== Hark CNN14 (batch 8, 10 s clips: 1x64x1001, ${cnn14_steps} timed steps)"
hark_cnn14="$(dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll cnn14 "$cnn14_steps" 2>&1)"
echo "$hark_cnn14"
echo "== PyTorch CNN14 (bench/torch_cnn14.py 2 $cnn14_steps)"
torch_cnn14="$("$python" bench/torch_cnn14.py 2 "$cnn14_steps" 2>&1)"
echo "$torch_cnn14"
dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll gemm-summary 2>/dev/null

value() { echo "$1" | awk -v key="$2" '$0 ~ key { print $NF; exit }'; }
hark_train="$(value "$hark_out" "train samples/s")"; hark_infer="$(value "$hark_out" "infer samples/s")"
torch_train="$(value "$torch_out" "train samples/s")"; torch_infer="$(value "$torch_out" "infer samples/s")"
hark_cnn14_train="$(value "$hark_cnn14" "cnn14 train samples/s")"; hark_cnn14_infer="$(value "$hark_cnn14" "cnn14 infer samples/s")"
torch_cnn14_train="$(value "$torch_cnn14" "cnn14 train samples/s")"; torch_cnn14_infer="$(value "$torch_cnn14" "cnn14 infer samples/s")"
awk -v ht="$hark_train" -v hi="$hark_infer" -v tt="$torch_train" -v ti="$torch_infer" \
  -v hct="$hark_cnn14_train" -v hci="$hark_cnn14_infer" -v tct="$torch_cnn14_train" -v tci="$torch_cnn14_infer" \
  'BEGIN { printf "train_ratio=%.2f infer_ratio=%.2f cnn14_train_ratio=%.2f cnn14_infer_ratio=%.2f\n", ht / tt, hi / ti, hct / tct, hci / tci }'
