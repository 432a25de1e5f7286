#!/usr/bin/env bash
# Issue 11's end-to-end check of the pretrained recipes on ../shared/data/emodb (single-label, accuracy) and
# ../shared/data/fsdd-mix (multi-label, LWLRAP): from a random-weight PANNs-format checkpoint (PANNs' Cnn14 layout,
# {'iteration', 'model', 'sampler'} with numpy content, first width WIDTH (default 8) instead of 64; real weights
# cannot be downloaded here) it trains --recipe probe and --recipe panns-finetune beside the seed-audio recipe, each
# on 2 s clips with no validation split, then checks that each pretrained run predicts one file and serves one request,
# and fits scikit-learn's StandardScaler + LogisticRegression(C=1) on the probe run's own embeddings (hark embed RUN)
# for the probe's figure beside it. EPOCHS (default 8) sets seed-audio's and panns-finetune's epochs. Runs, logs and
# the feature cache go to bench/out/panns-recipes. LOCK=FILE runs each step under `flock FILE` (a machine shared with
# other jobs). Last line:
#   emodb: seed_audio_acc=... probe_acc=... sklearn_acc=... finetune_acc=...  fsdd_mix: seed_audio_lwlrap=... probe_lwlrap=... sklearn_lwlrap=... finetune_lwlrap=...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
epochs="${EPOCHS:-8}"
width="${WIDTH:-8}"
out="$root/bench/out/panns-recipes"
rm -rf "$out"; mkdir -p "$out"
checkpoint="$out/cnn14_w$width.pth"
lock=(); [ -n "${LOCK:-}" ] && lock=(flock "$LOCK")
hark() { "${lock[@]}" "$root/hark" "$@"; }
"${lock[@]}" "$python" "$root/bench/cnn14_checkpoint.py" small "$checkpoint" "$width"
common=(--set front_end.length.seconds=2.0 --set data.validation=none --set data.cache_dir="$out/cache")
metric() { "$python" -c "import json, sys; print(f\"{json.load(open(sys.argv[1]))['test'][sys.argv[2]]:.4f}\")" "$1/metrics.json" "$2"; }

port=18731
check_run() { # RUN FILE: predict one file, then serve the run and post the file once
  hark predict "$1" "$2" --top-k 2
  "$root/hark" serve "$1" --urls "http://127.0.0.1:$port" > "$1.serve.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  curl -sf -F file=@"$2" "http://127.0.0.1:$port/v1/predict" | head -c 300; echo
  kill "$server"; wait "$server" || true
  port=$((port + 1))
}

summary=()
for dataset in emodb fsdd-mix; do
  data="$root/../shared/data/$dataset"
  [ -d "$data" ] || { echo "panns-recipes.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
  key=$([ "$dataset" = emodb ] && echo accuracy || echo lwlrap)
  short=$([ "$dataset" = emodb ] && echo acc || echo lwlrap)
  file="$data/$(awk -F, 'NR == 2 { print $1 }' "$data/metadata.csv")"
  echo "== $dataset: seed-audio, $epochs epochs"
  hark train --data "$data/metadata.csv" --out "$out/$dataset-seed-audio" --recipe seed-audio --set recipe.epochs="$epochs" "${common[@]}"
  echo "== $dataset: probe from $checkpoint"
  hark train --data "$data/metadata.csv" --out "$out/$dataset-probe" --recipe probe --set model.pretrained="$checkpoint" "${common[@]}"
  check_run "$out/$dataset-probe" "$file"
  hark embed "$out/$dataset-probe" "$data/metadata.csv" --out "$out/$dataset-probe-embeddings.npy" --cache "$out/cache"
  sklearn="$("${lock[@]}" "$python" "$root/bench/probe_sklearn.py" "$data/metadata.csv" "$out/$dataset-probe-embeddings.npy" 1.0)"
  echo "$sklearn"
  echo "== $dataset: panns-finetune from $checkpoint, $epochs epochs"
  hark train --data "$data/metadata.csv" --out "$out/$dataset-finetune" --recipe panns-finetune --set model.pretrained="$checkpoint" \
    --set recipe.epochs="$epochs" "${common[@]}"
  check_run "$out/$dataset-finetune" "$file"
  summary+=("${dataset//-/_}: seed_audio_$short=$(metric "$out/$dataset-seed-audio" "$key") probe_$short=$(metric "$out/$dataset-probe" "$key")"
    "sklearn_$short=${sklearn#*=} finetune_$short=$(metric "$out/$dataset-finetune" "$key")")
done
echo "${summary[*]}"
