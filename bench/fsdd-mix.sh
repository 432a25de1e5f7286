#!/usr/bin/env bash
# fsdd-mix multi-label tagging (1-3 digits per 2 s clip): Hark's seed-audio recipe with BCE (no label smoothing) on the
# path,labels,split CSV, and bench/fsdd_mix_torch.py (the same front end, CNN and recipe in PyTorch, BCE-with-logits),
# with the same epochs, seeds and front end: the clips' own 8 kHz (no resampling), n_fft 256, hop 160 (20 ms), 40 Slaney
# mels. Prints LWLRAP and macro mAP of each run on the test split and the means over SEEDS; last line:
#   hark_lwlrap=<mean> torch_lwlrap=<mean> hark_map=<mean> torch_map=<mean> seeds=<n>
# EPOCHS (default 12) sets both runs' epochs; SEEDS (default "0") the seeds, e.g. SEEDS="0 1 2".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/fsdd-mix"
[ -d "$data" ] || { echo "fsdd-mix.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-12}"
read -r -a seeds <<<"${SEEDS:-0}"
out="$root/bench/out/fsdd-mix"
rm -rf "$out"; mkdir -p "$out"
results="$out/results.tsv"
source "$root/bench/seed_runs.sh"
printf 'seed\tside\tlwlrap\tmap\n' > "$results"

for seed in "${seeds[@]}"; do
  echo "== seed $seed, Hark: seed-audio recipe with BCE, 2 s at the data's 8 kHz, n_fft 256, hop 160, 40 mels, $epochs epochs"
  "$root/hark" train --data "$data/metadata.csv" --out "$out/run-$seed" --overwrite --recipe seed-audio --set seed="$seed" \
    --set recipe.epochs="$epochs" --set recipe.loss=bce --set recipe.label_smoothing=0 \
    --set data.validation=none --set front_end.length.seconds=2.0 \
    --set front_end.sample_rate=8000 --set front_end.n_fft=256 --set front_end.hop_length=160 --set front_end.n_mels=40 | tee "$out/hark-$seed.log"
  record_hark "$seed" "$out/run-$seed" lwlrap map

  echo "== seed $seed, PyTorch: bench/fsdd_mix_torch.py (same front end), $epochs epochs"
  (cd "$data" && /usr/bin/python3 "$root/bench/fsdd_mix_torch.py" metadata.csv --sr 8000 --seconds 2.0 --n-fft 256 --hop 160 --mels 40 \
    --epochs "$epochs" --threads 2 --seed "$seed") | tee "$out/torch-$seed.log"
  record_torch "$seed" "$out/torch-$seed.log" lwlrap map
done

python3 "$root/bench/seed_means.py" "$results" lwlrap=lwlrap map=map
