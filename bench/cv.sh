#!/usr/bin/env bash
# 5-fold cross-validation on fsdd-mix's train rows (iterative multilabel-stratified folds) with the seed-audio recipe
# and BCE (no label smoothing) on fsdd-mix.sh's 8 kHz front end: out-of-fold predictions in oof.csv, then on the test
# split the per-class rank-averaged ensemble of the five fold models against the mean of the single folds (LWLRAP and
# macro mAP). Last line:
#   mean_fold_lwlrap=<x> ensemble_lwlrap=<y> mean_fold_map=<x> ensemble_map=<y> oof_lwlrap=<z>
# EPOCHS (default 6) sets each fold's epochs; FOLDS (default 5) the folds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/fsdd-mix"
[ -d "$data" ] || { echo "cv.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-6}"
folds="${FOLDS:-5}"
out="$root/bench/out/cv"
rm -rf "$out"; mkdir -p "$out"

echo "== hark cv: $folds folds, seed-audio recipe with BCE, 2 s at the data's 8 kHz, n_fft 256, hop 160, 40 mels, $epochs epochs per fold"
"$root/hark" cv --data "$data/metadata.csv" --out "$out" --overwrite --folds "$folds" --recipe seed-audio \
  --set recipe.epochs="$epochs" --set recipe.loss=bce --set recipe.label_smoothing=0 --set front_end.length.seconds=2.0 \
  --set front_end.sample_rate=8000 --set front_end.n_fft=256 --set front_end.hop_length=160 --set front_end.n_mels=40 | tee "$out/cv.log"
echo "out-of-fold predictions: $(($(wc -l < "$out/oof.csv") - 1)) rows in $out/oof.csv"
python3 - "$out/cv.json" <<'PY'
import json, sys
cv = json.load(open(sys.argv[1]))
for k, fold in enumerate(cv["fold_test"], 1):
    print(f"fold {k}: test lwlrap {fold['lwlrap']:.4f}  map {fold['map']:.4f}")
mean, ens, oof = cv["mean_fold_test"], cv["ensemble_test"], cv["out_of_fold"]
print(f"mean single fold: lwlrap {mean['lwlrap']:.4f}  map {mean['map']:.4f}")
print(f"rank-averaged ensemble: lwlrap {ens['lwlrap']:.4f}  map {ens['map']:.4f}")
print(f"ensemble >= mean fold: lwlrap {ens['lwlrap'] >= mean['lwlrap']}  map {ens['map'] >= mean['map']}")
print(f"mean_fold_lwlrap={mean['lwlrap']:.4f} ensemble_lwlrap={ens['lwlrap']:.4f} mean_fold_map={mean['map']:.4f} ensemble_map={ens['map']:.4f} oof_lwlrap={oof['lwlrap']:.4f}")
PY
