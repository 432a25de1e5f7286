#!/usr/bin/env bash
# Front-end benchmark (issue 3): decode + resample to 32 kHz + Panns32k log-mel, Hark vs soundfile + torchaudio (2 threads),
# on ../shared/data/fsdd and ../shared/data/emodb; then a cold feature-cache fill vs a warm cached run over both.
# Last line: fsdd_ratio=<Hark/torchaudio audio-s/s> emodb_ratio=<...> cache_speedup=<cold fill time / warm run time>
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
dotnet build bench/Hark.Bench.Frontend -c Release -nologo -v q >/dev/null
bench=(dotnet bench/Hark.Bench.Frontend/bin/Release/net10.0/Hark.Bench.Frontend.dll)
rate() { sed -E 's/.* ([0-9.]+) audio-s\/s.*/\1/' <<<"$1"; }
declare -A ratio
for set in fsdd emodb; do
  hark=$("${bench[@]}" throughput "$data/$set" | tail -1)
  peer=$(/usr/bin/python3 ../shared/bench/peer_torch_features.py "$data/$set" 2 2>/dev/null | tail -1)
  echo "$set hark:       $hark"
  echo "$set torchaudio: $peer"
  ratio[$set]=$(awk -v h="$(rate "$hark")" -v p="$(rate "$peer")" 'BEGIN { printf "%.2f", h / p }')
done
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
cold=$("${bench[@]}" cache "$cache" "$data/fsdd" "$data/emodb" | tail -1)
warm=$("${bench[@]}" cache "$cache" "$data/fsdd" "$data/emodb" | tail -1)
reads=$("${bench[@]}" reads "$cache" | tail -1)
echo "cold $cold"
echo "warm $warm"
seconds() { sed -E 's/.* ([0-9.]+) s$/\1/' <<<"$1"; }
speedup=$(awk -v c="$(seconds "$cold")" -v w="$(seconds "$warm")" 'BEGIN { printf "%.1f", c / w }')
# The least a warm run can take here: reading the entries into memory, no index, no audio stamps, no parsing.
echo "bare $reads (cold fill / bare entry reads = $(awk -v c="$(seconds "$cold")" -v r="$(seconds "$reads")" 'BEGIN { printf "%.1f", c / r }'))"
echo "fsdd_ratio=${ratio[fsdd]} emodb_ratio=${ratio[emodb]} cache_speedup=$speedup"
