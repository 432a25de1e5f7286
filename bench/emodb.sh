#!/usr/bin/env bash
# EMO-DB speech emotion, speaker-independent split (speakers 03 and 08 test): Hark's seed-audio recipe and
# ../shared/bench/peer_torch_train.py (same front end, model and recipe in PyTorch) with the same epochs, on 2 s clips
# at 16 kHz. Prints test accuracy and macro-F1 side by side; last line:
#   hark_acc=<x> torch_acc=<y> hark_macro_f1=<x> torch_macro_f1=<y>
# EPOCHS (default 30) sets both runs' epochs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/emodb"
[ -d "$data" ] || { echo "emodb.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-30}"
out="$root/bench/out/emodb"
rm -rf "$out"; mkdir -p "$out"

echo "== Hark: seed-audio recipe, 2 s at 16 kHz, $epochs epochs"
"$root/hark" train --data "$data/metadata.csv" --out "$out/run" --recipe seed-audio \
  --set recipe.epochs="$epochs" --set data.validation=none --set front_end.length.seconds=2.0 | tee "$out/hark.log"
read -r hark_acc hark_f1 < <(python3 -c "import json; t=json.load(open('$out/run/metrics.json'))['test']; print(t['accuracy'], t['macro_f1'])")

echo "== PyTorch: ../shared/bench/peer_torch_train.py --sr 16000 --seconds 2.0, $epochs epochs"
(cd "$data" && /usr/bin/python3 "$root/../shared/bench/peer_torch_train.py" metadata.csv --sr 16000 --seconds 2.0 --epochs "$epochs" --threads 2) | tee "$out/torch.log"
torch_acc=$(grep -o 'test_acc=[0-9.]*' "$out/torch.log" | tail -1 | cut -d= -f2)
torch_f1=$(grep -o 'test_macroF1=[0-9.]*' "$out/torch.log" | tail -1 | cut -d= -f2)

printf '%-8s %-10s %-10s\n' "" accuracy macro_f1
printf '%-8s %-10.4f %-10.4f\n' hark "$hark_acc" "$hark_f1" torch "$torch_acc" "$torch_f1"
printf 'hark_acc=%.4f torch_acc=%.4f hark_macro_f1=%.4f torch_macro_f1=%.4f\n' "$hark_acc" "$torch_acc" "$hark_f1" "$torch_f1"
