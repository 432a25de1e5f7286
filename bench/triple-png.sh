#!/usr/bin/env bash
# fsdd-triple-png (the seed-000 format: three spectrogram PNGs per sample) with the seed-a recipe (seed-cnn, one branch
# per image, late fusion): train on train/metadata.csv (a stratified 15 % holds out validation and picks the best epoch
# by macro-F1), predict test/metadata.csv into submission.csv, check its ids are in test/metadata.csv's order, and
# score the run with `hark eval ... --solution test/solution.csv`. Last line:
#   order_ok=<true|false> macro_f1=<x> accuracy=<y>
# EPOCHS (default 15; the recipe's own is 50) sets the epochs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/fsdd-triple-png"
[ -d "$data" ] || { echo "triple-png.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-15}"
out="$root/bench/out/triple-png"
rm -rf "$out"; mkdir -p "$out"

echo "== hark train: seed-a recipe, $epochs epochs"
"$root/hark" train --data "$data/train/metadata.csv" --out "$out/run" --overwrite --recipe seed-a --set recipe.epochs="$epochs" | tee "$out/train.log"

echo "== hark predict test/metadata.csv"
"$root/hark" predict "$out/run" "$data/test/metadata.csv" --out "$out/submission.csv"
head -3 "$out/submission.csv"
order_ok=$(python3 -c "
import csv
expected = [r['id'] for r in csv.DictReader(open('$data/test/metadata.csv'))]
got = [r['id'] for r in csv.DictReader(open('$out/submission.csv'))]
print('true' if got == expected else 'false')")
echo "submission ids in test/metadata.csv order: $order_ok"

echo "== hark eval test/metadata.csv --solution test/solution.csv"
"$root/hark" eval "$out/run" "$data/test/metadata.csv" --solution "$data/test/solution.csv" | tee "$out/eval.json"
read -r f1 acc < <(python3 -c "import json; m=json.load(open('$out/eval.json')); print(m['macro_f1'], m['accuracy'])")
printf 'order_ok=%s macro_f1=%.4f accuracy=%.4f\n' "$order_ok" "$f1" "$acc"
