#!/usr/bin/env bash
# torchvision's ImageNet backbones from Hark and from PyTorch side by side on this machine (issue 12): efficientnet-v2-s
# and resnet50 (1000 classes) at batch 16 on 3 x 224 x 224, training and inference samples/s over STEPS timed batches
# (default 2) after one warm-up, and the depthwise convolutions' share of an efficientnet training step; Hark
# (Hark.Bench backbones, Release) then PyTorch (bench/torch_backbones.py, 2 threads). LOCK=FILE runs each side under
# `flock FILE` (a machine shared with other jobs). Last line (Hark/PyTorch samples/s):
#   effnet_train_ratio=... effnet_infer_ratio=... resnet50_train_ratio=... resnet50_infer_ratio=...
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
steps="${STEPS:-2}"
lock=(); [ -n "${LOCK:-}" ] && lock=(flock "$LOCK")

"${lock[@]}" dotnet build bench/Hark.Bench -c Release -nologo -v q > /dev/null
value() { echo "$1" | awk -v key="$2" '$0 ~ key { print $NF; exit }'; }
echo "== Hark efficientnet-v2-s and resnet50 (batch 16, 3x224x224, $steps timed steps)"
hark_out="$("${lock[@]}" dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll backbones "$steps" 2>&1)"
echo "$hark_out"
echo "== PyTorch $("$python" -c 'import torch; print(torch.__version__)') (bench/torch_backbones.py 2 $steps)"
torch_out="$("${lock[@]}" "$python" bench/torch_backbones.py 2 "$steps" 2>&1)"
echo "$torch_out"
ratio() { awk -v h="$(value "$hark_out" "$1")" -v t="$(value "$torch_out" "$1")" 'BEGIN { printf "%.2f", h / t }'; }
echo "effnet_train_ratio=$(ratio "efficientnet-v2-s train samples/s") effnet_infer_ratio=$(ratio "efficientnet-v2-s infer samples/s")" \
  "resnet50_train_ratio=$(ratio "resnet50 train samples/s") resnet50_infer_ratio=$(ratio "resnet50 infer samples/s")"
