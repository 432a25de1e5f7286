#!/usr/bin/env bash
# ONNX benchmark (issue 15): every zoo model exported at a small width, plus two --with-front-end (waveform-in) files, and validated by onnx.checker (tools/onnx_check.py,
# Debian's python3-onnx), then inference samples/s side by side in one run: Hark's engine, ONNX Runtime (CPU) on Hark's
# export of the same network, and PyTorch, for seed-cnn (3 inputs of 3x96x96, batch 32; ../shared/bench/peer_torch_cnn.py)
# and PANNs' Cnn14 (10 s clips, 1x64x1001, batch 8; bench/torch_cnn14.py). Env: STEPS (timed Cnn14 batches, default 5;
# seed-cnn runs twice as many), OUT (default bench/out/onnx). `ENGINE=onnxruntime bench/serve.sh` measures serving.
# Last line: ort_vs_torch_seed=<ORT/PyTorch> ort_vs_torch_cnn14=<ORT/PyTorch> hark_vs_torch_seed=<Hark/PyTorch> hark_vs_torch_cnn14=<Hark/PyTorch>
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${STEPS:-5}"
out="${OUT:-bench/out/onnx}"
python="${PYTHON:-/usr/bin/python3}"

dotnet build bench/Hark.Bench.Onnx -c Release -nologo -v q >/dev/null
bench=(dotnet bench/Hark.Bench.Onnx/bin/Release/net10.0/Hark.Bench.Onnx.dll)
echo "== exporting the zoo to $out and checking with onnx.checker"
"${bench[@]}" export-zoo "$out"
"$python" tools/onnx_check.py "$out"/*.onnx
echo "== Hark and ONNX Runtime ($steps timed Cnn14 batches)"
hark_out="$("${bench[@]}" speed "$steps" 2>&1)"
echo "$hark_out"
echo "== PyTorch ($("$python" -c 'import torch; print(torch.__version__)'), 2 threads)"
torch_seed="$("$python" ../shared/bench/peer_torch_cnn.py 2 96 2>&1)"
echo "$torch_seed"
torch_cnn14="$("$python" bench/torch_cnn14.py 2 "$steps" 2>&1)"
echo "$torch_cnn14"

value() { echo "$1" | awk -v key="$2" '$0 ~ key { for (i = 1; i <= NF; i++) if ($i == "samples/s") { print $(i + 1); exit } }'; }
awk -v hs="$(value "$hark_out" "seed-cnn hark")" -v os="$(value "$hark_out" "seed-cnn onnxruntime")" -v ts="$(value "$torch_seed" "^infer")" \
    -v hc="$(value "$hark_out" "cnn14 hark")" -v oc="$(value "$hark_out" "cnn14 onnxruntime")" -v tc="$(value "$torch_cnn14" "cnn14 infer")" \
    'BEGIN { printf "ort_vs_torch_seed=%.2f ort_vs_torch_cnn14=%.2f hark_vs_torch_seed=%.2f hark_vs_torch_cnn14=%.2f\n", os / ts, oc / tc, hs / ts, hc / tc }'
