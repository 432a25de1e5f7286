#!/usr/bin/env bash
# `hark serve` benchmark (issue 5) on ../shared/data/fsdd: trains the seed-audio recipe (or reuses bench/out/serve/run),
# indexes the 300 test clips, starts `hark serve` on loopback with that index, reports the similarity figure (for each
# test clip as query, the fraction of its top-5 neighbours, itself excluded, with the same digit), then drives
# POST /v1/predict with 1, 8 and 32 concurrent clients for LOAD_SECONDS each (default 30) from bench/Hark.Bench.Serve.
# Env: OUT (default bench/out/serve), EPOCHS (training, default 12), LOAD_SECONDS (per load level, default 30), PORT (default 18080),
# ENGINE (hark serve --engine: hark, the default, or onnxruntime).
# Last line: rps_32=<requests/s> p99_ms_32=<p99 latency> errors=<non-2xx or failed requests, all levels> mem_growth_pct=<server RSS end vs after warm-up>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="$root/../shared/data/fsdd"
[ -d "$data" ] || { echo "serve.sh: $data not found (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
out="${OUT:-$root/bench/out/serve}"
run="$out/run"
seconds="${LOAD_SECONDS:-30}"
port="${PORT:-18080}"
mkdir -p "$out"
./hark --help >/dev/null
dotnet build bench/Hark.Bench.Serve -c Release -nologo -v q >/dev/null
client=(dotnet bench/Hark.Bench.Serve/bin/Release/net10.0/Hark.Bench.Serve.dll)

if [ -f "$run/model.safetensors" ] && [ -f "$run/metrics.json" ]; then
  echo "== reusing $run"
else
  echo "== training seed-audio on fsdd, ${EPOCHS:-12} epochs"
  rm -rf "$run"
  ./hark train --data "$data/metadata.csv" --out "$run" --recipe seed-audio --set recipe.epochs="${EPOCHS:-12}" --set data.validation=none
fi

clips="$out/test-clips"
rm -rf "$clips"; mkdir -p "$clips"
tr -d '\r' < "$data/metadata.csv" | awk -F, 'NR > 1 && $NF == "test" { print $1 }' | while read -r path; do ln -s "$data/$path" "$clips/"; done
echo "== indexing $(ls "$clips" | wc -l) test clips"
./hark index "$run" "$clips" --out "$out/test.idx"

./hark serve "$run" --urls "http://127.0.0.1:$port" --index "$out/test.idx" ${ENGINE:+--engine "$ENGINE"} > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "serve.sh: server did not become ready" >&2; cat "$out/server.log" >&2; exit 1; }
pid=$server  # ./hark execs dotnet, so this is the server process

echo "== similarity over HTTP (POST /v1/similar?k=6 per test clip, itself dropped)"
"${client[@]}" similarity "http://127.0.0.1:$port" "$data/metadata.csv" | tee "$out/similarity.log"

echo "== load: POST /v1/predict, ${seconds} s per level"
"${client[@]}" load "http://127.0.0.1:$port" "$clips" "$pid" "$seconds" 1,8,32 | tee "$out/load.log"
kill -TERM "$server"; wait "$server" || true
trap - EXIT
tail -1 "$out/load.log"
