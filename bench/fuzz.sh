#!/usr/bin/env bash
# Hostile-input fuzz harness (issue 18). Generates, from the committed fixtures in tests/Hark.Audio.Tests/Fixtures/audio and
# seed 18, PER_FORMAT damaged files of each format (WAV PCM16, WAV float32, FLAC, Ogg Vorbis, MP3: truncations, bit flips,
# extreme header fields, deletions, insertions, random tails, splices) plus crafted ones (sample rates 0..2^32-1, zero
# channels, NaN/Inf float samples, truncated FLACs, non-audio and empty files, odd rates that must work). Every file goes
# through decoding + a tiny run's front end in process; an evenly spread CLI_SAMPLE of them through `hark predict` and
# `hark features` (one process each), and SERVE_SAMPLE through `hark serve` (POST /v1/predict); each with a 10 s limit.
# The generator and judge are tests/Hark.Audio.Tests/Fuzzing (its CI subset is FuzzCorpusTests).
# Env: OUT (default bench/out/fuzz), PER_FORMAT (default 1000), CLI_SAMPLE (default 40), SERVE_SAMPLE (default 400).
# Last line: files=<all runs> crashes=<n> hangs=<n> nan_outputs=<n> silent_garbage=<n> unclear_errors=<n>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${OUT:-$root/bench/out/fuzz}"
mkdir -p "$out"
./hark --help >/dev/null
dotnet build bench/Hark.Bench.Fuzz -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
fuzz=(dotnet bench/Hark.Bench.Fuzz/bin/Release/net10.0/Hark.Bench.Fuzz.dll)
run="$out/run"
if [ ! -f "$run/model.safetensors" ]; then
  echo "== training a tiny run on demo data (2 epochs, width 4)"
  rm -rf "$run" "$out/data"
  csv="$("${fuzz[@]}" demo-data "$out/data")"
  ./hark train --data "$csv" --out "$run" --recipe seed-audio --set recipe.epochs=2 --set model.width=4 --set recipe.batch_size=8 >"$out/train.log"
fi
"${fuzz[@]}" run "$out" "$run" "$root/.build/hark/Hark.Cli.dll" "${PER_FORMAT:-1000}" "${CLI_SAMPLE:-40}" "${SERVE_SAMPLE:-400}" | tee "$out/fuzz.log"
