#!/usr/bin/env bash
# EMO-DB speech emotion, speaker-independent split (speakers 03 and 08 test): Hark's seed-audio recipe and
# ../shared/bench/peer_torch_train.py (same front end, model and recipe in PyTorch) with the same epochs and seeds, on
# 2 s clips at 16 kHz. The test split holds 107 clips, so one seed's accuracy moves in steps of 0.9 points and from seed
# to seed by several; SEEDS runs each side once per seed and compares the means. Prints each run's test accuracy and
# macro-F1 and the means; last line:
#   hark_acc=<mean> torch_acc=<mean> hark_macro_f1=<mean> torch_macro_f1=<mean> seeds=<n>
# EPOCHS (default 30) sets both runs' epochs; SEEDS (default "0") the seeds, e.g. SEEDS="0 1 2".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/emodb"
[ -d "$data" ] || { echo "emodb.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-30}"
read -r -a seeds <<<"${SEEDS:-0}"
out="$root/bench/out/emodb"
rm -rf "$out"; mkdir -p "$out"
results="$out/results.tsv"
source "$root/bench/seed_runs.sh"
printf 'seed\tside\taccuracy\tmacro_f1\n' > "$results"

for seed in "${seeds[@]}"; do
  echo "== seed $seed, Hark: seed-audio recipe, 2 s at 16 kHz, $epochs epochs"
  "$root/hark" train --data "$data/metadata.csv" --out "$out/run-$seed" --overwrite --recipe seed-audio --set seed="$seed" \
    --set recipe.epochs="$epochs" --set data.validation=none --set front_end.length.seconds=2.0 | tee "$out/hark-$seed.log"
  record_hark "$seed" "$out/run-$seed" accuracy macro_f1

  echo "== seed $seed, PyTorch: ../shared/bench/peer_torch_train.py --sr 16000 --seconds 2.0, $epochs epochs"
  (cd "$data" && /usr/bin/python3 "$root/../shared/bench/peer_torch_train.py" metadata.csv --sr 16000 --seconds 2.0 \
    --epochs "$epochs" --threads 2 --seed "$seed") | tee "$out/torch-$seed.log"
  record_torch "$seed" "$out/torch-$seed.log" acc macroF1
done

python3 "$root/bench/seed_means.py" "$results" accuracy=acc macro_f1=macro_f1
