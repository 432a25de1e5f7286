#!/usr/bin/env bash
# FSDD spoken digits, official split, the seed recipe for 12 epochs: Hark and ../shared/bench/peer_torch_train.py
# (PyTorch on the CPU, same front end, model and recipe) one after the other, on the same machine and threads.
# Last line: hark_acc=<test accuracy> torch_acc=<test accuracy> time_ratio=<Hark features+training time / PyTorch's>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/fsdd"
[ -d "$data" ] || { echo "fsdd.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-12}"
out="$root/bench/out/fsdd"
rm -rf "$out"; mkdir -p "$out"
"$root/hark" --help >/dev/null  # build outside the timing

echo "== Hark: seed-audio recipe, $epochs epochs"
start=$(date +%s.%N)
"$root/hark" train --data "$data/metadata.csv" --out "$out/run" --overwrite --recipe seed-audio \
  --set recipe.epochs="$epochs" --set data.validation=none --set data.cache_dir=none | tee "$out/hark.log"
hark_wall=$(echo "$(date +%s.%N) - $start" | bc -l)
read -r hark_acc hark_time < <(python3 -c "import json,sys; m=json.load(open('$out/run/metrics.json')); print(m['test']['accuracy'], m['feature_seconds']+m['train_seconds'])")

echo "== PyTorch: ../shared/bench/peer_torch_train.py, $epochs epochs"
(cd "$data" && /usr/bin/python3 "$root/../shared/bench/peer_torch_train.py" metadata.csv --epochs "$epochs" --threads 2) | tee "$out/torch.log"
torch_acc=$(grep -o 'test_acc=[0-9.]*' "$out/torch.log" | tail -1 | cut -d= -f2)
torch_time=$(python3 -c "import re; t=open('$out/torch.log').read(); print(float(re.findall(r'features_s=([0-9.]+)',t)[-1])+float(re.findall(r'train_s=([0-9.]+)',t)[-1]))")

printf 'hark: features+training %.1f s (whole command %.1f s), test accuracy %s\n' "$hark_time" "$hark_wall" "$hark_acc"
printf 'torch: features+training %.1f s, test accuracy %s\n' "$torch_time" "$torch_acc"
printf 'hark_acc=%.4f torch_acc=%.4f time_ratio=%.2f\n' "$hark_acc" "$torch_acc" "$(echo "$hark_time / $torch_time" | bc -l)"
