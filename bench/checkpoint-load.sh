#!/usr/bin/env bash
# Checkpoint load time (issue 11): a full-size PANNs Cnn14 checkpoint (327 MB, random weights, saved as PANNs' training
# script saves it: {'iteration', 'model', 'sampler'} with numpy content) is generated with PyTorch into $CHECKPOINT_DIR
# (default /tmp/hark-bench-checkpoints; kept between runs, never committed) in the zip format and in the legacy format
# of torch < 1.6. Each file is read first into the page cache, then loaded REPEATS times (default 5) by Hark
# (StateDictFile.Read, in-process, best time) and by torch.load(map_location='cpu') (in-process, best time), side by side.
# Hark's time to copy the tensors into a Cnn14 is printed too. The last line is
#   load_ratio=<Hark/PyTorch seconds, zip format> legacy_load_ratio=<Hark/PyTorch seconds, legacy format>
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
folder="${CHECKPOINT_DIR:-/tmp/hark-bench-checkpoints}"
repeats="${REPEATS:-5}"

if [[ ! -f "$folder/cnn14.pth" || ! -f "$folder/cnn14_legacy.pth" ]]; then
  echo "== generating PANNs Cnn14 checkpoints in $folder"
  "$python" bench/cnn14_checkpoint.py make "$folder"
fi
dotnet build bench/Hark.Bench -c Release -nologo -v q >/dev/null

value() { echo "$1" | awk -v key="$2" '$0 ~ key { print $NF; exit }'; }
ratios=()
for name in cnn14 cnn14_legacy; do
  file="$folder/$name.pth"
  cat "$file" >/dev/null
  echo "== $name.pth ($(stat -c %s "$file") bytes), first and best of $repeats loads, Hark then PyTorch $("$python" -c 'import torch; print(torch.__version__)')"
  hark_out="$(dotnet bench/Hark.Bench/bin/Release/net10.0/Hark.Bench.dll checkpoint "$file" "$repeats" 2>/dev/null)"
  echo "$hark_out"
  torch_out="$("$python" bench/cnn14_checkpoint.py load "$file" "$repeats")"
  echo "$torch_out"
  ratios+=("$(awk -v h="$(value "$hark_out" "hark load seconds")" -v t="$(value "$torch_out" "torch load seconds")" 'BEGIN { printf "%.2f", h / t }')")
done
echo "load_ratio=${ratios[0]} legacy_load_ratio=${ratios[1]}"
