#!/usr/bin/env bash
# fsdd-mix multi-label tagging (1-3 digits per 2 s clip): Hark's seed-audio recipe with BCE (no label smoothing) on the
# path,labels,split CSV, and bench/fsdd_mix_torch.py (the same front end, CNN and recipe in PyTorch, BCE-with-logits),
# with the same epochs and front end: the clips' own 8 kHz (no resampling), n_fft 256, hop 160 (20 ms), 40 Slaney mels.
# Prints LWLRAP and macro mAP of each on the test split; last line:
#   hark_lwlrap=<x> torch_lwlrap=<y> hark_map=<x> torch_map=<y>
# EPOCHS (default 12) sets both runs' epochs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/fsdd-mix"
[ -d "$data" ] || { echo "fsdd-mix.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
epochs="${EPOCHS:-12}"
out="$root/bench/out/fsdd-mix"
rm -rf "$out"; mkdir -p "$out"

echo "== Hark: seed-audio recipe with BCE, 2 s at the data's 8 kHz, n_fft 256, hop 160, 40 mels, $epochs epochs"
"$root/hark" train --data "$data/metadata.csv" --out "$out/run" --recipe seed-audio \
  --set recipe.epochs="$epochs" --set recipe.loss=bce --set recipe.label_smoothing=0 \
  --set data.validation=none --set front_end.length.seconds=2.0 \
  --set front_end.sample_rate=8000 --set front_end.n_fft=256 --set front_end.hop_length=160 --set front_end.n_mels=40 | tee "$out/hark.log"
read -r hark_lwlrap hark_map < <(python3 -c "import json; t=json.load(open('$out/run/metrics.json'))['test']; print(t['lwlrap'], t['map'])")

echo "== PyTorch: bench/fsdd_mix_torch.py (same front end), $epochs epochs"
(cd "$data" && /usr/bin/python3 "$root/bench/fsdd_mix_torch.py" metadata.csv --sr 8000 --seconds 2.0 --n-fft 256 --hop 160 --mels 40 --epochs "$epochs" --threads 2) | tee "$out/torch.log"
torch_lwlrap=$(grep -o 'test_lwlrap=[0-9.]*' "$out/torch.log" | tail -1 | cut -d= -f2)
torch_map=$(grep -o 'test_map=[0-9.]*' "$out/torch.log" | tail -1 | cut -d= -f2)

printf '%-8s %-10s %-10s\n' "" lwlrap map
printf '%-8s %-10.4f %-10.4f\n' hark "$hark_lwlrap" "$hark_map" torch "$torch_lwlrap" "$torch_map"
printf 'hark_lwlrap=%.4f torch_lwlrap=%.4f hark_map=%.4f torch_map=%.4f\n' "$hark_lwlrap" "$torch_lwlrap" "$hark_map" "$torch_map"
